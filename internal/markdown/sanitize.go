package markdown

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
)

// Sanitising design.
//
// Only raw HTML written in the note is sanitised; the markup this package
// generates is never passed through bluemonday. Everything else in the
// output is produced by goldmark or by our renderers, which escape all
// text and attribute values, and goldmark runs in its safe mode, which
// drops javascript:/vbscript:/file: and non-image data: destinations of
// Markdown links, images and autolinks. So the only way for a note to
// inject markup is a raw HTML node (ast.RawHTML inline, ast.HTMLBlock),
// and the transformer replaces each one by its sanitised form.
//
// Sanitising the whole output instead would mean a policy that admits
// everything we emit (chroma classes, MathML, ids, data attributes, task
// list inputs, footnote roles, …): one forgotten attribute silently breaks
// our markup, and a looser policy admits more from notes too.
//
// Sanitising node by node is sound because goldmark cuts raw HTML at tag
// boundaries (an inline RawHTML node is one whole tag or comment; an HTML
// block is whole lines), bluemonday re-serialises each piece into complete
// tokens, and the text between pieces is escaped Markdown text. A second
// pass keeps the pieces balanced: an end tag that closes nothing opened by
// raw HTML (a stray "</div>" that would close one of our callouts or the
// card around it) is dropped, and elements raw HTML left open are closed
// at the end of the render, so a note's HTML cannot swallow or break the
// page around it.
//
// MathML from internal/texmath is run through the same policy (it is made
// from note text by another component; defence in depth). The policy
// admits exactly the MathML texmath writes, including its tm-* classes on
// <mtd>/<mtext>; no style attribute survives. TestMathSurvivesSanitiser checks that texmath's
// output passes unchanged.

var (
	// ourClasses are the class names notes may use in raw HTML: the
	// markup of our own features (cloze gaps written by the notes package,
	// callouts, tags, links) and chroma's token classes.
	ourClasses = regexp.MustCompile(`^\s*(?:(?:cloze(?:-[a-z0-9-]+)?|callout(?:-[a-z0-9_-]+)?|tag|wikilink(?:-missing)?|embed-[a-z-]+|math-error|chroma|line|cl|language-[A-Za-z0-9+#._-]+|[a-z]{1,4}[0-9]?)\s*)+$`)
	// mathClasses are texmath's cell and text classes (see texmath's table
	// and textLeaf).
	mathClasses = regexp.MustCompile(`^\s*(?:tm-(?:a[lr]|p[lr]0|b[lrtb]-(?:solid|dashed)|tag|bold|italic|sans|mono)\s*)+$`)
	mathValue   = regexp.MustCompile(`^[\p{L}\p{N} .,:;#%+/_()\-]*$`)
	policy      = newPolicy()
)

// mathElements and mathAttrs are the MathML texmath (and hand-written
// MathML) uses.
var (
	mathElements = []string{"math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext",
		"mspace", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder", "munderover",
		"mtable", "mtr", "mtd", "mlabeledtr", "mstyle", "mpadded", "mphantom", "menclose",
		"mmultiscripts", "mprescripts", "none", "merror"}
	mathAttrs = []string{"display", "mathvariant", "stretchy", "fence", "separator", "form", "lspace",
		"rspace", "accent", "accentunder", "columnalign", "rowalign", "columnspacing", "rowspacing",
		"columnlines", "rowlines", "frame", "framespacing", "displaystyle", "scriptlevel", "linethickness",
		"width", "height", "depth", "voffset", "minsize", "maxsize", "movablelimits", "largeop",
		"symmetric", "notation", "encoding", "mathsize", "columnspan", "rowspan", "align", "intent", "arg"}
)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowElements("details", "summary", "mark", "u", "small", "sub", "sup", "kbd", "br", "s", "ins", "del", "abbr")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`(?i)^(|open)$`)).OnElements("details")
	p.AllowAttrs("class").Matching(ourClasses).OnElements("span", "mark", "div", "code", "pre", "details", "summary")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img")
	p.AllowElements(mathElements...)
	// bluemonday drops an element left without attributes unless told.
	p.AllowNoAttrs().OnElements(mathElements...)
	p.AllowNoAttrs().OnElements("details", "summary", "mark", "u", "small", "sub", "sup", "kbd", "br", "s", "ins", "del", "abbr", "span", "div", "code", "pre")
	p.AllowAttrs(mathAttrs...).Matching(mathValue).OnElements(mathElements...)
	p.AllowAttrs("xmlns").Matching(regexp.MustCompile(`^http://www\.w3\.org/1998/Math/MathML$`)).OnElements("math")
	p.AllowAttrs("class").Matching(ourClasses).OnElements(mathElements...)
	// texmath aligns table cells and styles \textbf etc. with tm-* classes
	// (styled by the site's stylesheet), because Chromium ignores the
	// MathML attributes for them. No style attribute is allowed anywhere:
	// the site's Content-Security-Policy forbids inline styles.
	p.AllowAttrs("class").Matching(mathClasses).OnElements("mtd", "mtext")
	return p
}

