package site

import (
	"encoding/json"
	"strings"
)

// cardRecord is one card in public/cards.json, the machine-readable list
// of every card for search, the quiz and other tools.
type cardRecord struct {
	ID       string   `json:"id"`
	Deck     []string `json:"deck"`
	Note     string   `json:"note"` // source path relative to the vault
	Line     int      `json:"line"`
	Kind     string   `json:"kind"`
	Tags     []string `json:"tags"`
	Question string   `json:"question"` // plain text
	Answer   string   `json:"answer"`   // plain text
	URL      string   `json:"url"`      // the card on its deck page, relative to the site root
}

type cardsFile struct {
	Title string       `json:"title"`
	Cards []cardRecord `json:"cards"`
}

// cardsJSON lists every card in deck order.
func (p *pageBuilder) cardsJSON() []byte {
	f := cardsFile{Title: p.opt.Title, Cards: []cardRecord{}}
	p.tree.walk(func(d *DeckNode) {
		for _, n := range p.tree.notes[d] {
			rn := p.rendered[n.Path]
			for i, c := range n.Cards {
				tags := c.Tags
				if tags == nil {
					tags = []string{}
				}
				f.Cards = append(f.Cards, cardRecord{
					ID: c.ID, Deck: c.Deck, Note: n.Path, Line: c.Line, Kind: string(c.Kind), Tags: tags,
					Question: rn.cards[i].questionText, Answer: rn.cards[i].answerText,
					URL: d.URL + "#card-" + segmentCardID(n, i),
				})
			}
		}
	})
	var b strings.Builder
	enc := json.NewEncoder(&b)
	if err := enc.Encode(f); err != nil {
		panic(err)
	}
	return []byte(b.String())
}
