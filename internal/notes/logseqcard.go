package notes

import "strings"

// The cards of a Logseq page (see logseq.go): a block tagged as a card
// asks its text and answers with its child blocks; a block holding
// {{cloze}} spans hides them all at once.

// logseqClozes returns the {{cloze text}} spans of a masked line, all
// numbered 1: Logseq hides every cloze of a block at once.
func logseqClozes(mask string) []clozeSpan {
	var spans []clozeSpan
	for i := 0; ; {
		j := strings.Index(mask[i:], "{{cloze ")
		if j < 0 {
			return spans
		}
		from := i + j + len("{{cloze ")
		k := strings.Index(mask[from:], "}}")
		if k < 0 {
			return spans
		}
		to := from + k
		if t := mask[from:to]; strings.TrimSpace(t) != "" && !strings.ContainsAny(t, "{}") {
			// The hidden text without the blanks around it.
			f, e := from, to
			for f < e && (mask[f] == ' ' || mask[f] == '\t') {
				f++
			}
			for e > f && (mask[e-1] == ' ' || mask[e-1] == '\t') {
				e--
			}
			spans = append(spans, clozeSpan{start: i + j, end: to + 2, from: f, to: e, num: 1})
		}
		i = to + 2
	}
}

// logseqHead is what the line holding a Logseq card's tag or clozes says
// of the card.
type logseqHead struct {
	item    bool        // the line is the block's first line, a list item
	pre     int         // where the block's text starts in its first line
	textEnd int         // where the question's text ends in the tag line
	kind    tagKind     // the card tag's kind, tagNone for a cloze block
	tags    []string    // the tag line's other tags
	spans   []clozeSpan // the {{cloze}} spans of a list item's line
}

// logseqBlock makes the card of the block at line i of a Logseq page, if
// it is one (tagged as a card, or holding clozes), and reports whether
// it did. The tag may also end a later line of the block's text; the
// card then starts at the block's first line, above.
func (p *parser) logseqBlock(i int) bool {
	h, ok := p.readLogseqHead(i)
	if !ok {
		return false
	}
	b := i // the block's first line
	if !h.item {
		b = p.walkUp(i, true)
		pb, ok := itemPrefix(p.lines[b].mask)
		if !ok || b == i || leadingWidth(p.lines[b].text) >= leadingWidth(p.lines[i].text) {
			return false // a tagged paragraph: read as a paragraph card
		}
		h.pre = pb
	}
	cont, last, firstChild := p.logseqExtent(b, i)
	q := p.logseqQuestion(b, i, cont, &h)
	if q == "" && len(h.spans) == 0 {
		return false // a lone tag: the paragraph card rules decide
	}
	a := ""
	if firstChild >= 0 {
		a = p.logseqText(firstChild, last)
		// One child block is the answer itself, not a list of one.
		if n, _ := itemPrefix(a); n > 0 && !strings.Contains(a, "\n") {
			a = a[n:]
		}
	}
	fixed := ""
	if u := p.logseq.blockUUID[b]; u != "" {
		fixed = "l" + u
	}

	if len(h.spans) > 0 {
		p.addLogseqClozes(i, cont, last, &h, a, fixed)
		return true
	}
	if h.kind == tagSpaced {
		c := p.newCard(KindSpaced, b, q, "", h.tags)
		c.fixedID = fixed
		p.addBlock(b, cont, c)
		return true
	}
	c := p.newCard(KindBasic, b, q, a, h.tags)
	c.fixedID = fixed
	if firstChild >= 0 {
		c.AnswerLine = p.base + firstChild
	}
	if a == "" {
		p.warnEmpty(b, q)
	}
	if h.kind == tagReverse {
		front, back := pair(c)
		p.addBlock(b, last, front, back)
		return true
	}
	p.addBlock(b, last, c)
	return true
}

// readLogseqHead reads line i as the line of a Logseq card: a card tag
// ending or starting its text, or clozes in a list item. ok is false
// when it is neither.
func (p *parser) readLogseqHead(i int) (h logseqHead, ok bool) {
	l := &p.lines[i]
	inf := &p.info[i]
	if inf.level > 0 {
		return h, false // a heading card is read as such
	}
	h.pre, h.item = itemPrefix(l.mask)
	h.textEnd = len(trimRightBlanks(l.mask))
	h.kind = tagNone
	if inf.hasTail {
		h.kind, h.textEnd, h.tags = inf.tail.kind, inf.tail.textEnd, inf.tail.tags
	} else if _, start, ok := trailingBlockID(l.mask); ok {
		h.textEnd = len(trimRightBlanks(l.mask[:start]))
	}
	// A heading block ("- ## What is X? #card") asks its text.
	if h.item {
		if lv, from, _ := headingOf(l.mask[h.pre:]); lv > 0 {
			h.pre += from
		}
	}
	// Logseq also takes a tag before the text: "#card What is X?".
	if h.kind == tagNone {
		if k, kd := p.leadingCardTag(l.mask, h.pre); kd != tagNone {
			h.kind, h.pre = kd, k
		}
	}
	h.textEnd = max(h.textEnd, h.pre)
	if h.item {
		h.spans = logseqClozes(l.mask[:h.textEnd])
	}
	return h, h.kind != tagNone || len(h.spans) > 0
}

