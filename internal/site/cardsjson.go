package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	gohash "hash"
	"os"
	"sync"

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

// cardsWriter writes cards.json in one pass while the decks are laid
// out: each deck's records (deckCardRecords, made from the plain text
// its rendering already holds) are appended once, in deck order, as soon
// as the decks before it are done, and hashed on the way. Decks finish
// out of order (in parallel), so a finished deck waits in memory only
// for those before it. In a one-off build the file grows in a temporary
// file rather than in memory (it is the biggest file: 38 MB at 5,000
// notes) and is read back once at the end.
type cardsWriter struct {
	mu      sync.Mutex
	n, next int            // decks, and the one whose records come next
	waiting map[int][]byte // finished decks after next
	any     bool           // a record was written (the next needs a comma)
	file    *os.File       // nil: in parts
	parts   [][]byte       // joined once at the end: a growing buffer copied 38 MB again and again
	size    int64
	sum     gohash.Hash
	err     error
}

// newCardsWriter starts cards.json for n decks, in a temporary file
// when spool is set (and one can be made).
func newCardsWriter(title string, n int, spool bool) *cardsWriter {
	w := &cardsWriter{n: n, waiting: map[int][]byte{}, sum: sha256.New()}
	if spool {
		if f, err := os.CreateTemp("", "flipdeck-cards-*"); err == nil {
			w.file = f
		}
	}
	t, _ := json.Marshal(title)
	w.write([]byte(`{"title":`), t, []byte(`,"cards":[`))
	return w
}

func (w *cardsWriter) write(bs ...[]byte) {
	for _, b := range bs {
		w.sum.Write(b)
		if w.file == nil {
			w.parts = append(w.parts, b)
		} else if _, err := w.file.WriteAt(b, w.size); err != nil && w.err == nil {
			w.err = err
		}
		w.size += int64(len(b))
	}
}

// set gives deck i's records (comma-separated, maybe none).
func (w *cardsWriter) set(i int, records []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.waiting[i] = records
	for {
		r, ok := w.waiting[w.next]
		if !ok {
			return
		}
		delete(w.waiting, w.next)
		w.next++
		if len(r) == 0 {
			continue
		}
		if w.any {
			w.write([]byte{','})
		}
		w.any = true
		w.write(r)
	}
}

// finish ends the file and returns it with its hash; an error when a
// deck never came (a stopped build) or the temporary file failed.
func (w *cardsWriter) finish() (finalFile, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.next < w.n {
		return finalFile{}, fmt.Errorf("cards.json: %d of %d decks missing", w.n-w.next, w.n)
	}
	w.write([]byte("]}\n"))
	if w.err != nil {
		return finalFile{}, fmt.Errorf("cards.json: temporary file: %w", w.err)
	}
	f := finalFile{data: bytes.Join(w.parts, nil)}
	w.parts = nil
	copy(f.sum[:], w.sum.Sum(nil))
	if w.file != nil {
		f.data = make([]byte, w.size)
		if _, err := w.file.ReadAt(f.data, 0); err != nil {
			return finalFile{}, fmt.Errorf("cards.json: reading back the temporary file: %w", err)
		}
	}
	return f, nil
}

// close removes the temporary file.
func (w *cardsWriter) close() {
	if w.file != nil {
		w.file.Close()
		os.Remove(w.file.Name())
	}
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
