package notes

import "strings"

// Inline cards: "Question::Answer" (basic) and "Question:::Answer" (a
// reversed pair) on one line, list items allowed. "::" is common in other
// text, so how much a line must show depends on what marks it as a card:
//   - masked code and math never hold a separator (see scan.go), and
//     headings and table rows are not read;
//   - a line that carries a card tag ("Q::A #card", "Q::A #flashcards")
//     is a card by the author's word: any separator between text counts,
//     and the tags are not part of the answer;
//   - in a note tagged as a flashcard note (#flashcards in its frontmatter
//     tags or on a line) the Spaced Repetition plugin reads every "Q::A",
//     so a separator glued to words counts too;
//   - elsewhere (a note with a cards-deck, no tag on the line) a
//     separator glued to word characters on both sides is code-like
//     ("std::cout", "Foo::bar", "fe80::1") and is skipped: write "Q :: A"
//     or "Q:: A" for cards whose two sides are plain words;
//   - unless the line carries a card tag, Dataview fields are not cards: a
//     lone "key:: value" whose key is one word glued to the separator, and
//     "[key:: value]" or "(key:: value)" inside text. A question that ends
//     in "(abbr)" or "[[Link]]" is no Dataview key: "term (abbr) :: x" is
//     a card.
// Untagged lines are only read in notes that have a deck (cards-deck or a
// #flashcards tag).

// sepRule is how much a line must show for a "::" to be a card separator.
type sepRule uint8

const (
	sepSpaced sepRule = iota // no glued word::word, no Dataview fields
	sepLoose                 // a flashcard note: word::word counts, Dataview fields do not
	sepTagged                // a card-tagged line: any separator between text
)

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// findInlineSep returns the offset and width (2 or 3) of the first card
// separator in a masked line whose card text starts at pre (after a list
// marker).
func findInlineSep(mask string, pre int, rule sepRule) (at, width int, ok bool) {
	body := strings.TrimSpace(mask[pre:])
	if body == "" || body[0] == '|' {
		return 0, 0, false
	}
	for i := pre; i < len(mask); {
		j := strings.IndexByte(mask[i:], ':')
		if j < 0 {
			return 0, 0, false
		}
		i += j
		n := runLen(mask, i, ':')
		if n != 2 && n != 3 {
			i += n
			continue
		}
		if isBlank(mask[pre:i]) || isBlank(mask[i+n:]) {
			i += n
			continue
		}
		if rule == sepSpaced && i > 0 && i+n < len(mask) && isWordByte(mask[i-1]) && isWordByte(mask[i+n]) {
			i += n // glued: std::cout
			continue
		}
		if rule != sepTagged && dataviewField(mask, pre, i, n, rule) {
			return 0, 0, false
		}
		return i, n, true
	}
	return 0, 0, false
}

// dataviewField reports whether the separator at mask[i:i+n] is that of a
// Dataview inline field: its key is one word glued to the separator,
// either the whole question ("rating:: 5") or right after an opening '['
// or '(' that closes later on the line ("text [rating:: 5] text"). In a
// flashcard note a lone field needs Dataview's space after the separator,
// so that the plugin's "Hund::dog" stays a card.
func dataviewField(mask string, pre, i, n int, rule sepRule) bool {
	if i == 0 || isBlankByte(mask[i-1]) {
		return false
	}
	k := i
	for k > pre && !isBlankByte(mask[k-1]) {
		k--
	}
	key := mask[k:i]
	if open := key[0]; open == '[' || open == '(' {
		closer := byte(']')
		if open == '(' {
			closer = ')'
		}
		return isFieldKey(key[1:]) && strings.IndexByte(mask[i+n:], closer) >= 0
	}
	if k != pre || !isFieldKey(key) {
		return false
	}
	return rule == sepSpaced || (i+n < len(mask) && isBlankByte(mask[i+n]))
}

// isFieldKey reports a Dataview key written as one word: no brackets,
// which is what keeps "[[Link]]" and "(abbr)" questions cards.
func isFieldKey(key string) bool {
	return key != "" && !strings.ContainsAny(key, "[]()")
}

// inlineLine is the inline card a line holds.
type inlineLine struct {
	start, end int // the card's text in the line: after the list marker and a leading #flashcards tag, before a tag run that marks it
	at, width  int // the separator
	tags       []string
	reverse    bool   // a card-reverse tag asks for a pair
	id         string // a 13-digit block id after the tag run
}

