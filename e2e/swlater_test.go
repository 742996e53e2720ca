package e2e

// Browser test of when a page registers the service worker (offline.js):
// once the page has loaded and the main thread is idle, not while its
// scripts start (the worker's install fetches and stores the whole site,
// which would compete with drawing the first screen on a phone).

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

func TestWorkerRegisteredAfterLoad(t *testing.T) {
	ctx := browsertest.Chrome(t, 390, 844)
	errs := browsertest.WatchErrors(ctx)
	out := filepath.Join(t.TempDir(), "public")
	offlineBuild(t, "../content", out)
	srv := &offlineServer{t: t, dir: out}
	srv.start()
	t.Cleanup(srv.stop)
	// Note the page's state when it registers the worker.
	watch := `(() => {
  const C = window.ServiceWorkerContainer;
  if (!C) return;
  const reg = C.prototype.register;
  C.prototype.register = function (...args) {
    window.__registered = { state: document.readyState, loaded: performance.getEntriesByType("navigation").map((e) => e.loadEventEnd > 0)[0] || false };
    return reg.apply(this, args);
  };
})();`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		t.Fatalf("add script: %v", err)
	}
	for _, path := range []string{"decks/" + syntaxDeck + ".html#quiz", "index.html"} {
		offNavigate(t, ctx, srv.base()+path)
		browsertest.WaitJS(t, ctx, `window.__registered`, "the page to register the service worker", 20*time.Second)
		raw := browsertest.Eval[string](t, ctx, `JSON.stringify(window.__registered)`)
		var r struct {
			State  string
			Loaded bool
		}
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			t.Fatal(err)
		}
		if r.State != "complete" || !r.Loaded {
			t.Errorf("%s registered the service worker while loading (readyState %q, load event over: %v), want after the load event", path, r.State, r.Loaded)
		}
	}
	browsertest.WaitJS(t, ctx, `navigator.serviceWorker.controller`, "the service worker to control the page", 30*time.Second)
	browsertest.NoErrors(t, errs)
}
