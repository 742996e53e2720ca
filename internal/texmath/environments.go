package texmath

import "strings"

// Environments (\begin{pmatrix} ... \end{pmatrix}) and every other
// construct with rows and cells (\displaylines, top-level \\) are parsed by
// parseTable into a table; the environment decides the column alignment,
// the fences around it and whether cells are in display style.

type envInfo struct {
	open, close string           // fences around the table, "" for none
	align       func(int) string // alignment of column j
	display     bool             // cells in display style
	pairs       bool             // right/left column pairs (align family)
	spread      bool             // space between pairs (align, not alignat)
	colSpec     bool             // takes a column spec argument (array)
	countArg    bool             // takes a column count argument (alignat)
	optAlign    bool             // takes an optional [l|c|r] (pmatrix*)
	small       bool             // script size (smallmatrix)
}

func alignCenter(int) string { return "center" }
func alignLeft(int) string   { return "left" }

// alignPairs is the align-environment pattern: right, left, right, left.
func alignPairs(j int) string {
	if j%2 == 0 {
		return "right"
	}
	return "left"
}

// alignRCL is eqnarray's right, center, left pattern.
func alignRCL(j int) string { return [3]string{"right", "center", "left"}[j%3] }

var envs = map[string]envInfo{}

func init() {
	matrix := func(open, close string) envInfo {
		return envInfo{open: open, close: close, align: alignCenter}
	}
	for _, star := range []string{"", "*"} {
		envs["matrix"+star] = matrix("", "")
		envs["pmatrix"+star] = matrix("(", ")")
		envs["bmatrix"+star] = matrix("[", "]")
		envs["Bmatrix"+star] = matrix("{", "}")
		envs["vmatrix"+star] = matrix("|", "|")
		envs["Vmatrix"+star] = matrix("‖", "‖")
		if star == "*" {
			for _, name := range []string{"matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix"} {
				e := envs[name+star]
				e.optAlign = true
				envs[name+star] = e
			}
		}
		envs["eqnarray"+star] = envInfo{align: alignRCL, display: true}
		for _, name := range []string{"align", "aligned", "split", "flalign", "flaligned"} {
			envs[name+star] = envInfo{align: alignPairs, display: true, pairs: true, spread: true}
		}
		for _, name := range []string{"alignat", "alignedat", "xalignat", "xxalignat"} {
			envs[name+star] = envInfo{align: alignPairs, display: true, pairs: true, countArg: true}
		}
		for _, name := range []string{"gather", "gathered", "equation", "multline", "displaymath"} {
			envs[name+star] = envInfo{align: alignCenter, display: true}
		}
	}
	envs["smallmatrix"] = envInfo{align: alignCenter, small: true}
	envs["psmallmatrix"] = envInfo{open: "(", close: ")", align: alignCenter, small: true}
	envs["bsmallmatrix"] = envInfo{open: "[", close: "]", align: alignCenter, small: true}
	envs["cases"] = envInfo{open: "{", align: alignLeft}
	envs["dcases"] = envInfo{open: "{", align: alignLeft, display: true}
	envs["rcases"] = envInfo{close: "}", align: alignLeft}
	envs["array"] = envInfo{align: alignCenter, colSpec: true}
	envs["darray"] = envInfo{align: alignCenter, colSpec: true, display: true}
	envs["subarray"] = envInfo{align: alignCenter, colSpec: true, small: true}
}

// environment parses \begin{name}...\end{name}; the \begin token has been
// consumed.
func (p *parser) environment(t token) *node {
	name := strings.TrimSpace(p.rawArg())
	info, ok := envs[name]
	if !ok {
		p.fail(t.pos, "unknown environment %s", name)
		info = envs["matrix"]
	}
	tblAlign := info.align
	var colLines []string
	switch {
	case info.colSpec:
		specPos := p.cur().pos
		aligns, lines := parseColSpec(p.rawArg())
		if len(aligns) >= maxColumns {
			p.fail(specPos, "array column spec gives too many columns")
		}
		tblAlign = func(j int) string {
			if j < len(aligns) {
				return aligns[j]
			}
			return "center"
		}
		colLines = lines
	case info.countArg:
		p.rawArg()
	case info.optAlign:
		if a, ok := p.optionalArg(); ok {
			switch strings.TrimSpace(a) {
			case "l":
				tblAlign = alignLeft
			case "r":
				tblAlign = func(int) string { return "right" }
			}
		}
	}
	save := p.display
	p.display = info.display
	tbl := p.parseTable(endEnv, name, t.pos)
	p.display = save
	if info.pairs {
		// amsmath starts each left-aligned cell with an empty group so
		// that "&= x" spaces the = as a relation, not a prefix sign.
		for _, r := range tbl.rows {
			for j := 1; j < len(r); j += 2 {
				if r[j].kind == kRow && r[j].startsWithOp() {
					r[j].kids = append([]*node{leaf(kIdent, "")}, r[j].kids...)
				}
			}
		}
	}
	tbl.align = tblAlign
	tbl.colLines = colLines
	tbl.display = info.display
	tbl.pairs = info.pairs
	tbl.spread = info.spread
	n := &node{kind: kTable, tbl: tbl}
	if info.small {
		n = &node{kind: kStyle, attrs: []attr{{"scriptlevel", "1"}}, kids: []*node{n}}
	}
	if info.open == "" && info.close == "" {
		return n
	}
	kids := []*node{}
	if info.open != "" {
		kids = append(kids, op(info.open, attr{"fence", "true"}, attr{"form", "prefix"}, attr{"stretchy", "true"}))
	}
	kids = append(kids, n)
	if info.close != "" {
		kids = append(kids, op(info.close, attr{"fence", "true"}, attr{"form", "postfix"}, attr{"stretchy", "true"}))
	}
	return row(kids...)
}

