package e2e

// Browser tests of the study engine: review, practice and test modes, the
// progress store (schema 2), stats, index and deck pages, on a site built
// from content/. Helpers are in study_helpers_test.go.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

const (
	keyboardDeck = "flipdeck-tour--keyboard" // 5 basic cards
	syntaxDeck   = "flipdeck-tour--syntax"   // 24 cards: 3 reversed pairs, 4 clozes, 1 without answer
)

// quizIDs lists the card ids of a quiz page, in deck order.
func (p *studyPage) quizIDs() []string {
	p.t.Helper()
	var ids []string
	raw := p.str(`JSON.stringify(document.getElementById("quiz").quiz.cards.map(c => c.id))`)
	if err := json.Unmarshal([]byte(raw), &ids); err != nil {
		p.t.Fatal(err)
	}
	return ids
}

// queueIDs lists the ids of the current session's main queue (due cards,
// then new ones), the cards in learning left out.
func (p *studyPage) queueIDs() []string {
	p.t.Helper()
	var ids []string
	raw := p.str(`JSON.stringify(document.getElementById("quiz").quiz.session ? document.getElementById("quiz").quiz.session.q.main.map(x => x.card.id) : [])`)
	if err := json.Unmarshal([]byte(raw), &ids); err != nil {
		p.t.Fatal(err)
	}
	return ids
}

func (p *studyPage) gradeLabels() []string {
	p.t.Helper()
	raw := p.str(`JSON.stringify([...document.querySelectorAll(".grade")].map(b => (b.querySelector(".grade-ivl") || {}).textContent || ""))`)
	var out []string
	_ = json.Unmarshal([]byte(raw), &out)
	return out
}

func studyJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func fmtDays(d int) string { return fmt.Sprintf("%dd", d) }

func checkRec(t *testing.T, what string, got studyRec, want studyCard, at int64, ivl int, state string, reps, lapses int) {
	t.Helper()
	if studyRel(got.Stability, want.S) > 1e-6 || studyRel(got.Difficulty, want.D) > 1e-6 {
		t.Errorf("%s: S/D %.8f/%.8f, want %.8f/%.8f", what, got.Stability, got.Difficulty, want.S, want.D)
	}
	if got.ScheduledDays != ivl || got.Due == nil || *got.Due != at+int64(ivl)*studyDay {
		t.Errorf("%s: interval %d due %v, want %d days after %d", what, got.ScheduledDays, got.Due, ivl, at)
	}
	if got.LastReview == nil || *got.LastReview != at || got.State != state || got.Reps != reps || got.Lapses != lapses {
		t.Errorf("%s: lastReview %v state %q reps %d lapses %d, want %d %q %d %d", what, got.LastReview, got.State, got.Reps, got.Lapses, at, state, reps, lapses)
	}
}

