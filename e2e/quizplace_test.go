package e2e

// Browser tests of the quiz in place (assets/js/quizplace.js,
// quizstart.js): a deck's quiz runs on its own deck page at #quiz, the
// review of every deck on index.html#quiz; there are no quiz pages.
//
// What these tests guard, each as a reader meets it:
//
//   - Start quiz opens the quiz on the page (a history entry of its own),
//     Back closes it and gives the page back as it was (scrolled where it
//     was, focus on Start quiz), and keys do nothing to a closed quiz;
//     opened again it starts a new review; the quiz's own links to the
//     page (Back to the deck, Read the deck) close it in place, without
//     loading the page again (TestQuizInPlaceOpensAndCloses).
//   - The quiz reads a deck's own cards from the live page, which deck.js
//     has already rebuilt into flip cards: they must be the cards the page
//     holds as written, to the last character of every answer
//     (TestQuizInPlaceReadsLivePage).
//   - A parent deck's quiz asks its subdecks' cards too, fetched from
//     their pages (TestQuizInPlaceParentDeck).
//   - "See it in the deck" closes the quiz and shows the card, turned to
//     its answer (TestQuizInPlaceSeeInDeck).
//   - The review of every deck opens and closes on the index the same
//     way, its "All decks" link closing it in place
//     (TestQuizInPlaceIndex).
//
// Helper names start with "qp" so that they cannot clash with the other
// files of the package.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// qpOpenQuiz is true once the quiz on the page is open and shows a card
// (or another screen) rather than loading.
const qpOpenQuiz = `location.hash === "#quiz" && document.body.classList.contains("quiz-open") && (` + studyQuizReady + `)`

// qpClosed is true once the quiz on the page is closed.
const qpClosed = `!document.body.classList.contains("quiz-open")`

// qpTapHere taps the element sel where it is on screen now. p.tap (and
// p.click) first scroll the element to the middle of the screen: that
// would move the page before the tap, and the scroll position the quiz
// must give back when it closes would always be the top of the page.
// This taps without scrolling and fails unless the element's centre is
// on screen and nothing covers it.
func qpTapHere(p *studyPage, sel string) {
	p.t.Helper()
	pt := browsertest.Eval[[]float64](p.t, p.ctx, `(() => {
  const el = document.querySelector(`+browsertest.JSString(sel)+`);
  if (!el) throw new Error("no element " + `+browsertest.JSString(sel)+`);
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (y < 0 || y >= innerHeight || x < 0 || x >= innerWidth) throw new Error(`+browsertest.JSString(sel)+` + " is off the screen at " + x + "," + y);
  const hit = document.elementFromPoint(x, y);
  if (!hit || !(el === hit || el.contains(hit))) throw new Error(`+browsertest.JSString(sel)+` + " is covered by " + (hit ? hit.outerHTML.slice(0, 80) : "nothing"));
  return [x, y];
})()`)
	p.do(chromedp.TapXY(pt[0], pt[1]))
}

// qpBack goes one entry back in the tab's history as the browser's Back
// button does (a traversal the browser starts, not the page's
// history.back()). chromedp.NavigateBack would wait for a load event,
// which a move within the same document never fires.
func qpBack(p *studyPage) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		h, err := cdp.Call(ctx, tg, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		if h.CurrentIndex <= 0 {
			p.t.Fatalf("no history entry to go back to (%d entries)", len(h.Entries))
		}
		_, err = cdp.Call(ctx, tg, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: h.Entries[h.CurrentIndex-1].ID})
		return err
	}))
}

// qpShown counts the elements sel selects that draw a box (not
// display:none, nor inside something that is) and how many it selects.
func qpShown(p *studyPage, sel string) (shown, all int) {
	p.t.Helper()
	r := browsertest.Eval[[]int](p.t, p.ctx, `(() => { const l = [...document.querySelectorAll(`+browsertest.JSString(sel)+`)]; return [l.filter((e) => e.getClientRects().length > 0).length, l.length]; })()`)
	return r[0], r[1]
}

