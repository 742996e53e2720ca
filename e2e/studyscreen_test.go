package e2e

// Browser tests of the focused study screen (study-shell.js, quiz-ui.js)
// and of the learning steps (learning.js, session.js).

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

const studyMinute = int64(60000)

// studyBarsNote is a deck whose first card has a one-word answer and whose
// second has one many screens long, and three more.
func studyBarsNote() string {
	var long strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&long, "Line %d of an answer that goes on and on, far past the bottom of a phone's screen.\n\n", i)
	}
	return "---\ncards-deck: Bars\n---\n# Bars\n\n## Is this answer short? #card\n\nYes.\n\n## Is this answer long? #card\n\n" + long.String() +
		"## Capital of France? #card\n\nParis.\n\n## Capital of Italy? #card\n\nRome.\n\n## Capital of Spain? #card\n\nMadrid.\n"
}

func studyBarsSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "Bars.md"), []byte(studyBarsNote()), 0o644); err != nil {
		t.Fatal(err)
	}
	return studyBuild(t, src)
}

type studyRect struct{ X, Y, W, H float64 }

func (p *studyPage) rect(sel string) studyRect {
	p.t.Helper()
	var r studyRect
	raw := p.str(`(r => JSON.stringify({x: r.x, y: r.y, w: r.width, h: r.height}))(document.querySelector(` + jsq(sel) + `).getBoundingClientRect())`)
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		p.t.Fatal(err)
	}
	return r
}

func jsq(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// smallTargets lists the visible controls of the quiz smaller than 44×44
// px (links inside card text excepted: they are text).
func (p *studyPage) smallTargets() []string {
	p.t.Helper()
	var out []string
	raw := p.str(`JSON.stringify([...document.querySelectorAll("#quiz button, #quiz a[href], #quiz input, #quiz summary")]
  .filter(e => e.getClientRects().length > 0 && !e.closest(".prose, .quiz-q, .option-body, .sr-only") && getComputedStyle(e).visibility !== "hidden")
  .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width < 44 || r.height < 44)
  .map(([e, r]) => e.outerHTML.slice(0, 90) + " " + Math.round(r.width) + "×" + Math.round(r.height)))`)
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		p.t.Fatal(err)
	}
	return out
}

func (p *studyPage) checkTargets(where string) {
	p.t.Helper()
	if small := p.smallTargets(); len(small) > 0 {
		p.t.Errorf("%s: tap targets under 44 px: %v", where, small)
	}
}

// TestStudyScreenPhone studies at 390×844 with real touch events: the
// chrome steps aside and the card starts at the top; a tap on the card
// shows the answer; the grade bar sits exactly where "Show answer" was,
// for a one-word answer and for one many screens long; Again says "<1m"
// and the New · Learn · Due counts go down; each answer is confirmed;
// switching modes asks first; ✕ End leads to the summary; every tap
// target is at least 44 px; settings focus no field.
func TestStudyScreenPhone(t *testing.T) {
	p := studyOpenDir(t, studyBarsSite(t), 390, 844, true, "")
	for _, dark := range []bool{false, true} {
		p.setDark(dark)
		p.quiz("bars")
		p.eval(`localStorage.clear(), true`)
		p.quiz("bars")
		studyScreenPhone(t, p, !dark)
	}
	p.noErrors()
}