// maxColumns bounds the columns a spec like *{1000}{c} may produce.
const maxColumns = 256

// parseColSpec reads an array column spec such as "cc|c" or "l*{3}{r}".
// It returns the alignment of each column and, for each column boundary
// (len(aligns)+1 of them), the rule drawn there: "", "solid" or "dashed".
func parseColSpec(spec string) (aligns, lines []string) {
	lines = []string{""}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		for i := 0; i < len(s); i++ {
			if len(aligns) >= maxColumns {
				return
			}
			switch s[i] {
			case 'l', 'c', 'r':
				aligns = append(aligns, map[byte]string{'l': "left", 'c': "center", 'r': "right"}[s[i]])
				lines = append(lines, "")
			case 'p', 'm', 'b', 'X':
				aligns = append(aligns, "left")
				lines = append(lines, "")
				_, i = braced(s, i+1)
			case '|':
				lines[len(lines)-1] = "solid"
			case ':':
				lines[len(lines)-1] = "dashed"
			case '@', '!', '>', '<':
				_, i = braced(s, i+1)
			case '*':
				var count, sub string
				count, i = braced(s, i+1)
				sub, i = braced(s, i+1)
				n := 0
				for _, c := range strings.TrimSpace(count) {
					if c < '0' || c > '9' || n > maxColumns {
						break
					}
					n = n*10 + int(c-'0')
				}
				if depth < 8 {
					for k := 0; k < n && len(aligns) < maxColumns; k++ {
						walk(sub, depth+1)
					}
				}
			}
		}
	}
	walk(spec, 0)
	return aligns, lines
}

// braced returns the contents of the {...} group starting at or after s[i]
// (skipping spaces) and the index of its closing brace. Without a group it
// returns "" and i-1, so the caller's loop continues at i.
func braced(s string, i int) (string, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != '{' {
		return "", i - 1
	}
	level := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			level++
		case '}':
			level--
			if level == 0 {
				return s[i+1 : j], j
			}
		}
	}
	return s[i+1:], len(s)
}

type endKind uint8

const (
	endEOF   endKind = iota // the whole formula (top level)
	endBrace                // \displaylines{...}
	endEnv                  // \end{name}
)

// parseTable parses rows separated by \\ and cells separated by &, up to
// the end given by end. openPos locates the opening for error messages.
//
// It is long because it is one switch with a case per token that can end
// a cell or a row (&, \\, \hline, \end, }, the end of the formula, a
// stray \right): the table grammar in one place. finishCell and
// finishRow are closures because they share the row being built with
// that switch.
func (p *parser) parseTable(end endKind, envName string, openPos int) *table {
	tbl := &table{align: alignCenter}
	rowLines := []string{""}
	var cells []*node
	var cell []*node
	saveTag := p.tag
	p.tag = nil
	finishCell := func() {
		cells = append(cells, row(cell...))
		cell = nil
	}
	finishRow := func() {
		finishCell()
		tbl.rows = append(tbl.rows, cells)
		tbl.tags = append(tbl.tags, p.tag)
		p.tag = nil
		cells = nil
		rowLines = append(rowLines, "")
	}
loop:
	for {
		cell = append(cell, p.parseList(0)...)
		p.skipSpace()
		t := p.cur()
		switch {
		case t.kind == tAmp:
			if end == endEOF {
				p.fail(t.pos, "misplaced & outside an environment")
			}
			p.advance()
			finishCell()
		case t.kind == tCmd && (t.name == "\\" || t.name == "cr" || t.name == "newline"):
			p.advance()
			if c := p.cur(); t.name == "\\" && c.kind == tChar && c.r == '[' {
				p.optionalArg() // \\[2pt]: extra row space, ignored
			}
			finishRow()
		case t.kind == tCmd && (t.name == "hline" || t.name == "hdashline"):
			p.advance()
			rowLines[len(rowLines)-1] = "solid"
			if t.name == "hdashline" {
				rowLines[len(rowLines)-1] = "dashed"
			}
		case t.kind == tCmd && t.name == "end":
			p.advance()
			name := strings.TrimSpace(p.rawArg())
			if end == endEnv {
				if name != envName {
					p.fail(t.pos, "\\begin{%s} ended by \\end{%s}", envName, name)
				}
				break loop
			}
			p.fail(t.pos, "\\end{%s} without \\begin", name)
		case t.kind == tClose:
			if end == endBrace {
				p.advance()
				break loop
			}
			p.fail(t.pos, "unmatched }")
			p.advance()
		case t.kind == tEOF:
			switch end {
			case endEnv:
				p.fail(openPos, "missing \\end{%s}", envName)
			case endBrace:
				p.fail(openPos, "missing }")
			}
			break loop
		case t.kind == tCmd && (t.name == "right" || t.name == "middle"):
			p.fail(t.pos, "\\%s without matching \\left", t.name)
			p.advance()
			p.delimiter()
		default:
			p.fail(t.pos, "unexpected input")
			p.advance()
		}
	}
	finishRow()
	// A final \\ does not start a new row in TeX.
	if n := len(tbl.rows); n > 1 && len(tbl.rows[n-1]) == 1 && tbl.rows[n-1][0].isEmpty() && tbl.tags[n-1] == nil {
		tbl.rows = tbl.rows[:n-1]
		tbl.tags = tbl.tags[:n-1]
		rowLines = rowLines[:n]
	}
	tbl.rowLines = rowLines
	p.tag = saveTag
	return tbl
}
