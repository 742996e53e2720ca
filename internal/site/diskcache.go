package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/flipdeck/flipdeck/internal/buildcache"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/outdir"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// diskCache is gen -cache: the Builder's caches (stagecache.go) saved to a
// buildcache.Store after each successful build and taken up again by the
// next process, so that a build in a fresh process (a CI run with the
// cache folder restored) does only the work a -serve rebuild would. It
// sits beside the pipeline: it fills the caches before a build and reads
// them after it, and the stages never know where an entry came from.
//
// What is stored, each under a key that is a hash of the options and of
// what the entry was made from:
//
//   - one index per source folder: every note's render key, what its
//     rendering depended on and its diagnostics; every memoised file's
//     key and hash; every deck's key; every note file's size,
//     modification time and hash, with when the build began, and the
//     note's slim parse, so that the next build takes an unchanged note
//     without reading its file or its stored parse (notefill.go);
//   - each note's parse, loaded only when the build needs the note's
//     text (its rendering or its deck's piece of cards.json is made
//     again, or a note rendered again embeds it);
//   - each note's rendering, loaded only when its deck page must be made
//     again (a deck with a changed note);
//   - each finished deck page, tree page and deck piece of cards.json.
//
// A missing or damaged entry is a miss: the work is done again, so the
// output never depends on the cache.
type diskCache struct {
	dir     string
	out     string // -out, as given
	version string // of the gen binary: entries of another are never read
	ns      hash   // the build options that shape the output
	index   hash   // the key of this source folder's index
	loaded  bool
	// lean: b builds once (gen -cache without -serve), so what a deck
	// made is saved as soon as the deck is done and let go: memory then
	// holds a deck's renderings at a time, not the site's (deckDone).
	lean bool

	store *buildcache.Store // of the build under way
	// prevOut is what the last build (in another process) wrote to
	// -out, with each file's modification time once written, so that
	// the output writer keeps those files without reading them back.
	prevOut map[string]outdir.FileSum

	// start is when the build under way began (before the vault scan);
	// prevStart when the build that saved the index did. stats are the
	// notes' sizes, times and hashes that index recorded, used by the
	// first build of the process only (unchangedNote); seen are this
	// build's, saved with the new index.
	start, prevStart time.Time
	stats, seen      map[string]noteStat
	indexSize        int // of the index read, in bytes
}

// noteStat is a note file as a build found it: its size and modification
// time, the hash of the bytes it read (or took as unchanged), and the
// slim parse of those bytes (notefill.go).
type noteStat struct {
	size  int64
	mtime int64 // UnixNano
	sum   hash
	note  *notes.Note
	raw   string // note as the index read holds it, encoded ("": encode it)
}

// racyWindow: a note whose modification time is this close to the start
// of the build that recorded it, or later, may have been changed after
// that build looked at it within the same clock tick (or on a file
// system with coarse times, FAT's are 2 s), so its time proves nothing
// and it is read again (git's "racily clean" rule).
const racyWindow = 2 * time.Second

// UseCache makes b, made by NewBuilder, keep its caches in the folder
// dir between processes (gen -cache). With once (b builds once, gen
// without -serve), b keeps in memory no more than a one-off build does.
// It fails when dir cannot be made or written; the error names it, and
// b then builds without it.
func (b *Builder) UseCache(dir string, once bool) error {
	version, err := buildcache.Executable()
	if err != nil {
		return fmt.Errorf("cannot use cache folder %s: cannot read the gen binary to tell its version (%v); build without -cache", dir, err)
	}
	if err := b.useCache(dir, version); err != nil {
		return err
	}
	if once {
		// Caches for a next build in this process would only hold a
		// second copy of the site: the store holds what a next process
		// needs.
		b.cache.disk.lean = true
		b.cache.minified = nil
		b.cache.pages.noFragments = true
	}
	return nil
}

func (b *Builder) useCache(dir, version string) error {
	c := &diskCache{dir: dir, out: b.opt.Out, version: version}
	// Open checks that the folder can be used; each build opens it again.
	if _, err := buildcache.Open(dir, c.storeOptions()); err != nil {
		return err
	}
	src, _ := filepath.Abs(b.opt.Src)
	o := b.opt
	c.ns = sha256.Sum256(fmt.Appendf(nil, "flipdeck cache 1\x00%q\x00%q\x00%q\x00%t\x00%t\x00%d",
		o.Title, strings.Join(b.parseOptions().Tags, ","), o.BaseURL, o.UnsafeHTML, o.HighlightCloze, o.MaxFileSize))
	c.index = c.key("index", src, nil)
	b.cache.disk = c
	b.cache.renders.load = c.loadRendering
	b.cache.pages.load = c.loadEntry
	b.cache.pages.copyTo = c.copyEntry
	return nil
}

// pruneEvery: the store's entries (11,000 at 5,000 notes) are walked to
// remove old ones every this many builds, or sooner when they grew by half.
const pruneEvery = 10

// keepRuns: an entry no build used goes after this many builds. A build
// uses nearly every entry, and gives each a new modification time once
// every keepRuns/2 builds: at the store's default of 5, every other
// build set the time of all 16,000 entries (6 % of a rebuild).
const keepRuns = 10

