package layout

import (
	"slices"
	"testing"
)

func TestModulePreloads(t *testing.T) {
	got := modulePreloads()
	// deck.js reaches recall.js only through other modules; the chain is
	// what preloading is for.
	for _, want := range []string{"store.js", "recall.js", "progress.js"} {
		if !slices.Contains(got["deck.js"], want) {
			t.Errorf("deck.js preloads %q, missing %s", got["deck.js"], want)
		}
	}
	// A deck page's first visit (issue 13: at most 25 KB gzip before its
	// cards, bench/firstvisit_test.go) loads neither the scheduler, which
	// only grading needs, nor backups, export and import, which load
	// when asked for.
	for _, m := range []string{"fsrs.js", "learning.js", "schedule.js", "backup.js", "store-merge.js", "download.js"} {
		for _, page := range []string{"deck.js", "offline.js"} {
			if slices.Contains(got[page], m) {
				t.Errorf("%s imports %s, directly or not (it reaches %q): import it with import() where it is used", page, m, got[page])
			}
		}
	}
	if slices.Contains(got["deck.js"], "deck.js") {
		t.Error("a module preloads itself")
	}
	if len(got["quizstart.js"]) == 0 {
		t.Error("quizstart.js imports nothing?")
	}
}
