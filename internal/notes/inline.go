package notes

import "strings"

// Inline cards: "Question::Answer" (basic) and "Question:::Answer" (a
// reversed pair) on one line, list items allowed. They are only read in
// notes that have a deck (cards-deck or a #flashcards tag), because "::"
// is common in other text. To stay clear of code and Dataview:
//   - masked code and math never hold a separator (see scan.go);
//   - a separator glued to word characters on both sides is code-like
//     ("std::cout", "Foo::bar", "fe80::1") and is skipped; write
//     "Q :: A" or "Q:: A" for cards whose two sides are plain words;
//   - a one-word question glued to the separator is a Dataview field
//     ("key:: value"), and so is a key right after '[' or '('
//     ("[key:: value]"): no card; "Hund :: dog" is a card;
//   - headings and table rows are not read.

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// findInlineSep returns the offset and width (2 or 3) of the first card
// separator in a masked line.
func findInlineSep(mask string) (at, width int, ok bool) {
	pre, _ := itemPrefix(mask)
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
		left := strings.TrimSpace(mask[pre:i])
		right := strings.TrimSpace(mask[i+n:])
		if left == "" || right == "" {
			i += n
			continue
		}
		if i > 0 && i+n < len(mask) && isWordByte(mask[i-1]) && isWordByte(mask[i+n]) {
			i += n // glued: std::cout
			continue
		}
		glued := i > 0 && mask[i-1] != ' ' && mask[i-1] != '\t'
		if glued && !strings.ContainsAny(left, " \t") {
			return 0, 0, false // Dataview "key:: value"
		}
		if w := left[strings.LastIndexAny(left, " \t")+1:]; w != "" && (w[0] == '[' || w[0] == '(') {
			return 0, 0, false // Dataview "[key:: value]"
		}
		return i, n, true
	}
	return 0, 0, false
}

func (p *parser) inlineCard(i, at, width int) {
	l := &p.lines[i]
	pre, _ := itemPrefix(l.mask)
	q := strings.TrimSpace(l.text[pre:at])
	rest := line{text: l.text[at+width:], mask: l.mask[at+width:]}
	a, bid := stripBlockID(&rest)
	a = strings.TrimSpace(a)
	end, id := p.lineBlockID(i, bid)
	c := p.newCard(KindInline, i, q, a, nil)
	c.BlockID = id
	if width == 3 {
		front, back := pair(c)
		p.addBlock(i, end, front, back)
		return
	}
	p.addBlock(i, end, c)
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