func (c *diskCache) storeOptions() buildcache.Options {
	return buildcache.Options{Version: c.version, PruneEvery: pruneEvery, KeepRuns: keepRuns}
}

// CacheFolder returns the absolute path of b's cache folder, "" when
// it has none: the source scan and -serve's watcher skip it.
func (b *Builder) CacheFolder() string {
	if b.cache == nil || b.cache.disk == nil {
		return ""
	}
	abs, _ := filepath.Abs(b.cache.disk.dir)
	return abs
}

// scanSkip is what the vault scan must not enter besides -out.
func (b *Builder) scanSkip(outAbs string) []string {
	if dir := b.CacheFolder(); dir != "" {
		return []string{outAbs, dir}
	}
	return []string{outAbs}
}

// outKey is the key of what the last build wrote to -out.
func (c *diskCache) outKey() hash {
	out, _ := filepath.Abs(c.out)
	return c.key("out", out, nil)
}

// prevWritten is what the output writer may take as written to -out
// before: what this process wrote (known), else what the last build
// wrote, as the persistent cache recorded it.
func (c *diskCache) prevWritten(known map[string]outdir.FileSum) map[string]outdir.FileSum {
	if known != nil || c == nil {
		return known
	}
	prev := c.prevOut
	c.prevOut = nil // true of the folder once only
	return prev
}

// buildsOnce reports whether the builder builds once (lean): then it
// keeps nothing for a next build in memory.
func (c *diskCache) buildsOnce() bool { return c != nil && c.lean }

// key is the store key of an entry of kind for name made under k.
func (c *diskCache) key(kind, name string, k *hash) hash {
	h := sha256.New()
	h.Write(c.ns[:])
	fmt.Fprintf(h, "%s\x00%s\x00", kind, name)
	if k != nil {
		h.Write(k[:])
	}
	var out hash
	copy(out[:], h.Sum(nil))
	return out
}

// begin opens the store for one build and, the first time, fills the
// caches from the index the last build saved. A store that cannot be
// opened now (the folder was removed or made read-only) is an error
// for the caller to report: the build goes on without it.
func (c *diskCache) begin(caches *stageCache, start time.Time) error {
	if c == nil {
		return nil
	}
	c.start = start
	s, err := buildcache.Open(c.dir, c.storeOptions())
	if err != nil {
		c.store = nil
		return err
	}
	c.store = s
	if !c.loaded {
		c.loaded = true
		if data, ok := s.Get(c.outKey()); ok {
			c.prevOut = decodeWritten(data)
		}
		if data, ok := s.Get(c.index); ok {
			c.indexSize = len(data)
			if !decodeIndex(data, caches) {
				// A damaged index: start from empty caches.
				caches.renders.entries = map[string]*renderedEntry{}
				caches.pages.files, caches.pages.decks = map[string]memoFile{}, map[string]memoDeck{}
				c.stats, c.prevStart = nil, time.Time{}
			}
		}
	}
	return nil
}

// unchangedNote returns, in the first build of the process, the note in
// file f without reading it when the last build recorded f with the same
// size and modification time, and that time was well before that build
// began (not racily clean); else nil, and f is read. The note is the
// slim one the index holds: its text is loaded from the store only if
// the build needs it (notefill.go).
func (c *diskCache) unchangedNote(f *vault.File) *parsedNote {
	if c == nil || c.stats == nil || f.ModTime.IsZero() {
		return nil
	}
	st, ok := c.stats[f.Path]
	if !ok || st.note == nil || st.size != f.Size || st.mtime != f.ModTime.UnixNano() ||
		!f.ModTime.Before(c.prevStart.Add(-racyWindow)) {
		return nil
	}
	return &parsedNote{size: f.Size, modTime: f.ModTime, sum: st.sum, note: st.note, diags: st.note.Diags, slim: true}
}

// notesRead records the notes this build read, for the next build's
// unchangedNote; the last build's record is used once only (a later
// build of this process has its own in-memory cache).
func (c *diskCache) notesRead(read []*parsedNote) {
	if c == nil {
		return
	}
	prev := c.stats
	c.stats = nil
	c.seen = make(map[string]noteStat, len(read))
	for _, p := range read {
		if p == nil || p.modTime.IsZero() {
			continue
		}
		st := noteStat{size: p.size, mtime: p.modTime.UnixNano(), sum: p.sum, note: p.note}
		if !p.slim {
			// Not the whole parse: the index needs no more, and a
			// one-off build would keep every note's text till the end.
			st.note = slimNote(p.note)
			st.note.Diags = p.note.Diags
		} else if old, ok := prev[p.note.Path]; ok && old.note == p.note {
			st.raw = old.raw
		}
		c.seen[p.note.Path] = st
	}
}

func (c *diskCache) loadRendering(k hash) (*renderedNote, bool) {
	if c.store == nil {
		return nil, false
	}
	data, ok := c.store.Get(c.key("render", "", &k))
	if !ok {
		return nil, false
	}
	return decodeRendered(data)
}

