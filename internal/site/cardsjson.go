package site

import (
	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// deckCardRecords is deck d's part of cards.json: the records of its own
// notes' cards, comma-separated, each note's piece through memo (nil:
// none). d's notes must be rendered.
func (p *pageBuilder) deckCardRecords(d *layout.DeckNode, memo *pageMemo) []byte {
	var frags [][]byte
	for _, n := range p.tree.Notes[d] {
		if p.note(n.Path) != nil {
			frags = append(frags, p.cardRecords(d, n, memo))
		}
	}
	return export.JoinRecords(frags)
}

// cardRecords is note n's part of cards.json, comma-separated records.
func (p *pageBuilder) cardRecords(d *layout.DeckNode, n *notes.Note, memo *pageMemo) []byte {
	rn := p.note(n.Path)
	return memo.fragment(fragKey{"cards", rn, d.URL}, func() []byte {
		recs := make([]export.CardRecord, len(n.Cards))
		flip, _ := layout.FlipCardIDs(n)
		for i, c := range n.Cards {
			tags := c.Tags
			if tags == nil {
				tags = []string{}
			}
			recs[i] = export.CardRecord{
				ID: c.ID, Deck: c.Deck, Note: n.Path, Line: c.Line, Kind: string(c.Kind), Tags: tags,
				Question: rn.cards[i].questionText, Answer: rn.cards[i].answerText,
				URL: d.URL + "#card-" + flip[i],
			}
		}
		return export.Records(recs)
	})
}
