package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
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
	// markup of our own features (cloze gaps and Logseq block references
	// written by the notes package, callouts, tags, links) and chroma's
	// token classes.
	ourClasses = regexp.MustCompile(`^\s*(?:(?:cloze(?:-[a-z0-9-]+)?|block-ref|callout(?:-[a-z0-9_-]+)?|tag|wikilink(?:-missing)?|embed-[a-z-]+|math-error|chroma|line|cl|language-[A-Za-z0-9+#._-]+|[a-z]{1,4}[0-9]?)\s*)+$`)
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
	// A cloze line's flip card numbers its clozes (notes.Segment.Question).
	p.AllowAttrs("data-cloze").Matching(regexp.MustCompile(`^[0-9]{1,4}$`)).OnElements("span", "mark")
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

// rawSource returns the source of a raw HTML node: the segment itself
// (no copy) when there is one, else the segments joined in scratch,
// returned grown for the next use.
func rawSource(n ast.Node, src, scratch []byte) (raw, newScratch []byte) {
	var segs *text.Segments
	closure := false
	switch r := n.(type) {
	case *ast.RawHTML:
		segs = r.Segments
	case *ast.HTMLBlock:
		segs, closure = r.Lines(), r.HasClosure()
	default:
		return nil, scratch
	}
	if segs.Len() == 1 && !closure {
		seg := segs.At(0)
		return seg.Value(src), scratch
	}
	b := scratch[:0]
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b = append(b, seg.Value(src)...)
	}
	if closure {
		b = append(b, n.(*ast.HTMLBlock).ClosureLine.Value(src)...)
	}
	return b, b
}

// sanitiseRaw replaces a raw HTML node by its sanitised form.
func (st *state) sanitiseRaw(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	var raw []byte
	raw, st.scratch = rawSource(n, st.src, st.scratch)
	var out string
	switch {
	case st.opt.UnsafeHTML:
		out = string(raw)
	case isBr(raw): // most raw HTML in real notes
		out = "<br>"
	default:
		out = st.balance(st.r.sanitised(raw))
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

// isBr reports whether raw is "<br>", "<br/>" or "<br />" in any case,
// with spaces around.
func isBr(raw []byte) bool {
	t := bytes.TrimSpace(raw)
	return bytes.EqualFold(t, []byte("<br>")) || bytes.EqualFold(t, []byte("<br/>")) || bytes.EqualFold(t, []byte("<br />"))
}

var voidElements = map[string]bool{"area": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// sanitisedHTML is raw HTML after the policy, cut into the tokens that
// balance looks at.
type sanitisedHTML struct {
	html string
	toks []htmlToken // nil when html has no tag (no '<')
	// exact: the tokens' raw text, in order, is html, so balance can
	// return html itself when it changes nothing.
	exact bool
}

type htmlToken struct {
	typ  nethtml.TokenType
	name string // lower-case tag name of start and end tags
	raw  string
	off  int // byte offset in html when exact
}

func newSanitisedHTML(raw string) *sanitisedHTML {
	s := &sanitisedHTML{html: policy.Sanitize(raw)}
	if !strings.Contains(s.html, "<") {
		return s
	}
	z := nethtml.NewTokenizer(strings.NewReader(s.html))
	off := 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		t := htmlToken{typ: tt, raw: string(z.Raw()), off: off}
		if tt == nethtml.StartTagToken || tt == nethtml.EndTagToken {
			name, _ := z.TagName()
			t.name = string(name)
		}
		off += len(t.raw)
		s.toks = append(s.toks, t)
	}
	s.exact = off == len(s.html)
	if s.exact {
		for _, t := range s.toks {
			if s.html[t.off:t.off+len(t.raw)] != t.raw {
				s.exact = false
				break
			}
		}
	}
	return s
}

// Sanitising the same raw HTML again gives the same result, and notes
// repeat theirs: every cloze is "<span class=\"cloze-gap\">" … "</span>"
// or "<mark class=\"cloze\">" … "</mark>", written by the notes package.
// So the renderer keeps what bluemonday and the tokenizer made of short
// raw strings, up to maxCacheBytes in all; both cost far more than a map
// look-up.
const maxCachedRawHTML = 512

// maxCacheBytes bounds each of the renderer's caches of results.
const maxCacheBytes = 4 << 20

type sanitiseCache struct {
	mu    sync.RWMutex
	m     map[string]*sanitisedHTML
	bytes int // about what the kept entries hold
}

// sanitised returns raw through the policy, cut into tokens.
func (r *Renderer) sanitised(raw []byte) *sanitisedHTML {
	if len(raw) > maxCachedRawHTML {
		return newSanitisedHTML(string(raw))
	}
	c := &r.sanitiseCache
	c.mu.RLock()
	s := c.m[string(raw)] // no copy: the compiler reads the map with raw's bytes
	c.mu.RUnlock()
	if s != nil {
		return s
	}
	key := string(raw)
	s = newSanitisedHTML(key)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]*sanitisedHTML)
	}
	if n := len(key) + 2*len(s.html) + 64*len(s.toks); c.bytes+n <= maxCacheBytes {
		c.m[key] = s
		c.bytes += n
	}
	c.mu.Unlock()
	return s
}

// balance drops end tags that close nothing opened by raw HTML in this
// render and records what is left open (see the design note above).
func (st *state) balance(s *sanitisedHTML) string {
	if s.toks == nil {
		return s.html
	}
	// b is written only once the output differs from s.html (or cannot
	// be told apart from it): most tags are kept as they are.
	var b strings.Builder
	building := !s.exact
	diverge := func(t htmlToken) {
		if !building {
			building = true
			b.WriteString(s.html[:t.off])
		}
	}
	for _, t := range s.toks {
		switch t.typ {
		case nethtml.StartTagToken:
			if !voidElements[t.name] {
				st.open = append(st.open, t.name)
			}
		case nethtml.EndTagToken:
			i := len(st.open) - 1
			for i >= 0 && st.open[i] != t.name {
				i--
			}
			if i < 0 {
				diverge(t)
				continue // closes nothing of ours to close: drop it
			}
			if i < len(st.open)-1 {
				diverge(t)
				for j := len(st.open) - 1; j > i; j-- {
					b.WriteString("</" + st.open[j] + ">")
				}
			}
			st.open = st.open[:i]
		}
		if building {
			b.WriteString(t.raw)
		}
	}
	if !building {
		return s.html
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
