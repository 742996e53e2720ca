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
	tail       tagTail
	level      int // heading level, 0 when the line is not a heading
	hFrom, hTo int // heading text range in the line
	hasTail    bool
	deckTag    bool // holds a #flashcards deck tag
}

// block is one card segment being built: its body line range and cards.
type block struct {
	start, end int // body line indices, inclusive
	first, n   int // its cards are parser.cards[first:first+n]
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
	deck   int32 // index of Deck in parser.decks
	// fixedID, when set, is the card's id as another tool keeps it (an
	// Anki note id, a Logseq block uuid): it replaces the id from the
	// block id or the question.
	fixedID string
	// flipQ and flipA are, on the first card of a block of several cloze
	// numbers, the Markdown of the block's flip card (Segment.Question).
	flipQ, flipA string
}

// appendAnswer adds text below the card's answer (and its flip card's).
func (c *pcard) appendAnswer(text string) {
	c.Answer += text
	if c.flipA != "" {
		c.flipA += text
	}
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
	cards   []pcard // the cards of all blocks
	base    int     // file line of lines[0]
	norm    normaliser
	// raw is the body as written, comments not yet removed; rawAt and
	// rawOff are a cursor on it (see rawLine).
	raw           []byte
	rawAt, rawOff int
	logseq        *logseqPage // nil unless the note is a Logseq page

	deckSet     bool
	hasTagCards bool
	decks       [][]string
	deckNames   []string // decks joined by "::", filled in when asked for
	deckAt      []int32  // index into decks, per line
	heads       []heading
	ctxAt       []int32 // index into heads of the innermost heading, per line; -1: none

	// flashcardNote: the note is tagged #flashcards (frontmatter or a
	// line), so "Q::A" needs no spaces around its separator.
	flashcardNote bool
	// capLine, when not 0, is a line before which the blocks found hold
	// more than MaxNoteCards cards: no card is looked for from there.
	capLine int
}

