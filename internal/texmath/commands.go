package texmath

import (
	"strconv"
	"strings"
	"unicode"
)

// command builds the node for a control sequence whose token has just been
// consumed, reading its arguments. Unknown commands become a visible
// <merror> holding the command name, and the first one is reported.
//
// It is long because it is the dispatch of every math-mode command: the
// table lookups, then one case per command or family of commands, each
// handled in place or by one call. That list is the grammar, and it is
// read and extended as a list; split, it would be scattered across
// functions that mean nothing on their own.
func (p *parser) command(t token) *node {
	name := t.name
	if s, ok := symbols[name]; ok {
		return p.symbolNode(s)
	}
	if f, ok := funcNames[name]; ok {
		n := leaf(kIdent, f.text)
		n.fn = true
		if f.limits {
			n.limits = limitsDisplay
		}
		return n
	}
	if a, ok := accents[name]; ok {
		base := p.parsePrimary(true)
		mark := op(a.char, attr{"stretchy", strconv.FormatBool(a.stretch)})
		if a.under {
			return &node{kind: kUnder, kids: []*node{base, mark}, attrs: []attr{{"accentunder", "true"}}}
		}
		return &node{kind: kOver, kids: []*node{base, mark}, attrs: []attr{{"accent", "true"}}}
	}
	if w, ok := spaces[name]; ok {
		return space(w)
	}
	if v, ok := fontCommands[name]; ok {
		save := p.variant
		p.variant = v
		n := p.parsePrimary(true)
		p.variant = save
		return n
	}
	if v, ok := textCommands[name]; ok {
		return p.textArg(t, v)
	}
	if size, ok := bigSizes[name]; ok {
		d, _ := p.delimiter()
		if d == "" {
			return space("0.12em") // \big. is an empty delimiter
		}
		return op(d, attr{"stretchy", "true"}, attr{"symmetric", "true"},
			attr{"minsize", size}, attr{"maxsize", size})
	}
	switch name {
	case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
		return p.fraction(name)
	case "sqrt":
		return p.sqrt()
	case "left":
		return p.leftRight(t)
	case "begin":
		return p.environment(t)
	case "not":
		return p.negation()
	case "overbrace", "underbrace":
		base := p.parsePrimary(true)
		n := &node{kind: kOver, kids: []*node{base, op("⏞", attr{"stretchy", "true"})}}
		if name == "underbrace" {
			n = &node{kind: kUnder, kids: []*node{base, op("⏟", attr{"stretchy", "true"})}}
		}
		n.limits = limitsAlways
		return n
	case "stackrel", "overset", "underset":
		top := p.scriptArg()
		base := p.parsePrimary(true)
		if name == "underset" {
			return &node{kind: kUnder, kids: []*node{base, top}}
		}
		return &node{kind: kOver, kids: []*node{base, top}}
	case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow",
		"xLeftrightarrow", "xmapsto", "xhookrightarrow", "xhookleftarrow":
		return p.extensibleArrow(name)
	case "boxed", "fbox", "cancel", "bcancel", "xcancel", "sout":
		return p.enclose(t, name)
	case "color", "textcolor", "colorbox":
		return p.colored(t, name)
	case "pmod", "pod", "mod":
		arg := p.parsePrimary(true)
		switch name {
		case "pmod":
			return row(space("1em"), fence("("), leaf(kIdent, "mod"), space("0.3333em"), arg, fence(")"))
		case "pod":
			return row(space("1em"), fence("("), arg, fence(")"))
		}
		return row(space("1em"), leaf(kIdent, "mod"), space("0.3333em"), arg)
	case "bmod":
		return op("mod", attr{"lspace", "0.2222em"}, attr{"rspace", "0.2222em"})
	case "operatorname", "operatornamewithlimits", "mathop":
		return p.operatorName(name)
	case "mathrel", "mathbin", "mathord", "mathopen", "mathclose", "mathpunct",
		"mathinner", "smash", "mbox", "ensuremath", "text@", "hbox@", "underset@":
		return p.parsePrimary(true)
	case "phantom", "hphantom", "vphantom":
		return &node{kind: kPhantom, kids: []*node{p.parsePrimary(true)}}
	case "mathstrut":
		return &node{kind: kPhantom, kids: []*node{fence("(")}}
	case "displaylines", "substack":
		return p.braceTable(t, name)
	case "tag":
		p.tag = p.tagArg(t)
		return nil
	case "label":
		p.rawArg()
		return nil
	case "ref", "eqref":
		return leaf(kText, "("+p.rawArg()+")")
	case "notag", "nonumber", "relax", "allowbreak", "nobreak", "strut", "protect",
		"limits", "nolimits", "displaybreak", "hfill", "hfil", "centering":
		return nil
	case "hspace", "kern", "mkern", "mskip", "hskip", "mspace":
		return p.explicitSpace(t)
	case "LaTeX", "TeX":
		return leaf(kText, name)
	case "over", "atop", "choose", "brace", "brack":
		p.fail(t.pos, "misplaced \\%s", name)
		return nil
	case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "rm", "bf", "it", "sf", "tt", "cal":
		// A style switch used as a command argument (x^\displaystyle 2):
		// there is nothing after it in the argument to apply it to.
		return nil
	}
	if name == "" {
		p.mark(t.pos, "lone backslash at end of formula")
		return errNode("\\")
	}
	p.mark(t.pos, "unknown command \\%s", name)
	return errNode("\\" + name)
}

