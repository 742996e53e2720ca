package e2e

import (
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// TestDamagedStoredProgress puts into the site's localStorage key what a
// reader may really have there (truncated JSON, an array, another tool's
// object, a newer schema) and checks that every page still works, the
// reader is told, and the old data is set aside, never deleted or
// overwritten.
func TestDamagedStoredProgress(t *testing.T) {
	tab, _ := openSite(t, 390, 844)
	key := "flipdeck:" + sitePrefix + ":progress"
	cases := []struct {
		name, raw string
		// newer: the data is kept in place and nothing is written.
		newer bool
	}{
		{"truncated JSON", `{"schema":2,"cards":{"b1`, false},
		{"an array", `[1,2,3]`, false},
		{"another tool's object", `{"theme":"dark"}`, false},
		{"a newer schema", `{"schema":99,"cards":{},"future":true}`, true},
		{"odd records inside", `{"schema":2,"cards":{"q5e8f12fcc08e0297":"x","b1":null,"b2":{"due":"soon"}},"stars":[],"log":{}}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab.t = t
			tab.open("index.html", `document.body`)
			siteJS[bool](tab, `(localStorage.clear(), localStorage.setItem(`+browsertest.JSString(key)+`, `+browsertest.JSString(c.raw)+`), true)`)

			// The index and a deck page load and show their decks and cards.
			tab.open("index.html", siteIndexReady)
			notices := siteJS[string](tab, `[...document.querySelectorAll("#notices .notice")].map((n) => n.textContent).join(" | ")`)
			if notices == "" {
				t.Errorf("no notice tells the reader about the stored data")
			}
			tab.open("decks/flipdeck-tour--keyboard.html", siteDeckReady)

			// Studying still works: grade one card in the quiz.
			tab.open("decks/flipdeck-tour--keyboard.html#quiz", siteQuizReady)
			tab.waitJS(`document.querySelector("[data-action=reveal]")`, "the reveal button")
			siteJS[bool](tab, `(document.querySelector("[data-action=reveal]").click(), true)`)
			tab.waitJS(`document.querySelector("button[data-grade='3']")`, "the grade buttons")
			siteJS[bool](tab, `(document.querySelector("button[data-grade='3']").click(), true)`)

			stored, aside := storedProgress(tab, key)
			if c.newer {
				if stored[key] != c.raw {
					t.Errorf("newer data was changed: %q", stored[key])
				}
				return
			}
			if aside != c.raw {
				t.Errorf("the unreadable data was not set aside intact; storage: %q", stored)
			}
			if !strings.Contains(stored[key], `"schema":2`) || !strings.Contains(stored[key], `"reps":1`) {
				t.Errorf("the new grade was not stored: %q", stored[key])
			}
		})
	}
	if errs := tab.errs(); len(errs) > 0 {
		t.Errorf("browser errors: %q", errs)
	}
}

// storedProgress returns the tab's localStorage and the text kept aside
// under key + ":unreadable:…" ("" when there is none).
func storedProgress(tab *browserTab, key string) (stored map[string]string, aside string) {
	stored = siteJS[map[string]string](tab, `Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))`)
	for k, v := range stored {
		if strings.HasPrefix(k, key+":unreadable:") {
			aside = v
		}
	}
	return stored, aside
}
