package layout

import (
	"io/fs"
	"slices"
	"testing"

	"github.com/flipdeck/flipdeck"
)

// The quiz is one module per screen over a shared core (assets/js/
// quiz-ui.js describes them). It runs in place on a deck page or the
// index (quizplace.js), which load it only when it first opens
// (quizstart.js): what draws its first card (the core, the card,
// review's start) and the summary; the other screens, the settings and
// the backups load when first used, so a phone opening a quiz neither
// fetches nor runs them (issue 12). No page script reaches a screen. The
// imports run one way: the entry picks a screen, a screen uses the card
// and the core, and the core reaches no screen (a screen leads to
// another through the core's quiz.to, not an import).
var quizScreens = []string{"quiz-card.js", "quiz-review.js", "quiz-practice.js", "quiz-test.js", "quiz-summary.js"}

// quizFirstCard: the screens a quiz needs to draw its first card, and
// the summary, which ends every session at once.
var quizFirstCard = []string{"quiz-core.js", "quiz-card.js", "quiz-review.js", "quiz-summary.js"}

// quizOnUse: what a quiz loads only when it is used.
var quizOnUse = []string{"quiz-practice.js", "quiz-test.js", "quiz-settings.js",
	"backup.js", "store-merge.js", "exportfile.js", "download.js", "persist.js", "send.js", "nextdeck.js"}

func TestQuizStartLoadsTheFirstCardOnly(t *testing.T) {
	got := modulePreloads()
	for _, m := range quizFirstCard {
		if !slices.Contains(got["quizstart.js"], m) {
			t.Errorf("quizstart.js reaches %q, missing %s", got["quizstart.js"], m)
		}
	}
	for _, m := range quizOnUse {
		if slices.Contains(got["quizstart.js"], m) {
			t.Errorf("quizstart.js imports %s, directly or not (it reaches %q): a quiz does not need it to draw its first card; import it with import() where it is used", m, got["quizstart.js"])
		}
	}
	for _, m := range append([]string{"quizstart.js", "quiz-ui.js", "quiz-core.js", "quiz-settings.js"}, quizScreens...) {
		for _, page := range []string{"index.js", "deck.js", "stats.js"} {
			if slices.Contains(got[page], m) {
				t.Errorf("%s imports %s, directly or not: a page loads the quiz only when it opens it (quizplace.js)", page, m)
			}
		}
	}
}

// TestQuizStartImportsFlat: quizstart.js imports, each directly, every
// module the quiz's first card needs that the page has not loaded yet,
// so that the browser fetches them all at once instead of one import
// chain's link after another (a round trip each on a phone).
func TestQuizStartImportsFlat(t *testing.T) {
	src, err := fs.ReadFile(flipdeck.Assets, "assets/js/quizstart.js")
	if err != nil {
		t.Fatal(err)
	}
	direct := map[string]bool{}
	for _, m := range importRe.FindAllStringSubmatch(string(src), -1) {
		direct[m[1]] = true
	}
	got := modulePreloads()
	for _, page := range []string{"deck.js", "index.js"} {
		for _, m := range got["quizstart.js"] {
			if !direct[m] && m != page && !slices.Contains(got[page], m) {
				t.Errorf("quizstart.js reaches %s only through other modules, and %s has not loaded it: import it in quizstart.js too", m, page)
			}
		}
	}
}

func TestQuizModulesImportOneWay(t *testing.T) {
	got := modulePreloads()
	below := map[string][]string{
		// what a module must not reach, directly or not
		"quiz-core.js":     append([]string{"quiz-ui.js"}, quizScreens...),
		"quiz-card.js":     {"quiz-ui.js", "quiz-review.js", "quiz-practice.js", "quiz-test.js", "quiz-summary.js"},
		"quiz-review.js":   {"quiz-ui.js", "quiz-practice.js", "quiz-test.js"},
		"quiz-practice.js": {"quiz-ui.js", "quiz-review.js", "quiz-test.js", "quiz-summary.js"},
		"quiz-test.js":     append([]string{"quiz-ui.js"}, quizScreens...),
		"quiz-summary.js":  {"quiz-ui.js", "quiz-review.js", "quiz-practice.js", "quiz-test.js"},
		// storage, schema and migration never need merging or export
		"store.js": {"store-merge.js"},
	}
	for m, not := range below {
		if _, ok := got[m]; !ok {
			t.Errorf("assets/js/%s is missing", m)
			continue
		}
		for _, n := range not {
			if slices.Contains(got[m], n) {
				t.Errorf("assets/js/%s imports %s, directly or not (it reaches %q); imports run one way: move what both need into the lower module (quiz-core.js, store.js), or reach a screen through quiz.to", m, n, got[m])
			}
		}
	}
}
