package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callouts: a blockquote whose first line is "> [!type] Title", with an
// optional fold marker ("[!tip]-" folded, "[!tip]+" open). Parsed by a
// block parser that runs before goldmark's blockquote parser and
// continues exactly like a blockquote, so callouts nest and hold any
// block. The title is a child block with its own inline content.
//
// As in Obsidian, the head line is the first line of a paragraph: the
// head parser opens it as a goldmark paragraph, so the lines that
// continue it (with or without ">": CommonMark's lazy continuation lines)
// and the blocks that interrupt it follow goldmark's own rules. When that
// paragraph closes, its first line becomes the title and the rest stays
// as the callout's first paragraph.
//
//	<div class="callout callout-note" data-callout="note">
//	  <div class="callout-title">Title</div><div class="callout-content">…</div></div>
//
// Foldable callouts use <details class="callout …"><summary class="callout-title">.

type callout struct {
	ast.BaseBlock
	typ  string // lower-case, [a-z0-9-] only
	fold byte   // 0, '-' or '+'
	// head is where the title starts in the source (after "[!type]+"),
	// until the head parser has opened the head paragraph; then -1.
	head int
}

var kindCallout = ast.NewNodeKind("Callout")

func (n *callout) Kind() ast.NodeKind { return kindCallout }

func (n *callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Type": n.typ, "Fold": string(n.fold)}, nil)
}

type calloutTitle struct{ ast.BaseBlock }

var kindCalloutTitle = ast.NewNodeKind("CalloutTitle")

func (n *calloutTitle) Kind() ast.NodeKind { return kindCalloutTitle }

func (n *calloutTitle) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type calloutParser struct{}

func (calloutParser) Trigger() []byte { return []byte{'>'} }

// quoteMarker consumes "   > " at the reader's position, as a blockquote
// line does; it reports whether the line had one.
func quoteMarker(reader text.Reader) bool {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) || line[pos] != '>' {
		return false
	}
	pos++
	reader.Advance(pos)
	if pos < len(line) && (line[pos] == ' ' || line[pos] == '\t') {
		padding := 0
		if line[pos] == '\t' {
			padding = util.TabWidth(reader.LineOffset()) - 1
		}
		reader.AdvanceAndSetPadding(1, padding)
	}
	return true
}

// parseCalloutHead reads "[!type]+ Title" from a line (after the '>').
// It returns the type, the fold marker and the title's byte range in line.
func parseCalloutHead(line []byte) (typ string, fold byte, ts, te int, ok bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i+3 > len(line) || line[i] != '[' || line[i+1] != '!' {
		return "", 0, 0, 0, false
	}
	end := -1
	for j := i + 2; j < len(line); j++ {
		if line[j] == ']' {
			end = j
			break
		}
		if line[j] == '[' || line[j] == '\n' {
			break
		}
	}
	if end < 0 || end == i+2 {
		return "", 0, 0, 0, false
	}
	typ = calloutType(string(line[i+2 : end]))
	if typ == "" {
		return "", 0, 0, 0, false
	}
	k := end + 1
	if k < len(line) && (line[k] == '-' || line[k] == '+') {
		fold = line[k]
		k++
	}
	if k < len(line) && line[k] != ' ' && line[k] != '\t' && line[k] != '\n' {
		return "", 0, 0, 0, false // "[!x]foo": not a callout head
	}
	ts, te = k, len(line)
	for ts < te && (line[ts] == ' ' || line[ts] == '\t') {
		ts++
	}
	for te > ts && (line[te-1] == ' ' || line[te-1] == '\t' || line[te-1] == '\n' || line[te-1] == '\r') {
		te--
	}
	return typ, fold, ts, te, true
}

// calloutType lower-cases t and keeps it usable as a class name.
func calloutType(t string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(t)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func (calloutParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) || line[pos] != '>' {
		return nil, parser.NoChildren
	}
	typ, fold, ts, _, ok := parseCalloutHead(line[pos+1:])
	if !ok {
		return nil, parser.NoChildren
	}
	// The reader stays before "[!type]": goldmark goes on to open the
	// callout's children on this line, and the head parser, which is
	// tried first, opens the head paragraph there.
	quoteMarker(reader)
	return &callout{typ: typ, fold: fold, head: seg.Start + pos + 1 + ts}, parser.HasChildren
}

func (calloutParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if quoteMarker(reader) {
		return parser.Continue | parser.HasChildren
	}
	return parser.Close
}

// Close removes the head paragraph when the title was all it held, and
// gives a callout whose head paragraph was taken by another block (a
// table whose header is the head line) its default title, which the
// renderer needs to open the content.
func (calloutParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	title, ok := node.FirstChild().(*calloutTitle)
	if !ok {
		node.InsertBefore(node, node.FirstChild(), &calloutTitle{})
		return
	}
	if p, ok := title.NextSibling().(*ast.Paragraph); ok && p.Lines().Len() == 0 {
		node.RemoveChild(node, p)
	}
}

