package site

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// The caches below let a Builder rebuild after an edit doing only the
// work the edit calls for: notes whose bytes did not change are not
// parsed again, notes whose rendering cannot have changed are not
// rendered again, and pages whose bytes did not change are not minified
// again. A fresh Builder has empty caches, so a one-off build does all
// the work, and the output never depends on what was cached.

type hash = [sha256.Size]byte

// parsedNote is a note as read from bytes with a given hash. The note is
// kept pristine: each build works on a copy (card ids are made unique
// across the site per build, which edits them).
type parsedNote struct {
	size    int64
	modTime time.Time // with size: the file is taken as unchanged without reading it
	sum     hash
	note    *notes.Note
	diags   []diag.Diagnostic
}

// copyNote returns a copy of n whose cards can be edited.
func copyNote(n *notes.Note) *notes.Note {
	c := *n
	c.Cards = append([]notes.Card(nil), n.Cards...)
	return &c
}

// noteDeps is what a note's rendering looked at besides its own text:
// the notes it linked to or embedded, the files it used, and whether it
// asked the vault to find anything (then a new or removed file anywhere
// can change the answer).
type noteDeps struct {
	links  map[string]bool // note paths linked or embedded
	embeds map[string]bool // note paths whose text was embedded
	media  []string        // vault paths of the files used
	vault  bool
}

// depRecorder collects noteDeps while notes render in parallel.
type depRecorder struct {
	mu   sync.Mutex
	deps map[string]*noteDeps // by the rendering note's path
}

func newDepRecorder() *depRecorder { return &depRecorder{deps: map[string]*noteDeps{}} }

func (r *depRecorder) get(from string) *noteDeps {
	d := r.deps[from]
	if d == nil {
		d = &noteDeps{links: map[string]bool{}, embeds: map[string]bool{}}
		r.deps[from] = d
	}
	return d
}

func (r *depRecorder) usedVault(from string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.get(from).vault = true
	r.mu.Unlock()
}

func (r *depRecorder) linked(from, to string, embedded bool) {
	if r == nil {
		return
	}
	r.mu.Lock()
	d := r.get(from)
	d.links[to] = true
	if embedded {
		d.embeds[to] = true
	}
	r.mu.Unlock()
}

func (r *depRecorder) usedMedia(from string, f *vault.File) {
	if r == nil {
		return
	}
	r.mu.Lock()
	d := r.get(from)
	d.media = append(d.media, f.Path)
	r.mu.Unlock()
}

// take returns and forgets the deps recorded for from.
func (r *depRecorder) take(from string) *noteDeps {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := r.get(from)
	delete(r.deps, from)
	return d
}

// renderedEntry is a note's rendering with the key it was made under.
type renderedEntry struct {
	key   hash
	deps  *noteDeps
	rn    *renderedNote // nil: in the persistent cache, not loaded yet
	diags []diag.Diagnostic
	// stored: the persistent cache holds the rendering (diskcache.go).
	stored bool
}

// renderCache holds renderings between builds, and per build the facts
// their keys are made of.
type renderCache struct {
	mu      sync.Mutex // entries is read and written by render goroutines
	entries map[string]*renderedEntry
	// load reads a stored rendering by its key (nil: no persistent cache).
	load func(hash) (*renderedNote, bool)

	// Per build:
	content   map[string]hash        // note path → hash of its bytes
	placement map[string]hash        // note path → where it sits and its anchors
	vaultSig  hash                   // every file of the vault and its output name
	files     map[string]*vault.File // non-note files by vault path (media sizes)
}

func newRenderCache() *renderCache { return &renderCache{entries: map[string]*renderedEntry{}} }

// prepare computes the per-build facts.
func (c *renderCache) prepare(v *vault.Vault, placed map[string]*placedNote, media *mediaSet, content map[string]hash) {
	c.content = content
	c.files = media.byPath
	c.placement = make(map[string]hash, len(placed))
	for p, pn := range placed {
		c.placement[p] = pn.signature()
	}
	h := sha256.New()
	for _, f := range v.Files {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write([]byte(media.names[f]))
		h.Write([]byte{0})
	}
	copy(c.vaultSig[:], h.Sum(nil))
}

