package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// vectorsPath is the FSRS reference file, a copy of sharedVectorsPath
// kept in the repository so that a fresh clone runs the vectors.
const vectorsPath = "testdata/fsrs/vectors.json"

// sharedVectorsPath is the project's shared copy, beside the repository.
const sharedVectorsPath = "../../shared/fsrs/vectors.json"

// fsrsPage is the test page. It is served at /repo/test/fsrs.html over the
// repo's assets/ folder, so "../js/fsrs.js" is assets/js/fsrs.js. It runs every
// step of every reference sequence through review() and leaves the results in
// window.__results (a promise) when the URL has ?vectors.
const fsrsPage = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>fsrs.js vectors</title>
<pre id="out">running…</pre>
<script type="module">
import * as fsrs from "../js/fsrs.js";
window.fsrs = fsrs;
// ?vectors runs the reference vectors; otherwise the page only exposes fsrs.
window.__results = !location.search.includes("vectors") ? null : (async () => {
  const v = await (await fetch("vectors.json", {cache: "no-store"})).json();
  const start = Date.UTC(2025, 0, 1, 9, 30);
  const out = [];
  for (const seq of v.sequences) {
    let card = fsrs.newCard();
    let now = start;
    const steps = [];
    for (const st of seq.steps) {
      // Vary the hour a little: whole-day elapsed counting must not care.
      now += st.elapsed_days * fsrs.DAY_MS + (st.elapsed_days > 0 ? 3600000 : 0);
      const before = JSON.stringify(card);
      const r = fsrs.retrievability(card, now);
      const next = fsrs.review(card, st.rating, now);
      steps.push({
        r, stability: next.stability, difficulty: next.difficulty,
        scheduledDays: next.scheduledDays, state: next.state,
        reps: next.reps, lapses: next.lapses,
        dueOK: next.due === now + next.scheduledDays * fsrs.DAY_MS,
        lastReviewOK: next.lastReview === now,
        pure: JSON.stringify(card) === before,
      });
      card = next;
      now -= (st.elapsed_days > 0 ? 3600000 : 0);
    }
    out.push(steps);
  }
  document.getElementById("out").textContent = JSON.stringify(out, null, 1);
  return out;
})();
</script>
`

type vectorStep struct {
	Rating         int      `json:"rating"`
	ElapsedDays    int      `json:"elapsed_days"`
	Retrievability *float64 `json:"retrievability_before"`
	Stability      float64  `json:"stability"`
	Difficulty     float64  `json:"difficulty"`
	ScheduledDays  int      `json:"scheduled_days"`
	State          string   `json:"state"`
}

type vectors struct {
	Parameters struct {
		W []float64 `json:"w"`
	} `json:"parameters"`
	Sequences []struct {
		Ratings []int        `json:"ratings"`
		Steps   []vectorStep `json:"steps"`
	} `json:"sequences"`
}

type jsStep struct {
	R             float64 `json:"r"`
	Stability     float64 `json:"stability"`
	Difficulty    float64 `json:"difficulty"`
	ScheduledDays int     `json:"scheduledDays"`
	State         string  `json:"state"`
	Reps          int     `json:"reps"`
	Lapses        int     `json:"lapses"`
	DueOK         bool    `json:"dueOK"`
	LastReviewOK  bool    `json:"lastReviewOK"`
	Pure          bool    `json:"pure"`
}

// fsrsBrowser starts a browser on the test page (with vectors.json next to
// it) and returns its context and the error watcher.
func fsrsBrowser(t *testing.T, vectorsJSON []byte) (context.Context, func() []string) {
	t.Helper()
	tmp := t.TempDir()
	if err := os.MkdirAll(filepath.Join(tmp, "test"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "test", "fsrs.html"), []byte(fsrsPage), 0o644); err != nil {
		t.Fatal(err)
	}
	if vectorsJSON != nil {
		if err := os.WriteFile(filepath.Join(tmp, "test", "vectors.json"), vectorsJSON, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := browsertest.ServeFS(t, browsertest.Layers(http.Dir(tmp), http.Dir("../assets")), "/repo/")
	ctx := browsertest.Chrome(t, 900, 700)
	errs := browsertest.WatchErrors(ctx)
	nctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	url := base + "test/fsrs.html"
	if vectorsJSON != nil {
		url += "?vectors"
	}
	if err := chromedp.Do(nctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	return ctx, errs
}

// waitFor is an expression that waits for window[name] to be set and then
// yields it (module scripts run after Navigate returns on some loads).
func waitFor(name string) string {
	return `new Promise((resolve, reject) => {
  const t0 = Date.now();
  const poll = () => window[` + "`" + name + "`" + `] !== undefined ? resolve(window[` + "`" + name + "`" + `])
    : Date.now() - t0 > 10000 ? reject(new Error("timeout waiting for ` + name + `")) : setTimeout(poll, 20);
  poll();
})`
}

func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func loadVectors(t *testing.T) ([]byte, vectors) {
	t.Helper()
	raw, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("parse %s: %v", vectorsPath, err)
	}
	if len(v.Sequences) == 0 {
		t.Fatalf("%s has no sequences", vectorsPath)
	}
	return raw, v
}

// TestFSRSVectorsCopy: the repository's copy of the vectors is the shared
// one, byte for byte (when the shared folder is there to compare with).
func TestFSRSVectorsCopy(t *testing.T) {
	shared, err := os.ReadFile(sharedVectorsPath)
	if os.IsNotExist(err) {
		t.Skipf("no shared vectors at %s to compare the copy with", sharedVectorsPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	own, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(own, shared) {
		t.Errorf("%s differs from %s: copy the shared file again", vectorsPath, sharedVectorsPath)
	}
}

// TestFSRSVectors runs every reference step through review() in Chromium.
func TestFSRSVectors(t *testing.T) {
	raw, v := loadVectors(t)
	ctx, errs := fsrsBrowser(t, raw)

	// DEFAULT_WEIGHTS must be the published parameters.
	weights := browsertest.Eval[[]float64](t, ctx, waitFor("fsrs")+`.then(f => f.DEFAULT_WEIGHTS)`)
	if len(weights) != len(v.Parameters.W) {
		t.Fatalf("DEFAULT_WEIGHTS has %d values, want %d", len(weights), len(v.Parameters.W))
	}
	for i := range weights {
		if weights[i] != v.Parameters.W[i] {
			t.Errorf("DEFAULT_WEIGHTS[%d] = %v, want %v", i, weights[i], v.Parameters.W[i])
		}
	}

	got := browsertest.Eval[[][]jsStep](t, ctx, waitFor("__results"))
	if len(got) != len(v.Sequences) {
		t.Fatalf("got %d sequences, want %d", len(got), len(v.Sequences))
	}
	checked := 0
	for i, seq := range v.Sequences {
		if len(got[i]) != len(seq.Steps) {
			t.Errorf("sequence %d %v: got %d steps, want %d", i, seq.Ratings, len(got[i]), len(seq.Steps))
			continue
		}
		lapses := 0
		for j, want := range seq.Steps {
			g := got[i][j]
			where := func() string {
				b, _ := json.Marshal(seq.Ratings)
				return "sequence " + string(b) + " step " + itoa(j) + " (rating " + itoa(want.Rating) + ", +" + itoa(want.ElapsedDays) + "d)"
			}
			if e := relErr(g.Stability, want.Stability); e > 1e-6 {
				t.Errorf("%s: stability %.8f, want %.8f (rel err %.2g)", where(), g.Stability, want.Stability, e)
			}
			if e := relErr(g.Difficulty, want.Difficulty); e > 1e-6 {
				t.Errorf("%s: difficulty %.8f, want %.8f (rel err %.2g)", where(), g.Difficulty, want.Difficulty, e)
			}
			if g.ScheduledDays != want.ScheduledDays {
				t.Errorf("%s: interval %d days, want %d", where(), g.ScheduledDays, want.ScheduledDays)
			}
			if want.Retrievability != nil {
				if d := math.Abs(g.R - *want.Retrievability); d > 1e-6 {
					t.Errorf("%s: retrievability before %.8f, want %.8f", where(), g.R, *want.Retrievability)
				}
			} else if j == 0 && g.R != 0 {
				t.Errorf("%s: retrievability of a new card %v, want 0", where(), g.R)
			}
			// The reference (learning steps off) keeps every card in
			// Review; flipdeck records a lapse (Again on a card that is not
			// new) as "relearning" and counts it.
			wantState := strings.ToLower(want.State)
			if want.Rating == 1 && j > 0 {
				wantState = "relearning"
				lapses++
			}
			if g.State != wantState {
				t.Errorf("%s: state %q, want %q (reference %q)", where(), g.State, wantState, want.State)
			}
			if g.Lapses != lapses || g.Reps != j+1 {
				t.Errorf("%s: reps/lapses %d/%d, want %d/%d", where(), g.Reps, g.Lapses, j+1, lapses)
			}
			if !g.DueOK || !g.LastReviewOK {
				t.Errorf("%s: due/lastReview not now+interval/now", where())
			}
			if !g.Pure {
				t.Errorf("%s: review() modified its input card", where())
			}
			checked++
		}
	}
	t.Logf("checked %d steps in %d sequences", checked, len(v.Sequences))
	browsertest.NoErrors(t, errs)
}

type nextStatesCase struct {
	Name      string             `json:"name"`
	Intervals map[string]int     `json:"intervals"`
	Same      bool               `json:"same"`
	S         float64            `json:"s"`
	NewS      map[string]float64 `json:"newS"`
	Elapsed   int                `json:"elapsed"`
}

// TestFSRSNextStates checks that nextStates gives strictly increasing
// intervals for Again < Hard < Good < Easy on many cards, that it agrees with
// review(), and the same-day (short-term) stability rule.
func TestFSRSNextStates(t *testing.T) {
	ctx, errs := fsrsBrowser(t, nil)
	cases := browsertest.Eval[[]nextStatesCase](t, ctx, waitFor("fsrs")+`.then(f => {
  const t0 = Date.UTC(2025, 5, 1, 8, 0);
  const cards = [["new", f.newCard(), t0]];
  const seqs = [[3,3,3,3], [4,4,4,4,4,4], [1,1,1], [2,2,2], [3,1,3], [4,3,4,3,4,3,4,3,4,3]];
  for (const seq of seqs) {
    let c = f.newCard(), now = t0;
    for (const g of seq) { c = f.review(c, g, now); now = c.due; }
    cards.push([seq.join(""), c, c.due]);
    cards.push([seq.join("") + " overdue", c, c.due + 400 * f.DAY_MS]);
    cards.push([seq.join("") + " early", c, c.lastReview + f.DAY_MS]);
    cards.push([seq.join("") + " same day", c, c.lastReview + 3600000]);
  }
  const out = [];
  for (const [name, card, now] of cards) {
    const ns = f.nextStates(card, now);
    const intervals = {}, newS = {};
    for (const g of [1, 2, 3, 4]) {
      intervals[g] = ns[g].interval;
      newS[g] = ns[g].card.stability;
      if (JSON.stringify(ns[g].card) !== JSON.stringify(f.review(card, g, now))) throw new Error(name + ": nextStates[" + g + "] != review");
      if (ns[g].card.scheduledDays !== ns[g].interval) throw new Error(name + ": scheduledDays != interval");
    }
    out.push({name, intervals, newS, s: card.stability,
      same: card.state !== "new" && now - card.lastReview < f.DAY_MS,
      elapsed: card.lastReview == null ? 0 : Math.floor((now - card.lastReview) / f.DAY_MS)});
  }
  return out;
})`)
	w := browsertest.Eval[[]float64](t, ctx, `window.fsrs.DEFAULT_WEIGHTS`)
	sameDay := 0
	for _, c := range cases {
		iv := []int{c.Intervals["1"], c.Intervals["2"], c.Intervals["3"], c.Intervals["4"]}
		if iv[0] < 1 || !(iv[0] < iv[1] && iv[1] < iv[2] && iv[2] < iv[3]) {
			t.Errorf("%s: intervals %v not strictly increasing from 1 day", c.Name, iv)
		}
		if !c.Same {
			continue
		}
		sameDay++
		for g := 1; g <= 4; g++ {
			f := math.Exp(w[17]*(float64(g)-3+w[18])) * math.Pow(c.S, -w[19])
			if g >= 2 {
				f = math.Max(f, 1)
			}
			want := math.Round(c.S*f*1e8) / 1e8
			got := c.NewS[itoa(g)]
			if relErr(got, want) > 1e-9 {
				t.Errorf("%s: same-day grade %d stability %.8f, want %.8f", c.Name, g, got, want)
			}
		}
	}
	if sameDay == 0 {
		t.Error("no same-day case checked")
	}
	t.Logf("checked nextStates on %d cards (%d same-day)", len(cases), sameDay)

	// A card at the maximum interval still gets distinct intervals.
	capped := browsertest.Eval[[]int](t, ctx, `(() => {
  const f = window.fsrs; let c = f.newCard(), now = 0;
  for (let i = 0; i < 12; i++) { c = f.review(c, 4, now); now = c.due; }
  const ns = f.nextStates(c, now, {maximumInterval: 365});
  return [1, 2, 3, 4].map(g => ns[g].interval);
})()`)
	if !(capped[0] < capped[1] && capped[1] < capped[2] && capped[2] < capped[3]) || capped[0] > 365 {
		t.Errorf("capped intervals %v", capped)
	}
	browsertest.NoErrors(t, errs)
}

// TestFSRSFormatInterval checks the labels of the grade buttons.
func TestFSRSFormatInterval(t *testing.T) {
	ctx, errs := fsrsBrowser(t, nil)
	cases := map[string]string{
		"0": "<1d", "0.4": "<1d", "1": "1d", "2": "2d", "12": "12d", "29": "29d",
		"30": "1mo", "45": "1.5mo", "90": "3mo", "100": "3.3mo", "300": "10mo", "364": "12mo",
		"365": "1y", "438": "1.2y", "730": "2y", "3650": "10y", "36500": "100y",
		"-1": "", "NaN": "",
	}
	got := browsertest.Eval[map[string]string](t, ctx, waitFor("fsrs")+`.then(f => Object.fromEntries(
  ["0","0.4","1","2","12","29","30","45","90","100","300","364","365","438","730","3650","36500","-1","NaN"]
    .map(k => [k, f.formatInterval(Number(k))])))`)
	for in, want := range cases {
		if got[in] != want {
			t.Errorf("formatInterval(%s) = %q, want %q", in, got[in], want)
		}
	}
	browsertest.Screenshot(t, ctx, filepath.Join(t.TempDir(), "fsrs.png"))
	browsertest.NoErrors(t, errs)
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
