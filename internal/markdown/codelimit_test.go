package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// TestCodeTooLarge: a block over maxHighlightBytes is shown plain, with
// a warning at its fence, without running chroma (issue 15: a 1 MB block
// took seconds to a minute, bench/hostile's chroma-unclosed-1mb).
func TestCodeTooLarge(t *testing.T) {
	big := "/* never closed\n" + strings.Repeat("x := f(1) // a line of code\n", maxHighlightBytes/28+1)
	src := "Text.\n\n```go\n" + big + "```\n\n```go\nx := 1\n```\n"
	out := New().Render(src, Options{File: "big.md", Line: 10})
	if strings.Count(out.HTML, `<pre class="chroma">`) != 1 || !strings.Contains(out.HTML, `<pre><code class="language-go">/* never closed`) {
		t.Errorf("want the big block plain and the small one highlighted:\n%.300s", out.HTML)
	}
	if len(out.Diags) != 1 || out.Diags[0].Line != 12 || out.Diags[0].Kind != diag.KindLimit {
		t.Fatalf("want one limit warning at big.md:12, got %v", out.Diags)
	}
	t.Log(out.Diags[0])
}

// TestCodeBacktracking: a block that would make chroma's rules read to
// its end again and again is shown plain with a warning, whatever the
// machine (issue 15: bench/hostile's chroma-openers took minutes); once
// a note's blocks have come to maxNoteScanCost, its later blocks are
// plain too, with one warning. Ordinary blocks around are highlighted.
func TestCodeBacktracking(t *testing.T) {
	bad := "```go\n" + strings.Repeat("/* x\n", 3000) + "```\n\n"
	good := "```go\nx := 1 /* fine */\n```\n\n"
	src := good + strings.Repeat(bad, 6) + good
	out := New().Render(src, Options{File: "slow.md", Line: 1})
	if strings.Count(out.HTML, `<pre class="chroma">`) != 1 || !strings.HasPrefix(out.HTML, `<pre class="chroma">`) {
		t.Errorf("want the first block highlighted and the others plain:\n%.300s", out.HTML)
	}
	var lines []int
	for _, d := range out.Diags {
		lines = append(lines, d.Line)
	}
	// The blocks' fences are at lines 5, 3010, 6015, …; the fifth one
	// is past the note's allowance, the sixth and the last are silent.
	want := []int{5, 3008, 6011, 9014, 12017}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Fatalf("warnings at lines %v, want %v: %v", lines, want, out.Diags)
	}
	if !strings.Contains(out.Diags[0].Message, "would take chroma too long") || !strings.Contains(out.Diags[4].Message, "together") {
		t.Errorf("messages: %v", out.Diags)
	}
	for _, d := range out.Diags[3:] {
		t.Log(d)
	}
}

// TestCodeFailsafe: a block over its time limit (set so that every
// block is) is plain with a warning saying that this may differ between
// machines, and so are the note's later blocks, silently.
func TestCodeFailsafe(t *testing.T) {
	defer func(l func(int) time.Duration) { failsafeLimit = l }(failsafeLimit)
	failsafeLimit = func(int) time.Duration { return -1 }
	src := "```go\nx := 1\n```\n\n```python\ny = 2\n```\n\n```\nno language\n```\n"
	budget := NewBudget()
	var diags []diag.Diagnostic
	for range 2 { // two renders of one note share its budget
		out := New().Render(src, Options{File: "slow.md", Line: 1, Budget: budget})
		if strings.Contains(out.HTML, "chroma") || !strings.Contains(out.HTML, `<pre><code class="language-python">y = 2`) {
			t.Errorf("want every block plain:\n%s", out.HTML)
		}
		diags = append(diags, out.Diags...)
	}
	if len(diags) != 1 || diags[0].Line != 1 || !strings.Contains(diags[0].Message, "on another machine the result may differ") {
		t.Fatalf("want one warning at line 1, got %v", diags)
	}
	t.Log(diags[0])
}

// TestNoteCodeBytes: past maxNoteCodeBytes of highlighted code, a
// note's later blocks are plain, with one warning.
func TestNoteCodeBytes(t *testing.T) {
	block := "```text\n" + strings.Repeat("a line of text to highlight\n", (60<<10)/28) + "```\n\n"
	n := maxNoteCodeBytes/(60<<10) + 2
	out := New().Render(strings.Repeat(block, n), Options{File: "big.md", Line: 1})
	if got, want := strings.Count(out.HTML, `<pre class="chroma">`), maxNoteCodeBytes/(60<<10); got != want {
		t.Errorf("%d blocks highlighted, want %d", got, want)
	}
	if len(out.Diags) != 1 || !strings.Contains(out.Diags[0].Message, "over 512 KiB of code") {
		t.Fatalf("want one warning, got %v", out.Diags)
	}
	t.Log(out.Diags[0])
}

// TestEmptyCodeHighlighted: an empty block in a known language is
// highlighted (an empty chroma block), as before the limits.
func TestEmptyCodeHighlighted(t *testing.T) {
	out := New().Render("```sql\n```\n", Options{File: "e.md", Line: 1})
	if out.HTML != "<pre class=\"chroma\"><code class=\"language-sql\"></code></pre>\n" || len(out.Diags) != 0 {
		t.Errorf("got %q %v", out.HTML, out.Diags)
	}
}

// slowLexer is a lexer whose first token takes chromaMatchTimeout:
// asleep (a goroutine kept waiting) on its first `sleeps`
// tokenisations, then busy (a regexp match chroma stops) when busy.
type slowLexer struct {
	chroma.Lexer
	sleeps int
	busy   bool
}

func (l *slowLexer) Tokenise(o *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := l.Lexer.Tokenise(o, text)
	sleep, busy := l.sleeps > 0, l.sleeps <= 0 && l.busy
	l.sleeps--
	return func() chroma.Token {
		switch {
		case sleep:
			time.Sleep(chromaMatchTimeout)
		case busy:
			spin(chromaMatchTimeout)
		}
		sleep, busy = false, false
		return it()
	}, err
}

// spin keeps the CPU busy for d of wall time and of the thread's CPU
// time (a loaded machine may give it less CPU than wall time).
func spin(d time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t, cpu0 := time.Now(), tokenCPU(0)
	for time.Since(t) < d || tokenCPU(cpu0) < d {
	}
}

// TestCodeStalled: a token that takes as long as chroma lets a match run
// (it may have stopped one) makes the block highlighted again, counting
// CPU time; a goroutine kept waiting is highlighted as usual, a token
// busy that long is shown plain with the failsafe warning.
func TestCodeStalled(t *testing.T) {
	for _, c := range []struct {
		sleeps      int
		busy, plain bool
	}{{1, false, false}, {2, false, false}, {0, true, true}, {1, true, true}} {
		r := New()
		r.lexers.m = map[string]cachedLexer{"slow": {lexer: &slowLexer{lexers.Get("go"), c.sleeps, c.busy}}}
		out := r.Render("```slow\nx := 1\n```\n", Options{File: "s.md", Line: 1})
		plain := !strings.Contains(out.HTML, `<pre class="chroma">`)
		if plain != c.plain || (len(out.Diags) == 1) != c.plain {
			t.Errorf("%+v: plain %v, warnings %v", c, plain, out.Diags)
		}
	}
}
