package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// Browser tests of the built sample site (content/ built with site.Build,
// served under /site/) at a 390x844 phone viewport. See sitebuild_test.go
// for the helpers.

// ScreenshotsEnv names a folder: when set, TestScreenshots writes the
// screenshots of the sample site there.
const ScreenshotsEnv = "FLIPDECK_SCREENSHOTS"

// faceState is what a flip card shows.
type faceState struct {
	Flipped     string `json:"flipped"`     // data-flipped
	Expanded    string `json:"expanded"`    // the button's aria-expanded
	Button      string `json:"button"`      // the button's text
	FrontShown  bool   `json:"frontShown"`  // the question face is rendered
	BackShown   bool   `json:"backShown"`   // the answer face is rendered
	BackHasText bool   `json:"backHasText"` // the answer face has the answer
}

func (b *browserTab) face(card string) faceState {
	b.t.Helper()
	return siteJS[faceState](b, `(() => {
  const c = document.querySelector(`+browsertest.JSString(card)+`);
  const shown = (el) => !!el && !el.hidden && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const btn = c.querySelector(".card-flip");
  const back = c.querySelector(".face-back");
  return {
    flipped: c.dataset.flipped, expanded: btn.getAttribute("aria-expanded"), button: btn.textContent,
    frontShown: shown(c.querySelector(".face-front")), backShown: shown(back),
    backHasText: !!back && back.querySelector(".card-answer").textContent.trim().length > 0,
  };
})()`)
}

// waitFace waits for the card to show one side, faces swapped and the
// turn animation over, and checks the state that goes with it.
func (b *browserTab) waitFace(card string, flipped bool, how string) {
	b.t.Helper()
	c := browsertest.JSString(card)
	cond := `document.querySelector(` + c + `).dataset.flipped === "false" && !document.querySelector(` + c + ` + " > .face-front").hidden`
	if flipped {
		cond = `document.querySelector(` + c + `).dataset.flipped === "true" && !document.querySelector(` + c + ` + " > .face-back").hidden`
	}
	cond += ` && !document.querySelector(` + c + `).matches(".turn-out, .turn-in")`
	b.waitJS(cond, fmt.Sprintf("%s to flip to %v after %s", card, flipped, how))
	f := b.face(card)
	want := faceState{Flipped: "false", Expanded: "false", Button: "Show answer", FrontShown: true, BackShown: false, BackHasText: true}
	if flipped {
		want = faceState{Flipped: "true", Expanded: "true", Button: "Hide answer", FrontShown: false, BackShown: true, BackHasText: true}
	}
	if f != want {
		b.t.Errorf("%s after %s: got %+v, want %+v", card, how, f, want)
	}
}

