package texmath

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The parser turns tokens into the tree of tree.go. It is a recursive
// descent over TeX's math-list structure:
//
//	list  = { atom | infix-command list }       (stops at } & \\ \end \right ...)
//	atom  = primary { \limits | ' | ^ arg | _ arg }
//	primary = { list } | character | command args...
//
// It never gives up: every problem is recorded (the first one is returned
// to the caller) and the parse continues, so the output is always a
// complete tree. Recursion is bounded by maxDepth so that hostile input
// such as ten thousand nested braces cannot exhaust the stack.

// Error describes the first problem found in the TeX source.
type Error struct {
	Offset int    // byte offset into the TeX source
	Msg    string // what went wrong
	// Marked is true when every problem is shown in the output where it
	// is (an unknown command as an <merror> holding its name) and the
	// rest of the formula is converted faithfully, so the output may be
	// displayed. It is false when the TeX is broken (unbalanced braces,
	// a missing argument, an unknown environment): the output may then
	// lose or misplace parts of the formula, and the caller should show
	// the TeX source instead.
	Marked bool
}

// Marked reports whether err is nil or an *Error whose output marks
// every problem (see Error.Marked).
func Marked(err error) bool {
	var e *Error
	if err == nil {
		return true
	}
	return errors.As(err, &e) && e.Marked
}

func (e *Error) Error() string {
	return fmt.Sprintf("texmath: %s (at byte %d)", e.Msg, e.Offset)
}

// maxDepth bounds the nesting of groups, commands and environments.
const maxDepth = 64

type parser struct {
	toks    []token
	i       int
	err     *Error
	broken  bool // a problem recorded by fail, not by mark
	depth   int
	display bool   // current style is display style: limits go above/below
	variant string // current math alphabet (fontCommands), "" for default
	tag     *node  // \tag label of the current table row
}

func (p *parser) cur() token { return p.toks[p.i] }

func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) skipSpace() {
	for p.toks[p.i].kind == tSpace {
		p.i++
	}
}

// fail records a problem that leaves the formula broken; only the first
// problem is kept, as later ones are often consequences of it.
func (p *parser) fail(pos int, format string, args ...any) {
	p.broken = true
	p.mark(pos, format, args...)
}

// mark records a problem that the output shows where it is (an unknown
// command kept as an <merror> with its name) or that changes nothing of
// the formula's meaning (an unsupported color).
func (p *parser) mark(pos int, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Offset: pos, Msg: fmt.Sprintf(format, args...)}
	}
}

// enter increases the nesting depth; when the limit is reached it reports
// false and the caller must not recurse.
func (p *parser) enter(pos int) bool {
	if p.depth >= maxDepth {
		p.fail(pos, "formula nested too deeply")
		return false
	}
	p.depth++
	return true
}

func (p *parser) leave() { p.depth-- }

// listEnders are the control sequences that end a math list; whoever
// called parseList decides whether they are expected there.
var listEnders = map[string]bool{
	"\\": true, "cr": true, "newline": true, "right": true, "middle": true,
	"end": true, "hline": true, "hdashline": true,
}

// infixFracs are the plain-TeX generalized fractions ({a \over b}).
var infixFracs = map[string]bool{"over": true, "atop": true, "choose": true, "brace": true, "brack": true}

// styleSwitches change the math style for the rest of the group.
var styleSwitches = map[string][]attr{
	"displaystyle":      {{"displaystyle", "true"}, {"scriptlevel", "0"}},
	"textstyle":         {{"displaystyle", "false"}, {"scriptlevel", "0"}},
	"scriptstyle":       {{"displaystyle", "false"}, {"scriptlevel", "1"}},
	"scriptscriptstyle": {{"displaystyle", "false"}, {"scriptlevel", "2"}},
}

