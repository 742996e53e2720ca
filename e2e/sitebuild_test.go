package e2e

import (
	"context"
	"encoding/json"
	"fmt"
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
	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/site"
)

// Helpers for the browser tests of the built sample site (site_test.go).

// kinesisSlug is the AWS Kinesis deck of the sample vault.
const kinesisSlug = "aws-exams--solutions-architect--associate--aws-kinesis"

// sitePrefix is the URL path the sample site is served under, as on a
// GitHub Pages project site; the progress key includes it.
const sitePrefix = "/site/"

// siteProgressKey is the localStorage key of the progress record of the site
// served under sitePrefix.
const siteProgressKey = "flipdeck:" + sitePrefix + ":progress"

// siteDay is one day in milliseconds.
const siteDay = 86400000

// siteNow is the fixed "now" of the tests (2025-03-10 09:00 UTC), injected
// through window.__flipdeckNow.
var siteNow = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC).UnixMilli()

// builtSite is the sample vault (../content) built into a temporary folder.
type builtSite struct {
	Dir   string
	Cards []export.Card       // from cards.json
	Decks map[string][]string // deck slug → card ids (from data/decks.json)
	Pairs map[string]string   // card id → the other side of its reversed pair
}

// buildSample builds ../content with site.Build into t.TempDir().
func buildSample(t *testing.T) *builtSite {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := site.Build(site.Options{Src: "../content", Out: out})
	if err != nil {
		t.Fatalf("build the sample site: %v", err)
	}
	if res.Cards == 0 {
		t.Fatal("the sample site has no cards")
	}
	raw, err := os.ReadFile(filepath.Join(out, "cards.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cj export.CardsFile
	if err := json.Unmarshal(raw, &cj); err != nil {
		t.Fatalf("cards.json: %v", err)
	}
	b := &builtSite{Dir: out, Cards: cj.Cards(), Decks: map[string][]string{}}
	raw, err = os.ReadFile(filepath.Join(out, "data", "decks.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []struct {
		Slug      string
		IDs, Kids []string
		Pairs     [][2]string
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatalf("data/decks.json: %v", err)
	}
	dc := struct{ Own, Kids map[string][]string }{map[string][]string{}, map[string][]string{}}
	b.Pairs = map[string]string{}
	for _, d := range list {
		dc.Own[d.Slug], dc.Kids[d.Slug] = d.IDs, d.Kids
		for _, pr := range d.Pairs {
			b.Pairs[pr[0]], b.Pairs[pr[1]] = pr[1], pr[0]
		}
	}
	// The page lists each deck's own cards and its subdecks; a deck's
	// progress counts its whole subtree.
	b.Decks = map[string][]string{}
	var subtree func(string) []string
	subtree = func(slug string) []string {
		ids := append([]string(nil), dc.Own[slug]...)
		for _, k := range dc.Kids[slug] {
			ids = append(ids, subtree(k)...)
		}
		return ids
	}
	for slug := range dc.Own {
		b.Decks[slug] = subtree(slug)
	}
	return b
}

// browserTab is one Chromium tab on the served sample site.
type browserTab struct {
	t     *testing.T
	ctx   context.Context
	base  string // site URL, ending in sitePrefix
	errs  func() []string
	clock page.ScriptIdentifier
}

// openSite builds the sample site, serves it under sitePrefix and opens a
// width×height browser tab on it that records console errors.
func openSite(t *testing.T, width, height int) (*browserTab, *builtSite) {
	t.Helper()
	ctx := browsertest.Chrome(t, width, height)
	b := buildSample(t)
	tab := &browserTab{t: t, ctx: ctx, base: browsertest.Serve(t, b.Dir, sitePrefix)}
	tab.errs = browsertest.WatchErrors(ctx)
	return tab, b
}

// do runs chromedp actions, bounded.
func (b *browserTab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// siteJS evaluates expr in the tab (see browsertest.Eval).
func siteJS[T any](b *browserTab, expr string) T {
	b.t.Helper()
	return browsertest.Eval[T](b.t, b.ctx, expr)
}

// waitJS waits until the expression cond is truthy (10 s at most).
func (b *browserTab) waitJS(cond, what string) {
	b.t.Helper()
	if !b.tryWaitJS(cond) {
		b.t.Fatalf("timed out waiting for %s (%s); browser errors: %q", what, cond, b.errs())
	}
}

// tryWaitJS waits until cond is truthy and tells whether it became so
// within 10 s.
func (b *browserTab) tryWaitJS(cond string) bool {
	return browsertest.TryWaitJS(b.ctx, cond, 10*time.Second)
}

// open navigates to path (relative to the site root) and waits for ready,
// a JS condition that tells the page script has run.
func (b *browserTab) open(path, ready string) {
	b.t.Helper()
	b.do("open "+path, freshNavigate(b.base+path)...)
	b.waitJS(ready, path+" to be ready")
}

// Readiness conditions of the three kinds of page.
const (
	siteIndexReady = `document.querySelector(".deck-list[data-ready]")`
	siteDeckReady  = `document.querySelector(".card.flip .card-status[data-state]")`
	siteQuizReady  = `document.querySelector("#quiz[data-state]:not([data-state=loading])")`
)

// setClock makes window.__flipdeckNow ms on every page loaded from now on.
func (b *browserTab) setClock(ms int64) {
	b.t.Helper()
	b.do("set the clock", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if b.clock != "" {
			if _, err := cdp.Call(ctx, tg, page.RemoveScriptToEvaluateOnNewDocument,
				page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: b.clock}); err != nil {
				return err
			}
		}
		r, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf("window.__flipdeckNow = %d;", ms)})
		if err != nil {
			return err
		}
		b.clock = r.Identifier
		return nil
	}))
}

