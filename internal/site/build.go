// Package site builds the study site: it reads the vault's notes into
// cards, renders them, lays out the index, deck and quiz pages from the
// templates, and writes the output folder safely. cmd/gen is a thin shell
// around Build.
package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/flipdeck/flipdeck/internal/diag"
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
}

// Result tells what a build did.
type Result struct {
	Notes, Decks, Cards, Media  int
	Diags                       []diag.Diagnostic
	Written, Unchanged, Removed int
	PrecacheBytes               int64 // what the service worker downloads at install
	Duration                    time.Duration
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

// Build reads opt.Src and writes the site to opt.Out. Every page is
// rendered in memory first, so a failed build leaves the previous site
// untouched.
func Build(opt Options) (*Result, error) {
	start := time.Now()
	if err := checkFolders(opt.Src, opt.Out); err != nil {
		return nil, err
	}
	outAbs, _ := filepath.Abs(opt.Out)
	v, scanDiags, err := vault.Scan(opt.Src, vault.ScanOptions{Skip: []string{outAbs}})
	if err != nil {
		return nil, err
	}
	site, res := Generate(v, opt)
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
	ws, err := writeOutput(opt.Out, site)
	if err != nil {
		return res, err
	}
	res.Written, res.Unchanged, res.Removed = ws.written, ws.unchanged, ws.removed
	res.Duration = time.Since(start)
	return res, nil
}

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

// Generate builds the whole site in memory from a scanned vault.
func Generate(v *vault.Vault, opt Options) (Output, *Result) {
	if opt.Title == "" {
		opt.Title = "Flashcards"
	}
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = defaultMaxFileSize
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := &Result{}
	all, readDiags := readNotes(v, opt, workers)
	res.Diags = append(res.Diags, readDiags...)
	res.Diags = append(res.Diags, uniqueCardIDs(all)...)

	all, tree, media, placed, rendered, renderDiags := renderSite(v, all, opt, workers)
	res.Diags = append(res.Diags, renderDiags...)

	out := Output{}
	pages := newPageBuilder(opt, tree, placed, rendered)
	pages.addAll(out)
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
	m := newMinifier()
	minifyOutput(m, out, workers)
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
	return out, res
}

// readNotes reads and parses every note in parallel, keeping path order.
func readNotes(v *vault.Vault, opt Options, workers int) ([]*notes.Note, []diag.Diagnostic) {
	popt := notes.DefaultOptions()
	if len(opt.Tags) > 0 {
		popt.Tags = opt.Tags
	}
	popt.HighlightCloze = opt.HighlightCloze
	results := make([]*notes.Note, len(v.Notes))
	diags := make([][]diag.Diagnostic, len(v.Notes))
	parallel(len(v.Notes), workers, func(i int) {
		f := v.Notes[i]
		if f.Size > opt.MaxFileSize {
			diags[i] = append(diags[i], diag.Diagnostic{File: f.Path, Kind: diag.KindTooLarge,
				Message: fmt.Sprintf("note is %d bytes, over the %d byte limit; split it or raise -max-file-size", f.Size, opt.MaxFileSize)})
			return
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			diags[i] = append(diags[i], diag.Diagnostic{File: f.Path, Kind: diag.KindUnreadable,
				Message: fmt.Sprintf("cannot read note: %v; check its permissions", err)})
			return
		}
		n, crash := parseNote(f.Path, src, popt)
		if crash != nil {
			diags[i] = append(diags[i], *crash)
			return
		}
		if !utf8.ValidString(n.Body) {
			n.Body = strings.ToValidUTF8(n.Body, "\uFFFD")
		}
		results[i] = n
		diags[i] = append(diags[i], n.Diags...)
	})
	var all []*notes.Note
	var ds []diag.Diagnostic
	for i, n := range results {
		if n != nil {
			all = append(all, n)
		}
		ds = append(ds, diags[i]...)
	}
	return all, ds
}

// placeNotes decides each note's anchor and heading-id prefix on its
// deck page, and indexes its cards for links.
func placeNotes(all []*notes.Note, tree *deckTree) map[string]*placedNote {
	placed := make(map[string]*placedNote, len(all))
	for d, ns := range tree.notes {
		used := map[string]int{}
		for _, n := range ns {
			base := "note-" + slug.Make(n.Title)
			used[base]++
			anchor := base
			if c := used[base]; c > 1 {
				anchor = fmt.Sprintf("%s-%d", base, c)
			}
			pn := &placedNote{note: n, deck: d, anchor: anchor,
				headingPrefix: strings.TrimPrefix(anchor, "note-") + "--", cardAnchors: map[string]string{}}
			for _, c := range n.Cards {
				if c.BlockID != "" {
					pn.cardAnchors["^"+c.BlockID] = "card-" + c.ID
				}
				if c.HeadingLevel > 0 {
					if _, dup := pn.cardAnchors[slug.Make(c.Question)]; !dup {
						pn.cardAnchors[slug.Make(c.Question)] = "card-" + c.ID
					}
				}
			}
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
