package e2e

// Browser tests of what pages load: a deck's quiz, in place on its deck
// page, reads the page's own cards where they are and fetches only its
// subdecks' pages, each once; every page preloads its modules, at low
// priority, after what its first paint needs. A preload that the
// script's import cannot use (another URL, another CORS mode) would
// fetch the file twice, so the tests count requests.

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/browsertest"
)

func TestQuizFetchesOnlyItsSubdecks(t *testing.T) {
	out := studyBuild(t, "../content")
	p := studyOpenDir(t, out, 390, 844, false, "")
	for _, tc := range []struct {
		slug  string
		pages []string // data-pages: fetched once each
	}{
		{"flipdeck-tour", []string{"decks/" + keyboardDeck + ".html", "decks/" + syntaxDeck + ".html"}},
		{syntaxDeck, nil},
	} {
		p.quiz(tc.slug)
		if got := p.str(`document.getElementById("quiz").dataset.pages || ""`); got != strings.Join(tc.pages, " ") {
			t.Errorf("%s: data-pages %q, want %q", tc.slug, got, tc.pages)
		}
		own := "decks/" + tc.slug + ".html"
		for _, u := range append([]string{own}, tc.pages...) {
			n := int(p.num(`performance.getEntriesByType("resource").filter((e) => e.name === new URL(` + browsertest.JSString(u) + `, new URL(document.body.dataset.root, location.href)).href).length`))
			want := 1
			if u == own {
				want = 0 // its cards are read from the page on screen
			}
			if n != want {
				t.Errorf("%s: %s fetched %d times, want %d", tc.slug, u, n, want)
			}
		}
		p.noErrors()
	}
}

// TestModulesPreloadedLowOnce: on a deck page, the index and a deck page
// with its quiz open, every module the page runs at start was preloaded
// as a script with CORS (as a module is fetched) at low priority (the
// quiz's modules, which the page's inline script imports at #quiz, are
// not), the page's scripts are low too, and each module was requested
// once: the imports took the preloads.
func TestModulesPreloadedLowOnce(t *testing.T) {
	out := studyBuild(t, "../content")
	p := studyOpenDir(t, out, 390, 844, false, "")
	src, err := fs.ReadFile(flipdeck.Assets, "assets/js/quizstart.js")
	if err != nil {
		t.Fatal(err)
	}
	quizMods := map[string]bool{"quizplace.js": true, "quizstart.js": true}
	for _, m := range regexp.MustCompile(`import[^"';]*["']\./([\w.-]+\.js)["']`).FindAllStringSubmatch(string(src), -1) {
		quizMods[m[1]] = true
	}
	for _, page := range []struct{ path, ready string }{
		{"decks/" + syntaxDeck + ".html#quiz", studyQuizReady},
		{"decks/" + syntaxDeck + ".html", deckReady},
		{"index.html", `document.querySelector(".deck-list[data-ready]")`},
	} {
		p.open(page.path, page.ready)
		var got struct {
			Entries  []string        // the page's <script> elements
			Scripts  []string        // those without fetchpriority=low
			Preloads []string        // preloaded as scripts, with crossorigin and low priority
			Bad      []string        // other script preloads
			Loaded   []string        // modules requested, one entry per request
			Later    map[string]bool // those requested once the quiz opened
		}
		if err := json.Unmarshal([]byte(p.str(`JSON.stringify({
			Entries: [...document.querySelectorAll("script[src]")].map((s) => s.src),
			Scripts: [...document.querySelectorAll("script[src]")].filter((s) => s.getAttribute("fetchpriority") !== "low").map((s) => s.src),
			Preloads: [...document.querySelectorAll("link[rel=preload][as=script]")].filter((l) => l.getAttribute("crossorigin") === "" && l.getAttribute("fetchpriority") === "low").map((l) => l.href),
			Bad: [...document.querySelectorAll("link[rel=modulepreload], link[rel=preload][as=script]")].filter((l) => l.rel !== "preload" || l.getAttribute("crossorigin") !== "" || l.getAttribute("fetchpriority") !== "low").map((l) => l.outerHTML),
			Loaded: performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.includes("/assets/js/")),
		})`)), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Scripts) > 0 || len(got.Bad) > 0 {
			t.Errorf("%s: scripts %q and preloads %q not at low priority with CORS", page.path, got.Scripts, got.Bad)
		}
		entries := map[string]bool{}
		for _, s := range append(got.Entries, got.Preloads...) {
			entries[s] = true
		}
		seen := map[string]int{}
		for _, u := range got.Loaded {
			seen[u]++
		}
		for u, n := range seen {
			if n != 1 {
				t.Errorf("%s: %s requested %d times, want once", page.path, u, n)
			}
			// At #quiz, the page's inline script imports the quiz's
			// modules as the page loads (quizplace.js, quizstart.js and
			// what quizstart.js imports, every one directly).
			if !entries[u] && !(strings.HasSuffix(page.path, "#quiz") && quizMods[u[strings.LastIndex(u, "/")+1:]]) {
				t.Errorf("%s: %s loaded but not preloaded", page.path, u)
			}
		}
		if len(seen) < 3 {
			t.Errorf("%s: only %d modules loaded: %q", page.path, len(seen), got.Loaded)
		}
	}
	p.noErrors()
}

