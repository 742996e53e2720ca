package compacthtml_test

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"golang.org/x/tools/txtar"

	"github.com/flipdeck/flipdeck/internal/compacthtml"
	"github.com/flipdeck/flipdeck/internal/markdown"
)

func compact(s string) string {
	return string(compacthtml.Append(nil, []byte(s)))
}

func TestAppend(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>a</p>\n<p>b</p>\n", "<p>a</p><p>b</p>"},
		{"<ul>\n<li>a</li>\n</ul>\n", "<ul><li>a</li></ul>"},
		{"line one<br>\nline two", "line one<br>line two"},
		// Between inline elements and in text, white space shows.
		{"<em>a</em>\n<strong>b</strong>", "<em>a</em>\n<strong>b</strong>"},
		{"<p>a\n  b <code>c</code> d</p>", "<p>a\n  b <code>c</code> d</p>"},
		{"<span>x</span> <span>y</span>", "<span>x</span> <span>y</span>"},
		// After a block's end, through inline end tags; before a block,
		// through inline end tags and white space.
		{"<span><p>q</p></span>\n<span>t</span>", "<span><p>q</p></span><span>t</span>"},
		{`<span class="tag">#a</span> </span>` + "\n</summary>", `<span class="tag">#a</span></span></summary>`},
		// Preformatted content is kept as it is, up to its end tag.
		{"<pre><code>a\n</code></pre>\n<p>x</p>", "<pre><code>a\n</code></pre><p>x</p>"},
		{"<pre class=\"chroma\"><code><span>a</span>\n<span>b</span>\n</code></pre>", "<pre class=\"chroma\"><code><span>a</span>\n<span>b</span>\n</code></pre>"},
		{"<PRE>\n<p>x</p>\n</PRE>\n", "<PRE>\n<p>x</p>\n</PRE>"},
		{"<PRE>\n<p>x</p>\n</pre>\n", "<PRE>\n<p>x</p>\n</pre>"},
		{"<pre>a\n</preview>\n</pre>\n<p>", "<pre>a\n</preview>\n</pre><p>"},
		// An end tag in other letters is missed: the rest stays as it is.
		{"<pre>a\n</Pre>\n<p>b</p>\n", "<pre>a\n</Pre>\n<p>b</p>\n"},
		{"<textarea>\n a\n</textarea>\n<p>", "<textarea>\n a\n</textarea><p>"},
		{"<script type=\"application/json\">{\"a\": \"</p>\\n<p>\"}</script>\n<div>", "<script type=\"application/json\">{\"a\": \"</p>\\n<p>\"}</script><div>"},
		// MathML is kept as it is, as the minifier kept it.
		{"<p>\n<math><mrow>\n<mi>x</mi>\n</mrow></math>\n</p>", "<p><math><mrow>\n<mi>x</mi>\n</mrow></math></p>"},
		// Quoted attribute values may hold '>'.
		{"<div title=\"a > b\">\n<p title='>'>x</p>\n</div>", "<div title=\"a > b\"><p title='>'>x</p></div>"},
		// Comments go, and the white space after them when some is before.
		{"Plain <!-- c --> text.", "Plain text."},
		{"a<!-- c --> b", "a b"},
		{"<p>x</p>\n<!-- c -->\n<p>y</p>", "<p>x</p><p>y</p>"},
		{"<!-->a", "a"},
		// A '<' of text, and markup cut off at the end.
		{"a < b\n<p>", "a < b<p>"},
		{"<p>\n<div class=\"x", "<p><div class=\"x"},
		{"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>T</title>\n", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>T</title>"},
		{"", ""},
		{" \n ", " \n "},
	} {
		if got := compact(c.in); got != c.want {
			t.Errorf("Append(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestLinear compacts white space before each of many inline end tags
// in linear time: it looks only so far ahead for a block tag.
func TestLinear(t *testing.T) {
	in := strings.Repeat("<em>", 200000) + "x" + strings.Repeat(" </em>", 200000) + "\n</p>"
	done := make(chan string)
	go func() { done <- compact(in) }()
	select {
	case got := <-done:
		// The spaces before the last end tags go (the </p> is near);
		// those before the first stay (a browser shows one space either way).
		if !strings.Contains(got, "x </em> </em>") || !strings.HasSuffix(got, "</em></em></p>") {
			t.Errorf("got %q…%q", got[:20], got[len(got)-20:])
		}
	case <-time.After(10 * time.Second):
		t.Fatal("compacting 200,000 end tags took over 10 s")
	}
}

// TestInPlace compacts into the bytes it reads.
func TestInPlace(t *testing.T) {
	in := "<ul>\n<li>a</li>\n<li><em>b</em> c</li>\n</ul>\n<pre>x\n</pre>\n"
	b := []byte(in)
	if got, want := string(compacthtml.Append(b[:0], b)), compact(in); got != want {
		t.Errorf("in place: %q, want %q", got, want)
	}
}

func newMinifier() *minify.M {
	m := minify.New()
	// The options the site minified its pages with.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepQuotes: true, KeepEndTags: true})
	return m
}

// checkAsMinified checks that compacting html drops nothing the
// minifier keeps: both minify to the same.
func checkAsMinified(t *testing.T, m *minify.M, name, in string) {
	t.Helper()
	want, err := m.String("text/html", in)
	if err != nil {
		t.Fatalf("%s: minify: %v", name, err)
	}
	c := compact(in)
	got, err := m.String("text/html", c)
	if err != nil {
		t.Fatalf("%s: minify: %v", name, err)
	}
	if got != want {
		t.Fatalf("%s: %q\ncompacts to %q,\nwhich minifies to %q,\nnot %q", name, in, c, got, want)
	}
}

// TestAsMinifiedMarkdown compacts what the Markdown renderer writes for
// every case of its tests.
func TestAsMinifiedMarkdown(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "markdown", "testdata", "cases.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	m := newMinifier()
	md := markdown.New()
	n := 0
	for _, f := range ar.Files {
		if !strings.HasSuffix(f.Name, ".md") {
			continue
		}
		res := md.Render(string(f.Data), markdown.Options{Root: "../", File: f.Name, Line: 10})
		checkAsMinified(t, m, f.Name, res.HTML)
		n++
	}
	if n < 20 {
		t.Fatalf("only %d cases", n)
	}
}

// TestAsMinifiedRandom compacts random well-formed HTML made of the
// pieces pages are made of. No comments: around them the minifier
// drops white space that shows ("a <span><!-- c --></span> b" loses
// its second space), which Append keeps.
func TestAsMinifiedRandom(t *testing.T) {
	blocks := []string{"p", "li", "ul", "div", "details", "summary", "h2", "blockquote", "td", "article"}
	inlines := []string{"span", "em", "code", "a", "strong", "mark", "mi", "label"}
	spaces := []string{"", "", " ", "\n", "\n\n", "  \n  ", "\t"}
	rng := rand.New(rand.NewPCG(3, 4))
	var gen func(b *strings.Builder, depth int)
	gen = func(b *strings.Builder, depth int) {
		for range rng.IntN(4) + 1 {
			b.WriteString(spaces[rng.IntN(len(spaces))])
			switch r := rng.IntN(10); {
			case r < 3 || depth > 4:
				b.WriteString([]string{"a", "b c", "x.", "&amp;", "<br>", "<img alt=\"i\">"}[rng.IntN(6)])
			case r < 5:
				name := inlines[rng.IntN(len(inlines))]
				b.WriteString("<" + name + ">")
				gen(b, depth+1)
				b.WriteString("</" + name + ">")
			case r < 6:
				b.WriteString("<pre><code>" + spaces[rng.IntN(len(spaces))] + "<span>k</span>\n<span>v</span>\n</code></pre>")
			default:
				name := blocks[rng.IntN(len(blocks))]
				b.WriteString("<" + name + ` class="c">`)
				gen(b, depth+1)
				b.WriteString("</" + name + ">")
			}
			b.WriteString(spaces[rng.IntN(len(spaces))])
		}
	}
	m := newMinifier()
	for i := range 5000 {
		var b strings.Builder
		gen(&b, 0)
		checkAsMinified(t, m, "random "+string(rune('0'+i%10)), b.String())
	}
}
