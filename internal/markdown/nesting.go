package markdown

import (
	"bytes"
	"strconv"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Nesting limits, and others of the same kind. goldmark's block parser
// works out, for each line,
// where every open block continues, and the column of each from the
// start of the line: a line nested d levels deep costs about d², so a
// block quote 3,000 levels deep on one line, or a list whose items are
// indented one more level per line (3,000 levels took 44 s and 1 GB),
// cost far more than their size. Its inline parser pairs code spans by
// the length of their backtick runs, looking ahead for a run of the same
// length from each: runs of 1, 2, 3, … backticks cost the square root of
// the text times the text. Before parsing, outside fenced code, lines are
// cut down to these limits, with a warning; no real note comes near
// them.
const (
	// maxQuoteDepth is the most '>' markers a line opens (quotes and
	// callouts nested in each other).
	maxQuoteDepth = 32
	// maxListIndent is the deepest indentation, in columns, of a list
	// item (16 levels of tabs, 32 of two spaces); a deeper item gets this
	// indentation, which nests it as deep as its parent allows.
	maxListIndent = 64
	// maxBacktickRun is the longest run of backticks that opens or closes
	// a code span; a longer one is written as escaped backticks.
	maxBacktickRun = 32
	// maxFootnotes and maxFootnoteRefs bound the footnote definitions and
	// references of one text: goldmark looks each reference up among all
	// the definitions, and sorts them by insertion. Later ones are written
	// with their '[' escaped, as text.
	maxFootnotes    = 1000
	maxFootnoteRefs = 4096
)

// limitNesting returns src with lines cut to the limits above, reusing
// src when no line is over them, and the file lines (counted from 0)
// that were cut.
func limitNesting(src []byte) ([]byte, []int) {
	fn := &footnoteCount{}
	if !mayExceedNesting(src) && (bytes.Count(src, []byte("[^")) <= min(maxFootnotes, maxFootnoteRefs)) {
		return src, nil
	}
	var out []byte // nil until a line changes
	var cut []int
	var fence []byte // the open fence's marker, nil outside fences
	line := 0
	for start := 0; start < len(src); line++ {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		l := src[start:end]
		var fixed []byte
		if m := fenceOpener(l); m != nil || fence != nil {
			switch {
			case fence == nil:
				fence = m
			case m != nil && m[0] == fence[0] && len(m) >= len(fence) && len(bytes.TrimSpace(afterMarkers(l)[len(m):])) == 0:
				fence = nil
			}
		} else {
			fixed = fn.limit(l, limitLine(l))
		}
		if fixed != nil && out == nil {
			out = append(make([]byte, 0, len(src)+len(src)/8), src[:start]...)
		}
		switch {
		case fixed != nil:
			out = append(out, fixed...)
			cut = append(cut, line)
		case out != nil:
			out = append(out, l...)
		}
		start = end
	}
	if out == nil {
		return src, nil
	}
	return out, cut
}

// mayExceedNesting is a quick test that src has something limitLine may
// cut: more than maxQuoteDepth '>', a long run of backticks, or a line
// indented by 16 spaces or tabs or more (the least that indents
// maxListIndent columns, after any quote markers).
func mayExceedNesting(src []byte) bool {
	if bytes.Count(src, []byte(">")) > maxQuoteDepth || bytes.Contains(src, bytes.Repeat([]byte("`"), maxBacktickRun+1)) {
		return true
	}
	for i := 0; i < len(src); {
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '>') {
			j++
		}
		if j-i >= maxListIndent/4 {
			return true
		}
		k := bytes.IndexByte(src[j:], '\n')
		if k < 0 {
			return false
		}
		i = j + k + 1
	}
	return false
}

// limitLine returns line cut to the limits, or nil when it is within them.
func limitLine(line []byte) []byte {
	// Quote markers: up to three spaces, '>', an optional space, again.
	i, depth, keep := 0, 0, -1
	for {
		j := i
		for j < len(line) && j-i < 3 && line[j] == ' ' {
			j++
		}
		if j >= len(line) || line[j] != '>' {
			break
		}
		depth++
		j++
		if j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		if depth == maxQuoteDepth {
			keep = j
		}
		i = j
	}
	var out []byte
	if depth > maxQuoteDepth {
		out = append(append(out, line[:keep]...), line[i:]...)
		line, i = out, keep
	}
	// List item indentation after the quote markers.
	col, j := 0, i
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		if line[j] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		j++
	}
	if col > maxListIndent && isListItem(line[j:]) {
		fixed := append(append(append([]byte(nil), line[:i]...), bytes.Repeat([]byte(" "), maxListIndent)...), line[j:]...)
		line, out = fixed, fixed
	}
	// Backtick runs.
	if bytes.Contains(line, bytes.Repeat([]byte("`"), maxBacktickRun+1)) {
		var b []byte
		for k := 0; k < len(line); {
			n := runLen(line, k, '`')
			switch {
			case n > maxBacktickRun:
				b = append(b, bytes.Repeat([]byte("\\`"), n)...)
				k += n
			case n > 0:
				b = append(b, line[k:k+n]...)
				k += n
			default:
				b = append(b, line[k])
				k++
			}
		}
		out = b
	}
	return out
}

