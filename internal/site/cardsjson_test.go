package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// readCards reads a built cards.json of format 2 and lists its cards.
func readCards(t *testing.T, data []byte) []export.Card {
	t.Helper()
	var f export.CardsFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("cards.json: %v", err)
	}
	if f.Format != export.CardsFormat {
		t.Fatalf("cards.json: format %d, want %d", f.Format, export.CardsFormat)
	}
	return f.Cards()
}

// flipCardURLs maps each card id to where its flip card is on the deck
// pages of out (page#id of the first holding it): the URL cards.json
// gave each card in format 1.
func flipCardURLs(t *testing.T, out Output) map[string]string {
	t.Helper()
	urls := map[string]string{}
	for name, page := range out {
		if !strings.HasPrefix(name, "decks/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		z := html.NewTokenizer(bytes.NewReader(page))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken {
				continue
			}
			tok := z.Token()
			if tok.Data != "details" {
				continue
			}
			var id, ids, class string
			for _, a := range tok.Attr {
				switch a.Key {
				case "id":
					id = a.Val
				case "data-card-ids":
					ids = a.Val
				case "class":
					class = a.Val
				}
			}
			if !slices.Contains(strings.Fields(class), "card") {
				continue
			}
			for _, c := range strings.Fields(ids) {
				if _, ok := urls[c]; !ok {
					urls[c] = name + "#" + id
				}
			}
		}
	}
	return urls
}