func studyScreenPhone(t *testing.T, p *studyPage, check bool) {
	if !p.studying() {
		t.Fatal("the quiz did not open on the study screen")
	}
	if shown := p.str(`[".site-header", ".breadcrumb", ".page-title", ".deck-meta", ".site-footer", ".quiz-top"].filter(s => document.querySelector(s).getClientRects().length > 0).join(" ")`); shown != "" {
		t.Errorf("while studying, the page chrome still shows: %s", shown)
	}
	if y := p.rect(".quiz-card").Y; y > 80 {
		t.Errorf("the card starts %v px down, want it under the slim top bar (≤ 80)", y)
	}
	if c := p.counts(); c != (studyCounts{New: 5, Current: "new"}) {
		t.Errorf("counts at the start %+v, want 5 new, the card on screen counted as new", c)
	}
	if txt := p.str(`document.querySelector(".study-deck").textContent`); txt != "Bars" {
		t.Errorf("top bar names the deck %q", txt)
	}
	p.viewShot("study-question")
	if check {
		p.checkTargets("question")
	}
	bar := p.rect(".study-bottom")
	reveal := p.rect(".study-actions .reveal")

	// A tap on the card, not on the button, shows the answer.
	p.tap(".quiz-card .quiz-q")
	p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
	short := p.rect(".grades")
	if got := p.rect(".study-bottom"); got != bar {
		t.Errorf("the bottom bar moved when the answer showed: %+v → %+v", bar, got)
	}
	if short.Y < bar.Y || short.Y+short.H > bar.Y+bar.H || reveal.Y < bar.Y || short.Y+short.H > 844 {
		t.Errorf("grades %+v and Show answer %+v are not both in the bottom bar %+v on screen", short, reveal, bar)
	}
	if labels := p.gradeLabels(); strings.Join(labels, " ") != "<1m <6m <10m 8d" {
		t.Errorf("a new card's grade labels %v, want <1m <6m <10m 8d", labels)
	}
	p.viewShot("study-answer-short")
	if check {
		p.checkTargets("answer")
	}
	p.tap(".grade-again")
	p.wait(`document.querySelector(".quiz-card").dataset.cardId !== ""`)
	if txt := p.str(`document.querySelector(".study-toast").textContent`); !strings.HasPrefix(txt, "Again · back in 1 minute") {
		t.Errorf("confirmation after Again: %q", txt)
	}
	if c := p.counts(); c != (studyCounts{New: 4, Learn: 1, Current: "new"}) {
		t.Errorf("counts after Again on a new card %+v, want 4 new, 1 learning", c)
	}
	// The confirmation's Undo takes the answer back.
	shortID := p.str(`document.getElementById("quiz").quiz.session.history[0].id`)
	p.tap(".study-toast-undo")
	p.wait(`document.getElementById("quiz").quiz.session.answers === 0`)
	if d := p.progress(); p.cardID() != shortID || p.state() != "question" || len(d.Cards) != 0 || len(d.Log) != 0 || p.counts() != (studyCounts{New: 5, Current: "new"}) {
		t.Errorf("Undo in the confirmation: card %s state %s, %d records, counts %+v; want the first card back and nothing stored", p.cardID(), p.state(), len(d.Cards), p.counts())
	}
	p.tap(".quiz-card .quiz-q")
	p.tap(".grade-again")
	p.wait(`document.getElementById("quiz").quiz.session.answers === 1`)

	// The long answer: the grades are exactly where they were.
	p.tap(".quiz-card .quiz-q")
	p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
	if h := p.num(`document.documentElement.scrollHeight`); h < 3*844 {
		t.Fatalf("the long answer makes a page of %v px, want several screens", h)
	}
	p.viewShot("study-answer-long")
	if long := p.rect(".grades"); long != short {
		t.Errorf("grade bar for the long answer %+v, for the short one %+v: want the same box", long, short)
	}
	p.eval(`scrollTo(0, document.documentElement.scrollHeight), true`)
	p.wait(`scrollY > 1000`)
	if end := p.rect(".grades"); end != short {
		t.Errorf("grade bar at the end of the long answer %+v, want %+v", end, short)
	}
	p.tap(".grade-easy")
	p.wait(`document.querySelector(".study-toast") && document.querySelector(".study-toast").textContent.startsWith("Easy")`)
	if txt := p.str(`document.querySelector(".study-toast").textContent`); !strings.HasPrefix(txt, "Easy · back in 8 days") {
		t.Errorf("confirmation after Easy: %q", txt)
	}
	if c := p.counts(); c != (studyCounts{New: 3, Learn: 1, Current: "new"}) {
		t.Errorf("counts after Easy %+v, want 3 new, 1 learning", c)
	}
	if sc := p.num(`scrollY`); sc != 0 {
		t.Errorf("the next card opens scrolled %v px down, want its top", sc)
	}

	// Switching modes mid-session asks first; "Keep studying" keeps it all.
	onScreen := p.cardID()
	p.tap(".study-menu-btn")
	p.wait(`document.querySelector(".quiz-top.open")`)
	p.viewShot("study-menu")
	if check {
		p.checkTargets("menu")
	}
	p.tap(".quiz-mode-btn[data-mode=practice]")
	p.wait(`document.querySelector(".confirm-dialog[open]")`)
	if txt := p.str(`document.querySelector(".confirm-dialog").textContent`); !strings.Contains(txt, "2 answers") || !strings.Contains(txt, "Switch to practice") {
		t.Errorf("the confirmation says %q", txt)
	}
	p.viewShot("study-confirm")
	p.tap(".confirm-dialog [data-action=confirm-cancel]")
	p.wait(`!document.querySelector(".confirm-dialog[open]")`)
	if p.state() != "question" || p.cardID() != onScreen || p.num(`document.getElementById("quiz").quiz.session.answers`) != 2 || !p.studying() {
		t.Errorf("Keep studying: state %s card %s (want %s), session lost?", p.state(), p.cardID(), onScreen)
	}
	p.switchMode("practice", true)
	if p.state() != "start" || p.studying() {
		t.Errorf("after confirming: state %q, studying %v; want the practice start", p.state(), p.studying())
	}
	if d := p.progress(); len(d.Log) != 2 {
		t.Errorf("switching lost answers: %d log entries, want 2", len(d.Log))
	}

	// Back to review (nothing to lose, nothing asked); ✕ End → summary.
	p.tap(".quiz-mode-btn[data-mode=review]")
	p.wait(`document.getElementById("quiz").dataset.state === "question"`)
	if c := p.counts(); c != (studyCounts{New: 3, Learn: 1, Current: "new"}) {
		t.Errorf("counts on coming back %+v, want 3 new, 1 learning", c)
	}
	p.tap(".quiz-card .quiz-q")
	p.tap(".grade-good")
	p.tap(".study-end")
	p.wait(`document.getElementById("quiz").dataset.state === "done"`)
	sum := p.str(`(s => [s.dataset.cards, s.dataset.answers, s.dataset.again, s.querySelector("h2").textContent].join("|") + "|" + s.textContent)(document.querySelector(".quiz-summary"))`)
	if !strings.HasPrefix(sum, "1|1|0|Session ended|") || !strings.Contains(sum, "1 card studied") || !strings.Contains(sum, "Next card due") ||
		!strings.Contains(sum, "2 cards in learning come back") || !strings.Contains(sum, "2 cards left for later") {
		t.Errorf("summary after End: %q", sum)
	}
	if p.studying() || p.num(`document.querySelector(".site-header").getClientRects().length`) == 0 {
		t.Error("the summary still hides the page chrome")
	}
	p.viewShot("study-summary")
	if check {
		p.checkTargets("summary")
	}
	// Settings open with the focus on their heading, never on a field.
	p.tap(".quiz-settings-btn")
	p.wait(`!document.getElementById("quiz-settings").hidden`)
	if tag := p.str(`document.activeElement.tagName + "." + document.activeElement.className`); tag != "H2.settings-title" {
		t.Errorf("opening the settings focused %s, want the heading", tag)
	}
	if check {
		p.checkTargets("settings")
	}
	p.tap("[data-action=close-settings]")

	// The test, in the same frame.
	p.tap(".quiz-mode-btn[data-mode=test]")
	p.tap("[data-action=start-test]")
	p.wait(`document.getElementById("quiz").dataset.state === "question"`)
	if c := p.str(`(c => [c.querySelector(".sc-pos").dataset.n, c.querySelector(".sc-pos").dataset.total, c.querySelector(".sc-right").dataset.n].join(","))(document.querySelector(".study-counts"))`); !p.studying() || c != "1,5,0" {
		t.Errorf("test: studying %v, question,total,right = %s, want 1,5,0", p.studying(), c)
	}
	p.viewShot("study-test")
	if check {
		p.checkTargets("test question")
	}
	p.tap(".option[data-option='0']")
	p.wait(`!document.querySelector(".study-actions .next").hidden`)
	p.viewShot("study-test-answered")
	p.tap(".study-end")
	p.wait(`document.querySelector(".test-result")`)
	if n := p.str(`document.querySelector(".test-result").dataset.total`); n != "1" {
		t.Errorf("End in a test: result over %s questions, want the 1 answered", n)
	}
}

