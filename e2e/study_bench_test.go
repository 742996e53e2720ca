package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/export"
)

// BenchmarkStudyQuiz2000 opens the quiz of a generated 2,000-card deck
// (half of the cards already reviewed, 5,000 reviews in the log) and grades
// one card, in Chromium at phone size. It reports, per operation:
//
//	open-ms        quiz.js from its start to the first card on screen,
//	               without the download of the cards (performance.measure
//	               "flipdeck:quiz-script")
//	open-total-ms  the same with the download ("flipdeck:quiz-open")
//	read-ms        parsing the deck page (DOMParser) and reading its
//	               2,000 cards from it ("flipdeck:deck-page-read"), part
//	               of open-total-ms
//	grade-ms       grading one card: store write and the next card on
//	               screen ("flipdeck:grade")
//	cdp-script-ms  the page's whole script time after loading (Chrome's
//	               ScriptDuration metric: module evaluation, JSON parsing,
//	               everything)
//
//	go test ./e2e -run '^$' -bench StudyQuiz2000 -benchtime 5x
func BenchmarkStudyQuiz2000(b *testing.B) {
	src := filepath.Join(b.TempDir(), "vault")
	if err := os.MkdirAll(src, 0o755); err != nil {
		b.Fatal(err)
	}
	var md strings.Builder
	md.WriteString("---\ncards-deck: Bench::Big\n---\n# A big deck\n\n")
	words := strings.Fields("stream shard partition consumer producer record retention window buffer latency throughput replica leader follower offset commit")
	for i := range 2000 {
		n := 2 + i%7
		fmt.Fprintf(&md, "What is item %d about %s?::It is the %s of %s, number %d\n", i, words[i%len(words)],
			strings.Join(words[:n], " "), words[(i*7)%len(words)], i)
	}
	if err := os.WriteFile(filepath.Join(src, "big.md"), []byte(md.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	out := studyBuild(b, src)
	var cf export.CardsFile
	raw, err := os.ReadFile(filepath.Join(out, "cards.json"))
	if err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(raw, &cf); err != nil || len(cf.Cards()) != 2000 {
		b.Fatalf("cards.json: %d cards (%v)", len(cf.Cards()), err)
	}
	// Half the cards reviewed, due over the last and next 30 days.
	cards := map[string]any{}
	var log []any
	for i, c := range cf.Cards()[:1000] {
		due := studyT0 + int64(i%60-30)*studyDay
		cards[c.ID] = map[string]any{"state": "review", "stability": 5.5, "difficulty": 5.1, "due": due,
			"lastReview": due - 5*studyDay, "reps": 3, "lapses": 0, "scheduledDays": 5}
		for k := range 5 {
			log = append(log, map[string]any{"id": c.ID, "grade": 1 + (i+k)%4, "at": due - int64(25-5*k)*studyDay, "state": "review", "r": 0.9, "ivl": 5, "el": 5})
		}
	}
	seed, _ := json.Marshal(map[string]any{"schema": 2, "cards": cards, "stars": map[string]any{}, "log": log, "logDropped": 0, "tests": map[string]any{}})

	p := studyOpenDir(b, out, 390, 844, false, "")
	p.open("index.html", "true")
	p.eval(`localStorage.setItem("flipdeck:" + new URL(".", location.href).pathname + ":progress", ` + browsertest.JSString(string(seed)) + `), true`)
	if _, err := chromedp.Call(p.ctx, performance.Enable, performance.EnableParams{}); err != nil {
		b.Fatal(err)
	}
	scriptSecs := func() float64 {
		r, err := chromedp.Call(p.ctx, performance.GetMetrics, struct{}{})
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range r.Metrics {
			if m.Name == "ScriptDuration" {
				return m.Value
			}
		}
		return 0
	}
	measure := func(name string) float64 {
		return p.num(`(performance.getEntriesByName("` + name + `", "measure").pop() || {duration: -1}).duration`)
	}
	var open, openTotal, read, grade, cdpOpen, cdpGrade float64
	b.ResetTimer()
	for range b.N {
		p.quiz("bench--big")
		p.wait(`performance.getEntriesByName("flipdeck:quiz-script", "measure").length`)
		open += measure("flipdeck:quiz-script")
		openTotal += measure("flipdeck:quiz-open")
		read += measure("flipdeck:deck-page-read")
		cdpOpen += scriptSecs() * 1000
		p.key(" ")
		before := scriptSecs()
		p.key("3")
		p.wait(`performance.getEntriesByName("flipdeck:grade", "measure").length`)
		cdpGrade += (scriptSecs() - before) * 1000
		grade += measure("flipdeck:grade")
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(open/n, "open-ms")
	b.ReportMetric(openTotal/n, "open-total-ms")
	b.ReportMetric(read/n, "read-ms")
	b.ReportMetric(grade/n, "grade-ms")
	b.ReportMetric(cdpOpen/n, "cdp-open-script-ms")
	b.ReportMetric(cdpGrade/n, "cdp-grade-script-ms")
	if q := len(p.queueIDs()); q == 0 {
		b.Error("empty review queue")
	}
	p.noErrors()
}
