package browsertest

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
)

// stickyPage is a long page with buttons at its top, in a bar stuck to the
// bottom of the screen (like the quiz's grade buttons under a long answer),
// below that bar, and under an overlay.
const stickyPage = `<!doctype html>
<meta name="viewport" content="width=device-width">
<style>
  body { margin: 0; font: 16px sans-serif; }
  .bar { position: sticky; bottom: 0; background: #eee; padding: 8px; }
  .bar button { height: 60px; width: 40%; }
  #veil { position: fixed; inset: auto 0 0 auto; width: 120px; height: 120px; background: #000; }
</style>
<button id="top">Top</button>
<article>ARTICLE</article>
<div class="bar"><button id="a">A</button> <button id="b">B</button></div>
<p>After the bar.</p>
<button id="end">End</button>
<button id="under" style="position: fixed; right: 10px; bottom: 10px">Under</button>
<div id="veil"></div>
<script>
  window.clicks = [];
  for (const b of document.querySelectorAll("button")) b.addEventListener("click", () => clicks.push(b.id));
</script>`

// TestClick clicks each button from the top, the middle and the end of the
// page, and wants the page to see that button clicked, once.
func TestClick(t *testing.T) {
	long := strings.Repeat("<p>A long answer, taller than the screen.</p>", 80)
	// Served before the browser starts, so that the browser is closed first
	// and the server need not wait for its open connections.
	base := ServeFS(t, http.FS(fstest.MapFS{"index.html": {Data: []byte(strings.Replace(stickyPage, "ARTICLE", long, 1))}}), "/")
	ctx := Chrome(t, 390, 844)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{"0", "document.body.scrollHeight / 2", "document.body.scrollHeight"} {
		for _, id := range []string{"top", "a", "b", "end"} {
			Eval[bool](t, ctx, `(scrollTo(0, `+from+`), clicks.length = 0, true)`)
			Click(t, ctx, "#"+id)
			if got := Eval[[]string](t, ctx, `clicks`); len(got) != 1 || got[0] != id {
				t.Errorf("a click on #%s from scroll %s: the page saw clicks on %q", id, from, got)
			}
		}
	}
}

func TestCenterFailsOnCoveredElement(t *testing.T) {
	base := ServeFS(t, http.FS(fstest.MapFS{"index.html": {Data: []byte(strings.Replace(stickyPage, "ARTICLE", "", 1))}}), "/")
	ctx := Chrome(t, 390, 844)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]string{
		"#under":   `covered by <div id="veil">`,
		"#missing": "no element #missing",
	} {
		rec := &fatalRecorder{TB: t}
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			Center(rec, ctx, sel)
		}()
		wg.Wait()
		if !strings.Contains(rec.msg, want) {
			t.Errorf("Center(%q) failed with %q, want it to say %q", sel, rec.msg, want)
		}
	}
}

// fatalRecorder is a testing.TB whose Fatalf records the message and ends
// the goroutine, as a real test's would, without failing the real test.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
