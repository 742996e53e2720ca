package layout

import (
	"encoding/json"
	"html/template"
)

// deckCards is what a page embeds of its decks' cards for its script
// (dom.js readDeckCards): {"own": {slug: [ids]}, "kids": {slug:
// [slugs]}}, each id listed once, under its own deck. (The reversed
// pairs among them, which only the deck lists' counts need, come with
// data/decks.json.)
type deckCards struct {
	Own  map[string][]string `json:"own"`
	Kids map[string][]string `json:"kids"`
}

// add lists d's own cards and d's subdecks' slugs.
func (dc *deckCards) add(d *DeckNode) {
	dc.Own[d.Slug] = d.OwnCardIDs // null when none
	if len(d.Children) > 0 {
		kids := make([]string, len(d.Children))
		for i, c := range d.Children {
			kids[i] = c.Slug
		}
		dc.Kids[d.Slug] = kids
	}
}

func newDeckCards() *deckCards {
	return &deckCards{Own: map[string][]string{}, Kids: map[string][]string{}}
}

// OwnCardsJSON is what a deck page embeds of its cards (templates/
// deck.html): deckCards of its own deck alone, the ids of its own notes'
// cards and its subdecks' slugs, not their cards. That is what its flip
// cards and, for a deck with no subdecks, its progress bar need at once.
// The ids of a parent deck's subtree (1,600 random-looking ids on a
// 1,000-note vault's top-level deck, 13 KB of gzip that barely
// compresses) come from data/decks.json, which the page script loads
// for the subtree's progress bar and the subdecks' rows (deck.js,
// decklist.js wireSubdecks) and the service worker keeps offline.
//
// Each id is listed once, under its own deck; the page script puts
// subtrees together (dom.js readDeckCards). No other page embeds card
// ids: the index and the statistics page take every deck's from
// data/decks.json (decksdata.js), so that the precache holds them once.
func (p DeckPage) OwnCardsJSON() template.JS {
	dc := newDeckCards()
	dc.add(p.Deck)
	return scriptJSON(dc)
}

// DecksDataURL is the list of every deck with its cards, which a quiz
// page loads at the end of a session to offer the next deck with cards
// to study, the all-decks quiz to know which deck pages hold the cards it
// asks, a deck page with subdecks to count their cards, and a deck page
// to gather its top-level deck's cards for Anki.
const DecksDataURL = "data/decks.json"

// DeckListEntry is one deck in data/decks.json.
type DeckListEntry struct {
	Slug  string      `json:"slug"`
	Name  string      `json:"name"`           // "A › B › C"
	Title string      `json:"title"`          // "C", the deck's own name
	URL   string      `json:"url"`            // its page, root-relative
	Quiz  string      `json:"quiz,omitempty"` // root-relative; none when the deck has no cards
	Notes int         `json:"notes,omitempty"`
	IDs   []string    `json:"ids"`             // the cards of the deck's own notes
	Pairs [][2]string `json:"pairs,omitempty"` // reversed pairs among IDs
	Kids  []string    `json:"kids,omitempty"`  // subdecks' slugs
}

// DecksJSON is data/decks.json: every deck, in tree order (each deck before its
// subdecks), with the ids of its own cards and its subdecks' slugs: what
// the quiz needs to offer the next deck, and what the index needs for
// today's counts and to make the rows of subdecks it leaves out
// (deckrows.go; notes for merging chains as DeckRows does).
func DecksJSON(t *Tree) []byte {
	var list []DeckListEntry
	t.Walk(func(d *DeckNode) {
		e := DeckListEntry{Slug: d.Slug, Name: d.Trail(), Title: d.Name, URL: d.URL, Notes: d.NoteCount,
			IDs: d.OwnCardIDs, Pairs: d.OwnPairs}
		if e.IDs == nil {
			e.IDs = []string{}
		}
		if d.CardCount > 0 {
			e.Quiz = d.QuizURL
		}
		for _, c := range d.Children {
			e.Kids = append(e.Kids, c.Slug)
		}
		list = append(list, e)
	})
	b, err := json.Marshal(list)
	if err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return b
}

// scriptJSON marshals v for a <script type="application/json"> element.
// encoding/json escapes <, > and & as \u003c…, so no "</script>" or
// "<!--" can appear in the output and end the element early.
func scriptJSON(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return template.JS(b)
}

// QuizPageURLs lists the deck pages (root-relative) whose flip cards a
// quiz over d asks: those of d's subtree with cards of their own, in deck
// order. The deck pages are the one copy of every card's HTML, readable
// without JavaScript and kept offline anyway; the quiz reads its cards
// from them (pagecards.js).
func QuizPageURLs(d *DeckNode) []string {
	var urls []string
	var rec func(*DeckNode)
	rec = func(d *DeckNode) {
		if d.OwnCards > 0 {
			urls = append(urls, d.URL)
		}
		for _, c := range d.Children {
			rec(c)
		}
	}
	rec(d)
	return urls
}
