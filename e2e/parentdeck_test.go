package e2e

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// A parent deck's page holds the card ids of its own deck only; its
// subdecks' come from data/decks.json after the page (deck.js,
// decklist.js wireSubdecks), for its progress bar over the whole subtree
// and its subdecks' rows. These tests grade cards in two subdecks of the
// sample's "Flipdeck Tour" (no notes of its own; Syntax and Keyboard
// below it) and check that its page counts them as the index and the
// subdecks' own pages do, online and offline.

// holdDecks, run before every page's scripts, holds back the page's
// fetch of data/decks.json when the page's URL has "?hold", until
// window.__release() is called: what the page shows before the list
// arrives can be looked at.
const holdDecks = `if (location.search.includes("hold")) {
  const fetch0 = window.fetch;
  let release;
  const gate = new Promise((r) => { release = r; });
  window.__release = () => { release(); return true; };
  window.fetch = (u, o) => String(u).includes("data/decks.json") ? gate.then(() => fetch0(u, o)) : fetch0(u, o);
}`

// deckBar reads the counts of the deck page's own progress bar.
func (p *studyPage) deckBar() string {
	p.t.Helper()
	return p.str(`(d => ["new", "learning", "due", "young", "mature"].map((k) => k + " " + d[k]).join(", "))(document.querySelector(".deck-header .deck-progress").dataset)`)
}

// deckBarCounts reads the deck page's own progress bar as numbers.
func (p *studyPage) deckBarCounts() map[string]int {
	p.t.Helper()
	return browsertest.Eval[map[string]int](p.t, p.ctx, `(d => Object.fromEntries(["new", "learning", "due", "young", "mature"].map((k) => [k, Number(d[k])])))(document.querySelector(".deck-header .deck-progress").dataset)`)
}

// subdecksTop is where the subdecks' list starts on the page: it moves if
// anything above it changes size (by a fraction of a pixel when the
// place kept for the bar is rounded otherwise than the bar's lines).
func (p *studyPage) subdecksTop() float64 {
	p.t.Helper()
	return p.num(`document.querySelector(".subdecks").getBoundingClientRect().top + scrollY`)
}

// gradeTwoSubdecks studies two cards of Syntax and one of Keyboard with
// Good, in their quizzes.
func (p *studyPage) gradeTwoSubdecks() {
	p.t.Helper()
	p.quiz(syntaxDeck)
	p.tapStudy(2, "good")
	p.quiz(keyboardDeck)
	p.tapStudy(1, "good")
}

// checkParentCounts opens the index, the two subdecks' pages and the
// Flipdeck Tour page, and checks that the Tour page's rows give the
// index's counts for the same decks and that its bar adds up its
// subdecks' bars, with the three cards graded.
func (p *studyPage) checkParentCounts(t *testing.T, where string) {
	t.Helper()
	p.open("index.html", indexReady)
	index := p.indexRows()
	want := map[string]int{}
	for _, slug := range []string{syntaxDeck, keyboardDeck} {
		p.open("decks/"+slug+".html", deckReady)
		for k, n := range p.deckBarCounts() {
			want[k] += n
		}
	}
	p.open("decks/"+tourDeck+".html", indexReady)
	got := p.deckBarCounts()
	if !sameCounts(got, want) || got["new"] != 29-3 {
		t.Errorf("%s: the Flipdeck Tour's bar counts %v, want its subdecks' bars added up, %v (26 new of 29)", where, got, want)
	}
	rows := p.indexRows()
	if len(rows) != 2 {
		t.Fatalf("%s: the Flipdeck Tour page has %d subdeck rows, want 2", where, len(rows))
	}
	for _, r := range rows {
		i := rowBy(t, index, r.Deck)
		if r.Counts != i.Counts || r.Shown != i.Shown || r.Counts == "" {
			t.Errorf("%s: the Flipdeck Tour page's row %s counts %s (shown %s), the index's %s (shown %s)", where, r.Deck, r.Counts, r.Shown, i.Counts, i.Shown)
		}
	}
	// Today's new cards: two of Syntax's and one of Keyboard's were new.
	if s, k := rowBy(t, rows, syntaxDeck), rowBy(t, rows, keyboardDeck); s.Counts == "20,0,0" || k.Counts == "5,0,0" {
		t.Errorf("%s: the rows do not count the cards studied: Syntax %s, Keyboard %s", where, s.Counts, k.Counts)
	}
}

