package layout

import (
	"slices"
	"testing"
)

// The quiz page's script is one module per screen over a shared core
// (assets/js/quiz-ui.js describes them). The screens are preloaded by the
// quiz page only, and the imports run one way: the entry picks a screen,
// a screen uses the card and the core, and the core reaches no screen (a
// screen leads to another through the core's quiz.to, not an import).
var quizScreens = []string{"quiz-card.js", "quiz-review.js", "quiz-practice.js", "quiz-test.js", "quiz-summary.js"}

func TestQuizScreensPreloadedOnQuizPageOnly(t *testing.T) {
	got := modulePreloads()
	for _, m := range append([]string{"quiz-core.js"}, quizScreens...) {
		if !slices.Contains(got["quiz.js"], m) {
			t.Errorf("quiz.js preloads %q, missing %s", got["quiz.js"], m)
		}
		for _, page := range []string{"index.js", "deck.js", "stats.js"} {
			if slices.Contains(got[page], m) {
				t.Errorf("%s preloads %s, a module of the quiz page only", page, m)
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
