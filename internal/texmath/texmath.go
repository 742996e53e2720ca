// Package texmath converts TeX math (the subset real study notes use) to
// MathML, which browsers render natively, so a built site needs no math
// library and no network.
package texmath

// The pipeline is lexer.go (tokens) → parser.go, commands.go,
// environments.go, textmode.go (a tree, see tree.go) → render.go (MathML).
// symbols.go and alphabet.go hold the character tables. Nothing here
// depends on a browser or on the network, and the output only uses
// MathML elements, so it can be inlined into any page.

// ToMathML converts TeX source (without the $ delimiters) to a complete
// <math> element. display selects display="block". On unsupported input it
// still returns usable, safe markup (unknown commands shown as <merror> or
// <mtext>) plus a non-nil error describing the first problem (the caller
// turns it into a file:line warning). The error is an *Error, whose Offset
// locates the problem in tex.
func ToMathML(tex string, display bool) (string, error) {
	p := &parser{toks: lex(tex), display: display}
	tbl := p.parseTable(endEOF, "", 0)

	var body *node
	if len(tbl.rows) == 1 && len(tbl.rows[0]) == 1 {
		body = tbl.rows[0][0]
		if tag := tbl.tags[0]; tag != nil {
			body = row(body, space("2em"), tag)
		}
	} else {
		// Several lines (top-level \\ or \newline): stack them centred,
		// or as aligned columns if & was used anyway.
		tbl.display = display
		for _, r := range tbl.rows {
			if len(r) > 1 {
				tbl.align, tbl.pairs, tbl.spread = alignPairs, true, true
				break
			}
		}
		body = &node{kind: kTable, tbl: tbl}
	}

	var w writer
	if display {
		w.b.WriteString(`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">`)
	} else {
		w.b.WriteString(`<math xmlns="http://www.w3.org/1998/Math/MathML">`)
	}
	// <semantics> keeps the TeX source for copy and paste and for
	// assistive technology; browsers render only the first child.
	w.b.WriteString("<semantics>")
	if body.kind == kRow && len(body.kids) != 1 {
		w.write(body) // already an <mrow>
	} else {
		w.open("mrow", nil)
		w.write(body)
		w.close("mrow")
	}
	w.b.WriteString(`<annotation encoding="application/x-tex">`)
	escape(&w.b, tex)
	w.b.WriteString("</annotation></semantics></math>")
	if p.err != nil {
		p.err.Marked = !p.broken
		return w.b.String(), p.err
	}
	return w.b.String(), nil
}