// symbolNode makes the leaf for a symbols table entry.
func (p *parser) symbolNode(s symbol) *node {
	switch s.cls {
	case clsOrd:
		return p.ident(s.char, false)
	case clsUpright:
		return p.ident(s.char, true)
	case clsOpen, clsClose:
		return fence(s.char)
	case clsBigOp:
		n := op(s.char)
		n.limits = limitsDisplay
		return n
	}
	return op(s.char)
}

func (p *parser) fraction(name string) *node {
	save := p.display
	p.display = false // numerator and denominator are never in display style
	num := p.parsePrimary(true)
	den := p.parsePrimary(true)
	p.display = save
	f := &node{kind: kFrac, kids: []*node{num, den}}
	if strings.HasSuffix(name, "binom") {
		f.attrs = []attr{{"linethickness", "0"}}
		f = row(op("("), f, op(")"))
	}
	switch name {
	case "dfrac", "cfrac", "dbinom":
		return &node{kind: kStyle, attrs: styleSwitches["displaystyle"], kids: []*node{f}}
	case "tfrac", "tbinom":
		return &node{kind: kStyle, attrs: styleSwitches["textstyle"], kids: []*node{f}}
	}
	return f
}

func (p *parser) sqrt() *node {
	p.skipSpace()
	if c := p.cur(); c.kind == tChar && c.r == '[' {
		p.advance()
		save := p.display
		p.display = false
		index := row(p.parseList(']')...)
		p.display = save
		if e := p.cur(); e.kind == tChar && e.r == ']' {
			p.advance()
		} else {
			p.fail(c.pos, "missing ] in \\sqrt")
		}
		return &node{kind: kRoot, kids: []*node{p.parsePrimary(true), index}}
	}
	return &node{kind: kSqrt, kids: []*node{p.parsePrimary(true)}}
}

// delimiter reads the delimiter after \left, \right, \middle or \big.
// The null delimiter "." gives "".
func (p *parser) delimiter() (string, bool) {
	p.skipSpace()
	t := p.cur()
	switch t.kind {
	case tChar:
		switch t.r {
		case '(', ')', '[', ']', '|', '/':
			p.advance()
			return string(t.r), true
		case '.':
			p.advance()
			return "", true
		case '<':
			p.advance()
			return "⟨", true
		case '>':
			p.advance()
			return "⟩", true
		}
		if unicode.In(t.r, unicode.Ps, unicode.Pe, unicode.Sm) || strings.ContainsRune("‖⌊⌋⌈⌉", t.r) {
			p.advance()
			return string(t.r), true
		}
	case tCmd:
		if d, ok := delimiterChars[t.name]; ok {
			p.advance()
			return d, true
		}
	}
	p.fail(t.pos, "missing or unknown delimiter")
	return "", false
}

// leftRight parses \left d ... [\middle d ...] \right d. The fences and the
// body share one <mrow>, which is what lets the browser stretch the
// fences to the body's height.
func (p *parser) leftRight(t token) *node {
	open, _ := p.delimiter()
	var kids []*node
	if open != "" {
		kids = append(kids, op(open, attr{"fence", "true"}, attr{"form", "prefix"}, attr{"stretchy", "true"}))
	}
	for {
		kids = append(kids, p.parseList(0)...)
		p.skipSpace()
		c := p.cur()
		if c.kind == tCmd && c.name == "middle" {
			p.advance()
			if d, _ := p.delimiter(); d != "" {
				kids = append(kids, op(d, attr{"stretchy", "true"}))
			}
			continue
		}
		if c.kind == tCmd && c.name == "right" {
			p.advance()
			if d, _ := p.delimiter(); d != "" {
				kids = append(kids, op(d, attr{"fence", "true"}, attr{"form", "postfix"}, attr{"stretchy", "true"}))
			}
		} else {
			p.fail(t.pos, "\\left without matching \\right")
		}
		break
	}
	return row(kids...)
}

