package notes

import "strings"

// maskByte replaces every byte of inline code, inline math and display
// math in line.mask. It is neither a space nor a word character, so that
// masked text can never look like a tag, a "::" separator, a brace or a
// heading marker, and its neighbours do not look glued to a word either.
const maskByte = 0x1A

// line is one line of Body.
type line struct {
	text string // the Body line (comments already removed)
	// mask has the same length as text; bytes inside inline code, $…$ and
	// $$…$$ are maskByte. Card syntax is only ever looked for in mask.
	mask string
	// code is true for lines inside or delimiting a fenced code block or a
	// multi-line $$ math block: nothing on them is card syntax, and a blank
	// line among them does not end a paragraph or an answer.
	code bool
	// codeStart is, for a code line, the index of the first line of its
	// block (the opening fence).
	codeStart int
	opens     bool // this line opens a fence or a $$ block
}

func (l *line) blank() bool { return !l.code && strings.TrimSpace(l.text) == "" }

// scanner walks the body once, line by line, keeping the little state
// Markdown needs across lines: an open fence, an open $$ block, an open
// %% comment.
type scanner struct {
	fenceCh    byte // '`' or '~' while inside a fence
	fenceLen   int
	inMath     bool
	inComment  bool
	text, mask []byte // reused buffers for the current line
}

// scanBody removes %%comments%% and <!--SR:…--> / <!--ID:…--> comments
// (keeping every newline, so line numbers do not move) and classifies each
// line. It is linear in the size of the body.
func scanBody(body string) (clean string, lines []line) {
	var sc scanner
	var out strings.Builder
	out.Grow(len(body))
	rest := body
	for {
		raw, tail, more := strings.Cut(rest, "\n")
		if !more && raw == "" {
			break // body ends with a newline (or is empty)
		}
		l := sc.scanLine(raw)
		if l.code {
			l.codeStart = len(lines)
			if prev := len(lines) - 1; !l.opens && prev >= 0 && lines[prev].code {
				l.codeStart = lines[prev].codeStart
			}
		}
		lines = append(lines, l)
		out.WriteString(l.text)
		if !more {
			// A last line emptied by a comment ("…\n%%x") leaves no text
			// after the final newline: it is not a line of Body.
			if l.text == "" {
				lines = lines[:len(lines)-1]
			}
			break
		}
		out.WriteByte('\n')
		rest = tail
	}
	return out.String(), lines
}