// loadEntry loads a memoised file ("file") or deck piece ("deck").
func (c *diskCache) loadEntry(kind, name string, k hash) ([]byte, bool) {
	if c.store == nil {
		return nil, false
	}
	return c.store.Get(c.key(kind, name, &k))
}

// copyEntry writes a memoised file ("file") or deck piece ("deck") to
// w; see buildcache.Store.CopyTo.
func (c *diskCache) copyEntry(kind, name string, k hash, w io.Writer) error {
	if c.store == nil {
		return errNoStore
	}
	_, err := c.store.CopyTo(c.key(kind, name, &k), w)
	return err
}

var errNoStore = errors.New("no cache folder open")

// end saves what the build made that the store does not hold yet and
// the new index, marks what it used as used, and prunes the store. It
// returns the first failure to store (the build itself succeeded).
func (c *diskCache) end(caches *stageCache, workers int) error {
	if c == nil || c.store == nil {
		return nil
	}
	s := c.store
	defer func() { c.store = nil }()
	puts, touch := c.unsaved(caches)
	var mu sync.Mutex
	var first error
	parallel(len(puts), workers, func(i int) {
		if err := s.Put(puts[i].key, puts[i].make()); err != nil {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
		}
	})
	// The notes' parses: those kept in memory by -serve, or taken slim
	// from the index, were not read from the store this build.
	for p, pn := range caches.parsed {
		touch = append(touch, c.key("note", p, &pn.sum))
	}
	for p, st := range c.seen {
		touch = append(touch, c.key("note", p, &st.sum))
	}
	for _, k := range touch {
		s.Touch(k)
	}
	if first == nil {
		first = s.Put(c.outKey(), encodeWritten(c.out, caches.written))
	}
	if first == nil {
		// The index last: it names only entries now in the store.
		first = s.Put(c.index, encodeIndex(caches))
	} else {
		s.Put(c.index, nil) // an index that names missing entries would only cost misses; none is simpler
	}
	s.Finish()
	if first != nil {
		return fmt.Errorf("cannot save to cache folder %s: %v; the site was built, the next build may be slower", c.dir, first)
	}
	return nil
}

// storePut is an entry to save: its store key, and what makes its bytes.
type storePut struct {
	key  hash
	make func() []byte
}

// unsaved lists the caches' entries the store lacks (marking them stored,
// as end saves them) and the store keys of those it holds already.
func (c *diskCache) unsaved(caches *stageCache) (puts []storePut, touch []hash) {
	for _, e := range caches.renders.entries {
		k := c.key("render", "", &e.key)
		if e.stored {
			touch = append(touch, k)
			continue
		}
		rn := e.rn.resolved()
		if rn == nil {
			continue
		}
		puts = append(puts, storePut{k, func() []byte { return encodeRendered(rn) }})
		e.stored = true
	}
	for name, f := range caches.pages.files {
		k := c.key("file", name, &f.key)
		if f.stored {
			touch = append(touch, k)
			continue
		}
		data := f.f.data
		puts = append(puts, storePut{k, func() []byte { return data }})
		f.stored = true
		caches.pages.files[name] = f
	}
	for url, d := range caches.pages.decks {
		k := c.key("deck", url, &d.key)
		if d.stored {
			touch = append(touch, k)
			continue
		}
		cards := d.cards
		puts = append(puts, storePut{k, func() []byte { return cards }})
		d.stored = true
		caches.pages.decks[url] = d
	}
	return puts, touch
}

// loadNote returns the note at path parsed from bytes hashing to sum,
// when the store has it.
func (c *diskCache) loadNote(path string, sum hash) (*notes.Note, bool) {
	if c == nil || c.store == nil {
		return nil, false
	}
	data, ok := c.store.Get(c.key("note", path, &sum))
	if !ok {
		return nil, false
	}
	return decodeNote(data)
}

// saveNote stores note n, parsed from bytes hashing to sum. A failure
// only means it is parsed again next time.
func (c *diskCache) saveNote(n *notes.Note, sum hash) {
	if c == nil || c.store == nil {
		return
	}
	c.store.Put(c.key("note", n.Path, &sum), encodeNote(n))
}

// deckDone saves, in a lean build, what deck d made (its notes'
// renderings, its page and its piece of cards.json) and lets it go:
// nothing later in the build reads them.
func (c *diskCache) deckDone(caches *stageCache, pages *pageBuilder, d *layout.DeckNode, ns []*notes.Note) {
	if c == nil || !c.lean || c.store == nil {
		return
	}
	for _, n := range ns {
		caches.renders.mu.Lock()
		e := caches.renders.entries[n.Path]
		var rn *renderedNote
		if e != nil && !e.stored {
			rn = e.rn.resolved()
		}
		caches.renders.mu.Unlock()
		if rn != nil && c.store.Put(c.key("render", "", &e.key), encodeRendered(rn)) == nil {
			caches.renders.mu.Lock()
			e.stored, e.rn = true, nil
			caches.renders.mu.Unlock()
		}
		pages.dropNote(n.Path)
	}
	caches.pages.saveEarly(d.URL, func(kind string, key hash, data []byte) bool {
		return c.store.Put(c.key(kind, d.URL, &key), data) == nil
	})
}
