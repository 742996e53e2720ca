package notes

import (
	"fmt"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// DefaultOptions returns Options{Tags: []string{"card"}}.
func DefaultOptions() Options { return Options{Tags: []string{"card"}} }

// lineInfo caches what the passes ask about a line more than once.
type lineInfo struct {
	level      int // heading level, 0 when the line is not a heading
	hFrom, hTo int // heading text range in the line
	hasTail    bool
	tail       tagTail
	deckTag    bool // holds a #flashcards deck tag
}

// block is one card segment being built: its body line range and cards.
type block struct {
	start, end int // body line indices, inclusive
	cards      []pcard
}

// role says how a card's id is derived.
type role uint8

const (
	rolePrimary role = iota // from its block id or deck + question
	roleReverse             // the first side's id + "-r"
	roleCloze               // the line's id + "-c" + N
)

// pcard is a card under construction.
type pcard struct {
	Card
	role   role
	idText string // text hashed for the id (question, or the cloze line)
	cloze  int
}

// parser holds one Parse call's state. Every pass over lines is linear.
type parser struct {
	path    string
	opt     Options
	n       *Note
	tags    cardTagSet
	lines   []line
	info    []lineInfo
	claimed []bool
	blocks  []block
	base    int // file line of lines[0]

	deckSet     bool
	hasTagCards bool
	decks       [][]string
	deckAt      []int32 // index into decks, per line
	ctxs        [][]string
	ctxAt       []int32 // index into ctxs, per line
}

// Parse reads the note at slash path `path` (relative to the source folder) from src.
// It never panics and never fails: problems become n.Diags (file:line, what is wrong, what to do).
func Parse(path string, src []byte, opt Options) *Note {
	n := &Note{Path: path, Title: noteTitle(path)}
	if len(opt.Tags) == 0 {
		opt.Tags = DefaultOptions().Tags
	}
	text, diags := normaliseSource(path, src)
	n.Diags = diags

	yml, body, bodyLine, hasFM := splitFrontmatter(text)
	var fm frontmatter
	if hasFM {
		fm = readFrontmatter(path, yml, &n.Diags)
	}
	n.BodyLine = bodyLine
	n.Tags = fm.tags

	p := &parser{path: path, opt: opt, n: n, tags: newCardTagSet(opt.Tags), base: bodyLine}
	n.Body, p.lines = scanBody(body)

	// The note's deck: cards-deck, else a flashcards/… frontmatter tag,
	// else the folder. A #flashcards line in the body may change it below.
	switch {
	case fm.hasDeck && len(splitDeck(fm.deck)) > 0:
		n.Deck, n.DeckSet = splitDeck(fm.deck), true
	default:
		n.Deck = folderDeck(path)
		for _, t := range fm.tags {
			if lv, ok := flashcardsDeck(t); ok {
				n.DeckSet = true
				if len(lv) > 0 {
					n.Deck = lv
				}
				break
			}
		}
	}
	hasFMDeck := n.DeckSet

	template := p.classify(hasFMDeck)
	if template {
		// Templater templates are not notes: reading text only, no cards.
		n.Template = true
		p.blocks = nil
		n.Segments = p.segments()
		return n
	}
	p.structural()
	p.lineCards()
	p.assemble()
	n.Segments = p.segments()
	return n
}

// noteTitle is the file name without ".md".
func noteTitle(path string) string {
	t := path[strings.LastIndexByte(path, '/')+1:]
	if len(t) > 3 && strings.EqualFold(t[len(t)-3:], ".md") {
		t = t[:len(t)-3]
	}
	return t
}

// classify is the first pass: headings, card tags, #flashcards deck tags
// and Templater code, per line. It reports whether the note is a template.
func (p *parser) classify(hasFMDeck bool) (template bool) {
	n := len(p.lines)
	p.info = make([]lineInfo, n)
	p.claimed = make([]bool, n)
	p.deckAt = make([]int32, n)
	p.ctxAt = make([]int32, n)
	p.decks = [][]string{p.n.Deck}
	cur := int32(0)
	firstDeckTag := true
	templaterOpen := false
	for i := range p.lines {
		l := &p.lines[i]
		inf := &p.info[i]
		if !l.code {
			m := l.mask
			if lv, from, to := headingOf(m); lv > 0 {
				inf.level, inf.hFrom, inf.hTo = lv, from, to
				m = m[:to]
			}
			// A trailing " ^id" may follow the tags ("Q #card ^1690…").
			if _, start, ok := trailingBlockID(m); ok && start > 0 {
				m = m[:start]
			}
			if t, ok := p.tags.cardTail(m); ok {
				if inf.level == 0 || t.textEnd >= inf.hFrom {
					inf.hasTail, inf.tail = true, t
					p.hasTagCards = true
				}
			}
			for _, t := range lineTags(l.mask) {
				if lv, ok := flashcardsDeck(t); ok {
					p.n.DeckSet = true
					inf.deckTag = true
					if len(lv) > 0 {
						p.decks = append(p.decks, lv)
						cur = int32(len(p.decks) - 1)
						if firstDeckTag && !hasFMDeck {
							p.n.Deck = lv
						}
						firstDeckTag = false
					}
				}
			}
			// Templater code is "<% … %>" (also "<%* … %>"), possibly
			// over several lines; in code it is just an example.
			if k := strings.Index(l.mask, "<%"); k >= 0 {
				templaterOpen = true
				if strings.Contains(l.mask[k+2:], "%>") {
					template = true
				}
			} else if templaterOpen && strings.Contains(l.mask, "%>") {
				template = true
			}
		}
		p.deckAt[i] = cur
	}
	p.deckSet = p.n.DeckSet
	return template
}

// structural finds the cards that span lines: heading cards, paragraph
// cards (tag-marked) and multi-line ? / ?? cards, top to bottom, and
// keeps the heading breadcrumb for every line.
func (p *parser) structural() {
	type head struct {
		level int
		text  string // "" when hidden (the H1 that repeats the title)
	}
	var stack []head
	snapshot := func() int32 {
		c := make([]string, 0, len(stack)+1)
		if p.n.Title != "" {
			c = append(c, p.n.Title)
		}
		for _, h := range stack {
			if h.text != "" {
				c = append(c, h.text)
			}
		}
		p.ctxs = append(p.ctxs, c)
		return int32(len(p.ctxs) - 1)
	}
	cur := snapshot()
	for i := range p.lines {
		l := &p.lines[i]
		inf := &p.info[i]
		if !l.code && inf.level > 0 {
			popped := false
			for len(stack) > 0 && stack[len(stack)-1].level >= inf.level {
				stack = stack[:len(stack)-1]
				popped = true
			}
			if popped {
				cur = snapshot()
			}
			p.ctxAt[i] = cur
			to := inf.hTo
			if inf.hasTail {
				to = max(inf.hFrom, min(to, inf.tail.textEnd))
			}
			text := strings.TrimSpace(l.text[inf.hFrom:to])
			if inf.hasTail && !p.claimed[i] {
				p.headingCard(i, text)
			}
			shown := text
			if len(stack) == 0 && inf.level == 1 && strings.EqualFold(text, p.n.Title) {
				shown = ""
			}
			stack = append(stack, head{inf.level, shown})
			cur = snapshot()
			continue
		}
		p.ctxAt[i] = cur
		if l.code || p.claimed[i] {
			continue
		}
		if inf.hasTail {
			p.paragraphCard(i)
			continue
		}
		if p.deckSet {
			if t := strings.TrimSpace(l.mask); t == "?" || t == "??" {
				p.multiCard(i, t == "??")
			}
		}
	}
}

// lineCards finds the one-line forms in lines no other card holds: cloze
// lines and inline Q::A cards.
func (p *parser) lineCards() {
	clozeOK := p.deckSet || p.hasTagCards
	if !clozeOK && !p.deckSet {
		return
	}
	for i := range p.lines {
		l := &p.lines[i]
		if p.claimed[i] || l.code || p.info[i].level > 0 || l.blank() {
			continue
		}
		if clozeOK {
			if spans := p.findClozes(l.mask); len(spans) > 0 {
				p.clozeCard(i, spans)
				continue
			}
		}
		if p.deckSet {
			if sep, width, ok := findInlineSep(l.mask); ok {
				p.inlineCard(i, sep, width)
			}
		}
	}
}

// newCard fills what every card form shares.
func (p *parser) newCard(kind Kind, at int, q, a string, extraTags []string) pcard {
	c := pcard{Card: Card{
		Kind:     kind,
		Deck:     p.decks[p.deckAt[at]],
		Question: q,
		Answer:   a,
		Context:  append([]string(nil), p.ctxs[p.ctxAt[at]]...),
		Line:     p.base + at,
		// Inline and cloze answers share the question's line; the card
		// forms with answer lines below set their own.
		AnswerLine: p.base + at,
		Pair:       -1,
	}, idText: q}
	if len(extraTags) > 0 || len(p.n.Tags) > 0 {
		c.Tags = dedupe(append(append([]string(nil), extraTags...), p.n.Tags...))
	}
	return c
}

// tagLineID returns a 13-digit block id written at the end of a card tag
// line ("Q #card ^1690847485111"), or "".
func (p *parser) tagLineID(i int) string {
	if id, _, ok := trailingBlockID(p.lines[i].mask); ok && is13Digits(id) {
		return id
	}
	return ""
}

// addBlock claims lines start..end for one card segment.
func (p *parser) addBlock(start, end int, cards ...pcard) {
	for k := start; k <= end; k++ {
		p.claimed[k] = true
	}
	p.blocks = append(p.blocks, block{start: start, end: end, cards: cards})
}

// pair returns the two sides of a reversed card.
func pair(front pcard) (pcard, pcard) {
	front.Kind = KindReversed
	back := front
	back.Question, back.Answer = front.Answer, front.Question
	back.role = roleReverse
	return front, back
}

func (p *parser) warn(at int, kind, format string, args ...any) {
	p.n.Diags = append(p.n.Diags, diag.Diagnostic{
		File: p.path, Line: p.base + at, Kind: kind, Severity: diag.Warning,
		Message: fmt.Sprintf(format, args...),
	})
}

// warnEmpty reports a card without an answer.
func (p *parser) warnEmpty(at int, q string) {
	p.warn(at, diag.KindEmptyAnswer, "card %q has an empty answer: write the answer below the question, or use the -spaced tag for a prompt without one", short(q))
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
