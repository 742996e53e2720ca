package notes

import (
	"sort"
	"strconv"
	"strings"
)

// Cloze cards: "{text}", "{N:text}" (N one digit) and Anki's
// "{{cN::text}}" or "{{cN::text::hint}}"; with Options.HighlightCloze
// also "==text==". Each number (each unnumbered span on its own) is one
// card hiding its spans.
//
// Braces are common outside flashcards (LaTeX written without $, code in
// prose, set notation), so we are conservative:
//   - cloze lines are only read in notes that hold cards: a deck
//     (cards-deck or #flashcards) or at least one card tag;
//   - only lines that no other card holds (a cloze-looking line inside a
//     heading card's answer is answer text);
//   - braces in code and math are masked away before we look;
//   - "{text}" must not follow a word character or one of \ ^ _ $ { } % #
//     (\frac{a}{b}, x^{2}, a_{i}) nor be followed by a word character or
//     '{'; its text may not start or end with a space ("{ return x; }")
//     or hold braces;
//   - a numbered cloze's number hugs the brace ("{1:text}"), which is
//     signal enough to trim spaces around its text: "{1: text}" and
//     "{1:text }" are what people type, and "{ 1:text}" stays text like
//     any "{ spaced }" braces;
//   - a brace that is literal text is no delimiter: an escaped "\{" and
//     a brace that is the whole of an emphasis span ("*{*", "**}**"),
//     the usual way to show a brace in prose without code.

type clozeSpan struct {
	start, end int // the whole span in the line
	from, to   int // the hidden text
	hint       string
	num        int // 0: unnumbered
}

func clozePrevOK(mask string, i int) bool {
	if i == 0 {
		return true
	}
	c := mask[i-1]
	if isWordByte(c) {
		return false
	}
	switch c {
	case '\\', '^', '_', '$', '{', '}', '%', '#', maskByte:
		return false
	}
	return true
}

func clozeNextOK(mask string, j int) bool {
	return j >= len(mask) || !(isWordByte(mask[j]) || mask[j] == '{')
}

// findClozes returns the cloze spans of a masked line, in order.
func (p *parser) findClozes(mask string) []clozeSpan {
	if strings.IndexByte(mask, '{') < 0 && !(p.opt.HighlightCloze && strings.Contains(mask, "==")) {
		return nil
	}
	var spans []clozeSpan
	for i := 0; i < len(mask); {
		c := mask[i]
		switch {
		case c == '{' && strings.HasPrefix(mask[i:], "{{c"):
			if s, ok := ankiCloze(mask, i); ok {
				spans = append(spans, s)
				i = s.end
				continue
			}
		case c == '{' && clozePrevOK(mask, i) && !emphasisWrapped(mask, i):
			if s, ok := braceCloze(mask, i); ok {
				spans = append(spans, s)
				i = s.end
				continue
			}
		case c == '=' && p.opt.HighlightCloze && strings.HasPrefix(mask[i:], "==") && i+2 < len(mask) && mask[i+2] != ' ' && mask[i+2] != '=':
			if j := strings.Index(mask[i+2:], "=="); j > 0 && mask[i+2+j-1] != ' ' {
				spans = append(spans, clozeSpan{start: i, end: i + 2 + j + 2, from: i + 2, to: i + 2 + j})
				i += 2 + j + 2
				continue
			}
		}
		i++
	}
	return spans
}

// ankiCloze reads {{cN::text}} or {{cN::text::hint}} at mask[i:].
func ankiCloze(mask string, i int) (clozeSpan, bool) {
	k := i + 3
	d := runDigits(mask, k)
	if d == 0 || d > 3 || !strings.HasPrefix(mask[k+d:], "::") {
		return clozeSpan{}, false
	}
	num, _ := strconv.Atoi(mask[k : k+d])
	from := k + d + 2
	j := strings.Index(mask[from:], "}}")
	if j <= 0 || num == 0 {
		return clozeSpan{}, false
	}
	to := from + j
	s := clozeSpan{start: i, end: to + 2, from: from, to: to, num: num}
	if h := strings.Index(mask[from:to], "::"); h >= 0 {
		s.hint = mask[from+h+2 : to]
		s.to = from + h
	}
	if strings.TrimSpace(mask[s.from:s.to]) == "" || strings.ContainsAny(mask[s.from:s.to], "{}") {
		return clozeSpan{}, false
	}
	return s, true
}

// braceCloze reads {N:text} or {text} at mask[i:].
func braceCloze(mask string, i int) (clozeSpan, bool) {
	// The span ends at the first brace that is not literal text; literal
	// braces may sit inside it.
	j := i + 1
	for {
		k := strings.IndexAny(mask[j:], "{}")
		if k < 0 {
			return clozeSpan{}, false
		}
		j += k
		if !literalBrace(mask, j) {
			break
		}
		j++
	}
	if mask[j] != '}' || !clozeNextOK(mask, j+1) {
		return clozeSpan{}, false
	}
	s := clozeSpan{start: i, end: j + 1, from: i + 1, to: j}
	if j-i > 2 && mask[i+1] >= '1' && mask[i+1] <= '9' && mask[i+2] == ':' {
		s.num = int(mask[i+1] - '0')
		s.from = i + 3
		for s.from < s.to && isBlankByte(mask[s.from]) {
			s.from++
		}
		for s.to > s.from && isBlankByte(mask[s.to-1]) {
			s.to--
		}
	}
	if s.from == s.to || isBlankByte(mask[s.from]) || isBlankByte(mask[s.to-1]) {
		return clozeSpan{}, false
	}
	return s, true
}