// findInline reads the inline card of line i, if it holds one.
func (p *parser) findInline(i int) (inlineLine, bool) {
	l := &p.lines[i]
	inf := &p.info[i]
	c := inlineLine{end: len(l.mask)}
	c.start, _ = itemPrefix(l.mask)
	if inf.deckTag {
		c.start = skipFlashcardsTag(l.mask, c.start)
	}
	rule := sepSpaced
	if p.flashcardNote {
		rule = sepLoose
	}
	switch {
	case inf.hasTail:
		if inf.tail.kind == tagSpaced {
			return c, false // a prompt without an answer, by the author's word
		}
		rule = sepTagged
		c.end, c.tags, c.reverse = max(c.start, inf.tail.textEnd), inf.tail.tags, inf.tail.kind == tagReverse
		c.id = p.tagLineID(i)
	case inf.deckTag:
		rule = sepTagged
		if end, tags, id, ok := flashcardsTail(l.mask, l.text); ok {
			c.end, c.tags, c.id = max(c.start, end), tags, id
		}
	case !p.deckSet:
		return c, false
	}
	at, width, ok := findInlineSep(l.mask[:c.end], c.start, rule)
	c.at, c.width = at, width
	return c, ok
}

// skipFlashcardsTag skips a #flashcards tag that starts a card line
// ("#flashcards/science Q::A"): the Spaced Repetition plugin reads it as
// the card's deck (classify has already set it), not as question text.
func skipFlashcardsTag(mask string, start int) int {
	k := start
	for k < len(mask) && !isBlankByte(mask[k]) {
		k++
	}
	if _, ok := flashcardsDeck(strings.TrimPrefix(mask[start:k], "#")); !ok || !isTagToken(mask[start:k]) {
		return start
	}
	for k < len(mask) && isBlankByte(mask[k]) {
		k++
	}
	return k
}

// flashcardsTail reads a run of tags that ends a line and holds a
// #flashcards tag ("Q::A #flashcards #bio ^1700000000000"): where the run
// starts, its other tags and a 13-digit block id after it.
func flashcardsTail(mask, text string) (end int, tags []string, id string, ok bool) {
	end = len(trimRightBlanks(mask))
	if bid, start, found := trailingBlockID(mask); found && start > 0 {
		end = len(trimRightBlanks(mask[:start]))
		if is13Digits(bid) {
			id = bid
		}
	}
	runEnd := end
	for end > 0 {
		k, isTag := lastTagToken(mask, end)
		if !isTag {
			break
		}
		if _, fc := flashcardsDeck(mask[k+1 : end]); fc {
			ok = true
		} else {
			tags = append(tags, text[k+1:end])
		}
		end = len(trimRightBlanks(mask[:k]))
	}
	if !ok || end == runEnd {
		return 0, nil, "", false
	}
	for a, b := 0, len(tags)-1; a < b; a, b = a+1, b-1 {
		tags[a], tags[b] = tags[b], tags[a]
	}
	return end, tags, id, true
}

func (p *parser) inlineCard(i int, c inlineLine) {
	l := &p.lines[i]
	q := strings.TrimSpace(l.text[c.start:c.at])
	rest := line{text: l.text[c.at+c.width : c.end], mask: l.mask[c.at+c.width : c.end]}
	a, bid := stripBlockID(&rest)
	a = strings.TrimSpace(a)
	if c.id != "" {
		bid = c.id
	}
	end, id := p.lineBlockID(i, bid)
	card := p.newCard(KindInline, i, q, a, c.tags)
	card.BlockID = id
	if c.width == 3 || c.reverse {
		front, back := pair(card)
		p.addBlock(i, end, front, back)
		return
	}
	p.addBlock(i, end, card)
}

// lineBlockID settles the block id of a one-line card: a 13-digit id at
// the end of the line, else a block-id line right below (claimed with the
// card so that it does not show as text).
func (p *parser) lineBlockID(i int, trailing string) (end int, id string) {
	if is13Digits(trailing) {
		return i, trailing
	}
	if i+1 < len(p.lines) && !p.claimed[i+1] {
		if bid, ok := blockIDLine(&p.lines[i+1]); ok {
			return i + 1, bid
		}
	}
	return i, ""
}
