package notes

import "strings"

// segments splits Body into reading text and card segments that cover it
// in order without overlap. Card segments come from the blocks (already
// in source order and disjoint, because every card claims its lines);
// the gaps between them are reading text.
func (p *parser) segments() []Segment {
	var segs []Segment
	next := 0                 // first body line not yet in a segment
	reading := func(to int) { // lines next..to-1
		if to <= next {
			return
		}
		var b strings.Builder
		for k := next; k < to; k++ {
			b.WriteString(p.lines[k].text)
			if k < len(p.lines)-1 || strings.HasSuffix(p.n.Body, "\n") {
				b.WriteByte('\n')
			}
		}
		segs = append(segs, Segment{Text: b.String(), Line: p.base + next, LastLine: p.base + to - 1})
		next = to
	}
	ci := 0
	for _, b := range p.blocks {
		reading(b.start)
		idx := make([]int, len(b.cards))
		for k := range idx {
			idx[k] = ci + k
		}
		ci += len(b.cards)
		segs = append(segs, Segment{Line: p.base + b.start, LastLine: p.base + b.end, Cards: idx})
		next = b.end + 1
	}
	reading(len(p.lines))
	return segs
}
