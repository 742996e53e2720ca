package e2e

// Helpers of the study-engine browser tests (study_test.go) and benchmark
// (study_bench_test.go). Every name here starts with "study" so that it
// cannot clash with other files of the package.

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/site"
)

const studyDay = int64(86400000)

// studyT0 is the fixed "now" the tests start at (a Monday, 09:00 UTC; the
// browser runs in UTC).
var studyT0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC).UnixMilli()

// studyBuild builds the site from src into a fresh temporary folder and
// returns the output folder.
func studyBuild(t testing.TB, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: src, Out: out, Title: "Study test"}); err != nil {
		t.Fatalf("site.Build: %v", err)
	}
	return out
}

// studyPage is one browser tab on a served site, with a movable clock.
type studyPage struct {
	t      testing.TB
	ctx    context.Context
	base   string
	errs   func() []string
	clock  page.ScriptIdentifier
	dark   bool
	shots  string
	width  int
	height int
}

// studyOpen builds content/, serves it under /flip/ and opens a browser of
// the given size, in UTC, with the page clock at studyT0. touch turns on
// touch emulation. before is script run in every page before its own.
func studyOpen(t testing.TB, width, height int, touch bool, before string) *studyPage {
	t.Helper()
	out := studyBuild(t, "../content")
	return studyOpenDir(t, out, width, height, touch, before)
}

func studyOpenDir(t testing.TB, out string, width, height int, touch bool, before string) *studyPage {
	t.Helper()
	return studyOpenBase(t, browsertest.Serve(t, out, "/flip/"), width, height, touch, before)
}

// studyOpenBase opens a browser of its own (its own storage: another
// device) on the site served at base.
func studyOpenBase(t testing.TB, base string, width, height int, touch bool, before string) *studyPage {
	t.Helper()
	ctx := browsertest.Chrome(t, width, height)
	p := &studyPage{t: t, ctx: ctx, base: base, width: width, height: height}
	p.errs = browsertest.WatchErrors(ctx)
	if touch {
		p.do(chromedp.EmulateViewport(int64(width), int64(height), chromedp.EmulateTouch))
	}
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "UTC"}); err != nil {
		t.Fatalf("timezone: %v", err)
	}
	// No service worker in these tests: it would serve cached pages.
	src := `try { delete Navigator.prototype.serviceWorker; } catch (e) {}` + "\n" + before
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		t.Fatalf("add script: %v", err)
	}
	p.shots = os.Getenv("FLIPDECK_SHOTS")
	if p.shots == "" {
		p.shots = t.TempDir()
	}
	p.setClock(studyT0)
	return p
}

func (p *studyPage) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// setClock sets window.__flipdeckNow to ms in this page and every later one.
func (p *studyPage) setClock(ms int64) {
	p.t.Helper()
	if p.clock != "" {
		if _, err := chromedp.Call(p.ctx, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: p.clock}); err != nil {
			p.t.Fatalf("remove clock: %v", err)
		}
	}
	src := "window.__flipdeckNow = " + itoa64(ms) + ";"
	r, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	if err != nil {
		p.t.Fatalf("clock: %v", err)
	}
	p.clock = r.Identifier
	p.eval(src + " true")
}

// setDark switches prefers-color-scheme.
func (p *studyPage) setDark(on bool) {
	p.t.Helper()
	v := "light"
	if on {
		v = "dark"
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v}}}); err != nil {
		p.t.Fatalf("emulate media: %v", err)
	}
	p.dark = on
}

// open navigates to path (relative to the site root) and waits until the
// page's scripts have run (ready is an expression that becomes truthy).
func (p *studyPage) open(path, ready string) {
	p.t.Helper()
	p.do(freshNavigate(p.base + path)...)
	p.wait(ready)
}

// freshNavigate loads url anew: a URL with a fragment (a deck page's
// #quiz) would otherwise only move within the page on screen when it is
// that page. It goes through the site's icon first (not about:blank,
// where the tests' start-up scripts find no storage).
func freshNavigate(url string) []chromedp.Action[chromedp.Void] {
	if i := strings.Index(url, "#"); i >= 0 {
		root := url[:strings.LastIndex(url[:i], "/")+1]
		if j := strings.LastIndex(root, "/decks/"); j >= 0 {
			root = root[:j+1]
		}
		return []chromedp.Action[chromedp.Void]{chromedp.Navigate(root + "assets/icon.svg"), chromedp.Navigate(url)}
	}
	return []chromedp.Action[chromedp.Void]{chromedp.Navigate(url)}
}

