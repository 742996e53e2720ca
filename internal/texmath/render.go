package texmath

import (
	"strings"
)

// The writer turns the tree into MathML text. Every character of content
// and every attribute value goes through escape, and element names come
// only from the fixed table below, so the output is safe to embed in HTML
// whatever the input. Each node writes exactly one element, which is what
// the fixed-arity elements (mfrac, msub, ...) require.

var elementNames = map[nodeKind]string{
	kRow: "mrow", kIdent: "mi", kNum: "mn", kOp: "mo", kText: "mtext",
	kSpace: "mspace", kFrac: "mfrac", kSqrt: "msqrt", kRoot: "mroot",
	kSub: "msub", kSup: "msup", kSubSup: "msubsup", kUnder: "munder",
	kOver: "mover", kUnderOver: "munderover", kStyle: "mstyle",
	kEnclose: "menclose", kPhantom: "mphantom", kTable: "mtable", kError: "merror",
}

// thinSpace follows an operator name such as sin when an ordinary atom
// comes next, as TeX's spacing rules ask.
const thinSpace = "0.1667em"

type writer struct{ b strings.Builder }

func (w *writer) open(name string, attrs []attr) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for _, a := range attrs {
		w.b.WriteByte(' ')
		w.b.WriteString(a.name)
		w.b.WriteString(`="`)
		escape(&w.b, a.value)
		w.b.WriteByte('"')
	}
	w.b.WriteByte('>')
}

func (w *writer) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

func (w *writer) write(n *node) {
	name := elementNames[n.kind]
	switch n.kind {
	case kRow:
		if len(n.kids) == 1 {
			w.write(n.kids[0])
			return
		}
		w.open(name, n.attrs)
		w.list(n.kids)
		w.close(name)
	case kIdent, kNum, kOp:
		w.open(name, n.attrs)
		escape(&w.b, n.text)
		w.close(name)
	case kText:
		w.open(name, n.attrs)
		escape(&w.b, keepEdgeSpaces(n.text))
		w.close(name)
	case kSpace:
		w.open(name, n.attrs)
		w.close(name)
	case kError:
		w.open(name, n.attrs)
		w.open("mtext", nil)
		escape(&w.b, n.text)
		w.close("mtext")
		w.close(name)
	case kTable:
		w.table(n)
	case kStyle, kEnclose, kPhantom:
		w.open(name, n.attrs)
		w.list(n.kids)
		w.close(name)
	default: // fixed-arity elements: one element per child
		w.open(name, n.attrs)
		for _, k := range n.kids {
			w.write(k)
		}
		w.close(name)
	}
}

// list writes the children of an mrow-like element, adding the thin space
// TeX puts between an operator name and a following ordinary atom.
func (w *writer) list(kids []*node) {
	for i, k := range kids {
		w.write(k)
		if k.fn && i+1 < len(kids) && !kids[i+1].startsWithOp() {
			w.open("mspace", []attr{{"width", thinSpace}})
			w.close("mspace")
		}
	}
}

// keepEdgeSpaces turns leading and trailing spaces into no-break spaces:
// MathML trims white space at the edges of token elements, but in
// "\text{falls }i" the space is meant.
func keepEdgeSpaces(s string) string {
	if !strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ") {
		return s
	}
	trimmed := strings.TrimLeft(s, " ")
	lead := len(s) - len(trimmed)
	core := strings.TrimRight(trimmed, " ")
	trail := len(trimmed) - len(core)
	return strings.Repeat("\u00a0", min(lead, 1)) + core + strings.Repeat("\u00a0", min(trail, 1))
}

