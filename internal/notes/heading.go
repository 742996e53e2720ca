package notes

import (
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Heading cards: "## Question #card" (the seed's form). The answer runs
// from the line after the heading up to the first of
//  1. a heading of the same or a higher level,
//  2. a heading that is itself a card (at any level: the seed nests
//     "### … #card" under "## … #card" and each is its own card),
//  3. a 13-digit block-id line (kept in the segment, not in the answer),
//  4. the end of the file.
// Blank lines, tables, lists, code and plain lower headings belong to the
// answer. We add two boundaries FORMAT.md does not list: a tag-marked
// paragraph card inside the range ends the answer before its question,
// and so does an Obsidian_to_Anki block, so that such a card is not
// swallowed (segments cannot nest).

func (p *parser) headingCard(i int, q string) {
	inf := &p.info[i]
	kind := inf.tail.kind
	if q == "" {
		p.warn(i, diag.KindSyntax, "heading holds a card tag but no question: write the question before the tag")
		return
	}
	if kind == tagSpaced {
		end, id := i, ""
		if i+1 < len(p.lines) {
			if bid, ok := blockIDLine(&p.lines[i+1]); ok {
				end, id = i+1, bid
			}
		}
		c := p.newCard(KindSpaced, i, q, "", inf.tail.tags)
		c.BlockID, c.HeadingLevel = id, inf.level
		p.addBlock(i, end, c)
		return
	}
	end, id := p.headingEnd(i, inf.level)
	ansEnd := end
	if id != "" {
		ansEnd = end - 1
	} else {
		for end > i && p.lines[end].blank() {
			end--
		}
		ansEnd = end
	}
	a := p.answerText(i+1, ansEnd, false, 0)
	c := p.newCard(KindBasic, i, q, a, inf.tail.tags)
	c.AnswerLine = p.answerLine(i+1, ansEnd)
	c.BlockID, c.HeadingLevel = id, inf.level
	if id == "" {
		c.BlockID = p.tagLineID(i)
	}
	if a == "" {
		p.warnEmpty(i, q)
	}
	if kind == tagReverse {
		front, back := pair(c)
		p.addBlock(i, end, front, back)
		return
	}
	p.addBlock(i, end, c)
}

// headingEnd returns the last line of a heading card's segment and, when
// the answer ends at a 13-digit block-id line, that id.
func (p *parser) headingEnd(i, level int) (end int, id string) {
	inner := 0 // admonition blocks the answer has opened
	for j := i + 1; j < len(p.lines); j++ {
		l := &p.lines[j]
		if l.code {
			if leavesAdmonition(l, &inner) {
				return j - 1, ""
			}
			continue
		}
		inf := &p.info[j]
		if inf.level > 0 {
			if inf.level <= level || inf.hasTail {
				return j - 1, ""
			}
			continue
		}
		if bid, ok := blockIDLine(l); ok {
			return j, bid
		}
		if end, _ := p.ankiBlockEnd(j); end >= 0 {
			return j - 1, "" // an Obsidian_to_Anki block is a card of its own
		}
		if inf.hasTail {
			if qs, _, ok := p.questionRange(j); ok {
				return qs - 1, ""
			}
			return j - 1, ""
		}
	}
	return len(p.lines) - 1, ""
}

// answerLine is the file line where answerText(from, to, …) starts: the
// first line it keeps that is not blank.
func (p *parser) answerLine(from, to int) int {
	for k := from; k <= to; k++ {
		l := &p.lines[k]
		if l.code || !l.blank() && !anyBlockIDLine(l) {
			return p.base + k
		}
	}
	return p.base + from
}

// answerText joins lines from..to as an answer: block-id lines dropped,
// trailing " ^ids" removed, leading and trailing blank lines trimmed;
// dedent removes a list item's indentation, and quote blockquote markers
// are removed from every line (the card sits in a callout).
func (p *parser) answerText(from, to int, indent bool, quote int) string {
	if from > to {
		return ""
	}
	if quote == 0 && p.linesAsWritten(from, to, indent) {
		return p.trimmedBodyLines(from, to)
	}
	out := make([]string, 0, to-from+1)
	for k := from; k <= to; k++ {
		l := &p.lines[k]
		if l.code {
			out = append(out, stripQuote(l.text, quote))
			continue
		}
		if anyBlockIDLine(l) {
			continue
		}
		t, _ := stripBlockID(l)
		out = append(out, stripQuote(t, quote))
	}
	if indent {
		out = dedent(out)
	}
	return joinTrim(out)
}

// linesAsWritten reports that answerText keeps lines from..to as they
// are: no block id to drop and, with indent, no indentation common to
// all of them. That is the usual case, and the answer is then a piece of
// Body.
func (p *parser) linesAsWritten(from, to int, indent bool) bool {
	prefix, first := "", true
	for k := from; k <= to; k++ {
		l := &p.lines[k]
		t := l.text
		if !l.code {
			if _, _, ok := trailingBlockID(l.mask); ok {
				return false // a block-id line, or a line ending in " ^id"
			}
		}
		if !indent || isBlank(t) {
			continue
		}
		ind := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
		if first {
			prefix, first = ind, false
			if prefix == "" {
				indent = false // nothing to remove
			}
			continue
		}
		j := 0
		for j < len(prefix) && j < len(ind) && prefix[j] == ind[j] {
			j++
		}
		if prefix = prefix[:j]; prefix == "" {
			indent = false
		}
	}
	return !indent || prefix == ""
}

// trimmedBodyLines is joinTrim of body lines from..to, cut from Body.
func (p *parser) trimmedBodyLines(from, to int) string {
	for from <= to && isBlank(p.lines[from].text) {
		from++
	}
	for to >= from && isBlank(p.lines[to].text) {
		to--
	}
	if from > to {
		return ""
	}
	end := p.lines[to].off + len(p.lines[to].text)
	return trimRightBlanks(p.n.Body[p.lines[from].off:end])
}
