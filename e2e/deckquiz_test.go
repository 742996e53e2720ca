package e2e

// Browser tests of quizzes that read their cards from the deck pages
// (assets/js/pagecards.js, quizcards.js): a parent deck's quiz, the quiz
// of all decks loading only the pages it needs, and the cards one flip
// card stands for (cloze numbers, reversed pairs).

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// deckEntry is one deck of data/decks.json.
type deckEntry struct {
	Slug string   `json:"slug"`
	URL  string   `json:"url"`
	IDs  []string `json:"ids"`
	Kids []string `json:"kids"`
}

// readDecks reads the built site's data/decks.json.
func readDecks(t *testing.T, out string) map[string]deckEntry {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(out, "data", "decks.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []deckEntry
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	m := map[string]deckEntry{}
	for _, d := range list {
		m[d.Slug] = d
	}
	return m
}

// seedProgress stores a progress record in which every card of ids was
// reviewed and is due in ten days, except those of due, which are due
// now (the first of them the most overdue).
func (p *studyPage) seedProgress(ids, due []string) {
	p.t.Helper()
	cards := map[string]any{}
	rec := func(d int64) map[string]any {
		return map[string]any{"state": "review", "stability": 20.0, "difficulty": 5.0, "due": d,
			"lastReview": d - 10*studyDay, "reps": 3, "lapses": 0, "scheduledDays": 10}
	}
	for _, id := range ids {
		cards[id] = rec(studyT0 + 10*studyDay)
	}
	for i, id := range due {
		cards[id] = rec(studyT0 - int64(len(due)-i)*studyDay)
	}
	seed, _ := json.Marshal(map[string]any{"schema": 2, "cards": cards, "stars": map[string]any{}, "log": []any{}, "logDropped": 0, "tests": map[string]any{}})
	p.open("index.html", `document.querySelector(".deck-list[data-ready]")`)
	p.eval(`localStorage.setItem("flipdeck:" + new URL(".", location.href).pathname + ":progress", ` + browsertest.JSString(string(seed)) + `), true`)
}

// deckPagesFetched lists the deck pages the page fetched, by slug.
func (p *studyPage) deckPagesFetched() []string {
	p.t.Helper()
	var got []string
	raw := p.str(`JSON.stringify(performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((u) => u.includes("/decks/")))`)
	var paths []string
	_ = json.Unmarshal([]byte(raw), &paths)
	for _, u := range paths {
		got = append(got, strings.TrimSuffix(u[strings.LastIndex(u, "/")+1:], ".html"))
	}
	slices.Sort(got)
	return slices.Compact(got)
}

// TestQuizParentDeck: the quiz of a deck with two subdecks reads both
// subdecks' pages and grades cards of both, and no quiz data file exists.
func TestQuizParentDeck(t *testing.T) {
	out := studyBuild(t, "../content")
	decks := readDecks(t, out)
	p := studyOpenDir(t, out, 390, 844, false, "")
	p.quiz("flipdeck-tour")
	if got := p.str(`document.getElementById("quiz").dataset.pages`); got != "decks/"+keyboardDeck+".html decks/"+syntaxDeck+".html" {
		t.Errorf("data-pages %q", got)
	}
	want := append(append([]string(nil), decks[keyboardDeck].IDs...), decks[syntaxDeck].IDs...)
	if got := p.quizIDs(); !slices.Equal(got, want) {
		t.Fatalf("quiz cards %v, want the two subdecks' %v", got, want)
	}
	if got := p.deckPagesFetched(); !slices.Equal(got, []string{keyboardDeck, syntaxDeck}) {
		t.Errorf("deck pages fetched %v", got)
	}
	if _, err := os.Stat(filepath.Join(out, "data", keyboardDeck+".json")); err == nil {
		t.Error("a quiz data file is still written")
	}
	// Keyboard's 5 cards come first among the new ones; grade 7.
	for range 7 {
		p.wait(`document.getElementById("quiz").dataset.state === "question"`)
		p.key(" ")
		p.key("4")
	}
	recs := p.progress().Cards
	for _, slug := range []string{keyboardDeck, syntaxDeck} {
		n := 0
		for _, id := range decks[slug].IDs {
			if r, ok := recs[id]; ok && r.Reps > 0 {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no card of %s graded: %v", slug, recs)
		}
	}
	if len(recs) != 7 {
		t.Errorf("%d cards recorded, want 7", len(recs))
	}
	p.noErrors()
}

// TestQuizAllDecksLoadsWhatItNeeds: the quiz of all decks reads only the
// deck pages holding the cards its review asks (here two due cards of one
// deck), and the rest when a practice asks for every card.
func TestQuizAllDecksLoadsWhatItNeeds(t *testing.T) {
	out := studyBuild(t, "../content")
	decks := readDecks(t, out)
	var all []string
	for _, d := range decks {
		all = append(all, d.IDs...)
	}
	kinesis := decks[kinesisSlug].IDs
	p := studyOpenDir(t, out, 390, 844, false, "")
	p.seedProgress(all, kinesis[1:3])
	p.quiz("all-decks")
	if q := p.queueIDs(); !slices.Equal(q, kinesis[1:3]) {
		t.Fatalf("all-decks review queue %v, want the two due cards %v", q, kinesis[1:3])
	}
	if got := p.deckPagesFetched(); !slices.Equal(got, []string{kinesisSlug}) {
		t.Errorf("the review fetched deck pages %v, want only %s", got, kinesisSlug)
	}
	// The index's counts and its review share one data/decks.json.
	if n := p.num(`performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/data/decks.json")).length`); n != 1 {
		t.Errorf("data/decks.json fetched %v times on the index, want once", n)
	}
	// The card on screen is the page's: its question and its link.
	if href := p.str(`document.querySelector(".quiz-src a").getAttribute("href")`); href != "decks/"+kinesisSlug+".html#card-"+kinesis[1] { // on the index
		t.Errorf("the card links %q", href)
	}
	p.switchMode("practice", false)
	p.click(".choice[data-set=all]")
	p.wait(`document.getElementById("quiz").dataset.state === "question"`)
	var withCards []string
	for slug, d := range decks {
		if len(d.IDs) > 0 {
			withCards = append(withCards, slug)
		}
	}
	slices.Sort(withCards)
	if got := p.deckPagesFetched(); !slices.Equal(got, withCards) {
		t.Errorf("practising every card fetched %v, want %v", got, withCards)
	}
	if n := int(p.num(`document.getElementById("quiz").quiz.session.q.main.length`)); n != len(all) {
		t.Errorf("practice over %d cards, want %d", n, len(all))
	}
	p.noErrors()
}

// TestQuizCardsOfOneFlipCard: a cloze line with two numbers and a
// reversed pair are one flip card each on the deck page; in the quiz each
// card asks its own question: cloze 2 shows cloze 1's text and hides its
// own, the back of a pair asks the answer.
func TestQuizCardsOfOneFlipCard(t *testing.T) {
	out := studyBuild(t, "../content")
	page, err := os.ReadFile(filepath.Join(out, "decks", syntaxDeck+".html"))
	if err != nil {
		t.Fatal(err)
	}
	cloze := regexp.MustCompile(`data-card-ids="(\S+) (\S+)" data-kind="cloze"`).FindSubmatch(page)
	pair := regexp.MustCompile(`data-card-ids="(\S+) (\S+)" data-kind="reversed"`).FindSubmatch(page)
	if cloze == nil || pair == nil {
		t.Fatal("the syntax deck has no flip card of two clozes or of a reversed pair")
	}
	c1, c2, front, back := string(cloze[1]), string(cloze[2]), string(pair[1]), string(pair[2])
	decks := readDecks(t, out)
	p := studyOpenDir(t, out, 390, 844, false, "")
	p.seedProgress(decks[syntaxDeck].IDs, []string{c2, back, c1, front})
	p.quiz(syntaxDeck)

	type card struct {
		Q, A, Pair, Sib string
		Cloze           []string
	}
	var cards map[string]card
	if err := json.Unmarshal([]byte(p.str(`JSON.stringify(Object.fromEntries(document.getElementById("quiz").quiz.cards.map((c) => [c.id, c])))`)), &cards); err != nil {
		t.Fatal(err)
	}
	gap := `<span class="cloze-gap">[…]</span>`
	wantCards := map[string]card{
		c1:    {Q: "<p>A shard takes in " + gap + " and gives out 2 MB/s.</p>", A: `<p>A shard takes in <mark class="cloze">1 MB/s</mark> and gives out 2 MB/s.</p>`, Sib: c1, Cloze: []string{"1 MB/s"}},
		c2:    {Q: "<p>A shard takes in 1 MB/s and gives out " + gap + ".</p>", A: `<p>A shard takes in 1 MB/s and gives out <mark class="cloze">2 MB/s</mark>.</p>`, Sib: c1, Cloze: []string{"2 MB/s"}},
		front: {Q: "<p>Deck</p>", A: "<p>A named set of cards, chosen with <code>cards-deck:</code> in the frontmatter.</p>", Pair: back, Sib: front},
		back:  {Q: "<p>A named set of cards, chosen with <code>cards-deck:</code> in the frontmatter.</p>", A: "<p>Deck</p>", Pair: front, Sib: front},
	}
	for id, w := range wantCards {
		if g := cards[id]; g.Q != w.Q || g.A != w.A || g.Pair != w.Pair || g.Sib != w.Sib || !slices.Equal(g.Cloze, w.Cloze) {
			t.Errorf("card %s:\n got  %+v\n want %+v", id, g, w)
		}
	}

	// On screen, in the order they are due: cloze 2, the pair's back.
	shown := func(sel string) string {
		return p.str(`document.querySelector(` + browsertest.JSString(sel) + `).innerHTML`)
	}
	for _, id := range []string{c2, back} {
		p.wait(`document.getElementById("quiz").dataset.state === "question"`)
		if p.cardID() != id {
			t.Fatalf("card on screen %s, want %s", p.cardID(), id)
		}
		if got := shown("#quiz-q"); got != wantCards[id].Q {
			t.Errorf("%s question on screen %q, want %q", id, got, wantCards[id].Q)
		}
		p.key(" ")
		if got := shown("#quiz-a .prose"); got != wantCards[id].A {
			t.Errorf("%s answer on screen %q, want %q", id, got, wantCards[id].A)
		}
		p.key("3")
	}
	p.noErrors()
}
