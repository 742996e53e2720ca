package e2e

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/site"
)

// Without JavaScript every question and answer of a deck page is readable
// (cards are <details>), and printing a deck page gives a handout: every
// answer shown, no buttons — with JavaScript (flip cards) and without.

func setScripts(t *testing.T, ctx context.Context, disabled bool) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: disabled})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

func setMedia(t *testing.T, ctx context.Context, media string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// handoutCheck is evaluated on a deck page under print media: how many
// answers are not rendered, and which visible elements are controls.
const handoutCheck = `(() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const answers = [...document.querySelectorAll(".card-answer, details.card > .card-back")];
  const questions = [...document.querySelectorAll(".card-q:not(.card-q-mini)")];
  return {
    answers: answers.length,
    hiddenAnswers: answers.filter((a) => !shown(a)).length,
    questions: questions.length,
    hiddenQuestions: questions.filter((q) => !shown(q)).length,
    controls: [...document.querySelectorAll("button, .button, input, .site-header, .breadcrumb")].filter(shown).map((e) => e.outerHTML.slice(0, 60)),
  };
})()`

type handout struct {
	Answers, HiddenAnswers, Questions, HiddenQuestions int
	Controls                                           []string
}

func TestNoJavaScriptAndPrint(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: "../content", Out: out}); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, out, "/repo/")
	ctx := browsertest.Chrome(t, 412, 915)
	errs := browsertest.WatchErrors(ctx)
	deck := base + "decks/" + kinesisSlug + ".html"

	// No JavaScript: the cards are <details>; a click on a question shows
	// its answer; the search box (which needs JavaScript) is not shown.
	setScripts(t, ctx, true)
	offNavigate(t, ctx, deck)
	n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("details.card").length`)
	if n < 5 {
		t.Fatalf("without JavaScript the deck page has %d <details> cards", n)
	}
	if empty := browsertest.Eval[int](t, ctx, `[...document.querySelectorAll("details.card")].filter((d) => !d.querySelector("summary .card-q").textContent.trim() || !d.querySelector(".card-back").textContent.trim()).length`); empty > 0 {
		t.Errorf("%d cards without question or answer text", empty)
	}
	browsertest.Eval[bool](t, ctx, `(document.querySelector("details.card").scrollIntoView({block: "center"}), true)`)
	xy := browsertest.Eval[[]float64](t, ctx, `(() => { const r = document.querySelector("details.card > summary .card-q").getBoundingClientRect(); return [r.left + 5, r.top + r.height / 2]; })()`)
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	err := chromedp.Do(cctx, chromedp.MouseClickXY(xy[0], xy[1]))
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, ctx, `document.querySelector("details.card").open && document.querySelector("details.card > .card-back").getClientRects().length > 0`, "a click on a question to show its answer without JavaScript", 5*time.Second)
	// Printed without JavaScript: every answer.
	setMedia(t, ctx, "print")
	h := browsertest.Eval[handout](t, ctx, handoutCheck)
	if h.Answers != n || h.HiddenAnswers > 0 || h.HiddenQuestions > 0 || len(h.Controls) > 0 {
		t.Errorf("printed without JavaScript: %+v", h)
	}
	setMedia(t, ctx, "")
	offNavigate(t, ctx, base+"index.html")
	if browsertest.Eval[bool](t, ctx, `document.querySelector(".search").getClientRects().length > 0`) {
		t.Error("without JavaScript the search box is shown but cannot work")
	}
	// A quiz page opens in the study frame only when its script can run:
	// without JavaScript it keeps its breadcrumbs, title and links.
	offNavigate(t, ctx, base+"decks/"+kinesisSlug+".html#quiz")
	if hidden := browsertest.Eval[string](t, ctx, `[".site-header", ".breadcrumb", ".page-title", ".deck-meta"].filter((s) => document.querySelector(s).getClientRects().length === 0).join(" ")`); hidden != "" {
		t.Errorf("without JavaScript the quiz page hides %s", hidden)
	}
	if shown := browsertest.Eval[int](t, ctx, `[...document.querySelectorAll(".study-pre")].filter((e) => e.getClientRects().length > 0).length`); shown > 0 {
		t.Errorf("without JavaScript the quiz page shows %d bars of the study frame", shown)
	}

	// With JavaScript: flip cards, and the printed page is a handout.
	setScripts(t, ctx, false)
	offNavigate(t, ctx, deck)
	browsertest.WaitJS(t, ctx, `document.querySelectorAll(".card.flip").length > 0 && !document.querySelector("details.card")`, "flip cards", 10*time.Second)
	if q := browsertest.Eval[int](t, ctx, `document.querySelectorAll(".card.flip").length`); q != n {
		t.Errorf("%d flip cards for %d <details>", q, n)
	}
	setMedia(t, ctx, "print")
	h = browsertest.Eval[handout](t, ctx, handoutCheck)
	if h.Answers != n || h.HiddenAnswers > 0 || h.Questions != n || h.HiddenQuestions > 0 || len(h.Controls) > 0 {
		t.Errorf("printed deck page is not a handout: %+v", h)
	}
	setMedia(t, ctx, "")
	browsertest.NoErrors(t, errsExceptOffline(errs))
}
