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

// Tags: #tag and #tag/sub in text render as <span class="tag">#tag/sub</span>.
// As in Obsidian a tag follows whitespace (or starts a line), is made of
// letters, digits, _ - / and non-punctuation Unicode (emoji), and is not
// all digits. Code, math, link destinations and URLs never reach this
// parser; "&#123;", "C#" and "x.com/#frag" do not follow whitespace.

type tag struct {
	ast.BaseInline
	name string // with the leading '#'
}

var kindTag = ast.NewNodeKind("Tag")

func (n *tag) Kind() ast.NodeKind { return kindTag }

func (n *tag) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.name}, nil)
}

func isTagRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '/'
	}
	return r != utf8.RuneError && !unicode.IsSpace(r) && !unicode.IsPunct(r)
}

// scanTag returns the length of the tag at the start of line ("#..."), or 0.
func scanTag(line []byte) int {
	if len(line) < 2 || line[0] != '#' {
		return 0
	}
	i, digitsOnly := 1, true
	for i < len(line) {
		r, size := utf8.DecodeRune(line[i:])
		if !isTagRune(r) {
			break
		}
		if r < '0' || r > '9' {
			digitsOnly = false
		}
		i += size
	}
	if i == 1 || digitsOnly {
		return 0
	}
	return i
}

type tagParser struct{}

func (tagParser) Trigger() []byte { return []byte{'#'} }

func (tagParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if before := block.PrecendingCharacter(); !unicode.IsSpace(before) {
		return nil
	}
	line, seg := block.PeekLine()
	n := scanTag(line)
	if n == 0 {
		return nil
	}
	block.Advance(n)
	t := &tag{name: string(line[:n])}
	t.SetPos(seg.Start)
	return t
}

type tagExt struct{}

func (tagExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(tagParser{}, 600)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindTag, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString(`<span class="tag">`)
				writeEscaped(w, node.(*tag).name)
				_, _ = w.WriteString("</span>")
			}
			return ast.WalkSkipChildren, nil
		})
	}), 500)))
}