// heading is one level of the breadcrumb. The headings seen so far form a
// tree (each points at the heading it sits under), so that every line
// names its breadcrumb with one index and a card copies it out only when
// it is made.
type heading struct {
	level  int
	text   string // "" when hidden (the H1 that repeats the title)
	parent int32  // index into parser.heads; -1: none
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
	switch {
	case opt.Header != nil:
		fm = opt.Header.frontmatter()
	case hasFM:
		fm = readFrontmatter(path, string(yml), &n.Diags)
	}
	n.BodyLine = bodyLine
	n.Tags, n.frontDeck = fm.tags, fm.deck

	p := newParser()
	defer p.release()
	p.path, p.opt, p.n, p.base, p.raw = path, opt, n, bodyLine, body
	p.tags = appendCardTags(p.tags, opt.Tags)
	n.Body, p.lines = scanBody(body, p.lines)
	p.readLogseq()
	p.footnotes()

	// The note's deck: cards-deck, else a flashcards/… frontmatter tag,
	// else the folder. A #flashcards line in the body may change it below.
	var fmDeck []string
	if fm.hasDeck {
		fmDeck = splitDeck(fm.deck)
	}
	switch {
	case len(fmDeck) > 0:
		n.Deck, n.DeckSet = fmDeck, true
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
	for _, t := range fm.tags {
		if _, ok := flashcardsDeck(t); ok {
			p.flashcardNote = true
			break
		}
	}
	hasFMDeck := n.DeckSet

	template := p.classify(hasFMDeck)
	if template {
		// Templater templates are not notes: reading text only, no cards.
		n.Template = true
		p.blocks = p.blocks[:0]
		n.Segments = p.segments()
		return n
	}
	p.structural()
	p.lineCards()
	if len(p.blocks) == 0 && len(p.lines) > 0 {
		if k := p.frontmatterCardTag(); k != tagNone {
			p.wholeNoteCard(len(p.lines), k, nil)
		}
	}
	p.capCards()
	p.assemble()
	n.Segments = p.segments()
	return n
}

// classify is the first pass: headings, card tags, #flashcards deck tags
// and Templater code, per line. It reports whether the note is a template.
func (p *parser) classify(hasFMDeck bool) (template bool) {
	n := len(p.lines)
	p.info = zeroed(p.info, n)
	p.claimed = zeroed(p.claimed, n)
	p.deckAt = zeroed(p.deckAt, n)
	p.ctxAt = zeroed(p.ctxAt, n)
	p.decks = append(p.decks, p.n.Deck)
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
			if t, ok := p.tags.cardTail(m, l.text); ok {
				if inf.level == 0 || t.textEnd >= inf.hFrom {
					inf.hasTail, inf.tail = true, t
					p.hasTagCards = true
				}
			} else if inf.level == 0 {
				if t, ok := p.tags.cardTailBeforeEmbeds(m, l.text); ok {
					inf.hasTail, inf.tail = true, t
					p.hasTagCards = true
				}
			}
			if mayHoldFlashcardsTag(l.mask) {
				for _, t := range lineTags(l.mask) {
					if lv, ok := flashcardsDeck(t); ok {
						p.n.DeckSet = true
						p.flashcardNote = true
						inf.deckTag = true
						if len(lv) > 0 {
							// The levels are cut from the line; copies
							// let a caller keep the deck without the text.
							for k := range lv {
								lv[k] = strings.Clone(lv[k])
							}
							p.decks = append(p.decks, lv)
							cur = int32(len(p.decks) - 1)
							if firstDeckTag && !hasFMDeck {
								p.n.Deck = lv
							}
							firstDeckTag = false
						}
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
	cur := int32(-1) // innermost open heading
	for i := range p.lines {
		if len(p.cards) > MaxNoteCards {
			// Every block so far starts before line i: the note is cut
			// before it (capCards), whatever is found from here on.
			p.capLine = i
			break
		}
		l := &p.lines[i]
		inf := &p.info[i]
		if !l.code && inf.level > 0 {
			for cur >= 0 && p.heads[cur].level >= inf.level {
				cur = p.heads[cur].parent
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
			if cur < 0 && inf.level == 1 && strings.EqualFold(text, p.n.Title) {
				shown = ""
			}
			p.heads = append(p.heads, heading{level: inf.level, text: shown, parent: cur})
			cur = int32(len(p.heads) - 1)
			continue
		}
		p.ctxAt[i] = cur
		if l.code || p.claimed[i] {
			continue
		}
		if p.ankiBlock(i) || p.logseq != nil && p.logseqBlock(i) {
			continue
		}
		if inf.hasTail {
			// "Q::A #card" is an inline card, unless answer lines follow
			// it: then "::" is part of a paragraph card's question
			// ("What does Foo::bar do? #card").
			switch c, ok := p.findInline(i); {
			case p.isWholeNoteTag(i):
				p.wholeNoteCard(i, inf.tail.kind, inf.tail.tags)
			case ok && !p.answerBelow(i):
				p.inlineCard(i, c)
			default:
				p.paragraphCard(i)
			}
			continue
		}
		if p.deckSet {
			if t := strings.TrimSpace(quoteContent(l.mask)); t == "?" || t == "??" {
				p.multiCard(i, t == "??")
			}
		}
	}
}

// context returns the breadcrumb of body line at: the note's title, then
// the shown headings it sits under, outermost first; nil when empty.
func (p *parser) context(at int) []string {
	n := 0
	if p.n.Title != "" {
		n++
	}
	for h := p.ctxAt[at]; h >= 0; h = p.heads[h].parent {
		if p.heads[h].text != "" {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	c := make([]string, n)
	for h := p.ctxAt[at]; h >= 0; h = p.heads[h].parent {
		if t := p.heads[h].text; t != "" {
			n--
			c[n] = t
		}
	}
	if p.n.Title != "" {
		c[0] = p.n.Title
	}
	return c
}

// lineCards finds the one-line forms in lines no other card holds: cloze
// lines and inline Q::A cards (the card-tagged ones are read with the
// other tagged cards, in structural).
func (p *parser) lineCards() {
	clozeOK := p.deckSet || p.hasTagCards
	if !clozeOK {
		return
	}
	past := p.pastCap()
	for i := range p.lines {
		if past(i) {
			break // the note is cut before line i (capCards)
		}
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
		if c, ok := p.findInline(i); ok {
			p.inlineCard(i, c)
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
		Context:  p.context(at),
		Line:     p.base + at,
		// Inline and cloze answers share the question's line; the card
		// forms with answer lines below set their own.
		AnswerLine: p.base + at,
		Pair:       -1,
	}, idText: q, deck: p.deckAt[at]}
	if len(extraTags) > 0 || len(p.n.Tags) > 0 {
		tags := make([]string, 0, len(extraTags)+len(p.n.Tags))
		c.Tags = dedupe(append(append(tags, extraTags...), p.n.Tags...))
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
	p.blocks = append(p.blocks, block{start: start, end: end, first: len(p.cards), n: len(cards)})
	p.cards = append(p.cards, cards...)
}

// blockCards returns the cards of block b.
func (p *parser) blockCards(b *block) []pcard { return p.cards[b.first : b.first+b.n] }

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
