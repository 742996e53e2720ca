package texmath

import (
	"unicode"
	"unicode/utf8"
)

// The lexer splits TeX source into tokens the way TeX's eyes do, minus
// category-code changes: control words (\alpha), control symbols (\, \{),
// the special characters { } ^ _ &, runs of white space, and every other
// character on its own. Comments (% to end of line) are dropped. White
// space is kept as a token because \text{...} needs it; math mode skips it.

type tokKind uint8

const (
	tEOF   tokKind = iota
	tChar          // any other character, in r
	tCmd           // control sequence, name in name (without the backslash)
	tOpen          // {
	tClose         // }
	tSup           // ^
	tSub           // _
	tAmp           // &
	tSpace         // one or more white-space characters
)

type token struct {
	kind tokKind
	r    rune
	name string
	pos  int // byte offset in the source, for error messages
}

// lex tokenizes src. It never fails: a lone trailing backslash becomes a
// control sequence with an empty name, which the parser reports, and
// invalid UTF-8 bytes become U+FFFD characters.
func lex(src string) []token {
	var toks []token
	i := 0
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		start := i
		i += size
		switch {
		case r == '\\':
			if i >= len(src) {
				toks = append(toks, token{kind: tCmd, name: "", pos: start})
				continue
			}
			if isASCIILetter(src[i]) {
				j := i
				for j < len(src) && isASCIILetter(src[j]) {
					j++
				}
				toks = append(toks, token{kind: tCmd, name: src[i:j], pos: start})
				i = j
				// TeX ignores spaces after a control word.
				for i < len(src) {
					r2, s2 := utf8.DecodeRuneInString(src[i:])
					if !unicode.IsSpace(r2) {
						break
					}
					i += s2
				}
				continue
			}
			r2, s2 := utf8.DecodeRuneInString(src[i:])
			i += s2
			name := string(r2)
			if unicode.IsSpace(r2) {
				name = " " // "\ " followed by a newline or tab is still a space
			}
			toks = append(toks, token{kind: tCmd, name: name, pos: start})
		case r == '%':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case unicode.IsSpace(r):
			for i < len(src) {
				r2, s2 := utf8.DecodeRuneInString(src[i:])
				if !unicode.IsSpace(r2) {
					break
				}
				i += s2
			}
			toks = append(toks, token{kind: tSpace, pos: start})
		case r == '{':
			toks = append(toks, token{kind: tOpen, pos: start})
		case r == '}':
			toks = append(toks, token{kind: tClose, pos: start})
		case r == '^':
			toks = append(toks, token{kind: tSup, pos: start})
		case r == '_':
			toks = append(toks, token{kind: tSub, pos: start})
		case r == '&':
			toks = append(toks, token{kind: tAmp, pos: start})
		default:
			toks = append(toks, token{kind: tChar, r: r, pos: start})
		}
	}
	return append(toks, token{kind: tEOF, pos: len(src)})
}

func isASCIILetter(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