// TestStudyKeyboard studies a deck with the keyboard only, learning steps
// turned off (FSRS alone): reveal, grade, fail (scheduled for tomorrow,
// not back in this session), undo, leave; the stored records match FSRS;
// then the clock moves three days on and the due cards come back most
// overdue first; a second review's numbers match FSRS too; the settings
// panel changes the desired retention and the intervals follow.
func TestStudyKeyboard(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.noSteps()
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	if len(ids) != 5 {
		t.Fatalf("keyboard deck has %d cards, want 5", len(ids))
	}
	if got := p.cardID(); got != ids[0] {
		t.Fatalf("first card %s, want %s", got, ids[0])
	}
	if p.str(`document.querySelector(".quiz-mode-btn[data-mode=review]").getAttribute("aria-pressed")`) != "true" {
		t.Error("review mode is not marked as the pressed mode")
	}
	// New card: the buttons show the four first intervals.
	first := studyFirstIntervals(0.9)
	p.key(" ")
	if p.state() != "answer" {
		t.Fatalf("Space did not reveal the answer (state %q)", p.state())
	}
	if !strings.Contains(p.str(`document.activeElement.className`), "quiz-a") {
		t.Errorf("focus after reveal on %q, want the answer", p.str(`document.activeElement.className`))
	}
	labels := p.gradeLabels()
	for i, want := range first {
		if labels[i] != fmtDays(want) {
			t.Errorf("grade %d label %q, want %q", i+1, labels[i], fmtDays(want))
		}
	}
	p.key("3") // Good
	d := p.progress()
	if d.Schema != 2 {
		t.Errorf("schema %d, want 2", d.Schema)
	}
	checkRec(t, "card 1 Good", d.Cards[ids[0]], studyFirst(3), studyT0, first[2], "review", 1, 0)
	if len(d.Log) != 1 || d.Log[0].ID != ids[0] || d.Log[0].Grade != 3 || d.Log[0].State != "new" || d.Log[0].At != studyT0 {
		t.Errorf("log after one grade: %+v", d.Log)
	}
	if !strings.Contains(p.str(`document.activeElement.className`), "quiz-card") || p.cardID() != ids[1] {
		t.Errorf("after grading: focus %q on card %s, want the card %s", p.str(`document.activeElement.className`), p.cardID(), ids[1])
	}

	p.key(" ")
	p.key("1") // Again: without learning steps, due tomorrow
	checkRec(t, "card 2 Again", p.progress().Cards[ids[1]], studyFirst(1), studyT0, first[0], "review", 1, 0)
	if q, n := p.queueIDs(), p.num(`document.getElementById("quiz").quiz.session.q.learn.length`); len(q) != 5 || n != 0 {
		t.Errorf("queue after Again %v and %v cards in learning, want the 5 cards and none: no steps, no repeat", q, n)
	}
	p.key(" ")
	p.key("4") // Easy, then undo it
	if _, ok := p.progress().Cards[ids[2]]; !ok {
		t.Fatal("Easy not stored")
	}
	p.key("u")
	d = p.progress()
	if _, ok := d.Cards[ids[2]]; ok || len(d.Log) != 2 {
		t.Errorf("undo left card 3 %v and %d log entries, want no record and 2", d.Cards[ids[2]], len(d.Log))
	}
	if p.cardID() != ids[2] || p.state() != "question" {
		t.Errorf("after undo: card %s state %s, want card 3 question", p.cardID(), p.state())
	}
	p.key(" ")
	p.key("2") // Hard
	checkRec(t, "card 3 Hard", p.progress().Cards[ids[2]], studyFirst(2), studyT0, first[1], "review", 1, 0)
	for range 2 {
		p.key(" ")
		p.key("3")
	}
	if p.state() != "done" {
		t.Fatalf("state %q after the last card, want done", p.state())
	}
	tally := p.str(`(s => [s.again, s.hard, s.good, s.easy].join(","))(document.querySelector(".quiz-summary").dataset)`)
	if tally != "1,1,3,0" {
		t.Errorf("tally again,hard,good,easy = %s, want 1,1,3,0", tally)
	}
	if n := len(p.progress().Log); n != 5 {
		t.Errorf("%d log entries, want 5", n)
	}

	// Three days and an hour later: all five are due, most overdue first.
	t1 := studyT0 + 3*studyDay + 3600000
	p.setClock(t1)
	p.quiz(keyboardDeck)
	q := p.queueIDs()
	want := []string{ids[1], ids[2], ids[0], ids[3], ids[4]} // due +1d, +2d, then three at +3d in deck order
	if strings.Join(q, " ") != strings.Join(want, " ") {
		t.Errorf("due order %v, want %v", q, want)
	}
	// Card 2 (Again 3 days ago): the buttons and the stored record follow FSRS.
	c2 := studyFirst(1)
	iv := studyNextIntervals(c2, 3, 0.9)
	p.key(" ")
	labels = p.gradeLabels()
	for i := range iv {
		if labels[i] != fmtDays(iv[i]) {
			t.Errorf("second review: grade %d label %q, want %q", i+1, labels[i], fmtDays(iv[i]))
		}
	}
	p.key("3")
	d = p.progress()
	checkRec(t, "card 2 Good after 3 days", d.Cards[ids[1]], studyNext(c2, 3, 3), t1, iv[2], "review", 2, 0)
	last := d.Log[len(d.Log)-1]
	if last.R == nil || studyRel(*last.R, studyR(3, c2.S)) > 1e-3 || last.El == nil || *last.El != 3 || last.State != "review" {
		t.Errorf("log entry of the second review: %+v, want r %.4f el 3", last, studyR(3, c2.S))
	}
	// Card 3 (Hard): Again is a lapse.
	p.key(" ")
	p.key("1")
	checkRec(t, "card 3 lapse", p.progress().Cards[ids[2]], studyNext(studyFirst(2), 1, 3), t1, studyNextIntervals(studyFirst(2), 3, 0.9)[0], "relearning", 2, 1)

	// Settings (in the menu while studying): desired retention 0.95
	// changes the intervals shown.
	p.click(".study-menu-btn")
	p.click(".quiz-settings-btn")
	p.wait(`!document.getElementById("quiz-settings").hidden`)
	p.do(chromedp.SetValue("#set-retention", "0.95"), chromedp.Evaluate[chromedp.Void](`document.getElementById("set-retention").dispatchEvent(new Event("change"))`))
	if r := p.progress().Settings; r == nil || r.Retention != 0.95 {
		t.Errorf("stored retention %v, want 0.95", r)
	}
	p.key(kb.Escape) // closes the panel
	if !p.eval(`document.getElementById("quiz-settings").hidden`).(bool) {
		t.Error("Esc did not close the settings")
	}
	cur := p.cardID()
	c := d.Cards[cur]
	cardNow := studyCard{S: c.Stability, D: c.Difficulty}
	el := int((t1 - *c.LastReview) / studyDay)
	iv95 := studyNextIntervals(cardNow, el, 0.95)
	p.key(" ")
	labels = p.gradeLabels()
	for i := range iv95 {
		if labels[i] != fmtDays(iv95[i]) {
			t.Errorf("retention 0.95: grade %d label %q, want %q", i+1, labels[i], fmtDays(iv95[i]))
		}
	}
	// Esc leaves the session: a summary, focus on it.
	p.key(kb.Escape)
	if p.state() != "done" || !strings.Contains(p.str(`document.querySelector(".quiz-summary h2").textContent`), "ended") {
		t.Errorf("Esc: state %q", p.state())
	}
	if !strings.Contains(p.str(`document.activeElement.className`), "quiz-summary") {
		t.Errorf("focus after Esc on %q", p.str(`document.activeElement.className`))
	}
	p.noErrors()
}