// qpStore is everything the site keeps in localStorage, as one string:
// any review recorded, star set or setting changed shows as a change.
func qpStore(p *studyPage) string {
	p.t.Helper()
	return p.str(`JSON.stringify(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)]))`)
}

// qpPageIDs lists the card ids the deck page on screen holds, in page
// order (each flip card names the one or two cards it stands for).
func qpPageIDs(p *studyPage) []string {
	p.t.Helper()
	return browsertest.Eval[[]string](p.t, p.ctx, `[...document.querySelectorAll("#main [data-card-ids]")].flatMap((e) => e.dataset.cardIds.split(" ").filter(Boolean))`)
}

// qpWaitClose waits for the quiz to close, and fails naming where when it
// does not.
func qpWaitClose(p *studyPage, where string) {
	p.t.Helper()
	if !browsertest.TryWaitJS(p.ctx, qpClosed, 10*time.Second) {
		p.t.Fatalf("%s: the quiz did not close (hash %q)", where, p.str(`location.hash`))
	}
}

// TestQuizInPlaceOpensAndCloses: on a phone, Start quiz opens the
// Syntax deck's quiz on its page (the deck's contents hidden, every card
// of the page in the quiz), Back closes it and gives the page back as it
// was, keys do nothing to the closed quiz, opening it again starts a new
// review, and the quiz's links to the page close it in place, whether
// the quiz was opened from the page or the page was loaded at #quiz.
func TestQuizInPlaceOpensAndCloses(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	deck := "decks/" + syntaxDeck + ".html"
	p.open(deck, deckReady)
	pageIDs := qpPageIDs(p)
	if len(pageIDs) != 24 {
		t.Fatalf("the Syntax deck page holds %d card ids, want 24: %v", len(pageIDs), pageIDs)
	}
	// A reload would lose this: it tells that the page stayed the same
	// document all along.
	p.eval(`window.__marker = 1, true`)

	// scrollNear scrolls the page so that Start quiz sits off (pixels)
	// below the top of the screen, and returns where the page is now.
	scrollNear := func(off int) float64 {
		t.Helper()
		return p.num(`(() => {
  const a = document.querySelector(".start-quiz");
  scrollTo(0, Math.max(0, a.getBoundingClientRect().top + scrollY - ` + itoa64(int64(off)) + `));
  return scrollY;
})()`)
	}
	// The reader scrolled down a little, with Start quiz still in sight.
	y := scrollNear(8)
	if y < 100 {
		t.Fatalf("the page scrolled only to %v px: too little to tell a restored position from the top", y)
	}
	qpTapHere(p, ".start-quiz")
	p.wait(qpOpenQuiz + ` && document.querySelector("#quiz .quiz-card")`)

	// Open: the address says so, in an entry of its own; the quiz shows a
	// card and the deck's own content steps aside.
	if st := p.str(`JSON.stringify(history.state)`); st != `{"quiz":"in"}` {
		t.Errorf("the open quiz's history entry holds %s, want {\"quiz\":\"in\"} (Start quiz's own entry, marked as the quiz's)", st)
	}
	if n, _ := qpShown(p, "#quiz .quiz-card"); n != 1 {
		t.Errorf("%d quiz cards on screen, want 1", n)
	}
	for _, sel := range []string{"main article.note", ".toc", "main .card.flip", ".deck-actions"} {
		if n, all := qpShown(p, sel); all == 0 || n != 0 {
			t.Errorf("with the quiz open, %d of %d %q shown, want all hidden (and some on the page)", n, all, sel)
		}
	}
	if got := p.quizIDs(); !slices.Equal(got, pageIDs) {
		t.Errorf("the quiz holds %d cards %v, want the page's %d %v", len(got), got, len(pageIDs), pageIDs)
	}
	if p.num(`window.__marker || 0`) != 1 {
		t.Fatal("Start quiz loaded the page again")
	}
	if s := p.state(); s != "question" {
		t.Fatalf("the quiz opened on %q, want a question", s)
	}

	// Back: the quiz closes and the page is as it was.
	qpBack(p)
	qpWaitClose(p, "Back")
	if h := p.str(`location.hash`); h != "" {
		t.Errorf("after Back the address has %q, want no fragment", h)
	}
	if n, all := qpShown(p, "main article.note"); all == 0 || n != all {
		t.Errorf("after Back, %d of %d notes shown, want all", n, all)
	}
	if n, _ := qpShown(p, "#quiz"); n != 0 {
		t.Error("after Back the quiz's place still shows")
	}
	// The page closes the quiz and scrolls in one go, but the browser may
	// restore its own idea of the position just after: give it a moment.
	if !browsertest.TryWaitJS(p.ctx, `Math.abs(scrollY - `+qpJSNum(y)+`) <= 2`, 2*time.Second) {
		t.Errorf("after Back the page is at %v px, want %v (where it was when Start quiz was tapped)", p.num(`scrollY`), y)
	}
	if !p.eval(`document.activeElement === document.querySelector(".start-quiz")`).(bool) {
		t.Errorf("after Back the focus is on %s, want Start quiz", p.str(`document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : "nothing"`))
	}
	if p.num(`window.__marker || 0`) != 1 {
		t.Fatal("Back loaded the page again")
	}

	// The closed quiz still listens to keys (it stays built): Space would
	// show the answer and 3 grade the card Good, were it not closed. The
	// keys go to the page, not to Start quiz (the quiz leaves keys on a
	// link to the link): a reader who has tapped the text since.
	p.eval(`document.activeElement.blur(), true`)
	before := qpStore(p)
	p.key(" ")
	p.key("3")
	time.Sleep(300 * time.Millisecond) // a grade would be stored at once; give it time to show
	if after := qpStore(p); after != before {
		t.Errorf("Space and 3 with the quiz closed changed the store:\n before %s\n after  %s", before, after)
	}
	if s, a := p.state(), p.num(`document.getElementById("quiz").quiz.session.answers`); s != "question" || a != 0 {
		t.Errorf("Space and 3 with the quiz closed: the quiz is at %q with %v answers, want the question and no answer", s, a)
	}
	if p.eval(`document.body.classList.contains("quiz-open")`).(bool) {
		t.Error("a key opened the quiz")
	}

	// Open again, then leave by each of the quiz's links to this page
	// (and, last, from the page loaded at #quiz, with no entry of the
	// quiz's own to go back over).
	backToDeck := `.quiz-end-actions a.button:not(.next-deck)`
	readTheDeck := `.study-menu-links a[href="../` + deck + `"]`
	for _, c := range []struct {
		name   string
		atQuiz bool   // load the page at #quiz rather than tap Start quiz
		off    int    // where Start quiz sits when tapped (see scrollNear)
		leave  func() // the reader's way out of the open quiz
	}{
		{"Back to the deck, in the summary", false, 300, func() {
			p.tap(".study-end")
			p.wait(`document.getElementById("quiz").dataset.state === "done"`)
			if txt := p.str(`document.querySelector(` + browsertest.JSString(backToDeck) + `).textContent`); txt != "Back to the deck" {
				t.Errorf("the summary's link back reads %q", txt)
			}
			p.tap(backToDeck)
		}},
		{"Read the deck, in the menu", false, 200, func() {
			p.openMenu(true)
			p.tap(readTheDeck)
		}},
		{"Back to the deck, in the summary of a page loaded at #quiz", true, 0, func() {
			// With the settings open below the summary, the quiz's screen
			// is longer than the phone's and the link is tapped scrolled
			// down. With no history entry to go back to, the browser
			// restores no position: the deck page must still show from its
			// top, where it was when the quiz opened.
			p.tap(".study-end")
			p.wait(`document.getElementById("quiz").dataset.state === "done"`)
			p.tap(".quiz-settings-btn")
			p.wait(`!document.getElementById("quiz-settings").hidden`)
			p.eval(`document.addEventListener("click", () => { window.__tapY = scrollY; }, { capture: true, once: true }), true`)
			p.tap(backToDeck)
			if y := p.num(`window.__tapY`); y < 50 {
				t.Errorf("the link was tapped with the quiz's screen at %v px: too little to tell whether leaving restores the page's position", y)
			}
		}},
	} {
		var y float64
		if c.atQuiz {
			p.quiz(syntaxDeck)
			p.eval(`window.__marker = 1, true`)
		} else {
			p.eval(`window.__s1 = document.getElementById("quiz").quiz.session, true`)
			y = scrollNear(c.off)
			qpTapHere(p, ".start-quiz")
		}
		p.wait(qpOpenQuiz + ` && document.getElementById("quiz").dataset.state === "question"`)
		if !c.atQuiz && p.eval(`document.getElementById("quiz").quiz.session === window.__s1`).(bool) {
			t.Errorf("%s: opened again, the quiz shows the session it had, want a new review", c.name)
		}
		if n, _ := qpShown(p, "#quiz .quiz-card"); n != 1 {
			t.Errorf("%s: opened again, %d cards shown, want 1", c.name, n)
		}
		entries := p.num(`history.length`)
		c.leave()
		qpWaitClose(p, c.name)
		if p.num(`window.__marker || 0`) != 1 {
			t.Fatalf("%s: the link loaded the page again, want the quiz closed in place", c.name)
		}
		if h, st := p.str(`location.hash`), p.str(`JSON.stringify(history.state)`); h != "" || strings.Contains(st, "quiz") {
			t.Errorf("%s: the address has %q and its entry %s, want no fragment and no quiz state", c.name, h, st)
		}
		if c.atQuiz && p.num(`history.length`) != entries {
			t.Errorf("%s: leaving added history entries (%v → %v), want the page to take the quiz's entry", c.name, entries, p.num(`history.length`))
		}
		if n, all := qpShown(p, "main article.note"); all == 0 || n != all {
			t.Errorf("%s: %d of %d notes shown, want all", c.name, n, all)
		}
		if !browsertest.TryWaitJS(p.ctx, `Math.abs(scrollY - `+qpJSNum(y)+`) <= 2`, 2*time.Second) {
			t.Errorf("%s: the page is at %v px, want %v", c.name, p.num(`scrollY`), y)
		}
	}
	p.noErrors()
}

