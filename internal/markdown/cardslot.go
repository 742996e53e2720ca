package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Card slots: a deck page renders a note's reading text in one piece, with
// each card's lines replaced by a slot line that stands where the card
// was, inside the same callout or list item. The slot becomes the card's
// flip-card HTML (Options.CardSlots), so a card written inside a callout
// stays inside it and the list around a card in a list item stays one list.
//
// A slot is "\uE000N\uE000" (N the index into Options.CardSlots) on a line
// of its own, followed by one "\uE001" line for every other line the card
// took, so that the lines after it keep their numbers for messages. Both
// are Unicode private-use characters, which notes do not hold; a line that
// looks like a slot is only one when Options.CardSlots has that index.

const (
	slotMark = "\uE000"
	slotCont = "\uE001"
)

// CardSlot returns the Markdown that stands for a card of lines lines
// whose first line began with the container prefix prefix (blockquote
// markers, list indentation and marker, e.g. "> " or "\t- "): the slot
// line in the same container, then continuation lines inside it. Its
// lines end with "\n".
func CardSlot(prefix string, index, lines int) string {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(slotMark)
	b.WriteString(strconv.Itoa(index))
	b.WriteString(slotMark)
	b.WriteByte('\n')
	if lines > 1 {
		cont := continuationPrefix(prefix)
		for range lines - 1 {
			b.WriteString(cont)
			b.WriteString(slotCont)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// continuationPrefix turns a container prefix into the prefix of a line
// that continues the same container: quote markers and indentation stay,
// a list marker ("-", "1.", "[ ]") becomes spaces of its width, so the
// line sits inside the list item rather than starting a new one.
func continuationPrefix(prefix string) string {
	b := []byte(prefix)
	for i, c := range b {
		if c != '>' && c != ' ' && c != '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

// cardSlot is a slot in the tree: the card's HTML, written as it is.
type cardSlot struct {
	ast.BaseBlock
	html string
}

var kindCardSlot = ast.NewNodeKind("CardSlot")

func (n *cardSlot) Kind() ast.NodeKind { return kindCardSlot }

func (n *cardSlot) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type cardSlotParser struct{}

// Trigger is the first byte of U+E000 and U+E001 in UTF-8.
func (cardSlotParser) Trigger() []byte { return []byte{0xEE} }

func (cardSlotParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := getState(pc)
	if st == nil || len(st.opt.CardSlots) == 0 {
		return nil, parser.NoChildren
	}
	line, _ := reader.PeekLine()
	_, pos := util.IndentWidth(line, reader.LineOffset())
	rest := bytes.TrimRight(line[pos:], " \t\r\n")
	if !bytes.HasPrefix(rest, []byte(slotMark)) || !bytes.HasSuffix(rest, []byte(slotMark)) || len(rest) <= 2*len(slotMark) {
		return nil, parser.NoChildren
	}
	i, err := strconv.Atoi(string(rest[len(slotMark) : len(rest)-len(slotMark)]))
	if err != nil || i < 0 || i >= len(st.opt.CardSlots) {
		return nil, parser.NoChildren
	}
	reader.Advance(lineLen(line))
	return &cardSlot{html: st.opt.CardSlots[i]}, parser.NoChildren
}

// Continue takes the slot's continuation lines.
func (cardSlotParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	_, pos := util.IndentWidth(line, reader.LineOffset())
	if bytes.Equal(bytes.TrimRight(line[pos:], " \t\r\n"), []byte(slotCont)) {
		reader.Advance(lineLen(line))
		return parser.Continue | parser.NoChildren
	}
	return parser.Close
}

func (cardSlotParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph: a card may follow a line of reading text
// directly; that text ends where the card begins.
func (cardSlotParser) CanInterruptParagraph() bool { return true }

func (cardSlotParser) CanAcceptIndentedLine() bool { return true }

type cardSlotExt struct{}

func (cardSlotExt) Extend(m goldmark.Markdown) {
	// Before every other block parser: a slot line is nothing else.
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(cardSlotParser{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindCardSlot, renderCardSlot)
	}), 500)))
}

func renderCardSlot(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(node.(*cardSlot).html)
	}
	return ast.WalkSkipChildren, nil
}

// lineLen is the length of line without its newline: goldmark moves to
// the next line itself.
func lineLen(line []byte) int {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		return n - 1
	}
	return len(line)
}
