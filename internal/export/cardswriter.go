// Package export writes what the site offers other tools: cards.json,
// every card as plain data (its id, source line, kind and both sides as
// plain text) nested under its deck (and page) and its note (path and
// tags), see CardsFile. It takes records and bytes and knows nothing of
// notes, rendering or pages; internal/site makes the records from the
// rendered notes.
package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	gohash "hash"
	"os"
	"strconv"
	"sync"
)

// CardsWriter writes cards.json in one pass while the decks are laid
// out: each deck's object (DeckJSON, made by the site from the plain
// text its rendering already holds) is appended once, in deck order, as
// soon as the decks before it are done, and hashed on the way. Decks finish
// out of order (in parallel), so a finished deck waits in memory only
// for those before it. In a one-off build the file grows in a temporary
// file rather than in memory (it is the biggest file: 27 MB at 5,000
// notes) and is read back once at the end.
type CardsWriter struct {
	mu      sync.Mutex
	n, next int            // decks, and the one whose piece comes next
	waiting map[int][]byte // finished decks after next
	any     bool           // a deck was written (the next needs a comma)
	file    *os.File       // nil: in parts
	parts   [][]byte       // joined once at the end: a growing buffer copied 27 MB again and again
	size    int64
	sum     gohash.Hash
	err     error
}

// NewCardsWriter starts cards.json for n decks, in a temporary file
// when spool is set (and one can be made).
func NewCardsWriter(title string, n int, spool bool) *CardsWriter {
	w := &CardsWriter{n: n, waiting: map[int][]byte{}, sum: sha256.New()}
	if spool {
		if f, err := os.CreateTemp("", "flipdeck-cards-*"); err == nil {
			w.file = f
		}
	}
	t, _ := json.Marshal(title)
	w.write([]byte(`{"title":`), t, []byte(`,"format":`+strconv.Itoa(CardsFormat)+`,"decks":[`))
	return w
}

func (w *CardsWriter) write(bs ...[]byte) {
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

// Set gives deck i's piece (DeckJSON: its object, or nil when it has no
// cards of its own).
func (w *CardsWriter) Set(i int, piece []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.waiting[i] = piece
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

// Finish ends the file and returns it with its hash; an error when a
// deck never came (a stopped build) or the temporary file failed.
func (w *CardsWriter) Finish() (data []byte, sum [sha256.Size]byte, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.next < w.n {
		return nil, sum, fmt.Errorf("cards.json: %d of %d decks missing", w.n-w.next, w.n)
	}
	w.write([]byte("]}\n"))
	if w.err != nil {
		return nil, sum, fmt.Errorf("cards.json: temporary file: %w", w.err)
	}
	data = bytes.Join(w.parts, nil)
	w.parts = nil
	copy(sum[:], w.sum.Sum(nil))
	if w.file != nil {
		data = make([]byte, w.size)
		if _, err := w.file.ReadAt(data, 0); err != nil {
			return nil, sum, fmt.Errorf("cards.json: reading back the temporary file: %w", err)
		}
	}
	return data, sum, nil
}

// FinishPieces ends the file and returns it in pieces, to be written one
// after another, with its size and hash: joined, the pieces would be
// copied once more into 27 MB of fresh memory. Only for a writer that
// keeps the file in memory (not spooled); an error as Finish's.
func (w *CardsWriter) FinishPieces() (parts [][]byte, size int, sum [sha256.Size]byte, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file != nil {
		return nil, 0, sum, fmt.Errorf("cards.json: internal error: pieces of a spooled file")
	}
	if w.next < w.n {
		return nil, 0, sum, fmt.Errorf("cards.json: %d of %d decks missing", w.n-w.next, w.n)
	}
	w.write([]byte("]}\n"))
	parts, w.parts = w.parts, nil
	copy(sum[:], w.sum.Sum(nil))
	return parts, int(w.size), sum, nil
}

// Close removes the temporary file.
func (w *CardsWriter) Close() {
	if w.file != nil {
		w.file.Close()
		os.Remove(w.file.Name())
	}
}