// parseList parses atoms up to the end of the current group: a closing
// brace, &, \\, \end, \right, \middle, end of input, or the rune stop
// (']' for the optional argument of \sqrt, '$' for math inside \text).
// The terminator is not consumed.
func (p *parser) parseList(stop rune) []*node {
	var out []*node
	for {
		p.skipSpace()
		t := p.cur()
		switch t.kind {
		case tEOF, tClose, tAmp:
			return out
		case tChar:
			if stop != 0 && t.r == stop {
				return out
			}
		case tCmd:
			if listEnders[t.name] {
				return out
			}
			if rest, ok := p.switchCommand(t, out, stop); ok {
				return rest
			}
		}
		before := p.i
		if n := p.parseAtom(); n != nil {
			out = append(out, n)
		}
		if p.i == before { // cannot happen, but never loop forever
			p.fail(t.pos, "unexpected input")
			p.advance()
		}
	}
}

// switchCommand handles commands that affect everything after them in the
// group (\over, \color, \displaystyle, \bf). It returns the finished list
// and true when t was such a command.
func (p *parser) switchCommand(t token, before []*node, stop rune) ([]*node, bool) {
	name := t.name
	_, isStyle := styleSwitches[name]
	_, isFont := oldFontSwitches[name]
	if !infixFracs[name] && name != "color" && !isStyle && !isFont {
		return nil, false
	}
	p.advance()
	color := ""
	if name == "color" {
		color = p.colorArg()
	}
	if !p.enter(t.pos) {
		return before, true
	}
	defer p.leave()
	switch {
	case infixFracs[name]:
		saveDisplay := p.display
		p.display = false
		rest := p.parseList(stop)
		p.display = saveDisplay
		return []*node{infixFrac(name, row(before...), row(rest...))}, true
	case name == "color":
		rest := p.parseList(stop)
		if color == "" {
			return append(before, rest...), true
		}
		return append(before, &node{kind: kStyle, attrs: []attr{{"mathcolor", color}}, kids: rest}), true
	case isStyle:
		saveDisplay := p.display
		p.display = name == "displaystyle"
		rest := p.parseList(stop)
		p.display = saveDisplay
		return append(before, &node{kind: kStyle, attrs: styleSwitches[name], kids: rest}), true
	default:
		saveVariant := p.variant
		p.variant = oldFontSwitches[name]
		rest := p.parseList(stop)
		p.variant = saveVariant
		return append(before, rest...), true
	}
}

func infixFrac(name string, num, den *node) *node {
	f := &node{kind: kFrac, kids: []*node{num, den}}
	if name == "over" {
		return f
	}
	f.attrs = []attr{{"linethickness", "0"}}
	switch name {
	case "choose":
		return row(op("("), f, op(")"))
	case "brace":
		return row(op("{"), f, op("}"))
	case "brack":
		return row(op("["), f, op("]"))
	}
	return f
}

// parseAtom parses a primary and the scripts attached to it.
func (p *parser) parseAtom() *node {
	base := p.parsePrimary(false)
	limits := limitsNever
	if base != nil {
		limits = base.limits
	}
	var sub, sup *node
	primes := 0
loop:
	for {
		p.skipSpace()
		t := p.cur()
		switch {
		case t.kind == tCmd && (t.name == "limits" || t.name == "nolimits"):
			p.advance()
			limits = limitsNever
			if t.name == "limits" {
				limits = limitsAlways
			}
		case t.kind == tChar && t.r == '\'':
			p.advance()
			primes++
		case t.kind == tSup:
			p.advance()
			s := p.scriptArg()
			if sup != nil {
				p.fail(t.pos, "double superscript")
				s = row(sup, s) // keep both visible
			}
			sup = s
		case t.kind == tSub:
			p.advance()
			s := p.scriptArg()
			if sub != nil {
				p.fail(t.pos, "double subscript")
				s = row(sub, s)
			}
			sub = s
		default:
			break loop
		}
	}
	if primes > 0 {
		pr := op(primeString(primes))
		if sup == nil {
			sup = pr
		} else {
			sup = row(pr, sup)
		}
	}
	if sub == nil && sup == nil {
		return base
	}
	if base == nil {
		base = row()
	}
	under := limits == limitsAlways || limits == limitsDisplay && p.display
	var n *node
	switch {
	case sub != nil && sup != nil && under:
		n = &node{kind: kUnderOver, kids: []*node{base, sub, sup}}
	case sub != nil && sup != nil:
		n = &node{kind: kSubSup, kids: []*node{base, sub, sup}}
	case sub != nil && under:
		n = &node{kind: kUnder, kids: []*node{base, sub}}
	case sub != nil:
		n = &node{kind: kSub, kids: []*node{base, sub}}
	case under:
		n = &node{kind: kOver, kids: []*node{base, sup}}
	default:
		n = &node{kind: kSup, kids: []*node{base, sup}}
	}
	n.fn = base.fn
	return n
}

