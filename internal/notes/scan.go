package notes

import (
	"bytes"
	"strings"

	"github.com/flipdeck/flipdeck/internal/displaymath"
)

// maskByte replaces every byte of inline code, inline math and display
// math in line.mask. It is neither a space nor a word character, so that
// masked text can never look like a tag, a "::" separator, a brace or a
// heading marker, and its neighbours do not look glued to a word either.
const maskByte = 0x1A

// maskRun is a run of maskBytes that the masks of code lines are cut
// from, so that most of them cost no allocation.
var maskRun = strings.Repeat(string(rune(maskByte)), 512)

// masked returns n maskBytes.
func masked(n int) string {
	if n <= len(maskRun) {
		return maskRun[:n]
	}
	return strings.Repeat(string(rune(maskByte)), n)
}

// line is one line of Body.
type line struct {
	text string // the Body line (comments already removed), a piece of Body
	// mask has the same length as text; bytes inside inline code, $…$ and
	// $$…$$ are maskByte. Card syntax is only ever looked for in mask.
	// For the many lines without any, mask and text are the same string.
	mask string
	// off is the offset of text in Body, so that runs of lines can be cut
	// from Body instead of joined again.
	off int
	// code is true for lines inside or delimiting a fenced code block or a
	// multi-line $$ math block: nothing on them is card syntax, and a blank
	// line among them does not end a paragraph or an answer.
	code bool
	// codeStart is, for a code line, the index of the first line of its
	// block (the opening fence).
	codeStart int
	opens     bool // this line opens a fence or a $$ block
	// admonition is 1 on the opening fence line of an Admonition-plugin
	// block ("```ad-note"), -1 on its closing fence line, else 0. Both
	// are code lines; the lines between are note text, so cards count
	// there, and an answer never runs out of the block it starts in.
	admonition int8
}

func (l *line) blank() bool { return !l.code && isBlank(l.text) }

// isBlank is strings.TrimSpace(s) == "" without scanning a whole line
// when its first byte already says no.
func isBlank(s string) bool {
	if s == "" {
		return true
	}
	if c := s[0]; c < 0x80 && c != ' ' && (c < '\t' || c > '\r') {
		return false
	}
	return strings.TrimSpace(s) == ""
}

// scanner walks the body once, line by line, keeping the little state
// Markdown needs across lines: an open fence, an open $$ block, an open
// %% comment. It writes the cleaned lines straight into Body (out) and
// the masks of lines that hold code or math into masks, so that a line's
// text and mask are pieces of those two strings rather than allocations
// of their own. (A strings.Builder never changes bytes it has written, so
// pieces of its String() stay valid while it grows.)
type scanner struct {
	fenceCh   byte // '`' or '~' while inside a fence
	fenceLen  int
	ad        []fence // open admonition blocks, outermost first
	adParams  bool    // right after an admonition's opening fence: "title:" lines may follow
	inMath    bool
	inComment bool

	out       strings.Builder // Body
	masks     strings.Builder // masks of lines with hidden ranges
	maskChunk int             // room to reserve for masks next time masks is full
	bodySize  int             // length of the body being scanned
	lineStart int             // offset in out of the current line
	hidden    []int           // the current line's hidden ranges (from, to pairs, in out)
	rest      []byte          // the body after the current line, for pairing $$
}

