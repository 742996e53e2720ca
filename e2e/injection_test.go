package e2e

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/site"
)

// Every payload calls pwn(), which does not exist: if any of them runs,
// the page throws "ReferenceError: pwn is not defined", which
// browsertest.WatchErrors sees. (No alert(): a dialog would block the tab.)
const p = `pwn()`

// injectionVault has attacks in questions, answers, deck names, file and
// folder names, tags, image names, frontmatter and the site title.
var injectionVault = map[string]string{
	// Deck names from frontmatter, frontmatter tags, heading and paragraph
	// questions, answers with raw HTML and Markdown links.
	"attacks.md": `---
cards-deck: "</script><script>` + p + `</script>::<img src=x onerror=` + p + `>::\" onmouseover=\"` + p + `"
tags: ['"><script>` + p + `</script>', "x' onfocus='` + p + `' autofocus='"]
aliases: ["{{template \"layout\" .}}"]
---
# <svg onload=` + p + `> title

## <img src=x onerror=` + p + `> heading question? #card #"onmouseover=` + p + `
<script>` + p + `</script>
<img src=x onerror="` + p + `">
<svg><script>` + p + `</script></svg>
<iframe srcdoc="<script>parent.` + p + `</script>"></iframe>
<a href="javascript:` + p + `">js link</a> <a href="JaVaScRiPt:` + p + `">mixed case</a>
<a href="&#106;avascript:` + p + `">entity</a>
<form action="javascript:` + p + `"><button>go</button></form>
<details open ontoggle="` + p + `">x</details>
<object data="javascript:` + p + `"></object>
<embed src="javascript:` + p + `">
<meta http-equiv="refresh" content="0;url=javascript:` + p + `">
<math><maction actiontype="statusline" xlink:href="javascript:` + p + `">m</maction></math>
<style>*{background:url("javascript:` + p + `")}</style>
<div style="background:url(javascript:` + p + `)">styled</div>
<base href="javascript:` + p + `//">

Question with </script><script>` + p + `</script> inside JSON data? #card
Answer </script><!--<script>` + p + `</script> and "quotes" and 'single' and ` + "`back${" + p + `}ticks` + "`" + `

Attribute breaker " onmouseover="` + p + `" x="? #card
' onmouseover='` + p + `' x=' and {{.SiteTitle}} {{template "layout" .}} {{` + p + `}}

[md js link](javascript:` + p + `) ![md js image](javascript:` + p + `) <javascript:` + p + `>
[title breaker](https://example.com "t\" onmouseover=\"` + p + `")
[[javascript:` + p + `]] [[Note" onmouseover="` + p + `|alias" onmouseover="` + p + `]]
![[x" onerror="` + p + `.png]] ![[pic.png|" onerror="` + p + `]] ![[pic.png|100" onerror="` + p + `]]
$\href{javascript:` + p + `}{math link}$ $\url{javascript:` + p + `}$

> [!note] <img src=x onerror=` + p + `> callout
> body <script>` + p + `</script>

` + "```" + `"><img src=x onerror=` + p + `>
code <script>` + p + `</script>
` + "```" + `

The {<img src=x onerror=` + p + `>} cloze {{c1::<script>` + p + `</script>}}.

Inline <b onmouseover=` + p + `>q</b> :: <i onclick=` + p + `>a</i>
`,
	// A file and a folder named as attacks; the folder is the deck.
	`<svg onload=` + p + `>/"><img src=x onerror=` + p + `>.md`: "Folder deck? #card\n![[x\" onerror=\"" + p + ".png]]\n",
	`x" onerror="` + p + `.png`:                                 "not an image",
	"pic.png":                                                   "not an image either",
}

