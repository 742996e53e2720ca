// Package browsertest runs tests in a real headless Chromium with chromedp.
//
// Skip rule: [Chrome] looks for a browser binary in the FLIPDECK_CHROMIUM
// environment variable and then for chromium, chromium-browser and
// google-chrome on PATH. When none is found the test is skipped, so that
// `go test ./...` passes on a machine without a browser. When the
// environment variable FLIPDECK_REQUIRE_BROWSER is set to a non-empty value
// (as in CI, or `FLIPDECK_REQUIRE_BROWSER=1 go test ./e2e/`), a missing
// browser, or one that fails to start, fails the test instead.
//
// Every browser runs headless with a fresh temporary profile and the flags
// needed to run as root in a container (--no-sandbox, --disable-gpu, ...);
// it is stopped and its profile removed when the test ends.
//
// [Serve] serves a directory over HTTP on 127.0.0.1, [Screenshot] saves a
// full-page PNG for humans to look at, and [WatchErrors] collects console
// errors and uncaught exceptions of the page so a test can fail on them.
// [Click] and [Tap] press on an element as a reader would, at the point
// [Center] finds once the page holds still.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns a missing browser from a
// skip into a failure.
const RequireEnv = "FLIPDECK_REQUIRE_BROWSER"

// BrowserEnv is the environment variable that names the browser binary.
const BrowserEnv = "FLIPDECK_CHROMIUM"

// startTimeout bounds the browser start and the first viewport setup.
const startTimeout = 60 * time.Second

// FindBrowser returns the path of the Chromium binary to use, or "" when none
// is found: $FLIPDECK_CHROMIUM if set, else chromium, chromium-browser or
// google-chrome on PATH.
func FindBrowser() string {
	if p := os.Getenv(BrowserEnv); p != "" {
		if lp, err := exec.LookPath(p); err == nil {
			return lp
		}
		return ""
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// unavailable skips t, or fails it when RequireEnv is set.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv(RequireEnv) != "" {
		t.Fatalf("browsertest: %s (%s is set)", msg, RequireEnv)
	}
	t.Skipf("browsertest: %s (set %s=1 to fail instead)", msg, RequireEnv)
}

// Chrome starts a headless Chromium for t and returns a chromedp context on
// one tab with a width×height viewport. The browser is stopped and its
// temporary profile removed on t.Cleanup. Chrome skips t when no browser is
// found, or fails it when FLIPDECK_REQUIRE_BROWSER is set (see the package
// doc).
func Chrome(t testing.TB, width, height int) context.Context {
	t.Helper()
	bin := FindBrowser()
	if bin == "" {
		if p := os.Getenv(BrowserEnv); p != "" {
			unavailable(t, "%s=%q is not an executable", BrowserEnv, p)
		}
		unavailable(t, "no Chromium found (chromium, chromium-browser, google-chrome on PATH, or %s)", BrowserEnv)
	}

	profile, err := os.MkdirTemp("", "flipdeck-chromium-")
	if err != nil {
		t.Fatalf("browsertest: profile dir: %v", err)
	}

	var out strings.Builder
	var outMu sync.Mutex
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
		chromedp.CombinedOutput(writerFunc(func(p []byte) (int, error) {
			outMu.Lock()
			defer outMu.Unlock()
			if out.Len() < 64<<10 {
				out.Write(p)
			}
			return len(p), nil
		})),
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		// Close the browser gracefully, bounded; then make sure it is gone.
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		_ = chromedp.Cancel(cctx)
		ccancel()
		cancel()
		allocCancel()
		_ = removeAllRetry(profile)
	})

	// Start the browser now, so that a broken browser fails here with its
	// output, and set the viewport. The first action must run on ctx itself
	// (the browser lives as long as the context of the first action), so the
	// start is bounded by a timer that cancels ctx.
	timer := time.AfterFunc(startTimeout, cancel)
	err = chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height)))
	timer.Stop()
	if err != nil {
		outMu.Lock()
		log := out.String()
		outMu.Unlock()
		unavailable(t, "starting %s: %v\nbrowser output:\n%s", bin, err, log)
	}
	return ctx
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func removeAllRetry(dir string) error {
	var err error
	for range 50 {
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}

// Serve serves the directory dir over HTTP on 127.0.0.1 (random port) under
// the URL path prefix (for example "/" or "/repo/"), and returns the base URL
// with the prefix and a trailing slash, e.g. "http://127.0.0.1:41234/repo/".
// The server is closed on t.Cleanup.
func Serve(t testing.TB, dir, prefix string) string {
	t.Helper()
	return ServeFS(t, http.Dir(dir), prefix)
}

// ServeFS is Serve for an http.FileSystem. Responses carry no-store cache
// headers so that a page always sees the files as they are.
func ServeFS(t testing.TB, fsys http.FileSystem, prefix string) string {
	t.Helper()
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	if prefix == "//" {
		prefix = "/"
	}
	files := http.FileServer(fsys)
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
			if strings.HasSuffix(r.URL.Path, ".js") || strings.HasSuffix(r.URL.Path, ".mjs") {
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			}
			files.ServeHTTP(w, r)
		})))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("browsertest: listen: %v", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			_ = srv.Close()
		}
	})
	return "http://" + ln.Addr().String() + prefix
}

