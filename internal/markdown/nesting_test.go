package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// TestNestingLimits: quotes, callouts and lists nested thousands deep,
// long backtick runs and thousands of footnotes are cut to the limits,
// with one warning (issue 15: a 3,000-level list took 44 s and 1 GB;
// bench/hostile's list-3000, quote-3000, emphasis-200k, footnotes).
func TestNestingLimits(t *testing.T) {
	var list strings.Builder
	for i := range 300 {
		list.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	var fn strings.Builder
	for i := range maxFootnotes + 10 {
		fmt.Fprintf(&fn, "Text[^%d].\n\n", i)
	}
	for i := range maxFootnotes + 10 {
		fmt.Fprintf(&fn, "[^%d]: Note %d.\n", i, i)
	}
	for _, tc := range []struct {
		name, src, tag string
		max            int
	}{
		{"quote", strings.Repeat("> ", 3000) + "deep\n", "<blockquote", maxQuoteDepth},
		{"callouts", func() string {
			var b strings.Builder
			for i := range 300 {
				b.WriteString(strings.Repeat(">", i+1) + " [!note] level\n")
			}
			return b.String()
		}(), "<blockquote", maxQuoteDepth},
		{"list", list.String(), "<ul", maxListIndent/2 + 1},
		{"backticks", strings.Repeat("`", 40) + "x" + strings.Repeat("`", 40), "<code", 0},
		{"footnotes", fn.String(), `class="footnote-ref"`, maxFootnotes},
	} {
		out := New().Render(tc.src, Options{File: "deep.md", Line: 3})
		if n := strings.Count(out.HTML, tc.tag); n > tc.max {
			t.Errorf("%s: %d %s, want at most %d", tc.name, n, tc.tag, tc.max)
		}
		if len(out.Diags) != 1 || out.Diags[0].Kind != diag.KindLimit {
			t.Errorf("%s: want one limit warning, got %v", tc.name, out.Diags)
		} else {
			t.Log(out.Diags[0])
		}
	}

	// Fenced code is left as it is, however deep.
	deep := strings.Repeat(" ", 100) + "- not a list item, code\n  " + strings.Repeat(">", 40) + " code\n"
	out := New().Render("- item\n\n  ```\n"+deep+"  ```\n", Options{File: "code.md", Line: 1})
	if !strings.Contains(out.HTML, strings.Repeat("&gt;", 40)+" code") || len(out.Diags) != 0 {
		t.Errorf("code changed or warned: %v\n%s", out.Diags, out.HTML)
	}
}

// TestLinkGuard: a paragraph whose "](" would make goldmark read far
// more than its size is shown as text, with a warning (issue 15: "[a]("
// over 200 KB took 20 s; bench/hostile's link-openers and brackets-200k);
// a paragraph of ordinary links is not.
func TestLinkGuard(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("[a](", 5000) + "\n",
		strings.Repeat("[a](<", 5000) + "\n",
		strings.Repeat("[a](b (", 3000) + "\n",
		strings.Repeat("[a]\n", 5000),
	} {
		out := New().Render("Intro.\n\n"+src, Options{File: "links.md", Line: 1})
		if len(out.Diags) != 1 || out.Diags[0].Line != 3 || strings.Contains(out.HTML, "<a ") {
			t.Errorf("%.12q…: want plain text and a warning at line 3, got %v", src, out.Diags)
		}
	}
	var links strings.Builder
	for i := range 500 {
		fmt.Fprintf(&links, "[link %d](https://example.com/%d) and ", i, i)
	}
	out := New().Render(links.String(), Options{File: "links.md", Line: 1})
	if n := strings.Count(out.HTML, "<a "); n != 500 || len(out.Diags) != 0 {
		t.Errorf("500 links: %d rendered, warnings %v", n, out.Diags)
	}
}
