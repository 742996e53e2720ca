package e2e

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/serve"
	"github.com/flipdeck/flipdeck/internal/site"
)

// TestServeReloadsAfterEdit runs the `gen -serve` preview on a copy of
// the sample vault, opens a deck page, edits the note on disk and waits
// for the open page to show the new text by itself: the watcher rebuilt
// the site and the live-reload script reloaded the page.
func TestServeReloadsAfterEdit(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	b := site.NewBuilder(site.Options{Src: src, Out: out, Title: "Preview"})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rebuilt := make(chan struct{}, 10)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve.Preview{Out: out, Src: src, Skip: []string{out}, Log: io.Discard, Listener: ln,
			Rebuild: func() error {
				_, err := b.Build()
				rebuilt <- struct{}{}
				return err
			}}.Run(ctx)
	}()
	t.Cleanup(func() {
		stop()
		<-done
	})

	bctx := browsertest.Chrome(t, 390, 844)
	errs := browsertest.WatchErrors(bctx)
	page := "http://" + ln.Addr().String() + "/decks/flipdeck-tour--keyboard.html"
	runCtx, cancel := context.WithTimeout(bctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(runCtx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	// Mark this document: after a reload the mark is gone.
	if _, err := chromedp.Run(runCtx, chromedp.Evaluate[bool](`window.__before = true`)); err != nil {
		t.Fatal(err)
	}
	note := filepath.Join(src, "Flipdeck Tour", "Keyboard.md")
	data, err := os.ReadFile(note)
	if err != nil {
		t.Fatal(err)
	}
	const added = "\n\nWhat does live preview show? #card\nThe edit you just saved.\n"
	if err := os.WriteFile(note, append(data, added...), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-rebuilt:
	case <-time.After(10 * time.Second):
		t.Fatal("no rebuild within 10 s of the edit")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		text, err := chromedp.Run(runCtx, chromedp.Evaluate[string](`window.__before ? "" : document.body.innerText`))
		if err == nil && strings.Contains(text, "What does live preview show?") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the open page did not reload to show the edit (last error %v)", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	built, err := os.ReadFile(filepath.Join(out, "decks", "flipdeck-tour--keyboard.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(built), "livereload") || strings.Contains(string(built), "__flipdeck") {
		t.Error("the live-reload script leaked into the built page")
	}
	browsertest.NoErrors(t, errs)
}