// key is the cache key of note n's rendering given what it depended on.
func (c *renderCache) key(n *notes.Note, deps *noteDeps) hash {
	h := sha256.New()
	sum := c.content[n.Path]
	h.Write(sum[:])
	pl := c.placement[n.Path]
	h.Write(pl[:])
	for _, card := range n.Cards {
		h.Write([]byte(card.ID))
		h.Write([]byte{0})
	}
	if deps != nil {
		if deps.vault {
			h.Write(c.vaultSig[:])
		}
		// An image's size is written into the page: a changed file (same
		// name) means a new rendering.
		for _, p := range deps.media {
			if f := c.files[p]; f != nil {
				fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, f.Size, f.ModTime.UnixNano())
			}
		}
		for _, p := range sortedSet(deps.links) {
			h.Write([]byte(p))
			s, ok := c.placement[p]
			binary.Write(h, binary.LittleEndian, ok)
			h.Write(s[:])
			if deps.embeds[p] {
				s := c.content[p]
				h.Write(s[:])
			}
		}
	}
	var k hash
	copy(k[:], h.Sum(nil))
	return k
}

// lookup returns the cached rendering of n when nothing it depends on
// has changed. A rendering in the persistent cache is loaded only when
// it is used (lazynote.go); render makes it should that fail.
func (c *renderCache) lookup(n *notes.Note, render func() *renderedNote) *renderedEntry {
	c.mu.Lock()
	e := c.entries[n.Path]
	c.mu.Unlock()
	if e == nil || e.key != c.key(n, e.deps) {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.rn == nil {
		key := e.key
		e.rn = &renderedNote{lazy: &lazyNote{load: func() (*renderedNote, bool) { return c.load(key) },
			failed: func() { c.mu.Lock(); e.stored = false; c.mu.Unlock() }}}
	}
	if e.rn.lazy != nil {
		e.rn.lazy.setRender(render)
	}
	return e
}

// store keeps rn, note n's new rendering, and what it depended on.
func (c *renderCache) store(n *notes.Note, deps *noteDeps, rn *renderedNote, diags []diag.Diagnostic) {
	e := &renderedEntry{key: c.key(n, deps), deps: deps, rn: rn, diags: diags}
	c.mu.Lock()
	c.entries[n.Path] = e
	c.mu.Unlock()
}

// prune forgets notes that are gone.
func (c *renderCache) prune(keep map[string]bool) {
	for p := range c.entries {
		if !keep[p] {
			delete(c.entries, p)
		}
	}
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// signature hashes everything other notes' renderings use of pn: its
// deck page, its anchors and its card anchors.
func (pn *placedNote) signature() hash {
	h := sha256.New()
	for _, s := range []string{pn.deck.URL, pn.anchor, pn.headingPrefix} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, a := range pn.cardAnchors {
		// In order: the first card with a name wins, so order matters.
		fmt.Fprintf(h, "%t\x00%s\x00%s\x00", a.block, a.name, a.cardID)
	}
	var s hash
	copy(s[:], h.Sum(nil))
	return s
}

// minifyCache maps the hash of a file's unminified bytes to its minified
// bytes. Only the entries of the latest build are kept.
type minifyCache struct {
	mu        sync.Mutex
	prev, cur map[hash][]byte
}

func newMinifyCache() *minifyCache {
	return &minifyCache{prev: map[hash][]byte{}, cur: map[hash][]byte{}}
}

func (c *minifyCache) get(k hash) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.cur[k]; ok {
		return b, true
	}
	b, ok := c.prev[k]
	if ok {
		c.cur[k] = b
	}
	return b, ok
}

func (c *minifyCache) put(k hash, b []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.cur[k] = b
	c.mu.Unlock()
}

// rotate ends a build: entries not used in it are dropped.
func (c *minifyCache) rotate() {
	if c == nil {
		return
	}
	c.prev, c.cur = c.cur, map[hash][]byte{}
}

// pageMemo keeps, between builds, finished files by name and key, each
// deck's piece of cards.json, and per-note pieces of it by rendering and
// deck URL. Only what the latest build used is kept.
type pageMemo struct {
	mu              sync.Mutex
	frags, newFrags map[fragKey][]byte
	files, newFiles map[string]memoFile // final files (minified, hashed) by name
	decks, newDecks map[string]memoDeck // a deck's pieces of site-wide files
	// load reads a stored file ("file") or deck piece ("deck") by name
	// and key (nil: no persistent cache).
	load func(kind, name string, key hash) ([]byte, bool)
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
// When its bytes are not in memory and kept(its hash, its size) says the
// output folder keeps it as it is, they are not read at all: then
// kept is true and f has no data.
func (m *pageMemo) file(name string, key *hash, keep func(sum hash, size int) bool) (f finalFile, kept, ok bool) {
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
		if keep != nil && keep(e.f.sum, e.size) {
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
