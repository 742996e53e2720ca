package site

import (
	"bytes"
	"crypto/sha256"
	"path"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// emitter minifies (emit) or takes as final (emitFinal), hashes and
// hands each finished file to the sink, and remembers every file's hash
// for the service worker's build id.
type emitter struct {
	sink  siteSink
	m     *minify.M
	cache *minifyCache // nil: none (a one-off build)

	mu   sync.Mutex
	sums map[string]fileSum
	err  error // the sink's first
}

func newEmitter(sink siteSink, m *minify.M, cache *minifyCache) *emitter {
	return &emitter{sink: sink, m: m, cache: cache, sums: map[string]fileSum{}}
}

// finalFile is a file as written: minified bytes and their hash.
type finalFile struct {
	data []byte
	sum  hash
}

func (e *emitter) emit(name string, data []byte) finalFile {
	if mt, ok := mediaTypes[path.Ext(name)]; ok && !strings.HasPrefix(name, "media/") {
		data = minifyBytes(e.m, e.cache, mt, data)
	}
	return e.emitFinal(name, data)
}

// emitFinal hands over bytes that are final as they are.
func (e *emitter) emitFinal(name string, data []byte) finalFile {
	f := finalFile{data, sha256.Sum256(data)}
	e.emitKnown(name, f)
	return f
}

// emitKnown hands over a file made (and hashed) before.
func (e *emitter) emitKnown(name string, f finalFile) {
	err := e.sink.Put(name, f.data, f.sum)
	e.mu.Lock()
	e.sums[name] = fileSum{f.sum, len(f.data)}
	if err != nil && e.err == nil {
		e.err = err
	}
	e.mu.Unlock()
}

// emitPieces hands over a file made (and hashed) before in pieces, of
// size bytes: the sink writes them one after another when it can.
func (e *emitter) emitPieces(name string, parts [][]byte, size int, sum hash) {
	var err error
	if p, ok := e.sink.(piecesPutter); ok {
		err = p.PutPieces(name, parts, sum)
	} else {
		err = e.sink.Put(name, bytes.Join(parts, nil), sum)
	}
	e.mu.Lock()
	e.sums[name] = fileSum{sum, size}
	if err != nil && e.err == nil {
		e.err = err
	}
	e.mu.Unlock()
}

// minifyBytes minifies data of media type mt, through the cache. A file
// the minifier cannot handle is kept as it is: minifying is an
// optimisation, never a reason to lose a page.
func minifyBytes(m *minify.M, cache *minifyCache, mt string, data []byte) []byte {
	// A one-off build has no cache, and hashing its 100 MB of pages only
	// to look them up in none cost a percent of the build.
	var key hash
	if cache != nil {
		key = sha256.Sum256(data)
		if b, ok := cache.get(key); ok {
			return b
		}
	}
	// Bytes, unlike Minify with a reader, neither copies the input nor
	// grows the output buffer from nothing.
	out, err := m.Bytes(mt, data)
	if err != nil {
		return data
	}
	cache.put(key, out)
	return out
}
