package site

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/slug"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// Options configure a build. Src and Out are required.
type Options struct {
	Src, Out string
	// Tags are the card tags without '#' (default "card").
	Tags  []string
	Title string // site title (default "Flashcards")
	// BaseURL is the absolute URL the site is published at, used only
	// where a relative URL cannot work (404.html); may be empty.
	BaseURL        string
	Strict         bool  // warnings fail the build and nothing is written
	UnsafeHTML     bool  // keep raw HTML unsanitised
	HighlightCloze bool  // ==text== is a cloze too
	MaxFileSize    int64 // bytes; 0 means 10 MiB
	// Workers bounds parallelism (0: one per CPU).
	Workers int
	// Progress, when set, is told how far the slow stages have got
	// (reading and rendering notes); it is called from many goroutines.
	Progress func(stage string, done, total int)
}

// progressCounter counts finished items of one stage for Options.Progress.
type progressCounter struct {
	report func(stage string, done, total int)
	stage  string
	total  int
	done   atomic.Int64
}

func (o Options) counter(stage string, total int) *progressCounter {
	return &progressCounter{report: o.Progress, stage: stage, total: total}
}

// add records one finished item.
func (c *progressCounter) add() {
	if c.report != nil {
		c.report(c.stage, int(c.done.Add(1)), c.total)
	}
}

// Result tells what a build did.
type Result struct {
	Notes, Decks, Cards, Media  int
	Diags                       []diag.Diagnostic
	Written, Unchanged, Removed int
	PrecacheBytes               int64 // what the service worker downloads at install
	Duration                    time.Duration
	// Rendered counts the notes rendered, not taken from a cache.
	Rendered int
	// CacheErr says why the -cache folder could not be used or saved
	// to; the build went on without it.
	CacheErr error
}

// Warnings counts the diagnostics that are warnings.
func (r *Result) Warnings() int {
	n := 0
	for _, d := range r.Diags {
		if d.Severity == diag.Warning {
			n++
		}
	}
	return n
}

// ErrStrict is returned when -strict finds warnings; nothing is written.
var ErrStrict = errors.New("warnings found with -strict; nothing was written")

const defaultMaxFileSize = 10 << 20

// Build reads opt.Src and writes the site to opt.Out, once (no caches
// are kept). Files are staged beside their targets and swapped in only
// when the whole build succeeded, so a failed build leaves the previous
// site untouched (see internal/outdir).
func Build(opt Options) (*Result, error) {
	return BuildContext(context.Background(), opt)
}

// BuildContext is Build that stops when ctx ends (gen on SIGINT or
// SIGTERM): it returns ErrInterrupted and leaves the previous site as it
// was, with nothing of the stopped build in or beside -out.
func BuildContext(ctx context.Context, opt Options) (*Result, error) {
	defer oneOffGC()()
	return newOneShotBuilder(opt).BuildContext(ctx)
}

// ErrInterrupted is returned by a build stopped through its context.
var ErrInterrupted = errors.New("interrupted; the previous site is left as it was")

func countErrors(ds []diag.Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			n++
		}
	}
	return n
}

// Output is a built site in memory: slash path → bytes.
type Output map[string][]byte

// Generate builds the whole site in memory from a scanned vault, with
// nothing cached.
func Generate(v *vault.Vault, opt Options) (Output, *Result) {
	sink := &memSink{out: Output{}}
	res, _, _ := newOneShotBuilder(opt).generate(v, sink) // memSink never fails
	return sink.out, res
}

