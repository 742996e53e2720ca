package export

import (
	"bytes"
	"encoding/json"
)

// CardsFormat is the shape of cards.json, its "format": 2 nests each
// card under its deck and note, which are said once; 1 (a file with no
// "format") was a flat list of cards, each with its deck, note, tags
// and URL.
const CardsFormat = 2

// CardsFile is the whole of cards.json: every deck that has cards of
// its own, in the order of the deck pages.
type CardsFile struct {
	Title  string       `json:"title"`
	Format int          `json:"format"`
	Decks  []DeckRecord `json:"decks"`
}

// DeckRecord is one deck and its notes with cards, in page order.
type DeckRecord struct {
	Deck  []string     `json:"deck"`  // its levels, outermost first
	Page  string       `json:"page"`  // the deck page, relative to the site root
	Notes []NoteRecord `json:"notes"` // those with cards
}

// NoteRecord is one note and its cards, in source order.
type NoteRecord struct {
	Note  string       `json:"note"` // source path relative to the vault
	Tags  []string     `json:"tags"` // what a card without its own "tags" has; [] when none
	Cards []CardRecord `json:"cards"`
}

// CardRecord is one card. Deck and Tags are nil (left out) when they are
// those of the deck and note it is listed under, else the card's whole
// list (Tags may then be empty, written []); Anchor is empty (left out)
// when the card's flip card has its id.
type CardRecord struct {
	ID string `json:"id"`
	// Anchor is the fragment of the card's flip card on the deck page
	// when that is not "card-"+ID: the two sides of a reversed pair and
	// the numbers of a cloze line share one flip card, the first's.
	Anchor   string   `json:"anchor,omitempty"`
	Line     int      `json:"line"`
	Kind     string   `json:"kind"`
	Deck     []string `json:"deck,omitzero"`
	Tags     []string `json:"tags,omitzero"`
	Question string   `json:"question"` // plain text
	Answer   string   `json:"answer"`   // plain text
}

// Fragment is the id of the card's flip card on its deck page.
func (c *CardRecord) Fragment() string {
	if c.Anchor != "" {
		return c.Anchor
	}
	return "card-" + c.ID
}

// Card is one card with what its deck and note say of it: a record of
// format 1.
type Card struct {
	ID       string
	Deck     []string
	Note     string
	Line     int
	Kind     string
	Tags     []string
	Question string
	Answer   string
	URL      string // the card on its deck page, relative to the site root
}

// Cards lists every card of f, in order, each with its deck, note, tags
// and URL filled in.
func (f *CardsFile) Cards() []Card {
	var out []Card
	for _, d := range f.Decks {
		for _, n := range d.Notes {
			for i := range n.Cards {
				c := &n.Cards[i]
				deck, tags := c.Deck, c.Tags
				if deck == nil {
					deck = d.Deck
				}
				if tags == nil {
					tags = n.Tags
				}
				out = append(out, Card{ID: c.ID, Deck: deck, Note: n.Note, Line: c.Line, Kind: c.Kind, Tags: tags,
					Question: c.Question, Answer: c.Answer, URL: d.Page + "#" + c.Fragment()})
			}
		}
	}
	return out
}

// fileJSON marshals v for a .json file of the site (cards.json) into a
// buffer of size bytes, about what it takes.
//
// json.Marshal escapes <, > and & as \u003c and so on, which HTML inside
// a <script> needs (the pages' data) but a file read with fetch and JSON.parse
// does not; in card HTML those escapes made the files about a third
// bigger. One encoder per note, rather than one per card and a copy of
// each card's JSON, cut what a build allocates by 3 %.
func fileJSON(v any, size int) []byte {
	b := bytes.NewBuffer(make([]byte, 0, size))
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// joinFragments returns open, the non-empty frags separated by commas,
// and close, in one buffer allocated at its final size. A deck's piece
// is joined from per-note pieces (the memo keeps those between builds);
// growing a buffer by doubling instead allocated about twice each
// file's size, a fifth of everything a large build allocated.
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

// NoteJSON is one note's piece of cards.json, its object, to be joined
// with the other notes of its deck (DeckJSON); nil when it has no cards.
// Tags must not be nil.
func NoteJSON(n NoteRecord) []byte {
	if len(n.Cards) == 0 {
		return nil
	}
	return fileJSON(n, n.jsonSize())
}

// DeckJSON is one deck's piece of cards.json, its object, made from the
// pieces of its notes (NoteJSON), leaving out empty ones, to be handed
// to CardsWriter.Set; nil when no note has cards.
func DeckJSON(deck []string, page string, notes [][]byte) []byte {
	empty := true
	for _, n := range notes {
		empty = empty && len(n) == 0
	}
	if empty {
		return nil
	}
	head := fileJSON(DeckRecord{Deck: deck, Page: page, Notes: []NoteRecord{}}, 64+deckPathSize(deck)+len(page))
	// head ends `[]}`: the notes go between the brackets.
	open := string(head[:len(head)-2])
	return joinFragments(open, notes, "]}")
}

// DeckRecordJSON is what DeckJSON makes of d's notes' NoteJSON, made in
// one go: a build that keeps no note's piece for the next saves a copy
// of each. Notes without cards are left out; nil when none has any.
func DeckRecordJSON(d DeckRecord) []byte {
	size := 64 + deckPathSize(d.Deck) + len(d.Page)
	var notes []NoteRecord // d.Notes without those with no cards, if any
	for i := range d.Notes {
		n := &d.Notes[i]
		if len(n.Cards) == 0 && notes == nil {
			notes = append(make([]NoteRecord, 0, len(d.Notes)), d.Notes[:i]...)
		} else if len(n.Cards) > 0 {
			size += n.jsonSize() + 1
			if notes != nil {
				notes = append(notes, *n)
			}
		}
	}
	if notes != nil {
		d.Notes = notes
	}
	if len(d.Notes) == 0 {
		return nil
	}
	return fileJSON(d, size)
}

func deckPathSize(deck []string) int {
	n := 0
	for _, d := range deck {
		n += len(d) + 3
	}
	return n
}

// jsonSize is about how many bytes n takes as JSON, a little more when
// its text needs few escapes: the buffer of a note's piece is made at
// its size once.
func (n *NoteRecord) jsonSize() int {
	size := 40 + len(n.Note)*9/8 + deckPathSize(n.Tags)
	for i := range n.Cards {
		size += n.Cards[i].jsonSize()
	}
	return size
}

// jsonSize is about how many bytes c takes as JSON, a little more when
// its text needs few escapes. (Counting only the question and the
// answer, the size was too small, and the buffer grew again: 2 % of
// what a 5,000-note build allocated.)
func (c *CardRecord) jsonSize() int {
	// Field names, quotes, commas, brackets and the line number.
	n := 70 + len(c.ID) + len(c.Kind)
	if c.Anchor != "" {
		n += 12 + len(c.Anchor)
	}
	if c.Deck != nil {
		n += 9 + deckPathSize(c.Deck)
	}
	if c.Tags != nil {
		n += 9 + deckPathSize(c.Tags)
	}
	// Text escapes some characters (new lines, quotes).
	return n + (len(c.Question)+len(c.Answer))*9/8
}
