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
// ordinary code they take 1–6 µs of CPU a byte, but some code makes a
// rule read to the end of the block again and again (scanrules.go): 16
// KB of Go opening a comment on every line took seconds, 64 KB minutes.
// What is highlighted is decided by the code alone, so that the same
// notes give the same site on any machine:
//
//   - a block over maxHighlightBytes is shown plain (as code in a language
//     chroma does not know), with a warning;
//   - so are a note's blocks past maxNoteCodeBytes of highlighted code;
//   - a block whose rules would read more than maxScanCost (scanCost,
//     about 0.15 s of chroma's time) is shown plain, and once a note's
//     blocks have come to maxNoteScanCost, its later blocks are plain
//     too. Ordinary code reads at most about 30 times its size (chroma's
//     test file of each language, 64 KiB of it), far below.
//
// Only as a failsafe, for slow code these do not foresee (chroma's
// patterns that Go's regexp cannot read, a lexer that calls another),
// time counts: a block that takes more than failsafeLimit of CPU, or
// one of whose regexp matches chroma may have given up on (it stops
// any match after 250 ms of wall time: a token that took that long,
// and most of it in CPU time when tried again), is shown plain and the warning says that this can
// differ from one machine to another. failsafeLimit is many times what
// the slowest lexer takes on ordinary code (6.4 µs a byte, OpenEdge
// ABL), so that no ordinary block comes near it. A note's later blocks
// are then plain too.
const (
	maxHighlightBytes = 64 << 10
	maxNoteCodeBytes  = 512 << 10
	maxScanCost       = 8 << 20
	maxNoteScanCost   = 4 * maxScanCost
	// chromaMatchTimeout is the time after which chroma stops a regexp
	// match (regexp2's MatchTimeout, which chroma sets on every rule).
	chromaMatchTimeout = 250 * time.Millisecond
)

// failsafeLimit is the CPU time a block of size bytes may take (a
// variable for tests).
var failsafeLimit = func(size int) time.Duration {
	return 2*time.Second + time.Duration(size)*30*time.Microsecond
}

// highlight returns fenced code block n highlighted (chroma's HTML for
// its lines), within the limits above, or nil: the block is shown plain.
// It is called as the block is written; the HTML is in a buffer of the
// call's, valid until the next block.
func (st *state) highlight(n *ast.FencedCodeBlock, lang string) []byte {
	lexer, rules := st.r.lexers.lexer(lang)
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
	line := st.line(n.Lines().At(0).Start) - 1
	if size > maxHighlightBytes {
		st.warnLine(line, diag.KindLimit, "this "+lang+" block has "+byteSize(size)+" of code, over the "+byteSize(maxHighlightBytes)+
			" that are highlighted: it is shown without highlighting; split it into smaller blocks")
		return nil
	}
	b := st.budget()
	if why, todo := b.takeCode(size); why != "" {
		if b.takeCodeWarning() {
			st.warnLine(line, diag.KindLimit, why+": this "+lang+" block and the note's later ones are shown without highlighting; "+todo)
		}
		return nil
	}
	var code strings.Builder
	code.Grow(size)
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(st.src))
	}
	cost := scanCost(rules, code.String(), maxScanCost)
	b.addScan(min(cost, maxScanCost+1))
	if cost > maxScanCost {
		st.warnLine(line, diag.KindLimit, "this "+lang+" block would take chroma too long to highlight (a comment, string or tag opened again and again and never closed makes it read the rest of the block each time): "+
			"it is shown without highlighting; close what is left open, or split the block")
		return nil
	}
	limit := failsafeLimit(size)
	res, err := formatWithin(&st.code, lexer, code.String(), limit, false)
	if res == stalled {
		// A token took as long as chroma lets a regexp match run: it may
		// have stopped one, or this goroutine was kept waiting (a loaded
		// machine, the race detector). Once more, counting the thread's
		// CPU time for each token, tells them apart.
		res, err = formatWithin(&st.code, lexer, code.String(), limit, true)
	}
	if err != nil {
		return nil // chroma could not: plain, as before the limits
	}
	if res != formatted {
		b.failsafe()
		st.warnLine(line, diag.KindLimit, "highlighting this "+lang+" block took over "+seconds(limit)+" of CPU, or chroma gave up on part of it: "+
			"it and the note's later blocks are shown without highlighting (on another machine the result may differ); close any comment or string left open, or split the block")
		return nil
	}
	return st.code.Bytes()
}

// What formatWithin did.
type formatResult int

const (
	formatted formatResult = iota
	overTime               // over its CPU time limit
	stalled                // a token took chromaMatchTimeout of wall time
)

// formatWithin writes code highlighted to buf (reset first), unless
// tokenising it takes more than limit of CPU, or one token more than
// chromaMatchTimeout of wall time (buf then holds a part). With perToken,
// the goroutine stays on its thread and such a token counts only if
// most of that time was the thread's CPU time.
func formatWithin(buf *bytes.Buffer, lexer chroma.Lexer, code string, limit time.Duration, perToken bool) (formatResult, error) {
	buf.Reset()
	// The first use of a lexer compiles its regexps; that is not counted.
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return 0, err
	}
	clock := startClock(perToken)
	defer clock.stop()
	res, count := formatted, 0
	last := clock.wall0
	// chroma's formatter takes every token before it writes anything.
	guarded := func() chroma.Token {
		if res != formatted {
			return chroma.EOF
		}
		var cpu0 time.Duration
		if perToken {
			cpu0, _ = threadCPU()
		}
		tok := it()
		now := time.Now()
		if now.Sub(last) >= chromaMatchTimeout && (!perToken || tokenCPU(cpu0) >= chromaMatchTimeout*4/5) {
			res = stalled
		}
		last = now
		if count++; count%16 == 0 && clock.over(limit) {
			res = overTime
		}
		if res != formatted {
			return chroma.EOF
		}
		return tok
	}
	if err := formatter.Format(buf, codeStyle, guarded); err != nil {
		return 0, err
	}
	if res == formatted && clock.over(limit) {
		res = overTime
	}
	return res, nil
}

// tokenCPU is the thread's CPU time since cpu0, or an hour where it
// cannot be read (then wall time alone decides).
func tokenCPU(cpu0 time.Duration) time.Duration {
	now, ok := threadCPU()
	if !ok {
		return time.Hour
	}
	return now - cpu0
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

// startClock starts measuring a block; locked keeps the goroutine on its
// thread from the start, counting its CPU time at once.
func startClock(locked bool) codeClock {
	c := codeClock{wall0: time.Now()}
	if locked {
		runtime.LockOSThread()
		c.locked = true
		c.cpu0, c.cpuOK = threadCPU()
	}
	return c
}

// over reports whether more than limit was used.
func (c *codeClock) over(limit time.Duration) bool {
	used := time.Since(c.wall0)
	if !c.locked {
		if used <= lockAfter { // limits are longer (but in tests)
			return used > limit
		}
		// A busy machine may have taken the CPU away from this block for
		// longer than that: count lockAfter, then the thread's CPU time.
		runtime.LockOSThread()
		c.locked, c.before = true, lockAfter
		c.cpu0, c.cpuOK = threadCPU()
		return c.before > limit
	}
	// Wall time is never less than CPU time: read the thread's CPU time
	// only when wall time is over.
	if used <= limit || !c.cpuOK {
		return used > limit
	}
	if now, ok := threadCPU(); ok {
		used = c.before + now - c.cpu0
	}
	return used > limit
}

// stop lets the goroutine go from its thread.
func (c *codeClock) stop() {
	if c.locked {
		runtime.UnlockOSThread()
	}
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
