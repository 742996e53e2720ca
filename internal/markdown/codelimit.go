package markdown

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark/ast"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Highlighting limits. chroma's lexers are regexps that backtrack: on
// ordinary code they take 1–5 µs of CPU a byte, but an opener their rule
// never sees closed ("/*" on every line of a Go block) makes the rule scan
// to the end of the block at each one, quadratic with a large constant
// (16 KB took seconds, a 1 MB block a minute). So a block is highlighted
// only when it is small enough, and only if chroma finishes within a
// time in proportion to its size; otherwise it is shown plain (as code
// in a language chroma does not know) with a warning.
//
// The size limit is deterministic. The time limit cannot be, but
//   - past its first 20 ms, it is CPU time of the thread doing the work,
//     not wall time, so other programs on a loaded machine do not push a
//     block over it;
//   - it is 50 ms plus 10 µs a byte, more than any lexer takes on
//     ordinary code: on 64 KiB of chroma's own test file for each
//     language, the slowest of 128 (OpenEdge ABL) took 6.4 µs a byte,
//     Markdown 3.6, C++ 2.8, Go 1.7, most under 1.5. So only code that
//     makes chroma backtrack goes over it, code whose highlighting was
//     already machine-dependent: chroma gives up on any single regexp
//     match after 250 ms of wall time;
//   - the block is then plain as a whole, never half highlighted, and the
//     warning says so, so -strict fails the build rather than publish it.
//
// A note's blocks that go over their time limit can together waste
// about codeOverLimit; the note's later blocks are then plain too, so
// that a note of many such blocks still builds in about a second.
const maxHighlightBytes = 64 << 10

// Variables for tests.
var (
	// highlightLimit is the CPU time a block of size bytes may take.
	highlightLimit = func(size int) time.Duration {
		return 50*time.Millisecond + time.Duration(size)*10*time.Microsecond
	}
	codeOverLimit = 500 * time.Millisecond
)

// highlight returns fenced code block n highlighted (chroma's HTML for
// its lines), within the limits above, or nil: the block is shown plain.
// It is called as the block is written; the HTML is in a buffer of the
// call's, valid until the next block.
func (st *state) highlight(n *ast.FencedCodeBlock, lang string) []byte {
	lexer := st.r.lexers.lexer(lang)
	if lexer == nil {
		return nil
	}
	if n.Lines().Len() == 0 { // highlighted, with nothing in it
		return []byte{}
	}
	size := 0
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		size += seg.Len()
	}
	// The fence is the line above the block's first line.
	line := func() int { return st.line(n.Lines().At(0).Start) - 1 }
	if size > maxHighlightBytes {
		st.warnLine(line(), diag.KindLimit, "this "+lang+" block has "+byteSize(size)+" of code, over the "+byteSize(maxHighlightBytes)+
			" that are highlighted: it is shown without highlighting; split it into smaller blocks")
		return nil
	}
	b := st.budget()
	if over, warn := b.codeOverSpent(); over {
		if warn {
			st.warnLine(line(), diag.KindLimit, "this note's code blocks already took too long to highlight: this "+lang+
				" block and the note's later ones are shown without highlighting; close any comment or string left open in the blocks warned about before")
		}
		return nil
	}
	var code strings.Builder
	code.Grow(size)
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(st.src))
	}
	limit := highlightLimit(size)
	st.code.Reset()
	used, ok, err := formatWithin(&st.code, lexer, code.String(), limit)
	if err != nil {
		return nil // chroma could not: plain, as before the limits
	}
	if !ok {
		b.addCodeOver(used)
		st.warnLine(line(), diag.KindLimit, "highlighting this "+lang+" block took over "+seconds(limit)+
			" of CPU: it is shown without highlighting; a comment or string left open can cause this, close it or split the block")
		return nil
	}
	return st.code.Bytes()
}

// formatWithin writes code highlighted to buf, or reports false with the
// time used when tokenising it went over limit (buf then holds a part).
func formatWithin(buf *bytes.Buffer, lexer chroma.Lexer, code string, limit time.Duration) (time.Duration, bool, error) {
	// The first use of a lexer compiles its regexps; that is not counted.
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return 0, false, err
	}
	clock := startClock()
	defer clock.stop()
	var used time.Duration
	over, count := false, 0
	// chroma's formatter takes every token before it writes anything.
	guarded := func() chroma.Token {
		if over {
			return chroma.EOF
		}
		if count++; count%16 == 0 {
			if used, over = clock.over(limit); over {
				return chroma.EOF
			}
		}
		return it()
	}
	if err := formatter.Format(buf, codeStyle, guarded); err != nil {
		return 0, false, err
	}
	if !over {
		used, over = clock.over(limit)
	}
	return used, !over, nil
}

// codeClock measures one block's work. Most blocks take a few
// milliseconds, measured in wall time, which is quick to read. Past
// lockAfter of wall time, the goroutine is kept on its thread and the
// rest is measured in the thread's CPU time (where it can be read), so
// that other programs' load does not count: locking the thread for
// every block made the goroutine switch threads when it was preempted,
// a quarter more wall time for a build's rendering.
type codeClock struct {
	wall0  time.Time
	locked bool
	before time.Duration // counted for the time before the thread was locked
	cpu0   time.Duration // the thread's CPU time then
	cpuOK  bool
}

const lockAfter = 20 * time.Millisecond

func startClock() codeClock { return codeClock{wall0: time.Now()} }

// over reports whether more than limit was used.
func (c *codeClock) over(limit time.Duration) (time.Duration, bool) {
	used := time.Since(c.wall0)
	if !c.locked {
		if used <= lockAfter { // limits are longer (but in tests)
			return used, used > limit
		}
		// A busy machine may have taken the CPU away from this block for
		// longer than that: count lockAfter, then the thread's CPU time.
		runtime.LockOSThread()
		c.locked, c.before = true, lockAfter
		c.cpu0, c.cpuOK = threadCPU()
		return used, c.before > limit
	}
	// Wall time is never less than CPU time: read the thread's CPU time
	// only when wall time is over.
	if used <= limit || !c.cpuOK {
		return used, used > limit
	}
	if now, ok := threadCPU(); ok {
		used = c.before + now - c.cpu0
	}
	return used, used > limit
}

// stop lets the goroutine go from its thread.
func (c *codeClock) stop() {
	if c.locked {
		runtime.UnlockOSThread()
	}
}

// codeOverSpent reports whether the note's code has wasted all its
// time, and whether to warn (once).
func (b *Budget) codeOverSpent() (over, warn bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.codeOver < codeOverLimit {
		return false, false
	}
	warn = !b.codeOverWarned
	b.codeOverWarned = true
	return true, warn
}

// addCodeOver counts time spent on a block that went over its limit.
func (b *Budget) addCodeOver(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.codeOver += d
}

// byteSize is n as "64 KiB", "64.1 KiB" or "1.2 MiB".
func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	tenths := (n*10 + 1<<10 - 1) >> 10 // rounded up: never "64.0 KiB, over 64 KiB"
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10) + " KiB"
}

// seconds is d as "0.57 s".
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
}