// negation parses what \not applies to. Spacing written between them
// (\not\,\subset, \not\ =) is kept but not negated, and commands that
// produce nothing (\relax) are passed over: the negation always lands on
// the next symbol, never silently on a space.
func (p *parser) negation() *node {
	var before []*node
	for {
		p.skipSpace()
		switch p.cur().kind {
		case tEOF, tClose, tAmp, tSup, tSub:
			p.fail(p.cur().pos, "\\not without a symbol to negate")
			return row(append(before, negate(row()))...)
		}
		n := p.parsePrimary(true)
		if n.isEmpty() {
			continue
		}
		if n.kind == kSpace {
			before = append(before, n)
			continue
		}
		if len(before) == 0 {
			return negate(n)
		}
		return row(append(before, negate(n))...)
	}
}

// negate applies \not to a symbol: the precomposed negated character
// when Unicode has one, else a combining long solidus. Anything larger
// than one symbol is struck through.
func negate(n *node) *node {
	for n.kind == kRow && len(n.kids) == 1 {
		n = n.kids[0] // \not{=}, \not\mathrel{=}
	}
	if n.kind == kOp || n.kind == kIdent {
		if neg, ok := negated[n.text]; ok {
			n.text = neg
		} else {
			n.text += "\u0338"
		}
		return n
	}
	return &node{kind: kEnclose, attrs: []attr{{"notation", "updiagonalstrike"}}, kids: []*node{n}}
}

var extensibleArrows = map[string]string{
	"xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐",
	"xleftrightarrow": "↔", "xLeftrightarrow": "⇔", "xmapsto": "↦",
	"xhookrightarrow": "↪", "xhookleftarrow": "↩",
}

func (p *parser) extensibleArrow(name string) *node {
	arrow := op(extensibleArrows[name], attr{"stretchy", "true"}, attr{"minsize", "1.8em"})
	save := p.display
	p.display = false
	var below *node
	if c := p.peekNonSpace(); c.kind == tChar && c.r == '[' {
		p.skipSpace()
		p.advance()
		below = row(p.parseList(']')...)
		if e := p.cur(); e.kind == tChar && e.r == ']' {
			p.advance()
		} else {
			p.fail(c.pos, "missing ]")
		}
	}
	above := p.parsePrimary(true)
	p.display = save
	if below != nil {
		return &node{kind: kUnderOver, kids: []*node{arrow, below, above}}
	}
	return &node{kind: kOver, kids: []*node{arrow, above}}
}

func (p *parser) peekNonSpace() token {
	for i := p.i; ; i++ {
		if p.toks[i].kind != tSpace {
			return p.toks[i]
		}
	}
}

var notations = map[string]string{
	"boxed": "box", "fbox": "box", "cancel": "updiagonalstrike",
	"bcancel": "downdiagonalstrike", "xcancel": "updiagonalstrike downdiagonalstrike",
	"sout": "horizontalstrike",
}

// enclose handles \boxed and the \cancel family with <menclose>, which
// Firefox draws natively; the site stylesheet can draw it in Chromium.
func (p *parser) enclose(t token, name string) *node {
	var body *node
	if name == "fbox" {
		body = p.textArg(t, "")
	} else {
		body = p.parsePrimary(true)
	}
	return &node{kind: kEnclose, attrs: []attr{{"notation", notations[name]}}, kids: []*node{body}}
}

// colored handles \color{c}{x} used as an argument, \textcolor and
// \colorbox. (\color inside a list is a switch, see switchCommand.)
func (p *parser) colored(t token, name string) *node {
	c := p.colorArg()
	var body *node
	if name == "colorbox" {
		body = p.textArg(t, "")
	} else {
		body = p.parsePrimary(true)
	}
	if c == "" {
		return body
	}
	a := "mathcolor"
	if name == "colorbox" {
		a = "mathbackground"
	}
	return &node{kind: kStyle, attrs: []attr{{a, c}}, kids: []*node{body}}
}