// table writes an <mtable>. Alignment and rules are given twice: as MathML
// attributes (Firefox) and as tm-* classes on each cell, styled by the
// site's stylesheet, because Chromium's MathML Core implementation only
// honours CSS. Classes rather than style attributes let the site's
// Content-Security-Policy forbid inline styles. The classes are
//
//	tm-al, tm-ar            text-align left / right (centre is the default)
//	tm-pl0, tm-pr0          no padding left / right (align-style column pairs)
//	tm-bl-solid, -dashed    rule on the left; tm-br-, tm-bt-, tm-bb- right, top, bottom
//	tm-tag                  an equation number's cell (right, 2em from the equation)
func (w *writer) table(n *node) {
	t := n.tbl
	ncols := 0
	for _, r := range t.rows {
		ncols = max(ncols, len(r))
	}
	aligns := make([]string, ncols)
	for j := range aligns {
		aligns[j] = t.align(j)
	}
	w.open("mtable", tableAttrs(n, aligns))
	for i, r := range t.rows {
		w.open("mtr", nil)
		for j, cell := range r {
			w.open("mtd", cellAttrs(t, i, j, aligns))
			w.write(cell)
			w.close("mtd")
		}
		if tag := t.tags[i]; tag != nil {
			w.open("mtd", []attr{{"columnalign", "right"}, {"class", "tm-tag"}})
			w.write(tag)
			w.close("mtd")
		}
		w.close("mtr")
	}
	w.close("mtable")
}

// tableAttrs are the MathML attributes of table n's <mtable>, whose
// columns are aligned as aligns says.
func tableAttrs(n *node, aligns []string) []attr {
	t := n.tbl
	ncols := len(aligns)
	attrs := append([]attr(nil), n.attrs...)
	nonCenter := false
	for _, a := range aligns {
		nonCenter = nonCenter || a != "center"
	}
	if nonCenter {
		attrs = append(attrs, attr{"columnalign", strings.Join(aligns, " ")})
	}
	if ncols > 1 {
		lines := make([]string, ncols-1)
		any := false
		for j := range lines {
			lines[j] = orNone(t.colLine(j + 1))
			any = any || lines[j] != "none"
		}
		if any {
			attrs = append(attrs, attr{"columnlines", strings.Join(lines, " ")})
		}
	}
	if len(t.rows) > 1 {
		lines := make([]string, len(t.rows)-1)
		any := false
		for i := range lines {
			lines[i] = orNone(t.rowLines[i+1])
			any = any || lines[i] != "none"
		}
		if any {
			attrs = append(attrs, attr{"rowlines", strings.Join(lines, " ")})
		}
	}
	if t.pairs && ncols > 1 {
		gaps := make([]string, ncols-1)
		for j := range gaps {
			gaps[j] = "0em"
			if j%2 == 1 && t.spread {
				gaps[j] = "2em"
			}
		}
		attrs = append(attrs, attr{"columnspacing", strings.Join(gaps, " ")})
	}
	if t.display {
		attrs = append(attrs, attr{"displaystyle", "true"})
	}
	return attrs
}

// cellAttrs are the attributes of the <mtd> of row i, column j of table
// t: the column's alignment, and its alignment and rules again as tm-*
// classes.
func cellAttrs(t *table, i, j int, aligns []string) []attr {
	ncols := len(aligns)
	var cls []string
	var attrs []attr
	if aligns[j] != "center" {
		attrs = append(attrs, attr{"columnalign", aligns[j]})
		cls = append(cls, "tm-a"+aligns[j][:1])
	}
	if t.pairs && aligns[j] == "left" {
		cls = append(cls, "tm-pl0")
	}
	if t.pairs && aligns[j] == "right" && j+1 < ncols {
		cls = append(cls, "tm-pr0")
	}
	if l := t.colLine(j); l != "" {
		cls = append(cls, "tm-bl-"+l)
	}
	if l := t.colLine(j + 1); l != "" && j == ncols-1 {
		cls = append(cls, "tm-br-"+l)
	}
	if l := t.rowLines[i]; l != "" {
		cls = append(cls, "tm-bt-"+l)
	}
	if l := t.rowLines[i+1]; l != "" && i == len(t.rows)-1 {
		cls = append(cls, "tm-bb-"+l)
	}
	if len(cls) > 0 {
		attrs = append(attrs, attr{"class", strings.Join(cls, " ")})
	}
	return attrs
}

// colLine is the rule left of column j, "" for none.
func (t *table) colLine(j int) string {
	if j < len(t.colLines) {
		return t.colLines[j]
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// escape writes s as XML character data or attribute value. Characters
// that XML cannot carry (controls, invalid UTF-8) become U+FFFD.
func escape(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			if !isXMLChar(r) {
				r = '\uFFFD'
			}
			b.WriteRune(r)
		}
	}
}

func isXMLChar(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r < 0x20, r >= 0x7F && r <= 0x9F:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}