// TestCardURLs: every card's place on its deck page, derived from its
// deck's page and its anchor (or id), is the flip card that holds it
// (the URL format 1 gave it), for the sample vault, every site fixture
// (some with reversed pairs and cloze lines of several numbers) and the
// synthetic vault of 1,000 notes.
func TestCardURLs(t *testing.T) {
	dirs := map[string]string{"content": filepath.Join("..", "..", "content")}
	fixtures, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range fixtures {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, f := range ar.Files {
			if f.Name != "assert" {
				files[f.Name] = string(f.Data)
			}
		}
		dir := filepath.Join(t.TempDir(), "src")
		writeTree(t, dir, files)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs[strings.TrimSuffix(filepath.Base(file), ".txtar")] = dir
	}
	if !testing.Short() {
		dir := t.TempDir()
		if err := vaultgen.Write(dir, vaultgen.Generate(vaultgen.Config{Notes: 1000, Cards: 10, Seed: 1})); err != nil {
			t.Fatal(err)
		}
		dirs["synthetic-1000"] = dir
	}
	anchored := 0
	for name, dir := range dirs {
		v, _, err := vault.Scan(dir, vault.ScanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out, res := Generate(v, Options{Title: "T", Tags: []string{"card", "fc"}})
		cards := readCards(t, out["cards.json"])
		if len(cards) != res.Cards {
			t.Errorf("%s: cards.json lists %d cards, the build made %d", name, len(cards), res.Cards)
		}
		want := flipCardURLs(t, out)
		for _, c := range cards {
			if c.URL != want[c.ID] {
				t.Errorf("%s: card %s (%q) at %s, its flip card is at %q", name, c.ID, c.Question, c.URL, want[c.ID])
			}
			if !strings.HasSuffix(c.URL, "#card-"+c.ID) {
				anchored++
			}
		}
	}
	if anchored == 0 {
		t.Error("no card has an anchor of another card: the test shows nothing")
	}
}

// TestCardsJSONOwnDeck: a #flashcards/… tag in a note puts the cards
// after it in another deck than the note's, whose page lists them: such
// a card carries its own deck, and no deck object is made for it; a card
// with tags of its own carries its whole list.
func TestCardsJSONOwnDeck(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	writeTree(t, src, map[string]string{
		"Mixed.md":  "---\ncards-deck: Main\ntags: [t1]\n---\nQ1? #card\nA1\n\n#flashcards/Other\n\nQ2? #card #extra\nA2\n",
		"F/Late.md": "Q0? #card\nA0\n\n#flashcards/Else\n\nQ3? #card\nA3\n",
	})
	out := generate(t, src)
	var f export.CardsFile
	if err := json.Unmarshal(out["cards.json"], &f); err != nil {
		t.Fatal(err)
	}
	var decks []string
	for _, d := range f.Decks {
		decks = append(decks, strings.Join(d.Deck, "::")+" "+d.Page)
	}
	if want := []string{"Else decks/else.html", "Main decks/main.html"}; !slices.Equal(decks, want) {
		t.Fatalf("decks %q, want %q\n%s", decks, want, out["cards.json"])
	}
	else_, main := f.Decks[0].Notes[0], f.Decks[1].Notes[0]
	if !slices.Equal(main.Tags, []string{"t1"}) || main.Cards[0].Deck != nil || main.Cards[0].Tags != nil ||
		!slices.Equal(main.Cards[1].Deck, []string{"Other"}) || !slices.Equal(main.Cards[1].Tags, []string{"extra", "t1"}) {
		t.Errorf("Mixed.md: %+v", main)
	}
	if else_.Note != "F/Late.md" || else_.Tags == nil || len(else_.Tags) != 0 ||
		!slices.Equal(else_.Cards[0].Deck, []string{"F"}) || else_.Cards[1].Deck != nil {
		t.Errorf("F/Late.md: %+v", else_)
	}
	byQ := map[string]export.Card{}
	for _, c := range f.Cards() {
		byQ[c.Question] = c
	}
	for q, want := range map[string]string{"Q0?": "F", "Q3?": "Else", "Q1?": "Main", "Q2?": "Other"} {
		if got := strings.Join(byQ[q].Deck, "::"); got != want {
			t.Errorf("%s: deck %q, want %q", q, got, want)
		}
	}
	want := flipCardURLs(t, out)
	for q, c := range byQ {
		if c.URL != want[c.ID] {
			t.Errorf("%s at %s, its flip card at %s", q, c.URL, want[c.ID])
		}
	}
	if !bytes.Contains(out["decks/main.html"], []byte(`data-deck="Other"`)) {
		t.Error("the deck page does not name Q2's deck")
	}
}

// TestCardsJSONCode: a code block in a card keeps its lines in
// cards.json as written (indentation, tabs, aligned spaces, blank lines,
// "<" and "&"), highlighted or not, where the text around it is tidied.
func TestCardsJSONCode(t *testing.T) {
	python := "def total(xs):\n    n = 0\n    for x in xs:\n        if x < 0 and n:\n            continue\n\n\n        n += x   # keep  it\n    return n"
	goCode := "type counter struct {\n\tmu   sync.Mutex\n\tn    int // aligned\n}\n\nfunc (c *counter) inc() {\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\tc.n++\n}"
	plain := "  indented\n\tand  tabbed &amp;"
	src := filepath.Join(t.TempDir(), "src")
	writeTree(t, src, map[string]string{
		"Code.md": "---\ncards-deck: Code\n---\n" +
			"What does  total skip? #card\n```python\n" + python + "\n```\n\n" +
			"How is a Go counter made safe? #card\nWith a mutex:\n```go\n" + goCode + "\n```\nand  nothing else.\n\n" +
			"A block without a language? #card\n```\n" + plain + "\n```\n",
	})
	cards := readCards(t, generate(t, src)["cards.json"])
	want := map[string]string{
		"What does total skip?":          python,
		"How is a Go counter made safe?": "With a mutex:\n\n" + goCode + "\n\nand nothing else.",
		"A block without a language?":    plain,
	}
	if len(cards) != len(want) {
		t.Fatalf("%d cards, want %d: %+v", len(cards), len(want), cards)
	}
	for _, c := range cards {
		if w, ok := want[c.Question]; !ok {
			t.Errorf("unexpected card %q", c.Question)
		} else if c.Answer != w {
			t.Errorf("%s: answer\n%s\nwant\n%s", c.Question, c.Answer, w)
		}
	}
}
