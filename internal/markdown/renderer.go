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
	// states recycles per-call states (*state) with their buffers. A
	// build renders every card side and reading section on its own,
	// hundreds of thousands of small calls; a new source copy, output
	// buffer, bufio.Writer and state for each were a large share of what
	// a build allocated. A state is taken for one call and put back when
	// the call has made its HTML string, so concurrent calls and the
	// nested calls of note embeds never share one.
	states sync.Pool
	// Results of pure functions that notes call with the same input
	// again and again (see sanitize.go and math.go).
	sanitiseCache sanitiseCache
	mathCache     mathCache
	// lexers are chroma's lexers by fence language (code.go).
	lexers lexerCache
}

// outBuf is where one Render call writes its HTML.
type outBuf struct {
	html bytes.Buffer
	w    *bufio.Writer // writes to html
}

// maxPooledBuf is the largest buffer kept for reuse: one huge note should
// not pin its buffers for the rest of the build.
const maxPooledBuf = 256 << 10

// New builds the goldmark pipeline with every extension of this package.
func New() *Renderer {
	r := &Renderer{}
	r.md = goldmark.New(
		goldmark.WithExtensions(
			// extension.GFM, with linkify gated (see gate.go).
			gated(extension.Linkify, func(st *state) bool { return st.mayLinkify }),
			extension.Table, extension.Strikethrough, extension.TaskList,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
			// The passthrough's AST transformer walks the whole tree twice
			// per call; it has nothing to do without a math opener.
			gatedApart(passthrough.New(passthrough.Config{
				// Only Obsidian's delimiters: \( and \[ are escaped
				// brackets there ("\[Author(s): …\]" in a heading).
				InlineDelimiters: []passthrough.Delimiters{{Open: "$", Close: "$"}},
				BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}},
			}), func(st *state) bool { return st.mayMath }, func(st *state) bool { return st.mayMathBlock }),
			highlightExt{}, calloutExt{}, wikilinkExt{}, embedExt{}, tagExt{}, iconExt{},
			mathExt{}, codeExt{}, rawHTMLExt{}, rawTagExt{}, linkExt{}, cardSlotExt{}, admonitionExt{}, linkGuardExt{},
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
	html, diags := r.render(src, opt, 0)
	return Result{HTML: html, Diags: diags}
}

// stateKey finds the per-call state in a parser.Context.
var stateKey = parser.NewContextKey()

// state is everything one Render call owns.
type state struct {
	r       *Renderer
	opt     Options
	depth   int
	src     []byte
	diags   []diag.Diagnostic // handed to the caller, never reused
	ids     map[string]bool   // heading ids given so far; made at the first heading
	adCount int               // admonition blocks rendered so far (their heading id prefixes)
	open    []string          // raw HTML elements left open (sanitize.go)

	// What src may hold, from a scan before parsing, to skip work that
	// cannot find anything (see gate.go).
	mayMath      bool // '$', `\(` or `\[`: passthrough may make math nodes
	mayMathBlock bool // "$$" too: passthrough's transformer may make a block of one
	mayLinkify   bool // what linkify needs to find a URL or an address

	// lines holds the byte offsets of line starts in src, worked out by
	// the first diagnostic only: most calls report nothing.
	lines      []int
	linesReady bool

	// Reused by the next call that takes this state from the pool.
	buf     []byte       // src's storage
	nodes   []ast.Node   // the transformer's list of nodes to visit
	scratch []byte       // raw HTML of several segments, joined
	code    bytes.Buffer // a code block's highlighted HTML (codelimit.go)
	out     outBuf
}

func getState(pc parser.Context) *state {
	st, _ := pc.Get(stateKey).(*state)
	return st
}

// render renders src at embed depth depth and returns its HTML and
// diagnostics.
func (r *Renderer) render(src string, opt Options, depth int) (string, []diag.Diagnostic) {
	if src == "" {
		return "", nil
	}
	if html, ok := plainLine(src); ok {
		return html, nil // nothing in it for goldmark to do (plainpara.go)
	}
	st, _ := r.states.Get().(*state)
	if st == nil {
		st = &state{}
		st.out.w = bufio.NewWriter(&st.out.html)
	}
	st.r, st.opt, st.depth = r, opt, depth
	st.setSource(src)
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(st.src), parser.WithContext(pc))
	out := &st.out
	out.html.Reset()
	out.w.Reset(&out.html)
	if err := r.md.Renderer().Render(out.w, st.src, doc); err != nil {
		// Renderers here never fail; keep whatever was written.
		st.warn(0, diag.KindSyntax, "could not render Markdown: "+err.Error())
	}
	_ = out.w.Flush() // into a bytes.Buffer: cannot fail
	html, diags := out.html.String(), st.diags
	r.release(st)
	return html, diags
}