// Screenshot saves a full-page PNG of the current page of ctx to path (for
// humans to look at), creating the parent directory. It fails t on error.
func Screenshot(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, fullPagePNG())
	if err != nil {
		t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("browsertest: screenshot: %v", err)
	}
	t.Logf("browsertest: screenshot saved to %s", path)
}

// fullPagePNG captures the whole scrollable page, not only the viewport.
func fullPagePNG() chromedp.Action[[]byte] {
	return func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, tg, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		params := page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			FromSurface:           ptr(true),
			CaptureBeyondViewport: ptr(true),
		}
		if cs := m.CSSContentSize; cs != nil && cs.Width > 0 && cs.Height > 0 {
			params.Clip = &page.Viewport{
				Width:  math.Ceil(cs.Width),
				Height: math.Ceil(cs.Height),
				Scale:  1,
			}
		}
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, params)
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

func ptr[T any](v T) *T { return &v }

// WatchErrors starts collecting the console errors (console.error and
// browser log entries of level error, such as failed module loads) and the
// uncaught exceptions and unhandled promise rejections of the tab of ctx
// (a 404 for /favicon.ico, which the browser requests on its own, is
// ignored).
// Call it before navigating. The returned func reports what has been
// collected so far, one line per message.
func WatchErrors(ctx context.Context) func() []string {
	var (
		mu   sync.Mutex
		errs []string
	)
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
					mu.Lock()
					errs = append(errs, "browsertest: console: "+err.Error())
					mu.Unlock()
				}
				return
			}
			if m.Type != chromedp.ConsoleError && !m.IsException() {
				continue
			}
			if strings.HasSuffix(m.URL, "/favicon.ico") {
				continue // the browser asks for it on its own
			}
			line := m.String()
			if m.URL != "" {
				line += fmt.Sprintf(" (%s:%d:%d)", m.URL, m.Line+1, m.Column+1)
			}
			mu.Lock()
			errs = append(errs, line)
			mu.Unlock()
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

// NoErrors fails t when the func from WatchErrors has collected anything.
// It waits briefly first, so that messages in flight arrive.
func NoErrors(t testing.TB, errs func() []string) {
	t.Helper()
	time.Sleep(100 * time.Millisecond)
	for _, e := range errs() {
		t.Errorf("browser error: %s", e)
	}
}

// Layers returns an http.FileSystem that opens a name in the first of fss
// that has it, e.g. a temporary directory with a test page over the repo's
// assets/ folder.
func Layers(fss ...http.FileSystem) http.FileSystem { return layers(fss) }

type layers []http.FileSystem

func (l layers) Open(name string) (http.File, error) {
	var first error
	for _, fs := range l {
		f, err := fs.Open(name)
		if err == nil {
			return f, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		first = os.ErrNotExist
	}
	return nil, first
}
