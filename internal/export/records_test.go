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
