package e2e

// Browser tests of what pages preload: a quiz page a
// <link rel="preload" as="fetch"> per file the quiz reads first (its
// deck pages, or data/decks.json for the quiz of all decks), so that the
// browser fetches them while it loads the modules; every page its
// modules, at low priority, after what its first paint needs. A preload
// that the script's fetch or import cannot use (another URL, another
// CORS mode) would fetch the file twice, so the tests count requests.

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

func TestQuizPreloadsWhatItReads(t *testing.T) {
	out := studyBuild(t, "../content")
	p := studyOpenDir(t, out, 390, 844, false, "")
	for _, tc := range []struct {
		slug string
		want []string // root-relative
	}{
		{"flipdeck-tour", []string{"decks/" + keyboardDeck + ".html", "decks/" + syntaxDeck + ".html"}},
		{syntaxDeck, []string{"decks/" + syntaxDeck + ".html"}},
		{"all-decks", []string{"data/decks.json"}},
	} {
		p.quiz(tc.slug)
		if tc.slug != "all-decks" {
			if got := p.str(`document.getElementById("quiz").dataset.pages`); got != strings.Join(tc.want, " ") {
				t.Errorf("%s: data-pages %q, want %q", tc.slug, got, tc.want)
			}
		}
		// Every preload as the root-relative URL it names, with its
		// crossorigin attribute (a fetch() is a CORS request: without it
		// the preload does not match and is wasted).
		var links []struct{ URL, CrossOrigin string }
		if err := json.Unmarshal([]byte(p.str(`JSON.stringify([...document.querySelectorAll('link[rel=preload][as=fetch]')].map((l) => ({URL: l.href.slice(new URL(document.body.dataset.root, location.href).href.length), CrossOrigin: l.getAttribute("crossorigin")})))`)), &links); err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, l := range links {
			urls = append(urls, l.URL)
			if l.CrossOrigin != "" && l.CrossOrigin != "anonymous" {
				t.Errorf("%s: preload of %s has crossorigin=%q, want it bare (as fetch() asks)", tc.slug, l.URL, l.CrossOrigin)
			}
		}
		if !slices.Equal(urls, tc.want) {
			t.Errorf("%s: preloads %q, want %q", tc.slug, urls, tc.want)
		}
		// Each file was requested once: the script's fetch took the preload.
		for _, u := range tc.want {
			n := int(p.num(`performance.getEntriesByType("resource").filter((e) => e.name === new URL(` + browsertest.JSString(u) + `, new URL(document.body.dataset.root, location.href)).href).length`))
			if n != 1 {
				t.Errorf("%s: %s requested %d times, want once", tc.slug, u, n)
			}
		}
		p.noErrors()
	}
}

// TestModulesPreloadedLowOnce: on a quiz, a deck and the index page,
// every module the page runs was preloaded as a script with CORS (as a
// module is fetched) at low priority, the page's scripts are low too,
// and each module was requested once: the imports took the preloads.
func TestModulesPreloadedLowOnce(t *testing.T) {
	out := studyBuild(t, "../content")
	p := studyOpenDir(t, out, 390, 844, false, "")
	for _, page := range []struct{ path, ready string }{
		{"quiz/" + syntaxDeck + ".html", studyQuizReady},
		{"decks/" + syntaxDeck + ".html", deckReady},
		{"index.html", `document.querySelector(".deck-list[data-ready]")`},
	} {
		p.open(page.path, page.ready)
		var got struct {
			Entries  []string // the page's <script> elements
			Scripts  []string // those without fetchpriority=low
			Preloads []string // preloaded as scripts, with crossorigin and low priority
			Bad      []string // other script preloads
			Loaded   []string // modules requested, one entry per request
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
			if !entries[u] {
				t.Errorf("%s: %s loaded but not preloaded", page.path, u)
			}
		}
		if len(seen) < 3 {
			t.Errorf("%s: only %d modules loaded: %q", page.path, len(seen), got.Loaded)
		}
	}
	p.noErrors()
}

// TestQuizLoadsOnUse: a quiz page draws its first card without the
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