func isBlankByte(c byte) bool { return c == ' ' || c == '\t' }

// literalBrace reports whether the brace at mask[j] is text rather than a
// cloze delimiter: escaped, or the whole of an emphasis span.
func literalBrace(mask string, j int) bool {
	return escaped(mask, j) || emphasisWrapped(mask, j)
}

// escaped reports an odd run of backslashes right before mask[j].
func escaped(mask string, j int) bool {
	n := 0
	for j-n > 0 && mask[j-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// emphasisWrapped reports a byte that is the whole content of an
// emphasis or strong span: the same run of one to three '*' or '_' right
// before and right after it ("*{*", "__}__", "***{***").
func emphasisWrapped(mask string, j int) bool {
	if j == 0 || (mask[j-1] != '*' && mask[j-1] != '_') {
		return false
	}
	c := mask[j-1]
	before := 0
	for before < 4 && j-before > 0 && mask[j-before-1] == c {
		before++
	}
	return before <= 3 && runLen(mask, j+1, c) == before
}

func runDigits(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}

// clozeCard makes one card per cloze number of line i.
func (p *parser) clozeCard(i int, spans []clozeSpan) {
	l := &p.lines[i]
	text, bid := stripBlockID(l)
	pre, _ := itemPrefix(l.mask)
	if pre > len(text) {
		pre = len(text)
	}
	// Spans cut by a trailing block id cannot be: the id has no braces,
	// but keep only spans inside the text to be safe.
	kept := spans[:0]
	for _, s := range spans {
		if s.start >= pre && s.end <= len(text) {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return
	}
	end, id := p.lineBlockID(i, bid)
	p.addBlock(i, end, p.clozeCards(i, text, pre, kept, id)...)
}

// clozeCards makes one card per cloze number of text (the spans'
// offsets are in text; text[:pre] is a list marker or the like, left
// out), asked at body line at. Unnumbered spans are numbered after the
// highest number, one each. Other forms that hold clozes (Anki blocks,
// Logseq blocks) build their cards here too.
func (p *parser) clozeCards(at int, text string, pre int, spans []clozeSpan, blockID string) []pcard {
	maxNum := 0
	for _, s := range spans {
		maxNum = max(maxNum, s.num)
	}
	for k := range spans {
		if spans[k].num == 0 {
			maxNum++
			spans[k].num = maxNum
		}
	}
	nums := make([]int, 0, len(spans))
	seen := map[int]bool{}
	for _, s := range spans {
		if !seen[s.num] {
			seen[s.num] = true
			nums = append(nums, s.num)
		}
	}
	sort.Ints(nums)
	plain := renderCloze(text, pre, spans, -1, false)
	cards := make([]pcard, 0, len(nums))
	for _, n := range nums {
		c := p.newCard(KindCloze, at, renderCloze(text, pre, spans, n, false), renderCloze(text, pre, spans, n, true), nil)
		c.BlockID = blockID
		c.role, c.cloze, c.idText = roleCloze, n, plain
		for _, s := range spans {
			if s.num == n {
				c.ClozeText = append(c.ClozeText, text[s.from:s.to])
			}
		}
		cards = append(cards, c)
	}
	if len(cards) > 1 {
		// One flip card stands for every number of the line.
		cards[0].flipQ = renderCloze(text, pre, spans, clozeAll, false)
		cards[0].flipA = renderCloze(text, pre, spans, clozeAll, true)
	}
	return cards
}

// clozeAll, as renderCloze's number, hides or marks every span, each
// with its number: the flip card of a line with several numbers.
const clozeAll = 0

// renderCloze writes the line with the spans of number n hidden (answer
// false) or marked (answer true); other spans show their plain text.
// n < 0 gives the plain text. With n == clozeAll every span is hidden or
// marked and carries its number (data-cloze="N"), from which a page
// script makes each number's card (Segment.Question).
func renderCloze(text string, pre int, spans []clozeSpan, n int, answer bool) string {
	var b strings.Builder
	b.Grow(len(text) + 48)
	pos := pre
	for _, s := range spans {
		b.WriteString(text[pos:s.start])
		hidden := text[s.from:s.to]
		attr := ""
		if n == clozeAll {
			attr = ` data-cloze="` + strconv.Itoa(s.num) + `"`
		}
		switch {
		case s.num != n && n != clozeAll:
			b.WriteString(hidden)
		case answer:
			b.WriteString(`<mark class="cloze"` + attr + `>` + hidden + `</mark>`)
		case s.hint != "":
			b.WriteString(`<span class="cloze-gap"` + attr + `>[` + text[s.to+2:s.end-2] + `]</span>`)
		default:
			b.WriteString(`<span class="cloze-gap"` + attr + `>[…]</span>`)
		}
		pos = s.end
	}
	b.WriteString(text[pos:])
	return strings.TrimSpace(b.String())
}

func clozeID(lineID string, n int) string { return lineID + "-c" + strconv.Itoa(n) }