// TestParentDeckCounts: the page of a deck with subdecks embeds the ids
// of its own deck's cards only; its bar over the subtree and its
// subdecks' rows count from data/decks.json once it is in, in the place
// kept for them (nothing below moves), and count cards graded in two
// subdecks as the index and the subdecks' pages do.
func TestParentDeckCounts(t *testing.T) {
	p := studyOpen(t, 390, 844, true, holdDecks)
	tour := "decks/" + tourDeck + ".html"

	// What the page embeds: its own deck (no cards) and its subdecks'
	// slugs, not their cards.
	p.open(tour+"?hold", `document.querySelector(".deck-progress .meter")`)
	var embedded struct {
		Own  map[string][]string
		Kids map[string][]string
	}
	if err := json.Unmarshal([]byte(p.str(`document.getElementById("deck-cards").textContent`)), &embedded); err != nil {
		t.Fatal(err)
	}
	if len(embedded.Own) != 1 || len(embedded.Own[tourDeck]) != 0 || !slices.Equal(sortedCopy(embedded.Kids[tourDeck]), sortedCopy([]string{syntaxDeck, keyboardDeck})) {
		t.Errorf("the Flipdeck Tour page embeds %+v, want its own deck's cards (none) and its subdecks' slugs", embedded)
	}

	// A reader who has studied nothing: every card is new, which the bar
	// shows before the list of decks is in; the rows give card counts.
	fresh := "new 29, learning 0, due 0, young 0, mature 0"
	if got := p.deckBar(); got != fresh {
		t.Errorf("before data/decks.json, a new reader's bar: %s, want %s", got, fresh)
	}
	if n := p.num(`document.querySelectorAll(".deck-study").length`); n != 0 {
		t.Errorf("%v rows counted before data/decks.json is in", n)
	}
	top := p.subdecksTop()
	p.eval(`window.__release()`)
	p.wait(indexReady)
	if got := p.deckBar(); got != fresh {
		t.Errorf("a new reader's bar: %s, want %s", got, fresh)
	}
	if r := rowBy(t, p.indexRows(), syntaxDeck); r.Counts != "20,0,0" || r.Shown != "20,0,0" {
		t.Errorf("a new reader's Syntax row: %s (shown %s), want 20,0,0", r.Counts, r.Shown)
	}
	if now := p.subdecksTop(); math.Abs(now-top) > 1 {
		t.Errorf("the subdecks moved from %v to %v px when data/decks.json came in", top, now)
	}

	p.gradeTwoSubdecks()
	p.checkParentCounts(t, "online")

	// With progress, the bar waits for the list in a place of its size.
	p.open(tour+"?hold", `document.querySelector(".deck-progress[data-pending=wait]")`)
	top = p.subdecksTop()
	if n := p.num(`document.querySelectorAll(".deck-progress .meter, .deck-study").length`); n != 0 {
		t.Errorf("%v bars or row counts drawn before data/decks.json is in", n)
	}
	p.eval(`window.__release()`)
	p.wait(indexReady)
	if now := p.subdecksTop(); math.Abs(now-top) > 1 {
		t.Errorf("with progress, the subdecks moved from %v to %v px when data/decks.json came in", top, now)
	}
	if p.str(`document.querySelector(".deck-progress").dataset.pending === undefined ? "" : "pending"`) != "" {
		t.Error("the bar still waits once data/decks.json is in")
	}
	p.noErrors()
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestParentDeckCountsOffline: after a first visit (the service worker
// keeps data/decks.json), with the server stopped, cards graded in two
// subdecks count on their parent deck's page as on the index.
func TestParentDeckCountsOffline(t *testing.T) {
	ctx, errs, _, srv, base := offlineSample(t, 390, 844)
	srv.stop()
	p := &studyPage{t: t, ctx: ctx, base: base, errs: errsExceptOffline(errs), width: 390, height: 844}
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateTouch))

	p.gradeTwoSubdecks()
	p.checkParentCounts(t, "offline")
	p.noErrors()
}
