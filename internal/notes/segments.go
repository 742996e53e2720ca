package notes

import "strings"

// segments splits Body into reading text and card segments that cover it
// in order without overlap. Card segments come from the blocks (already
// in source order and disjoint, because every card claims its lines);
// the gaps between them are reading text.
func (p *parser) segments() []Segment {
	if len(p.lines) == 0 {
		return nil // an empty Body has no segments
	}
	segs := make([]Segment, 0, 2*len(p.blocks)+1)
	idx := make([]int, len(p.cards)) // every segment's Cards is a piece of idx
	for k := range idx {
		idx[k] = k
	}
	next := 0                 // first body line not yet in a segment
	reading := func(to int) { // lines next..to-1
		if to <= next {
			return
		}
		segs = append(segs, Segment{Text: p.bodyLines(next, to-1), Line: p.base + next, LastLine: p.base + to - 1})
		next = to
	}
	ci := 0
	for _, b := range p.blocks {
		reading(b.start)
		n := b.n
		segs = append(segs, Segment{Line: p.base + b.start, LastLine: p.base + b.end, Cards: idx[ci : ci+n : ci+n],
			Container: p.containerPrefix(b.start), Question: p.cards[b.first].flipQ, Answer: p.cards[b.first].flipA})
		ci += n
		next = b.end + 1
	}
	reading(len(p.lines))
	return segs
}

// bodyLines returns body lines from..to, each with the newline that
// follows it in Body (the last line of Body may have none): a piece of
// Body, as the lines are consecutive there.
func (p *parser) bodyLines(from, to int) string {
	end := p.lines[to].off + len(p.lines[to].text)
	if end < len(p.n.Body) {
		end++ // the newline after line to
	}
	return p.n.Body[p.lines[from].off:end]
}

// containerPrefix returns the blockquote markers, indentation and list
// marker that body line i starts with (see Segment.Container).
func (p *parser) containerPrefix(i int) string {
	l := &p.lines[i]
	if l.code {
		// A fence opening the card (a code question): only its indentation
		// and quote markers.
		return l.text[:len(l.text)-len(strings.TrimLeft(l.text, " \t>"))]
	}
	n, _ := itemPrefix(l.mask)
	// A task box ("- [ ] Q #card") is the item's text to goldmark, not
	// a container: a card slot after it would be read as text.
	if t := trimRightBlanks(l.mask[:n]); len(t) >= 3 && t[len(t)-3] == '[' && t[len(t)-1] == ']' {
		n = len(t) - 3
	}
	return l.text[:n]
}