func primeString(n int) string {
	switch n {
	case 1:
		return "′"
	case 2:
		return "″"
	case 3:
		return "‴"
	case 4:
		return "⁗"
	}
	return strings.Repeat("′", n)
}

// scriptArg parses the argument of ^ or _, which is never in display style.
func (p *parser) scriptArg() *node {
	save := p.display
	p.display = false
	n := p.parsePrimary(true)
	p.display = save
	return n
}

// parsePrimary parses one group, character or command with its
// arguments. With arg set it is parsing a command argument: a single
// character only (x^12 is x² followed by 2), and something is always
// returned. Otherwise nil means "nothing here" (scripts without a base,
// or a command such as \tag that produces no output).
func (p *parser) parsePrimary(arg bool) *node {
	p.skipSpace()
	t := p.cur()
	var n *node
	switch t.kind {
	case tEOF, tClose, tAmp, tSup, tSub:
		if arg {
			p.fail(t.pos, "missing argument")
		}
	case tChar:
		p.advance()
		n = p.charAtom(t, arg)
	case tOpen:
		if !p.enter(t.pos) {
			p.skipGroup()
			return errNode("…")
		}
		p.advance()
		list := p.parseList(0)
		if c := p.cur(); c.kind == tClose {
			p.advance()
		} else {
			p.fail(t.pos, "missing }")
		}
		p.leave()
		n = row(list...)
	case tCmd:
		if listEnders[t.name] {
			if arg {
				p.fail(t.pos, "missing argument before \\%s", t.name)
			}
			break
		}
		if !p.enter(t.pos) {
			p.advance()
			return errNode("…")
		}
		p.advance()
		n = p.command(t)
		p.leave()
	}
	if n == nil && arg {
		n = row()
	}
	return n
}

// skipGroup consumes a balanced brace group without recursion.
func (p *parser) skipGroup() {
	level := 0
	for {
		t := p.advance()
		switch t.kind {
		case tEOF:
			return
		case tOpen:
			level++
		case tClose:
			level--
		}
		if level <= 0 {
			return
		}
	}
}