// quiz opens a deck's quiz (in place on its deck page; the index's for
// "all-decks") and waits for it to start (past loading the deck pages it
// needs).
func (p *studyPage) quiz(slug string) {
	p.t.Helper()
	p.open(quizPath(slug), studyQuizReady)
}

// quizPath is the root-relative URL of the quiz of the deck slug.
func quizPath(slug string) string {
	if slug == "all-decks" {
		return "index.html#quiz"
	}
	return "decks/" + slug + ".html#quiz"
}

// studyQuizReady tells that the quiz shows a card or a screen, not that
// it is loading its cards.
const studyQuizReady = `document.getElementById("quiz") && document.getElementById("quiz").dataset.state && document.getElementById("quiz").dataset.state !== "loading"`

// wait polls the expression until it is truthy (10 s at most).
func (p *studyPage) wait(expr string) {
	p.t.Helper()
	if !browsertest.TryWaitJS(p.ctx, expr, 10*time.Second) {
		for _, e := range p.errs() {
			p.t.Logf("browser error: %s", e)
		}
		p.t.Fatalf("timed out waiting for: %s", expr)
	}
}

func (p *studyPage) eval(expr string) any {
	p.t.Helper()
	return browsertest.Eval[any](p.t, p.ctx, expr)
}

func (p *studyPage) str(expr string) string {
	p.t.Helper()
	return browsertest.Eval[string](p.t, p.ctx, expr)
}

func (p *studyPage) num(expr string) float64 {
	p.t.Helper()
	return browsertest.Eval[float64](p.t, p.ctx, expr)
}

func (p *studyPage) key(keys string) {
	p.t.Helper()
	p.do(chromedp.KeyEvent(keys))
}

func (p *studyPage) click(sel string) {
	p.t.Helper()
	browsertest.Click(p.t, p.ctx, sel)
}

func (p *studyPage) tap(sel string) {
	p.t.Helper()
	browsertest.Tap(p.t, p.ctx, sel)
}

// state is the quiz's data-state ("question", "answer", "done", …).
func (p *studyPage) state() string {
	p.t.Helper()
	return p.str(`document.getElementById("quiz").dataset.state`)
}

// cardID is the id of the card on screen.
func (p *studyPage) cardID() string {
	p.t.Helper()
	return p.str(`(document.querySelector(".quiz-card") || {dataset: {}}).dataset.cardId || ""`)
}

// progress returns the stored progress record (schema 2) as a map.
func (p *studyPage) progress() studyData {
	p.t.Helper()
	raw := p.str(`(() => { const k = Object.keys(localStorage).find(k => k.startsWith("flipdeck:") && k.endsWith(":progress")); return k ? localStorage.getItem(k) : ""; })()`)
	var d studyData
	if raw == "" {
		return d
	}
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		p.t.Fatalf("stored progress: %v\n%s", err, raw)
	}
	return d
}

// shot saves a screenshot named name (with -dark when dark).
func (p *studyPage) shot(name string) {
	p.t.Helper()
	if p.dark {
		name += "-dark"
	}
	browsertest.Screenshot(p.t, p.ctx, filepath.Join(p.shots, name+".png"))
}

func (p *studyPage) noErrors() {
	p.t.Helper()
	browsertest.NoErrors(p.t, p.errs)
}

type studyRec struct {
	State         string   `json:"state"`
	Stability     float64  `json:"stability"`
	Difficulty    float64  `json:"difficulty"`
	Due           *int64   `json:"due"`
	LastReview    *int64   `json:"lastReview"`
	Reps          int      `json:"reps"`
	Lapses        int      `json:"lapses"`
	ScheduledDays int      `json:"scheduledDays"`
	Step          *int     `json:"step,omitempty"`
	Starred       *bool    `json:"starred,omitempty"`
	Extra         struct{} `json:"-"`
}

