package site

import (
	"io"
	"sync"

	"github.com/flipdeck/flipdeck/internal/outdir"
)

// fileSum is the hash and size of one file of a built site.
type fileSum struct {
	sum  hash
	size int
}

// siteSink receives a build's files one at a time, from many goroutines:
// an *outdir.Writer (a build) or a memSink.
type siteSink interface {
	Put(name string, data []byte, sum hash) error
}

// piecesPutter is a sink that can write a file given in pieces without
// joining them (*outdir.Writer).
type piecesPutter interface {
	PutPieces(name string, parts [][]byte, sum hash) error
}

// memSink keeps a site in memory (Generate, tests).
type memSink struct {
	mu  sync.Mutex
	out Output
}

func (m *memSink) Put(name string, data []byte, _ hash) error {
	m.mu.Lock()
	m.out[name] = data
	m.mu.Unlock()
	return nil
}

// writtenBefore gives the output writer what the last build of this
// process wrote (nil when there was none, or caches are off), so that it
// need not read those files back to find them unchanged.
func writtenBefore(sums map[string]fileSum) map[string]outdir.FileSum {
	if sums == nil {
		return nil
	}
	known := make(map[string]outdir.FileSum, len(sums))
	for name, s := range sums {
		known[name] = outdir.FileSum{Sum: s.sum, Size: s.size}
	}
	return known
}

// unchangedPutter is a sink that can keep a file of the previous build
// without being given its bytes (*outdir.Writer).
type unchangedPutter interface {
	PutUnchanged(name string, sum [32]byte, size int) bool
}

// fromPutter is a sink that can write a file from a copy of it, a piece
// at a time, without being given its bytes whole (*outdir.Writer).
type fromPutter interface {
	PutFrom(name string, size int, copyTo func(io.Writer) error) (bool, error)
}

// placedWithoutBytes returns, for a file whose bytes are not in memory,
// the test that hands it to the sink without them (and records its
// hash) when it can: kept as the output folder holds it already, else
// copied there from copyTo (the build cache's entry). nil when the sink
// can do neither. A failure to write counts as handed over: it is the
// build's error (e.err), as a Put's would be.
func (e *emitter) placedWithoutBytes(name string) func(sum hash, size int, copyTo func(io.Writer) error) bool {
	u, keeps := e.sink.(unchangedPutter)
	f, copies := e.sink.(fromPutter)
	if !keeps && !copies {
		return nil
	}
	return func(sum hash, size int, copyTo func(io.Writer) error) bool {
		var done bool
		var err error
		if keeps {
			done = u.PutUnchanged(name, sum, size)
		}
		if !done && copies && copyTo != nil {
			done, err = f.PutFrom(name, size, copyTo)
		}
		if !done && err == nil {
			return false
		}
		e.mu.Lock()
		e.sums[name] = fileSum{sum, size}
		if err != nil && e.err == nil {
			e.err = err
		}
		e.mu.Unlock()
		return true
	}
}
