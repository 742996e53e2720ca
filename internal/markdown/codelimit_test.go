package markdown

import (
	"strings"
	"testing"
	"time"

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

// TestCodeTooSlow: a block that takes longer than its limit to highlight
// is shown plain with a warning; once a note's blocks have wasted
// codeOverLimit, its later blocks are plain too, with one warning. (The
// limits are set so that every block goes over: time is not measured.)
func TestCodeTooSlow(t *testing.T) {
	defer func(l func(int) time.Duration, o time.Duration) { highlightLimit, codeOverLimit = l, o }(highlightLimit, codeOverLimit)
	highlightLimit = func(int) time.Duration { return -1 }
	codeOverLimit = time.Nanosecond
	src := "```go\nx := 1\n```\n\n```python\ny = 2\n```\n\n```go\nz := 3\n```\n\n```\nno language\n```\n"
	budget := NewBudget()
	var diags []diag.Diagnostic
	for range 2 { // two renders of one note share its budget
		out := New().Render(src, Options{File: "slow.md", Line: 1, Budget: budget})
		if strings.Contains(out.HTML, "chroma") || !strings.Contains(out.HTML, `<pre><code class="language-python">y = 2`) {
			t.Errorf("want every block plain:\n%s", out.HTML)
		}
		diags = append(diags, out.Diags...)
	}
	if len(diags) != 2 || diags[0].Line != 1 || diags[1].Line != 5 ||
		!strings.Contains(diags[0].Message, "highlighting this go block took over") ||
		!strings.Contains(diags[1].Message, "this note's code blocks already took too long") {
		t.Fatalf("want a warning at lines 1 and 5, got %v", diags)
	}
	for _, d := range diags {
		t.Log(d)
	}

	// With the real limits, ordinary code is highlighted.
	highlightLimit, codeOverLimit = func(size int) time.Duration { return time.Hour }, time.Hour
	out := New().Render(src, Options{File: "ok.md", Line: 1})
	if strings.Count(out.HTML, `<pre class="chroma">`) != 3 || len(out.Diags) != 0 {
		t.Errorf("want three highlighted blocks, no warnings: %v\n%s", out.Diags, out.HTML)
	}
}

// TestEmptyCodeHighlighted: an empty block in a known language is
// highlighted (an empty chroma block), as before the limits.
func TestEmptyCodeHighlighted(t *testing.T) {
	out := New().Render("```sql\n```\n", Options{File: "e.md", Line: 1})
	if out.HTML != "<pre class=\"chroma\"><code class=\"language-sql\"></code></pre>\n" || len(out.Diags) != 0 {
		t.Errorf("got %q %v", out.HTML, out.Diags)
	}
}