// charAtom turns a character from the source into a leaf.
func (p *parser) charAtom(t token, arg bool) *node {
	r := t.r
	switch {
	case r >= '0' && r <= '9':
		s := string(r)
		if !arg {
			s = p.numberRest(s)
		}
		return p.number(s)
	case r == '.' && !arg && p.cur().kind == tChar && isDigit(p.cur().r):
		return p.number(p.numberRest("."))
	case r < 128 && isASCIILetter(byte(r)):
		if arg || p.variant == "" {
			return p.ident(string(r), false)
		}
		// In \mathrm{max} and friends a run of letters is one identifier.
		return p.ident(p.run(r, func(c rune) bool { return c < 128 && isASCIILetter(byte(c)) }), false)
	}
	switch r {
	case '+', '=', '<', '>', ',', ';', ':', '!', '?', '.':
		return op(string(r))
	case '-':
		return op("−")
	case '*':
		return op("∗")
	case '(', ')', '[', ']', '|', '/':
		return fence(string(r))
	case '\'':
		return op("′")
	case '~':
		return leaf(kText, "\u00a0")
	}
	switch {
	case isCJK(r):
		return leaf(kText, p.run(r, isCJK))
	case unicode.IsDigit(r):
		return leaf(kNum, string(r))
	case unicode.IsLetter(r):
		return p.ident(string(r), false)
	case unicode.Is(unicode.Sm, r), unicode.IsPunct(r):
		return op(string(r))
	}
	return leaf(kIdent, string(r))
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// numberRest extends a number with following digits and decimal points
// (a point only when a digit follows it, so "x=1." keeps its full stop).
func (p *parser) numberRest(s string) string {
	var b strings.Builder
	b.WriteString(s)
	for {
		c := p.cur()
		if c.kind != tChar {
			return b.String()
		}
		if isDigit(c.r) || c.r == '.' && p.toks[p.i+1].kind == tChar && isDigit(p.toks[p.i+1].r) {
			b.WriteRune(c.r)
			p.advance()
			continue
		}
		return b.String()
	}
}

// run returns first followed by the characters of the next tokens that
// satisfy ok, consuming them.
func (p *parser) run(first rune, ok func(rune) bool) string {
	var b strings.Builder
	b.WriteRune(first)
	for c := p.cur(); c.kind == tChar && ok(c.r); c = p.cur() {
		b.WriteRune(c.r)
		p.advance()
	}
	return b.String()
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// number makes an <mn>, drawing the digits from the current alphabet.
func (p *parser) number(s string) *node {
	if p.variant == "" || p.variant == "normal" {
		return leaf(kNum, s)
	}
	if mapped, ok := mapString(s, p.variant); ok {
		return leaf(kNum, mapped)
	}
	return leaf(kNum, s) // no digits in this alphabet (script, fraktur)
}

// ident makes an <mi> in the current alphabet. upright marks symbols TeX
// sets upright (capital Greek), which need mathvariant="normal" because a
// single-character <mi> is italic by default.
func (p *parser) ident(s string, upright bool) *node {
	v := p.variant
	switch {
	case v == "" && upright, v == "normal":
		if len([]rune(s)) == 1 {
			return leaf(kIdent, s, attr{"mathvariant", "normal"})
		}
		return leaf(kIdent, s)
	case v == "":
		return leaf(kIdent, s)
	}
	if mapped, ok := mapString(s, v); ok {
		return leaf(kIdent, mapped)
	}
	if !hasLetter(s) {
		return leaf(kIdent, s) // \mathcal{\_}: alphabets only change letters
	}
	return leaf(kIdent, s, attr{"mathvariant", v})
}

// mapString maps every rune of s into the alphabet v; ok is false if any
// rune has no counterpart there.
func mapString(s, v string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		m, ok := mapVariant(r, v)
		if !ok {
			return s, false
		}
		b.WriteRune(m)
	}
	return b.String(), true
}

// rawArg reads a braced argument as plain text (environment names, colors,
// lengths, column specs). A single token is accepted without braces.
func (p *parser) rawArg() string {
	p.skipSpace()
	t := p.cur()
	if t.kind != tOpen {
		if t.kind == tEOF || t.kind == tClose {
			p.fail(t.pos, "missing argument")
			return ""
		}
		p.advance()
		return tokenText(t)
	}
	p.advance()
	var b strings.Builder
	level := 0
	for {
		c := p.advance()
		switch c.kind {
		case tEOF:
			p.fail(t.pos, "missing }")
			return b.String()
		case tOpen:
			level++
		case tClose:
			if level == 0 {
				return b.String()
			}
			level--
		}
		b.WriteString(tokenText(c))
	}
}

// optionalArg reads a [...] argument if one follows directly.
func (p *parser) optionalArg() (string, bool) {
	p.skipSpace()
	if c := p.cur(); c.kind != tChar || c.r != '[' {
		return "", false
	}
	start := p.advance()
	var b strings.Builder
	for {
		c := p.advance()
		switch {
		case c.kind == tEOF:
			p.fail(start.pos, "missing ]")
			return b.String(), true
		case c.kind == tChar && c.r == ']':
			return b.String(), true
		}
		b.WriteString(tokenText(c))
	}
}

func tokenText(t token) string {
	switch t.kind {
	case tChar:
		return string(t.r)
	case tCmd:
		return "\\" + t.name
	case tOpen:
		return "{"
	case tClose:
		return "}"
	case tSup:
		return "^"
	case tSub:
		return "_"
	case tAmp:
		return "&"
	case tSpace:
		return " "
	}
	return ""
}