// TestStudyLearningSteps follows cards through Anki's learning steps with
// the keyboard: the labels of a new card (<1m <6m <10m, Easy in days), the
// records (state, step, due minutes away, FSRS memory state), a learning
// card coming back as soon as it is due, ahead of new cards, the rest
// coming back before the session ends, graduation with FSRS's same-day
// interval, and a lapse going through the relearning step.
func TestStudyLearningSteps(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	first := studyFirstIntervals(0.9)
	answer := func(key string) {
		t.Helper()
		p.key(" ")
		p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
		p.key(key)
	}
	step := func(what, id string, wantState string, wantStep int, at, delay int64, c studyCard) {
		t.Helper()
		r := p.progress().Cards[id]
		if r.State != wantState || r.Step == nil || *r.Step != wantStep || r.Due == nil || *r.Due != at+delay || r.ScheduledDays != 0 ||
			r.LastReview == nil || *r.LastReview != at {
			t.Errorf("%s: record %+v (step %v), want %s step %d due %d ms later", what, r, r.Step, wantState, wantStep, delay)
		}
		if studyRel(r.Stability, c.S) > 1e-6 || studyRel(r.Difficulty, c.D) > 1e-6 {
			t.Errorf("%s: S/D %.8f/%.8f, want %.8f/%.8f", what, r.Stability, r.Difficulty, c.S, c.D)
		}
	}

	p.key(" ")
	if got := strings.Join(p.gradeLabels(), " "); got != "<1m <6m <10m "+fmtDays(first[3]) {
		t.Errorf("new card labels %q", got)
	}
	p.key("1") // card 1 Again: step 0, 1 minute
	step("card 1 Again", ids[0], "learning", 0, studyT0, studyMinute, studyFirst(1))
	if l := p.progress().Log[0]; l.State != "new" || l.Ivl == nil || *l.Ivl != 0 {
		t.Errorf("log of a first answer into the steps: %+v", l)
	}
	answer("3") // card 2 Good: step 1, 10 minutes
	step("card 2 Good", ids[1], "learning", 1, studyT0, 10*studyMinute, studyFirst(3))
	// Two minutes later card 1 is due: it comes before the new cards.
	t2 := studyT0 + 2*studyMinute
	p.setClock(t2)
	answer("2") // card 3 Hard on the first step: halfway to the second, 5.5 minutes
	step("card 3 Hard", ids[2], "learning", 0, t2, 11*studyMinute/2, studyFirst(2))
	if p.cardID() != ids[0] {
		t.Fatalf("after card 3, card %s is on screen; want card 1, due a minute ago", p.cardID())
	}
	if c := p.counts(); c != (studyCounts{New: 2, Learn: 3, Current: "learn"}) {
		t.Errorf("counts with card 1 back %+v, want 2 new · 3 learning (this one underlined)", c)
	}
	p.key(" ")
	if got := strings.Join(p.gradeLabels(), " "); !strings.HasPrefix(got, "<1m <6m <10m ") {
		t.Errorf("labels on the first step %q", got)
	}
	p.key("3") // card 1 Good: step 1
	step("card 1 Good", ids[0], "learning", 1, t2, 10*studyMinute, studyShort(studyFirst(1), 3))
	answer("4") // cards 4 and 5 Easy: graduate at once
	answer("4")
	if r := p.progress().Cards[ids[3]]; r.State != "review" || r.Step != nil || r.ScheduledDays != first[3] {
		t.Errorf("card 4 Easy: %+v, want review in %d days", r, first[3])
	}
	// Only learning cards are left, due within 20 minutes: shown now,
	// earliest first: card 3 (+7.5 min), card 2 (+10), card 1 (+12).
	if p.cardID() != ids[2] {
		t.Fatalf("first learning card shown: %s, want card 3", p.cardID())
	}
	answer("3") // card 3: step 1
	step("card 3 Good", ids[2], "learning", 1, t2, 10*studyMinute, studyShort(studyFirst(2), 3))
	if p.cardID() != ids[1] {
		t.Fatalf("next: %s, want card 2", p.cardID())
	}
	p.key(" ")
	c2 := studyFirst(3)
	iv := studyShortIntervals(c2, 0.9)
	if got := strings.Join(p.gradeLabels(), " "); got != "<1m <10m "+fmtDays(iv[2])+" "+fmtDays(iv[3]) {
		t.Errorf("labels on the last step %q, want <1m <10m %s %s", got, fmtDays(iv[2]), fmtDays(iv[3]))
	}
	p.key("3") // card 2 graduates with FSRS's same-day interval
	checkRec(t, "card 2 graduates", p.progress().Cards[ids[1]], studyShort(c2, 3), t2, iv[2], "review", 2, 0)
	if s := p.progress().Cards[ids[1]].Step; s != nil {
		t.Errorf("a graduated card keeps step %d", *s)
	}
	answer("3")
	answer("3")
	if p.state() != "done" {
		t.Fatalf("state %q after every card graduated, want done", p.state())
	}
	sum := p.str(`(d => [d.cards, d.answers, d.again, d.hard, d.good, d.easy].join(","))(document.querySelector(".quiz-summary").dataset)`)
	if sum != "5,10,1,1,6,2" {
		t.Errorf("summary cards,answers,again,hard,good,easy = %s, want 5,10,1,1,6,2", sum)
	}
	// The next deck with cards to study: the first outside this one's
	// branch, a chain of single subdecks named by its last deck.
	p.wait(`document.querySelector(".next-deck")`)
	if next := p.str(`(a => a.getAttribute("href") + " | " + a.textContent)(document.querySelector(".next-deck"))`); next != "../decks/aws-exams--solutions-architect--associate--aws-kinesis.html#quiz | Continue with AWS Exams › Solutions Architect › Associate › AWS Kinesis7 new" {
		t.Errorf("next deck offered: %q", next)
	}
	d := p.progress()
	for i, id := range ids {
		if r := d.Cards[id]; r.State != "review" || r.Step != nil || r.Reps < 1 {
			t.Errorf("card %d at the end: %+v, want in review", i+1, r)
		}
	}

	// A lapse: Again on a review card goes through the 10-minute
	// relearning step, counted once.
	t3 := studyT0 + 40*studyDay
	p.setClock(t3)
	p.quiz(keyboardDeck)
	id := p.cardID()
	before := d.Cards[id]
	p.key(" ")
	if l := p.gradeLabels(); l[0] != "<10m" {
		t.Errorf("a review card's Again label %q, want <10m", l[0])
	}
	p.key("1")
	el := int((t3 - *before.LastReview) / studyDay)
	want := studyNext(studyCard{S: before.Stability, D: before.Difficulty}, 1, el)
	step("lapse", id, "relearning", 0, t3, 10*studyMinute, want)
	if r := p.progress().Cards[id]; r.Lapses != before.Lapses+1 {
		t.Errorf("lapses %d, want %d", r.Lapses, before.Lapses+1)
	}
	if c := p.counts(); c.Learn != 1 || c.Due != 4 {
		t.Errorf("counts after the lapse %+v, want 1 learning, 4 due", c)
	}
	// Back after the step: Good ends the relearning, one lapse in all.
	for range 4 {
		answer("3")
	}
	if p.cardID() != id {
		t.Fatalf("the relearning card did not come back: %s", p.cardID())
	}
	answer("3")
	if r := p.progress().Cards[id]; r.State != "review" || r.Step != nil || r.Lapses != before.Lapses+1 || r.ScheduledDays < 1 {
		t.Errorf("after relearning: %+v", r)
	}
	p.noErrors()
}