// qpJSNum writes a float as a JavaScript number.
func qpJSNum(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// qpCardFields are the fields of a card (pagecards.js) the quiz shows or
// keys on.
const qpCardFields = `["id", "kind", "q", "a", "pair", "sib", "cloze", "ctx", "tags", "deck", "deckUrl"]`

// qpCardsJS reads, on the deck page on screen, its cards three ways, each
// as a list of [field, value] lists (qpCardFields): from the live page
// (deck.js has rebuilt every details.card into a div.card.flip, and
// wrapped the tables), as the quiz holds them (its own cards: those
// whose deckUrl is this page), and from the page as written (fetched and
// parsed, with pagecards.js, in a document of its own). The one change
// the live page makes on purpose is undone first: deck.js puts each
// table in a scrolling div.table-wrap, which the quiz does too when it
// shows an answer (quiz-card.js), so the quiz shows the same either way;
// wrapped counts them.
const qpCardsJS = `(async () => {
  const root = document.body.dataset.root || "";
  const m = await import(new URL(root + "assets/js/pagecards.js", location.href).href);
  const base = new URL(root || "./", location.href).pathname;
  const url = decodeURI(location.pathname.slice(base.length));
  const fields = ` + qpCardFields + `;
  let wrapped = 0;
  const unwrap = (html) => {
    if (typeof html !== "string" || !html.includes("table-wrap")) return html;
    const t = document.createElement("template");
    t.innerHTML = html;
    for (const w of t.content.querySelectorAll("div.table-wrap")) {
      if (w.children.length === 1 && w.firstElementChild.tagName === "TABLE") {
        w.replaceWith(w.firstElementChild);
        wrapped++;
      }
    }
    return t.innerHTML;
  };
  const rows = (cards, norm) => cards.map((c) => fields.map((f) => [f, norm && (f === "a" || f === "q") ? unwrap(c[f]) : (c[f] === undefined ? null : c[f])]));
  const live = rows(m.pageCards(document.getElementById("main"), url), true);
  const res = await fetch(location.pathname);
  const doc = new DOMParser().parseFromString(await res.text(), "text/html");
  const written = rows(m.pageCards(doc.getElementById("main"), url), false);
  const q = document.getElementById("quiz").quiz;
  const quiz = q ? rows(q.cards.filter((c) => (c.deckUrl || "").startsWith(url + "#")), true) : null;
  return JSON.stringify({ url, live, written, quiz, wrapped, flips: document.querySelectorAll("#main div.card.flip").length, details: document.querySelectorAll("#main details.card").length });
})()`

// TestQuizInPlaceReadsLivePage: on every deck page of the sample that
// has a quiz, the cards the quiz reads from the live page (flip cards,
// rebuilt by deck.js) are those of the page as written, field by field,
// the answers' HTML included: what the quiz asks and shows is what the
// deck says.
func TestQuizInPlaceReadsLivePage(t *testing.T) {
	out := studyBuild(t, "../content")
	decks := readDecks(t, out)
	var slugs []string
	for slug, d := range decks {
		raw, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(d.URL)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), `<section id="quiz"`) {
			slugs = append(slugs, slug)
		}
	}
	slices.Sort(slugs)
	if len(slugs) != len(decks) {
		t.Errorf("%d of %d deck pages have a quiz, want every one (each deck of the sample has cards)", len(slugs), len(decks))
	}
	p := studyOpenDir(t, out, 390, 844, false, "")
	total := 0
	for _, slug := range slugs {
		t.Run(slug, func(t *testing.T) {
			sp := *p // the same tab, failing this subtest
			sp.t = t
			// The page is ready once deck.js has rebuilt its cards and
			// drawn their states, or (a page without cards of its own,
			// which has subdecks) its subdecks' rows.
			sp.open(decks[slug].URL, `!document.querySelector("#main details.card") && (document.querySelector(".card.flip .card-status[data-state]") || document.querySelector(".deck-list[data-ready]"))`)
			sp.click(".start-quiz")
			sp.wait(qpOpenQuiz)
			var got struct {
				URL                 string
				Live, Written, Quiz [][][2]any
				Wrapped             int
				Flips, Details      int
			}
			if err := json.Unmarshal([]byte(sp.str(qpCardsJS)), &got); err != nil {
				t.Fatal(err)
			}
			if got.URL != decks[slug].URL {
				t.Errorf("the page reads its URL as %q, want %q", got.URL, decks[slug].URL)
			}
			if got.Details != 0 || len(got.Live) < got.Flips {
				t.Errorf("%d details.card left, %d flip cards read as %d cards: the live page is not what the quiz expects", got.Details, got.Flips, len(got.Live))
			}
			if len(got.Written) != len(decks[slug].IDs) {
				t.Errorf("the page as written holds %d cards, data/decks.json %d", len(got.Written), len(decks[slug].IDs))
			}
			for _, c := range []struct {
				name  string
				cards [][][2]any
			}{{"the live page", got.Live}, {"the quiz", got.Quiz}} {
				if len(c.cards) != len(got.Written) {
					t.Errorf("%s: %d cards, the page as written %d", c.name, len(c.cards), len(got.Written))
					continue
				}
				for i := range c.cards {
					g, _ := json.Marshal(c.cards[i])
					w, _ := json.Marshal(got.Written[i])
					if string(g) != string(w) {
						t.Errorf("%s: card %d differs from the page as written:\n got  %s\n want %s", c.name, i, g, w)
					}
				}
			}
			if got.Wrapped > 0 {
				t.Logf("%d table wrappers (div.table-wrap, deck.js) left out of the live cards' HTML before comparing", got.Wrapped)
			}
			total += len(got.Written)
		})
	}
	if total != 36 {
		t.Errorf("the deck pages hold %d cards in all, want the sample's 36", total)
	}
	p.noErrors()
}

