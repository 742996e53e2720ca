package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/site"
)

// steal is what every hostile attachment runs when it gets the chance:
// it reads the reader's progress (here a stand-in, "secret") and leaves
// its mark in the site's localStorage.
const steal = `localStorage.setItem('pwned', (localStorage.getItem('secret') || '') + ' by ' + location.pathname)`

// attachmentVault links and embeds attachments that run steal when
// opened as a document: a web page, XML with XHTML script, and an SVG
// drawing with a script and an onload handler (also shown as an image).
var attachmentVault = map[string]string{
	"notes.md": "Attachments? #card\nBelow.\n\n" +
		"[[page.html]] and ![[page.html]] and [md link](page.html) and [[feed.xml]] " +
		"and ![[drawing.svg]] and [[drawing.svg]]\n",
	"page.html":   `<!doctype html><html><body><p>page</p><script>` + steal + `</script></body></html>`,
	"feed.xml":    `<?xml version="1.0"?><feed xmlns:h="http://www.w3.org/1999/xhtml"><h:script>` + steal + `</h:script></feed>`,
	"drawing.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="` + steal + `"><script>` + steal + `</script><rect width="40" height="40" fill="teal"/></svg>`,
}

// TestAttachmentsRunNoScript clicks every attachment link of a deck page,
// and opens every attachment by its address (as "open image in new tab"
// or a link someone sends would), in a browser; then it looks whether
// any script ran in the site's origin and read its localStorage. With
// -unsafe-html some must (the control: the check can see it); without,
// none may, and the SVG still shows as an image.
func TestAttachmentsRunNoScript(t *testing.T) {
	ctx := browsertest.Chrome(t, 1000, 800)
	src := writeVault(t, attachmentVault)
	build := func(unsafe bool) string {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(site.Options{Src: src, Out: out, UnsafeHTML: unsafe}); err != nil {
			t.Fatalf("build: %v", err)
		}
		return out
	}

	ran := attachmentScripts(t, ctx, build(true))
	if len(ran) == 0 {
		t.Fatal("no attachment script ran in the -unsafe-html build: the check cannot be trusted")
	}
	t.Logf("control: in the -unsafe-html build %s", strings.Join(ran, "; "))

	dir := build(false)
	for _, r := range attachmentScripts(t, ctx, dir) {
		t.Errorf("a script ran in the site's origin: %s", r)
	}
	// The drawing is still shown.
	tctx, cancel := chromedp.NewContext(ctx)
	defer cancel()
	base := browsertest.Serve(t, dir, "/site/")
	if err := chromedp.Do(tctx, chromedp.Navigate(base+"decks/default.html")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, tctx, `[...document.images].some(i => i.src.endsWith("drawing.svg") && i.complete && i.naturalWidth === 40)`,
		"the SVG drawing shown as an image", 10*time.Second)
}

// attachmentScripts serves the site in dir, and for each attachment link
// of its deck page, and each file under media/, clicks the link (or
// opens the file) in a fresh tab holding a secret in the site's
// localStorage; it returns the marks of scripts that ran.
func attachmentScripts(t *testing.T, ctx context.Context, dir string) []string {
	t.Helper()
	base := browsertest.Serve(t, dir, "/site/")
	var files []string
	entries, _ := os.ReadDir(filepath.Join(dir, "media"))
	for _, e := range entries {
		files = append(files, "media/"+e.Name())
	}
	if len(files) < 3 {
		t.Fatalf("only %v in media/", files)
	}
	type visit struct{ what, page, click string }
	var visits []visit
	for i := 0; i < 5; i++ { // the five links of notes.md
		visits = append(visits, visit{page: "decks/default.html", click: `document.querySelectorAll('a[href*="media/"]')[` + string(rune('0'+i)) + `]`})
	}
	for _, f := range files {
		visits = append(visits, visit{page: f})
	}
	var ran []string
	for _, v := range visits {
		tctx, cancel := chromedp.NewContext(ctx)
		nctx, ncancel := context.WithTimeout(tctx, 30*time.Second)
		err := chromedp.Do(nctx, chromedp.Navigate(base+"index.html"))
		if err == nil {
			_, err = chromedp.Run(nctx, chromedp.Evaluate[bool](`localStorage.removeItem('pwned'); localStorage.setItem('secret', 'progress'); true`))
		}
		if err == nil {
			err = chromedp.Do(nctx, chromedp.Navigate(base+v.page))
		}
		what := v.page
		if err == nil && v.click != "" {
			var href string
			href, err = chromedp.Run(nctx, chromedp.Evaluate[string](`(() => { const a = `+v.click+`; if (!a) throw new Error("no such link"); a.click(); return a.getAttribute("href") + (a.hasAttribute("download") ? " (download)" : ""); })()`))
			what = "clicking " + href + " on " + v.page
		}
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
		time.Sleep(500 * time.Millisecond) // let whatever opened run
		var mark string
		err = chromedp.Do(nctx, chromedp.Navigate(base+"index.html"))
		if err == nil {
			mark, err = chromedp.Run(nctx, chromedp.Evaluate[string](`localStorage.getItem('pwned') || ''`))
		}
		if err != nil {
			t.Errorf("%s: reading localStorage: %v", what, err)
		}
		if mark != "" {
			ran = append(ran, what+": "+mark)
		}
		ncancel()
		cancel()
	}
	return ran
}
