package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// offlineFirstVisit serves out and opens its index once: the service
// worker installs, precaches and takes control. It returns the server
// (stopped at the end of the test) and the site's URL.
func offlineFirstVisit(t *testing.T, ctx context.Context, out string) (*offlineServer, string) {
	t.Helper()
	srv := &offlineServer{t: t, dir: out}
	srv.start()
	t.Cleanup(srv.stop)
	offNavigate(t, ctx, srv.base())
	browsertest.WaitJS(t, ctx, `navigator.serviceWorker.controller`, "the service worker to control the index", 30*time.Second)
	return srv, srv.base()
}

// offlineSample builds the sample site, opens a browser of the given
// size on it and visits it once (offlineFirstVisit). It returns the
// browser, its errors, the output folder, the server and the site's URL.
func offlineSample(t *testing.T, width, height int) (context.Context, func() []string, string, *offlineServer, string) {
	t.Helper()
	ctx := browsertest.Chrome(t, width, height)
	errs := browsertest.WatchErrors(ctx)
	out := filepath.Join(t.TempDir(), "public")
	offlineBuild(t, "../content", out)
	srv, base := offlineFirstVisit(t, ctx, out)
	return ctx, errs, out, srv, base
}

// offlineSearch types query into the index's search box and checks that
// the first result links want.
func offlineSearch(t *testing.T, ctx context.Context, base, query, want string) {
	t.Helper()
	offNavigate(t, ctx, base)
	browsertest.WaitJS(t, ctx, `!document.querySelector(".search").hidden`, "the search box", 10*time.Second)
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById("search-q"); i.focus(); i.value = `+browsertest.JSString(query)+`; i.dispatchEvent(new Event("input")); return true; })()`)
	browsertest.WaitJS(t, ctx, `document.querySelector("#search-results a")`, "search results for "+query, 10*time.Second)
	if href := browsertest.Eval[string](t, ctx, `document.querySelector("#search-results a").href`); href != want {
		t.Errorf("first result for %q links %s, want %s", query, href, want)
	}
}

// TestOfflineEveryPage: after one visit to the index, with the server
// stopped, every deck page turns its cards, every quiz shows a card to
// study, and the statistics page draws its charts, all from the service
// worker's cache. The list of cards for search is not downloaded with
// the site: offline before searching once, the box says what it needs;
// after one search online, search works offline.
func TestOfflineEveryPage(t *testing.T) {
	ctx, errs, out, srv, base := offlineSample(t, 412, 915)
	srv.stop()

	pages := append([]string{"", "index.html", "stats.html"}, outputPages(t, out, "decks")...)
	// Every quiz, in place on its deck page (and the index's), each
	// loaded anew from another page.
	for _, p := range outputPages(t, out, "decks") {
		if b, err := os.ReadFile(filepath.Join(out, p)); err == nil && bytes.Contains(b, []byte("id=quiz")) {
			pages = append(pages, p+"#quiz")
		}
	}
	pages = append(pages, "index.html#quiz")
	for _, p := range pages {
		offNavigate(t, ctx, base+p)
		browsertest.WaitJS(t, ctx, `document.readyState === "complete"`, p+" to load offline", 10*time.Second)
		if n := browsertest.Eval[int](t, ctx, `[...document.styleSheets].filter((s) => { try { return s.cssRules.length > 0 } catch { return false } }).length`); n < 2 {
			t.Errorf("%s offline: %d stylesheets loaded, want 2", p, n)
		}
		switch {
		case p == "" || p == "index.html":
			browsertest.WaitJS(t, ctx, `document.querySelector(".deck-list[data-ready] .deck-study")`, p+" today's counts offline", 10*time.Second)
		case p == "stats.html":
			browsertest.WaitJS(t, ctx, `document.querySelector("#chart-forecast svg") && document.querySelector(".deck-states tbody tr")`, "the statistics offline", 10*time.Second)
		case strings.HasSuffix(p, "#quiz"):
			browsertest.WaitJS(t, ctx, `document.getElementById("quiz").dataset.state === "question" && document.querySelector("#quiz .quiz-q").textContent.trim() !== ""`, p+": a card to study offline", 10*time.Second)
		case browsertest.Eval[bool](t, ctx, `document.querySelector("details.card, .card") !== null`):
			browsertest.WaitJS(t, ctx, `document.querySelector(".card.flip") && !document.querySelector("details.card")`, p+" flip cards (deck.js ran offline)", 5*time.Second)
		}
		// Local images (not https ones notes link to) are there (fetched,
		// as lazy images below the fold are not loaded yet).
		if broken := browsertest.Eval[[]string](t, ctx, `Promise.all([...document.images].filter((i) => i.src.startsWith(location.origin)).map((i) => fetch(i.src).then((r) => (r.ok ? "" : i.src), () => i.src))).then((a) => a.filter(Boolean))`); len(broken) > 0 {
			t.Errorf("%s offline: images not loaded: %v", p, broken)
		}
	}
	img, err := filepath.Glob(filepath.Join(out, "media", "*.png"))
	if err != nil || len(img) == 0 {
		t.Fatal("no image in the sample site")
	}
	offNavigate(t, ctx, base+"media/"+filepath.Base(img[0]))
	browsertest.WaitJS(t, ctx, `document.images.length === 1 && document.images[0].naturalWidth > 0`, "an image offline", 10*time.Second)
	// A quiz page of an earlier build goes to its quiz, in place.
	offNavigate(t, ctx, base+"quiz/"+syntaxDeck+".html")
	browsertest.WaitJS(t, ctx, `location.pathname.endsWith("/decks/`+syntaxDeck+`.html") && location.hash === "#quiz" && document.getElementById("quiz").dataset.state === "question"`, "an old quiz page's address offline to land on its quiz", 10*time.Second)
	// A page that was never built falls back to the index.
	offNavigate(t, ctx, base+"decks/no-such-deck.html")
	browsertest.WaitJS(t, ctx, `document.body.classList.contains("page-index")`, "the index as fallback for an unknown page offline", 10*time.Second)

	// Search, offline before it was ever used: it says what it needs.
	offNavigate(t, ctx, base)
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById("search-q"); i.focus(); i.value = "kinesis"; i.dispatchEvent(new Event("input")); return true; })()`)
	browsertest.WaitJS(t, ctx, `document.getElementById("search-status").textContent.includes("search once while online")`, "search saying it needs to be used online once", 10*time.Second)
	// Once used online, it works offline.
	srv.start()
	offlineSearch(t, ctx, base, "what is kinesis", base+"decks/aws-exams--solutions-architect--associate--aws-kinesis.html#card-qba00f3c479918d9b")
	srv.stop()
	offlineSearch(t, ctx, base, "what is kinesis", base+"decks/aws-exams--solutions-architect--associate--aws-kinesis.html#card-qba00f3c479918d9b")
	if data, err := os.ReadFile(filepath.Join(out, "sw.js")); err != nil || !strings.Contains(string(data), `"cards.json"`) || strings.Contains(strings.SplitN(string(data), "const RUNTIME", 2)[0], "cards.json") {
		t.Errorf("sw.js should keep cards.json at run time, not precache it (%v)", err)
	}
	// The list of cards that could not be loaded offline is logged by the
	// browser, as designed.
	browsertest.NoErrors(t, errsExceptOffline(func() []string {
		var keep []string
		for _, e := range errs() {
			if !strings.Contains(e, "Failed to load resource") || !strings.Contains(e, "/cards.json") {
				keep = append(keep, e)
			}
		}
		return keep
	}))
}