// TestStudyReversedSiblings: the two sides of a reversed pair are never
// both studied on one day, and the daily new-card limit holds.
func TestStudyReversedSiblings(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.quiz(syntaxDeck)
	pairs := map[string]string{}
	raw := p.str(`JSON.stringify(Object.fromEntries(document.getElementById("quiz").quiz.cards.filter(c => c.pair).map(c => [c.id, c.pair])))`)
	if err := json.Unmarshal([]byte(raw), &pairs); err != nil || len(pairs) != 6 {
		t.Fatalf("pairs %v (%v), want 3 pairs", pairs, err)
	}
	q := p.queueIDs()
	if len(q) != 20 {
		t.Errorf("first session has %d cards, want 20 (the daily limit)", len(q))
	}
	inQ := map[string]bool{}
	for _, id := range q {
		inQ[id] = true
	}
	for a, b := range pairs {
		if inQ[a] && inQ[b] {
			t.Errorf("both sides of a pair in one session: %s %s", a, b)
		}
	}
	firstSides := map[string]bool{}
	for range q {
		if pairs[p.cardID()] != "" {
			firstSides[p.cardID()] = true
		}
		p.key(" ")
		p.key("4") // Easy: out of the learning steps at once
	}
	if len(firstSides) != 3 {
		t.Fatalf("studied %d sides of pairs, want 3", len(firstSides))
	}
	// Same day: nothing new, the siblings wait, the limit is reached.
	p.quiz(syntaxDeck)
	if p.state() != "caught-up" {
		t.Fatalf("same day again: state %q, want caught-up (queue %v)", p.state(), p.queueIDs())
	}
	msg := p.str(`document.querySelector(".quiz-empty").textContent`)
	if !strings.Contains(msg, "3 cards wait until tomorrow") || !strings.Contains(msg, "limit of 20 new cards is reached") {
		t.Errorf("caught-up message: %q", msg)
	}
	// Next day: the other sides come (as new cards), never with their sibling.
	p.setClock(studyT0 + studyDay)
	p.quiz(syntaxDeck)
	q = p.queueIDs()
	got := map[string]bool{}
	for _, id := range q {
		got[id] = true
	}
	for a := range firstSides {
		if got[a] || !got[pairs[a]] {
			t.Errorf("next day: side %v, sibling %v in the queue %v; want only the sibling", got[a], got[pairs[a]], q)
		}
	}
	if len(q) != 4 {
		t.Errorf("next day %d cards, want 4 (3 siblings, 1 new card left over)", len(q))
	}
	p.noErrors()
}

// swipe drags a finger horizontally across the element's centre.
func (p *studyPage) swipe(sel string, dx float64) {
	p.t.Helper()
	var box []float64
	raw := p.str(`JSON.stringify((r => [r.x + r.width / 2, r.y + Math.min(r.height / 2, 120)])(document.querySelector(` + browsertest.JSString(sel) + `).getBoundingClientRect()))`)
	_ = json.Unmarshal([]byte(raw), &box)
	x, y := box[0], box[1]
	pt := func(x float64) []*input.TouchPoint { return []*input.TouchPoint{{X: x, Y: y}} }
	steps := []input.DispatchTouchEventParams{{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: pt(x)}}
	for i := 1; i <= 6; i++ {
		steps = append(steps, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchMove, TouchPoints: pt(x + dx*float64(i)/6)})
	}
	steps = append(steps, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
	for i, s := range steps {
		if i > 0 {
			// A finger's pace, and a rest before lifting it (no fling).
			time.Sleep(16 * time.Millisecond)
			if i == len(steps)-1 {
				time.Sleep(120 * time.Millisecond)
			}
		}
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, s); err != nil {
			p.t.Fatalf("touch: %v", err)
		}
	}
}

