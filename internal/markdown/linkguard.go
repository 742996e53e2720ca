package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Link openers. At each "](" goldmark reads the link's destination, up
// to a space or an unbalanced ')', then its title, up to the title's
// closing quote or ')': when none comes, to the end of the line or the
// paragraph, and then it reads on from just after the "](". "[a](" 50,000
// times in one line took 20 s. And at each ']' that closes a '[' it
// finds the text between them going back over the paragraph's lines from
// the last: "[a]" on each of 20,000 lines is quadratic too. Before inline parsing, linkGuard works
// out how much all the "](" of a paragraph would read, reading as much,
// up to a limit; a paragraph that would make goldmark read more than
// linkReadFactor times its size is shown as plain text, with a warning. No real paragraph
// comes near: a link's destination and title end where the link does.
const (
	linkReadFactor = 32
	linkReadSlack  = 4096
	// minLinkClosers is the fewest ']' a paragraph needs to be looked at.
	minLinkClosers = 32
)

type linkGuard struct{}

func (linkGuard) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if p.Parent() == nil || p.Lines().Len() == 0 {
		return
	}
	src := reader.Source()
	lines := p.Lines()
	// Most paragraphs have few ']': counted first, without a copy.
	closers := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		closers += bytes.Count(seg.Value(src), []byte("]"))
	}
	if closers < minLinkClosers {
		return
	}
	// The paragraph's text as the inline parser reads it, line by line.
	var txt []byte
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(src)
		txt = append(txt, v...)
		if len(v) == 0 || v[len(v)-1] != '\n' {
			txt = append(txt, '\n')
		}
	}
	if !linkReads(txt, linkReadFactor*len(txt)+linkReadSlack) {
		return
	}
	plain := &plainParagraph{}
	plain.SetLines(lines)
	plain.SetBlankPreviousLines(p.HasBlankPreviousLines())
	p.Parent().ReplaceChild(p.Parent(), p, plain)
	if st := getState(pc); st != nil {
		st.warn(lines.At(0).Start, diag.KindLimit, "this paragraph has so many \"](\" that are not links that reading it would take"+
			" too long: it is shown as plain text, without links or formatting; end each link with \")\" or break the paragraph up")
	}
}

// linkReads reports whether goldmark's link parser would read more
// than limit bytes at the "](" of txt, a paragraph (lines end with
// '\n'): at each, the destination up to a space, an unbalanced ')' or
// the end of its line, then a title up to its closer or the end of the
// paragraph. It reads them the same way, so it stops after about limit
// bytes itself.
func linkReads(txt []byte, limit int) bool {
	reads := 0
	// At each ']', goldmark looks up the text from its '[' among its
	// lines, going back from the paragraph's last line to the one the
	// '[' is on: as many lines as follow.
	linesAfter := bytes.Count(txt, []byte("\n"))
	for p := 0; p+1 < len(txt); p++ {
		if escapedAt(txt, p) {
			p++ // an escaped ']' opens nothing
			continue
		}
		if txt[p] == '\n' {
			linesAfter--
		}
		if txt[p] == ']' {
			reads += linesAfter
		}
		if txt[p] != ']' || txt[p+1] != '(' {
			if reads > limit {
				return true
			}
			continue
		}
		reads += linkTailReads(txt, p+2)
		if reads > limit {
			return true
		}
	}
	return false
}

// escapedAt reports a backslash at txt[i] that escapes the punctuation
// after it.
func escapedAt(txt []byte, i int) bool {
	return txt[i] == '\\' && i+1 < len(txt) && util.IsPunct(txt[i+1])
}

// linkTailReads is how many bytes goldmark reads after the "(" of a "]("
// that ends at i: the destination and, after one not in <…>, a title.
func linkTailReads(txt []byte, i int) int {
	for i < len(txt) && (txt[i] == ' ' || txt[i] == '\t') {
		i++
	}
	start := i
	if i < len(txt) && txt[i] == '<' {
		for i++; i < len(txt) && txt[i] != '>' && txt[i] != '\n'; i++ {
			if escapedAt(txt, i) {
				i++
			}
		}
		return i - start
	}
	i = destinationEnd(txt, i)
	reads := i - start
	// A title after the destination, which may span lines.
	for i < len(txt) && util.IsSpace(txt[i]) {
		i++
	}
	if i < len(txt) && (txt[i] == '"' || txt[i] == '\'' || txt[i] == '(') {
		reads += titleEnd(txt, i) - i
	}
	return reads
}

// destinationEnd returns the end of a link destination not in <…> that
// starts at txt[i]: a space or an unbalanced ')'.
func destinationEnd(txt []byte, i int) int {
	opened := 0
	for ; i < len(txt); i++ {
		switch c := txt[i]; {
		case escapedAt(txt, i):
			i++
		case c == '(':
			opened++
		case c == ')':
			if opened--; opened < 0 {
				return i
			}
		case util.IsSpace(c):
			return i
		}
	}
	return i
}

// titleEnd returns the position of the closer of the link title that
// opens at txt[i] (a double or single quote or '('), or the end of txt.
func titleEnd(txt []byte, i int) int {
	opener, closer, depth := txt[i], txt[i], 0
	if opener == '(' {
		closer = ')'
	}
	for i++; i < len(txt); i++ {
		switch c := txt[i]; {
		case escapedAt(txt, i):
			i++
		case c == closer && depth == 0:
			return i
		case c == closer:
			depth--
		case c == opener:
			depth++
		}
	}
	return i
}

// plainParagraph is a paragraph shown as text, without inline parsing.
type plainParagraph struct{ ast.BaseBlock }

var kindPlainParagraph = ast.NewNodeKind("PlainParagraph")

func (n *plainParagraph) Kind() ast.NodeKind { return kindPlainParagraph }

func (n *plainParagraph) IsRaw() bool { return true }

func (n *plainParagraph) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type linkGuardExt struct{}

func (linkGuardExt) Extend(m goldmark.Markdown) {
	// After goldmark's own (link reference definitions, 100; tables, 200).
	m.Parser().AddOptions(parser.WithParagraphTransformers(util.Prioritized(linkGuard{}, 1000)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindPlainParagraph, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			_, _ = w.WriteString("<p>")
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				v := seg.Value(src)
				if i > 0 {
					_, _ = w.WriteString("<br>\n")
				}
				if i == lines.Len()-1 {
					v = util.TrimRightSpace(v)
				}
				writeEscaped(w, string(util.TrimRightSpace(v)))
			}
			_, _ = w.WriteString("</p>\n")
			return ast.WalkSkipChildren, nil
		})
	}), 500)))
}
