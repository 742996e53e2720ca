package markdown

import (
	"bufio"
	"bytes"
	"sort"
	"strings"
	"sync"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// maxEmbedDepth bounds ![[Note]] embeds inside embedded notes.
const maxEmbedDepth = 3

// Renderer turns Obsidian Markdown into HTML. Build it once per site
// build with New; Render is safe for concurrent use: the goldmark
// instance is immutable after New and every per-call value (options,
// diagnostics, heading ids) lives in a per-call state reached through the
// parser.Context.
type Renderer struct {
	md goldmark.Markdown
	// outs recycles output buffers (*outBuf). A build renders every card
	// side and reading section on its own, hundreds of thousands of small
	// calls; a new bufio.Writer (goldmark makes one unless given one) and
	// a growing buffer for each were a sixth of what a build allocated.
	outs sync.Pool
}

// outBuf is where one Render call writes its HTML.
type outBuf struct {
	html bytes.Buffer
	w    *bufio.Writer // writes to html
}

// maxPooledOut is the largest buffer kept for reuse: one huge note should
// not pin its buffer for the rest of the build.
const maxPooledOut = 256 << 10

// New builds the goldmark pipeline with every extension of this package.
func New() *Renderer {
	r := &Renderer{}
	r.md = goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, // tables, task lists, strikethrough, linkify
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
			passthrough.New(passthrough.Config{
				InlineDelimiters: []passthrough.Delimiters{{Open: "$", Close: "$"}, {Open: `\(`, Close: `\)`}},
				BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: `\[`, Close: `\]`}},
			}),
			highlightExt{}, calloutExt{}, wikilinkExt{}, embedExt{}, tagExt{},
			mathExt{}, codeExt{}, rawHTMLExt{}, linkExt{},
		),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(&obsidianTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			html.WithHardWraps(),
			// Raw HTML is not written by goldmark's own renderer: the
			// transformer replaces every raw HTML node by a sanitised one
			// (see sanitize.go), so goldmark stays in its safe mode, which
			// also drops javascript: and similar link destinations.
		),
	)
	return r
}

// Render renders src (one question, answer or reading text) with opt.
func (r *Renderer) Render(src string, opt Options) Result {
	var diags []diag.Diagnostic
	html := r.render(src, opt, 0, &diags)
	return Result{HTML: html, Diags: diags}
}

// stateKey finds the per-call state in a parser.Context.
var stateKey = parser.NewContextKey()

// state is everything one Render call owns.
type state struct {
	r     *Renderer
	opt   Options
	depth int
	src   []byte
	lines []int // byte offsets of line starts in src
	diags *[]diag.Diagnostic
	ids   map[string]bool
	open  []string // raw HTML elements left open (sanitize.go)
}

func getState(pc parser.Context) *state {
	st, _ := pc.Get(stateKey).(*state)
	return st
}

func (r *Renderer) render(src string, opt Options, depth int, diags *[]diag.Diagnostic) string {
	if src == "" {
		return ""
	}
	b := normalise(src)
	b = stripComments(b)
	st := &state{r: r, opt: opt, depth: depth, src: b, diags: diags, ids: map[string]bool{}}
	st.lines = append(st.lines, 0)
	for i, c := range b {
		if c == '\n' {
			st.lines = append(st.lines, i+1)
		}
	}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(b), parser.WithContext(pc))
	out, _ := r.outs.Get().(*outBuf)
	if out == nil {
		out = &outBuf{}
		out.w = bufio.NewWriter(&out.html)
	}
	out.html.Reset()
	out.w.Reset(&out.html)
	if err := r.md.Renderer().Render(out.w, b, doc); err != nil {
		// Renderers here never fail; keep whatever was written.
		st.warn(0, diag.KindSyntax, "could not render Markdown: "+err.Error())
	}
	_ = out.w.Flush() // into a bytes.Buffer: cannot fail
	html := out.html.String()
	if out.html.Cap() <= maxPooledOut {
		r.outs.Put(out)
	}
	return html
}

