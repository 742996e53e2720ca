package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Center scrolls the element that sel selects to the middle of the
// viewport (or as near as the page allows) and returns the viewport
// coordinates of its centre, after checking that the element (or something
// inside it) is what a pointer there would hit. It fails t otherwise.
//
// The page may still be moving when the scroll returns: in the quiz, a
// grade button's page was seen to scroll again a few milliseconds after
// its box was read, and the click landed beside it (chromedp.Click reads
// the box at once, and missed the same way). So Center measures only once
// the centre has held still over a frame, and scrolls again now and then
// in case a scroll the page asked for lands after its own. It awaits the
// frames with requestAnimationFrame, so the page must have scripts on.
// An element not there yet is waited for a moment (60 frames): a screen
// whose module loads on use (the quiz's practice, test and settings)
// shows once it has loaded.
func Center(t testing.TB, ctx context.Context, sel string) (x, y float64) {
	t.Helper()
	pt := Eval[[]float64](t, ctx, `(async () => {
  let el = document.querySelector(`+JSString(sel)+`);
  for (let frame = 0; !el && frame < 60; frame++) {
    await new Promise(requestAnimationFrame);
    el = document.querySelector(`+JSString(sel)+`);
  }
  if (!el) throw new Error("no element " + `+JSString(sel)+`);
  let last = null, covered = "";
  for (let frame = 0; frame < 60; frame++) {
    if (frame % 15 === 0) el.scrollIntoView({block: "center", behavior: "instant"});
    await new Promise(requestAnimationFrame);
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const still = last && last[0] === x && last[1] === y;
    last = [x, y];
    if (!still) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit && (el === hit || el.contains(hit))) return last;
    covered = hit ? hit.outerHTML.slice(0, 80) : "nothing: it is off the screen";
  }
  throw new Error("the centre of " + `+JSString(sel)+` + " did not come to rest uncovered; last covered by " + (covered || "nothing: it never held still"));
})()`)
	return pt[0], pt[1]
}

// Click clicks the mouse on the centre of the element that sel selects
// (see Center) as a reader would.
func Click(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	x, y := Center(t, ctx, sel)
	pointer(t, ctx, "click "+sel, chromedp.MouseClickXY(x, y))
}

// Tap touches the centre of the element that sel selects (see Center) as
// a finger would; the tab needs touch emulation on.
func Tap(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	x, y := Center(t, ctx, sel)
	pointer(t, ctx, "tap "+sel, chromedp.TapXY(x, y))
}

func pointer(t testing.TB, ctx context.Context, what string, action chromedp.Action[chromedp.Void]) {
	t.Helper()
	actx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(actx, action); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
