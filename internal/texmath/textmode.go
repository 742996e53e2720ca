package texmath

import "strings"

// Text mode: the argument of \text, \textbf, \mbox, \fbox and \tag. Spaces
// count here, letters are upright words rather than variables, and any
// Unicode (umlauts, Chinese) is copied through. $...$ switches back to
// math, as in LaTeX.

// textClasses gives the class (styled by the site's stylesheet) of each
// text variant, since MathML Core browsers ignore mathvariant on <mtext>.
var textClasses = map[string]string{
	"bold":       "tm-bold",
	"italic":     "tm-italic",
	"sans-serif": "tm-sans",
	"monospace":  "tm-mono",
}

// textAccents are the accent control symbols of text mode (\"a gives ä),
// as combining characters.
var textAccents = map[string]string{
	`"`: "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
	"=": "\u0304", ".": "\u0307",
}

// textSymbols are text-mode commands that stand for a character.
var textSymbols = map[string]string{
	"{": "{", "}": "}", "$": "$", "%": "%", "&": "&", "_": "_", "#": "#",
	"textbackslash": "\\", "ldots": "…", "dots": "…", "textellipsis": "…",
	"textasciitilde": "~", "textasciicircum": "^", "textendash": "–",
	"textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
	"textquotedblleft": "“", "textquotedblright": "”", "textbullet": "•",
	"textdegree": "°", "textregistered": "®", "texttrademark": "™",
	"textcopyright": "©", "S": "§", "P": "¶", "ss": "ß", "ae": "æ", "AE": "Æ",
	"oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "i": "ı",
	"\\": " ", "newline": " ", "-": "",
}

// textSpaces are spacing commands as Unicode space characters.
var textSpaces = map[string]string{
	",": "\u2009", "thinspace": "\u2009", ":": "\u2005", ";": "\u2004",
	"!": "", "quad": "\u2003", "qquad": "\u2003\u2003", "enspace": "\u2002",
	" ": " ", "space": " ", "nobreakspace": "\u00a0",
}

// textArg parses the argument of a text command; variant is its style
// ("bold", ...) or "" for upright text.
func (p *parser) textArg(cmd token, variant string) *node {
	p.skipSpace()
	open := p.cur()
	if open.kind != tOpen {
		switch open.kind {
		case tChar:
			p.advance()
			return textLeaf(string(open.r), variant)
		case tCmd:
			if s, ok := textSymbols[open.name]; ok {
				p.advance()
				return textLeaf(s, variant)
			}
		}
		p.fail(open.pos, "missing argument for \\%s", cmd.name)
		return row()
	}
	p.advance()
	return p.textGroup(cmd, open, variant)
}

// textGroup parses a text command's braced argument after its '{'
// (open): text, inline math and nested text commands.
func (p *parser) textGroup(cmd, open token, variant string) *node {
	var parts []*node
	var buf strings.Builder
	flush := func() {
		if buf.Len() > 0 {
			parts = append(parts, textLeaf(buf.String(), variant))
			buf.Reset()
		}
	}
	level := 0
loop:
	for {
		t := p.cur()
		switch t.kind {
		case tEOF:
			p.fail(open.pos, "missing } after \\%s", cmd.name)
			break loop
		case tOpen:
			p.advance()
			level++
		case tClose:
			p.advance()
			if level == 0 {
				break loop
			}
			level--
		case tSpace:
			p.advance()
			buf.WriteByte(' ')
		case tSup, tSub, tAmp:
			p.advance()
			buf.WriteString(tokenText(t))
		case tChar:
			p.advance()
			switch t.r {
			case '$':
				flush()
				parts = append(parts, p.inlineMath(t))
			case '~':
				buf.WriteString("\u00a0")
			default:
				buf.WriteRune(t.r)
			}
		case tCmd:
			p.advance()
			v, ok := textCommands[t.name]
			if !ok {
				p.writeTextCommand(&buf, t)
				continue
			}
			flush()
			if v == "" {
				v = variant
			}
			if p.enter(t.pos) {
				parts = append(parts, p.textArg(t, v))
				p.leave()
			}
		}
	}
	flush()
	if len(parts) == 1 {
		return parts[0]
	}
	return row(parts...)
}

// writeTextCommand writes to buf what command t, not a text command,
// shows in text mode.
func (p *parser) writeTextCommand(buf *strings.Builder, t token) {
	if s, ok := textSymbols[t.name]; ok {
		buf.WriteString(s)
		return
	}
	if s, ok := textSpaces[t.name]; ok {
		buf.WriteString(s)
		return
	}
	if mark, ok := textAccents[t.name]; ok {
		buf.WriteString(p.textAccentBase())
		buf.WriteString(mark)
		return
	}
	if s, ok := symbols[t.name]; ok {
		// Not valid LaTeX (\alpha in text mode) but the intent is
		// clear, so show the symbol.
		buf.WriteString(s.char)
		return
	}
	p.mark(t.pos, "unknown command \\%s in text", t.name)
	buf.WriteString(tokenText(t))
}

// inlineMath parses $...$ inside text; the opening $ has been consumed.
func (p *parser) inlineMath(open token) *node {
	if !p.enter(open.pos) {
		return errNode("$")
	}
	defer p.leave()
	save := p.display
	p.display = false
	list := p.parseList('$')
	p.display = save
	if c := p.cur(); c.kind == tChar && c.r == '$' {
		p.advance()
	} else {
		p.fail(open.pos, "unclosed $ in text")
	}
	return row(list...)
}

// textAccentBase reads the letter an accent command applies to: \"a or \"{a}.
func (p *parser) textAccentBase() string {
	t := p.cur()
	switch t.kind {
	case tChar:
		p.advance()
		return string(t.r)
	case tOpen:
		return p.rawArg()
	}
	return " "
}

func textLeaf(s, variant string) *node {
	n := leaf(kText, s)
	if variant != "" {
		n.attrs = []attr{{"mathvariant", variant}}
		if cls, ok := textClasses[variant]; ok {
			n.attrs = append(n.attrs, attr{"class", cls})
		}
	}
	return n
}
