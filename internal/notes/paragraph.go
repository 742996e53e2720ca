package notes

import (
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Paragraph cards: "Question? #card" on a plain line, or question lines
// followed by a line holding only the tag. The question is the paragraph
// ending with the tag; the answer is the following lines, skipping blank
// lines right after the tag, up to the first blank line, a 13-digit block
// id or the end of the file. Cards may sit in list items.

// questionRange returns the body lines of the question of the card tag on
// line i. For a tag-only line the question is the paragraph above; we also
// accept blank lines between that paragraph and the tag line, which the
// "﹇<br> question / blank / #card" fork style relies on.
func (p *parser) questionRange(i int) (qs, qe int, ok bool) {
	l := &p.lines[i]
	inf := &p.info[i]
	pre, _ := itemPrefix(l.mask)
	if pre > inf.tail.textEnd {
		pre = inf.tail.textEnd
	}
	if strings.TrimSpace(l.mask[pre:inf.tail.textEnd]) != "" {
		return p.walkUp(i, true), i, true
	}
	k := i - 1
	for k >= 0 && p.lines[k].blank() && !p.claimed[k] {
		k--
	}
	if k < 0 || p.claimed[k] {
		return 0, 0, false
	}
	if p.lines[k].admonition != 0 {
		return 0, 0, false // an admonition block's fence is no question
	}
	if p.lines[k].code {
		// "```…```" then a lone tag: the code block is the question.
		j := p.lines[k].codeStart
		for x := j; x <= k; x++ {
			if p.claimed[x] {
				return 0, 0, false
			}
		}
		return j, k, true
	}
	if p.stopsQuestion(k) {
		return 0, 0, false
	}
	return p.walkUp(k, true), k, true
}

// walkUp returns the first line of the paragraph whose last line is k.
// It stops at blank lines, headings, block ids, rules, other cards and,
// when items is set, at the start of the list item holding line k.
func (p *parser) walkUp(k int, items bool) int {
	start := k
	quote := p.lines[k].quoteDepth() // a paragraph does not cross into another quote level
	if _, item := itemPrefix(p.lines[k].mask); !(item && items) {
		for j := k - 1; j >= 0 && !p.stopsQuestion(j) && p.lines[j].quoteDepth() == quote; j-- {
			start = j
			if _, item := itemPrefix(p.lines[j].mask); item && items && !p.lines[j].code {
				break
			}
		}
	}
	// Layout wrappers such as "﹇<br>" are not part of the question.
	for start < k && !p.lines[start].code && isLayoutOnly(p.lines[start].mask) {
		start++
	}
	return start
}

func (p *parser) stopsQuestion(j int) bool {
	l := &p.lines[j]
	if p.claimed[j] {
		return true
	}
	if l.code {
		return true // a code block is its own block, not part of a paragraph
	}
	inf := &p.info[j]
	if l.blank() || inf.level > 0 || inf.hasTail || isThematicBreak(l.mask) || anyBlockIDLine(l) || isCalloutHeader(l.mask) {
		return true
	}
	if inf.deckTag {
		return true
	}
	if p.deckSet {
		// A "?" separator or an inline Q::A card is a card of its own.
		if t := strings.TrimSpace(quoteContent(l.mask)); t == "?" || t == "??" {
			return true
		}
		if _, ok := p.findInline(j); ok {
			return true
		}
	}
	return false
}

func (p *parser) paragraphCard(i int) {
	inf := &p.info[i]
	qs, qe, ok := p.questionRange(i)
	if !ok {
		p.warn(i, diag.KindSyntax, "card tag with no question above it: put the question on the tag's line or on the line right above it")
		return
	}
	q := p.questionText(qs, qe, i)
	if strings.TrimSpace(q) == "" {
		p.warn(i, diag.KindSyntax, "card tag with no question: put the question before the tag")
		return
	}
	if inf.tail.kind == tagSpaced {
		end, id := i, ""
		if i+1 < len(p.lines) {
			if bid, ok := blockIDLine(&p.lines[i+1]); ok {
				end, id = i+1, bid
			}
		}
		c := p.newCard(KindSpaced, qs, q, "", inf.tail.tags)
		c.BlockID = id
		p.addBlock(qs, end, c)
		return
	}
	end, ansEnd, id := p.answerRange(i)
	a := p.answerText(i+1, ansEnd, true, p.lines[i].quoteDepth())
	answerLine := p.answerLine(i+1, ansEnd)
	if inf.tail.after != "" {
		// Embeds after the tag start the answer, on the tag's line.
		a, answerLine = joinAnswer(inf.tail.after, a), p.base+i
	}
	c := p.newCard(KindBasic, qs, q, a, inf.tail.tags)
	c.AnswerLine = answerLine
	c.BlockID = id
	if id == "" {
		c.BlockID = p.tagLineID(i)
	}
	if a == "" {
		p.warnEmpty(qs, q)
	}
	if inf.tail.kind == tagReverse {
		front, back := pair(c)
		p.addBlock(qs, end, front, back)
		return
	}
	p.addBlock(qs, end, c)
}

// questionText joins question lines qs..qe; when the tag is on line qe
// (tagLine == qe) the tag run is cut off. A list marker on the first
// line is dropped: the question is shown on its own.
func (p *parser) questionText(qs, qe, tagLine int) string {
	if qs == qe {
		// One line (most questions): joinTrim of it, without a slice.
		if t := p.questionLine(qs, qs, tagLine); !isBlank(t) {
			return trimRightBlanks(t)
		}
		return ""
	}
	out := make([]string, 0, qe-qs+1)
	for k := qs; k <= qe; k++ {
		out = append(out, p.questionLine(k, qs, tagLine))
	}
	out = append(out[:1], dedent(out[1:])...)
	return joinTrim(out)
}

// questionLine returns line k of a question that starts on line qs.
func (p *parser) questionLine(k, qs, tagLine int) string {
	l := &p.lines[k]
	t := l.text
	if k == tagLine {
		t = trimRightBlanks(t[:p.info[k].tail.textEnd])
	} else if !l.code {
		t, _ = stripBlockID(l)
	}
	if k == qs {
		if !l.code {
			if n, _ := itemPrefix(l.mask); n <= len(t) {
				t = t[n:]
			}
		}
	} else if quote := p.lines[qs].quoteDepth(); quote > 0 {
		t = stripQuote(t, quote)
	}
	if !l.code {
		t = trimRightBlanks(t)
	}
	return t
}

// answerRange scans the answer of a paragraph (or multi-line) card whose
// question ends on line i. It returns the segment's last line, the
// answer's last line and the 13-digit block id that ended it, if any.
// Besides FORMAT.md's ends, a heading or another card tag line also ends
// the answer: neither can continue a paragraph.
func (p *parser) answerRange(i int) (end, ansEnd int, id string) {
	// A card in a callout owns the callout's later lines; a card in a
	// list item owns its indented continuation, not the next item of the
	// same list nor what follows the list (container.go).
	quote := p.lines[i].quoteDepth()
	itemIndent := -1
	if qs := p.walkUp(i, true); qs <= i {
		s := stripQuote(p.lines[qs].mask, quote)
		if n, item := itemPrefix(s); item {
			itemIndent = indentOf(s, n)
		}
	}
	j := i + 1
	if j < len(p.lines) && p.lines[j].blank() {
		if (quote > 0 && itemIndent < 0) || (itemIndent >= 0 && !p.itemContinues(j, itemIndent, quote)) {
			return i, i, "" // the container ends with the question
		}
		if p.info[i].tail.after != "" {
			return i, i, "" // the answer began on the tag's line and ends there
		}
		for j < len(p.lines) && p.lines[j].blank() {
			j++
		}
	}
	inner := 0 // admonition blocks the answer has opened
	ansEnd = i
	for ; j < len(p.lines); j++ {
		l := &p.lines[j]
		if quote > 0 && l.quoteDepth() < quote && !l.blank() && !p.lazyLine(j) {
			break
		}
		if l.code {
			if leavesAdmonition(l, &inner) {
				break
			}
			ansEnd = j
			continue
		}
		inf := &p.info[j]
		if l.blank() {
			if itemIndent >= 0 && p.itemContinues(j, itemIndent, quote) {
				continue
			}
			break
		}
		if inf.level > 0 || inf.hasTail {
			break
		}
		if itemIndent >= 0 {
			s := stripQuote(l.mask, quote)
			if n, item := itemPrefix(s); item && indentOf(s, n) <= itemIndent {
				break
			}
		}
		if bid, ok := blockIDLine(l); ok {
			return j, ansEnd, bid
		}
		ansEnd = j
		if bid, _, ok := trailingBlockID(l.mask); ok && is13Digits(bid) {
			return j, j, bid
		}
	}
	return ansEnd, ansEnd, ""
}

// answerBelow reports whether answer lines follow tag line i right
// below it (no blank line between).
func (p *parser) answerBelow(i int) bool {
	if i+1 >= len(p.lines) || p.lines[i+1].blank() {
		return false
	}
	_, ansEnd, _ := p.answerRange(i)
	return ansEnd > i
}

// isCalloutHeader reports "> [!note] Title": a callout's title line is not
// part of a question inside it.
func isCalloutHeader(mask string) bool {
	t := strings.TrimLeft(mask, " \t")
	if !strings.HasPrefix(t, ">") {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(t, " \t>"), "[!")
}

// indentOf measures the indentation before a list marker (a tab counts 4).
func indentOf(s string, limit int) int {
	n := 0
	for i := 0; i < limit && i < len(s); i++ {
		switch s[i] {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// leavesAdmonition reports that line l closes the admonition block an
// answer started in; inner counts the blocks the answer itself opened
// before l (it holds them whole).
func leavesAdmonition(l *line, inner *int) bool {
	*inner += int(l.admonition)
	return *inner < 0
}

// joinAnswer puts first (embeds from the tag's line) before the answer
// lines rest, as the next line of the same paragraph.
func joinAnswer(first, rest string) string {
	if rest == "" {
		return first
	}
	return first + "\n" + rest
}