// TestQuizInPlaceParentDeck: the quiz of a deck with subdecks (every
// parent deck of the sample: Flipdeck Tour, and the AWS chain down to
// Kinesis) asks its own cards, then those of the subdecks' pages its
// data-pages lists, fetched: as many as data/decks.json gives the deck
// and its subdecks, each linking to the page that holds it.
func TestQuizInPlaceParentDeck(t *testing.T) {
	out := studyBuild(t, "../content")
	decks := readDecks(t, out)
	byURL := map[string]deckEntry{}
	for _, d := range decks {
		byURL[d.URL] = d
	}
	// below lists the pages of the decks under slug that hold cards, and
	// their cards, as data/decks.json gives them.
	var below func(slug string) (pages []string, ids []string)
	below = func(slug string) ([]string, []string) {
		var pages, ids []string
		for _, k := range decks[slug].Kids {
			if len(decks[k].IDs) > 0 {
				pages = append(pages, decks[k].URL)
				ids = append(ids, decks[k].IDs...)
			}
			kp, ki := below(k)
			pages, ids = append(pages, kp...), append(ids, ki...)
		}
		return pages, ids
	}
	var parents []string
	for slug, d := range decks {
		if len(d.Kids) > 0 {
			parents = append(parents, slug)
		}
	}
	slices.Sort(parents)
	if !slices.Contains(parents, tourDeck) {
		t.Fatalf("the sample's parent decks %v lack %s", parents, tourDeck)
	}
	p := studyOpenDir(t, out, 390, 844, false, "")
	for _, slug := range parents {
		t.Run(slug, func(t *testing.T) {
			sp := *p
			sp.t = t
			sp.quiz(slug)
			wantPages, subIDs := below(slug)
			pages := strings.Fields(sp.str(`document.getElementById("quiz").dataset.pages || ""`))
			if !slices.Equal(sortedCopy(pages), sortedCopy(wantPages)) {
				t.Errorf("data-pages %v, want the subdecks' pages with cards %v", pages, wantPages)
			}
			// The cards: the deck's own (on this page), then each listed
			// page's, in the order data-pages lists them.
			want := slices.Clone(decks[slug].IDs)
			for _, u := range pages {
				want = append(want, byURL[u].IDs...)
			}
			if n := len(decks[slug].IDs) + len(subIDs); len(want) != n {
				t.Errorf("data-pages brings %d cards, want own %d + subdecks' %d", len(want), len(decks[slug].IDs), len(subIDs))
			}
			var cards []struct {
				ID, DeckURL string
			}
			if err := json.Unmarshal([]byte(sp.str(`JSON.stringify(document.getElementById("quiz").quiz.cards.map((c) => ({id: c.id, deckUrl: c.deckUrl})))`)), &cards); err != nil {
				t.Fatal(err)
			}
			var ids []string
			pageOf := map[string]string{}
			for _, u := range append([]string{decks[slug].URL}, pages...) {
				for _, id := range byURL[u].IDs {
					pageOf[id] = u
				}
			}
			fromSub := 0
			for _, c := range cards {
				ids = append(ids, c.ID)
				page, _, _ := strings.Cut(c.DeckURL, "#")
				if page != pageOf[c.ID] {
					t.Errorf("card %s links to %q, want its page %q", c.ID, c.DeckURL, pageOf[c.ID])
				}
				if page != decks[slug].URL {
					fromSub++
				}
			}
			if !slices.Equal(ids, want) {
				t.Errorf("the quiz asks %d cards %v, want %d: the deck's own then its subdecks' %v", len(ids), ids, len(want), want)
			}
			if fromSub != len(subIDs) || fromSub == 0 {
				t.Errorf("%d of the quiz's cards come from the subdecks' pages, want %d", fromSub, len(subIDs))
			}
			// On screen: the first card links to the page it lives on.
			sp.wait(`document.getElementById("quiz").dataset.state === "question"`)
			id := sp.cardID()
			sp.key(" ")
			sp.wait(`document.getElementById("quiz").dataset.state === "answer"`)
			href := sp.str(`document.querySelector("#quiz .quiz-src a").getAttribute("href")`)
			if !strings.HasPrefix(href, "../"+pageOf[id]+"#card-") {
				t.Errorf("card %s on screen links to %q, want its page %s", id, href, pageOf[id])
			}
		})
	}
	p.noErrors()
}

