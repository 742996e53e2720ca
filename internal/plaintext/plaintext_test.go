package plaintext

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// plainTextReference is FromHTML written on golang.org/x/net/html's
// Tokenizer, as it was first written, and then taught to keep code: each
// byte of text is marked as inside a <pre> or not, and what is inside
// is cut to its lines from the first to the last with a word and kept
// as written (codeReference). On well-formed HTML, and so on
// everything our renderer writes, the scanner in plaintext.go must give
// byte-identical output; TestPlainTextRendered, TestPlainTextRandom and
// FuzzPlainText compare the two. On malformed HTML it may differ (see
// plainTextOddCases).
func plainTextReference(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b []byte
	var inPre []bool // of each byte of b: is it inside a <pre>
	pre := 0         // open <pre> elements
	add := func(t ...byte) {
		b = append(b, t...)
		for range t {
			inPre = append(inPre, pre > 0)
		}
	}
	skip := 0 // open <script>/<style> elements, whose text is not content
	// The <math> being read: where its text starts in b, and the text of
	// its first TeX annotation, which replaces the whole formula's text.
	mathStart, texFrom, texTo, inTeX := -1, -1, -1, false
	afterBr := false  // the previous token was <br>
	afterPre := false // the previous token was <pre>
	for {
		tt := z.Next()
		wasBr, wasPre := afterBr, afterPre
		afterBr, afterPre = false, false
		switch tt {
		case html.ErrorToken:
			return codeReference(b, inPre)
		case html.TextToken:
			if skip == 0 {
				t := z.Text() // "\r\n" and "\r" read as "\n"
				if wasBr {
					// The newline our renderer writes after a <br> is not
					// a second line break.
					i := len(t) - len(bytes.TrimLeft(t, " \t"))
					n := 0
					switch {
					case bytes.HasPrefix(t[i:], []byte("\r\n")):
						n = 2
					case i < len(t) && (t[i] == '\n' || t[i] == '\r'):
						n = 1
					}
					t = append(t[:i:i], t[i+n:]...)
				}
				if wasPre {
					// HTML drops a newline right after <pre>.
					t = bytes.TrimPrefix(t, []byte("\n"))
				}
				add(t...)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			n := string(name)
			if n == "script" || n == "style" {
				skip++
			}
			if blockTagsReference[n] {
				add('\n')
			}
			afterBr = n == "br"
			if n == "pre" {
				pre++
				afterPre = true
			}
			attr := func(key string) (string, bool) {
				for {
					k, v, more := z.TagAttr()
					if string(k) == key {
						return string(v), true
					}
					if !more {
						return "", false
					}
				}
			}
			switch n {
			case "img":
				if v, _ := attr("alt"); v != "" {
					add([]byte("[" + v + "]")...)
				}
			case "math":
				if mathStart < 0 {
					mathStart = len(b)
				}
			case "annotation":
				if v, _ := attr("encoding"); mathStart >= 0 && texFrom < 0 && strings.EqualFold(v, "application/x-tex") {
					texFrom, inTeX = len(b), true
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if (n == "script" || n == "style") && skip > 0 {
				skip--
			}
			if n == "pre" && pre > 0 {
				pre--
			}
			if blockTagsReference[n] {
				add('\n')
			}
			switch {
			case n == "annotation" && inTeX:
				texTo, inTeX = len(b), false
			case n == "math" && mathStart >= 0:
				if texTo >= 0 {
					b = append(b[:mathStart], b[texFrom:texTo]...)
					inPre = append(inPre[:mathStart], inPre[texFrom:texTo]...)
				}
				mathStart, texFrom, texTo, inTeX = -1, -1, -1, false
			}
		}
	}
}

// codeReference is the text b tidied by tidyTextReference, but for the
// code in it: each run of bytes inside a <pre> (inPre), cut to its lines
// from the first to the last that are not blank, is kept as written. It
// stands in for each such piece of code a character that b does not
// hold, tidies, and puts the code back.
func codeReference(b []byte, inPre []bool) string {
	mark := '\uE000'
	for bytes.ContainsRune(b, mark) {
		mark++
	}
	var code []string
	var s strings.Builder
	for i := 0; i < len(b); {
		if !inPre[i] {
			s.WriteByte(b[i])
			i++
			continue
		}
		j := i
		for j < len(b) && inPre[j] {
			j++
		}
		lines := strings.Split(string(b[i:j]), "\n")
		first, last := -1, -1
		for k, l := range lines {
			if strings.TrimSpace(l) != "" {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		if first < 0 {
			s.Write(b[i:j]) // only white space
		} else {
			s.WriteString(strings.Join(lines[:first], "\n"))
			if first > 0 {
				s.WriteByte('\n')
			}
			s.WriteRune(mark)
			code = append(code, strings.Join(lines[first:last+1], "\n"))
			if last < len(lines)-1 {
				s.WriteByte('\n')
			}
			s.WriteString(strings.Join(lines[last+1:], "\n"))
		}
		i = j
	}
	parts := strings.Split(tidyTextReference(s.String()), string(mark))
	if len(parts) != len(code)+1 {
		panic("codeReference: a piece of code went missing")
	}
	var out strings.Builder
	for k, p := range parts {
		if k > 0 {
			out.WriteString(code[k-1])
		}
		out.WriteString(p)
	}
	return out.String()
}

var blockTagsReference = map[string]bool{"p": true, "div": true, "br": true, "li": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "pre": true,
	"table": true, "ul": true, "ol": true, "blockquote": true, "details": true, "summary": true}

func tidyTextReference(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// plainTextCases are representative inputs with the text they must give,
// which is also the reference's. They also seed FuzzPlainText.
var plainTextCases = []struct{ name, in, want string }{
	{"empty", "", ""},
	{"spaces only", " \n\t \n", ""},
	{"paragraphs", "<p>One  two\nthree</p>\n<p>Four</p>\n", "One two\nthree\n\nFour"},
	{"inline", "<p>a <strong>bold</strong> <em>it</em>a<code>x</code>b</p>", "a bold itaxb"},
	{"nested lists", "<ul>\n<li>one\n<ul>\n<li>two</li>\n<li>three</li>\n</ul>\n</li>\n</ul>\n<ol>\n<li>x</li>\n</ol>",
		"one\n\ntwo\n\nthree\n\nx"},
	{"table", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1 &amp; 2</td>\n<td>'q'</td>\n</tr>\n</tbody>\n</table>\n",
		"a\nb\n\n1 & 2\n'q'"},
	{"chroma code", `<pre class="chroma"><code class="language-go"><span class="kd">func</span><span class="w"> </span><span class="nf">main</span><span class="p">()</span><span class="w"> </span><span class="p">{</span><span class="w"> </span><span class="nx">fmt</span><span class="p">.</span><span class="nf">Println</span><span class="p">(</span><span class="s">&#34;hi&#34;</span><span class="p">)</span><span class="w"> </span><span class="p">}</span><span class="w">
</span></code></pre>`, `func main() { fmt.Println("hi") }`},
	{"math", `<p>Euler <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>e</mi><mrow><mi>i</mi><mi>π</mi></mrow></msup><mo>+</mo><mn>1</mn><mo>=</mo><mn>0</mn></mrow><annotation encoding="application/x-tex">e^{i\pi}+1=0</annotation></semantics></math> rocks</p>`,
		`Euler e^{i\pi}+1=0 rocks`},
	{"math block", `<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow><annotation encoding="application/x-tex">\frac{a}{b} &lt; 1</annotation></semantics></math>`,
		`\frac{a}{b} < 1`},
	{"math without TeX annotation", `<p>a <math><mi>x</mi><annotation encoding="text/plain">ex</annotation></math> b <math><mi>y</mi></math></p>`, "a xex b y"},
	{"math TeX annotation, first one", `<math><mi>x</mi><annotation encoding="text/plain">p</annotation><annotation ENCODING='Application/X-TeX'>x_1</annotation><annotation encoding="application/x-tex">x_2</annotation></math>!`, "x_1!"},
	{"annotation outside math", `<annotation encoding="application/x-tex">t</annotation><math><mi>a</mi></math>`, "ta"},
	{"math not closed", `<math><mi>a</mi><annotation encoding="application/x-tex">a</annotation>`, "aa"},
	{"math with line breaks", "<p>x <math><mi>a</mi><annotation encoding=\"application/x-tex\">\\begin{aligned}a\\\\\nb\\end{aligned}</annotation></math> y</p>",
		"x \\begin{aligned}a\\\\\nb\\end{aligned} y"},
	{"br then newline", "<p>a<br>\nb<br />\r\nc<br>  \n d<br>&#13;e<br>\n\nf<BR>g</p>", "a\nb\nc\nd\ne\n\nf\ng"},
	// Only a newline right after the <br> is the one our renderer writes.
	{"br then markup then newline", "<p>a<br><em>\nb</em><br><!-- c -->\nd</p>", "a\n\nb\n\nd"},
	{"br at the end", "a<br>", "a"},
	{"img alt", `<p><img src="../media/x.png" alt="alt &amp; &quot;q&quot;" loading="lazy"> <img src="y.png" alt="cap"><img src="z.png" alt=""><img src="w.png"></p>`,
		`[alt & "q"] [cap]`},
	{"img alt unquoted and single-quoted", `<IMG SRC=a ALT=x&amp;y><img alt='&#x41; &lt;b&gt; "q"' alt="second"><img alt = "sp" >`, `[x&y][A <b> "q"][sp]`},
	{"img alt not first attr duplicate", `<img alt="" alt="b"><img title="t" Alt="c">`, `[c]`},
	{"entities", `<p>&lt;tag&gt; &amp;amp; &#39;s&#39; &quot;q&quot; &nbsp;x&nbsp; &copy; &notin; &amp &ampx &#128; &#0; &bogus;</p>`,
		"<tag> &amp; 's' \"q\" x © ∉ & &x € \ufffd &bogus;"},
	{"mark link callout", `<p><mark>hi</mark> <a href="a>b">link</a></p><details class="callout"><summary>Title</summary><div class="callout-content"><p>body</p></div></details>`,
		"hi link\n\nTitle\n\nbody"},
	{"script and style", "<p>a</p><script>var x = '<p>no</p>';</script><style>p { color: red }</style><p>b</p><SCRIPT>x</SCRIPT >c",
		"a\n\nb\nc"},
	{"unclosed script", "<p>a</p><script>never closed", "a"},
	{"comments", "a<!-- <p>hidden</p> -->b<!---->c<!-->d<!--->e<!doctype html>f<?xml x?>g</ bogus>h</>i", "abcdefghi"},
	{"unclosed comment", "a<!-- b", "a"},
	{"unclosed tags", "<p>a<b>b<i>c", "abc"},
	{"cut off tag", "<p>a</p><img alt=\"x", "a"},
	{"cut off end tag", "a</p", "a"},
	{"lone angle", "a < b <3 c<", "a < b <3 c<"},
	{"quoted gt in attribute", `<p title="a > b" data-x='c>d'>text</p><a href=">">x</a>`, "text\nx"},
	{"uppercase tags", "<P>one</P><DIV>two<BR>three</DIV><Li>four</LI>", "one\n\ntwo\nthree\n\nfour"},
	{"self closing", "a<br/>b<br />c<hr/>d", "a\nb\ncd"},
	{"carriage returns", "<p>a\r\nb\r\n\r\nc</p>", "a\nb\n\nc"},
	{"raw text elements", "<title>a b</title><textarea>c</textarea><IFRAME src=\"x\">d</iframe>", "a bcd"},
	{"unicode space", "<p>a\u00a0\u00a0b\u3000c\u2028d</p>", "a b c d"},
	{"character reference for CR", "a&#13;b\r\nc", "a b\nc"},
	{"nbsp split by a tag", "a\xc2<b>\xa0b", "a b"},
	{"invalid UTF-8", "a\xff\xc2 b\xe2\x80", "a\xff\xc2 b\xe2\x80"},
	{"img alt with CR", "<img alt=\"a\r\nb&#13;c\">", "[a\nb c]"},
	{"NUL", "a\x00b", "a\x00b"},
	{"blank line runs", "<p>a</p>\n\n\n<p></p><div> </div><p>b</p>", "a\n\nb"},
	// The text of a <pre> is code, kept as written: only its blank lines
	// at the start and end go, and the newline our renderer writes
	// before </code></pre>.
	{"pre", "<pre><code>a  b\n\tc \n</code></pre>\n", "a  b\n\tc "},
	{"chroma pre, Go", `<pre class="chroma"><code class="language-go"><span class="kd">type</span><span class="w"> </span><span class="nx">T</span><span class="w"> </span><span class="kd">struct</span><span class="w"> </span><span class="p">{</span><span class="w">
</span><span class="w">	</span><span class="nx">mu</span><span class="w">   </span><span class="nx">sync</span><span class="p">.</span><span class="nx">Mutex</span><span class="w">
</span><span class="w">	</span><span class="nx">n</span><span class="w">    </span><span class="kt">int</span><span class="w">
</span><span class="p">}</span><span class="w">
</span></code></pre>
`, "type T struct {\n\tmu   sync.Mutex\n\tn    int\n}"},
	{"chroma pre, Python, between paragraphs", `<p>Text</p>
<pre class="chroma"><code class="language-python"><span class="k">def</span> <span class="nf">f</span><span class="p">(</span><span class="n">x</span><span class="p">):</span>
    <span class="k">if</span> <span class="n">x</span><span class="p">:</span>
	<span class="k">return</span> <span class="mi">1</span>


    <span class="k">return</span> <span class="mi">2</span>   
</code></pre>
<p>after  this</p>
`, "Text\n\ndef f(x):\n    if x:\n\treturn 1\n\n\n    return 2   \n\nafter this"},
	{"pre with a blank line", "<pre><code>a\n\n  b\n</code></pre>\n", "a\n\n  b"},
	{"pre with blank lines at the ends", "<p>a</p>\n<pre><code>\n \n\n    x\n\n  y\n\t\n\n</code></pre>\n<p>b</p>", "a\n\n    x\n\n  y\n\nb"},
	{"pre of white space", "<p>a</p><pre>  \n\t\n\u00a0</pre><p>b</p><pre></pre>", "a\n\nb"},
	{"pre in a list", "<ul>\n<li>\n<p>item</p>\n<pre class=\"chroma\"><code class=\"language-sh\"><span class=\"nb\">echo</span>  hi\n  there\n</code></pre>\n</li>\n<li>b</li>\n</ul>\n",
		"item\n\necho  hi\n  there\n\nb"},
	// The line breaks around code part it from the text as before: here
	// the code's last and the </pre>'s make a blank line.
	{"pre in a list item's text", "<ul><li>a<pre>  b\n</pre>c<pre>d</pre>e</li></ul>", "a\n  b\n\nc\nd\ne"},
	{"pre in a blockquote", "<blockquote>\n<p>quote</p>\n<pre><code>  q\n</code></pre>\n</blockquote>\n", "quote\n\n  q"},
	{"pre in a callout", `<div class="callout callout-note" data-callout="note">
<div class="callout-title">Title</div>
<div class="callout-content">
<pre class="chroma"><code class="language-python"><span class="k">if</span> <span class="n">x</span><span class="p">:</span>
    <span class="n">y</span>
</code></pre>
</div></div>
`, "Title\n\nif x:\n    y"},
	{"pre with references", "<pre><code>if a &lt; b &amp;&amp; c&gt;d:\n    s = &quot;x&#9;y&quot;\n</code></pre>", "if a < b && c>d:\n    s = \"x\ty\""},
	{"pre then a paragraph", "<pre><code>x = 1\n</code></pre>\n<p>Then  y</p>", "x = 1\n\nThen y"},
	{"pre, the whole side", `<pre class="chroma"><code class="language-python"><span class="k">def</span> <span class="nf">f</span><span class="p">():</span>
    <span class="k">pass</span>
</code></pre>
`, "def f():\n    pass"},
	{"mermaid", "<pre><code class=\"language-mermaid\">graph TD\n  A --&gt; B\n</code></pre>\n", "graph TD\n  A --> B"},
	{"math error block", "<pre class=\"math-error\"><code>$$\n\\frac{a}{\n$$</code></pre>\n", "$$\n\\frac{a}{\n$$"},
	{"plugin block", "<details class=\"plugin-block\" data-plugin=\"dataview\"><summary><span class=\"plugin-name\">Dataview</span> · dynamic content from an Obsidian plugin</summary>\n<pre><code>TABLE  x\n  FROM y\n</code></pre></details>\n",
		"Dataview · dynamic content from an Obsidian plugin\n\nTABLE  x\n  FROM y"},
	// HTML drops a newline right after <pre> (which shows when it is not
	// at the start of code), and reads "\r\n" and "\r" as "\n".
	{"newline after pre", "<pre>x<pre>\ny</pre>z<pre>\r\n\nw</pre></pre>", "x\ny\nz\n\nw"},
	{"pre line breaks", "<pre>a\r\n  b\rc&#13;d</pre>", "a\n  b\nc\rd"},
	{"pre unicode space", "<pre>\u00a0x\u3000 y\n\u2028\u00a0\n</pre>", "\u00a0x\u3000 y"},
	{"pre upper case, not closed", "<PRE class=x>  a\n b", "  a\n b"},
	{"pre with markup", `<pre>  <img alt="i">  <b>y</b>	<math><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation></math>  <script>s</script>z</pre>`, "  [i]  y\tx^2  z"},
	{"end pre without a start", "a  b</pre>c", "a b\nc"},
	// A formula's TeX moves with what is code in it; and a byte before
	// code is not read with the code's first bytes as one character.
	{"pre and math crossed", `a<pre> b<math>c</pre> <annotation encoding="application/x-tex">d  e</annotation>f</math>  g</pre>h`, "a\n bd e g\nh"},
	{"math and pre crossed", `a<math>b<pre>c<annotation encoding="application/x-tex">d  e</annotation></math>  f</pre>g`, "ad  e  f\ng"},
	{"pre moved after a lead byte", "x\xc2<math><pre><annotation encoding=\"application/x-tex\">\xa0y</annotation></pre></math>", "x\xc2\xa0y"},
	{"pre moved before a trail byte", "<math><pre><annotation encoding=\"application/x-tex\">\xc2</annotation></pre></math>\xa0z", "\xc2\xa0z"},
}

// plainTextOddCases are inputs on which FromHTML gives something else
// than the Tokenizer (tokenizer is what plainTextReference gives): malformed
// HTML, and Tokenizer rules for markup our renderer never writes (raw text
// elements other than script and style, script escapes, a lone '\r',
// ambiguous ampersands and NUL in attribute values). There the result only
// has to be sensible, and FromHTML must not panic. They also seed
// FuzzPlainText.
var plainTextOddCases = []struct{ name, in, want, tokenizer string }{
	{"final end tag opener", "a</", "a", "a</"},
	{"comment ended by --!>", "a<!--x--!>b", "a", "ab"},
	{"script escapes", "<script><!-- <script> </script> --></script>after", "-->after", "after"},
	{"raw text elements", "<title>a &amp; <b>b</b></title><textarea>&lt;</textarea><xmp>&lt;<p></xmp><iframe>&amp;</iframe>",
		"a & b<<\n&", "a & <b>b</b><&lt;<p>&amp;"},
	{"plaintext", "x<plaintext></plaintext>&amp;", "x&", "x</plaintext>&amp;"},
	{"lone carriage returns", "<p>a\rb&#13;c</p>", "a b c", "a\nb c"},
	{"ambiguous ampersands in alt", `<img alt='&ampx &notit;'>`, "[&x ¬it;]", "[&ampx &notit;]"},
	{"NUL in alt", "<img alt=\"a\x00b\">", "[a\x00b]", "[a\ufffdb]"},
}

func TestPlainText(t *testing.T) {
	for _, c := range plainTextCases {
		if got := FromHTML(c.in); got != c.want {
			t.Errorf("%s: FromHTML(%q)\n got %q\nwant %q", c.name, c.in, got, c.want)
		}
		if ref := plainTextReference(c.in); ref != c.want {
			t.Errorf("%s: reference(%q)\n got %q\nwant %q", c.name, c.in, ref, c.want)
		}
	}
	for _, c := range plainTextOddCases {
		if got := FromHTML(c.in); got != c.want {
			t.Errorf("%s: FromHTML(%q)\n got %q\nwant %q", c.name, c.in, got, c.want)
		}
		if ref := plainTextReference(c.in); ref != c.tokenizer {
			t.Errorf("%s: reference(%q)\n got %q\nwant %q", c.name, c.in, ref, c.tokenizer)
		}
	}
}

// textTestResolver resolves every link and embed, cycling through the
// embed kinds so that all of them are rendered.
type textTestResolver struct{}

func (textTestResolver) Link(from, target string) (markdown.Target, bool) {
	return markdown.Target{URL: "decks/x.html#" + target, Kind: markdown.EmbedNote}, true
}

func (textTestResolver) Embed(from, target string) (markdown.Target, bool, error) {
	kinds := []markdown.EmbedKind{markdown.EmbedImage, markdown.EmbedAudio, markdown.EmbedVideo,
		markdown.EmbedPDF, markdown.EmbedOther}
	return markdown.Target{URL: "media/" + target, Kind: kinds[len(target)%len(kinds)]}, true, nil
}

// renderedHTML renders Markdown notes as the site does and returns the
// HTML of each whole note body and of every card side: the sample vault
// in content/, the Markdown of internal/markdown's test cases, and the
// real-world corpus when it is there.
func renderedHTML(t testing.TB) []string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("..", "markdown", "testdata", "cases.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var ns []corpus.File
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".md") {
			ns = append(ns, corpus.File{Path: f.Name, Src: f.Data})
		}
	}
	ns = append(ns, corpus.WithSample(t, filepath.Join("..", "..", "content"))...)

	md := markdown.New()
	var out []string
	for _, n := range ns {
		note := notes.Parse(n.Path, n.Src, notes.DefaultOptions())
		for _, unsafe := range []bool{false, true} {
			render := func(src string) {
				if src == "" {
					return
				}
				r := md.Render(src, markdown.Options{Resolver: textTestResolver{}, Root: "../",
					File: n.Path, Line: 1, UnsafeHTML: unsafe, HeadingIDPrefix: "n1-"})
				out = append(out, r.HTML)
			}
			render(note.Body)
			for _, c := range note.Cards {
				render(c.Question)
				render(c.Answer)
			}
		}
	}
	return out
}

// TestPlainTextRendered checks FromHTML against the Tokenizer version on
// everything our renderer makes of real notes, and on the same HTML with
// "\r\n" line ends, as notes written with them may give.
func TestPlainTextRendered(t *testing.T) {
	docs := renderedHTML(t)
	for _, h := range docs {
		for _, h := range []string{h, strings.ReplaceAll(h, "\n", "\r\n")} {
			if got, want := FromHTML(h), plainTextReference(h); got != want {
				t.Errorf("FromHTML differs from the reference for\n%q\n got %q\nwant %q", h, got, want)
			}
		}
	}
	t.Logf("%d rendered documents", len(docs))
}

// The pieces wellFormedHTML builds HTML from.
var (
	// textPieces are text: words, white space of all kinds, character
	// references good and bad, invalid UTF-8, and '<' and '>' that start
	// no markup.
	textPieces = []string{"a", "B", "word", "x y", " ", "  ", "\n", "\n\n", "\t", "\f", "\v", "\r\n", "\x00",
		"\u00a0", "\u3000", "\u2028", "\u0085", "\u1680", "\xc2", "\xa0", "\xe2\x80", "\xff", "é", "π", "∑", "、",
		"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x41;", "&nbsp;", "&amp", "&ampx", "&notit;", "&notin;",
		"&#128;", "&#0;", "&#13;", "&bogus;", "& ", "&#", "#", ";", ">", `"`, "'", "=", "/", "-", "--", "-->",
		"!", "?", "< ", "<3", "<=", "<-", "<\n"}
	// attrPieces are quoted attribute values: character references only
	// of the kinds that decode the same in text and in attribute values.
	attrPieces = []string{"a", "x y", " ", "\n", "\r\n", "\t", ">", "<p>", "<", "=", "/", "`", `"`, "'", "application/x-tex", "Application/X-TeX",
		"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x41;", "&#128;", "&#13;", "&nbsp;", "&notin;", "& ",
		"é", "\u00a0", "\u3000", "\xff"}
	// unquotedPieces are unquoted attribute values.
	unquotedPieces = []string{"a", "x1", "1.5", "a/b", "&amp;", "&#39;", "é", "application/x-tex"}
	// scriptPieces are the content of script and style elements: no
	// "<!--" (the Tokenizer's script escapes), but near misses of end tags.
	scriptPieces = []string{"x", "var a = 1;", " ", "\n", "a<b", "< ", "<p>", "</p>", "&amp;", "'", `"`,
		"-->", "</scr", "ipt", "</scripts>", "</style-x>"}
	// rawPieces are the content of the other raw text elements, which
	// FromHTML reads as normal text: no '<' or '&'.
	rawPieces     = []string{"x", "y z", " ", "\n", "é", ">", "=", "'"}
	commentPieces = []string{"x", " ", "\n", "<p>", "</p>", "&amp;", "-", "a-b", ">", "<!--"}
	tagNames      = []string{"p", "div", "br", "li", "tr", "td", "th", "h1", "h6", "pre", "table", "ul", "ol",
		"blockquote", "details", "summary", "span", "a", "b", "i", "strong", "em", "code", "mark", "sup",
		"math", "mi", "mo", "mn", "mrow", "semantics", "annotation", "img", "input", "hr", "figure", "video", "x-y"}
	attrNames = []string{"class", "alt", "src", "title", "data-x", "disabled", "href", "loading", "encoding"}
)

// wellFormedHTML builds well-formed HTML from n parts, making each choice
// with pick(k), which returns an int in [0, k): text, start and end tags
// with names and attributes in any case and values double-, single- or
// unquoted, images with alt texts, comments, doctypes, and script, style
// and other raw text elements. That covers what our renderer and
// bluemonday write and a good deal more, and on it FromHTML must agree
// with the reference byte for byte.
func wellFormedHTML(n int, pick func(k int) int) string {
	var b strings.Builder
	one := func(s ...string) string { return s[pick(len(s))] }
	some := func(pieces []string, not string) {
		for range 1 + pick(4) {
			if p := pieces[pick(len(pieces))]; p != not {
				b.WriteString(p)
			}
		}
	}
	anyCase := func(s string) string {
		u := []byte(s)
		for i, c := range u {
			if 'a' <= c && c <= 'z' && pick(4) == 0 {
				u[i] = c - 'a' + 'A'
			}
		}
		return string(u)
	}
	tag := func(name string) {
		b.WriteString("<" + name)
		quoted := false
		for range pick(4) {
			if !quoted || pick(2) == 0 { // a quoted value needs no space after it
				b.WriteString(one(" ", "\n", "\t", "  "))
			}
			b.WriteString(anyCase(one(attrNames...)))
			switch quoted = false; pick(5) {
			case 1, 2:
				q := one(`"`, "'")
				b.WriteString(one("=", " = ") + q)
				some(attrPieces, q)
				b.WriteString(q)
				quoted = true
			case 3:
				b.WriteString("=")
				some(unquotedPieces, "")
			}
		}
		b.WriteString(one(">", "/>", " />", " >", "\n>"))
	}
	for range n {
		switch pick(10) {
		case 0, 1:
			some(textPieces, "")
		case 2, 3:
			tag(anyCase(one(tagNames...)))
		case 4:
			b.WriteString("</" + anyCase(one(tagNames...)) + one(">", " >", "\n>", ` class="x">`, ` alt="x">`))
		case 5:
			b.WriteString("<" + anyCase("img") + ` src="x.png" ` + anyCase("alt") + `="`)
			some(attrPieces, `"`)
			b.WriteString(`">`)
		case 6:
			name := one("script", "style", "textarea", "title", "iframe", "xmp", "noscript", "noembed", "noframes")
			tag(anyCase(name))
			if name == "script" || name == "style" {
				some(scriptPieces, "")
			} else {
				some(rawPieces, "")
			}
			b.WriteString("</" + anyCase(name) + one(">", " >", "/>"))
		case 7:
			b.WriteString("<!--")
			some(commentPieces, "")
			b.WriteString("-->")
		case 8:
			b.WriteString(one("<!DOCTYPE html>", "<!doctype html>", `<?xml version="1.0"?>`, "</ x>", "</>", "<!x>", "<!-x>"))
		case 9:
			// A formula as texmath writes it, its parts sometimes left
			// out or doubled.
			b.WriteString(one("<math>", `<math display="block">`, "<MATH>", ""))
			some(textPieces, "")
			b.WriteString(one(`<annotation encoding="application/x-tex">`, `<annotation encoding="text/plain">`, "<annotation>", ""))
			some(textPieces, "")
			b.WriteString(one("</annotation>", "</annotation></math>", "</math>", "</annotation></math></math>"))
		}
	}
	if pick(8) == 0 {
		b.WriteString("<") // a final '<' is text
	}
	return b.String()
}

// TestPlainTextRandom checks that FromHTML agrees with the reference on
// many random well-formed fragments, and that it does not panic on random
// strings of htmlPieces, mostly malformed (with a fixed seed, so the test
// is repeatable).
func TestPlainTextRandom(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range n {
		s := wellFormedHTML(rng.IntN(30), rng.IntN)
		if got, want := FromHTML(s), plainTextReference(s); got != want {
			t.Fatalf("FromHTML(%q)\n got %q\nwant %q", s, got, want)
		}
		b.Reset()
		for range rng.IntN(40) {
			b.WriteString(htmlPieces[rng.IntN(len(htmlPieces))])
		}
		FromHTML(b.String())
	}
}

// htmlPieces are the characters and words that steer an HTML scanner;
// TestPlainTextRandom builds malformed HTML from them, and they seed
// FuzzPlainText.
var htmlPieces = []string{
	"<", ">", "/", "!", "?", "-", "--", "=", `"`, "'", " ", "\n", "\r", "\t", "\x00",
	"a", "B", "x", "p", "P", "div", "br", "li", "h1", "H6", "img", "IMG", "alt", "ALT", "src",
	"script", "SCRIPT", "Script", "style", "textarea", "title", "xmp", "iframe", "noscript",
	"plaintext", "math", "annotation", "pre", "PRE", "!--", "-->", "--!>", "<!--", "</", "/>", "<!DOCTYPE ",
	"&", "&amp;", "&lt;", "&#39;", "&#x41;", "&#", "&amp", "&ampx", "&notit;", "&nbsp;", ";", "#",
	"\u00a0", "\u3000", "\xc2", "\xa0", "\xe2", "\x80", "\x85", "é", "π",
}

// FuzzPlainText checks, for any input s, that FromHTML does not panic
// and gives tidy text (when s has no <pre>, whose code is kept as
// written), and that tidyBytes tidies s as the reference does.
// On malformed HTML FromHTML may differ from the reference, so s is not
// compared as HTML; instead its bytes steer wellFormedHTML, and FromHTML
// must agree with the reference on the HTML that builds.
func FuzzPlainText(f *testing.F) {
	for _, c := range plainTextCases {
		f.Add(c.in)
	}
	for _, c := range plainTextOddCases {
		f.Add(c.in)
	}
	for _, p := range htmlPieces {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := FromHTML(s); string(tidyBytes([]byte(got), nil)) != got && !strings.Contains(strings.ToLower(s), "<pre") {
			t.Errorf("FromHTML(%q) = %q, which is not tidy", s, got)
		}
		if got, want := string(tidyBytes([]byte(s), nil)), tidyTextReference(s); got != want {
			t.Errorf("tidyBytes(%q)\n got %q\nwant %q", s, got, want)
		}
		i := 0
		h := wellFormedHTML(len(s)/3, func(k int) int {
			if i >= len(s) {
				return 0
			}
			i++
			return int(s[i-1]) % k
		})
		if got, want := FromHTML(h), plainTextReference(h); got != want {
			t.Errorf("FromHTML(%q)\n got %q\nwant %q", h, got, want)
		}
	})
}