// footnoteCount counts the footnote definitions and references of a
// text, line by line.
type footnoteCount struct{ defs, refs int }

// limit returns line (or fixed, line already cut) with the '[' of the
// footnote definitions and references past the limits escaped: fixed
// when there are none. Code spans are left alone.
func (c *footnoteCount) limit(line, fixed []byte) []byte {
	if fixed != nil {
		line = fixed
	}
	if !bytes.Contains(line, []byte("[^")) {
		return fixed
	}
	def := false
	if t := bytes.TrimLeft(line, " "); len(line)-len(t) <= 3 && bytes.HasPrefix(t, []byte("[^")) {
		if end := bytes.IndexByte(t, ']'); end > 2 && end+1 < len(t) && t[end+1] == ':' {
			def = true
		}
	}
	var escape []int // where to put a backslash
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\':
			i++
		case line[i] == '`':
			// Skip a code span: up to the next run of as many backticks.
			n := runLen(line, i, '`')
			if j := findRun(line, i+n, '`', n); j >= 0 {
				i = j + n - 1
			} else {
				i += n - 1
			}
		case line[i] == '[' && i+1 < len(line) && line[i+1] == '^':
			over := false
			if def {
				def = false // the definition's own label
				c.defs++
				over = c.defs > maxFootnotes
			} else {
				c.refs++
				over = c.refs > maxFootnoteRefs
			}
			if over {
				escape = append(escape, i)
			}
		}
	}
	if len(escape) == 0 {
		return fixed
	}
	out := make([]byte, 0, len(line)+len(escape))
	last := 0
	for _, i := range escape {
		out = append(append(out, line[last:i]...), '\\')
		last = i
	}
	return append(out, line[last:]...)
}

// isListItem reports whether s starts with a list marker: "-", "*" or
// "+", or up to nine digits and "." or ")", then a space, a tab or the
// end of the line.
func isListItem(s []byte) bool {
	n := 0
	switch {
	case len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+'):
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return false
		}
		n++
	}
	return n == len(s) || s[n] == ' ' || s[n] == '\t' || s[n] == '\n'
}

// afterMarkers returns line after its indentation, quote markers and
// list markers: where a fence inside quotes and list items starts.
func afterMarkers(line []byte) []byte {
	for {
		t := bytes.TrimLeft(line, " \t>")
		if !isListItem(t) {
			return t
		}
		if t[0] >= '0' && t[0] <= '9' {
			t = t[bytes.IndexAny(t, ".)")+1:]
		} else {
			t = t[1:]
		}
		line = t
	}
}

// fenceOpener returns the ``` or ~~~ run that opens or closes a fence
// on line, or nil.
func fenceOpener(line []byte) []byte {
	t := afterMarkers(line)
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return nil
	}
	n := runLen(t, 0, t[0])
	if n < 3 || (t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0) {
		return nil // ```foo` is inline code, not a fence
	}
	return t[:n]
}

// warnNesting reports the first line limitNesting cut, once per text.
func (st *state) warnNesting(cut []int) {
	if len(cut) == 0 {
		return
	}
	more := ""
	if len(cut) > 1 {
		more = " (and " + strconv.Itoa(len(cut)-1) + " more lines)"
	}
	st.warnLine(st.line(0)+cut[0], diag.KindLimit, "this line"+more+" goes past a limit that keeps pages quick to build: quotes or callouts nested "+
		strconv.Itoa(maxQuoteDepth)+" deep, list items indented "+strconv.Itoa(maxListIndent)+" columns, runs of "+strconv.Itoa(maxBacktickRun)+
		" backticks, "+strconv.Itoa(maxFootnotes)+" footnotes or "+strconv.Itoa(maxFootnoteRefs)+
		" footnote references: deeper levels are shown at that depth, and the rest as text; nest less or split the note")
}
