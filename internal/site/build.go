package site

import (
	"context"
	"errors"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flipdeck/flipdeck/internal/diag"
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
