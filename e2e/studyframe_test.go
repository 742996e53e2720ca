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
