package notes

import "strings"

// Containers: a card may sit inside a blockquote or callout ("> Q #card")
// or a list item ("- Q #card"). Its answer is the rest of that container
// (FORMAT.md, Amendments): later lines of the same quote, or the item's
// deeper-indented lines, never text outside it. The answer's text loses
// the container's quote markers, so it reads as it did inside the
// callout, and the deck page puts the card back into the container
// (Segment.Container).

// quoteDepth counts the blockquote markers a line starts with ("> > x"
// has two) and returns the length of that prefix, including the one
// space or tab that may follow each marker.
func quoteDepth(s string) (depth, n int) {
	for {
		ok, k := quoteMarker(s[n:])
		if !ok {
			return depth, n
		}
		depth++
		n += k
	}
}

// quoteDepth is quoteDepth of a body line: for code lines, whose
// mask hides everything, of the text.
func (l *line) quoteDepth() int {
	s := l.mask
	if l.code {
		s = l.text
	}
	d, _ := quoteDepth(s)
	return d
}

// stripQuote removes up to depth blockquote markers from the start of s.
func stripQuote(s string, depth int) string {
	for ; depth > 0; depth-- {
		ok, n := quoteMarker(s)
		if !ok {
			return s
		}
		s = s[n:]
	}
	return s
}

// quoteMarker reports whether s starts with a blockquote marker (up to
// three spaces, '>', an optional space or tab) and returns its length.
func quoteMarker(s string) (bool, int) {
	j := 0
	for k := 0; k < 3 && j < len(s) && s[j] == ' '; k++ {
		j++
	}
	if j >= len(s) || s[j] != '>' {
		return false, 0
	}
	j++
	if j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return true, j
}

// quoteContent is s without its blockquote markers.
func quoteContent(s string) string {
	_, n := quoteDepth(s)
	return s[n:]
}

// itemContinues reports whether the list item whose marker is indented
// itemIndent (at quote depth quote) goes on after the blank lines from
// line j: the next non-blank line is indented deeper than the marker.
func (p *parser) itemContinues(j, itemIndent, quote int) bool {
	for ; j < len(p.lines); j++ {
		l := &p.lines[j]
		if l.code {
			return true
		}
		if l.blank() {
			continue
		}
		if l.quoteDepth() < quote {
			return false
		}
		s := stripQuote(l.mask, quote)
		n, _ := itemPrefix(s)
		return indentOf(s, n) > itemIndent
	}
	return false
}

// lazyLine reports a paragraph continuation line without the quote
// markers of the paragraph it continues ("> [!note]\n> text\nmore"):
// CommonMark keeps it inside the quote, and so does the answer. It must
// follow a line of text and not start a block of its own.
func (p *parser) lazyLine(j int) bool {
	if j == 0 || p.lines[j].code || p.info[j].level > 0 {
		return false
	}
	prev := &p.lines[j-1]
	if prev.code || prev.blank() || isBlank(quoteContent(prev.mask)) {
		return false
	}
	m := p.lines[j].mask
	if _, item := itemPrefix(m); item || isThematicBreak(m) || strings.HasPrefix(strings.TrimLeft(m, " \t"), ">") {
		return false
	}
	return true
}
