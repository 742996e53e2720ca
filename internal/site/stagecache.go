package site

import (
	"crypto/sha256"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/outdir"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// stageCache is the layer of caches that lets a Builder rebuild after an
// edit doing only the work the edit calls for (gen -serve, and gen
// -cache through diskCache). The pipeline (pipeline.go) calls it at the
// boundaries of its stages: for a note before reading or rendering it,
// for a page or a deck's piece of cards.json before making it, after each
// deck, and at the start and end of a build. The stages never know where
// what they are handed came from, and the output never depends on it.
//
// A nil *stageCache is a one-off build's: every lookup misses and nothing
// is kept, so that build hashes no sources or pages and records no
// dependencies, work only a next build would use.
type stageCache struct {
	parsed   map[string]*parsedNote // the last build's notes, by path
	renders  *renderCache
	minified *minifyCache
	pages    *pageMemo
	written  map[string]fileSum // what the last successful build wrote
	disk     *diskCache         // gen -cache: the caches kept on disk too (nil: none)

	// Per build:
	content map[string]hash // note path → hash of its bytes
	mu      sync.Mutex      // guards keys: decks are laid out in parallel
	// keys are the render keys of the renderings on deck pages, by note
	// path: a deck page whose notes have the same keys is the same.
	keys map[string]hash
	// reads counts the note files read (tests: an unchanged note is not).
	reads atomic.Int64
	// fills are the notes taken slim from the cache index, whose text
	// is loaded when needed (notefill.go), parsed with popt if need be.
	fills map[string]*noteFill
	popt  notes.Options
}

func newStageCache() *stageCache {
	return &stageCache{renders: newRenderCache(), minified: newMinifyCache(), pages: newPageMemo()}
}

// begin opens the persistent cache for a build (an error says why it
// cannot be used; the build goes on without it) and returns what the
// output folder is known to hold from the last build.
func (c *stageCache) begin(start time.Time) (map[string]outdir.FileSum, error) {
	if c == nil {
		return nil, nil
	}
	err := c.disk.begin(c, start)
	return c.disk.prevWritten(writtenBefore(c.written)), err
}

// forgetOutput is told that the output folder may no longer hold what
// the last build wrote: the next compares with the disk.
func (c *stageCache) forgetOutput() {
	if c != nil {
		c.written = nil
	}
}

// end records the files a committed build wrote and saves the caches to
// the persistent cache, returning why it could not.
func (c *stageCache) end(written map[string]fileSum, workers int) error {
	if c == nil {
		return nil
	}
	c.written = written
	return c.disk.end(c, workers)
}

// minifyCache is the emitter's cache of minified files (nil: none).
func (c *stageCache) minifyCache() *minifyCache {
	if c == nil {
		return nil
	}
	return c.minified
}

// note returns the note in file f: the last build's when f's size and
// time, or else its bytes, are unchanged; else the persistent cache's
// parse of those bytes; else a new parse.
func (c *stageCache) note(f *vault.File, popt notes.Options) (*parsedNote, *diag.Diagnostic) {
	if p := c.parsed[f.Path]; p != nil && p.size == f.Size && !f.ModTime.IsZero() && p.modTime.Equal(f.ModTime) {
		return p, nil
	}
	if p := c.disk.unchangedNote(f); p != nil {
		return p, nil
	}
	c.reads.Add(1)
	src, warn := readSource(f)
	if warn != nil {
		return nil, warn
	}
	sum := sha256.Sum256(src)
	if p := c.parsed[f.Path]; p != nil && p.sum == sum {
		return &parsedNote{size: f.Size, modTime: f.ModTime, sum: sum, note: p.note, diags: p.diags, slim: p.slim}, nil
	}
	n, ok := c.disk.loadNote(f.Path, sum)
	if !ok {
		var crash *diag.Diagnostic
		if n, crash = parseNote(f.Path, src, popt); crash != nil {
			return nil, crash
		}
		c.disk.saveNote(n, sum)
	}
	return &parsedNote{size: f.Size, modTime: f.ModTime, sum: sum, note: n, diags: n.Diags}, nil
}

// working returns p's note for the build to edit (card ids are made
// unique per build): a copy, when the cache keeps p.
func (c *stageCache) working(p *parsedNote) *notes.Note {
	if c == nil {
		return p.note
	}
	return copyNote(p.note)
}

// notesRead keeps the notes read from files (nil: not read) for the
// next build, and their bytes' hashes for this build's render keys.
func (c *stageCache) notesRead(files []*vault.File, read []*parsedNote, popt notes.Options) {
	if c == nil {
		return
	}
	c.slimNotes(files, read, popt)
	c.content = make(map[string]hash, len(read))
	parsed := make(map[string]*parsedNote, len(read))
	for _, p := range read {
		if p != nil {
			c.content[p.note.Path] = p.sum
			parsed[p.note.Path] = p
		}
	}
	c.disk.notesRead(read)
	if !c.disk.buildsOnce() {
		c.parsed = parsed
	}
}

// planned readies the render cache for plan p: renderings record what
// they depend on, and the facts their keys are made of are worked out.
func (c *stageCache) planned(v *vault.Vault, p *sitePlan) {
	if c == nil {
		return
	}
	p.resolver.deps = newDepRecorder()
	p.resolver.noteText = c.noteText
	c.renders.prepare(v, p.placed, p.media, c.content)
	c.keys = map[string]hash{}
}

// rendering returns note n's rendering from the caches, when nothing it
// depends on has changed (marking the files it uses as used); render
// makes it again should a stored one fail to load.
func (c *stageCache) rendering(n *notes.Note, media *mediaSet,
	render func() (*renderedNote, []diag.Diagnostic)) (*renderedNote, []diag.Diagnostic, bool) {
	if c == nil {
		return nil, nil, false
	}
	e := c.renders.lookup(n, func() *renderedNote { rn, _ := render(); return rn })
	if e == nil {
		return nil, nil, false
	}
	media.markUsed(e.deps.media)
	return e.rn, e.diags, true
}

// rendered keeps note n's new rendering, under the key made of what it
// depended on (recorded in deps).
func (c *stageCache) rendered(n *notes.Note, deps *depRecorder, rn *renderedNote, diags []diag.Diagnostic) {
	if c != nil {
		c.renders.store(n, deps.take(n.Path), rn, diags)
	}
}

// onPage records that the rendering of the note at path is on its deck
// page, whose key is then made of the rendering's.
func (c *stageCache) onPage(path string) {
	if c == nil {
		return
	}
	c.renders.mu.Lock()
	k := c.renders.entries[path].key
	c.renders.mu.Unlock()
	c.mu.Lock()
	c.keys[path] = k
	c.mu.Unlock()
}

func (c *stageCache) renderKey(path string) (hash, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.keys[path]
	return k, ok
}

// deckPageKey is the key of deck d's page and piece of cards.json (nil:
// none, never memoised).
func (c *stageCache) deckPageKey(p *pageBuilder, d *layout.DeckNode) *hash {
	if c == nil {
		return nil
	}
	return p.deckPageKey(d, c.renderKey)
}

// treeKey is the key of the pages that show only the deck tree (nil:
// none).
func (c *stageCache) treeKey(p *pageBuilder) *hash {
	if c == nil {
		return nil
	}
	return p.treeKey()
}

// emit hands file name to e: the file memoised under key when there is
// one (not even read when the output folder keeps it), else the one make
// makes, memoised for the next build. make makes it final: pages come
// compact from their templates (layout.Templates.Execute), and JSON
// compact from its writer, so neither is minified.
func (c *stageCache) emit(e *emitter, name string, key *hash, make func() []byte) {
	if c == nil {
		e.emitFinal(name, make())
		return
	}
	if f, placed, ok := c.pages.file(name, key, e.placedWithoutBytes(name)); ok {
		if !placed {
			e.emitKnown(name, f)
		}
		return
	}
	c.pages.putFile(name, key, e.emitFinal(name, make()))
}

// deckRecords is deck d's piece of cards.json, memoised under key.
func (c *stageCache) deckRecords(p *pageBuilder, d *layout.DeckNode, key *hash) []byte {
	if c == nil {
		return p.deckCardRecords(d, nil)
	}
	if m, ok := c.pages.deck(d.URL, key); ok {
		return m.cards
	}
	for _, n := range p.tree.Notes[d] {
		c.fullNote(n) // a failure fails the build (fillDiags)
	}
	records := p.deckCardRecords(d, c.pages)
	c.pages.putDeck(d.URL, key, records)
	return records
}

// deckDone is told that deck d, with notes ns, is laid out.
func (c *stageCache) deckDone(p *pageBuilder, d *layout.DeckNode, ns []*notes.Note) {
	if c != nil {
		c.disk.deckDone(c, p, d, ns)
	}
}

// generated ends a build: what it did not use is dropped from the
// caches; kept are the notes on the site.
func (c *stageCache) generated(kept map[string]bool) {
	if c == nil {
		return
	}
	c.renders.prune(kept)
	c.pages.rotate()
	c.minified.rotate()
	c.keys = nil
}
