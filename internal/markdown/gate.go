package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Gates: some third-party extensions cost time on every call although
// most card sides cannot hold what they look for. linkify runs at every
// space of every text, and the passthrough (math) extension walks the
// whole tree twice in its AST transformer. A scan of the source before
// parsing says whether they can find anything; when they cannot, their
// parsers and transformers are skipped for that call. Each gate is a
// necessary condition for the extension to change anything (argued
// where it is computed), so the output is the same with or without it.

// scanSource sets the gates from st.src.
func (st *state) scanSource() {
	src := st.src
	// passthrough's parser makes a node only at a full opening delimiter
	// ("$" or "$$"; an escaped one still contains it), and
	// without one returns nil without reading on; its transformer only
	// changes containers holding such a node.
	st.mayMath = bytes.IndexByte(src, '$') >= 0
	// passthrough's transformer makes a block only of an inline node
	// opened by a block delimiter ("$$"). Without one it still rebuilds
	// every paragraph holding inline math: a new paragraph of the same
	// kind, with the same children in the same order and an attribute
	// the paragraph renderer leaves out (it drops the old one's line
	// segments, which only diagnostics read, and they then fall back
	// to its first child). Nothing written changes, so it is skipped.
	st.mayMathBlock = st.mayMath && bytes.Contains(src, []byte("$$"))
	// linkify finds a URL only after "http:", "https:", "ftp:" or "www."
	// (its default protocols) and an address only around an '@'; in all
	// other cases it returns nil before touching the tree or the reader.
	st.mayLinkify = bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("www.")) || hasURLScheme(src)
}

// hasURLScheme reports whether src has "http:", "https:" or "ftp:". It
// looks for the ':', which is rarer in text than the letters.
func hasURLScheme(src []byte) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], ':')
		if j < 0 {
			return false
		}
		i += j
		if p := src[:i]; bytes.HasSuffix(p, []byte("http")) || bytes.HasSuffix(p, []byte("https")) || bytes.HasSuffix(p, []byte("ftp")) {
			return true
		}
	}
}

// gated returns ext with the inline parsers and AST transformers it adds
// skipped in calls where on(state) is false. Everything else ext adds
// (renderers, and any parser option with more in it) is added unchanged,
// in the same order, so priorities and ties sort as they did.
func gated(ext goldmark.Extender, on func(*state) bool) goldmark.Extender {
	return gatedExt{ext: ext, inline: on, transform: on}
}

// gatedApart is gated with a gate of its own for the AST transformers,
// for an extension whose transformers have nothing to do in more calls
// than its inline parsers.
func gatedApart(ext goldmark.Extender, inline, transform func(*state) bool) goldmark.Extender {
	return gatedExt{ext: ext, inline: inline, transform: transform}
}

type gatedExt struct {
	ext               goldmark.Extender
	inline, transform func(*state) bool
}

func (g gatedExt) Extend(m goldmark.Markdown) {
	g.ext.Extend(gatingMarkdown{Markdown: m, p: gatingParser{Parser: m.Parser(), inline: g.inline, transform: g.transform}})
}

// gatingMarkdown is m as the gated extension sees it: only its parser
// differs.
type gatingMarkdown struct {
	goldmark.Markdown
	p parser.Parser
}

func (m gatingMarkdown) Parser() parser.Parser { return m.p }

// gatingParser wraps the inline parsers and AST transformers in the
// options it is given before passing them on.
type gatingParser struct {
	parser.Parser
	inline, transform func(*state) bool
}

func (p gatingParser) AddOptions(opts ...parser.Option) {
	for _, o := range opts {
		p.Parser.AddOptions(p.gate(o))
	}
}

// gate returns o with its inline parsers and AST transformers wrapped.
// It returns o itself (ungated: slower, never wrong) when o holds
// anything else or an inline parser with block callbacks, which goldmark
// finds by type assertion and a wrapper would hide.
func (p gatingParser) gate(o parser.Option) parser.Option {
	c := parser.NewConfig()
	o.SetParserOption(c)
	if len(c.BlockParsers) > 0 || len(c.ParagraphTransformers) > 0 || len(c.Options) > 0 || c.EscapedSpace ||
		(len(c.InlineParsers) > 0) == (len(c.ASTTransformers) > 0) {
		return o
	}
	for _, v := range c.InlineParsers {
		if _, ok := v.Value.(parser.CloseBlocker); ok {
			return o
		}
	}
	if len(c.InlineParsers) > 0 {
		ps := make([]util.PrioritizedValue, len(c.InlineParsers))
		for i, v := range c.InlineParsers {
			ps[i] = util.Prioritized(gatedInline{v.Value.(parser.InlineParser), p.inline}, v.Priority)
		}
		return parser.WithInlineParsers(ps...)
	}
	ts := make([]util.PrioritizedValue, len(c.ASTTransformers))
	for i, v := range c.ASTTransformers {
		ts[i] = util.Prioritized(gatedTransformer{v.Value.(parser.ASTTransformer), p.transform}, v.Priority)
	}
	return parser.WithASTTransformers(ts...)
}

type gatedInline struct {
	parser.InlineParser
	on func(*state) bool
}

func (g gatedInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if st := getState(pc); st != nil && !g.on(st) {
		return nil
	}
	return g.InlineParser.Parse(parent, block, pc)
}

// SetOption passes goldmark's parser options on (the wrapper hides
// whether the parser takes them).
func (g gatedInline) SetOption(name parser.OptionName, value any) {
	if so, ok := g.InlineParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

type gatedTransformer struct {
	parser.ASTTransformer
	on func(*state) bool
}

func (g gatedTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if st := getState(pc); st != nil && !g.on(st) {
		return
	}
	g.ASTTransformer.Transform(doc, reader, pc)
}

func (g gatedTransformer) SetOption(name parser.OptionName, value any) {
	if so, ok := g.ASTTransformer.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}