// sanitiseMath cleans texmath's output.
func sanitiseMath(s string) string { return policy.Sanitize(s) }

// safeHTML is raw HTML after sanitising.
type safeHTML struct {
	ast.BaseInline
	html  string
	block bool
}

var kindSafeHTML = ast.NewNodeKind("SafeHTML")

func (n *safeHTML) Kind() ast.NodeKind { return kindSafeHTML }

func (n *safeHTML) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": n.html}, nil)
}

// safeHTMLBlock is a sanitised HTML block.
type safeHTMLBlock struct {
	ast.BaseBlock
	html string
}

var kindSafeHTMLBlock = ast.NewNodeKind("SafeHTMLBlock")

func (n *safeHTMLBlock) Kind() ast.NodeKind { return kindSafeHTMLBlock }

func (n *safeHTMLBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": n.html}, nil)
}

func rawSource(n ast.Node, src []byte) string {
	var b strings.Builder
	switch r := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < r.Segments.Len(); i++ {
			seg := r.Segments.At(i)
			b.Write(seg.Value(src))
		}
	case *ast.HTMLBlock:
		for i := 0; i < r.Lines().Len(); i++ {
			seg := r.Lines().At(i)
			b.Write(seg.Value(src))
		}
		if r.HasClosure() {
			b.Write(r.ClosureLine.Value(src))
		}
	}
	return b.String()
}

// sanitiseRaw replaces a raw HTML node by its sanitised form.
func (st *state) sanitiseRaw(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	raw := rawSource(n, st.src)
	out := raw
	if !st.opt.UnsafeHTML {
		switch strings.TrimSpace(strings.ToLower(raw)) {
		case "<br>", "<br/>", "<br />": // most raw HTML in real notes
			out = "<br>"
		default:
			out = st.balance(policy.Sanitize(raw))
		}
	}
	if n.Kind() == ast.KindHTMLBlock {
		if out != "" && !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		parent.ReplaceChild(parent, n, &safeHTMLBlock{html: out})
		return
	}
	parent.ReplaceChild(parent, n, &safeHTML{html: out})
}

var voidElements = map[string]bool{"area": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// balance drops end tags that close nothing opened by raw HTML in this
// render and records what is left open (see the design note above).
func (st *state) balance(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := string(z.Raw())
		switch tt {
		case nethtml.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				st.open = append(st.open, string(name))
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			i := len(st.open) - 1
			for i >= 0 && st.open[i] != string(name) {
				i--
			}
			if i < 0 {
				continue // closes nothing of ours to close: drop it
			}
			for j := len(st.open) - 1; j > i; j-- {
				b.WriteString("</" + st.open[j] + ">")
			}
			st.open = st.open[:i]
		}
		b.WriteString(raw)
	}
	return b.String()
}

// closeOpen appends end tags for raw elements still open at the end of
// the document.
func (st *state) closeOpen(doc *ast.Document) {
	if len(st.open) == 0 {
		return
	}
	var b strings.Builder
	for i := len(st.open) - 1; i >= 0; i-- {
		b.WriteString("</" + st.open[i] + ">")
	}
	st.open = nil
	doc.AppendChild(doc, &safeHTMLBlock{html: b.String() + "\n"})
}

type rawHTMLExt struct{}

func (rawHTMLExt) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindSafeHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString(n.(*safeHTML).html)
			}
			return ast.WalkSkipChildren, nil
		})
		reg.Register(kindSafeHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString(n.(*safeHTMLBlock).html)
			}
			return ast.WalkSkipChildren, nil
		})
	}), 500)))
}
