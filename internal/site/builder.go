package site

import (
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/outdir"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// Builder builds one site again and again: `gen` builds once, `gen
// -serve` rebuilds after every change to the source. Between builds it
// keeps what does not need doing again (cache.go): parsed notes,
// renderings, minified pages, and the hashes of what it last wrote. A
// Builder is not safe for concurrent use; Build itself works in parallel.
type Builder struct {
	opt       Options
	md        *markdown.Renderer
	templates map[string]*template.Template
	minifier  *minify.M
	// keepParsedMax is the most Markdown (bytes) a one-off build keeps
	// parsed from the first read to its deck (reparse.go); tests lower it.
	keepParsedMax int64

	parsed   map[string]*parsedNote
	renders  *renderCache
	minified *minifyCache
	pages    *pageMemo
	written  map[string]fileSum // what the last successful Build wrote
	ctx      context.Context    // of the build under way
	disk     *diskCache         // gen -cache: the caches kept on disk too (nil: none)
	// rendered counts the notes rendered (not taken from a cache) by
	// the build under way: Result.Rendered.
	rendered atomic.Int64
}

// stopped reports whether the build under way was asked to stop: its
// work is then skipped, and the build fails with ErrInterrupted.
func (b *Builder) stopped() bool { return b.ctx != nil && b.ctx.Err() != nil }

// NewBuilder returns a builder for opt that keeps caches between builds.
func NewBuilder(opt Options) *Builder {
	b := newOneShotBuilder(opt)
	b.renders, b.minified, b.pages = newRenderCache(), newMinifyCache(), newPageMemo()
	return b
}

// newOneShotBuilder returns a builder without caches, for a single build:
// caches would only hold a second copy of the site in memory.
func newOneShotBuilder(opt Options) *Builder {
	if opt.Title == "" {
		opt.Title = "Flashcards"
	}
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = defaultMaxFileSize
	}
	return &Builder{opt: opt, md: markdown.New(), templates: layout.ParseTemplates(), minifier: newMinifier(),
		keepParsedMax: keepParsedMax}
}

// Build reads the source and writes the site. Files are staged in the
// output folder as they are made and only become visible when the whole
// build has succeeded, so a failed build leaves the previous site as it
// was (see internal/outdir).
func (b *Builder) Build() (*Result, error) { return b.BuildContext(context.Background()) }

// BuildContext is Build that stops when ctx ends, leaving the previous
// site as it was (ErrInterrupted).
func (b *Builder) BuildContext(ctx context.Context) (*Result, error) {
	b.ctx = ctx
	defer func() { b.ctx = nil }()
	opt := b.opt
	start := time.Now()
	if err := outdir.CheckFolders(opt.Src, opt.Out); err != nil {
		return nil, err
	}
	outAbs, _ := filepath.Abs(opt.Out)
	v, scanDiags, err := vault.Scan(opt.Src, vault.ScanOptions{Skip: b.scanSkip(outAbs)})
	if err != nil {
		return nil, err
	}
	cacheErr := b.disk.begin(b)
	w, err := outdir.Open(opt.Out, b.disk.prevWritten(writtenBefore(b.written)))
	if err != nil {
		return nil, err
	}
	res, sums, werr := b.generate(v, w)
	res.CacheErr = cacheErr
	res.Diags = append(scanDiags, res.Diags...)
	diag.Sort(res.Diags)
	res.Diags = dedupeDiags(res.Diags)
	fail := func(err error) (*Result, error) {
		if aerr := w.Abort(); aerr != nil {
			err = fmt.Errorf("%w; removing the staged files also failed: %v", err, aerr)
		}
		res.Duration = time.Since(start)
		return res, err
	}
	if ctx.Err() != nil {
		b.written = nil // caches may hold the stopped build's half
		return fail(ErrInterrupted)
	}
	if werr != nil {
		return fail(werr)
	}
	if n := countErrors(res.Diags); n > 0 {
		return fail(fmt.Errorf("%d errors; nothing was written", n))
	}
	if opt.Strict && res.Warnings() > 0 {
		return fail(ErrStrict)
	}
	ws, err := w.Commit()
	if err != nil {
		b.written = nil // the folder may hold anything now: compare with the disk next time
		res.Duration = time.Since(start)
		return res, err
	}
	if b.renders != nil {
		b.written = sums
	}
	if err := b.disk.end(b, opt.Workers); err != nil && res.CacheErr == nil {
		res.CacheErr = err
	}
	res.Written, res.Unchanged, res.Removed = ws.Written, ws.Unchanged, ws.Removed
	res.Duration = time.Since(start)
	return res, nil
}