// TestStudyPhone studies by taps and swipes at phone size (390×844, touch),
// stars a card and practises the starred ones without touching the
// schedule, and takes screenshots of every mode in light and dark.
func TestStudyPhone(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	if w := p.num(`document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page is %v px wide at 390 px", w)
	}
	p.shot("quiz-review-question")
	p.tap(".quiz-card .star")
	if _, ok := p.progress().Stars[ids[0]]; !ok {
		t.Errorf("tapping the star did not star card 1: %v", p.progress().Stars)
	}
	p.tap(".reveal")
	if p.state() != "answer" {
		t.Fatalf("tap did not reveal (state %q)", p.state())
	}
	for _, b := range []string{"again", "hard", "good", "easy"} {
		if h := p.num(`document.querySelector(".grade-` + b + `").getBoundingClientRect().height`); h < 44 {
			t.Errorf("grade button %s is %v px tall, want ≥ 44", b, h)
		}
	}
	p.shot("quiz-review-answer")
	p.tap(".grade-good")
	if r := p.progress().Cards[ids[0]]; r.State != "learning" || r.Step == nil || *r.Step != 1 || r.Due == nil || *r.Due != studyT0+10*60000 {
		t.Errorf("tap Good on a new card: %+v, want its second learning step, 10 minutes", r)
	}

	// Swipe right: Good; swipe left: Again.
	p.tap(".reveal")
	p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
	p.swipe(".quiz-card", 160)
	p.wait(`document.querySelector(".quiz-card").dataset.cardId === ` + browsertest.JSString(ids[2]))
	p.tap(".reveal")
	p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
	p.swipe(".quiz-card", -160)
	p.wait(`document.querySelector(".quiz-card").dataset.cardId === ` + browsertest.JSString(ids[3]))
	d := p.progress()
	if len(d.Log) != 3 || d.Log[1].Grade != 3 || d.Log[2].Grade != 1 || d.Log[1].ID != ids[1] || d.Log[2].ID != ids[2] {
		t.Errorf("after swipes the log is %+v, want Good on card 2 and Again on card 3", d.Log)
	}
	// A short or vertical move on the question does nothing.
	p.swipe(".quiz-card", 30)
	if p.state() != "question" || p.cardID() != ids[3] {
		t.Errorf("a short swipe changed the quiz: %s %s", p.state(), p.cardID())
	}

	// Practice the starred card: the schedule does not change.
	before, _ := json.Marshal(p.progress())
	p.switchMode("practice", true)
	p.wait(`document.querySelector(".choice[data-set=starred]")`)
	p.shot("quiz-practice-start")
	if n := p.str(`document.querySelector(".choice[data-set=starred] .choice-count").textContent`); n != "1 card" {
		t.Errorf("starred count %q", n)
	}
	if n := p.str(`document.querySelector(".choice[data-set=failed] .choice-count").textContent`); n != "1 card" {
		t.Errorf("recently failed count %q", n)
	}
	p.tap(".choice[data-set=starred]")
	if p.cardID() != ids[0] {
		t.Errorf("practising starred: card %s, want %s", p.cardID(), ids[0])
	}
	p.tap(".reveal")
	p.shot("quiz-practice-answer")
	p.tap(".grade-again")
	p.tap(".reveal")
	p.tap(".grade-good")
	if p.state() != "done" {
		t.Errorf("practice: state %q, want done", p.state())
	}
	after, _ := json.Marshal(p.progress())
	if string(before) != string(after) {
		t.Errorf("practice changed the store:\n%s\n%s", before, after)
	}

	// Test mode and the dark theme.
	p.tap(".quiz-mode-btn[data-mode=test]")
	p.tap("[data-action=start-test]")
	p.tap(".option[data-option='0']")
	p.shot("quiz-test-question")
	for _, dark := range []bool{true} {
		p.setDark(dark)
		p.shot("quiz-test-question")
		p.switchMode("review", true)
		p.shot("quiz-review-question")
		p.tap(".reveal")
		p.shot("quiz-review-answer")
		p.switchMode("practice", true)
		p.shot("quiz-practice-start")
		p.tap(".quiz-mode-btn[data-mode=test]")
		p.tap("[data-action=start-test]")
		for i := 0; p.state() != "done" && i < 30; i++ {
			p.tap(".option[data-option='1']")
			p.tap(".next")
		}
		p.shot("quiz-test-result")
		p.setDark(false)
		p.shot("quiz-test-result")
	}
	if w := p.num(`document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page is %v px wide at 390 px", w)
	}
	p.noErrors()
}

