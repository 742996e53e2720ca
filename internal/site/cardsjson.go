package site

import (
	"bytes"
	"encoding/json"

	"github.com/flipdeck/flipdeck/internal/notes"
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

// cardsJSON joins the n decks' records (deckCardRecords, in deck order)
// into cards.json.
func (p *pageBuilder) cardsJSON(parts *parts, n int) []byte {
	size := 64 + len(p.opt.Title)*6
	for i := 0; i < n; i++ {
		size += parts.len(i) + 1
	}
	var b bytes.Buffer
	b.Grow(size) // one allocation: cards.json is the largest file
	title, _ := json.Marshal(p.opt.Title)
	b.WriteString(`{"title":`)
	b.Write(title)
	b.WriteString(`,"cards":[`)
	first := true
	for i := 0; i < n; i++ {
		part := parts.get(i)
		if len(part) == 0 {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.Write(part)
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// deckCardRecords is deck d's part of cards.json: the records of its own
// notes' cards, comma-separated. d's notes must be rendered.
func (p *pageBuilder) deckCardRecords(d *DeckNode) []byte {
	var frags [][]byte
	for _, n := range p.tree.notes[d] {
		if p.note(n.Path) != nil {
			frags = append(frags, p.cardRecords(d, n))
		}
	}
	return joinFragments("", frags, "")
}

// cardRecords is note n's part of cards.json, comma-separated records.
func (p *pageBuilder) cardRecords(d *DeckNode, n *notes.Note) []byte {
	rn := p.note(n.Path)
	return p.memo.fragment(fragKey{"cards", rn, d.URL}, func() []byte {
		recs := make([]cardRecord, len(n.Cards))
		size := 0
		flip, _ := flipCardIDs(n)
		for i, c := range n.Cards {
			tags := c.Tags
			if tags == nil {
				tags = []string{}
			}
			recs[i] = cardRecord{
				ID: c.ID, Deck: c.Deck, Note: n.Path, Line: c.Line, Kind: string(c.Kind), Tags: tags,
				Question: rn.cards[i].questionText, Answer: rn.cards[i].answerText,
				URL: d.URL + "#card-" + flip[i],
			}
			size += (len(recs[i].Question)+len(recs[i].Answer))*9/8 + 250
		}
		return fileJSONElements(recs, size)
	})
}