// emitter minifies, hashes and hands each finished file to the sink, and
// remembers every file's hash for the service worker's build id.
type emitter struct {
	sink  siteSink
	m     *minify.M
	cache *minifyCache

	mu   sync.Mutex
	sums map[string]fileSum
	err  error
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

// emitMemo emits name, taking it from the memo when it was made under key
// before, else making it with make (then minifying and hashing it).
func (b *Builder) emitMemo(e *emitter, name string, key *hash, make func() []byte) {
	if f, kept, ok := b.pages.file(name, key, e.keptUnchanged(name)); ok {
		if !kept {
			e.emitKnown(name, f)
		}
		return
	}
	b.pages.putFile(name, key, e.emit(name, make()))
}

// generate builds the site from a scanned vault into sink, deck by deck:
// a deck's notes are rendered, its page written, and (in a
// one-off build) the renderings dropped before the next deck, so memory
// holds the parsed notes and one deck's HTML, not the whole site. It
// returns what it did, every file's hash, and the first error the sink
// gave (then the build must not be committed).
func (b *Builder) generate(v *vault.Vault, sink siteSink) (*Result, map[string]fileSum, error) {
	opt := b.opt
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := &Result{}
	b.rendered.Store(0)
	defer func() { res.Rendered = int(b.rendered.Load()) }()
	e := &emitter{sink: sink, m: b.minifier, cache: b.minified, sums: map[string]fileSum{}}
	oneOff := b.renders == nil
	// A one-off build of a big vault parses each note twice (reparse.go).
	reparse := oneOff && notesSize(v.Notes) > b.keepParsedMax
	all, content, readDiags := b.readNotes(v, workers, reparse)
	res.Diags = append(res.Diags, readDiags...)
	res.Diags = append(res.Diags, uniqueCardIDs(all)...)

	tree := layout.BuildTree(all)
	media := newMediaSet(v.Files, opt.UnsafeHTML)
	placed := placeNotes(all, tree)
	rs := &resolver{vault: v, notes: placed, media: media}
	var reader *noteReader
	if oneOff {
		reader = &noteReader{abs: make(map[string]string, len(v.Notes)), opts: b.parseOptions()}
		for _, f := range v.Notes {
			reader.abs[f.Path] = f.Abs
		}
		rs.reader = reader
	}
	if b.renders != nil {
		rs.deps = newDepRecorder()
		b.renders.prepare(v, placed, media, content)
	}
	pages := newPageBuilder(opt, b.templates, b.pages, tree, placed, map[string]*renderedNote{})
	if b.renders != nil {
		pages.renderKeys = map[string]hash{}
	}
	pages.prepare()
	if reparse {
		// The deck tree, the card anchors and the decks' card ids are
		// made: until its deck comes, a note needs nothing of its cards
		// but their ids, which the reader keeps.
		reader.thin(all)
	}

	// Decks are laid out in parallel (and the notes of each deck too, so
	// that one big deck is not rendered on one core); what spans decks is
	// kept per deck index and joined in tree order afterwards.
	var decks []*layout.DeckNode
	tree.Walk(func(d *layout.DeckNode) { decks = append(decks, d) })
	progress := opt.counter("rendering notes", len(all))
	cards := export.NewCardsWriter(opt.Title, len(decks), oneOff)
	defer cards.Close()
	deckDiags := make([][]diag.Diagnostic, len(decks))
	deckKept := make([][]string, len(decks))
	deckCards := make([]int, len(decks))
	parallel(len(decks), workers, func(i int) {
		if b.stopped() {
			return
		}
		d := decks[i]
		ns := tree.Notes[d]
		live := ns
		if reparse {
			live = make([]*notes.Note, 0, len(ns))
			for _, n := range ns {
				// Only this deck's job touches its notes.
				if warn := reader.fill(n); warn != nil {
					deckDiags[i] = append(deckDiags[i], *warn)
					progress.add()
					continue
				}
				live = append(live, n)
			}
		}
		rendered, diags := b.renderNotes(live, placed, rs, workers, progress)
		deckDiags[i] = append(deckDiags[i], diags...)
		for _, n := range ns {
			rn := rendered[n.Path]
			if rn == nil {
				continue
			}
			var key *hash
			if b.renders != nil {
				b.renders.mu.Lock()
				k := b.renders.entries[n.Path].key
				b.renders.mu.Unlock()
				key = &k
			}
			pages.addNote(n.Path, rn, key)
			deckKept[i] = append(deckKept[i], n.Path)
			deckCards[i] += len(n.Cards)
		}
		// A deck whose key (its notes' renderings and its place in the
		// tree) is unchanged since the last build gives the same files.
		key := pages.deckPageKey(d)
		b.emitMemo(e, d.URL, key, func() []byte { return pages.deckPage(d) })
		if m, ok := b.pages.deck(d.URL, key); ok {
			cards.Set(i, m.cards)
		} else {
			records := pages.deckCardRecords(d)
			cards.Set(i, records)
			b.pages.putDeck(d.URL, key, records)
		}
		b.disk.deckDone(b, pages, d, ns)
		if oneOff {
			for _, n := range ns {
				pages.dropNote(n.Path) // a one-off build needs it no more
				*n = *thinNote(n)
			}
		}
	})
	kept := map[string]bool{}
	for i := range decks {
		res.Diags = append(res.Diags, deckDiags[i]...)
		res.Cards += deckCards[i]
		for _, p := range deckKept[i] {
			kept[p] = true
		}
	}
	if b.renders != nil {
		b.renders.prune(kept)
	}
	res.Notes = len(kept)
	if b.renders == nil {
		// What is left to make needs only the deck tree: let the parsed
		// notes go before the biggest file (cards.json) is joined.
		all, placed, rs, tree.Notes, b.parsed = nil, nil, nil, nil, nil
		pages.placed = nil
	}
	// The files that span decks are made in parallel too: made one after
	// another they were the build's last half second, on one core.
	type siteFile struct {
		name string
		key  *hash
		make func() []byte
	}
	var siteFiles []siteFile
	pages.siteFiles(decks, func(name string, key *hash, make func() []byte) {
		siteFiles = append(siteFiles, siteFile{name, key, make})
	})
	parallel(len(siteFiles), workers, func(i int) {
		if b.stopped() {
			return
		}
		f := siteFiles[i]
		b.emitMemo(e, f.name, f.key, f.make)
	})
	// cards.json, a third of the cards' HTML again as plain text (38 MB at
	// 5,000 notes), was written as the decks were laid out; it is handed
	// over alone: beside other big files it raised the peak memory by a fifth.
	if !b.stopped() {
		if data, sum, err := cards.Finish(); err != nil {
			res.Diags = append(res.Diags, diag.Diagnostic{File: "cards.json", Kind: diag.KindUnreadable,
				Message: err.Error(), Severity: diag.Error})
		} else {
			e.emitKnown("cards.json", finalFile{data, sum})
		}
	}
	b.pages.rotate()

	for _, f := range media.usedFiles() {
		if b.stopped() {
			break
		}
		if f.Size > opt.MaxFileSize {
			res.Diags = append(res.Diags, diag.Diagnostic{File: f.Path, Kind: diag.KindTooLarge,
				Message: fmt.Sprintf("attachment is %d bytes, over the %d byte limit, and is not copied: shrink it or raise -max-file-size", f.Size, opt.MaxFileSize)})
			continue
		}
		data, err := os.ReadFile(f.Abs)
		if err != nil {
			res.Diags = append(res.Diags, diag.Diagnostic{File: f.Path, Kind: diag.KindUnreadable,
				Message: fmt.Sprintf("cannot read attachment (%v) and it is not copied; check its permissions", err)})
			continue
		}
		data, warn := b.inertMedia(f, media, data)
		if warn != nil {
			res.Diags = append(res.Diags, *warn)
		}
		if data != nil {
			e.emit(media.names[f], data)
		}
	}
	fixed := Output{}
	if err := addAssets(fixed); err != nil {
		res.Diags = append(res.Diags, diag.Diagnostic{File: "(assets)", Kind: diag.KindUnreadable,
			Message: err.Error(), Severity: diag.Error})
	}
	addInstallable(fixed, opt.Title)
	addNotFound(fixed, opt.Title, opt.BaseURL)
	for _, k := range fixed.sortedKeys() {
		e.emit(k, fixed[k])
	}
	// The service worker lists and hashes every other file, so it comes last.
	sw, size, err := serviceWorker(e.sums, b.minifier)
	if err != nil {
		res.Diags = append(res.Diags, diag.Diagnostic{File: "(assets)", Kind: diag.KindUnreadable,
			Message: err.Error(), Severity: diag.Error})
	} else {
		e.emitFinal("sw.js", sw)
	}
	res.PrecacheBytes = size

	res.Decks = len(decks)
	res.Media = len(media.usedFiles())
	diag.Sort(res.Diags)
	res.Diags = dedupeDiags(res.Diags)
	b.minified.rotate()
	return res, e.sums, e.err
}

// renderNotes renders the notes of one deck in parallel, taking from the
// render cache what cannot have changed. A note whose rendering panics is
// reported and left out of the site (links to it then lead to its deck
// page without finding it).
func (b *Builder) renderNotes(ns []*notes.Note, placed map[string]*placedNote, rs *resolver, workers int,
	progress *progressCounter) (map[string]*renderedNote, []diag.Diagnostic) {
	cache := b.renders
	out := make([]*renderedNote, len(ns))
	per := make([][]diag.Diagnostic, len(ns))
	parallel(len(ns), workers, func(i int) {
		defer progress.add()
		if b.stopped() {
			return
		}
		n := ns[i]
		defer func() {
			if v := recover(); v != nil {
				out[i], per[i] = nil, []diag.Diagnostic{crashDiag(n.Path, "rendering", v)}
			}
		}()
		again := func() *renderedNote { // a stored rendering the store failed
			b.rendered.Add(1)
			rn, _ := renderNote(b.md, n, placed[n.Path], rs, b.opt)
			return rn
		}
		if e := cache.lookup(n, again); e != nil {
			out[i], per[i] = e.rn, e.diags
			rs.media.markUsed(e.deps.media)
			return
		}
		b.rendered.Add(1)
		out[i], per[i] = renderNote(b.md, n, placed[n.Path], rs, b.opt)
		if cache != nil {
			deps := rs.deps.take(n.Path)
			entry := &renderedEntry{key: cache.key(n, deps), deps: deps, rn: out[i], diags: per[i]}
			cache.mu.Lock()
			cache.entries[n.Path] = entry
			cache.mu.Unlock()
		}
	})
	rendered := make(map[string]*renderedNote, len(ns))
	var diags []diag.Diagnostic
	for i, n := range ns {
		if out[i] != nil {
			rendered[n.Path] = out[i]
		}
		diags = append(diags, per[i]...)
	}
	return rendered, diags
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