// TestStudyStepsSettings: the steps are settings, checked and stored;
// empty steps give FSRS alone.
func TestStudyStepsSettings(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.quiz(keyboardDeck)
	p.click(".study-menu-btn")
	p.click(".quiz-settings-btn")
	p.wait(`!document.getElementById("quiz-settings").hidden`)
	if tag := p.str(`document.activeElement.tagName`); tag == "INPUT" {
		t.Error("opening the settings focused a field")
	}
	if v := p.str(`document.getElementById("set-learn").value + "|" + document.getElementById("set-relearn").value`); v != "1m 10m|10m" {
		t.Errorf("default steps shown as %q", v)
	}
	set := func(id, v string) {
		t.Helper()
		p.eval(`(e => { e.value = ` + jsq(v) + `; e.dispatchEvent(new Event("change")); return true })(document.getElementById(` + jsq(id) + `))`)
	}
	set("set-learn", "30s 5m 1h")
	if d := p.progress(); d.Settings == nil || fmt.Sprint(d.Settings.LearnSteps) != "[0.5 5 60]" {
		t.Errorf("stored learning steps %+v", d.Settings)
	}
	if v := p.str(`document.getElementById("set-learn").value`); v != "30s 5m 1h" {
		t.Errorf("steps written back as %q", v)
	}
	set("set-learn", "5 minutes")
	if msg := p.str(`document.querySelector(".settings-status").textContent`); !strings.Contains(msg, "not saved") || p.str(`document.getElementById("set-learn").getAttribute("aria-invalid")`) != "true" {
		t.Errorf("bad steps: %q", msg)
	}
	if d := p.progress(); fmt.Sprint(d.Settings.LearnSteps) != "[0.5 5 60]" {
		t.Errorf("bad steps changed the stored ones: %v", d.Settings.LearnSteps)
	}
	p.key(kb.Escape)
	p.key(" ")
	if got := strings.Join(p.gradeLabels(), " "); got != "<30s <3m <5m 8d" {
		t.Errorf("labels with steps 30s 5m 1h: %q, want <30s <3m <5m 8d", got)
	}
	p.click(".study-menu-btn")
	p.click(".quiz-settings-btn")
	set("set-learn", "")
	p.key(kb.Escape)
	p.key("4")
	p.key(" ")
	first := studyFirstIntervals(0.9)
	if got := strings.Join(p.gradeLabels(), " "); got != strings.Join([]string{fmtDays(first[0]), fmtDays(first[1]), fmtDays(first[2]), fmtDays(first[3])}, " ") {
		t.Errorf("labels with no steps %q, want FSRS's %v", got, first)
	}
	p.noErrors()
}