type studyLog struct {
	ID    string   `json:"id"`
	Grade int      `json:"grade"`
	At    int64    `json:"at"`
	State string   `json:"state"`
	R     *float64 `json:"r"`
	Ivl   *int     `json:"ivl"`
	El    *int     `json:"el"`
}

type studySettings struct {
	Retention    float64   `json:"retention"`
	NewPerDay    float64   `json:"newPerDay"`
	LearnSteps   []float64 `json:"learnSteps"`
	RelearnSteps []float64 `json:"relearnSteps"`
	At           float64   `json:"at"`
}

type studyData struct {
	Schema     int                        `json:"schema"`
	Cards      map[string]studyRec        `json:"cards"`
	Stars      map[string]int64           `json:"stars"`
	Log        []studyLog                 `json:"log"`
	LogDropped int                        `json:"logDropped"`
	Settings   *studySettings             `json:"settings"`
	Tests      map[string]map[string]any  `json:"tests"`
	Other      map[string]json.RawMessage `json:"-"`
}

func itoa64(i int64) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// ---------- an independent FSRS-6 (../shared/fsrs/README.md) ----------

var studyW = []float64{0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722,
	0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
	0.0912, 0.0658, 0.1542}

type studyCard struct{ S, D float64 }

func r8(x float64) float64 { return math.Round(x*1e8) / 1e8 }

func studyD0(g float64) float64 { return studyW[4] - math.Exp(studyW[5]*(g-1)) + 1 }

func studyClamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

// studyFirst is the card after the first rating g.
func studyFirst(g int) studyCard {
	return studyCard{S: studyW[g-1], D: r8(studyClamp(studyD0(float64(g)), 1, 10))}
}

func studyR(elapsed int, s float64) float64 {
	f := math.Pow(0.9, -1/studyW[20]) - 1
	return r8(math.Pow(1+f*float64(elapsed)/s, -studyW[20]))
}

// studyNextD is the difficulty after rating g.
func studyNextD(d0 float64, g int) float64 {
	w := studyW
	d := d0 + r8(-w[6]*float64(g-3)*(10-d0)/9)
	return studyClamp(r8(w[7]*studyD0(4)+(1-w[7])*d), 1, 10)
}

// studyShort is the card after rating g less than a day after the last
// review (FSRS's short-term stability; learning steps).
func studyShort(c studyCard, g int) studyCard {
	w := studyW
	f := math.Exp(w[17]*(float64(g)-3+w[18])) * math.Pow(c.S, -w[19])
	if g >= 2 {
		f = math.Max(f, 1)
	}
	return studyCard{S: r8(math.Max(c.S*f, 0.001)), D: studyNextD(c.D, g)}
}

// studyShortIntervals are the four intervals (days) FSRS gives a card
// answered again on the same day.
func studyShortIntervals(c studyCard, retention float64) [4]int {
	return studyIntervals([4]float64{studyShort(c, 1).S, studyShort(c, 2).S, studyShort(c, 3).S, studyShort(c, 4).S}, retention)
}

// studyNext is the card after rating g, elapsed whole days (≥ 1) after the last review.
func studyNext(c studyCard, g, elapsed int) studyCard {
	w := studyW
	r := studyR(elapsed, c.S)
	d := studyNextD(c.D, g)
	var s float64
	if g == 1 {
		s = math.Min(c.S, w[11]*math.Pow(c.D, -w[12])*(math.Pow(c.S+1, w[13])-1)*math.Exp(w[14]*(1-r)))
	} else {
		k := 1.0
		if g == 2 {
			k = w[15]
		}
		if g == 4 {
			k = w[16]
		}
		s = c.S * (1 + math.Exp(w[8])*(11-c.D)*math.Pow(c.S, -w[9])*(math.Exp(w[10]*(1-r))-1)*k)
	}
	return studyCard{S: r8(math.Max(s, 0.001)), D: d}
}

// studyIntervals are the four intervals (days) for the outcomes' stabilities at retention r.
func studyIntervals(s [4]float64, retention float64) [4]int {
	f := math.Pow(0.9, -1/studyW[20]) - 1
	var iv [4]int
	for i, x := range s {
		v := math.Round(x * (math.Pow(retention, -1/studyW[20]) - 1) / f)
		iv[i] = int(studyClamp(v, 1, 36500))
	}
	iv[0] = min(iv[0], iv[1])
	iv[1] = max(iv[1], iv[0]+1)
	iv[2] = max(iv[2], iv[1]+1)
	iv[3] = max(iv[3], iv[2]+1)
	return iv
}

