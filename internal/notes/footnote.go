package notes

import (
	"slices"
	"strings"
)

// Footnotes: a card side and the note's reading text are rendered apart,
// so a "[^1]" in a card whose definition "[^1]: …" sits elsewhere in the
// note (most often at its end) has no definition where it is rendered: it
// shows raw, and the definition, referenced nowhere in its own render,
// disappears. The parser keeps the note's definitions, and WithFootnotes
// gives a text the definitions it refers to but does not hold.

// Footnote is one footnote definition of a note's body.
type Footnote struct {
	Label string // "1" for "[^1]: …"
	// Text is the definition's Markdown: its "[^label]: …" line and its
	// continuation lines, as written in Body.
	Text string
}

// footnotes collects the definitions of the body's footnotes outside
// code: a line "[^label]: …" (indented by up to three spaces), with the
// lines that continue it (indented ones, blank lines between them, and
// lazy lines of plain text right after).
func (p *parser) footnotes() {
	if !strings.Contains(p.n.Body, "[^") {
		return
	}
	for i := 0; i < len(p.lines); i++ {
		l := &p.lines[i]
		if l.code {
			continue
		}
		label, ok := footnoteLabel(l.mask)
		if !ok {
			continue
		}
		end := i // the definition's last line
	more:
		for k := i + 1; k < len(p.lines); k++ {
			c := &p.lines[k]
			switch {
			case c.blank():
				// It continues the definition only if an indented line follows.
			case isIndented(c.text):
				end = k
			case end == k-1 && !c.code && isLazyLine(c.mask):
				end = k
			default:
				break more
			}
		}
		last := &p.lines[end]
		p.n.Footnotes = append(p.n.Footnotes, Footnote{Label: label, Text: p.n.Body[l.off : last.off+len(last.text)]})
		i = end
	}
	if len(p.n.Footnotes) > 0 {
		p.n.footnoteIndex = indexFootnotes(p.n.Footnotes)
	}
}

// footnoteLabel returns the label of a footnote definition line
// ("[^label]: …", indented by up to three spaces).
func footnoteLabel(mask string) (string, bool) {
	t := strings.TrimLeft(mask, " ")
	if len(mask)-len(t) > 3 || !strings.HasPrefix(t, "[^") {
		return "", false
	}
	end := strings.Index(t, "]:")
	if end <= 2 {
		return "", false
	}
	label := t[2:end]
	if strings.ContainsAny(label, " \t[]") {
		return "", false
	}
	return label, true
}

// isIndented reports a line indented by four columns or a tab: the
// continuation of a footnote's paragraphs.
func isIndented(s string) bool {
	return strings.HasPrefix(s, "\t") || strings.HasPrefix(s, "    ")
}

// isLazyLine reports a line of plain text, which continues the paragraph
// above it: not one that starts a block of its own (heading, quote, list
// item, fence, table row, another footnote).
func isLazyLine(mask string) bool {
	t := strings.TrimLeft(mask, " ")
	if t == "" {
		return false
	}
	switch t[0] {
	case '#', '>', '-', '*', '+', '|', '`', '~', '$':
		return false
	}
	if strings.HasPrefix(t, "[^") {
		return false
	}
	if _, item := itemPrefix(t); item {
		return false
	}
	return !isThematicBreak(t)
}

// WithFootnotes returns src (Markdown from n: a card side, or reading
// text) with the definitions of n's footnotes that src refers to and does
// not define appended, in the note's order, so that its render shows
// them. A reference that turns out to be in code costs nothing: the
// renderer drops a definition nothing refers to.
//
// It reads src once, whatever the number of footnotes: looking each
// footnote up in src was quadratic (1.4 MB of footnotes took half a
// minute).
func (n *Note) WithFootnotes(src string) string {
	if len(n.Footnotes) == 0 || !strings.Contains(src, "[^") {
		return src
	}
	index := n.footnoteIndex
	if index == nil {
		index = indexFootnotes(n.Footnotes)
	}
	var want []int // the footnotes src refers to, by index
	forEachRef(src, func(label string) {
		if i, ok := index[label]; ok {
			want = append(want, i)
		}
	})
	if len(want) == 0 {
		return src
	}
	slices.Sort(want)
	want = slices.Compact(want)
	defined := map[string]bool{}
	forEachDefinition(src, func(label string) { defined[label] = true })
	var b strings.Builder
	for _, i := range want {
		f := n.Footnotes[i]
		if defined[f.Label] {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(src)
		}
		b.WriteString("\n\n")
		b.WriteString(f.Text)
		// A definition may hold lines that look like others' definitions.
		forEachDefinition(f.Text, func(label string) { defined[label] = true })
	}
	if b.Len() == 0 {
		return src
	}
	return b.String()
}

// indexFootnotes maps each label to its first definition in fs.
func indexFootnotes(fs []Footnote) map[string]int {
	m := make(map[string]int, len(fs))
	for i, f := range fs {
		if _, ok := m[f.Label]; !ok {
			m[f.Label] = i
		}
	}
	return m
}

// forEachRef calls fn with the label of every "[^label]" in src, in
// one pass (a label has no blank, bracket or line break).
func forEachRef(src string, fn func(label string)) {
	for i := 0; ; {
		j := strings.Index(src[i:], "[^")
		if j < 0 {
			return
		}
		start := i + j + 2
		k := start
		for k < len(src) && !strings.ContainsRune(" \t\n[]", rune(src[k])) {
			k++
		}
		if k < len(src) && src[k] == ']' && k > start {
			fn(src[start:k])
		}
		i = k // a '[' there may open the next reference
	}
}

// forEachDefinition calls fn with the label of every line of src that
// starts, after spaces, with "[^label]:".
func forEachDefinition(src string, fn func(label string)) {
	for line := range strings.Lines(src) {
		t := strings.TrimLeft(line, " ")
		if !strings.HasPrefix(t, "[^") {
			continue
		}
		end := strings.IndexAny(t[2:], "]\n")
		if end > 0 && t[2+end] == ']' && strings.HasPrefix(t[2+end+1:], ":") {
			fn(t[2 : 2+end])
		}
	}
}