// TestQuizInPlaceSeeInDeck: "See it in the deck" under a revealed answer
// closes the quiz and shows that card on the deck page, turned to its
// answer and on screen: on the same page without loading it again
// (whether the quiz was opened from the page or the page loaded at
// #quiz), or on a subdeck's page from a parent deck's quiz.
func TestQuizInPlaceSeeInDeck(t *testing.T) {
	out := studyBuild(t, "../content")
	decks := readDecks(t, out)
	p := studyOpenDir(t, out, 390, 844, true, "")
	// The card asked is the Syntax deck's last, far down its page: every
	// other card of the Tour is reviewed and not due, that one due. (The
	// first new card sits in the page's first screen, where it shows
	// whether or not the page scrolls to it.)
	syntax := decks[syntaxDeck].IDs
	last := syntax[len(syntax)-1]
	p.seedProgress(append(slices.Clone(decks[keyboardDeck].IDs), syntax...), []string{last})
	for _, c := range []struct {
		name string
		slug string
		tap  bool // open the quiz with Start quiz, not by loading the page at #quiz
		same bool // the card is on the quiz's own page
	}{
		{"opened with Start quiz", syntaxDeck, true, true},
		{"page loaded at #quiz", syntaxDeck, false, true},
		{"a parent deck's quiz, a subdeck's card", tourDeck, false, false},
	} {
		if c.tap {
			p.open("decks/"+c.slug+".html", deckReady)
			p.tap(".start-quiz")
			p.wait(qpOpenQuiz)
		} else {
			p.quiz(c.slug)
		}
		p.eval(`window.__marker = 1, true`)
		p.wait(`document.getElementById("quiz").dataset.state === "question"`)
		if id := p.cardID(); id != last {
			t.Fatalf("%s: the quiz asks %s first, want the one due, %s", c.name, id, last)
		}
		// Show answer, tapped as on a phone. Not Space: chromedp sends a
		// key as a keydown and a separate char event, and the browser
		// then fires keypress even though the quiz cancelled the keydown
		// (a real keyboard's would not), so Space's default page scroll
		// still runs and lands on the deck page once the quiz closes,
		// moving the card off its place.
		p.tap(".reveal")
		p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
		href := p.str(`document.querySelector("#quiz .quiz-src a").getAttribute("href")`)
		pagePath, frag, ok := strings.Cut(href, "#")
		if !ok || !strings.HasPrefix(frag, "card-") {
			t.Fatalf("%s: See it in the deck links to %q, want a card of a deck page", c.name, href)
		}
		p.tap("#quiz .quiz-src a")
		cardSel := `.card.flip[id=` + browsertest.JSString(frag) + `]`
		if !browsertest.TryWaitJS(p.ctx, `location.hash === `+browsertest.JSString("#"+frag)+` && `+qpClosed+` && document.querySelector(`+browsertest.JSString(cardSel+`[data-flipped="true"]`)+`)`, 10*time.Second) {
			t.Fatalf("%s: after See it in the deck (%s): hash %q, quiz open %v, the card's side %q; want the quiz closed and the card flipped", c.name, href,
				p.str(`location.hash`), p.eval(`document.body.classList.contains("quiz-open")`),
				p.str(`(document.querySelector(`+browsertest.JSString(cardSel)+`) || {dataset: {flipped: "no such card"}}).dataset.flipped`))
		}
		if wantPage := strings.TrimPrefix(pagePath, "../"); !strings.HasSuffix(p.str(`location.pathname`), "/"+wantPage) {
			t.Errorf("%s: on %s, want %s", c.name, p.str(`location.pathname`), wantPage)
		}
		if reloaded := p.num(`window.__marker || 0`) != 1; reloaded == c.same {
			t.Errorf("%s: the page was loaded again: %v, want %v", c.name, reloaded, !c.same)
		}
		// On screen: the card's answer side shows, and a tap in the middle
		// of what shows of the card lands on it.
		vis := p.str(`(() => {
  const card = document.querySelector(` + browsertest.JSString(cardSel) + `);
  const back = card.querySelector(":scope > .face-back");
  const r = card.getBoundingClientRect();
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  if (bottom - top < 20) return "off the screen: top " + r.top + ", bottom " + r.bottom + " of " + innerHeight;
  // deck.js scrolls the card to the top of the screen, unless the page
  // ends before.
  const end = document.documentElement.scrollHeight - innerHeight;
  if (Math.abs(r.top) > 2 && scrollY < end - 1) return "its top is at " + r.top + " px, not at the top of the screen (page at " + scrollY + " of " + end + ")";
  if (back.hidden || back.getClientRects().length === 0) return "its answer side is hidden";
  const hit = document.elementFromPoint(r.left + r.width / 2, (top + bottom) / 2);
  return hit && card.contains(hit) ? "" : "covered by " + (hit ? hit.outerHTML.slice(0, 80) : "nothing");
})()`)
		if vis != "" {
			t.Errorf("%s: the card %s is not on screen: %s", c.name, frag, vis)
		}
		if n, _ := qpShown(p, "#quiz"); n != 0 {
			t.Errorf("%s: the quiz's place still shows", c.name)
		}
	}
	p.noErrors()
}

