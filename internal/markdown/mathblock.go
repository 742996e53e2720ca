package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/flipdeck/flipdeck/internal/displaymath"
)

// Display math written as a block: a line whose content starts with $$
// and holds no second $$ opens it, and the first later line holding $$
// closes it (see internal/displaymath for the bound that keeps a
// forgotten $$ from swallowing the note). It is a block parser, not an
// inline one, for three reasons:
//
//   - goldmark hands a block parser each line without the markers of the
//     quotes, callouts and list items around it, so "> $$" … "> $$" in a
//     callout gives TeX without the '>' markers;
//   - blank lines stay inside the formula, as in Obsidian, where a
//     paragraph would end;
//   - a formula line such as "+ b" or "- 1" is TeX, not a list item.
//
// $$…$$ within a line ("see $$x$$ here", or a one-line "$$x$$") is
// left to the passthrough inline parser, as before.

type displayMathParser struct{}

func (displayMathParser) Trigger() []byte { return []byte{'$'} }

func (displayMathParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte(displaymath.Delim)) {
		return nil, parser.NoChildren
	}
	if bytes.Contains(line[pos+2:], []byte(displaymath.Delim)) {
		return nil, parser.NoChildren // $$…$$ on one line: passthrough's
	}
	// In a paragraph whose text left a $$ open ("item $$" … "$$"), this
	// $$ closes that formula: it continues the paragraph, where
	// passthrough pairs the two, as the note reader does.
	if last := pc.LastOpenedBlock().Node; last != nil && last.Kind() == ast.KindParagraph &&
		leavesDisplayMathOpen(last.Lines(), reader.Source()) {
		return nil, parser.NoChildren
	}
	// Open only when the formula closes: else the $$ is text, and the
	// inline guard warns about it (see dollarGuard).
	// PeekLine gives the rest of the line, so seg.Stop is the line's end.
	if displaymath.CloserLine(reader.Source()[seg.Stop:], false) < 0 {
		return nil, parser.NoChildren
	}
	n := &mathBlock{}
	n.Lines().Append(text.NewSegment(seg.Start+pos, seg.Stop))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// leavesDisplayMathOpen reports whether lines hold an odd number of $$.
func leavesDisplayMathOpen(lines *text.Segments, src []byte) bool {
	n := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		n += bytes.Count(seg.Value(src), []byte(displaymath.Delim))
	}
	return n%2 == 1
}

func (displayMathParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	i := bytes.Index(line, []byte(displaymath.Delim))
	if i < 0 {
		node.Lines().Append(seg)
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	node.Lines().Append(seg.WithStop(seg.Start + i + 2))
	node.(*mathBlock).closed = true
	if util.IsBlank(line[i+2:]) {
		reader.AdvanceToEOL()
	} else {
		// Text after the closing $$ starts a paragraph of its own.
		reader.Advance(i + 2)
	}
	return parser.Close
}

// Close turns a formula that its container ended before the closing $$
// (a callout line without '>', a list line indented too little) back
// into the paragraph it would have been; the inline guard then warns
// about its unclosed $$.
func (displayMathParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*mathBlock)
	if n.closed {
		n.m = n.formula(reader.Source())
		return
	}
	p := ast.NewParagraph()
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		s := seg.TrimLeftSpace(reader.Source())
		if i == lines.Len()-1 {
			s = s.TrimRightSpace(reader.Source())
		}
		p.Lines().Append(s)
	}
	p.SetBlankPreviousLines(n.HasBlankPreviousLines())
	if parent := n.Parent(); parent != nil {
		parent.ReplaceChild(parent, n, p)
	}
}

func (displayMathParser) CanInterruptParagraph() bool { return true }

func (displayMathParser) CanAcceptIndentedLine() bool { return false }

// formula is the math of a closed block: its lines joined, from the
// opening $$ to the closing one.
func (n *mathBlock) formula(src []byte) *math {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	source := b.String()
	return &math{source: source, tex: strings.TrimSpace(source[2 : len(source)-2]), display: true}
}
