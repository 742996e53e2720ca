// Package termprogress shows how far a long build has got, on one
// rewritten terminal line. It stays silent when the output is not a
// terminal (CI logs, pipes), when asked to be quiet, and during the first
// second, so quick builds print nothing but their summary.
package termprogress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// Reporter prints progress lines. It is safe for concurrent use: build
// workers report from many goroutines.
type Reporter struct {
	w       io.Writer
	enabled bool
	delay   time.Duration // nothing is shown before this much time has passed
	every   time.Duration // at most one line per this interval

	mu      sync.Mutex
	start   time.Time
	last    time.Time
	printed bool
}

// New reports to f when f is a terminal and quiet is false.
func New(f *os.File, quiet bool) *Reporter {
	return &Reporter{w: f, enabled: !quiet && term.IsTerminal(int(f.Fd())),
		delay: time.Second, every: 100 * time.Millisecond, start: time.Now()}
}

// Update reports that done of total items of stage are finished.
func (r *Reporter) Update(stage string, done, total int) {
	if r == nil || !r.enabled {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if now.Sub(r.start) < r.delay || (now.Sub(r.last) < r.every && done != total) {
		return
	}
	r.last = now
	r.printed = true
	pct := 100
	if total > 0 {
		pct = done * 100 / total
	}
	// \r returns to the line start; \033[K clears what a longer line left.
	fmt.Fprintf(r.w, "\r\033[K%s %d/%d (%d%%)", stage, done, total, pct)
}

// Done clears the progress line, if one was shown.
func (r *Reporter) Done() {
	if r == nil || !r.enabled {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.printed {
		fmt.Fprint(r.w, "\r\033[K")
		r.printed = false
	}
}
