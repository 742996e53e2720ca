package e2e

// Browser test of the study frame a quiz page paints before its script
// runs (templates/quiz.html, .study-pre): the first paint already shows
// the bars, so the screen does not change but for the card when the
// script draws its own (study-shell.js) in their place.

import (
	"encoding/json"
	"testing"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

func TestStudyFrameBeforeScript(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	p.quiz(syntaxDeck)
	p.wait(`document.body.classList.contains("is-studying")`)
	if n := int(p.num(`document.querySelectorAll(".study-pre").length`)); n != 0 {
		t.Errorf("%d stand-in bars left once the quiz runs", n)
	}
	// The page as served holds the stand-ins; put them back beside the
	// script's bars and compare the boxes of what both show (the deck
	// name's width aside: the counts beside it come with the script).
	boxes := `(sel) => [".study-top", ".study-top .study-end", ".study-top .study-deck", ".study-top .study-menu-btn", ".study-bottom"].map((s) => { const r = document.querySelector(sel + s).getBoundingClientRect(); return [s, r.x, r.y, s.endsWith("deck") ? "" : r.width, r.height].join(" "); })`
	raw := p.str(`(async () => {
  const boxes = ` + boxes + `;
  const html = await (await fetch(location.href)).text();
  const pre = new DOMParser().parseFromString(html, "text/html").querySelectorAll("#quiz > .study-pre");
  const quiz = document.getElementById("quiz");
  const real = boxes(":not(.study-pre)");
  // The script's bars step aside so that only the stand-ins are measured.
  const mine = [...quiz.querySelectorAll(":scope > .study-top, :scope > .study-bottom")];
  mine.forEach((e) => { e.hidden = true; });
  const copies = [...pre].map((e) => quiz.appendChild(document.importNode(e, true)));
  const got = boxes(".study-pre");
  copies.forEach((e) => e.remove());
  mine.forEach((e) => { e.hidden = false; });
  return JSON.stringify({ n: pre.length, real, got, deck: pre.length ? pre[0].querySelector(".study-deck").textContent : "" });
})()`)
	var r struct {
		N         int
		Real, Got []string
		Deck      string
	}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	if r.N != 2 {
		t.Fatalf("the quiz page holds %d stand-in bars, want 2 (top and bottom)", r.N)
	}
	if r.Deck != "Syntax" {
		t.Errorf("the stand-in top bar names %q, want the deck, Syntax", r.Deck)
	}
	for i := range r.Real {
		if r.Got[i] != r.Real[i] {
			t.Errorf("stand-in box %s, the script's %s: the frame would move when the script draws it", r.Got[i], r.Real[i])
		}
	}
	browsertest.NoErrors(t, p.errs)
}

// TestStudyFirstScreenInOneChange: the quiz builds its frame and first
// card detached and puts them in place of the stand-ins in one change
// (quiz-core.js showFrame), so the page goes from the HTML's study frame
// to the card with no state between and a single style and layout pass.
func TestStudyFirstScreenInOneChange(t *testing.T) {
	watch := `(() => {
  window.__swap = null;
  new MutationObserver((recs) => {
    if (window.__swap) return;
    const i = recs.findIndex((r) => r.target.id === "quiz" && [...r.removedNodes].some((n) => n.classList && n.classList.contains("study-pre")));
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
