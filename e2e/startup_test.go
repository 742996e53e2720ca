package e2e

// Browser test of work a page's scripts leave out of its first screen:
// the first Intl.DateTimeFormat a page makes loads the locale's data
// (tens of milliseconds, a long task on a phone), so date formats are
// made when a date is first shown (dom.js lazyDateFormat), and a page
// showing none makes none.

import (
	"testing"
)

func TestNoDateFormatAtStartup(t *testing.T) {
	count := `(() => {
  const D = Intl.DateTimeFormat;
  let n = 0;
  Intl.DateTimeFormat = new Proxy(D, { construct(target, args) { n++; return new D(...args); }, apply(target, that, args) { n++; return D(...args); } });
  Object.defineProperty(window, "__dateFormats", { get: () => n });
})();`
	p := studyOpen(t, 390, 844, false, count)
	for _, page := range []struct{ path, ready string }{
		{"decks/" + syntaxDeck + ".html#quiz", `document.body.classList.contains("is-studying")`},
		{"decks/" + syntaxDeck + ".html", deckReady},
		{"index.html", `document.querySelector(".deck-list[data-ready]")`},
	} {
		p.open(page.path, page.ready)
		if n := int(p.num(`window.__dateFormats`)); n != 0 {
			t.Errorf("%s made %d date formats before showing a date", page.path, n)
		}
	}
	// A date shown is formatted, once per format.
	got := p.str(`import(new URL("assets/js/dom.js", new URL(document.body.dataset.root, location.href)).href).then((m) => m.formatDate(Date.UTC(2025, 2, 12), Date.UTC(2025, 0, 1)) + " " + m.formatDate(Date.UTC(2025, 2, 13), Date.UTC(2025, 0, 1)) + " " + window.__dateFormats)`)
	if got != "Mar 12 Mar 13 1" {
		t.Errorf("formatDate twice: %q, want \"Mar 12 Mar 13 1\" (one format made)", got)
	}
	p.noErrors()
}
