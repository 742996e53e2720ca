package e2e

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/site"
)

// The offline tests: the sample site is served under /repo/ (a GitHub
// Pages project site), opened once, and then the server is stopped: every
// deck, quiz and statistics page must still work, from the service
// worker's cache (TestOfflineEveryPage). Then the site is rebuilt with a
// changed card and served again on the same address: the open page offers
// the new version, and accepting it shows the new text with the reader's
// progress kept, and search still works offline (TestOfflineAndUpdate).

const (
	offlinePrefix  = "/repo/"
	offlineOldText = "Kinesis is a group of services related to scalable data streaming."
	offlineNewText = "Kinesis is a family of services for scalable data streaming (rebuilt)."
)

// offlineServer serves a folder under offlinePrefix like GitHub Pages would
// (no-store, so only the service worker caches), and can be stopped and
// started again on the same address: stopped, the browser gets
// "connection refused", as with no network.
type offlineServer struct {
	t    *testing.T
	dir  string
	addr string
	mu   sync.Mutex
	srv  *http.Server
}

func (s *offlineServer) start() {
	s.t.Helper()
	addr := s.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var ln net.Listener
	var err error
	for range 50 { // the port may take a moment to be free again
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatalf("listen %s: %v", addr, err)
	}
	s.addr = ln.Addr().String()
	files := http.FileServer(http.Dir(s.dir))
	mux := http.NewServeMux()
	mux.Handle(offlinePrefix, http.StripPrefix(strings.TrimSuffix(offlinePrefix, "/"), http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
			if strings.HasSuffix(r.URL.Path, ".js") {
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			}
			files.ServeHTTP(w, r)
		})))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	s.mu.Lock()
	s.srv = srv
	s.mu.Unlock()
}

func (s *offlineServer) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		_ = s.srv.Close() // also drops kept-alive connections
		s.srv = nil
	}
}

func (s *offlineServer) base() string { return "http://" + s.addr + offlinePrefix }

func offNavigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	nctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for _, a := range freshNavigate(url) {
		if err := chromedp.Do(nctx, a); err != nil {
			t.Fatalf("navigate %s: %v", url, err)
		}
	}
}

// offlineBuild builds src into out.
func offlineBuild(t *testing.T, src, out string) {
	t.Helper()
	res, err := site.Build(site.Options{Src: src, Out: out, Title: "Flashcards", BaseURL: "http://127.0.0.1" + offlinePrefix})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if res.PrecacheBytes <= 0 {
		t.Fatalf("build reports %d precache bytes", res.PrecacheBytes)
	}
}

func outputPages(t *testing.T, out, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(out, dir, "*.html"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no pages in %s/%s (%v)", out, dir, err)
	}
	var rel []string
	for _, p := range m {
		rel = append(rel, dir+"/"+filepath.Base(p))
	}
	sort.Strings(rel)
	return rel
}

func TestOfflineAndUpdate(t *testing.T) {
	ctx := browsertest.Chrome(t, 412, 915)
	errs := browsertest.WatchErrors(ctx)

	tmp := t.TempDir()
	src, out := filepath.Join(tmp, "content"), filepath.Join(tmp, "public")
	if err := os.CopyFS(src, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	offlineBuild(t, src, out)

	var cf export.CardsFile
	data, err := os.ReadFile(filepath.Join(out, "cards.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &cf); err != nil {
		t.Fatal(err)
	}
	var cardID, cardURL string
	for _, c := range cf.Cards() {
		if c.Question == "What is Kinesis?" {
			cardID, cardURL = c.ID, c.URL
		}
	}
	if cardID == "" {
		t.Fatal(`no card "What is Kinesis?" in cards.json`)
	}

	srv, base := offlineFirstVisit(t, ctx, out)
	browsertest.WaitJS(t, ctx, `document.querySelector("link[rel=manifest]")`, "the manifest link", time.Second)

	// Some progress, stored through the site's own store module.
	offNavigate(t, ctx, base+cardURL)
	browsertest.WaitJS(t, ctx, `document.querySelector(".card.flip")`, "the deck page's flip cards", 10*time.Second)
	ok := browsertest.Eval[bool](t, ctx, `import(new URL("../assets/js/store.js", location.href).href).then((s) => s.putCard(`+browsertest.JSString(cardID)+`, {state: "review", stability: 12, difficulty: 5, due: Date.now() + 12 * 86400000, lastReview: Date.now(), reps: 1, lapses: 0, scheduledDays: 12}).ok)`)
	if !ok {
		t.Fatal("could not store progress")
	}

	// The search box once while online: the worker keeps the list of cards.
	offlineSearch(t, ctx, base, "what is kinesis", base+cardURL)
	srv.stop()

	// A new build with a changed card, served again on the same address.
	note := filepath.Join(src, "AWS", "Kinesis.md")
	text, err := os.ReadFile(note)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), offlineOldText) {
		t.Fatalf("%s no longer holds %q; update the test", note, offlineOldText)
	}
	if err := os.WriteFile(note, []byte(strings.Replace(string(text), offlineOldText, offlineNewText, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	offlineBuild(t, src, out)
	srv.start()
	if srv.base() != base {
		t.Fatalf("server moved from %s to %s", base, srv.base())
	}

	// The open page still shows the old build (from the cache), and offers
	// the new one without reloading by itself.
	offNavigate(t, ctx, base+cardURL)
	browsertest.WaitJS(t, ctx, `document.querySelector(".offline-prompt button")`, "the new-version prompt", 30*time.Second)
	if !browsertest.Eval[bool](t, ctx, `document.body.textContent.includes(`+browsertest.JSString(offlineOldText)+`)`) {
		t.Error("before accepting, the page should still show the old text")
	}
	browsertest.Eval[bool](t, ctx, `(window.__beforeUpdate = true)`)
	browsertest.Eval[bool](t, ctx, `(document.querySelector(".offline-prompt button.primary").click(), true)`)
	browsertest.WaitJS(t, ctx, `!window.__beforeUpdate && document.readyState === "complete" && document.body.textContent.includes(`+browsertest.JSString(offlineNewText)+`)`, "the reloaded page with the new text", 30*time.Second)
	if browsertest.Eval[bool](t, ctx, `!!document.querySelector(".offline-prompt")`) {
		t.Error("the prompt is still shown after the update")
	}
	got := browsertest.Eval[bool](t, ctx, `import(new URL("../assets/js/store.js", location.href).href).then((s) => { const r = s.getCard(`+browsertest.JSString(cardID)+`); return !!r && r.stability === 12; })`)
	if !got {
		t.Error("the progress stored before the update is gone")
	}
	// The new build's worker fetched the list of cards the reader had
	// kept: offline, search finds the new text.
	srv.stop()
	offlineSearch(t, ctx, base, "family of services", base+cardURL)
	browsertest.NoErrors(t, errsExceptOffline(errs))
}

// errsExceptOffline drops the errors the browser logs by itself for the
// requests that fail while the server is stopped (the service worker's
// update check of sw.js), and for the https images the sample notes link
// to (the test machine may have no internet).
func errsExceptOffline(errs func() []string) func() []string {
	return func() []string {
		var keep []string
		for _, e := range errs() {
			if strings.Contains(e, "Failed to load resource") && !strings.Contains(e, "127.0.0.1") {
				continue
			}
			if strings.Contains(e, "sw.js") || strings.Contains(e, "ERR_CONNECTION_REFUSED") || strings.Contains(e, "Failed to fetch") {
				continue
			}
			keep = append(keep, e)
		}
		return keep
	}
}
