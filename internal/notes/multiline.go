package notes

import "strings"

// Spaced Repetition multi-line cards (read in notes with a deck only):
//
//	question lines
//	?            (or ?? for a reversed pair)
//	answer lines
//
// ended by a blank line. The question is the paragraph above the
// separator; list items do not split it, since these cards often ask
// over a whole list.
func (p *parser) multiCard(i int, reversed bool) {
	if i == 0 || p.stopsQuestion(i-1) {
		return // a lone "?" is just text
	}
	qs := p.walkUp(i-1, false)
	q := p.questionText(qs, i-1, -1)
	if strings.TrimSpace(q) == "" {
		return
	}
	end, ansEnd, id := p.answerRange(i)
	a := p.answerText(i+1, ansEnd, true, p.lines[i].quoteDepth())
	c := p.newCard(KindMulti, qs, q, a, nil)
	c.AnswerLine = p.answerLine(i+1, ansEnd)
	c.BlockID = id
	if a == "" {
		p.warnEmpty(qs, q)
	}
	if reversed {
		front, back := pair(c)
		p.addBlock(qs, end, front, back)
		return
	}
	p.addBlock(qs, end, c)
}
