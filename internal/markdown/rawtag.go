package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Inline raw HTML tags, read without regular expressions.
//
// Every cloze card side holds two raw HTML tags (<span class="cloze-gap">
// … </span>, or <mark class="cloze"> … </mark>), and goldmark's inline
// raw HTML parser matches each open and closing tag with a regular
// expression run over a rune reader: a large share of rendering such a
// short side. rawTagParser takes that parser's place (same trigger, same
// priority) and reads a tag that ends on its own line with a byte loop
// that follows goldmark's expressions character for character. Anything
// else goes to goldmark's parser unchanged: a tag that may go on past its
// line (only the expressions know how goldmark's reader joins lines),
// one with a byte outside ASCII where the expressions would read a rune,
// comments, processing instructions, declarations and CDATA. The nodes
// are the same ast.RawHTML, with the same segment, as goldmark's.

// goldmarkRawHTML is goldmark's own parser, the one replaced and the one
// fallen back to.
var goldmarkRawHTML = parser.NewRawHTMLParser()

type rawTagParser struct{}

func (rawTagParser) Trigger() []byte { return []byte{'<'} }

func (rawTagParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	// Padding (spaces standing for part of a tab) is not in the source
	// bytes: leave it to goldmark. The tests of line[1] and line[2] are
	// goldmark's, which chooses its expression by them.
	if seg.Padding == 0 {
		n := tagUndecided
		if len(line) > 1 && util.IsAlphaNumeric(line[1]) {
			n = openTagLen(line)
		} else if len(line) > 2 && line[1] == '/' && util.IsAlphaNumeric(line[2]) {
			n = closeTagLen(line)
		}
		switch {
		case n == tagNone:
			return nil
		case n > 0:
			node := ast.NewRawHTML()
			node.Segments.Append(text.NewSegment(seg.Start, seg.Start+n))
			block.Advance(n)
			return node
		}
	}
	return goldmarkRawHTML.Parse(parent, block, pc)
}

// What openTagLen and closeTagLen return when they find no tag: tagNone
// when goldmark's expression cannot match either, tagUndecided when only
// goldmark can tell (the line ends first, or a byte outside ASCII may be
// part of an attribute value).
const (
	tagNone      = 0
	tagUndecided = -1
)

// openTagLen returns the length of the open tag at the start of line, as
// goldmark's openTagRegexp matches it:
//
//	<name (ws+ attr (ws* = ws* value)?)* (space|tab|newline)* /? >
//
// with name [A-Za-z][A-Za-z0-9-]*, attr [a-zA-Z_:][a-zA-Z0-9:._-]*, ws
// any of "\r\n \t", and value unquoted ([^"'=<>`\x00-\x20]+) or quoted
// ('[^']*' or "[^"]*"). A match is unique where it ends: a quote can only
// open a quoted value, and outside one '>' can only end the tag. Line
// breaks are whitespace to the expression, and what comes after one is
// the next line as goldmark's reader gives it (without its indent): so a
// line break, and '\r' (whitespace before an attribute, but at the end
// of the tag only in "\r\n"), leave the answer tagUndecided.
func openTagLen(line []byte) int {
	i := tagNameEnd(line, 1)
	if i == tagNone {
		return tagNone
	}
	// After the name or an attribute: whitespace, then an attribute
	// (only after whitespace), "/>" or ">".
	for {
		ws := i
		i = skipBlanks(line, i)
		if i >= len(line) {
			return tagUndecided
		}
		switch c := line[i]; {
		case c == '>':
			return i + 1
		case c == '/':
			if i+1 >= len(line) {
				return tagUndecided
			}
			if line[i+1] == '>' {
				return i + 2
			}
			return tagNone
		case c == '\n' || c == '\r':
			return tagUndecided
		case i > ws && isAttrNameStart(c):
			i++
			for i < len(line) && isAttrNameByte(line[i]) {
				i++
			}
			j := skipBlanks(line, i)
			if j >= len(line) || line[j] != '=' {
				continue // no value; the blanks lead to what follows
			}
			if i = attrValueEnd(line, skipBlanks(line, j+1)); i <= 0 {
				return i
			}
		default:
			return tagNone
		}
	}
}

// attrValueEnd returns where the attribute value starting at line[i]
// ends, or tagNone or tagUndecided.
func attrValueEnd(line []byte, i int) int {
	if i >= len(line) {
		return tagUndecided
	}
	switch c := line[i]; {
	case c == '"' || c == '\'':
		for j := i + 1; j < len(line); j++ {
			switch {
			case line[j] == c:
				return j + 1
			case line[j] >= 0x80:
				// goldmark's reader ends the input at a byte it cannot
				// decode (or at U+FFFD): leave any rune to it.
				return tagUndecided
			}
		}
		return tagUndecided // the value may close on a later line
	case c == '\n' || c == '\r' || c >= 0x80:
		return tagUndecided
	case !isUnquotedValueByte(c):
		return tagNone
	}
	for i < len(line) && isUnquotedValueByte(line[i]) {
		i++
	}
	if i < len(line) && line[i] >= 0x80 {
		return tagUndecided // the value may go on with this rune
	}
	return i
}

// closeTagLen returns the length of the closing tag at the start of line,
// as goldmark's closeTagRegexp matches it:
//
//	</name (space|tab|newline)* >
func closeTagLen(line []byte) int {
	i := tagNameEnd(line, 2)
	if i == tagNone {
		return tagNone
	}
	i = skipBlanks(line, i)
	if i >= len(line) {
		return tagUndecided
	}
	switch line[i] {
	case '>':
		return i + 1
	case '\n', '\r':
		return tagUndecided
	}
	return tagNone
}

// tagNameEnd returns where the tag name ([A-Za-z][A-Za-z0-9-]*) that
// starts at line[i], i > 0, ends, or tagNone.
func tagNameEnd(line []byte, i int) int {
	if !isASCIILetter(line[i]) {
		return tagNone
	}
	for i++; i < len(line) && isTagNameByte(line[i]); i++ {
	}
	return i
}

// skipBlanks returns the index of the first byte at or after i in line
// that is neither a space nor a tab.
func skipBlanks(line []byte, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isTagNameByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '-'
}

func isAttrNameStart(c byte) bool { return isASCIILetter(c) || c == '_' || c == ':' }

func isAttrNameByte(c byte) bool {
	return isTagNameByte(c) || c == '_' || c == ':' || c == '.'
}

// isUnquotedValueByte reports whether c, an ASCII byte, may be in an
// unquoted attribute value: not one of "'=<>` nor a control or space.
func isUnquotedValueByte(c byte) bool {
	switch c {
	case '"', '\'', '=', '<', '>', '`':
		return false
	}
	return c > ' ' && c < 0x80
}

// rawTagExt puts rawTagParser in the place of goldmark's raw HTML parser.
type rawTagExt struct{}

func (rawTagExt) Extend(m goldmark.Markdown) { m.Parser().AddOptions(swapRawHTMLParser{}) }

// swapRawHTMLParser is a parser option that replaces goldmark's raw HTML
// parser in the configuration by rawTagParser at the same priority:
// goldmark has no option to remove a parser, and one added before it
// would leave goldmark's to run again on every '<' that is not a tag.
type swapRawHTMLParser struct{}

func (swapRawHTMLParser) SetParserOption(c *parser.Config) {
	for i, v := range c.InlineParsers {
		if v.Value == goldmarkRawHTML {
			c.InlineParsers[i].Value = rawTagParser{}
		}
	}
}
