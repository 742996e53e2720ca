package notes

import "strings"

// Whole-note cards (FORMAT.md, Amendments): a card tag alone on the
// note's last line, after a blank line, or a card tag in the frontmatter
// tags of a note with no card in its body, makes the whole note one card.
// The question is the note's first heading when the body opens with one,
// else the note's title; the answer is the rest of the body.
//
// Without this, a tag alone at the end took the paragraph (or code block)
// above it as its question and had no answer at all.

// isWholeNoteTag reports that the card tag on line i stands alone on the
// note's last line after a blank line (or at the top of the body), with
// no other card in the note.
func (p *parser) isWholeNoteTag(i int) bool {
	l := &p.lines[i]
	inf := &p.info[i]
	if len(p.blocks) > 0 || inf.level > 0 || inf.tail.after != "" || strings.TrimSpace(l.mask[:inf.tail.textEnd]) != "" {
		return false
	}
	if i > 0 && !p.lines[i-1].blank() {
		return false // the tag marks the lines right above it
	}
	for j := i + 1; j < len(p.lines); j++ {
		if !p.lines[j].blank() {
			return false
		}
	}
	return true
}

// wholeNoteCard makes the whole body one card; the lines from tagLine on
// (the tag, when it came from the body) are not part of the answer. It
// reports whether the note had anything to ask about.
func (p *parser) wholeNoteCard(tagLine int, kind tagKind, tags []string) bool {
	first := 0
	for first < tagLine && p.lines[first].blank() {
		first++
	}
	q, from := p.n.Title, first
	if first < tagLine && p.info[first].level > 0 && !p.lines[first].code {
		inf := &p.info[first]
		if h := strings.TrimSpace(p.lines[first].text[inf.hFrom:inf.hTo]); h != "" {
			q, from = h, first+1
		}
	}
	if q == "" {
		return false
	}
	a := p.answerText(from, tagLine-1, false, 0)
	if kind == tagSpaced {
		a = ""
	}
	c := p.newCard(KindBasic, first, q, a, tags)
	if kind == tagSpaced {
		c.Kind = KindSpaced
	}
	c.AnswerLine = p.answerLine(from, tagLine-1)
	c.Context = nil // the question is the note itself
	if a == "" && kind != tagSpaced {
		p.warnEmpty(first, q)
	}
	last := len(p.lines) - 1
	if kind == tagReverse {
		front, back := pair(c)
		p.addBlock(0, last, front, back)
		return true
	}
	p.addBlock(0, last, c)
	return true
}

// frontmatterCardTag returns the kind of the first card tag among the
// note's frontmatter tags, or tagNone.
func (p *parser) frontmatterCardTag() tagKind {
	for _, t := range p.n.Tags {
		if k := p.tags.kind(strings.TrimPrefix(t, "#")); k != tagNone {
			return k
		}
	}
	return tagNone
}