// TestStudyTestMode: multiple choice with four distinct options, cloze
// cards asked by their hidden text, scoring, mistakes listed, best and last
// score kept, and the schedule untouched.
func TestStudyTestMode(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.quiz(syntaxDeck)
	p.switchMode("test", false)
	p.click("[data-action=start-test]")
	type qcard struct {
		ID    string   `json:"id"`
		Kind  string   `json:"kind"`
		Cloze []string `json:"cloze"`
		Pair  string   `json:"pair"`
	}
	var cards []qcard
	_ = json.Unmarshal([]byte(p.str(`JSON.stringify(document.getElementById("quiz").quiz.cards)`)), &cards)
	byID := map[string]qcard{}
	for _, c := range cards {
		byID[c.ID] = c
	}
	total := int(p.num(`document.getElementById("quiz").quiz.session.questions.length`))
	if total != 20 {
		t.Fatalf("test of %d questions, want 20", total)
	}
	clozes := 0
	for i := 0; i < total; i++ {
		id := p.cardID()
		var opts []struct {
			From string `json:"from"`
			Text string `json:"text"`
		}
		_ = json.Unmarshal([]byte(p.str(`JSON.stringify([...document.querySelectorAll(".option")].map(b => ({from: b.dataset.from, text: b.querySelector(".option-body").textContent.trim()})))`)), &opts)
		if len(opts) != 4 {
			t.Errorf("question %d (%s): %d options, want 4", i+1, id, len(opts))
		}
		seen := map[string]bool{}
		right := -1
		for j, o := range opts {
			k := strings.ToLower(strings.Join(strings.Fields(o.Text), " "))
			if seen[k] {
				t.Errorf("question %d: two options read %q", i+1, o.Text)
			}
			seen[k] = true
			if o.From == id {
				right = j
			}
			if o.From == byID[id].Pair && byID[id].Pair != "" {
				t.Errorf("question %d: an option comes from the card's own reversed sibling", i+1)
			}
		}
		if right < 0 {
			t.Fatalf("question %d: no option from the card itself", i+1)
		}
		if c := byID[id]; c.Kind == "cloze" {
			clozes++
			if opts[right].Text != strings.Join(c.Cloze, " … ") {
				t.Errorf("cloze question %s: right option %q, want the hidden text %q", id, opts[right].Text, c.Cloze)
			}
			if !strings.Contains(p.str(`document.querySelector(".test-prompt").textContent`), "gap") {
				t.Errorf("cloze question without a fill-the-gap prompt")
			}
		}
		choice := right
		if i >= 15 { // the last five wrong
			choice = (right + 1) % len(opts)
		}
		p.key(fmt.Sprint(choice + 1))
		if p.state() != "answered" {
			t.Fatalf("question %d: key %d did not answer", i+1, choice+1)
		}
		p.key(" ")
	}
	if p.state() != "done" {
		t.Fatalf("state %q after the test", p.state())
	}
	res := p.str(`(d => d.score + "/" + d.total + "=" + d.percent)(document.querySelector(".test-result").dataset)`)
	if res != "15/20=75" {
		t.Errorf("result %s, want 15/20=75", res)
	}
	if n := p.num(`document.querySelectorAll(".mistakes li").length`); n != 5 {
		t.Errorf("%v mistakes listed, want 5", n)
	}
	sc := p.progress().Tests[syntaxDeck]
	if sc["best"] != 0.75 || sc["last"] != 0.75 {
		t.Errorf("stored score %v, want best and last 0.75", sc)
	}
	// Another test, all wrong: last 0, best kept.
	p.click(".test-result [data-action=start-test]")
	for p.state() != "done" {
		id := p.cardID()
		p.do(chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll(".option")].find(b => b.dataset.from !== ` + browsertest.JSString(id) + `).click()`))
		p.key(" ")
	}
	d := p.progress()
	if sc := d.Tests[syntaxDeck]; sc["best"] != 0.75 || sc["last"] != 0.0 {
		t.Errorf("after a worse test: %v, want best 0.75 last 0", sc)
	}
	if len(d.Cards) != 0 || len(d.Log) != 0 {
		t.Errorf("tests changed the schedule: %d records, %d log entries", len(d.Cards), len(d.Log))
	}
	if !strings.Contains(p.str(`document.querySelector(".test-result .test-scores").textContent`), "Best 75%") {
		t.Errorf("result does not show the best score: %q", p.str(`document.querySelector(".test-result .test-scores").textContent`))
	}
	if clozes == 0 {
		t.Log("no cloze card drawn in this test")
	}
	p.noErrors()
}

// grades studies the first n cards of a quiz page with Good.
func (p *studyPage) gradeN(n int, key string) {
	p.t.Helper()
	for range n {
		p.key(" ")
		p.key(key)
	}
}

// waitFile waits for a file to appear in dir and returns its content.
func waitFile(t *testing.T, dir string) []byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".json") {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && len(b) > 0 && json.Valid(b) {
					return b
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download in %s", dir)
	return nil
}

// TestStudyExportImport exports the progress to a file, clears the
// browser's storage, imports the file and gets the identical state back;
// then a merge takes only the newer review of each card.
func TestStudyExportImport(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	dl := t.TempDir()
	if _, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	p.key("s") // star card 1
	p.gradeN(3, "3")
	p.setClock(studyT0 + 2*studyDay)
	p.quiz(syntaxDeck)
	p.gradeN(4, "1")
	p.switchMode("test", false)
	p.click("[data-action=start-test]")
	for p.state() != "done" {
		p.key("1")
		p.key(" ")
	}
	p.click(".quiz-mode-btn[data-mode=review]")
	p.click(".study-menu-btn")
	p.click(".quiz-settings-btn")
	p.do(chromedp.SetValue("#set-new", "7"), chromedp.Evaluate[chromedp.Void](`document.getElementById("set-new").dispatchEvent(new Event("change"))`))
	want := p.progress()
	if len(want.Cards) != 7 || len(want.Stars) != 1 || len(want.Log) != 7 || want.Settings == nil || want.Settings.NewPerDay != 7 || len(want.Tests) != 1 {
		t.Fatalf("state before export: %d cards %d stars %d log %v settings %d tests", len(want.Cards), len(want.Stars), len(want.Log), want.Settings, len(want.Tests))
	}

	p.open("stats.html", `document.querySelector("[data-action=export]")`)
	p.click("[data-action=export]")
	file := waitFile(t, dl)
	var exported studyData
	if err := json.Unmarshal(file, &exported); err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	if got, _ := json.Marshal(exported); string(got) != string(wantJSON) {
		t.Errorf("exported file differs from the store:\n%s\n%s", got, wantJSON)
	}

	p.eval(`localStorage.clear(), true`)
	// The tiles come after data/decks.json, so wait for them, not the
	// import button drawn before it.
	p.open("stats.html", `document.querySelector("[data-action=import]") && document.querySelector("[data-stat=studied] strong")`)
	if n := p.str(`document.querySelector("[data-stat=studied] strong").textContent`); !strings.HasPrefix(n, "0 /") {
		t.Errorf("after clearing, %q cards studied", n)
	}
	path := filepath.Join(t.TempDir(), "backup.json")
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.SetUploadFiles("input[data-action=import]", []string{path}, chromedp.NodeReady))
	p.wait(`document.querySelector(".backup-status").textContent`)
	if msg := p.str(`document.querySelector(".backup-status").textContent`); !strings.Contains(msg, "7 card records") {
		t.Errorf("import message %q", msg)
	}
	got, _ := json.Marshal(p.progress())
	if string(got) != string(wantJSON) {
		t.Errorf("state after import differs:\n%s\n%s", got, wantJSON)
	}

	// Merge: the newest review of each card wins.
	var other map[string]any
	_ = json.Unmarshal(file, &other)
	cards := other["cards"].(map[string]any)
	older := cards[ids[0]].(map[string]any)
	older["lastReview"] = float64(studyT0 - studyDay)
	older["stability"] = 99.0
	newer := cards[ids[1]].(map[string]any)
	newer["lastReview"] = float64(studyT0 + 5*studyDay)
	newer["stability"] = 42.0
	other["log"] = []any{}
	b, _ := json.Marshal(other)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	p.open("stats.html", `document.querySelector("[data-action=import]")`)
	p.do(chromedp.SetUploadFiles("input[data-action=import]", []string{path}, chromedp.NodeReady))
	p.wait(`document.querySelector(".backup-status").textContent`)
	d := p.progress()
	if d.Cards[ids[0]].Stability == 99 || d.Cards[ids[1]].Stability != 42 {
		t.Errorf("merge: card 1 S %v (older in file, must stay), card 2 S %v (newer, must be taken)", d.Cards[ids[0]].Stability, d.Cards[ids[1]].Stability)
	}
	if len(d.Log) != 7 {
		t.Errorf("merge changed the log: %d entries", len(d.Log))
	}
	p.eval(`document.querySelector("input[data-action=import]").value = "", true`)
	p.noErrors()
}

// quotaScript makes every localStorage write throw QuotaExceededError
// while window.__quotaFull is true.
const quotaScript = `(() => {
  const orig = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (window.__quotaFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return orig.call(this, k, v);
  };
})();`

// TestStudyQuota fills the storage quota mid-session: the reader sees a
// clear message, the stored data is not damaged, the answers are kept in
// the page and saved once there is room; storage blocked altogether is
// reported too.
func TestStudyQuota(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, quotaScript)
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	p.gradeN(1, "3")
	saved, _ := json.Marshal(p.progress())
	p.eval(`window.__quotaFull = true`)
	p.gradeN(2, "3")
	p.wait(`document.querySelector(".notice-error")`)
	msg := p.str(`document.querySelector(".notice-error").textContent`)
	if !strings.Contains(msg, "storage for this site is full") || !strings.Contains(msg, "Nothing is lost") {
		t.Errorf("quota message %q", msg)
	}
	if p.str(`document.querySelector(".notice-error").getAttribute("role")`) != "alert" {
		t.Error("the quota notice is not an alert")
	}
	if got, _ := json.Marshal(p.progress()); string(got) != string(saved) {
		t.Errorf("stored data changed while the quota was full:\n%s\n%s", got, saved)
	}
	if p.cardID() != ids[3] {
		t.Errorf("the quiz did not go on: card %s", p.cardID())
	}
	p.shot("quota-notice")
	// Room again: "Try saving again" stores everything, nothing lost.
	p.eval(`window.__quotaFull = false`)
	p.click(".notice-error [data-action=retry]")
	p.wait(`document.querySelector(".notice-info")`)
	d := p.progress()
	for _, id := range ids[:3] {
		if _, ok := d.Cards[id]; !ok {
			t.Errorf("card %s lost after the quota was lifted", id)
		}
	}
	if len(d.Log) != 3 {
		t.Errorf("%d log entries, want 3", len(d.Log))
	}
	if p.eval(`!!document.querySelector(".notice-error")`).(bool) {
		t.Error("the error notice stays after saving worked")
	}
	p.noErrors()

	// Storage blocked altogether (a privacy setting).
	q := studyOpen(t, 1000, 800, false, `Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });`)
	q.quiz(keyboardDeck)
	q.gradeN(1, "3")
	q.wait(`document.querySelector(".notice-error")`)
	if msg := q.str(`document.querySelector(".notice-error").textContent`); !strings.Contains(msg, "blocks site storage") {
		t.Errorf("storage-disabled message %q", msg)
	}
	q.noErrors()
}

// TestStudyMigrationV1 starts from progress saved by the first release
// (schema 1) and finds it migrated to schema 2, with counts on the index.
func TestStudyMigrationV1(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	due := studyT0 - studyDay
	v1 := map[string]any{
		"schema": 1,
		"cards": map[string]any{
			ids[2]: map[string]any{"state": "review", "stability": 2.3065, "difficulty": 2.11810397, "due": due, "lastReview": due - 2*studyDay, "reps": 1, "lapses": 0, "scheduledDays": 2, "starred": true},
		},
		"log": []any{map[string]any{"id": ids[2], "grade": 3, "at": due - 2*studyDay, "state": "new", "due": due, "scheduledDays": 2}},
	}
	b, _ := json.Marshal(v1)
	p.eval(`localStorage.setItem(Object.keys(localStorage).find(k => k.endsWith(":progress")) || "flipdeck:/flip/:progress", ` + browsertest.JSString(string(b)) + `), true`)
	p.open("index.html", indexReady)
	d := p.progress()
	if d.Schema != 2 || len(d.Stars) != 1 || d.Cards[ids[2]].Starred != nil || len(d.Log) != 1 || d.Log[0].Ivl == nil || *d.Log[0].Ivl != 2 {
		t.Errorf("migrated data: %+v", d)
	}
	if n := p.str(`document.querySelector(".deck-counts[data-deck=` + keyboardDeck + `]").dataset.due`); n != "1" {
		t.Errorf("index: keyboard deck due %q, want 1", n)
	}
	p.quiz(keyboardDeck)
	if p.cardID() != ids[2] {
		t.Errorf("the migrated due card is not first: %s", p.cardID())
	}
	p.noErrors()
}

// TestStudyStatsAndPages: the stats page draws its charts and numbers from
// the store; index and deck pages show counts, mean recall and stars.
func TestStudyStatsAndPages(t *testing.T) {
	p := studyOpen(t, 390, 844, false, "")
	p.noSteps() // FSRS alone: whole-day intervals to count
	p.quiz(keyboardDeck)
	ids := p.quizIDs()
	// Five reviews on day 0, then on day 3 two remembered and one forgotten.
	p.gradeN(5, "3")
	t3 := studyT0 + 3*studyDay
	p.setClock(t3)
	p.quiz(keyboardDeck)
	p.gradeN(2, "3")
	p.gradeN(1, "1")
	p.open("stats.html", `document.querySelector("#chart-forecast svg")`)
	if n := p.num(`document.querySelectorAll("#chart-forecast .bar").length`); n != 30 {
		t.Errorf("forecast has %v bars, want 30", n)
	}
	if n := p.num(`document.querySelectorAll("#chart-history .bar").length`); n != 90 {
		t.Errorf("history has %v bars, want 90", n)
	}
	// Day 0 of the forecast: the two cards not reviewed on day 3 are due.
	if n := p.str(`document.querySelector("#chart-forecast .bar[data-i='0']").dataset.total`); n != "2" {
		t.Errorf("due today %s, want 2", n)
	}
	if n := p.str(`document.querySelector("#chart-history .bar[data-i='89']").dataset.total + "," + document.querySelector("#chart-history .bar[data-i='86']").dataset.total`); n != "3,5" {
		t.Errorf("reviews today, 3 days ago = %s, want 3,5", n)
	}
	r := p.str(`(d => d.pass + "/" + d.n)(document.querySelector(".retention-table tr[data-period='7']").dataset)`)
	if r != "2/3" {
		t.Errorf("true retention (7 days) %s, want 2/3", r)
	}
	row := p.str(`[...document.querySelectorAll(".deck-state-row[data-deck=` + keyboardDeck + `] td")].map(td => td.textContent).join(",")`)
	if !strings.HasPrefix(row, "0,1,2,2,0,") {
		t.Errorf("keyboard deck new,learning,due,young,mature,recall = %s, want 0,1,2,2,0,…", row)
	}
	if p.num(`document.querySelectorAll("svg.bar-chart[role=img] desc").length`) != 2 {
		t.Error("charts lack an accessible description")
	}
	p.shot("stats")
	p.setDark(true)
	p.shot("stats")
	p.setDark(false)

	// The index: today's counts (the card forgotten on day 3 comes back
	// tomorrow), today's three reviews.
	p.open("index.html", indexReady)
	el := `document.querySelector(".deck-counts[data-deck=` + keyboardDeck + `]")`
	if got := p.str(el + `.dataset.new + "," + ` + el + `.dataset.learn + "," + ` + el + `.dataset.due`); got != "0,0,2" {
		t.Errorf("index new,learn,due = %s, want 0,0,2", got)
	}
	if got := p.str(`document.getElementById("today").dataset.reviews`); got != "3" {
		t.Errorf("index: %s reviews today, want 3", got)
	}
	if p.str(`document.querySelector("a.study-all").getAttribute("href")`) != "#quiz" || p.str(`document.querySelector("a[href='stats.html']").textContent`) == "" {
		t.Error("index lacks the study-all or statistics link")
	}
	if got := p.str(`document.querySelector(".study-all-count").dataset.due`); got != "2" {
		t.Errorf("study-all due count %s, want 2", got)
	}
	p.shot("index")

	p.open("decks/"+keyboardDeck+".html", `document.querySelector(".card .star")`)
	if n := p.num(`document.querySelectorAll(".card .star").length`); n != 5 {
		t.Errorf("%v star buttons on the deck page, want 5", n)
	}
	p.click(".card .star")
	if _, ok := p.progress().Stars[ids[0]]; !ok {
		t.Error("the deck page's star did not star card 1")
	}
	if p.str(`document.querySelector(".card .star").getAttribute("aria-pressed")`) != "true" || p.str(`document.querySelector(".card").dataset.flipped`) != "false" {
		t.Error("star: not pressed, or it flipped the card")
	}
	if !strings.Contains(p.str(`document.querySelector(".deck-header .deck-progress").textContent`), "recall") {
		t.Error("deck page does not show the mean recall")
	}
	p.shot("deck")

	// The review of all decks holds the due cards of every deck first.
	p.quiz("all-decks")
	q := p.queueIDs()
	if len(q) < 2 || q[0] == "" {
		t.Fatalf("all-decks queue %v", q)
	}
	dueSet := map[string]bool{ids[3]: true, ids[4]: true}
	if !dueSet[q[0]] || !dueSet[q[1]] {
		t.Errorf("all-decks queue starts %v, want the two due cards", q[:2])
	}
	p.noErrors()
}
