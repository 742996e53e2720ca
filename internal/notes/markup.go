package notes

import "strings"

// Small Markdown line helpers shared by the card forms.

// headingOf reads an ATX heading from a masked line: level 1-6 and the
// byte range of its text (closing #s removed). Level 0: not a heading.
func headingOf(mask string) (level, from, to int) {
	i := 0
	for i < 3 && i < len(mask) && mask[i] == ' ' {
		i++
	}
	n := runLen(mask, i, '#')
	if n < 1 || n > 6 {
		return 0, 0, 0
	}
	j := i + n
	if j < len(mask) && mask[j] != ' ' && mask[j] != '\t' {
		return 0, 0, 0
	}
	for j < len(mask) && (mask[j] == ' ' || mask[j] == '\t') {
		j++
	}
	to = len(trimRightBlanks(mask))
	// An optional closing sequence: spaces then only '#'.
	k := to
	for k > j && mask[k-1] == '#' {
		k--
	}
	if k < to && (k == j || mask[k-1] == ' ' || mask[k-1] == '\t') {
		to = len(trimRightBlanks(mask[:k]))
	}
	if to < j {
		to = j
	}
	return n, j, to
}

// trimRightBlanks is strings.TrimRight(s, " \t"), which is asked of
// most lines several times and is slower (it builds its cutset each time).
func trimRightBlanks(s string) string {
	n := len(s)
	for n > 0 && (s[n-1] == ' ' || s[n-1] == '\t') {
		n--
	}
	return s[:n]
}

// itemPrefix returns the length of a line's block prefix: indentation,
// blockquote markers, a list marker ("-", "*", "+", "1." or "1)") and a
// task box ("[ ]"). item reports that a list marker was found.
func itemPrefix(s string) (n int, item bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '>') {
		i++
	}
	j := i
	if j < len(s) && (s[j] == '-' || s[j] == '*' || s[j] == '+') {
		j++
	} else {
		d := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && d < 9 {
			j++
			d++
		}
		if d == 0 || j >= len(s) || (s[j] != '.' && s[j] != ')') {
			return i, false
		}
		j++
	}
	if j < len(s) && s[j] != ' ' && s[j] != '\t' {
		return i, false
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if len(s) >= j+3 && s[j] == '[' && s[j+2] == ']' {
		j += 3
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
	}
	return j, true
}

// isThematicBreak reports "---", "***", "___" (with optional spaces).
func isThematicBreak(s string) bool {
	t := strings.TrimSpace(s)
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// dedent removes the indentation common to all non-blank lines, so that an
// answer written inside a list item renders as its own Markdown.
func dedent(lines []string) []string {
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ind, false
			continue
		}
		k := 0
		for k < len(prefix) && k < len(ind) && prefix[k] == ind[k] {
			k++
		}
		prefix = prefix[:k]
		if prefix == "" {
			return lines
		}
	}
	if prefix == "" {
		return lines
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return lines
}

// joinTrim joins lines and drops leading and trailing blank lines.
func joinTrim(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.TrimRight(strings.Join(lines, "\n"), " \t")
}