// TestDeckLoadsQuizOnStart: a deck page loads nothing of its quiz while
// the reader reads, follows the contents or links to cards; Start quiz
// loads it.
func TestDeckLoadsQuizOnStart(t *testing.T) {
	out := studyBuild(t, "../content")
	p := studyOpenDir(t, out, 390, 844, false, "")
	p.open("decks/"+syntaxDeck+".html", deckReady)
	quizJS := `performance.getEntriesByType("resource").filter((e) => /\/(quizplace|quizstart|quiz-ui)\.js$/.test(e.name)).length`
	p.eval(`location.hash = document.querySelector(".card.flip").id, new Promise((r) => setTimeout(r, 300))`)
	if n := p.num(quizJS); n != 0 {
		t.Errorf("following a link into the deck page loaded %v of the quiz's modules", n)
	}
	p.click(".start-quiz")
	p.wait(studyQuizReady)
	if n := p.num(quizJS); n != 3 {
		t.Errorf("Start quiz loaded %v of quizplace.js, quizstart.js and quiz-ui.js, want all 3", n)
	}
	p.noErrors()
}

// TestQuizLoadsOnUse: a quiz draws its first card without the
// modules of what it has not used yet (issue 12): the practice and test
// screens, the settings, the backups and the request to keep the
// storage load when first asked for, and then work.
func TestQuizLoadsOnUse(t *testing.T) {
	out := studyBuild(t, "../content")
	p := studyOpenDir(t, out, 390, 844, false, "")
	p.quiz(syntaxDeck)
	loaded := func() map[string]bool {
		var names []string
		if err := json.Unmarshal([]byte(p.str(`JSON.stringify(performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.includes("/assets/js/")).map((u) => u.split("/").pop()))`)), &names); err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, n := range names {
			got[n] = true
		}
		return got
	}
	check := func(when string, want, not []string) {
		t.Helper()
		got := loaded()
		for _, m := range want {
			if !got[m] {
				t.Errorf("%s: %s not loaded", when, m)
			}
		}
		for _, m := range not {
			if got[m] {
				t.Errorf("%s: %s loaded before it was used", when, m)
			}
		}
	}
	onUse := []string{"quiz-practice.js", "quiz-test.js", "quiz-settings.js", "backup.js", "store-merge.js", "exportfile.js", "download.js", "persist.js", "nextdeck.js"}
	if p.state() != "question" {
		t.Fatalf("state %q, want a card's question", p.state())
	}
	check("a quiz's first card", []string{"quiz-card.js", "quiz-review.js"}, onUse)

	p.key(" ")
	p.key("3") // the first grade asks to keep the storage
	p.wait(`performance.getEntriesByType("resource").some((e) => e.name.endsWith("/persist.js"))`)
	check("after a grade", []string{"persist.js"}, []string{"quiz-settings.js", "backup.js", "quiz-practice.js", "quiz-test.js"})

	p.openSettings(false)
	p.wait(`document.querySelector("#quiz-settings .backup [data-action=export]")`)
	check("the settings", []string{"quiz-settings.js", "backup.js"}, []string{"quiz-practice.js", "quiz-test.js"})
	p.click("[data-action=close-settings]")

	p.switchMode("practice", false)
	p.wait(`document.querySelector(".quiz-start [data-set=all]")`)
	p.switchMode("test", false)
	p.wait(`document.querySelector("[data-action=start-test]")`)
	check("practice and test", []string{"quiz-practice.js", "quiz-test.js", "testmode.js"}, nil)
	p.noErrors()
}