// scanBody removes %%comments%% and <!--SR:…--> / <!--ID:…--> comments
// (keeping every newline, so line numbers do not move) and classifies each
// line. It is linear in the size of the body. The lines are appended to
// lines, an empty slice whose array is reused when it is large enough.
func scanBody(body []byte, lines []line) (clean string, _ []line) {
	var sc scanner
	sc.out.Grow(len(body))
	sc.bodySize = len(body)
	if n := bytes.Count(body, []byte{'\n'}) + 1; cap(lines) < n {
		lines = make([]line, 0, n)
	}
	rest := body
	for {
		raw, tail, more := bytes.Cut(rest, []byte{'\n'})
		if !more && len(raw) == 0 {
			break // body ends with a newline (or is empty)
		}
		sc.lineStart = sc.out.Len()
		sc.hidden = sc.hidden[:0]
		sc.rest = tail
		l := sc.scanLine(raw)
		l.off = sc.lineStart
		l.text = sc.out.String()[sc.lineStart:]
		switch {
		case len(sc.hidden) > 0:
			l.mask = sc.mask(l.text)
		case l.code:
			l.mask = masked(len(l.text))
		default:
			l.mask = l.text
		}
		if l.code {
			l.codeStart = len(lines)
			if prev := len(lines) - 1; !l.opens && l.admonition == 0 && prev >= 0 && lines[prev].code {
				l.codeStart = lines[prev].codeStart
			}
		}
		lines = append(lines, l)
		if !more {
			// A last line emptied by a comment ("…\n%%x") leaves no text
			// after the final newline: it is not a line of Body.
			if l.text == "" {
				lines = lines[:len(lines)-1]
			}
			break
		}
		sc.out.WriteByte('\n')
		rest = tail
	}
	return sc.out.String(), lines
}

// mask writes the mask of the current line (its text with the hidden
// ranges replaced by maskByte) and returns it.
func (sc *scanner) mask(text string) string {
	if sc.masks.Cap()-sc.masks.Len() < len(text) {
		// A new chunk; the masks cut from the old one stay valid. Most
		// lines hide nothing, so chunks start small and double, and never
		// hold more than the rest of the body could need.
		sc.maskChunk = max(2*sc.maskChunk, 256, len(text))
		sc.masks = strings.Builder{}
		sc.masks.Grow(min(sc.maskChunk, sc.bodySize-sc.lineStart))
	}
	start := sc.masks.Len()
	pos := 0
	for k := 0; k < len(sc.hidden); k += 2 {
		from, to := sc.hidden[k]-sc.lineStart, sc.hidden[k+1]-sc.lineStart
		sc.masks.WriteString(text[pos:from])
		for n := to - from; n > 0; {
			m := min(n, len(maskRun))
			sc.masks.WriteString(maskRun[:m])
			n -= m
		}
		pos = to
	}
	sc.masks.WriteString(text[pos:])
	return sc.masks.String()[start:]
}

// special marks the bytes scanLine must look at; runs of other bytes are
// copied as they are.
var special = [256]bool{'\\': true, '`': true, '$': true, '%': true, '<': true}

// scanLine writes the text of raw line s (comments removed) to sc.out,
// records its hidden ranges in sc.hidden and returns the line's kind; the
// caller fills in text and mask.
func (sc *scanner) scanLine(s []byte) line {
	if l, ok := sc.blockLine(s); ok {
		return l
	}
	i := 0
	if sc.inComment {
		j := bytes.Index(s, []byte("%%"))
		if j < 0 {
			return line{}
		}
		i = j + 2
		sc.inComment = false
	}
	if i == 0 {
		if ch, n := fenceOpen(s); n > 0 {
			sc.out.Write(s)
			if len(sc.ad) < maxAdmonitionNesting && isAdmonitionFence(s, n) {
				sc.ad = append(sc.ad, fence{ch, n})
				sc.adParams = true
				return line{code: true, opens: true, admonition: 1}
			}
			sc.fenceCh, sc.fenceLen = ch, n
			return line{code: true, opens: true}
		}
	}
	return sc.scanText(s, i)
}

// blockLine reads line s as a line of an open admonition, fence or
// display-math block, which is copied as it is; ok is false when no
// such block is open (or the line leaves an admonition's parameters).
func (sc *scanner) blockLine(s []byte) (_ line, ok bool) {
	if len(sc.ad) > 0 && sc.closeAdmonition(s) {
		sc.out.Write(s)
		return line{code: true, admonition: -1}, true
	}
	if sc.adParams {
		if isAdmonitionParam(s) {
			sc.out.Write(s)
			return line{code: true}, true // block layout, not note text
		}
		sc.adParams = false
	}
	if sc.fenceCh != 0 {
		if isFenceClose(s, sc.fenceCh, sc.fenceLen) {
			sc.fenceCh = 0
		}
		sc.out.Write(s)
		return line{code: true}, true
	}
	if sc.inMath && !sc.inComment {
		if bytes.Contains(s, []byte("$$")) {
			sc.inMath = false
		}
		sc.out.Write(s)
		return line{code: true}, true
	}
	return line{}, false
}

