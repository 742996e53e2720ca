package layout

import (
	"slices"
	"testing"
)

func TestModulePreloads(t *testing.T) {
	got := modulePreloads()
	// deck.js reaches fsrs.js only through other modules; the chain is
	// what preloading is for.
	for _, want := range []string{"store.js", "fsrs.js", "progress.js"} {
		if !slices.Contains(got["deck.js"], want) {
			t.Errorf("deck.js preloads %q, missing %s", got["deck.js"], want)
		}
	}
	if slices.Contains(got["deck.js"], "deck.js") {
		t.Error("a module preloads itself")
	}
	if len(got["quiz.js"]) == 0 {
		t.Error("quiz.js imports nothing?")
	}
}
