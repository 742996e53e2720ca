package layout

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestOwnCardsJSON: a deck page embeds the ids of its own deck's cards
// and its subdecks' slugs, not their cards (they come from
// data/decks.json).
func TestOwnCardsJSON(t *testing.T) {
	leaf := &DeckNode{Slug: "a--b--c", OwnCardIDs: []string{"c1", "c2"}, OwnPairs: [][2]string{{"c1", "c2"}}}
	b := &DeckNode{Slug: "a--b", OwnCardIDs: []string{"b1"}, Children: []*DeckNode{leaf}}
	a := &DeckNode{Slug: "a", Children: []*DeckNode{b}}
	type cards struct {
		Own  map[string][]string
		Kids map[string][]string
	}
	read := func(s string) (c cards, raw map[string]json.RawMessage) {
		t.Helper()
		if err := json.Unmarshal([]byte(s), &c); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		json.Unmarshal([]byte(s), &raw)
		return c, raw
	}
	for _, tc := range []struct {
		deck      *DeckNode
		own, kids string
	}{
		{a, `map[a:[]]`, `map[a:[a--b]]`},
		{b, `map[a--b:[b1]]`, `map[a--b:[a--b--c]]`},
		{leaf, `map[a--b--c:[c1 c2]]`, `map[]`},
	} {
		s := string(DeckPage{Deck: tc.deck}.OwnCardsJSON())
		c, raw := read(s)
		if got := fmtMap(c.Own); got != tc.own {
			t.Errorf("%s's page: own %s, want %s (%s)", tc.deck.Slug, got, tc.own, s)
		}
		if got := fmtMap(c.Kids); got != tc.kids {
			t.Errorf("%s's page: kids %s, want %s (%s)", tc.deck.Slug, got, tc.kids, s)
		}
		if _, ok := raw["pairs"]; ok {
			t.Errorf("%s's page embeds pairs: %s", tc.deck.Slug, s)
		}
	}
}

// fmtMap prints m with its keys sorted.
func fmtMap(m map[string][]string) string { return fmt.Sprint(m) }
