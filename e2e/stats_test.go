package e2e

import (
	"strings"
	"testing"
)

// failDecks, run before every page's scripts, makes the page's fetch of
// data/decks.json fail, as it does for a site opened from a folder.
const failDecks = `{
  const fetch0 = window.fetch;
  window.fetch = (u, o) => String(u).includes("data/decks.json") ? Promise.reject(new TypeError("blocked by the test")) : fetch0(u, o);
}`

// TestStatsWithoutDeckList: the statistics page takes every deck's cards
// from data/decks.json (it embeds none). When that cannot be loaded, the
// page still draws what needs only the stored reviews (the reviews per
// day) and says why the counts of cards are missing.
func TestStatsWithoutDeckList(t *testing.T) {
	p := studyOpen(t, 390, 844, false, failDecks)
	p.noSteps()
	p.quiz(keyboardDeck)
	p.gradeN(2, "3")
	p.open("stats.html", `document.querySelector("#chart-history svg")`)
	if got := p.str(`document.querySelector("#chart-history .bar[data-i='89']").dataset.total`); got != "2" {
		t.Errorf("reviews today %s, want 2", got)
	}
	if got := p.str(`document.getElementById("notices").textContent`); !strings.Contains(got, "data/decks.json") {
		t.Errorf("no notice about the missing deck list; notices: %q", got)
	}
	if got := p.str(`document.getElementById("deck-cards") === null ? "none" : "embedded"`); got != "none" {
		t.Errorf("stats.html embeds the decks' card ids")
	}
}