// scanText scans line s from i on as text: it drops comments and hides
// escapes' targets, code spans and math from the mask.
func (sc *scanner) scanText(s []byte, i int) line {
	code := false
	// noClose[r] records that no closing backtick run of length r exists
	// after the current position, so unmatched runs cost no rescans.
	var noClose [16]bool
	noHTMLClose := false
	for i < len(s) {
		if !special[s[i]] {
			j := i + 1
			for j < len(s) && !special[s[j]] {
				j++
			}
			sc.out.Write(s[i:j])
			i = j
			continue
		}
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			sc.out.Write(s[i : i+2])
			i += 2
		case c == '`':
			i = sc.codeSpan(s, i, &noClose)
		case c == '$' && i+1 < len(s) && s[i+1] == '$':
			var opens bool
			i, opens = sc.displayMath(s, i)
			code = code || opens
		case c == '$':
			if end := inlineMathEnd(s, i); end > 0 {
				sc.hide(s[i:end])
				i = end
			} else {
				sc.out.WriteByte(c)
				i++
			}
		case c == '%' && i+1 < len(s) && s[i+1] == '%':
			if j := bytes.Index(s[i+2:], []byte("%%")); j >= 0 {
				i = i + 2 + j + 2 // drop the comment
			} else {
				sc.inComment = true
				i = len(s)
			}
		case c == '<' && !noHTMLClose && (bytes.HasPrefix(s[i:], []byte("<!--SR:")) || bytes.HasPrefix(s[i:], []byte("<!--ID:"))):
			if j := bytes.Index(s[i+7:], []byte("-->")); j >= 0 {
				i = i + 7 + j + 3
			} else {
				noHTMLClose = true
				sc.out.WriteByte(c)
				i++
			}
		default:
			sc.out.WriteByte(c)
			i++
		}
	}
	return line{code: code, opens: code}
}

// codeSpan writes the backtick run at s[i], with the code span it opens
// hidden when it is closed on the line, and returns where scanning goes
// on.
func (sc *scanner) codeSpan(s []byte, i int, noClose *[16]bool) int {
	r := runLen(s, i, '`')
	if r < len(noClose) && noClose[r] {
		sc.out.Write(s[i : i+r])
		return i + r
	}
	if end := findBacktickClose(s, i+r, r); end >= 0 {
		sc.hide(s[i:end])
		return end
	}
	if r < len(noClose) {
		noClose[r] = true
	}
	sc.out.Write(s[i : i+r])
	return i + r
}

// displayMath writes the $$ at s[i] and the formula it opens, hidden,
// and returns where scanning goes on; opens reports a display-math block
// that starts the line's block and goes on over the following lines.
func (sc *scanner) displayMath(s []byte, i int) (next int, opens bool) {
	if j := bytes.Index(s[i+2:], []byte("$$")); j >= 0 {
		end := i + 2 + j + 2
		sc.hide(s[i:end])
		return end, false
	}
	if displaymath.CloserLine(sc.rest, !atBlockStart(s[:i])) >= 0 {
		// A $$ left open on its line opens a display-math block up
		// to the next line holding $$, over blank lines; the
		// renderer pairs them the same way (internal/displaymath).
		opens = len(bytes.TrimLeft(s[:i], " \t>")) == 0
		sc.hide(s[i:])
		sc.inMath = true
		return len(s), opens
	}
	// Nothing closes it: text, which the renderer warns about.
	sc.out.WriteString(displaymath.Delim)
	return i + 2, false
}