// TestQuizInPlaceIndex: the review of every deck runs on the index, at
// index.html#quiz, as a deck's on its page: Study all opens it over every
// card of the site, Back closes it (focus on Study all), and the quiz's
// link to the index ("All decks", in the menu) closes it in place. The
// index is opened as a reader mostly finds it, at the site's folder URL
// (".../flip/", as a host serves a site's root; the test server sends
// index.html there too), while the quiz's links to it say "index.html".
func TestQuizInPlaceIndex(t *testing.T) {
	out := studyBuild(t, "../content")
	decks := readDecks(t, out)
	all := 0
	for _, d := range decks {
		all += len(d.IDs)
	}
	p := studyOpenDir(t, out, 390, 844, true, "")
	p.open("", indexReady)
	p.eval(`window.__marker = 1, true`)
	p.tap(".study-all")
	p.wait(qpOpenQuiz)
	if n := len(p.quizIDs()); n != all {
		t.Errorf("the review of every deck holds %d cards, want the site's %d", n, all)
	}
	if n, all := qpShown(p, ".deck-list"); all == 0 || n != 0 {
		t.Errorf("with the quiz open, %d of %d deck lists shown, want it hidden", n, all)
	}

	qpBack(p)
	qpWaitClose(p, "Back")
	if !p.eval(`document.activeElement === document.querySelector(".study-all")`).(bool) {
		t.Errorf("after Back the focus is on %s, want Study all", p.str(`document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : "nothing"`))
	}
	if n, all := qpShown(p, ".deck-list"); all == 0 || n != all {
		t.Errorf("after Back, %d of %d deck lists shown, want it back", n, all)
	}
	if p.num(`window.__marker || 0`) != 1 {
		t.Fatal("Back loaded the index again")
	}

	p.tap(".study-all")
	p.wait(qpOpenQuiz + ` && document.body.classList.contains("is-studying")`)
	link := `.study-menu-links a[href="index.html"]`
	if txt := p.str(`(document.querySelector(` + browsertest.JSString(link) + `) || {}).textContent || ""`); txt != "All decks" {
		t.Fatalf("the quiz's menu has no link All decks to index.html (%q)", txt)
	}
	p.openMenu(true)
	p.tap(link)
	qpWaitClose(p, "All decks")
	if p.num(`window.__marker || 0`) != 1 {
		t.Errorf("the quiz's All decks link loaded the index again (now at %s), want the quiz closed in place", p.str(`location.href`))
	}
	if h := p.str(`location.hash`); h != "" {
		t.Errorf("after All decks the address has %q, want no fragment", h)
	}
	p.noErrors()
}