// readNotes reads every note and parses those whose bytes are not in
// the parse cache, in parallel, keeping path order. It returns copies
// the build may edit, and (with caches, for gen -serve) each note's
// source hash.
func (b *Builder) readNotes(v *vault.Vault, workers int, slim bool) ([]*notes.Note, map[string]hash, []diag.Diagnostic) {
	opt := b.opt
	popt := b.parseOptions()
	results := make([]*parsedNote, len(v.Notes))
	diags := make([][]diag.Diagnostic, len(v.Notes))
	progress := opt.counter("reading notes", len(v.Notes))
	parallel(len(v.Notes), workers, func(i int) {
		defer progress.add()
		if b.stopped() {
			return
		}
		f := v.Notes[i]
		if f.Size > opt.MaxFileSize {
			diags[i] = append(diags[i], diag.Diagnostic{File: f.Path, Kind: diag.KindTooLarge,
				Message: fmt.Sprintf("note is %d bytes, over the %d byte limit; split it or raise -max-file-size", f.Size, opt.MaxFileSize)})
			return
		}
		if p := b.parsed[f.Path]; p != nil && p.size == f.Size && !f.ModTime.IsZero() && p.modTime.Equal(f.ModTime) {
			results[i] = p
			return
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			diags[i] = append(diags[i], diag.Diagnostic{File: f.Path, Kind: diag.KindUnreadable,
				Message: fmt.Sprintf("cannot read note: %v; check its permissions", err)})
			return
		}
		var sum hash
		if b.renders != nil { // only gen -serve's caches compare sources
			sum = sha256.Sum256(src)
		}
		if p := b.parsed[f.Path]; p != nil && p.sum == sum {
			results[i] = &parsedNote{size: f.Size, modTime: f.ModTime, sum: sum, note: p.note, diags: p.diags}
			return
		}
		if n, ok := b.disk.loadNote(f.Path, sum); ok {
			results[i] = &parsedNote{size: f.Size, modTime: f.ModTime, sum: sum, note: n, diags: n.Diags}
			return
		}
		n, crash := parseNote(f.Path, src, popt)
		if crash != nil {
			diags[i] = append(diags[i], *crash)
			return
		}
		b.disk.saveNote(n, sum)
		found := n.Diags
		if slim {
			// Notes are parsed again when their deck comes (reparse.go):
			// let the text go at once.
			n = slimNote(n)
		}
		results[i] = &parsedNote{size: f.Size, modTime: f.ModTime, sum: sum, note: n, diags: found}
	})
	var all []*notes.Note
	var ds []diag.Diagnostic
	content := make(map[string]hash, len(results))
	parsed := make(map[string]*parsedNote, len(results))
	for i, p := range results {
		ds = append(ds, diags[i]...)
		if p == nil {
			continue
		}
		ds = append(ds, p.diags...)
		if b.renders == nil {
			all = append(all, p.note) // no parse cache to keep
			continue
		}
		content[p.note.Path] = p.sum
		all = append(all, copyNote(p.note))
		parsed[p.note.Path] = p
	}
	if b.renders != nil && !b.disk.buildsOnce() {
		b.parsed = parsed
	}
	return all, content, ds
}

// parseOptions are the note parser's options for this build.
func (b *Builder) parseOptions() notes.Options {
	popt := notes.DefaultOptions()
	if len(b.opt.Tags) > 0 {
		popt.Tags = b.opt.Tags
	}
	popt.HighlightCloze = b.opt.HighlightCloze
	return popt
}

// placeNotes decides each note's anchor and heading-id prefix on its
// deck page, and indexes its cards for links.
func placeNotes(all []*notes.Note, tree *layout.Tree) map[string]*placedNote {
	placed := make(map[string]*placedNote, len(all))
	for d, ns := range tree.Notes {
		used := map[string]int{}
		for _, n := range ns {
			base := "note-" + slug.Make(n.Title)
			used[base]++
			anchor := base
			if c := used[base]; c > 1 {
				anchor = fmt.Sprintf("%s-%d", base, c)
			}
			pn := &placedNote{note: n, deck: d, anchor: anchor,
				headingPrefix: strings.TrimPrefix(anchor, "note-") + "--"}
			pn.addCardAnchors(n)
			placed[n.Path] = pn
		}
	}
	return placed
}

// parallel runs fn(0..n-1) on at most workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	if workers < 1 {
		workers = 1
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers && w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// sortedKeys returns the keys of out in byte order (deterministic writes).
func (o Output) sortedKeys() []string {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
