package export

import (
	"encoding/json"
	"testing"
)

// TestRecords: a note's records are JSON array elements without the
// brackets, with HTML characters left as they are (the file is read
// with fetch, not put in a page), and joining leaves empty pieces out,
// so that no comma stands alone.
func TestRecords(t *testing.T) {
	a := Records([]CardRecord{{ID: "a", Question: "x < y & z", Tags: []string{}}})
	b := Records(nil)
	c := Records([]CardRecord{{ID: "c"}, {ID: "d"}})
	const wantA = `{"id":"a","deck":null,"note":"","line":0,"kind":"","tags":[],"question":"x < y & z","answer":"","url":""}`
	if string(a) != wantA {
		t.Errorf("Records:\n got %s\nwant %s", a, wantA)
	}
	if b != nil {
		t.Errorf("Records(nil) = %q, want nil", b)
	}
	joined := JoinRecords([][]byte{b, a, b, c, b})
	var recs []CardRecord
	if err := json.Unmarshal(append(append([]byte("["), joined...), ']'), &recs); err != nil {
		t.Fatalf("joined pieces are not one array's elements: %v\n%s", err, joined)
	}
	if len(recs) != 3 || recs[0].ID != "a" || recs[1].ID != "c" || recs[2].ID != "d" {
		t.Errorf("joined records %+v, want a, c, d", recs)
	}
}

// A note's records are sized before they are written, so that their
// buffer is made once: for records of the synthetic vault the estimate
// must hold what is written.
func TestRecordsSize(t *testing.T) {
	rec := CardRecord{ID: "b1650012764488", Deck: []string{"Algorithms", "Graph Algorithms", "Lecture Notes"},
		Note: "Algorithms/Graph Algorithms/Lecture Notes/Bayes Theorem 1266.md", Line: 19, Kind: "basic",
		Tags:     []string{"algorithms", "algorithms/lecture-notes"},
		Question: "How is a false positive implemented in Bayes Theorem 1266, part 1?",
		Answer:   "The root replicates the sorted run in the worst case.\n\nTip\n\nThe root stores a single partition.",
		URL:      "decks/algorithms--graph-algorithms--lecture-notes.html#card-b1650012764488"}
	for _, recs := range [][]CardRecord{{rec}, {rec, rec, rec}, {{ID: "a"}}} {
		if got, est := len(Records(recs)), recordsSize(recs); got > est {
			t.Errorf("%d records: wrote %d bytes, estimated %d", len(recs), got, est)
		}
	}
}
