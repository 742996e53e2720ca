package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Iconize shortcodes: the Obsidian plugin Iconize shows ":RiHistoryLine:"
// or ":FarCircleQuestion:" in text as an icon from one of its icon packs.
// We ship no icon fonts, and without the plugin Obsidian shows the code
// itself, which a reader cannot make sense of either, so the shortcode is
// dropped, with the spaces after it when it starts a line or follows a
// space ("## :TiNotes: Description" is the heading "Description").
//
// The match is kept narrow, to leave "::" separators, times (12:30:00),
// "std::Foo" and ordinary colons alone: ':', a pack prefix of one capital
// and one or two lower-case letters (Iconize names a pack by its initials:
// Ri, Li, Si, Ib, Bo, Ti, Fas, Far, Fab …), a name starting with a capital
// then ASCII letters and digits (CamelCase, as Iconize writes icon names),
// and ':'; not right after a letter, digit or ':', nor before one. Code,
// math, link destinations and wikilinks never reach this parser.

type icon struct{ ast.BaseInline }

var kindIcon = ast.NewNodeKind("Icon")

func (n *icon) Kind() ast.NodeKind { return kindIcon }

func (n *icon) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// scanIcon returns the length of the shortcode at the start of line
// (":PrefixName:"), or 0.
func scanIcon(line []byte) int {
	if len(line) < 5 || line[0] != ':' || !isUpper(line[1]) || !isLower(line[2]) {
		return 0
	}
	i := 3
	if isLower(line[i]) {
		i++ // a three-letter prefix (Fas, Far, Fab)
	}
	if i >= len(line) || !isUpper(line[i]) {
		return 0
	}
	for i++; i < len(line) && isAlnum(line[i]); i++ {
	}
	if i >= len(line) || line[i] != ':' {
		return 0
	}
	i++
	if i < len(line) && (isAlnum(line[i]) || line[i] == ':') {
		return 0
	}
	return i
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isAlnum(c byte) bool { return isUpper(c) || isLower(c) || '0' <= c && c <= '9' }

type iconParser struct{}

func (iconParser) Trigger() []byte { return []byte{':'} }

func (iconParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	if before == ':' || before < utf8.RuneSelf && isAlnum(byte(before)) {
		return nil
	}
	line, seg := block.PeekLine()
	n := scanIcon(line)
	if n == 0 {
		return nil
	}
	if unicode.IsSpace(before) {
		for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
			n++
		}
	}
	block.Advance(n)
	ic := &icon{}
	ic.SetPos(seg.Start)
	return ic
}

type iconExt struct{}

func (iconExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(iconParser{}, 600)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindIcon, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
			return ast.WalkSkipChildren, nil // no icon fonts: nothing to show
		})
	}), 500)))
}