// TestDeckFlipCards flips cards of the AWS Kinesis deck page by keyboard
// (Tab to a card's button, Enter, Space), by mouse click, by a touch tap,
// and all at once with "Show all answers".
func TestDeckFlipCards(t *testing.T) {
	tab, site := openSite(t, 390, 844)
	tab.setClock(siteNow)
	tab.open("decks/"+kinesisSlug+".html", siteDeckReady)

	ids := site.Decks[kinesisSlug]
	cards := siteJS[[]string](tab, `[...document.querySelectorAll(".card.flip")].map((c) => c.id)`)
	if len(cards) != len(ids) || len(ids) != 7 {
		t.Fatalf("Kinesis deck page: %d flip cards %v, want the deck's 7 cards %v", len(cards), cards, ids)
	}
	for i, id := range ids {
		if cards[i] != "card-"+id {
			t.Errorf("flip card %d is #%s, want #card-%s", i, cards[i], id)
		}
		tab.waitFace("#card-"+id, false, "loading")
	}
	if w := siteJS[int](tab, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the deck page is %d px wide at a 390 px viewport: it scrolls sideways", w)
	}

	// Keyboard: Tab reaches the first card's flip button; Enter and Space turn it.
	first := "#card-" + ids[0]
	reached := false
	for range 40 {
		tab.key("\t")
		if siteJS[bool](tab, `document.activeElement.matches(".card-flip")`) {
			reached = true
			break
		}
	}
	if !reached {
		t.Fatal("Tab never reached a card's flip button")
	}
	if got := siteJS[string](tab, `document.activeElement.closest(".card").id`); "#"+got != first {
		t.Errorf("the first flip button Tab reaches is in #%s, want %s", got, first)
	}
	tab.key("\r")
	tab.waitFace(first, true, "Enter")
	if !siteJS[bool](tab, `document.activeElement.matches(`+browsertest.JSString(first+" .card-flip")+`)`) {
		t.Error("focus left the flip button after Enter")
	}
	tab.key(" ")
	tab.waitFace(first, false, "Space")
	tab.key(" ")
	tab.waitFace(first, true, "Space again")

	// Mouse click on the question turns the second card; a click on the
	// answer side turns it back.
	second := "#card-" + ids[1]
	x, y := tab.center(second + " .face-front .card-q")
	tab.do("click", chromedp.MouseClickXY(x, y))
	tab.waitFace(second, true, "a click on the question")
	x, y = tab.center(second + " .face-back .card-q-mini")
	tab.do("click", chromedp.MouseClickXY(x, y))
	tab.waitFace(second, false, "a click on the answer side")

	// Touch: a tap on a phone (touch emulation) turns the third card, once.
	tab.do("touch emulation", chromedp.EmulateViewport(390, 844, chromedp.EmulateTouch, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	if !siteJS[bool](tab, `matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0`) {
		t.Fatal("touch emulation is not on")
	}
	tab.do("listen for touches", chromedp.Evaluate[chromedp.Void](`window.__touches = 0; addEventListener("touchend", () => window.__touches++, true);`))
	third := "#card-" + ids[2]
	x, y = tab.center(third + " .face-front .card-q")
	tab.do("tap", chromedp.TapXY(x, y))
	tab.waitFace(third, true, "a tap")
	time.Sleep(400 * time.Millisecond) // a second, ghost toggle would land by now
	tab.waitFace(third, true, "a tap, 400 ms later")
	if n := siteJS[int](tab, `window.__touches`); n != 1 {
		t.Errorf("the page saw %d touchend events, want 1: the tap was not a touch", n)
	}
	x, y = tab.center(third + " .face-back .card-q-mini")
	tab.do("tap", chromedp.TapXY(x, y))
	tab.waitFace(third, false, "a tap on the answer side")
	// The flip button is a comfortable tap target.
	if h := siteJS[float64](tab, `document.querySelector(`+browsertest.JSString(third+" .card-flip")+`).getBoundingClientRect().height`); h < 40 {
		t.Errorf("the flip button is %.0f px tall, want at least 40 for a finger", h)
	}

	// "Show all answers" turns every card over, and back.
	x, y = tab.center(".show-all")
	tab.do("tap show all", chromedp.TapXY(x, y))
	tab.waitJS(`document.querySelector(".show-all").getAttribute("aria-pressed") === "true"`, "show-all pressed")
	for _, id := range ids {
		tab.waitFace("#card-"+id, true, "Show all answers")
	}
	x, y = tab.center(".show-all")
	tab.do("tap show all", chromedp.TapXY(x, y))
	for _, id := range ids {
		tab.waitFace("#card-"+id, false, "Show all answers, off")
	}

	// Turning cards is reading, not grading: no progress is written.
	if p := tab.progress(); p != nil && len(p.Cards) > 0 {
		t.Errorf("flipping cards wrote progress: %+v", p.Cards)
	}
	tab.noErrors()
}

// quizView is the quiz's visible state.
type quizView struct {
	State        string `json:"state"`
	Mode         string `json:"mode"`
	CardID       string `json:"cardId"`
	New          int    `json:"new"`
	Learn        int    `json:"learn"`
	Due          int    `json:"due"`
	AnswerShown  bool   `json:"answerShown"`
	GradesShown  bool   `json:"gradesShown"`
	RevealShown  bool   `json:"revealShown"`
	QuestionText string `json:"questionText"`
}

func (b *browserTab) quiz() quizView {
	b.t.Helper()
	return siteJS[quizView](b, `(() => {
  const q = document.getElementById("quiz");
  const shown = (el) => !!el && !el.hidden && el.getClientRects().length > 0;
  const card = q.querySelector(".quiz-card");
  const n = (k) => { const e = document.querySelector(".study-counts .sc-" + k); return e ? Number(e.dataset.n) : 0; };
  return {
    state: q.dataset.state || "", mode: q.dataset.mode || "",
    cardId: card ? card.dataset.cardId : "",
    new: n("new"), learn: n("learn"), due: n("due"),
    answerShown: shown(q.querySelector(".quiz-a")), gradesShown: shown(q.querySelector(".grades")),
    revealShown: shown(q.querySelector("[data-action=reveal]")),
    questionText: card ? card.querySelector(".quiz-q").textContent.trim() : "",
  };
})()`)
}

// deckCounts reads the data-* counts of .deck-progress[data-deck=slug].
func (b *browserTab) deckCounts(slug string) map[string]int {
	b.t.Helper()
	raw := siteJS[map[string]string](b, `(() => {
  const el = document.querySelector('.deck-progress[data-deck="`+slug+`"]');
  if (!el) throw new Error("no .deck-progress for `+slug+`");
  const {new: n, due, learning, young, mature, total} = el.dataset;
  return {new: n, due, learning, young, mature, total, text: el.innerText, visible: String(el.getClientRects().length > 0 && el.offsetWidth > 0)};
})()`)
	out := map[string]int{}
	for _, k := range []string{"new", "due", "learning", "young", "mature", "total"} {
		n, err := strconv.Atoi(raw[k])
		if err != nil {
			b.t.Fatalf(".deck-progress[data-deck=%s] data-%s = %q", slug, k, raw[k])
		}
		out[k] = n
	}
	// What the reader sees: "<n> young" etc. for every non-zero count, and
	// never "learned".
	if raw["visible"] != "true" {
		b.t.Errorf(".deck-progress[data-deck=%s] is not visible", slug)
	}
	text := strings.Join(strings.Fields(raw["text"]), " ")
	if strings.Contains(text, "learned") {
		b.t.Errorf(".deck-progress[data-deck=%s] claims cards learned: %q", slug, text)
	}
	for _, k := range []string{"new", "due", "learning", "young", "mature"} {
		if out[k] > 0 && !strings.Contains(text, fmt.Sprintf("%d %s", out[k], k)) {
			b.t.Errorf(".deck-progress[data-deck=%s] shows %q, want it to say %q", slug, text, fmt.Sprintf("%d %s", out[k], k))
		}
	}
	return out
}

// expectCounts tallies the ids by status at now, as the pages should.
func expectCounts(p *progressRecord, ids []string, now int64) map[string]int {
	c := map[string]int{"new": 0, "due": 0, "learning": 0, "young": 0, "mature": 0, "total": len(ids)}
	for _, id := range ids {
		rec, ok := p.Cards[id]
		if !ok {
			c["new"]++
			continue
		}
		c[rec.status(now)]++
	}
	return c
}

func sameCounts(a, b map[string]int) bool {
	for _, k := range []string{"new", "due", "learning", "young", "mature", "total"} {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// TestQuizProgressKept grades every card of the Kinesis quiz to the end
// (keys and clicks, through the learning steps), checks the summary and
// the stored FSRS records, reloads, and finds the progress on the quiz,
// the index and the deck page; then moves the clock on and finds cards
// due.
func TestQuizProgressKept(t *testing.T) {
	tab, site := openSite(t, 390, 844)
	ids := site.Decks[kinesisSlug]
	if len(ids) != 7 {
		t.Fatalf("the Kinesis deck has %d cards, want 7", len(ids))
	}
	tab.setClock(siteNow)
	tab.open("decks/"+kinesisSlug+".html#quiz", siteQuizReady)
	if p := tab.progress(); p != nil {
		t.Fatalf("progress before any grade: %+v", p)
	}

	q := tab.quiz()
	if q.State != "question" || q.Mode != "review" || q.New != len(ids) || q.Learn != 0 || q.Due != 0 {
		t.Fatalf("quiz at start: %+v, want review, %d new cards", q, len(ids))
	}
	if q.AnswerShown || q.GradesShown || !q.RevealShown || q.QuestionText == "" {
		t.Fatalf("quiz at start shows the answer or hides the question: %+v", q)
	}
	// A grade key before the answer is shown does nothing.
	tab.key("3")
	time.Sleep(100 * time.Millisecond)
	if q2 := tab.quiz(); q2.State != "question" || q2.New != len(ids) || q2.CardID != q.CardID {
		t.Fatalf("pressing 3 before the answer moved the quiz: %+v", q2)
	}
	if p := tab.progress(); p != nil && len(p.Cards) > 0 {
		t.Fatalf("pressing 3 before the answer graded a card: %+v", p.Cards)
	}

	// First-time grades in order: Good, Easy, Again, Hard, Good, Good, Good.
	// Easy graduates at once; the others go through the learning steps
	// (1 and 10 minutes) and come back, in the same session, until a Good
	// on their last step graduates them.
	plan := []int{3, 4, 1, 2, 3, 3, 3}
	graded := map[string]int{} // id → first grade
	var order []string
	answers := 0
	for step := 0; ; step++ {
		if step > 4*len(ids) {
			t.Fatalf("the quiz did not end after %d steps", step)
		}
		q := tab.quiz()
		if q.State == "done" {
			break
		}
		if q.State != "question" || q.AnswerShown || q.GradesShown || !q.RevealShown {
			t.Fatalf("step %d: %+v, want a question with the answer hidden", step, q)
		}
		_, seen := graded[q.CardID]
		if wantNew := len(ids) - len(graded); !seen && q.New != wantNew {
			t.Errorf("step %d: %d new cards counted, want %d", step, q.New, wantNew)
		}
		// Reveal: Space, a tap-sized click on the button, Enter, in turn.
		switch step % 3 {
		case 0:
			tab.key(" ")
		case 1:
			x, y := tab.center("[data-action=reveal]")
			tab.do("click reveal", chromedp.MouseClickXY(x, y))
		case 2:
			tab.key("\r")
		}
		tab.waitJS(`document.getElementById("quiz").dataset.state === "answer"`, fmt.Sprintf("step %d: the answer", step))
		a := tab.quiz()
		if !a.AnswerShown || !a.GradesShown || a.RevealShown || a.CardID != q.CardID {
			t.Fatalf("step %d: after reveal: %+v", step, a)
		}
		g := 3
		if !seen {
			g = plan[len(graded)]
			graded[q.CardID] = g
			order = append(order, q.CardID)
		}
		// Grade: the key, or a click on the button, in turn.
		if step%2 == 0 {
			tab.key(strconv.Itoa(g))
		} else {
			x, y := tab.center(fmt.Sprintf(`button[data-grade="%d"]`, g))
			tab.do("click grade", chromedp.MouseClickXY(x, y))
		}
		answers++
		if !tab.tryWaitJS(`(() => { const q = document.getElementById("quiz");
  return q.quiz.session.answers === ` + strconv.Itoa(answers) + ` && (q.dataset.state === "done" || q.dataset.state === "question"); })()`) {
			t.Fatalf("step %d: grade %d did not move on to the next card: page %s, quiz %s", step, g,
				siteJS[string](tab, `location.href`), siteJS[string](tab, `(document.getElementById("quiz") || document.body).outerHTML.slice(0, 600)`))
		}
	}
	if len(graded) != len(ids) {
		t.Errorf("the quiz showed %d different cards %v, want all %d", len(graded), order, len(ids))
	}
	// Again and Hard: three answers (to the second step, then out); Good:
	// two; Easy: one.
	if answers != 15 {
		t.Errorf("%d answers, want 15", answers)
	}

	// The summary counts every answer.
	sum := siteJS[map[string]string](tab, `({...document.querySelector(".quiz-summary").dataset, text: document.querySelector(".quiz-summary").innerText})`)
	want := map[string]string{"cards": "7", "answers": "15", "again": "1", "hard": "1", "good": "12", "easy": "1", "againRate": "7"}
	for k, v := range want {
		if sum[k] != v {
			t.Errorf("summary data-%s = %q, want %q (summary: %q)", k, sum[k], v, sum["text"])
		}
	}
	if !strings.Contains(sum["text"], "7 cards studied") || !strings.Contains(sum["text"], "Again 7%") {
		t.Errorf("the summary does not say 7 cards studied, again 7%%: %q", sum["text"])
	}

	// The stored records: every card graduated to review, scheduled by
	// FSRS from its answers (same-day ones with the short-term formula).
	p := tab.progress()
	if p == nil {
		t.Fatalf("no progress under localStorage key %q; keys: %v", siteProgressKey,
			siteJS[[]string](tab, `Object.keys(localStorage)`))
	}
	if p.Schema < 1 {
		t.Errorf("schema = %d, want a version number", p.Schema)
	}
	var keys []string
	for id := range p.Cards {
		keys = append(keys, id)
	}
	slices.Sort(keys)
	wantIDs := slices.Sorted(slices.Values(ids))
	if !slices.Equal(keys, wantIDs) {
		t.Fatalf("records for %v, want %v", keys, wantIDs)
	}
	for id, rec := range p.Cards {
		g := graded[id]
		var c studyCard
		var ivl, reps int
		switch g {
		case 4:
			c, ivl, reps = studyFirst(4), studyFirstIntervals(0.9)[3], 1
		case 3:
			c, ivl, reps = studyShort(studyFirst(3), 3), studyShortIntervals(studyFirst(3), 0.9)[2], 2
		default: // Again or Hard, then Good on each step
			mid := studyShort(studyFirst(g), 3)
			c, ivl, reps = studyShort(mid, 3), studyShortIntervals(mid, 0.9)[2], 3
		}
		checkRec(t, "card graded "+strconv.Itoa(g)+" first", rec, c, siteNow, ivl, "review", reps, 0)
	}
	logged := map[string]int{}
	for _, e := range p.Log {
		id, _ := e["id"].(string)
		g, _ := e["grade"].(float64)
		if _, ok := logged[id]; !ok {
			logged[id] = int(g)
		}
	}
	for id, g := range graded {
		if logged[id] != g {
			t.Errorf("review log: first grade of %s is %d, want %d", id, logged[id], g)
		}
	}
	if len(p.Log) != 15 {
		t.Errorf("%d log entries, want 15", len(p.Log))
	}

	// Reload: nothing is due at the same moment, so the quiz is caught up.
	before := siteJS[string](tab, `localStorage.getItem(`+browsertest.JSString(siteProgressKey)+`)`)
	tab.do("reload", chromedp.Reload())
	tab.waitJS(siteQuizReady, "the quiz after reload")
	if q := tab.quiz(); q.State != "caught-up" {
		t.Errorf("quiz after reload: %+v, want caught-up", q)
	}
	if after := siteJS[string](tab, `localStorage.getItem(`+browsertest.JSString(siteProgressKey)+`)`); after != before {
		t.Errorf("reloading the quiz changed the record:\n%s\n%s", before, after)
	}

	// The index shows today's counts: nothing left in the deck (its row
	// names its parents too), new cards in the other decks.
	checkIndex := func(now int64) {
		t.Helper()
		tab.open("index.html", siteIndexReady)
		for _, slug := range tab.indexDecks() {
			if got, want := tab.indexCounts(slug), site.expectToday(tab, p, slug, now); got != want {
				t.Errorf("index: deck %s shows new,learn,due %v, want %v", slug, got, want)
			}
		}
	}
	checkDeck := func(now int64) {
		t.Helper()
		tab.open("decks/"+kinesisSlug+".html", siteDeckReady)
		if got, want := tab.deckCounts(kinesisSlug), expectCounts(p, ids, now); !sameCounts(got, want) {
			t.Errorf("deck page: header shows %v, want %v", got, want)
		}
		st := siteJS[map[string][]string](tab, `Object.fromEntries([...document.querySelectorAll(".card.flip")].map((c) => {
  const s = c.querySelector(".card-status");
  return [c.dataset.cardIds, [s.dataset.state || "", s.dataset.due || "", s.innerText]];
}))`)
		for _, id := range ids {
			rec := p.Cards[id]
			got := st[id]
			wantState := rec.status(now)
			if len(got) != 3 || got[0] != wantState || got[1] != strconv.FormatInt(*rec.Due, 10) {
				t.Errorf("deck page: card %s status %q, want state %s, due %d", id, got, wantState, *rec.Due)
				continue
			}
			if !strings.HasPrefix(strings.ToLower(got[2]), wantState) {
				t.Errorf("deck page: card %s shows %q, want it to start with %q", id, got[2], wantState)
			}
		}
	}
	checkIndex(siteNow)
	if c := tab.indexCounts(kinesisSlug); c != [3]int{0, 0, 0} {
		t.Errorf("index: Kinesis shows new,learn,due %v, want nothing left today", c)
	}
	checkDeck(siteNow)

	// Three and a half days later the six cards that went through the
	// steps (3 days) are due; the Easy one (8 days) is not.
	later := siteNow + 7*siteDay/2
	tab.setClock(later)
	checkIndex(later)
	if c := tab.indexCounts(kinesisSlug); c != [3]int{0, 0, 6} {
		t.Errorf("index 3.5 days later: Kinesis shows new,learn,due %v, want 6 due", c)
	}
	checkDeck(later)
	tab.open("decks/"+kinesisSlug+".html#quiz", siteQuizReady)
	q = tab.quiz()
	if q.State != "question" || q.Due != 6 || q.New != 0 || q.Learn != 0 {
		t.Errorf("quiz 3.5 days later: %+v, want a question, 6 cards due", q)
	}
	if q.CardID != order[0] {
		t.Errorf("quiz 3.5 days later starts with %s, want %s (due as early as the others, first in the deck)", q.CardID, order[0])
	}
	tab.noErrors()
}

// TestScreenshots saves screenshots of the sample site for people to look
// at: the index (fresh and with progress), the AWS Kinesis deck (a card
// turned), the Syntax Tour deck (all answers shown) and the quiz at every
// stage, at 390x844 and 1280x800, light and dark. It runs only when
// FLIPDECK_SCREENSHOTS names the folder to write them to.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv(ScreenshotsEnv)
	if dir == "" {
		t.Skipf("set %s=dir to write screenshots", ScreenshotsEnv)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	tab, _ := openSite(t, 1280, 800)
	tab.setClock(siteNow)
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"390x844", 390, 844, true}, {"1280x800", 1280, 800, false}} {
		for _, scheme := range []string{"light", "dark"} {
			opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
			if vp.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			tab.do("viewport", chromedp.EmulateViewport(vp.width, vp.height, opts...))
			tab.media(scheme, true)
			shot := func(name string) {
				t.Helper()
				// Load lazy images, which a full-page capture does not scroll to.
				siteJS[bool](tab, `(async () => {
  for (const i of document.images) i.loading = "eager";
  await Promise.all([...document.images].map((i) => i.complete ? 0 : new Promise((r) => { i.onload = i.onerror = r; setTimeout(r, 3000); })));
  scrollTo(0, 0);
  return true;
})()`)
				time.Sleep(50 * time.Millisecond)
				browsertest.Screenshot(t, tab.ctx, filepath.Join(dir, fmt.Sprintf("%s-%s-%s.png", vp.name, scheme, name)))
				if w := siteJS[int](tab, `document.documentElement.scrollWidth`); w > int(vp.width) {
					t.Errorf("%s %s %s: the page is %d px wide: it scrolls sideways", vp.name, scheme, name, w)
				}
			}
			tab.open("index.html", siteIndexReady)
			tab.do("clear progress", chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
			tab.open("index.html", siteIndexReady)
			shot("index")

			tab.open("decks/"+kinesisSlug+".html", siteDeckReady)
			tab.do("turn the first card", chromedp.Evaluate[chromedp.Void](`document.querySelector(".card.flip .card-flip").click()`))
			shot("deck-kinesis")
			tab.open("decks/flipdeck-tour--syntax.html", siteDeckReady)
			tab.do("show all", chromedp.Evaluate[chromedp.Void](`document.querySelector(".show-all").click()`))
			shot("deck-syntax")

			tab.open("decks/"+kinesisSlug+".html#quiz", siteQuizReady)
			shot("quiz-question")
			// (A click: a Space sent over CDP also sends a separate "char"
			// event, which scrolls the page as a real key press would not.)
			tab.do("reveal", chromedp.Evaluate[chromedp.Void](`document.querySelector("[data-action=reveal]").click()`))
			tab.waitJS(`document.getElementById("quiz").dataset.state === "answer"`, "the answer")
			// What the reader sees after the reveal: one screen, with the grades.
			time.Sleep(50 * time.Millisecond)
			viewportShot(t, tab, filepath.Join(dir, fmt.Sprintf("%s-%s-quiz-answer-screen.png", vp.name, scheme)))
			shot("quiz-answer")
			for i := 0; tab.quiz().State != "done" && i < 40; i++ {
				if tab.quiz().State == "question" {
					tab.key(" ")
				}
				g := "3"
				if i == 1 {
					g = "1"
				} else if i == 2 {
					g = "4"
				}
				tab.key(g)
				time.Sleep(30 * time.Millisecond)
			}
			shot("quiz-done")
			tab.do("reload", chromedp.Reload())
			tab.waitJS(siteQuizReady, "the quiz after reload")
			shot("quiz-caught-up")
			tab.open("index.html", siteIndexReady)
			shot("index-progress")
			tab.open("decks/"+kinesisSlug+".html", siteDeckReady)
			shot("deck-kinesis-progress")
		}
	}
	tab.noErrors()
}

// viewportShot saves what the viewport shows now (not the whole page).
func viewportShot(t *testing.T, tab *browserTab, path string) {
	t.Helper()
	var png []byte
	tab.do("screenshot", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
		png = r.Data
		return err
	}))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
