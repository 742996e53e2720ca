package notes

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// assemble puts the cards in source order, links reversed pairs, gives
// every card its id and reports duplicate questions.
//
// Ids: the id another tool keeps for the card (pcard.fixedID), else "b"
// + the 13-digit block id, else CardID(deck, question). The back
// of a reversed pair is the front's id + "-r"; cloze number N of a line is
// the line's id + "-c" + N. When two cards of the note would share an id
// (the same question twice in one deck, or a block id pasted twice), the
// later ones get "-2", "-3", … in source order, so ids stay unique and
// stable as long as the order of the duplicates does not change.
func (p *parser) assemble() {
	byStart := func(a, b block) int { return cmp.Compare(a.start, b.start) }
	if !slices.IsSortedFunc(p.blocks, byStart) {
		slices.SortStableFunc(p.blocks, byStart)
	}
	total := len(p.cards)
	cards := make([]Card, 0, total)
	used := make(map[string]bool, total)
	firstLine := make(map[string]int, total) // duplicate-question key → line
	// nextSuffix remembers the last suffix tried per id, so that many
	// copies of one question stay linear.
	var nextSuffix map[string]int
	unique := func(id string) string {
		if !used[id] {
			used[id] = true
			return id
		}
		if nextSuffix == nil {
			nextSuffix = map[string]int{}
		}
		for k := max(2, nextSuffix[id]); ; k++ {
			if c := id + "-" + strconv.Itoa(k); !used[c] {
				used[c] = true
				nextSuffix[id] = k + 1
				return c
			}
		}
	}
	p.deckNames = zeroed(p.deckNames, len(p.decks))
	for bi := range p.blocks {
		b := &p.blocks[bi]
		bcards := p.blockCards(b)
		base := len(cards)
		primary := ""
		for k := range bcards {
			c := &bcards[k]
			if c.role != roleReverse && (c.role == rolePrimary || k == 0) {
				primary = unique(p.primaryID(c, firstLine))
			}
			if c.BlockID != "" {
				c.BlockID = detachBlockID(c.BlockID, primary)
			}
			switch c.role {
			case rolePrimary:
				c.ID = primary
			case roleReverse:
				c.ID = unique(primary + "-r")
			case roleCloze:
				c.ID = unique(clozeID(primary, c.cloze))
			}
			cards = append(cards, c.Card)
		}
		if len(bcards) == 2 && bcards[1].role == roleReverse {
			cards[base].Pair, cards[base+1].Pair = base+1, base
		}
	}
	p.n.Cards = cards
}

// primaryID returns the undeduplicated id of a card or cloze line and
// reports a duplicate question within the note's deck.
func (p *parser) primaryID(c *pcard, firstLine map[string]int) string {
	deck := p.deckName(c.deck)
	key := p.norm.key(deck, c.idText)
	if first, ok := firstLine[string(key)]; ok {
		p.n.Diags = append(p.n.Diags, diag.Diagnostic{
			File: p.path, Line: c.Line, Kind: diag.KindDuplicate, Severity: diag.Warning,
			Message: fmt.Sprintf("question %q is already asked at line %d in deck %s: reword one of them (progress is kept apart with a -2 id suffix meanwhile)", short(c.idText), first, deck),
		})
	} else {
		firstLine[string(key)] = c.Line
	}
	if c.fixedID != "" {
		return c.fixedID
	}
	if c.BlockID != "" && is13Digits(c.BlockID) {
		return "b" + c.BlockID
	}
	return idOfKey(key)
}

// deckName returns deck levels p.decks[i] joined by "::", computed once
// per deck.
func (p *parser) deckName(i int32) string {
	if p.deckNames[i] == "" {
		p.deckNames[i] = strings.Join(p.decks[i], "::")
	}
	return p.deckNames[i]
}

// detachBlockID returns block id bid in memory of its own: bid is cut
// from the note's text, which a caller may want to drop while it keeps
// the cards. The block's id ("b" + bid) usually holds the same bytes.
func detachBlockID(bid, id string) string {
	if len(id) > len(bid) && id[0] == 'b' && id[1:1+len(bid)] == bid {
		return id[1 : 1+len(bid)]
	}
	return strings.Clone(bid)
}