// atBlockStart reports whether prefix, what precedes a $$ on its line,
// only opens containers (indentation, quote markers, one list marker):
// the $$ then starts a block, as in "> $$" or "- $$", and its formula
// may hold blank lines. After text it is inline, bound to its paragraph.
func atBlockStart(prefix []byte) bool {
	p := bytes.TrimLeft(prefix, " \t>")
	if len(p) == 0 {
		return true
	}
	i := 0
	for i < len(p) && p[i] >= '0' && p[i] <= '9' {
		i++
	}
	switch {
	case i > 0 && i < len(p) && (p[i] == '.' || p[i] == ')'):
		i++
	case i == 0 && (p[0] == '-' || p[0] == '*' || p[0] == '+'):
		i = 1
	default:
		return false
	}
	return i < len(p) && (p[i] == ' ' || p[i] == '\t') && len(bytes.TrimLeft(p[i:], " \t>")) == 0
}

// hide writes s as text that the mask hides.
func (sc *scanner) hide(s []byte) {
	from := sc.out.Len()
	sc.out.Write(s)
	sc.hidden = append(sc.hidden, from, sc.out.Len())
}

func runLen[T string | []byte](s T, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// findBacktickClose returns the index just after a run of exactly r
// backticks at or after from, or -1.
func findBacktickClose(s []byte, from, r int) int {
	for i := from; i < len(s); {
		j := bytes.IndexByte(s[i:], '`')
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
func inlineMathEnd(s []byte, i int) int {
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
func fencePrefix(s []byte) []byte {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '>') {
		i++
	}
	return s[i:]
}

// fenceOpen reports a code fence opening: three or more backticks or
// tildes; a backtick fence's info string may not hold a backtick.
func fenceOpen(s []byte) (byte, int) {
	t := fencePrefix(s)
	if len(t) == 0 || (t[0] != '`' && t[0] != '~') {
		return 0, 0
	}
	n := runLen(t, 0, t[0])
	if n < 3 {
		return 0, 0
	}
	if t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0 {
		return 0, 0
	}
	return t[0], n
}

// fence is an open fence: its character and length.
type fence struct {
	ch byte
	n  int
}

// maxAdmonitionNesting bounds admonition blocks inside admonition
// blocks; deeper ones are code. internal/markdown renders them with the
// same bound.
const maxAdmonitionNesting = 8

// isAdmonitionFence reports that fence opening s, of n fence characters,
// is an Admonition-plugin block: its language is "ad-" and a type.
func isAdmonitionFence(s []byte, n int) bool {
	info := bytes.TrimLeft(fencePrefix(s)[n:], " \t")
	if len(info) < 4 || !bytes.EqualFold(info[:3], []byte("ad-")) {
		return false
	}
	for _, c := range info[3:] {
		switch {
		case c == ' ' || c == '\t':
			return false
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
			return true
		}
	}
	return false
}

// isAdmonitionParam reports a parameter line of an admonition block
// ("title: …", "collapse: …", "icon: …", "color: …"), which may only
// follow its opening fence.
func isAdmonitionParam(s []byte) bool {
	key, _, ok := bytes.Cut(fencePrefix(s), []byte{':'})
	if !ok {
		return false
	}
	switch string(bytes.TrimSpace(key)) {
	case "title", "collapse", "icon", "color":
		return true
	}
	return false
}

// closeAdmonition reports that line s closes an open admonition block.
// The outermost block it closes wins (its body is read first, as a
// fence's), and whatever was open inside it ends with it.
func (sc *scanner) closeAdmonition(s []byte) bool {
	for k, f := range sc.ad {
		if isFenceClose(s, f.ch, f.n) {
			sc.ad = sc.ad[:k]
			sc.fenceCh, sc.inMath, sc.inComment, sc.adParams = 0, false, false, false
			return true
		}
	}
	return false
}

func isFenceClose(s []byte, ch byte, n int) bool {
	t := fencePrefix(s)
	m := runLen(t, 0, ch)
	return m >= n && len(bytes.TrimSpace(t[m:])) == 0
}
