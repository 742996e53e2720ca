package site

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/flipdeck/flipdeck/internal/corpus"
	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// pageFlipCardIDs lists, in page order, the card ids of a deck page's flip
// cards (<details class="card" data-card-ids="…">): the cards a quiz
// reads from the page (assets/js/pagecards.js).
func pageFlipCardIDs(t *testing.T, page []byte) []string {
	t.Helper()
	var ids []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ids
		case html.StartTagToken:
			tok := z.Token()
			if tok.Data != "details" {
				continue
			}
			class, cardIDs, has := "", "", false
			for _, a := range tok.Attr {
				switch a.Key {
				case "class":
					class = a.Val
				case "data-card-ids":
					cardIDs, has = a.Val, true
				}
			}
			if has && slices.Contains(strings.Fields(class), "card") {
				ids = append(ids, strings.Fields(cardIDs)...)
			}
		}
	}
}

// TestDeckPagesHoldEveryCard: quizzes and the Anki export read their
// cards from the deck pages, and progress is keyed by card id. Every
// card of cards.json is on exactly one deck page, under the same id, in
// the same order, and each deck page holds exactly the cards
// data/decks.json gives its deck (the all-decks quiz finds pages by it),
// for the sample vault and the real-world corpus.
func TestDeckPagesHoldEveryCard(t *testing.T) {
	dirs := append([]string{filepath.Join("..", "..", "content")}, corpus.VaultDirs()...)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			v, _, err := vault.Scan(dir, vault.ScanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out, res := Generate(v, Options{Title: "T", Tags: []string{"card", "fc"}})
			var cj export.CardsFile
			if err := json.Unmarshal(out["cards.json"], &cj); err != nil {
				t.Fatal(err)
			}
			var decks []layout.DeckListEntry
			if err := json.Unmarshal(out[layout.DecksDataURL], &decks); err != nil && res.Cards > 0 {
				t.Fatal(err)
			}
			var onPages []string
			for _, d := range decks {
				page, ok := out[d.URL]
				if !ok {
					t.Fatalf("decks.json names %s, which is not written", d.URL)
				}
				ids := pageFlipCardIDs(t, page)
				if !slices.Equal(ids, d.IDs) && len(ids)+len(d.IDs) > 0 {
					t.Errorf("%s holds cards %q, decks.json gives %q", d.URL, ids, d.IDs)
				}
				onPages = append(onPages, ids...)
			}
			var want []string
			for _, c := range cj.Cards() {
				want = append(want, c.ID)
			}
			if !slices.Equal(onPages, want) {
				t.Errorf("the deck pages hold %d cards, cards.json %d; first difference at %d", len(onPages), len(want), firstDiff(onPages, want))
			}
			if len(want) != res.Cards {
				t.Errorf("cards.json lists %d cards, the build made %d", len(want), res.Cards)
			}
			t.Logf("%d cards on %d deck pages", len(onPages), len(decks))
		})
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestCardIDsNotOnSitePages: the service worker precaches every page, so
// a card id held by the index, or the statistics page would
// be downloaded twice (data/decks.json lists them all, and those pages
// read it). Only deck pages, which show the cards, and the data files
// hold ids.
func TestCardIDsNotOnSitePages(t *testing.T) {
	v, _, err := vault.Scan(filepath.Join("..", "..", "content"), vault.ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, res := Generate(v, Options{Title: "T"})
	var decks []layout.DeckListEntry
	if err := json.Unmarshal(out[layout.DecksDataURL], &decks); err != nil {
		t.Fatal(err)
	}
	pages := []string{"index.html", "stats.html"}
	for name := range out {
		if strings.HasPrefix(name, "quiz/") {
			pages = append(pages, name)
		}
	}
	slices.Sort(pages)
	n := 0
	for _, d := range decks {
		for _, id := range d.IDs {
			n++
			for _, p := range pages {
				if bytes.Contains(out[p], []byte(id)) {
					t.Errorf("%s holds card id %s (of %s)", p, id, d.URL)
				}
			}
		}
	}
	if n == 0 || n != res.Cards {
		t.Fatalf("decks.json lists %d card ids, the build made %d cards", n, res.Cards)
	}
}