// colorArg reads a color, as a name (red), #RGB/#RRGGBB, or
// [HTML]{RRGGBB}. Anything else is reported and ignored, so no arbitrary
// text ever reaches an attribute value.
func (p *parser) colorArg() string {
	model, _ := p.optionalArg()
	pos := p.cur().pos
	c := strings.TrimSpace(p.rawArg())
	if model == "HTML" && !strings.HasPrefix(c, "#") {
		c = "#" + c
	}
	if !validColor(c) {
		p.mark(pos, "unsupported color %q", c)
		return ""
	}
	return c
}

func validColor(c string) bool {
	if strings.HasPrefix(c, "#") {
		hex := c[1:]
		if len(hex) != 3 && len(hex) != 6 {
			return false
		}
		for _, r := range hex {
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
		return true
	}
	if c == "" || len(c) > 30 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !isASCIILetter(c[i]) {
			return false
		}
	}
	return true
}

// operatorName handles \operatorname{name} (upright, thin space after) and
// \operatorname* / \mathop (limits above and below in display style).
func (p *parser) operatorName(name string) *node {
	limits := name != "operatorname"
	if c := p.cur(); c.kind == tChar && c.r == '*' {
		p.advance()
		limits = true
	}
	save := p.variant
	if name != "mathop" {
		p.variant = "normal"
	}
	n := p.parsePrimary(true)
	p.variant = save
	if n.kind == kRow && len(n.kids) == 1 {
		n = n.kids[0]
	}
	if n.kind == kRow || n.kind == kStyle {
		n = row(n) // a fresh wrapper so the flags below stay local
	}
	n.fn = name != "mathop"
	if limits {
		n.limits = limitsDisplay
	}
	return n
}

// braceTable parses \displaylines{a \\ b} and \substack{a \\ b}.
func (p *parser) braceTable(t token, name string) *node {
	p.skipSpace()
	if c := p.cur(); c.kind != tOpen {
		p.fail(t.pos, "missing { after \\%s", name)
		return row()
	}
	p.advance()
	save := p.display
	p.display = name == "displaylines"
	tbl := p.parseTable(endBrace, "", t.pos)
	p.display = save
	tbl.align = alignCenter
	tbl.display = name == "displaylines"
	n := &node{kind: kTable, tbl: tbl}
	if name == "substack" {
		n.attrs = []attr{{"rowspacing", "0em"}}
	}
	return n
}

// tagArg reads the label of \tag{...} or \tag*{...}.
func (p *parser) tagArg(t token) *node {
	star := false
	if c := p.cur(); c.kind == tChar && c.r == '*' {
		p.advance()
		star = true
	}
	label := p.textArg(t, "")
	switch {
	case star:
		return label
	case label.kind == kText:
		label.text = "(" + label.text + ")"
		return label
	}
	return row(leaf(kText, "("), label, leaf(kText, ")"))
}

// explicitSpace handles \hspace{len}, \kern len, \mkern len and friends.
// Only a number and a known unit are accepted, so the width attribute is
// always a well-formed length.
func (p *parser) explicitSpace(t token) *node {
	if c := p.cur(); c.kind == tChar && c.r == '*' { // \hspace*
		p.advance()
	}
	var spec string
	p.skipSpace()
	if p.cur().kind == tOpen {
		spec = p.rawArg()
	} else {
		var b strings.Builder
		for {
			c := p.cur()
			if c.kind != tChar || !(isDigit(c.r) || strings.ContainsRune("+-.,", c.r) || c.r < 128 && isASCIILetter(byte(c.r))) {
				break
			}
			if c.r < 128 && isASCIILetter(byte(c.r)) && b.Len() > 0 && countLetters(b.String()) >= 2 {
				break
			}
			b.WriteRune(c.r)
			p.advance()
		}
		spec = b.String()
	}
	w, ok := parseLength(spec)
	if !ok {
		p.mark(t.pos, "invalid length %q for \\%s", spec, t.name)
		return nil
	}
	return space(w)
}

func countLetters(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isASCIILetter(s[i]) {
			n++
		}
	}
	return n
}

// parseLength converts a TeX length to a MathML one; mu (1/18 em) is
// converted to em, other units are passed through.
func parseLength(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	i := 0
	for i < len(s) && (isDigit(rune(s[i])) || s[i] == '.' || s[i] == '-' || s[i] == '+') {
		i++
	}
	num, unit := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v > 1000 || v < -1000 {
		return "", false
	}
	switch unit {
	case "mu":
		return strconv.FormatFloat(v/18, 'f', 4, 64) + "em", true
	case "em", "ex", "pt", "px", "cm", "mm", "in", "pc":
		return strconv.FormatFloat(v, 'f', -1, 64) + unit, true
	}
	return "", false
}