// release puts st back in the pool, dropping every reference into this
// call (options, resolver, tree nodes) and buffers grown too large.
func (r *Renderer) release(st *state) {
	if st.out.html.Cap() > maxPooledBuf || st.code.Cap() > maxPooledBuf {
		return // let it go; the next call makes a new state
	}
	st.r, st.opt, st.depth, st.src, st.diags, st.adCount = nil, Options{}, 0, nil, nil, 0
	if len(st.ids) > maxPooledItems {
		st.ids = nil
	}
	clear(st.ids)
	clear(st.nodes)
	clear(st.open)
	st.open = reuse(st.open, maxPooledItems)
	st.lines, st.linesReady = reuse(st.lines, maxPooledItems), false
	st.nodes = reuse(st.nodes, maxPooledItems)
	st.buf = reuse(st.buf, maxPooledBuf)
	st.scratch = reuse(st.scratch, maxPooledBuf)
	r.states.Put(st)
}

// maxPooledItems bounds the slices and maps of other than bytes that a
// pooled state keeps.
const maxPooledItems = 4096

// reuse returns s emptied for the next call, or nil when it grew past max
// elements.
func reuse[S ~[]E, E any](s S, max int) S {
	if cap(s) > max {
		return nil
	}
	return s[:0]
}

// setSource sets st.src to src with CRLF and CR turned into LF (keeping
// the number of lines) and %%comments%% removed. goldmark wants bytes, so
// src is copied once, into the state's reused buffer.
func (st *state) setSource(src string) {
	b := append(st.buf[:0], src...)
	if strings.IndexByte(src, '\r') >= 0 {
		b = normaliseNewlines(b)
	}
	st.buf = b
	// Nesting first: long backtick runs, escaped, are quick to skip
	// for stripComments too.
	limited, cut := limitNesting(b)
	st.src = stripComments(limited)
	st.scanSource()
	st.warnNesting(cut)
}

// normaliseNewlines turns CRLF and CR into LF in place.
func normaliseNewlines(b []byte) []byte {
	j := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
		b[j] = c
		j++
	}
	return b[:j]
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
	if !st.linesReady {
		st.lines = append(st.lines[:0], 0)
		for i, c := range st.src {
			if c == '\n' {
				st.lines = append(st.lines, i+1)
			}
		}
		st.linesReady = true
	}
	i := sort.Search(len(st.lines), func(i int) bool { return st.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return base + i
}

// warn records a warning at byte offset off.
func (st *state) warn(off int, kind, msg string) {
	st.warnLine(st.line(off), kind, msg)
}

// warnLine records a warning at file line line.
func (st *state) warnLine(line int, kind, msg string) {
	st.diags = append(st.diags, diag.Diagnostic{
		File: st.opt.File, Line: line, Kind: kind, Message: msg, Severity: diag.Warning,
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
	// Only footnotes use the prefix attribute, and a document has none
	// without "[^"; setting an attribute allocates the node's list.
	prefix := st.opt.FootnoteIDPrefix
	if prefix == "" {
		prefix = st.opt.HeadingIDPrefix
	}
	if prefix != "" && bytes.Contains(st.src, []byte("[^")) {
		doc.SetAttributeString(footnotePrefixAttrName, []byte(prefix))
	}
	nodes := st.nodes[:0]
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock:
			if st.isAdmonition(n.(*ast.FencedCodeBlock)) {
				nodes = append(nodes, n)
			} else {
				// Highlighted as it is written (code.go).
				n.SetAttributeString(codeStateAttr, st)
			}
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindCodeSpan:
			return ast.WalkSkipChildren, nil
		case ast.KindHeading, ast.KindParagraph, ast.KindTextBlock,
			kindWikilink, kindEmbed, ast.KindImage, ast.KindLink,
			passthrough.KindPassthroughInline, passthrough.KindPassthroughBlock,
			kindMathBlock, ast.KindRawHTML, ast.KindHTMLBlock:
			nodes = append(nodes, n)
		}
		return ast.WalkContinue, nil
	})
	st.nodes = nodes // keep the grown slice for the next call
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
		case kindMathBlock:
			st.convertMathBlock(n.(*mathBlock))
		case ast.KindRawHTML, ast.KindHTMLBlock:
			st.sanitiseRaw(n)
		case ast.KindFencedCodeBlock:
			st.admonition(n.(*ast.FencedCodeBlock))
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

// footnotePrefixAttrName carries the footnote id prefix to the footnote
// renderer, which only sees nodes.
const footnotePrefixAttrName = "flipdeck-fn-prefix"

func footnotePrefix(n ast.Node) []byte {
	for p := n; p != nil; p = p.Parent() {
		if d, ok := p.(*ast.Document); ok {
			if v, ok := d.AttributeString(footnotePrefixAttrName); ok {
				if b, ok := v.([]byte); ok {
					return b
				}
			}
			break
		}
	}
	return nil
}

// writeEscaped writes s HTML-escaped, as util.EscapeHTML does, without
// copying s.
func writeEscaped(w util.BufWriter, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		if e := util.EscapeHTMLByte(s[i]); e != nil {
			_, _ = w.WriteString(s[start:i])
			_, _ = w.Write(e)
			start = i + 1
		}
	}
	_, _ = w.WriteString(s[start:])
}

// nodeRenderer adapts a function to renderer.NodeRenderer.
type nodeRenderer func(reg renderer.NodeRendererFuncRegisterer)

func (f nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) { f(reg) }