// normalise turns CRLF and CR into LF, keeping the number of lines.
func normalise(s string) []byte {
	if !strings.ContainsRune(s, '\r') {
		return []byte(s)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return []byte(strings.ReplaceAll(s, "\r", "\n"))
}

// line returns the file line of byte offset off in the source.
func (st *state) line(off int) int {
	base := st.opt.Line
	if base <= 0 {
		base = 1
	}
	if off < 0 {
		return base
	}
	i := sort.Search(len(st.lines), func(i int) bool { return st.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return base + i
}

// warn records a warning at byte offset off.
func (st *state) warn(off int, kind, msg string) {
	*st.diags = append(*st.diags, diag.Diagnostic{
		File: st.opt.File, Line: st.line(off), Kind: kind, Message: msg, Severity: diag.Warning,
	})
}

// nodeOffset finds a byte offset for n: its own position, else that of
// its first line, else that of a descendant or an ancestor.
func nodeOffset(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if off := ownOffset(p); off >= 0 {
			return off
		}
		for c := p.FirstChild(); c != nil; c = c.FirstChild() {
			if off := ownOffset(c); off >= 0 {
				return off
			}
		}
	}
	return -1
}

func ownOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if n.Kind() != ast.KindDocument && n.Pos() >= 0 {
		return n.Pos()
	}
	return -1
}

// plainText is the text of n's inline descendants, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *wikilink:
			b.WriteString(t.display())
			return ast.WalkSkipChildren, nil
		case *tag:
			b.WriteString(t.name)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// obsidianTransformer runs after parsing: it resolves links and embeds,
// converts math, sets heading ids, removes block ids and sanitises raw
// HTML, all with the per-call state. Nodes are collected first and changed
// afterwards, so the walk never sees a tree it is modifying.
type obsidianTransformer struct{}

func (t *obsidianTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := getState(pc)
	if st == nil {
		return
	}
	doc.SetAttributeString(string(footnotePrefixAttr), []byte(st.opt.HeadingIDPrefix))
	var nodes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindCodeSpan:
			return ast.WalkSkipChildren, nil
		case ast.KindHeading, ast.KindParagraph, ast.KindTextBlock,
			kindWikilink, kindEmbed, ast.KindImage, ast.KindLink,
			passthrough.KindPassthroughInline, passthrough.KindPassthroughBlock,
			ast.KindRawHTML, ast.KindHTMLBlock:
			nodes = append(nodes, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range nodes {
		switch n.Kind() {
		case ast.KindHeading:
			st.headingID(n.(*ast.Heading))
		case ast.KindParagraph, ast.KindTextBlock:
			stripBlockIDs(n, st.src)
		case kindWikilink:
			st.resolveWikilink(n.(*wikilink))
		case kindEmbed:
			st.resolveEmbed(n.(*embed))
		case ast.KindImage:
			st.resolveImage(n.(*ast.Image))
		case ast.KindLink:
			st.resolveLink(n.(*ast.Link))
		case passthrough.KindPassthroughInline, passthrough.KindPassthroughBlock:
			st.convertMath(n)
		case ast.KindRawHTML, ast.KindHTMLBlock:
			st.sanitiseRaw(n)
		}
	}
	st.closeOpen(doc)
	// Paragraphs cut around display math keep stray line breaks at their
	// edges, and a line holding only a block id leaves nothing: tidy.
	for _, n := range nodes {
		if (n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock) && n.Parent() != nil {
			tidyInlines(n, st.src)
		}
	}
}

// tidyInlines drops blank text at the start and end of an inline
// container and the line break after its last text; an emptied paragraph
// is removed.
func tidyInlines(n ast.Node, src []byte) {
	blank := func(c ast.Node) bool {
		t, ok := c.(*ast.Text)
		return ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0
	}
	for c := n.FirstChild(); c != nil && blank(c); c = n.FirstChild() {
		n.RemoveChild(n, c)
	}
	for c := n.LastChild(); c != nil && blank(c); c = n.LastChild() {
		n.RemoveChild(n, c)
	}
	if t, ok := n.LastChild().(*ast.Text); ok {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
	}
	if n.ChildCount() == 0 && n.Kind() == ast.KindParagraph {
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

// footnotePrefixAttr carries Options.HeadingIDPrefix to the footnote
// renderer, which only sees nodes.
var footnotePrefixAttr = []byte("flipdeck-fn-prefix")

func footnotePrefix(n ast.Node) []byte {
	for p := n; p != nil; p = p.Parent() {
		if d, ok := p.(*ast.Document); ok {
			if v, ok := d.AttributeString(string(footnotePrefixAttr)); ok {
				if b, ok := v.([]byte); ok {
					return b
				}
			}
			break
		}
	}
	return nil
}

// writeEscaped writes s HTML-escaped.
func writeEscaped(w util.BufWriter, s string) {
	_, _ = w.Write(util.EscapeHTML([]byte(s)))
}

// nodeRenderer adapts a function to renderer.NodeRenderer.
type nodeRenderer func(reg renderer.NodeRendererFuncRegisterer)

func (f nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) { f(reg) }
