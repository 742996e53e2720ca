package site

import (
	"io"
	"sync"
)

// pageMemo keeps, between builds, finished files by name and key, each
// deck's piece of cards.json, and per-note pieces of it by rendering and
// deck URL. Only what the latest build used is kept.
type pageMemo struct {
	mu              sync.Mutex
	frags, newFrags map[fragKey][]byte
	files, newFiles map[string]memoFile // final files (minified, hashed) by name
	decks, newDecks map[string]memoDeck // a deck's pieces of site-wide files
	// load reads a stored file ("file") or deck piece ("deck") by name
	// and key (nil: no persistent cache); copyTo writes one to w instead
	// (see buildcache.Store.CopyTo).
	load   func(kind, name string, key hash) ([]byte, bool)
	copyTo func(kind, name string, key hash, w io.Writer) error
	// noFragments: there is no next build in this process to use them.
	noFragments bool
}

// memoFile is a finished file and the key it was made under.
type memoFile struct {
	key  hash
	f    finalFile // f.data not loaded yet when stored and loaded are false
	size int       // len(f.data), loaded or not
	// stored: the persistent cache holds it; loaded: f.data is here.
	stored, loaded bool
}

// memoDeck is what a deck contributes to cards.json.
type memoDeck struct {
	key            hash
	cards          []byte
	stored, loaded bool // as in memoFile
}

// file returns the finished file name made under key, if memoised.
// When its bytes are not in memory and place(its hash, its size, a copy
// of its stored bytes) hands it to the output without them (the output
// folder keeps it as it is, or it is copied there from the store), they
// are not read into memory at all: then placed is true and f has no
// data.
func (m *pageMemo) file(name string, key *hash, place func(sum hash, size int, copyTo func(io.Writer) error) bool) (f finalFile, placed, ok bool) {
	if key == nil {
		return finalFile{}, false, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.files[name]
	if !ok || e.key != *key {
		return finalFile{}, false, false
	}
	if !e.loaded {
		if place != nil && m.placeLocked(name, e, place) {
			m.newFiles[name] = e
			return e.f, true, true
		}
		if e.f.data, ok = m.loadLocked("file", name, e.key); !ok {
			return finalFile{}, false, false
		}
		e.loaded = true
	}
	m.newFiles[name] = e
	return e.f, false, true
}

// placeLocked calls place for the stored file e; m.mu is held, and
// released meanwhile: the output's files are written in parallel.
func (m *pageMemo) placeLocked(name string, e memoFile, place func(sum hash, size int, copyTo func(io.Writer) error) bool) bool {
	var copyTo func(io.Writer) error
	if m.copyTo != nil {
		copyTo = func(w io.Writer) error { return m.copyTo("file", name, e.key, w) }
	}
	m.mu.Unlock()
	defer m.mu.Lock()
	return place(e.f.sum, e.size, copyTo)
}

// loadLocked reads a stored entry; m.mu is held, and released while
// the entry is read.
func (m *pageMemo) loadLocked(kind, name string, key hash) ([]byte, bool) {
	if m.load == nil {
		return nil, false
	}
	m.mu.Unlock()
	defer m.mu.Lock()
	return m.load(kind, name, key)
}

func (m *pageMemo) putFile(name string, key *hash, f finalFile) {
	if key == nil {
		return
	}
	m.mu.Lock()
	m.newFiles[name] = memoFile{key: *key, f: f, size: len(f.data), loaded: true}
	m.mu.Unlock()
}

// deck returns deck url's memoised parts made under key.
func (m *pageMemo) deck(url string, key *hash) (memoDeck, bool) {
	if key == nil {
		return memoDeck{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.decks[url]
	if !ok || e.key != *key {
		return memoDeck{}, false
	}
	if !e.loaded {
		if e.cards, ok = m.loadLocked("deck", url, e.key); !ok {
			return memoDeck{}, false
		}
		e.loaded = true
	}
	m.newDecks[url] = e
	return e, true
}

func (m *pageMemo) putDeck(url string, key *hash, cards []byte) {
	if key == nil {
		return
	}
	m.mu.Lock()
	m.newDecks[url] = memoDeck{key: *key, cards: cards, loaded: true}
	m.mu.Unlock()
}

// fragKey names one note's piece of one site-wide file. A rendering
// is replaced, never changed, when anything it shows changes, so its
// pointer identifies its content while it is cached.
type fragKey struct {
	file    string // "cards"
	rn      *renderedNote
	deckURL string
}

func newPageMemo() *pageMemo {
	return &pageMemo{frags: map[fragKey][]byte{}, newFrags: map[fragKey][]byte{},
		files: map[string]memoFile{}, newFiles: map[string]memoFile{},
		decks: map[string]memoDeck{}, newDecks: map[string]memoDeck{}}
}

// fragment returns the memoised piece for k, making it with make when
// there is none (or no memo: nil).
func (m *pageMemo) fragment(k fragKey, make func() []byte) []byte {
	if m == nil || m.noFragments {
		return make()
	}
	m.mu.Lock()
	b, ok := m.frags[k]
	if !ok {
		b, ok = m.newFrags[k]
	}
	m.mu.Unlock()
	if !ok {
		b = make()
	}
	m.mu.Lock()
	m.newFrags[k] = b
	m.mu.Unlock()
	return b
}

// rotate ends a build.
func (m *pageMemo) rotate() {
	m.frags, m.newFrags = m.newFrags, map[fragKey][]byte{}
	m.files, m.newFiles = m.newFiles, map[string]memoFile{}
	m.decks, m.newDecks = m.newDecks, map[string]memoDeck{}
}

// saveEarly hands the file name and the deck piece of name made in this
// build to save, when the store lacks them (a lean persistent cache,
// diskcache.go), and then lets their bytes go: the store has them.
func (m *pageMemo) saveEarly(name string, save func(kind string, key hash, data []byte) bool) {
	m.mu.Lock()
	f, fok := m.newFiles[name]
	d, dok := m.newDecks[name]
	m.mu.Unlock()
	if fok && (f.stored || save("file", f.key, f.f.data)) {
		f.stored, f.loaded, f.f.data = true, false, nil
		m.mu.Lock()
		m.newFiles[name] = f
		m.mu.Unlock()
	}
	if dok && (d.stored || save("deck", d.key, d.cards)) {
		d.stored, d.loaded, d.cards = true, false, nil
		m.mu.Lock()
		m.newDecks[name] = d
		m.mu.Unlock()
	}
}
