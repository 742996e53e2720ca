package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// rawTagPair returns goldmark with its own raw HTML parser and with
// rawTagParser in its place. Both write raw HTML as it is, and both have
// tables, whose cells are inline text that ends without a newline.
func rawTagPair() (std, ours goldmark.Markdown) {
	opts := func(ext ...goldmark.Extender) []goldmark.Option {
		return []goldmark.Option{
			goldmark.WithExtensions(append([]goldmark.Extender{extension.Table}, ext...)...),
			goldmark.WithRendererOptions(html.WithUnsafe()),
		}
	}
	return goldmark.New(opts()...), goldmark.New(opts(rawTagExt{})...)
}

// rawTagDump is md's HTML of src followed by the segments of every raw
// HTML node, so that two dumps differ when the trees do even if the HTML
// does not.
func rawTagDump(md goldmark.Markdown, src []byte) string {
	doc := md.Parser().Parse(text.NewReader(src))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		return "error: " + err.Error()
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if raw, ok := n.(*ast.RawHTML); ok && entering {
			b.WriteString("\nraw")
			for i := 0; i < raw.Segments.Len(); i++ {
				s := raw.Segments.At(i)
				fmt.Fprintf(&b, " [%d,%d,%d]", s.Start, s.Stop, s.Padding)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// checkRawTag fails t when rawTagParser and goldmark's parser disagree
// on src.
func checkRawTag(t *testing.T, std, ours goldmark.Markdown, src string) {
	t.Helper()
	want, got := rawTagDump(std, []byte(src)), rawTagDump(ours, []byte(src))
	if got != want {
		t.Fatalf("%q:\ngoldmark: %q\nrawTag:   %q", src, want, got)
	}
}

var rawTagCases = []string{
	// Cloze sides as the notes package writes them.
	`The <span class="cloze-gap">[…]</span> of a cell.`,
	`The <mark class="cloze">mitochondria</mark> of a cell.`,
	`<span class="cloze-gap" data-cloze="2">[…]</span>`,
	// Attributes.
	`<a href="x">`, `<a href='x'>`, `<a href=x>`, `<a href = "x" >`, `<a b c d>`, `<a b="c"d>`, `<a b='>'>`,
	`<a b=">">`, `<a b="c'd">`, `<a b='c"d'>`, `<a b=c/>`, `<a b=c/ >`, `<a b=c />`, `<a b=c=d>`, `<a b=c"d>`,
	"<a b=c`d>", `<a b=>`, `<a b= >`, `<a b=<>`, `<a _b :c d.e-f:g>`, `<a .b>`, `<a -b>`, `<a 1b>`, `<a b="">`,
	`<a b=''>`, `<a b="x\"y">`, `<a b="c" d='e' f=g h>`, `<a  b  =  c  >`, "<a\tb\t=\tc\t>", `<a b="c">x</a>`,
	// Names and shapes.
	`<a/>`, `<a />`, `<a / >`, `<a/ >`, `</a >`, `</a\t>`, `</a b>`, `</a/>`, `</ a>`, `</a`, `</>`, `<>`, `< a>`,
	`<A HREF="X">`, `</SPAN>`, `<h1>`, `<1a>`, `</1a>`, `<a-b>`, `<a_b>`, `<a.b>`, `<a:b>`, `<a=b>`, `<a`,
	`<ab`, `<a b`, `<a b=`, `<a b="c`, `<a b='c`, `<a b=c`, `<a /`, `<a/`, `x<a>y`, `x <a> y`, `<a>b</a>`,
	`<a><b></b></a>`, `<<a>>`, `<a>>`, `a < b > c`, `a <b> c`, `<a\>`, `\<a>`, "`<a>`", `**<b>**`,
	// Tags spanning lines.
	"<a\nb>", "<a\nhref=\"x\">", "<a href=\n\"x\">", "<a href=\"x\ny\">", "<a href='x\ny'>", "<a\n>", "</a\n>",
	"<a\n\n>", "</a\n\n>", "<a /\n>", "<a b\n=c>", "<a b=\nc>", "<a\r\nb>", "<a\rb>", "</a\r\n>", "<a b='c\r'>",
	"x <span\n  class=\"y\">z</span>", "x </a\r\n    >", "x </a\n    >", "x <a b\r\n    =c>", "- <a\n  b>", "> <a\n> b>",
	// Bytes outside ASCII.
	`<a b="é">`, `<a b='é'>`, `<a b=é>`, `<a b=xé>`, `<a é>`, `<aé>`, "<a b=\"\xff\">", "<a b=x\xff>", "<a b=\"\uFFFD\">",
	"<a b=x\uFFFD>", "<a\xff>",
	// Autolinks: links, not raw HTML.
	`<https://x>`, `<a@b.c>`, `<mailto:a@b.c>`, `<http://a b>`, `<a:b>`, `x <https://x.y/z?q=1> y`,
	// What goldmark's parser keeps: comments, instructions, declarations, CDATA.
	`<!-- c -->`, `<!---->`, `<!-->`, `<!--->`, "<!-- a\nb -->", `<?php x ?>`, "<?x\n?>", `<!DOCTYPE html>`,
	`<![CDATA[x]]>`, "<![CDATA[x\n]]>", `<!x>`, `<!-- never closed`, `<? never`,
	// Inside other blocks: tables, lists with tab padding, headings.
	"| a | b |\n|---|---|\n| <b>x</b> | <a |", "| <a b=\"c\"> |\n|-|\n| <a/> |", "-\t<a>", "1.\t<b>x</b>",
	"# <i>h</i>", "  <a>", "\t<a>", "> <a b='c'>",
}

func TestRawTagAsGoldmark(t *testing.T) {
	std, ours := rawTagPair()
	for _, src := range rawTagCases {
		checkRawTag(t, std, ours, src)
		// A line that starts with a whole tag is an HTML block, which
		// no inline parser sees: also after text.
		checkRawTag(t, std, ours, "x "+src)
	}
	// Autolinks stay links.
	for src, want := range map[string]string{
		`<https://x>`: `<a href="https://x">https://x</a>`,
		`<a@b.c>`:     `<a href="mailto:a@b.c">a@b.c</a>`,
	} {
		if got := rawTagDump(ours, []byte(src)); !strings.Contains(got, want) || strings.Contains(got, "raw") {
			t.Errorf("%q: got %q, want the link %q", src, got, want)
		}
	}
}

// TestRawTagDecides checks that the byte loop itself reads the tags the
// cases above need it for, rather than leaving them all to goldmark.
func TestRawTagDecides(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{
		{`<span class="cloze-gap">[…]</span>`, len(`<span class="cloze-gap">`)},
		{`<mark class="cloze" data-cloze="1">x`, len(`<mark class="cloze" data-cloze="1">`)},
		{`<a/> b`, 4}, {`<a b=c/>`, 8}, {`<a b='>'>`, 9}, {`<a b c>`, 7},
		{`<1a>`, tagNone}, {`<a b="c"d>`, tagNone}, {`<a =b>`, tagNone}, {`<a /x>`, tagNone}, {`<a é>`, tagNone},
		{"<a\n", tagUndecided}, {"<a b=\"c\n", tagUndecided}, {`<a b=c`, tagUndecided}, {`<a b="é">`, tagUndecided},
		{`<a b=xé>`, tagUndecided}, {"<a\r\n", tagUndecided}, {`<a /`, tagUndecided},
	} {
		if got := openTagLen([]byte(c.src)); got != c.want {
			t.Errorf("openTagLen(%q) = %d, want %d", c.src, got, c.want)
		}
	}
	for _, c := range []struct {
		src  string
		want int
	}{
		{`</span> x`, 7}, {`</a >`, 5}, {"</a\t>", 5}, {`</a b>`, tagNone}, {`</1a>`, tagNone}, {"</a\n>", tagUndecided},
		{`</a`, tagUndecided},
	} {
		if got := closeTagLen([]byte(c.src)); got != c.want {
			t.Errorf("closeTagLen(%q) = %d, want %d", c.src, got, c.want)
		}
	}
}

// TestRawTagSwapped checks that the option replaces goldmark's parser,
// once, at its priority: a goldmark that no longer lists it would keep
// its own parser and lose the speed without a test failing otherwise.
func TestRawTagSwapped(t *testing.T) {
	c := parser.NewConfig()
	parser.WithInlineParsers(parser.DefaultInlineParsers()...).SetParserOption(c)
	swapRawHTMLParser{}.SetParserOption(c)
	n := 0
	for _, v := range c.InlineParsers {
		if v.Value == goldmarkRawHTML {
			t.Error("goldmark's raw HTML parser is still there")
		}
		if _, ok := v.Value.(rawTagParser); ok {
			n++
			if v.Priority != 400 {
				t.Errorf("rawTagParser at priority %d, want goldmark's 400", v.Priority)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d rawTagParsers, want 1", n)
	}
}

// rawTagPieces are what random sources are made of: single bytes rich in
// what tags are made of, and longer pieces that reach the rarer paths
// sooner.
var rawTagPieces = []string{
	"<", "<", "<", "<", ">", ">", ">", "/", "/", "=", "=", `"`, `"`, "'", "'", " ", " ", " ", "-", "\n", "\n",
	"a", "b", "s", "A", "Z", "1", "_", ":", ".", "\t", "!", "?", "[", "]", "`", "\\", "|", "*", "&", "é", "\xff",
	"\r", "\uFFFD", "\x00", "<span", "<a ", "</", "class", "=\"", "<!--", "-->", "<?", "?>", "<![CDATA[", "]]>",
	"<!D", "https://", "@b.c", "- ", "> ", "\n\n", "|-|", "\n|", "    ", "x ", "x <a b=\"", "x <b c=", "x </a",
}

// randomRawTagSource returns up to 40 pieces of rawTagPieces.
func randomRawTagSource(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.IntN(41); n > 0; n-- {
		b.WriteString(rawTagPieces[rng.IntN(len(rawTagPieces))])
	}
	return b.String()
}

func TestRawTagRandom(t *testing.T) {
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	std, ours := rawTagPair()
	rng := rand.New(rand.NewPCG(5, 6))
	for range n {
		checkRawTag(t, std, ours, randomRawTagSource(rng))
	}
}

func FuzzRawTag(f *testing.F) {
	std, ours := rawTagPair()
	f.Fuzz(func(t *testing.T, src string) {
		checkRawTag(t, std, ours, src)
	})
}

// BenchmarkRenderCloze renders the two sides of a cloze card as a build
// does: each holds two raw HTML tags. It also reports the thread's CPU
// time per call (cpu-ns/op), which the other programs of a busy machine
// change less than wall time.
func BenchmarkRenderCloze(b *testing.B) {
	for _, side := range []struct{ name, src string }{
		{"question", `Kinesis keeps stream data for <span class="cloze-gap">[…]</span> by default.`},
		{"answer", `Kinesis keeps stream data for <mark class="cloze">24 hours</mark> by default.`},
	} {
		b.Run(side.name, func(b *testing.B) {
			r := New()
			opt := Options{Resolver: fakeResolver{}, File: "a.md", Line: 1}
			b.ReportAllocs()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			cpu0, ok := threadCPU()
			for b.Loop() {
				_ = r.Render(side.src, opt)
			}
			if cpu1, _ := threadCPU(); ok {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
