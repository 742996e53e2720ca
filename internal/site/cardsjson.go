package site

import (
	"slices"

	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// deckCardRecords is deck d's piece of cards.json: its object, with its
// own notes' cards (nil: none). With a memo each note's piece is made
// through it, and the deck's joined from them; without one (a build with
// no next build to use the pieces) the deck is encoded in one go. Both
// give the same bytes. d's notes must be rendered.
func (p *pageBuilder) deckCardRecords(d *layout.DeckNode, memo *pageMemo) []byte {
	if memo == nil || memo.noFragments {
		rec := export.DeckRecord{Deck: d.Path, Page: d.URL}
		for _, n := range p.tree.Notes[d] {
			if rn := p.note(n.Path); rn != nil && len(n.Cards) > 0 {
				rec.Notes = append(rec.Notes, p.noteRecord(d, n, rn))
			}
		}
		return export.DeckRecordJSON(rec)
	}
	var frags [][]byte
	for _, n := range p.tree.Notes[d] {
		if rn := p.note(n.Path); rn != nil {
			frags = append(frags, memo.fragment(fragKey{"cards", rn, d.URL}, func() []byte {
				return export.NoteJSON(p.noteRecord(d, n, rn))
			}))
		}
	}
	return export.DeckJSON(d.Path, d.URL, frags)
}

// noteRecord is note n (rendered as rn) in cards.json, listed under deck
// d (its own: d.Path is n.Deck).
//
// A card's tags are the tags written after its card tag followed by the
// note's frontmatter tags (notes.Card.Tags), so the note's list is its
// frontmatter tags (Note.Tags, which every card has): only a card with
// tags of its own, or a card made before a Logseq page's tags:: line,
// carries its whole list. A card's deck differs from d after a
// #flashcards/… tag in the note; a card whose flip card is another's
// (the back of a reversed pair, the later numbers of a cloze line)
// carries that card's anchor.
func (p *pageBuilder) noteRecord(d *layout.DeckNode, n *notes.Note, rn *renderedNote) export.NoteRecord {
	tags := n.Tags
	if tags == nil {
		tags = []string{}
	}
	recs := make([]export.CardRecord, len(n.Cards))
	flip, _ := layout.FlipCardIDs(n)
	for i, c := range n.Cards {
		r := export.CardRecord{ID: c.ID, Line: c.Line, Kind: string(c.Kind),
			Question: rn.cards[i].questionText, Answer: rn.cards[i].answerText}
		if flip[i] != c.ID {
			r.Anchor = "card-" + flip[i]
		}
		if !slices.Equal(c.Deck, d.Path) {
			r.Deck = nonNil(c.Deck)
		}
		if !slices.Equal(c.Tags, tags) {
			r.Tags = nonNil(c.Tags)
		}
		recs[i] = r
	}
	return export.NoteRecord{Note: n.Path, Tags: tags, Cards: recs}
}

// nonNil is ss, or an empty list for nil: a record's nil list means
// "its deck's" or "its note's".
func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
