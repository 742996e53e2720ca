package layout

import (
	"strconv"
	"testing"

	"github.com/flipdeck/flipdeck/internal/notes"
)

// TestFlipCardIDs: each card links to the flip card that shows it, the
// first card of the first segment holding it, worked out in one pass
// over the segments (issue 15: looking every card up in every segment
// took minutes for a note of 200,000 cards; bench/hostile's cards-200k).
func TestFlipCardIDs(t *testing.T) {
	n := &notes.Note{}
	for i := range 6 {
		n.Cards = append(n.Cards, notes.Card{ID: "c" + strconv.Itoa(i)})
	}
	n.Segments = []notes.Segment{
		{Text: "reading"},
		{Cards: []int{0}},
		{Cards: []int{1, 2}}, // a reversed pair: one flip card
		{Cards: []int{3, 2}}, // a later segment does not take card 2
		{Cards: []int{4, 99}},
	}
	// Card 5 is in no segment: its own id.
	want := []string{"c0", "c1", "c1", "c3", "c4", "c5"}
	wantShared := []bool{false, true, true, true, true, false}
	got, shared := FlipCardIDs(n)
	if len(got) != len(want) {
		t.Fatalf("got %d ids, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("card %d: flip card %q, want %q", i, got[i], want[i])
		}
		if shared[i] != wantShared[i] {
			t.Errorf("card %d: shared %v, want %v", i, shared[i], wantShared[i])
		}
	}

	// A note of many cards, each its own segment.
	const many = 200000
	n = &notes.Note{Cards: make([]notes.Card, many), Segments: make([]notes.Segment, many)}
	for i := range many {
		n.Cards[i].ID = strconv.Itoa(i)
		n.Segments[i].Cards = []int{i}
	}
	ids, _ := FlipCardIDs(n)
	for i, id := range ids {
		if id != n.Cards[i].ID {
			t.Fatalf("card %d: flip card %q", i, id)
		}
	}
}