func studyFirstIntervals(retention float64) [4]int {
	return studyIntervals([4]float64{studyFirst(1).S, studyFirst(2).S, studyFirst(3).S, studyFirst(4).S}, retention)
}

func studyNextIntervals(c studyCard, elapsed int, retention float64) [4]int {
	return studyIntervals([4]float64{studyNext(c, 1, elapsed).S, studyNext(c, 2, elapsed).S, studyNext(c, 3, elapsed).S, studyNext(c, 4, elapsed).S}, retention)
}

func studyRel(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// noSteps stores settings with the learning and relearning steps off
// (FSRS alone), as a reader can set them, before the next page opens.
func (p *studyPage) noSteps() {
	p.t.Helper()
	p.open("index.html", `document.body`)
	p.eval(`(() => {
  const k = "flipdeck:" + new URL(document.body.dataset.root || "./", location.href).pathname + ":progress";
  const d = JSON.parse(localStorage.getItem(k) || '{"schema":2,"cards":{},"stars":{},"log":[],"logDropped":0,"tests":{}}');
  d.settings = Object.assign({retention: 0.9, newPerDay: 20}, d.settings || {}, {learnSteps: [], relearnSteps: [], at: 0});
  localStorage.setItem(k, JSON.stringify(d));
  return true;
})()`)
}

// studyCounts are the top bar's New · Learn · Due counts (or left in practice).
type studyCounts struct {
	New, Learn, Due, Left int
	Current               string
}

func (p *studyPage) counts() studyCounts {
	p.t.Helper()
	var c studyCounts
	raw := p.str(`JSON.stringify(Object.fromEntries([...document.querySelectorAll(".study-counts .sc[data-n]")].map(e => [e.className.split(" ").find(c => c.startsWith("sc-")).slice(3), Number(e.dataset.n)]).concat([["current", (document.querySelector(".study-counts .sc[aria-current=true]") || {className: "x sc-"}).className.split(" ").find(c => c.startsWith("sc-")).slice(3)]])))`)
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		p.t.Fatalf("counts %s: %v", raw, err)
	}
	return c
}

// studying tells whether the focused study screen is up.
func (p *studyPage) studying() bool {
	p.t.Helper()
	return p.eval(`document.body.classList.contains("is-studying")`).(bool)
}

// openMenu opens the top bar's menu while studying (elsewhere the modes
// and settings are in place) and returns how to press: tap or click.
func (p *studyPage) openMenu(touch bool) func(string) {
	p.t.Helper()
	act := p.click
	if touch {
		act = p.tap
	}
	if p.studying() {
		act(".study-menu-btn")
		p.wait(`document.querySelector(".quiz-top.open")`)
	}
	return act
}

// switchMode picks a mode as a reader would: from the top bar's menu
// while studying, confirming when the quiz asks.
func (p *studyPage) switchMode(mode string, touch bool) {
	p.t.Helper()
	act := p.openMenu(touch)
	act(".quiz-mode-btn[data-mode=" + mode + "]")
	if p.eval(`!!document.querySelector(".confirm-dialog[open]")`).(bool) {
		act(".confirm-dialog [data-action=confirm-ok]")
	}
	p.wait(`document.getElementById("quiz").dataset.mode === ` + browsertest.JSString(mode) + ` && !document.querySelector(".confirm-dialog[open]")`)
}

// openSettings opens the quiz's settings as a reader would: through the
// top bar's menu while studying.
func (p *studyPage) openSettings(touch bool) {
	p.t.Helper()
	act := p.openMenu(touch)
	act(".quiz-settings-btn")
	p.wait(`!document.getElementById("quiz-settings").hidden`)
}

// viewShot saves what the viewport shows (not the whole page) as name.
func (p *studyPage) viewShot(name string) {
	p.t.Helper()
	if p.dark {
		name += "-dark"
	}
	var png []byte
	p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
		png = r.Data
		return err
	}))
	path := filepath.Join(p.shots, name+".png")
	if err := os.MkdirAll(p.shots, 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}
