package e2e

// Browser tests of the study frame a page opened at #quiz paints before
// its script runs (site.css, "the quiz's place": html.at-quiz, set by the
// page's inline script): the first paint already shows the bars, empty,
// so the screen does not change but for the card and the bars' contents
// when the script draws its own (study-shell.js) in their place.

import (
	"encoding/json"
	"testing"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

func TestStudyFrameBeforeScript(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	p.quiz(syntaxDeck)
	p.wait(`document.body.classList.contains("is-studying")`)
	if p.str(`document.documentElement.className`) != "" {
		t.Errorf("html is %q once the quiz runs, want no class (at-quiz is for the first paint only)", p.str(`document.documentElement.className`))
	}
	// The script's bars, then the stand-ins the page shows before the
	// script runs (the script's bars hidden, html.at-quiz back), as
	// boxes: top, height.
	raw := p.str(`(() => {
  const box = (r) => [Math.round(r.top * 2) / 2, Math.round(r.height * 2) / 2];
  const real = [box(document.querySelector("#quiz > .study-top").getBoundingClientRect()), box(document.querySelector("#quiz > .study-bottom").getBoundingClientRect())];
  const place = document.getElementById("quiz");
  const quizTop = place.getBoundingClientRect().top;
  document.body.classList.remove("is-studying");
  document.documentElement.classList.add("at-quiz");
  const pseudo = (which) => {
    const cs = getComputedStyle(place, which);
    const h = parseFloat(cs.height) + (cs.boxSizing === "content-box" ? parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth) : 0);
    const top = cs.top !== "auto" ? parseFloat(cs.top) : innerHeight - parseFloat(cs.bottom) - h;
    return [cs.position, cs.content].join(" ") === "fixed \"\"" ? [Math.round(top * 2) / 2, Math.round(h * 2) / 2] : [cs.position, cs.content];
  };
  const pre = [pseudo("::before"), pseudo("::after")];
  const preTop = place.getBoundingClientRect().top;
  const header = getComputedStyle(document.querySelector(".site-header")).display;
  document.documentElement.classList.remove("at-quiz");
  document.body.classList.add("is-studying");
  return JSON.stringify({ real, pre, quizTop, preTop, header });
})()`)
	var r struct {
		Real, Pre       [][]any
		QuizTop, PreTop float64
		Header          string
	}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"top", "bottom"} {
		if len(r.Pre[i]) != 2 || r.Pre[i][0] != r.Real[i][0] || r.Pre[i][1] != r.Real[i][1] {
			t.Errorf("the stand-in %s bar is %v (top, height), the script's %v: the frame would move when the script draws it", name, r.Pre[i], r.Real[i])
		}
	}
	if r.PreTop != r.QuizTop {
		t.Errorf("the quiz starts at %v before the script and at %v after: the card would move", r.PreTop, r.QuizTop)
	}
	if r.Header != "none" {
		t.Errorf("the site header shows (%s) in the frame before the script", r.Header)
	}
	browsertest.NoErrors(t, p.errs)
}

// TestStudyFirstScreenInOneChange: the quiz builds its frame and first
// card detached and puts them in place of the stand-ins in one change
// (quiz-core.js showFrame), so the page goes from the stand-in frame to
// the card with no state between and a single style and layout pass.
func TestStudyFirstScreenInOneChange(t *testing.T) {
	watch := `(() => {
  window.__swap = null;
  new MutationObserver((recs) => {
    if (window.__swap) return;
    const i = recs.findIndex((r) => r.target.id === "quiz" && [...r.addedNodes].some((n) => n.classList && n.classList.contains("study-top")));
    if (i < 0) return;
    const quiz = recs[i].target;
    window.__swap = {
      after: recs.slice(i + 1).filter((r) => quiz.contains(r.target)).map((r) => (r.target.className || r.target.nodeName) + " " + r.type),
      card: !!quiz.querySelector(".quiz-view > .quiz-card"),
      bars: quiz.querySelectorAll(":scope > .study-top, :scope > .study-bottom").length,
    };
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`
	p := studyOpen(t, 390, 844, true, watch)
	p.quiz(syntaxDeck)
	p.wait(`document.body.classList.contains("is-studying") && window.__swap`)
	var r struct {
		After []string
		Card  bool
		Bars  int
	}
	if err := json.Unmarshal([]byte(p.str(`JSON.stringify(window.__swap)`)), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Card {
		t.Errorf("the stand-ins were replaced before the first card was in the quiz's frame")
	}
	if r.Bars != 2 {
		t.Errorf("%d study bars in the quiz once the stand-ins were replaced, want 2", r.Bars)
	}
	if len(r.After) != 0 {
		t.Errorf("the quiz changed %d more times in the task that replaced the stand-ins (%v): the first screen is not built detached", len(r.After), r.After)
	}
	// The Test button is set in a later task; it still ends up enabled
	// (the deck has enough cards for a test).
	p.wait(`document.querySelector(".quiz-mode-btn[data-mode=test]") && !document.querySelector(".quiz-mode-btn[data-mode=test]").disabled`)
	browsertest.NoErrors(t, p.errs)
}