// TestStudyProgressStates: new, learning, due, young and mature cards are
// told apart on the index (counts and bar), on the deck page (each
// card's state), on the statistics page and in the quiz's counts; no page
// says "learned".
func TestStudyProgressStates(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	rec := func(state string, ivl int, due int64, step *int) map[string]any {
		r := map[string]any{"state": state, "stability": float64(ivl) + 0.5, "difficulty": 5.0, "due": due, "lastReview": due - int64(ivl)*studyDay - studyMinute,
			"reps": 3, "lapses": 0, "scheduledDays": ivl}
		if step != nil {
			r["step"] = *step
			r["lastReview"] = studyT0 - studyMinute
		}
		return r
	}
	zero := 0
	seed := map[string]any{"schema": 2, "stars": map[string]any{}, "log": []any{}, "logDropped": 0, "tests": map[string]any{},
		"cards": map[string]any{
			ids[0]: rec("review", 30, studyT0+10*studyDay, nil),      // mature
			ids[1]: rec("review", 5, studyT0+2*studyDay, nil),        // young
			ids[2]: rec("learning", 0, studyT0+5*studyMinute, &zero), // learning, due in 5 minutes
			ids[3]: rec("review", 3, studyT0-studyDay, nil),          // due
		}} // ids[4] new
	b, _ := json.Marshal(seed)
	p.eval(`localStorage.setItem("flipdeck:/flip/:progress", ` + jsq(string(b)) + `), true`)

	// The deck page's header bar (the index shows today's New/Learn/Due).
	p.open("decks/"+keyboardDeck+".html", `document.querySelector(".deck-progress[data-deck=`+keyboardDeck+`] .meter")`)
	el := `document.querySelector(".deck-progress[data-deck=` + keyboardDeck + `]")`
	if got := p.str(`(d => [d.new, d.learning, d.due, d.young, d.mature, d.learned].join(","))(` + el + `.dataset)`); got != "1,1,1,1,1,2" {
		t.Errorf("deck header new,learning,due,young,mature,learned = %s, want 1,1,1,1,1,2", got)
	}
	text := strings.Join(strings.Fields(p.str(el+`.textContent`)), " ")
	if !strings.HasPrefix(text, "1 due 1 learning 1 new 1 young 1 mature") || strings.Contains(text, "learned") {
		t.Errorf("index shows %q", text)
	}
	if bar := p.str(`[...` + el + `.querySelectorAll(".meter > span")].map(s => s.className + " " + s.style.width).join(", ")`); bar != "meter-mature 20%, meter-young 20%, meter-learning 20%, meter-due 20%" {
		t.Errorf("index bar %q", bar)
	}
	if a, b := p.str(`getComputedStyle(`+el+`.querySelector(".meter-mature")).backgroundColor`), p.str(`getComputedStyle(`+el+`.querySelector(".meter-young")).backgroundColor`); a == b {
		t.Errorf("young and mature look alike on the bar: %s", a)
	}

	p.open("decks/"+keyboardDeck+".html", `document.querySelector(".card-status[data-state]")`)
	raw := p.str(`JSON.stringify([...document.querySelectorAll(".card.flip")].map(c => c.querySelector(".card-status").dataset.state + ":" + c.querySelector(".card-status").textContent))`)
	var st []string
	_ = json.Unmarshal([]byte(raw), &st)
	want := []string{"mature:Mature · due", "young:Young · due", "learning:Learning · due", "due:Due since", "new:New"}
	for i, w := range want {
		if i >= len(st) || !strings.HasPrefix(st[i], w) {
			t.Errorf("deck page card %d: %v, want it to start with %q", i+1, st, w)
			break
		}
	}

	p.open("stats.html", `document.querySelector(".deck-state-row td[data-k=mature]").textContent`)
	if row := p.str(`[...document.querySelectorAll(".deck-state-row[data-deck=` + keyboardDeck + `] td")].slice(0, 5).map(td => td.textContent).join(",")`); row != "1,1,1,1,1" {
		t.Errorf("stats new,learning,due,young,mature = %s", row)
	}

	p.quiz(keyboardDeck)
	if c := p.counts(); c != (studyCounts{New: 1, Learn: 1, Due: 1, Current: "due"}) {
		t.Errorf("quiz counts %+v, want 1 new · 1 learning · 1 due, the due card first", c)
	}
	if p.cardID() != ids[3] {
		t.Errorf("first card %s, want the due one", p.cardID())
	}
	p.noErrors()
}

