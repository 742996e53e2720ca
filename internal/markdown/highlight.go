package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Highlights: ==text== becomes <mark>text</mark>. Parsed with goldmark's
// delimiter machinery (like emphasis), so it nests with **, ~~ and links
// and never fires inside code spans or math.

type highlight struct{ ast.BaseInline }

var kindHighlight = ast.NewNodeKind("Highlight")

func (n *highlight) Kind() ast.NodeKind { return kindHighlight }

func (n *highlight) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type highlightDelims struct{}

func (highlightDelims) IsDelimiter(b byte) bool { return b == '=' }

func (highlightDelims) CanOpenCloser(o, c *parser.Delimiter) bool { return o.Char == c.Char }

func (highlightDelims) OnMatch(consumes int) ast.Node { return &highlight{} }

type highlightParser struct{}

func (highlightParser) Trigger() []byte { return []byte{'='} }

func (highlightParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 2, highlightDelims{})
	if d == nil || d.OriginalLength != 2 || before == '=' {
		return nil
	}
	d.Segment = seg.WithStop(seg.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

func (highlightParser) CloseBlock(parent ast.Node, pc parser.Context) {}

type highlightExt struct{}

func (highlightExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(highlightParser{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindHighlight, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString("<mark>")
			} else {
				_, _ = w.WriteString("</mark>")
			}
			return ast.WalkContinue, nil
		})
	}), 500)))
}
