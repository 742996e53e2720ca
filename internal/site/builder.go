package site

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/tdewolff/minify/v2"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// Builder builds one site again and again: `gen` builds once, `gen
// -serve` rebuilds after every change to the source. Between builds it
// keeps what does not need doing again (cache.go): parsed notes,
// renderings, minified pages, and the bytes it last wrote. A Builder is
// not safe for concurrent use; Build itself works in parallel.
type Builder struct {
	opt       Options
	md        *markdown.Renderer
	templates map[string]*template.Template
	minifier  *minify.M

	parsed   map[string]*parsedNote
	renders  *renderCache
	minified *minifyCache
	pages    *pageMemo
	written  Output // what the last successful Build wrote
}

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
	return &Builder{opt: opt, md: markdown.New(), templates: parseTemplates(), minifier: newMinifier()}
}

// Build reads the source and writes the site. Every page is rendered in
// memory first, so a failed build leaves the previous site untouched.
func (b *Builder) Build() (*Result, error) {
	opt := b.opt
	start := time.Now()
	if err := checkFolders(opt.Src, opt.Out); err != nil {
		return nil, err
	}
	outAbs, _ := filepath.Abs(opt.Out)
	v, scanDiags, err := vault.Scan(opt.Src, vault.ScanOptions{Skip: []string{outAbs}})
	if err != nil {
		return nil, err
	}
	site, res := b.generate(v)
	res.Diags = append(scanDiags, res.Diags...)
	diag.Sort(res.Diags)
	res.Diags = dedupeDiags(res.Diags)
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			res.Duration = time.Since(start)
			return res, fmt.Errorf("%d errors; nothing was written", countErrors(res.Diags))
		}
	}
	if opt.Strict && res.Warnings() > 0 {
		res.Duration = time.Since(start)
		return res, ErrStrict
	}
	ws, err := writeOutput(opt.Out, site, b.written)
	if err != nil {
		b.written = nil // the folder may hold anything now: compare with the disk next time
		return res, err
	}
	if b.renders != nil {
		b.written = site
	}
	res.Written, res.Unchanged, res.Removed = ws.written, ws.unchanged, ws.removed
	res.Duration = time.Since(start)
	return res, nil
}

// generate builds the whole site in memory from a scanned vault,
// reusing what the caches hold.
func (b *Builder) generate(v *vault.Vault) (Output, *Result) {
	opt := b.opt
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := &Result{}
	all, content, readDiags := b.readNotes(v, workers)
	res.Diags = append(res.Diags, readDiags...)
	res.Diags = append(res.Diags, uniqueCardIDs(all)...)

	all, tree, media, placed, rendered, renderDiags := renderSite(v, all, opt, workers, b.md, b.renders, content)
	res.Diags = append(res.Diags, renderDiags...)

	out := Output{}
	pages := newPageBuilder(opt, b.templates, b.pages, tree, placed, rendered)
	if b.renders != nil {
		pages.renderKeys = make(map[string]hash, len(b.renders.entries))
		for path, e := range b.renders.entries {
			pages.renderKeys[path] = e.key
		}
	}
	pages.addAll(out, workers)
	b.pages.rotate()
	for _, f := range media.usedFiles() {
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
		out[media.names[f]] = data
	}
	if err := addAssets(out); err != nil {
		res.Diags = append(res.Diags, diag.Diagnostic{File: "(assets)", Kind: diag.KindUnreadable,
			Message: err.Error(), Severity: diag.Error})
	}
	addInstallable(out, opt.Title)
	addNotFound(out, opt.Title, opt.BaseURL)
	m := b.minifier
	minifyOutput(m, b.minified, out, workers)
	// The service worker lists and hashes the final bytes of every other
	// file, so it comes last.
	size, err := addServiceWorker(out, m)
	if err != nil {
		res.Diags = append(res.Diags, diag.Diagnostic{File: "(assets)", Kind: diag.KindUnreadable,
			Message: err.Error(), Severity: diag.Error})
	}
	res.PrecacheBytes = size

	res.Notes = len(all)
	tree.walk(func(*DeckNode) { res.Decks++ })
	for _, n := range all {
		res.Cards += len(n.Cards)
	}
	res.Media = len(media.usedFiles())
	diag.Sort(res.Diags)
	res.Diags = dedupeDiags(res.Diags)
	b.minified.rotate()
	return out, res
}