func (calloutParser) CanInterruptParagraph() bool { return true }

func (calloutParser) CanAcceptIndentedLine() bool { return false }

type calloutExt struct{}

func (calloutExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(calloutParser{}, 799),
		util.Prioritized(calloutHeadParser{}, 90),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindCallout, renderCallout)
		reg.Register(kindCalloutTitle, renderCalloutTitle)
	}), 500)))
}

func renderCallout(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*callout)
	if entering {
		writeCalloutStart(w, n.typ, n.fold)
	} else {
		writeCalloutEnd(w, n.fold)
	}
	return ast.WalkContinue, nil
}

func renderCalloutTitle(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	c, _ := node.Parent().(*callout)
	if c == nil {
		return ast.WalkSkipChildren, nil
	}
	if entering {
		writeTitleStart(w, c.fold)
		if node.ChildCount() == 0 {
			writeDefaultTitle(w, c.typ)
		}
		return ast.WalkContinue, nil
	}
	writeTitleEnd(w, c.fold)
	return ast.WalkContinue, nil
}

// The HTML of a callout, shared with admonition blocks (admonition.go):
// writeCalloutStart, writeTitleStart, the title, writeTitleEnd (which
// opens the content), the content, writeCalloutEnd.

func writeCalloutStart(w util.BufWriter, typ string, fold byte) {
	tag := "div"
	if fold != 0 {
		tag = "details"
	}
	_, _ = w.WriteString("<" + tag + ` class="callout callout-` + typ + `" data-callout="` + typ + `"`)
	if fold == '+' {
		_, _ = w.WriteString(" open")
	}
	_, _ = w.WriteString(">\n")
}

func writeCalloutEnd(w util.BufWriter, fold byte) {
	if fold != 0 {
		_, _ = w.WriteString("</div></details>\n")
	} else {
		_, _ = w.WriteString("</div></div>\n")
	}
}

func writeTitleStart(w util.BufWriter, fold byte) {
	if fold != 0 {
		_, _ = w.WriteString(`<summary class="callout-title">`)
	} else {
		_, _ = w.WriteString(`<div class="callout-title">`)
	}
}

// writeDefaultTitle writes the title of a callout that has none: its
// type, capitalised ("Note").
func writeDefaultTitle(w util.BufWriter, typ string) {
	if typ != "" {
		typ = strings.ToUpper(typ[:1]) + typ[1:]
	}
	writeEscaped(w, typ)
}

func writeTitleEnd(w util.BufWriter, fold byte) {
	if fold != 0 {
		_, _ = w.WriteString("</summary>\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	_, _ = w.WriteString(`<div class="callout-content">` + "\n")
}

// calloutHeadParser opens a callout's head paragraph: the text after
// "[!type]+" on the head line, then whatever continues that paragraph.
// It opens only right after calloutParser.Open, on the head line.
type calloutHeadParser struct{}

func (calloutHeadParser) Trigger() []byte { return []byte{'['} }

func (calloutHeadParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	c, ok := parent.(*callout)
	if !ok || c.head < 0 || c.FirstChild() != nil {
		return nil, parser.NoChildren
	}
	_, seg := reader.PeekLine()
	if c.head < seg.Start || c.head > seg.Stop {
		return nil, parser.NoChildren
	}
	para := ast.NewParagraph()
	para.Lines().Append(text.NewSegment(c.head, seg.Stop))
	c.head = -1
	reader.AdvanceToEOL()
	return para, parser.NoChildren
}

// Continue continues the head paragraph as goldmark's paragraph parser
// does; goldmark asks only when no other block interrupts it.
func (calloutHeadParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close makes the head paragraph's first line the callout's title; the
// other lines stay as a paragraph, trimmed as goldmark trims paragraphs.
func (calloutHeadParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	c := node.Parent()
	if c == nil {
		return
	}
	src := reader.Source()
	lines := node.Lines()
	title := &calloutTitle{}
	if lines.Len() > 0 {
		t := lines.At(0)
		if t = t.TrimLeftSpace(src); t.Len() > 0 {
			title.Lines().Append(t.TrimRightSpace(src))
		}
		lines.SetSliced(1, lines.Len())
	}
	c.InsertBefore(c, node, title)
	if lines.Len() == 0 {
		// Left for the callout's Close to remove: when a setext
		// underline closes the head early, goldmark then hands this
		// paragraph to its transformers, which need it attached (the
		// link reference one removes it, and the underline becomes a
		// thematic break, as before the head was a paragraph).
		return
	}
	for i := range lines.Len() {
		l := lines.At(i)
		lines.Set(i, l.TrimLeftSpace(src))
	}
	l := lines.At(lines.Len() - 1)
	lines.Set(lines.Len()-1, l.TrimRightSpace(src))
}

func (calloutHeadParser) CanInterruptParagraph() bool { return false }

// CanAcceptIndentedLine: the head may sit after more than three spaces
// following '>' (">     [!note]"), as it always could.
func (calloutHeadParser) CanAcceptIndentedLine() bool { return true }
