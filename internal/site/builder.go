package site

import (
	"context"
	"fmt"
	"html/template"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/outdir"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// Builder builds one site again and again: `gen` builds once, `gen
// -serve` rebuilds after every change to the source. Between builds it
// keeps what does not need doing again (stagecache.go): parsed notes,
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

	cache *stageCache     // nil: a one-off build, which keeps nothing
	ctx   context.Context // of the build under way
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
	b.cache = newStageCache()
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
	prevOut, cacheErr := b.cache.begin(start)
	w, err := outdir.Open(opt.Out, prevOut)
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
		b.cache.forgetOutput() // caches may hold the stopped build's half
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
		b.cache.forgetOutput() // the folder may hold anything now: compare with the disk next time
		res.Duration = time.Since(start)
		return res, err
	}
	if err := b.cache.end(sums, opt.Workers); err != nil && res.CacheErr == nil {
		res.CacheErr = err
	}
	res.Written, res.Unchanged, res.Removed = ws.Written, ws.Unchanged, ws.Removed
	res.Duration = time.Since(start)
	return res, nil
}
