package site

import (
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

// keptUnchanged returns, for a file whose bytes are not in memory, the
// test that hands it to the sink as unchanged (and records its hash)
// when the sink knows it holds those bytes already; nil when the sink
// cannot tell.
func (e *emitter) keptUnchanged(name string) func(sum hash, size int) bool {
	u, ok := e.sink.(unchangedPutter)
	if !ok {
		return nil
	}
	return func(sum hash, size int) bool {
		if !u.PutUnchanged(name, sum, size) {
			return false
		}
		e.mu.Lock()
		e.sums[name] = fileSum{sum, size}
		e.mu.Unlock()
		return true
	}
}
