package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// sampleDeck is a deck of the synthetic vault's kind: a note whose cards
// mostly have its tags, one card with its own, one (the other side of a
// reversed pair) on another card's flip card, and one under another deck
// than the one it is listed under (a #flashcards tag in the note).
func sampleDeck() DeckRecord {
	tags := []string{"algorithms", "algorithms/lecture-notes"}
	return DeckRecord{Deck: []string{"Algorithms", "Graph Algorithms", "Lecture Notes"},
		Page: "decks/algorithms--graph-algorithms--lecture-notes.html",
		Notes: []NoteRecord{
			{Note: "Algorithms/Graph Algorithms/Lecture Notes/Bayes Theorem 1266.md", Tags: tags, Cards: []CardRecord{
				{ID: "b1650012764488", Line: 19, Kind: "basic",
					Question: "How is a false positive implemented in Bayes Theorem 1266, part 1?",
					Answer:   "The root replicates the sorted run in the worst case.\n\nTip\n\nThe root stores a single partition."},
				{ID: "q2", Line: 40, Kind: "reversed", Tags: []string{"exam", "algorithms", "algorithms/lecture-notes"}, Question: "x < y & z", Answer: "\"quoted\""},
				{ID: "q3", Anchor: "card-q2", Line: 40, Kind: "reversed", Question: "\"quoted\"", Answer: "x < y & z"},
				{ID: "q4", Line: 52, Kind: "inline", Deck: []string{"Elsewhere"}, Tags: []string{}, Question: "Q", Answer: "A"},
			}},
			{Note: "Algorithms/Graph Algorithms/Lecture Notes/Empty.md", Tags: []string{}},
			{Note: "Algorithms/Graph Algorithms/Lecture Notes/Plain.md", Tags: []string{}, Cards: []CardRecord{{ID: "p1", Line: 3, Kind: "cloze"}}},
		}}
}

// TestDeckJSON: a deck's piece is the same whether made in one go or
// joined from its notes' pieces, leaves out notes without cards, writes
// HTML characters as they are (the file is read with fetch, not put in
// a page), says a card's deck, tags and anchor only when they are its
// own, and reads back into the cards of format 1.
func TestDeckJSON(t *testing.T) {
	d := sampleDeck()
	var pieces [][]byte
	for _, n := range d.Notes {
		pieces = append(pieces, NoteJSON(n))
	}
	if pieces[1] != nil {
		t.Errorf("a note without cards gives %q, want nil", pieces[1])
	}
	joined := DeckJSON(d.Deck, d.Page, pieces)
	whole := DeckRecordJSON(d)
	if !bytes.Equal(joined, whole) {
		t.Fatalf("joined from notes:\n%s\nin one go:\n%s", joined, whole)
	}
	const want = `{"deck":["Algorithms","Graph Algorithms","Lecture Notes"],"page":"decks/algorithms--graph-algorithms--lecture-notes.html","notes":[` +
		`{"note":"Algorithms/Graph Algorithms/Lecture Notes/Bayes Theorem 1266.md","tags":["algorithms","algorithms/lecture-notes"],"cards":[` +
		`{"id":"b1650012764488","line":19,"kind":"basic","question":"How is a false positive implemented in Bayes Theorem 1266, part 1?","answer":"The root replicates the sorted run in the worst case.\n\nTip\n\nThe root stores a single partition."},` +
		`{"id":"q2","line":40,"kind":"reversed","tags":["exam","algorithms","algorithms/lecture-notes"],"question":"x < y & z","answer":"\"quoted\""},` +
		`{"id":"q3","anchor":"card-q2","line":40,"kind":"reversed","question":"\"quoted\"","answer":"x < y & z"},` +
		`{"id":"q4","line":52,"kind":"inline","deck":["Elsewhere"],"tags":[],"question":"Q","answer":"A"}]},` +
		`{"note":"Algorithms/Graph Algorithms/Lecture Notes/Plain.md","tags":[],"cards":[{"id":"p1","line":3,"kind":"cloze","question":"","answer":""}]}]}`
	if string(whole) != want {
		t.Errorf("deck piece:\n got %s\nwant %s", whole, want)
	}
	if DeckJSON(d.Deck, d.Page, [][]byte{nil, nil}) != nil || DeckRecordJSON(DeckRecord{Deck: d.Deck, Notes: d.Notes[1:2]}) != nil {
		t.Error("a deck without cards gives a piece")
	}

	w := NewCardsWriter("T", 2, false)
	w.Set(1, nil)
	w.Set(0, whole)
	data, _, err := w.Finish()
	if err != nil {
		t.Fatal(err)
	}
	var f CardsFile
	if err := json.Unmarshal(data, &f); err != nil || f.Format != CardsFormat || f.Title != "T" {
		t.Fatalf("cards.json %s: %v, format %d", data, err, f.Format)
	}
	deck, page := d.Deck, d.Page
	note, plain := d.Notes[0].Note, d.Notes[2].Note
	tags := d.Notes[0].Tags
	wantCards := []Card{
		{ID: "b1650012764488", Deck: deck, Note: note, Line: 19, Kind: "basic", Tags: tags,
			Question: d.Notes[0].Cards[0].Question, Answer: d.Notes[0].Cards[0].Answer, URL: page + "#card-b1650012764488"},
		{ID: "q2", Deck: deck, Note: note, Line: 40, Kind: "reversed", Tags: []string{"exam", "algorithms", "algorithms/lecture-notes"},
			Question: "x < y & z", Answer: `"quoted"`, URL: page + "#card-q2"},
		{ID: "q3", Deck: deck, Note: note, Line: 40, Kind: "reversed", Tags: tags, Question: `"quoted"`, Answer: "x < y & z", URL: page + "#card-q2"},
		{ID: "q4", Deck: []string{"Elsewhere"}, Note: note, Line: 52, Kind: "inline", Tags: []string{}, Question: "Q", Answer: "A", URL: page + "#card-q4"},
		{ID: "p1", Deck: deck, Note: plain, Line: 3, Kind: "cloze", Tags: []string{}, URL: page + "#card-p1"},
	}
	if got := f.Cards(); !reflect.DeepEqual(got, wantCards) {
		t.Errorf("cards:\n got %+v\nwant %+v", got, wantCards)
	}
}

// A note's piece and a deck's are sized before they are written, so
// that their buffer is made once: for records of the synthetic vault the
// estimate must hold what is written.
func TestRecordsSize(t *testing.T) {
	d := sampleDeck()
	n := d.Notes[0]
	for _, cards := range [][]CardRecord{n.Cards[:1], n.Cards, append(n.Cards, n.Cards...), {{ID: "a"}}} {
		nr := NoteRecord{Note: n.Note, Tags: n.Tags, Cards: cards}
		if got, est := len(NoteJSON(nr)), nr.jsonSize(); got > est {
			t.Errorf("%d cards: wrote %d bytes, estimated %d", len(cards), got, est)
		}
	}
}