// TestStudyScreenDesktop: the same screen at 1280×800 with the keyboard:
// Space shows the answer, the grade bar stays put for a long answer, Esc
// ends the session with its summary.
func TestStudyScreenDesktop(t *testing.T) {
	p := studyOpenDir(t, studyBarsSite(t), 1280, 800, false, "")
	for _, dark := range []bool{false, true} {
		p.setDark(dark)
		p.quiz("bars")
		p.eval(`localStorage.clear(), true`)
		p.quiz("bars")
		if y := p.rect(".quiz-card").Y; !p.studying() || y > 80 {
			t.Errorf("desktop: studying %v, card at %v px", p.studying(), y)
		}
		p.viewShot("desktop-study-question")
		p.key(" ")
		p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
		short := p.rect(".grades")
		if short.Y+short.H > 800 || short.W > 800 {
			t.Errorf("desktop grade bar %+v: want it at the bottom, no wider than the text", short)
		}
		p.viewShot("desktop-study-answer")
		p.key("1")
		// (A click: a Space sent over CDP also sends a "char" event that
		// scrolls the page, as a real key press does not.)
		p.click(".quiz-card .quiz-q")
		p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
		if y := p.num(`scrollY`); y != 0 {
			t.Errorf("showing the long answer scrolled the question away (%v px)", y)
		}
		if long := p.rect(".grades"); long != short {
			t.Errorf("desktop grade bar for the long answer %+v, short %+v", long, short)
		}
		p.viewShot("desktop-study-answer-long")
		p.key("3")
		p.key(kb.Escape)
		p.wait(`document.getElementById("quiz").dataset.state === "done"`)
		p.viewShot("desktop-study-summary")
	}
	p.noErrors()
}

// TestStudyScreenNoLayoutShift opens a quiz page on a phone, as a reader
// (and Lighthouse) would, and adds up the layout shifts until the first
// card is on screen: the page must open in the study screen's frame, not
// draw its chrome and then pull the card up under the slim bar.
func TestStudyScreenNoLayoutShift(t *testing.T) {
	p := studyOpenDir(t, studyBarsSite(t), 390, 844, true, "")
	p.quiz("bars")
	p.wait(`document.body.classList.contains("is-studying") && document.querySelector(".quiz-card")`)
	// Let a frame pass so that a shift caused by the study frame is recorded.
	p.eval(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	raw := p.str(`new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) shifts.push(e.value);
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(JSON.stringify(shifts)), 50);
})`)
	var shifts []float64
	if err := json.Unmarshal([]byte(raw), &shifts); err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, s := range shifts {
		total += s
	}
	if total > 0.001 {
		t.Errorf("opening the quiz shifted the layout by %.3f (shifts %v): the card should not move once drawn", total, shifts)
	}
	p.noErrors()
}
