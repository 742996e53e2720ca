package site

import (
	"crypto/sha256"
	"encoding/json"
	"testing"
)

// TestCardsWriter: whatever order the decks finish in, cards.json has
// their records in deck order, commas only between records, the hash of
// what it holds, in memory or through a temporary file; a deck that
// never came (a stopped build) is an error, not a short file.
func TestCardsWriter(t *testing.T) {
	parts := []string{`{"id":"a"}`, ``, `{"id":"b"},{"id":"c"}`, ``, `{"id":"d"}`}
	const want = `{"title":"T \"1\"","cards":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}]}` + "\n"
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
		w := newCardsWriter(`T "1"`, len(parts), c.spool)
		if c.spool && w.file == nil {
			t.Fatalf("%s: no temporary file", c.name)
		}
		for _, i := range c.order {
			w.set(i, []byte(parts[i]))
		}
		f, err := w.finish()
		w.close()
		if !c.ok {
			if err == nil {
				t.Errorf("%s: no error, file %q", c.name, f.data)
			}
			continue
		}
		if err != nil || string(f.data) != want || f.sum != sha256.Sum256([]byte(want)) {
			t.Errorf("%s: %q, %v (hash right: %v); want %q", c.name, f.data, err, f.sum == sha256.Sum256(f.data), want)
		}
		if !json.Valid(f.data) {
			t.Errorf("%s: not JSON", c.name)
		}
	}
	empty := newCardsWriter("E", 0, false)
	if f, err := empty.finish(); err != nil || string(f.data) != `{"title":"E","cards":[]}`+"\n" {
		t.Errorf("no decks: %q, %v", f.data, err)
	}
}
