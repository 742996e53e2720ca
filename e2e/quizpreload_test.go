package e2e

// Browser test of what a quiz page asks for before its script runs: a
// <link rel="preload" as="fetch"> per file the quiz reads first (its
// deck pages, or data/decks.json for the quiz of all decks), so that the
// browser fetches them while it loads the modules. A preload the script's
// fetch cannot use (another URL, another credentials mode) would fetch
// the file twice, so the test counts the requests too.

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