// media emulates prefers-color-scheme (light or dark) and reduced motion.
func (b *browserTab) media(scheme string, reducedMotion bool) {
	b.t.Helper()
	motion := "no-preference"
	if reducedMotion {
		motion = "reduce"
	}
	b.do("emulate media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{
				{Name: "prefers-color-scheme", Value: scheme},
				{Name: "prefers-reduced-motion", Value: motion},
			},
		})
		return err
	}))
}

// key presses one key (a character, "\r" for Enter) in the tab.
func (b *browserTab) key(k string) {
	b.t.Helper()
	b.do("press "+fmt.Sprintf("%q", k), chromedp.KeyEvent(k))
}

// center scrolls the element that sel selects into view and returns the
// viewport coordinates of its centre (see browsertest.Center).
func (b *browserTab) center(sel string) (x, y float64) {
	b.t.Helper()
	return browsertest.Center(b.t, b.ctx, sel)
}

// noErrors fails the test on console errors and on notices on the page.
// A failed load of a resource from another origin (the sample notes embed a
// remote image; the test machine may have no network) is only logged.
func (b *browserTab) noErrors() {
	b.t.Helper()
	time.Sleep(100 * time.Millisecond)
	origin := strings.TrimSuffix(b.base, sitePrefix)
	for _, e := range b.errs() {
		if strings.Contains(e, "Failed to load resource") && !strings.Contains(e, origin+"/") {
			b.t.Logf("ignored (third-party resource): %s", e)
			continue
		}
		b.t.Errorf("browser error: %s", e)
	}
	if n := siteJS[[]string](b, `[...document.querySelectorAll("#notices .notice")].map((n) => n.textContent)`); len(n) > 0 {
		b.t.Errorf("notices on the page: %q", n)
	}
}

// progressRecord is the store's localStorage record.
type progressRecord struct {
	Schema int                 `json:"schema"`
	Cards  map[string]studyRec `json:"cards"`
	Log    []map[string]any    `json:"log"`
}

// progress reads and decodes the progress record (nil when there is none).
func (b *browserTab) progress() *progressRecord {
	b.t.Helper()
	raw := siteJS[*string](b, `localStorage.getItem(`+browsertest.JSString(siteProgressKey)+`)`)
	if raw == nil {
		return nil
	}
	var p progressRecord
	if err := json.Unmarshal([]byte(*raw), &p); err != nil {
		b.t.Fatalf("localStorage %s is not JSON: %v\n%s", siteProgressKey, err, *raw)
	}
	return &p
}

// status is store.js's status rule, for expectations.
func (r studyRec) status(now int64) string {
	switch {
	case r.State == "new" || r.Due == nil:
		return "new"
	case *r.Due <= now:
		return "due"
	case r.State == "learning" || r.State == "relearning":
		return "learning"
	case r.ScheduledDays >= 21:
		return "mature"
	}
	return "young"
}
