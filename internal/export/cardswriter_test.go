package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"testing"
)

// TestCardsWriter: whatever order the decks finish in, cards.json has
// their pieces in deck order, commas only between pieces, the hash of
// what it holds, in memory or through a temporary file; a deck that
// never came (a stopped build) is an error, not a short file.
func TestCardsWriter(t *testing.T) {
	parts := []string{`{"id":"a"}`, ``, `{"id":"b"},{"id":"c"}`, ``, `{"id":"d"}`}
	const want = `{"title":"T \"1\"","format":2,"decks":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}]}` + "\n"
	for _, c := range []struct {
		name  string
		order []int
		spool bool
		ok    bool
	}{
		{"in order", []int{0, 1, 2, 3, 4}, false, true},
		{"reversed", []int{4, 3, 2, 1, 0}, false, true},
		{"shuffled, spooled", []int{2, 0, 4, 1, 3}, true, true},
		{"a deck missing", []int{0, 2, 3, 4}, true, false},
	} {
		w := NewCardsWriter(`T "1"`, len(parts), c.spool)
		if c.spool && w.file == nil {
			t.Fatalf("%s: no temporary file", c.name)
		}
		for _, i := range c.order {
			w.Set(i, []byte(parts[i]))
		}
		data, sum, err := w.Finish()
		w.Close()
		if !c.ok {
			if err == nil {
				t.Errorf("%s: no error, file %q", c.name, data)
			}
			continue
		}
		if err != nil || string(data) != want || sum != sha256.Sum256([]byte(want)) {
			t.Errorf("%s: %q, %v (hash right: %v); want %q", c.name, data, err, sum == sha256.Sum256(data), want)
		}
		if !json.Valid(data) {
			t.Errorf("%s: not JSON", c.name)
		}
	}
	empty := NewCardsWriter("E", 0, false)
	if data, _, err := empty.Finish(); err != nil || string(data) != `{"title":"E","format":2,"decks":[]}`+"\n" {
		t.Errorf("no decks: %q, %v", data, err)
	}
}

// TestCardsWriterPieces: the pieces FinishPieces gives are, one after
// another, what Finish would give, with its size and hash; a deck that
// never came is an error.
func TestCardsWriterPieces(t *testing.T) {
	parts := []string{`{"id":"a"}`, ``, `{"id":"b"}`}
	const want = `{"title":"T","format":2,"decks":[{"id":"a"},{"id":"b"}]}` + "\n"
	w := NewCardsWriter("T", len(parts), false)
	for _, i := range []int{2, 1, 0} {
		w.Set(i, []byte(parts[i]))
	}
	pieces, size, sum, err := w.FinishPieces()
	if got := string(bytes.Join(pieces, nil)); err != nil || got != want || size != len(want) || sum != sha256.Sum256([]byte(want)) {
		t.Errorf("%q (%d bytes), %v; want %q", got, size, err, want)
	}
	short := NewCardsWriter("T", 2, false)
	short.Set(1, []byte(`{"id":"z"}`))
	if _, _, _, err := short.FinishPieces(); err == nil {
		t.Error("a deck missing: no error")
	}
}