func (sc *scanner) scanLine(s string) line {
	if sc.fenceCh != 0 {
		if isFenceClose(s, sc.fenceCh, sc.fenceLen) {
			sc.fenceCh = 0
		}
		return line{text: s, mask: strings.Repeat(string(rune(maskByte)), len(s)), code: true}
	}
	if sc.inMath && !sc.inComment {
		if strings.Contains(s, "$$") {
			sc.inMath = false
		}
		return line{text: s, mask: strings.Repeat(string(rune(maskByte)), len(s)), code: true}
	}
	i := 0
	if sc.inComment {
		j := strings.Index(s, "%%")
		if j < 0 {
			return line{}
		}
		i = j + 2
		sc.inComment = false
	}
	if i == 0 {
		if ch, n := fenceOpen(s); n > 0 {
			sc.fenceCh, sc.fenceLen = ch, n
			return line{text: s, mask: strings.Repeat(string(rune(maskByte)), len(s)), code: true, opens: true}
		}
	}
	sc.text, sc.mask = sc.text[:0], sc.mask[:0]
	code := false
	// noClose[r] records that no closing backtick run of length r exists
	// after the current position, so unmatched runs cost no rescans.
	var noClose [16]bool
	noHTMLClose := false
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			sc.keep(s[i : i+2])
			i += 2
		case c == '`':
			r := runLen(s, i, '`')
			if r < len(noClose) && noClose[r] {
				sc.keep(s[i : i+r])
				i += r
				break
			}
			if end := findBacktickClose(s, i+r, r); end >= 0 {
				sc.hide(s[i:end])
				i = end
			} else {
				if r < len(noClose) {
					noClose[r] = true
				}
				sc.keep(s[i : i+r])
				i += r
			}
		case c == '$' && i+1 < len(s) && s[i+1] == '$':
			if j := strings.Index(s[i+2:], "$$"); j >= 0 {
				end := i + 2 + j + 2
				sc.hide(s[i:end])
				i = end
			} else {
				// An unclosed $$ opens a display-math block.
				if strings.TrimSpace(s[:i]) == "" || strings.TrimLeft(s[:i], " \t>") == "" {
					code = true
				}
				sc.hide(s[i:])
				i = len(s)
				sc.inMath = true
			}
		case c == '$':
			if end := inlineMathEnd(s, i); end > 0 {
				sc.hide(s[i:end])
				i = end
			} else {
				sc.keep(s[i : i+1])
				i++
			}
		case c == '%' && i+1 < len(s) && s[i+1] == '%':
			if j := strings.Index(s[i+2:], "%%"); j >= 0 {
				i = i + 2 + j + 2 // drop the comment
			} else {
				sc.inComment = true
				i = len(s)
			}
		case c == '<' && !noHTMLClose && (strings.HasPrefix(s[i:], "<!--SR:") || strings.HasPrefix(s[i:], "<!--ID:")):
			if j := strings.Index(s[i+7:], "-->"); j >= 0 {
				i = i + 7 + j + 3
			} else {
				noHTMLClose = true
				sc.keep(s[i : i+1])
				i++
			}
		default:
			sc.keep(s[i : i+1])
			i++
		}
	}
	return line{text: string(sc.text), mask: string(sc.mask), code: code, opens: code}
}

func (sc *scanner) keep(s string) {
	sc.text = append(sc.text, s...)
	sc.mask = append(sc.mask, s...)
}

func (sc *scanner) hide(s string) {
	sc.text = append(sc.text, s...)
	for range len(s) {
		sc.mask = append(sc.mask, maskByte)
	}
}

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// findBacktickClose returns the index just after a run of exactly r
// backticks at or after from, or -1.
func findBacktickClose(s string, from, r int) int {
	for i := from; i < len(s); {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		i += j
		n := runLen(s, i, '`')
		if n == r {
			return i + n
		}
		i += n
	}
	return -1
}

// inlineMathEnd returns the index after the closing '$' of inline math
// opening at s[i], or -1. Like Obsidian (and pandoc): the opening '$' is
// not followed by a space, the closing one is not preceded by a space and
// not followed by a digit, so "costs $5 and $10" is not math. Only the
// first candidate is tried, which keeps the scan linear.
func inlineMathEnd(s string, i int) int {
	if i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == '\t' {
		return -1
	}
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '$':
			if s[j-1] == ' ' || s[j-1] == '\t' || (j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
				return -1
			}
			return j + 1
		}
	}
	return -1
}

// fencePrefix skips indentation and blockquote markers: fences are also
// found indented in list items and inside callouts.
func fencePrefix(s string) string {
	return strings.TrimLeft(s, " \t>")
}

// fenceOpen reports a code fence opening: three or more backticks or
// tildes; a backtick fence's info string may not hold a backtick.
func fenceOpen(s string) (byte, int) {
	t := fencePrefix(s)
	if t == "" || (t[0] != '`' && t[0] != '~') {
		return 0, 0
	}
	n := runLen(t, 0, t[0])
	if n < 3 {
		return 0, 0
	}
	if t[0] == '`' && strings.IndexByte(t[n:], '`') >= 0 {
		return 0, 0
	}
	return t[0], n
}

func isFenceClose(s string, ch byte, n int) bool {
	t := fencePrefix(s)
	m := runLen(t, 0, ch)
	return m >= n && strings.TrimSpace(t[m:]) == ""
}