// TestInjectionRunsNoScript builds the injection vault twice: with
// -unsafe-html, where some payload must run (proving that the detector
// sees a script run on these pages), and normally, where none may run on
// any page, even after opening every card and quiz answer.
func TestInjectionRunsNoScript(t *testing.T) {
	ctx := browsertest.Chrome(t, 1000, 800)
	src := writeVault(t, injectionVault)
	build := func(unsafe bool) string {
		out := filepath.Join(t.TempDir(), "public")
		res, err := site.Build(site.Options{Src: src, Out: out, UnsafeHTML: unsafe,
			Title: `</title><script>` + p + `</script>"'`, BaseURL: `javascript:` + p + `//`})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		if res.Cards < 5 {
			t.Fatalf("only %d cards built", res.Cards)
		}
		return out
	}

	// The detector works: the unsafe build runs a payload.
	unsafe := build(true)
	ran := scriptsRun(t, ctx, unsafe)
	if len(ran) == 0 {
		t.Fatal("the detector saw no payload run in the -unsafe-html build; it cannot be trusted")
	}
	t.Logf("control: %d payloads ran in the -unsafe-html build, e.g. %s", len(ran), ran[0])

	safe := build(false)
	ran = scriptsRun(t, ctx, safe)
	for _, r := range ran {
		t.Errorf("a payload ran: %s", r)
	}
}

// scriptsRun opens every HTML page of the site in dir, clicks every card,
// link, reveal and grade button, hovers and focuses every element, and
// returns the page errors that show pwn() was called.
func scriptsRun(t *testing.T, ctx context.Context, dir string) []string {
	t.Helper()
	base := browsertest.Serve(t, dir, "/site/")
	var pages []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".html") {
			rel, _ := filepath.Rel(dir, path)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(pages) < 4 {
		t.Fatalf("only %d pages: %v", len(pages), pages)
	}
	var ran []string
	for _, page := range pages {
		tctx, cancel := chromedp.NewContext(ctx) // a fresh tab per page
		errs := browsertest.WatchErrors(tctx)
		nctx, ncancel := context.WithTimeout(tctx, 30*time.Second)
		if err := chromedp.Do(nctx, chromedp.Navigate(base+pathEscape(page))); err != nil {
			t.Errorf("%s: navigate: %v", page, err)
		}
		if _, err := chromedp.Run(nctx, chromedp.Evaluate[bool](poke, chromedp.EvalAwaitPromise)); err != nil {
			t.Errorf("%s: %v", page, err)
		}
		time.Sleep(300 * time.Millisecond)
		for _, e := range errs() {
			switch {
			case strings.Contains(e, "pwn"):
				ran = append(ran, page+": "+e)
			case strings.Contains(e, "Uncaught") && strings.Contains(e, "JSON"):
				// The data broke the page's JSON (bad escaping).
				t.Errorf("%s: page script failed: %s", page, e)
			}
		}
		ncancel()
		cancel()
	}
	return ran
}

// writeVault writes files (slash path → text) into a new folder and
// returns it.
func writeVault(t *testing.T, files map[string]string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src")
	for name, data := range files {
		path := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

func pathEscape(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F", " ", "%20", `"`, "%22", "<", "%3C", ">", "%3E").Replace(s)
	}
	return strings.Join(parts, "/")
}

// poke interacts with the page: open every card, start the quiz and
// reveal and grade cards, click links, hover and focus everything.
const poke = `(async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  await sleep(200);
  for (const s of document.querySelectorAll("summary, details")) { try { s.click(); } catch (e) {} }
  for (let i = 0; i < 8; i++) {
    for (const sel of ['[data-action="practice"]', '[data-action="reveal"]', '[data-grade="3"]', '.grade']) {
      const b = document.querySelector(sel);
      if (b) { try { b.click(); } catch (e) {} await sleep(30); }
    }
  }
  for (const e of document.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "click", "focus", "toggle"]) {
      if (type === "click" && e.closest("a[href]:not([href^='javascript' i])")) continue; // stay on the page
      try { e.dispatchEvent(new Event(type, {bubbles: true})); } catch (err) {}
    }
  }
  for (const a of document.querySelectorAll("a[href^='javascript' i]")) { try { a.click(); } catch (e) {} }
  await sleep(200);
  return true;
})()`