// logseqExtent finds the other lines of the block that starts at line b
// and whose tag is on line i: continuation lines of its text, then its
// child blocks, up to a line indented no deeper than its marker. A child
// that is itself a card ends the answer (segments cannot nest). It
// returns the last line of the text, the last line of the block and the
// first child's line (-1 when there is none).
func (p *parser) logseqExtent(b, i int) (cont, last, firstChild int) {
	indent := leadingWidth(p.lines[b].text)
	cont, last = i, i
	firstChild = -1
	for j := i + 1; j < len(p.lines); j++ {
		lj := &p.lines[j]
		if lj.code && !lj.opens {
			last = j
			continue
		}
		if lj.blank() {
			continue // also the lines of removed properties
		}
		if leadingWidth(lj.text) <= indent || p.info[j].level > 0 {
			break
		}
		if _, childItem := itemPrefix(lj.mask); childItem && !lj.code {
			if p.info[j].hasTail || len(logseqClozes(lj.mask)) > 0 || p.startsLogseqCard(j) {
				break
			}
			if firstChild < 0 {
				firstChild = j
			}
		} else if firstChild < 0 {
			cont = j
		}
		last = j
	}
	if firstChild < 0 {
		cont = last
	}
	return cont, last, firstChild
}

// logseqQuestion is the question of the block at lines b..cont with its
// tag on line i: the block's text, from the first line's text (after
// the marker and a leading tag) to the tag line's text before the tag.
func (p *parser) logseqQuestion(b, i, cont int, h *logseqHead) string {
	qlines := make([]string, 0, cont-b+1)
	for k := b; k <= cont; k++ {
		lk := &p.lines[k]
		t := lk.text
		switch {
		case k == i:
			t = t[:h.textEnd]
		case lk.code:
			qlines = append(qlines, t)
			continue
		case lk.blank() || anyBlockIDLine(lk):
			continue
		default:
			t, _ = stripBlockID(lk)
		}
		if k == b {
			t = t[min(h.pre, len(t)):]
		}
		qlines = append(qlines, trimRightBlanks(t))
	}
	return joinTrim(append(qlines[:1], dedent(qlines[1:])...))
}

// addLogseqClozes adds the cloze cards of the block whose first line, i,
// holds the clozes, with answer a (its child blocks).
func (p *parser) addLogseqClozes(i, cont, last int, h *logseqHead, a, fixed string) {
	if cont > i {
		// Clozes are read on the block's first line; its continuation
		// lines show with the answer.
		a = strings.TrimSpace(p.logseqText(i+1, cont) + "\n\n" + a)
	}
	cards := p.clozeCards(i, p.lines[i].text[:h.textEnd], h.pre, h.spans, "")
	for k := range cards {
		c := &cards[k]
		c.fixedID = fixed
		if a != "" {
			c.appendAnswer("\n\n" + a)
		}
		if len(h.tags) > 0 {
			c.Tags = dedupe(append(append([]string(nil), h.tags...), c.Tags...))
		}
	}
	p.addBlock(i, last, cards...)
}

// leadingCardTag reads a card tag as the first word of a block's text
// (mask[pre:]): the offset of the text after it, and the tag's kind.
func (p *parser) leadingCardTag(mask string, pre int) (int, tagKind) {
	k := strings.IndexAny(mask[pre:], " \t")
	if k < 0 {
		k = len(mask) - pre
	}
	tok := mask[pre : pre+k]
	if !isTagToken(tok) {
		return pre, tagNone
	}
	kd := p.tags.kind(tok[1:])
	if kd == tagNone {
		return pre, tagNone
	}
	k += pre
	for k < len(mask) && (mask[k] == ' ' || mask[k] == '\t') {
		k++
	}
	return k, kd
}

// startsLogseqCard reports a block line whose first word is a card tag.
func (p *parser) startsLogseqCard(j int) bool {
	m := p.lines[j].mask
	pre, _ := itemPrefix(m)
	_, kd := p.leadingCardTag(m, pre)
	return kd != tagNone
}

// logseqText joins lines from..to of a block as Markdown: blank lines
// (those of removed properties; Logseq writes no others between blocks)
// dropped, block ids removed, the common indentation taken off.
func (p *parser) logseqText(from, to int) string {
	out := make([]string, 0, to-from+1)
	for k := from; k <= to; k++ {
		l := &p.lines[k]
		switch {
		case l.code:
			out = append(out, l.text)
		case l.blank() || anyBlockIDLine(l):
		default:
			t, _ := stripBlockID(l)
			out = append(out, t)
		}
	}
	return joinTrim(dedent(out))
}

// leadingWidth is the width of a line's indentation (a tab counts 4).
func leadingWidth(s string) int { return indentOf(s, len(s)) }
