package export

import (
	"bytes"
	"encoding/json"
)

// fileJSONElements marshals the slice elems for a .json file of the site
// (cards.json) and returns it without its brackets: the
// elements comma-separated, to be joined with other notes' into one
// array. size is about how many bytes the JSON takes.
//
// json.Marshal escapes <, > and & as \u003c and so on, which HTML inside
// a <script> needs (the pages' data) but a file read with fetch and JSON.parse
// does not; in card HTML those escapes made the files about a third
// bigger. One encoder per note, rather than one per card and a copy of
// each card's JSON, cut what a build allocates by 3 %.
func fileJSONElements[T any](elems []T, size int) []byte {
	if len(elems) == 0 {
		return nil
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(elems); err != nil {
		panic(err) // only our own plain types are marshalled
	}
	j := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	return j[1 : len(j)-1]
}

// joinFragments returns open, the non-empty frags separated by commas,
// and close, in one buffer allocated at its final size. The files of a
// deck are joined from per-note pieces (the memo keeps those between
// builds); growing a buffer by doubling instead allocated about twice
// each file's size, a fifth of everything a large build allocates.
func joinFragments(open string, frags [][]byte, close string) []byte {
	size := len(open) + len(close)
	for _, f := range frags {
		size += len(f) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, open...)
	first := true
	for _, f := range frags {
		if len(f) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		b = append(b, f...)
		first = false
	}
	return append(b, close...)
}

// Records is one note's piece of cards.json: recs as JSON, comma-separated
// and without brackets, to be joined with other notes' (JoinRecords) and
// handed to CardsWriter.Set.
func Records(recs []CardRecord) []byte {
	return fileJSONElements(recs, recordsSize(recs))
}

// JoinRecords joins pieces made by Records, leaving out empty ones, into
// one piece (a deck's).
func JoinRecords(pieces [][]byte) []byte { return joinFragments("", pieces, "") }

// recordsSize is about how many bytes Records makes of recs.
func recordsSize(recs []CardRecord) int {
	size := 0
	for i := range recs {
		size += recs[i].jsonSize()
	}
	return size
}

// jsonSize is about how many bytes r takes as JSON, a little more when
// its text needs few escapes: the buffer of a note's records is made at
// its size once. (Counting only the question and the answer, it was too
// small for the deck, note, tags and URL, and the buffer grew again:
// 2 % of what a 5,000-note build allocated.)
func (r *CardRecord) jsonSize() int {
	// Field names, quotes, commas, brackets and the line number.
	n := 110 + len(r.ID) + len(r.Note) + len(r.Kind) + len(r.URL)
	for _, d := range r.Deck {
		n += len(d) + 3
	}
	for _, t := range r.Tags {
		n += len(t) + 3
	}
	// Text escapes some characters (new lines, quotes).
	return n + (len(r.Question)+len(r.Answer))*9/8
}
