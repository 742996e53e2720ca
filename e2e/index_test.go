package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// Browser tests of the index as a "today" list of decks (compact rows,
// New / Learn / Due, chains merged, decks with cards due first, subdecks
// that fold away), of a deck page's contents and filter, of the search
// box's highlights and of tap target sizes, at 390x844 with touch.

const (
	tourDeck    = "flipdeck-tour"
	indexReady  = `document.querySelector(".deck-list[data-ready]")`
	deckReady   = `document.querySelector(".card.flip .card-status[data-state]")`
	progressKey = "flipdeck:/flip/:progress" // studyOpen serves the site under /flip/
)

// indexRow is one row of the deck list as the reader sees it.
type indexRow struct {
	Deck    string `json:"deck"`
	Name    string `json:"name"`
	Counts  string `json:"counts"` // "new,learn,due" from the data attributes
	Shown   string `json:"shown"`  // the three numbers on screen
	Visible bool   `json:"visible"`
	Href    string `json:"href"`
}

func (p *studyPage) indexRows() []indexRow {
	p.t.Helper()
	raw := p.str(`JSON.stringify([...document.querySelectorAll(".deck-list .deck-item")].map((li) => {
  const c = li.querySelector(":scope > .deck-row .deck-counts");
  const a = c.querySelector(".deck-study");
  return {
    deck: li.dataset.deck,
    name: li.querySelector(":scope > .deck-row .deck-name").textContent.replace(/\s+/g, " ").trim(),
    counts: [c.dataset.new, c.dataset.learn, c.dataset.due].join(","),
    shown: a ? [...a.querySelectorAll(".n")].map((n) => n.firstChild.textContent).join(",") : "",
    visible: li.getClientRects().length > 0,
    href: a ? a.getAttribute("href") : "",
  };
}))`)
	var rows []indexRow
	if err := json.Unmarshal([]byte(raw), &rows); err != nil {
		p.t.Fatal(err)
	}
	return rows
}

func rowOrder(rows []indexRow) string {
	var s []string
	for _, r := range rows {
		s = append(s, r.Deck)
	}
	return strings.Join(s, " ")
}

func rowBy(t *testing.T, rows []indexRow, deck string) indexRow {
	t.Helper()
	for _, r := range rows {
		if r.Deck == deck {
			return r
		}
	}
	t.Fatalf("no row for deck %s in %s", deck, rowOrder(rows))
	return indexRow{}
}

// deckIDs reads the card ids of each deck's own notes from the site's
// data/decks.json.
func (p *studyPage) deckIDs() map[string][]string {
	p.t.Helper()
	var list []struct {
		Slug string
		IDs  []string
	}
	raw := p.str(`fetch(new URL((document.body.dataset.root || "") + "data/decks.json", location.href)).then((r) => r.text())`)
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		p.t.Fatal(err)
	}
	own := map[string][]string{}
	for _, d := range list {
		own[d.Slug] = d.IDs
	}
	return own
}

// layoutShift sums the page's layout shifts so far (CLS without windows).
func (p *studyPage) layoutShift() float64 {
	p.t.Helper()
	return p.num(`new Promise((resolve) => {
  let sum = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) sum += e.value; }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(sum), 300);
})`)
}

func TestIndexTodayList(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	p.open("index.html", indexReady)
	// Filling in the counts moves nothing on the page.
	if cls := p.layoutShift(); cls > 0 {
		t.Errorf("the index shifted its layout by %.4f while loading", cls)
	}

	// A chain of decks holding one subdeck each is one row, named by the
	// whole chain; the decks of the chain have no rows of their own.
	rows := p.indexRows()
	if got, want := rowOrder(rows), kinesisSlug+" "+tourDeck+" "+keyboardDeck+" "+syntaxDeck; got != want {
		t.Errorf("rows %s, want %s", got, want)
	}
	if got := rowBy(t, rows, kinesisSlug).Name; got != "AWS Exams › Solutions Architect › Associate › AWS Kinesis" {
		t.Errorf("the Kinesis row is named %q, want the chain merged into it", got)
	}
	// A fresh reader: new cards only, at most 20 a day (the default limit)
	// over a deck and its subdecks.
	for deck, want := range map[string]string{kinesisSlug: "7,0,0", tourDeck: "20,0,0", keyboardDeck: "5,0,0", syntaxDeck: "20,0,0"} {
		if r := rowBy(t, rows, deck); r.Counts != want || r.Shown != want || r.Href != "decks/"+deck+".html#quiz" {
			t.Errorf("row %s: counts %s, shown %s, link %q; want %s to decks/%s.html#quiz", deck, r.Counts, r.Shown, r.Href, want, deck)
		}
	}
	// The numbers stand in columns, under their headings, at every depth.
	cols := p.str(`JSON.stringify([".n-new", ".n-learn", ".n-due"].map((k, i) => [
  document.querySelectorAll(".deck-cols .n")[i].getBoundingClientRect().right,
  ...[...document.querySelectorAll(".deck-study " + k)].map((n) => n.getBoundingClientRect().right)].map(Math.round)))`)
	var rights [][]int
	if err := json.Unmarshal([]byte(cols), &rights); err != nil {
		t.Fatal(err)
	}
	for i, col := range rights {
		if len(col) != 5 {
			t.Fatalf("column %d: %v, want a heading and 4 rows", i, col)
		}
		for _, x := range col {
			if x != col[0] {
				t.Errorf("column %d is not aligned: right edges %v", i, col)
				break
			}
		}
	}

	// Progress: the Kinesis cards all learned and not due; in Syntax one
	// review card due and one relearning card due; reviews over three days.
	ids := p.deckIDs()
	day := studyDay
	cards := map[string]any{}
	for _, id := range ids[kinesisSlug] {
		cards[id] = map[string]any{"state": "review", "stability": 5, "difficulty": 5, "due": studyT0 + 5*day, "lastReview": studyT0 - day, "reps": 1, "lapses": 0, "scheduledDays": 6}
	}
	syn := ids[syntaxDeck]
	cards[syn[0]] = map[string]any{"state": "review", "stability": 5, "difficulty": 5, "due": studyT0 - day, "lastReview": studyT0 - 6*day, "reps": 1, "lapses": 0, "scheduledDays": 5}
	cards[syn[1]] = map[string]any{"state": "relearning", "stability": 1, "difficulty": 7, "due": studyT0 - 60000, "lastReview": studyT0 - day, "reps": 2, "lapses": 1, "scheduledDays": 1}
	kin := ids[kinesisSlug]
	logEntry := func(id string, at int64, state string) map[string]any {
		return map[string]any{"id": id, "grade": 3, "at": at, "state": state, "r": nil, "ivl": 1, "el": 0}
	}
	data := map[string]any{"schema": 2, "cards": cards, "stars": map[string]any{}, "logDropped": 0, "tests": map[string]any{},
		"log": []any{
			logEntry(kin[0], studyT0-2*day, "new"),
			logEntry(kin[1], studyT0-day-3600000, "new"),
			logEntry(kin[2], studyT0-3600000, "review"),
			logEntry(kin[3], studyT0-1800000, "new"),
		}}
	b, _ := json.Marshal(data)
	p.eval(`localStorage.setItem("` + progressKey + `", ` + browsertest.JSString(string(b)) + `), true`)
	p.open("index.html", indexReady)

	if cls := p.layoutShift(); cls > 0 {
		t.Logf("the index with progress shifted its layout by %.4f while loading", cls)
	}
	// Decks with cards due first, then decks with new cards, then the rest,
	// at every level; the row's numbers are today's.
	rows = p.indexRows()
	if got, want := rowOrder(rows), tourDeck+" "+syntaxDeck+" "+keyboardDeck+" "+kinesisSlug; got != want {
		t.Errorf("rows with progress: %s, want %s (due first, then new, then nothing to do)", got, want)
	}
	// Syntax: 22 cards not studied, three of them the second side of a
	// reversed pair (they wait for another day): 19 new.
	for deck, want := range map[string]string{kinesisSlug: "0,0,0", tourDeck: "20,1,1", keyboardDeck: "5,0,0", syntaxDeck: "19,1,1"} {
		if r := rowBy(t, rows, deck); r.Counts != want || r.Shown != want {
			t.Errorf("row %s with progress: counts %s, shown %s, want %s", deck, r.Counts, r.Shown, want)
		}
	}
	if n := p.num(`document.querySelectorAll('.deck-item[data-deck="` + kinesisSlug + `"] .n.zero').length`); n != 3 {
		t.Errorf("%v of the Kinesis row's zeros are dimmed, want 3", n)
	}
	if got := p.str(`document.getElementById("today").textContent`); got != "Today: 2 reviews (1 new) · 3 days in a row." {
		t.Errorf("today line %q", got)
	}
	// Studying everything: one card was new today, so 19 more of the 20.
	if got := p.str(`(d => d.due + "," + d.new)(document.querySelector(".study-all-count").dataset)`); got != "2,19" {
		t.Errorf("study all: due,new = %s, want 2,19", got)
	}

	// Subdecks fold away under their deck's toggle, and stay folded.
	toggle := `.deck-item[data-deck="` + tourDeck + `"] > .deck-row .deck-toggle`
	p.tap(toggle)
	p.wait(`document.querySelector(` + browsertest.JSString(toggle) + `).getAttribute("aria-expanded") === "false"`)
	if rowBy(t, p.indexRows(), keyboardDeck).Visible || rowBy(t, p.indexRows(), syntaxDeck).Visible {
		t.Error("the subdecks still show after folding their deck")
	}
	p.open("index.html", indexReady)
	rows = p.indexRows()
	if rowBy(t, rows, keyboardDeck).Visible || p.str(`document.querySelector(`+browsertest.JSString(toggle)+`).getAttribute("aria-expanded")`) != "false" {
		t.Error("the folded deck opened again after a reload")
	}
	if r := rowBy(t, rows, tourDeck); r.Counts != "20,1,1" {
		t.Errorf("a folded deck's row counts %s, want its subdecks' 20,1,1", r.Counts)
	}
	p.tap(toggle)
	p.wait(`document.querySelector(` + browsertest.JSString(toggle) + `).getAttribute("aria-expanded") === "true"`)
	if !rowBy(t, p.indexRows(), syntaxDeck).Visible {
		t.Error("the subdecks do not show again after unfolding")
	}

	// The numbers are the way into the deck's study.
	p.tap(`.deck-item[data-deck="` + syntaxDeck + `"] .deck-study`)
	p.wait(`location.pathname.endsWith("/decks/` + syntaxDeck + `.html") && location.hash === "#quiz" && document.getElementById("quiz") && document.getElementById("quiz").dataset.state`)

	// A deck page lists its subdecks the same way.
	p.open("decks/"+tourDeck+".html", deckReady+` || document.querySelector(".deck-list[data-ready]")`)
	p.wait(indexReady)
	if got := p.str(`[...document.querySelectorAll(".deck-list .deck-item")].map((li) => li.dataset.deck + ":" + [...li.querySelectorAll(".n")].map((n) => n.firstChild.textContent).join(",")).join(" ")`); got != syntaxDeck+":19,1,1 "+keyboardDeck+":5,0,0" {
		t.Errorf("the Flipdeck Tour page's subdecks: %s", got)
	}
	p.noErrors()
}

// TestIndexWithoutJavaScript: the deck list is plain rows with card
// counts, every deck reachable; nothing that needs scripts shows.
func TestIndexWithoutJavaScript(t *testing.T) {
	p := studyOpen(t, 390, 844, false, "")
	setScripts(t, p.ctx, true)
	p.do(chromedp.Navigate(p.base + "index.html"))
	got := p.str(`[...document.querySelectorAll(".deck-item")].map((li) => {
  const r = li.querySelector(":scope > .deck-row");
  return r.querySelector(".deck-name").textContent.replace(/\s+/g, " ").trim() + " = " + r.querySelector(".deck-counts").textContent;
}).join("; ")`)
	if want := "AWS Exams › Solutions Architect › Associate › AWS Kinesis = 7 cards; Flipdeck Tour = 29 cards; Keyboard = 5 cards; Syntax = 24 cards"; got != want {
		t.Errorf("deck list without JavaScript:\n got %s\nwant %s", got, want)
	}
	hidden := p.str(`[".deck-cols", ".deck-toggle", ".search", "#today"].filter((s) => { const e = document.querySelector(s); return e && e.getClientRects().length > 0; }).join(" ")`)
	if hidden != "" {
		t.Errorf("without JavaScript these show but cannot work: %s", hidden)
	}
	if n := p.num(`[...document.querySelectorAll(".deck-item")].filter((li) => li.getClientRects().length > 0).length`); n != 4 {
		t.Errorf("%v rows shown without JavaScript, want all 4", n)
	}
	// The names stand in their column, indented by depth, with or without
	// a toggle before them.
	lefts := browsertest.Eval[[]float64](t, p.ctx, `[...document.querySelectorAll(".deck-row")].map((r) => Math.round(r.querySelector(".deck-name").getBoundingClientRect().left - r.closest(".deck-list").getBoundingClientRect().left))`)
	if len(lefts) != 4 || lefts[0] != lefts[1] || lefts[2] != lefts[3] || lefts[0] < 44 || lefts[2] <= lefts[0] {
		t.Errorf("deck names start at %v px in their rows without JavaScript, want the top decks' in line after the toggle column, subdecks' further in", lefts)
	}
	// The statistics page says it needs JavaScript, and what it would show,
	// instead of empty boxes.
	p.do(chromedp.Navigate(p.base + "stats.html"))
	text := p.str(`document.getElementById("main").innerText`)
	for _, want := range []string{"needs JavaScript", "next 30 days", "reviews per day", "retention", "backup"} {
		if !strings.Contains(text, want) {
			t.Errorf("the statistics page without JavaScript does not say %q:\n%s", want, text)
		}
	}
	if n := p.num(`[...document.querySelectorAll(".chart, .stat-tiles, .deck-states")].filter((e) => e.getClientRects().length > 0).length`); n != 0 {
		t.Errorf("%v empty statistics boxes show without JavaScript", n)
	}
	setScripts(t, p.ctx, false)
}

func TestDeckContentsAndFilter(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")

	// The note's own "# Syntax Tour" is not shown under the title
	// "Syntax Tour"; the title keeps the heading's id for links to it.
	p.open("decks/"+syntaxDeck+".html", deckReady)
	if got := p.str(`[...document.querySelectorAll("main h1, main h2, main h3")].filter((h) => h.textContent.trim() === "Syntax Tour").map((h) => h.tagName + "#" + h.id).join(" ")`); got != "H2#syntax-tour--syntax-tour" {
		t.Errorf("headings saying the note's title: %q, want it once, the note's title with the heading's id", got)
	}
	// Code shows a tab 4 columns wide, as Obsidian does (the browser's 8
	// pushes tab-indented Go off a phone's screen).
	if got := p.str(`[...document.querySelectorAll("pre")].map((e) => getComputedStyle(e).tabSize).join(" ")`); got == "" || strings.Trim(strings.ReplaceAll(got, "4", ""), " ") != "" {
		t.Errorf("tab sizes of the code blocks: %q, want 4 each", got)
	}

	// The table of contents: closed at first, then every card in order.
	if p.str(`String(document.querySelector(".toc-box").open)`) != "false" {
		t.Error("the table of contents starts open")
	}
	p.tap(".toc-summary")
	p.wait(`document.querySelector(".toc-box").open`)
	links := p.str(`[...document.querySelectorAll(".toc-cards a")].map((a) => a.getAttribute("href")).join(" ")`)
	cards := p.str(`[...document.querySelectorAll(".card.flip")].map((c) => "#" + c.id).join(" ")`)
	if links != cards || links == "" {
		t.Errorf("contents links\n%s\nwant every card in order\n%s", links, cards)
	}
	if got := p.str(`document.querySelector(".toc-note").getAttribute("href")`); got != "#"+p.str(`document.querySelector("article.note").id`) {
		t.Errorf("the contents' note link %q does not lead to the note", got)
	}
	// A tap on a question goes to its card, answer side up.
	link := `.toc-cards li:nth-child(8) a`
	target := p.str(`document.querySelector(` + browsertest.JSString(link) + `).getAttribute("href").slice(1)`)
	p.tap(link)
	p.wait(`location.hash === "#` + target + `" && document.getElementById("` + target + `").dataset.flipped === "true"`)
	if top := p.num(`document.getElementById("` + target + `").getBoundingClientRect().top`); top < -1 || top > 400 {
		t.Errorf("the card from the contents is at %v px, not at the top of the screen", top)
	}
	if q := p.str(`document.querySelector("#` + target + ` .card-q").textContent.trim()`); q != "Capital of France" {
		t.Errorf("contents line 8 led to %q", q)
	}

	// The filter: only the cards holding every word typed (in the question
	// or the answer), no reading text, and a count.
	p.open("decks/"+syntaxDeck+".html", deckReady)
	total := int(p.num(`[...document.querySelectorAll(".card.flip")].reduce((n, c) => n + c.dataset.cardIds.split(" ").length, 0)`))
	filter := func(q string) (shown []string, status string) {
		t.Helper()
		p.eval(`(() => { const i = document.getElementById("filter-q"); i.value = ""; i.dispatchEvent(new Event("input")); return true; })()`)
		p.tap("#filter-q")
		if q != "" {
			p.key(q)
		}
		// The filter runs on the frame after the last keystroke: wait until
		// the box holds the whole query, then for two frames, so what is read
		// is the filter of every word typed, not of its first letters.
		p.wait(`document.getElementById("filter-q").value === ` + browsertest.JSString(q))
		p.eval(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
		p.wait(`(() => { const s = document.getElementById("filter-status").textContent; return ` + browsertest.JSString(q) + ` === "" ? s === "" : s !== ""; })()`)
		raw := p.str(`JSON.stringify([...document.querySelectorAll(".card.flip")].filter((c) => c.getClientRects().length > 0).map((c) => c.querySelector(".card-q").textContent.trim()))`)
		if err := json.Unmarshal([]byte(raw), &shown); err != nil {
			t.Fatal(err)
		}
		return shown, p.str(`document.getElementById("filter-status").textContent`)
	}
	shown, status := filter("paris")
	if strings.Join(shown, "|") != "Capital of France" || status != fmt.Sprintf("1 of %d cards matches.", total) {
		t.Errorf("filter “paris” (an answer's word): %q, status %q", shown, status)
	}
	if n := p.num(`[...document.querySelectorAll(".note-body > p")].filter((e) => e.getClientRects().length > 0).length`); n != 0 {
		t.Errorf("%v paragraphs of reading text still show while filtering", n)
	}
	if n := p.num(`[...document.querySelectorAll(".toc-cards li")].filter((e) => e.getClientRects().length > 0 || !e.classList.contains("filtered-out")).length`); n != 1 {
		t.Errorf("%v lines of the contents are left for one card", n)
	}
	shown, _ = filter("MULTI card")
	if len(shown) == 0 || len(shown) == total {
		t.Errorf("filter “MULTI card” shows %d cards", len(shown))
	}
	if bad := p.str(`[...document.querySelectorAll(".card.flip")].filter((c) => c.getClientRects().length > 0 && !/multi/i.test(c.textContent) && !/card/i.test(c.textContent)).map((c) => c.id).join(" ")`); bad != "" {
		t.Errorf("filter “MULTI card” shows cards without the words: %s", bad)
	}
	shown, status = filter("zzqx")
	if len(shown) != 0 || !strings.HasPrefix(status, "No card here matches") {
		t.Errorf("filter “zzqx”: %q, status %q", shown, status)
	}
	p.key("\x1b") // Escape clears the box
	p.wait(`document.getElementById("filter-q").value === "" && document.getElementById("filter-status").textContent === ""`)
	if n := int(p.num(`[...document.querySelectorAll(".card.flip, .note-body > p")].filter((c) => c.getClientRects().length === 0).length`)); n != 0 {
		t.Errorf("%d cards or paragraphs still hidden after Escape", n)
	}

	// A note whose first heading is not its title keeps both.
	p.open("decks/"+keyboardDeck+".html", deckReady)
	if got := p.str(`[...document.querySelectorAll(".note-title, .note-body h1")].map((h) => h.textContent.trim()).join(" | ")`); got != "Keyboard | Studying with flipdeck" {
		t.Errorf("Keyboard note headings %q", got)
	}
	p.noErrors()
}

func TestSearchWholeWords(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	p.open("index.html", indexReady)
	type result struct {
		Text  string   `json:"text"`
		Marks []string `json:"marks"`
		Split []string `json:"split"` // marks that cut a word
	}
	search := func(q string) []result {
		t.Helper()
		p.tap("#search-q")
		// The whole query at once: typed key by key, the results of a
		// partial query ("st") could be read before those of the last.
		p.eval(`(() => { const i = document.getElementById("search-q"); i.value = ""; i.dispatchEvent(new Event("input")); return true; })()`)
		p.wait(`document.querySelectorAll("#search-results li").length === 0`)
		p.eval(`(() => { const i = document.getElementById("search-q"); i.value = ` + browsertest.JSString(q) + `; i.dispatchEvent(new Event("input")); return true; })()`)
		p.wait(`document.querySelectorAll("#search-results li").length > 0 && /match/.test(document.getElementById("search-status").textContent)`)
		raw := p.str(`JSON.stringify([...document.querySelectorAll("#search-results li")].map((li) => {
  const word = /[\p{L}\p{N}_]/u;
  const split = [];
  for (const m of li.querySelectorAll("mark")) {
    const before = m.previousSibling ? m.previousSibling.textContent.slice(-1) : "";
    const after = m.nextSibling ? m.nextSibling.textContent.slice(0, 1) : "";
    if (word.test(before) || word.test(after)) split.push(before + "[" + m.textContent + "]" + after);
  }
  // A mark sits in the line of text: what shows reads as the text does.
  const a = li.querySelector("a");
  if (a.innerText.replace(/\s+/g, " ").trim() !== a.textContent.replace(/\s+/g, " ").trim()) split.push("laid out as " + JSON.stringify(a.innerText));
  return {text: li.innerText, marks: [...li.querySelectorAll("mark")].map((m) => m.textContent), split};
}))`)
		var rs []result
		if err := json.Unmarshal([]byte(raw), &rs); err != nil {
			t.Fatal(err)
		}
		return rs
	}
	for _, q := range []string{"stream", "firehose", "kinesis data"} {
		rs := search(q)
		marks := map[string]bool{}
		for _, r := range rs {
			if len(r.Split) > 0 {
				t.Errorf("search %q: marks cut words: %q", q, r.Split)
			}
			for _, m := range r.Marks {
				marks[strings.ToLower(m)] = true
				if !strings.Contains(strings.ToLower(m), strings.Fields(q)[0]) && !strings.Contains(strings.ToLower(m), strings.Fields(q)[len(strings.Fields(q))-1]) {
					t.Errorf("search %q marks %q", q, m)
				}
			}
			for _, bad := range []string{".png", "http://", "https://", "![[", "www."} {
				if strings.Contains(r.Text, bad) {
					t.Errorf("search %q: a result shows %q: %q", q, bad, r.Text)
				}
			}
		}
		if q == "stream" && !marks["streaming"] {
			t.Errorf("search “stream” does not mark the whole word “streaming”: marks %v", marks)
		}
		if q == "kinesis data" && !(marks["kinesis"] && marks["data"]) {
			t.Errorf("search “kinesis data” does not mark both words: %v", marks)
		}
	}
	// Folding maps back to the text as written: "cafe" marks "Café",
	// "fine" marks the ligature "ﬁne", whole words each.
	got := p.str(`import("./assets/js/fold.js").then((f) => {
  const s = "Un ﬁne café-crème, CAFÉS";
  return f.wordRanges(s, f.terms("cafe fine")).map(([a, b]) => s.slice(a, b)).join("|");
})`)
	if got != "ﬁne|café|CAFÉS" {
		t.Errorf("wordRanges = %q, want ﬁne|café|CAFÉS", got)
	}

	// A result links to the flip card holding the card on its deck page,
	// also for the back of a reversed pair (cards.json gives its anchor,
	// the front's): the page's element of that id shows its text.
	for q, want := range map[string]string{"named set of cards chosen": "named set of cards", "dog": "hund"} {
		search(q)
		got := p.str(`(async () => {
  const a = document.querySelector("#search-results a");
  const url = new URL(a.href);
  const page = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
  const card = page.getElementById(decodeURIComponent(url.hash.slice(1)));
  const deck = a.parentElement.querySelector(".search-deck").textContent;
  return card && card.matches(".card") ? deck + " | " + card.textContent.replace(/\s+/g, " ") : "no flip card at " + a.href;
})()`)
		if !strings.HasPrefix(got, "Flipdeck Tour › Syntax | ") || !strings.Contains(strings.ToLower(got), want) {
			t.Errorf("search %q: the first result leads to %q", q, got)
		}
	}
	p.noErrors()
}

// TestTapTargets: every control and stand-alone link on the index, a
// deck page and the statistics page is at least 44 px each way (links in
// running text, as in the notes, are text, not targets, as WCAG 2.5.8
// has it).
func TestTapTargets(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	check := func(page string) {
		t.Helper()
		raw := p.str(`JSON.stringify([...document.querySelectorAll("a[href], button, input, select, textarea, summary, [role=button]")].filter((e) => {
  if (e.closest(".prose, .skip-link, .sr-only")) return false;
  const p = e.parentElement;
  if (e.tagName === "A" && /^(P|LI|TD|DD)$/.test(p.tagName) && p.textContent.trim().length > e.textContent.trim().length + 3) return false;
  const r = e.getBoundingClientRect();
  return e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden" && (r.width < 44 || r.height < 44);
}).map((e) => { const r = e.getBoundingClientRect(); return e.outerHTML.slice(0, 70) + " " + Math.round(r.width) + "x" + Math.round(r.height); }))`)
		var small []string
		if err := json.Unmarshal([]byte(raw), &small); err != nil {
			t.Fatal(err)
		}
		for _, s := range small {
			t.Errorf("%s: a tap target under 44 px: %s", page, s)
		}
	}
	p.open("index.html", indexReady)
	p.tap("#search-q")
	p.key("kinesis")
	p.wait(`document.querySelectorAll("#search-results li").length > 0`)
	check("index")
	p.open("decks/"+syntaxDeck+".html", deckReady)
	p.tap(".toc-summary")
	p.wait(`document.querySelector(".toc-box").open`)
	check("deck page")
	p.open("decks/"+tourDeck+".html", indexReady)
	check("parent deck page")
	p.open("stats.html", `document.querySelector("#chart-forecast svg")`)
	check("statistics")
	p.noErrors()
}

// indexDecks lists the decks that have a row in the index's deck list.
func (b *browserTab) indexDecks() []string {
	b.t.Helper()
	return siteJS[[]string](b, `[...document.querySelectorAll(".deck-list .deck-item")].map((li) => li.dataset.deck)`)
}

// indexCounts reads today's new, learn and due counts of a deck's row in
// the index, checking that the row shows them.
func (b *browserTab) indexCounts(slug string) [3]int {
	b.t.Helper()
	raw := siteJS[[]string](b, `(() => {
  const c = document.querySelector('.deck-list .deck-counts[data-deck="`+slug+`"]');
  if (!c) throw new Error("no row for `+slug+`");
  const shown = [...c.querySelectorAll(".deck-study .n")].map((n) => n.firstChild.textContent).join(",");
  return [c.dataset.new, c.dataset.learn, c.dataset.due, shown];
})()`)
	var out [3]int
	for i := range out {
		if _, err := fmt.Sscan(raw[i], &out[i]); err != nil {
			b.t.Fatalf("row %s: count %d is %q", slug, i, raw[i])
		}
	}
	if shown := strings.Join(raw[:3], ","); raw[3] != shown {
		b.t.Errorf("row %s shows %s, its data says %s", slug, raw[3], shown)
	}
	return out
}

// expectToday works out a deck's new, learn and due counts at now from
// the stored progress, as a review would pick the cards: learn and due
// are the due cards in (re)learning and in review, new the new cards in
// deck order up to what is left of today's 20, leaving out the second
// side of a reversed pair whose other side is picked or was studied today.
func (s *builtSite) expectToday(b *browserTab, p *progressRecord, slug string, now int64) [3]int {
	b.t.Helper()
	today := int64(siteJS[float64](b, fmt.Sprintf(`new Date(%d).setHours(0, 0, 0, 0)`, now)))
	ids := s.Decks[slug]
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	introduced := 0
	if p != nil {
		for _, e := range p.Log {
			at, _ := e["at"].(float64)
			id, _ := e["id"].(string)
			if int64(at) >= today && e["state"] == "new" && in[id] {
				introduced++
			}
		}
	}
	var c [3]int
	picked := map[string]bool{}
	studiedToday := func(id string) bool {
		if p == nil {
			return false
		}
		r, ok := p.Cards[id]
		return ok && r.LastReview != nil && *r.LastReview >= today
	}
	var fresh []string
	for _, id := range ids {
		var r studyRec
		ok := false
		if p != nil {
			r, ok = p.Cards[id]
		}
		switch {
		case !ok || r.State == "new" || r.Due == nil:
			fresh = append(fresh, id)
		case *r.Due <= now && (picked[s.Pairs[id]] || studiedToday(s.Pairs[id])):
		case *r.Due <= now && (r.State == "learning" || r.State == "relearning"):
			c[1]++
			picked[id] = true
		case *r.Due <= now:
			c[2]++
			picked[id] = true
		}
	}
	for _, id := range fresh {
		if c[0] >= 20-introduced {
			break
		}
		if pair := s.Pairs[id]; pair != "" && (picked[pair] || studiedToday(pair)) {
			continue
		}
		picked[id] = true
		c[0]++
	}
	return c
}

// TestIndexScreenshots saves screenshots of what issue 12's index and
// deck page work changed, for people to look at: the index with cards due
// and a folded deck, a deck page's contents open and its filter in use,
// search results, and the statistics page without JavaScript; at 390x844
// and 1280x800, light and dark. It runs only when FLIPDECK_SCREENSHOTS
// names the folder to write them to.
func TestIndexScreenshots(t *testing.T) {
	dir := os.Getenv(ScreenshotsEnv)
	if dir == "" {
		t.Skipf("set %s=dir to write screenshots", ScreenshotsEnv)
	}
	for _, vp := range []struct {
		name          string
		width, height int
		touch         bool
	}{{"390x844", 390, 844, true}, {"1280x800", 1280, 800, false}} {
		p := studyOpen(t, vp.width, vp.height, vp.touch, "")
		p.shots = dir
		p.open("index.html", indexReady)
		ids := p.deckIDs()
		syn, kin := ids[syntaxDeck], ids[kinesisSlug]
		cards := map[string]any{}
		for i, id := range kin {
			due := studyT0 + 3*studyDay
			if i < 2 {
				due = studyT0 - studyDay
			}
			cards[id] = map[string]any{"state": "review", "stability": 5, "difficulty": 5, "due": due, "lastReview": studyT0 - 4*studyDay, "reps": 2, "lapses": 0, "scheduledDays": 4}
		}
		cards[syn[0]] = map[string]any{"state": "relearning", "stability": 1, "difficulty": 7, "due": studyT0 - 60000, "lastReview": studyT0 - studyDay, "reps": 2, "lapses": 1, "scheduledDays": 1}
		var log []any
		for d := int64(3); d >= 0; d-- {
			for i := 0; i < 4; i++ {
				log = append(log, map[string]any{"id": kin[i], "grade": 3, "at": studyT0 - d*studyDay - int64(i+1)*60000, "state": "review", "r": 0.9, "ivl": 4, "el": 4})
			}
		}
		b, _ := json.Marshal(map[string]any{"schema": 2, "cards": cards, "stars": map[string]any{}, "log": log, "logDropped": 0, "tests": map[string]any{}})
		p.eval(`localStorage.setItem("` + progressKey + `", ` + browsertest.JSString(string(b)) + `), true`)
		for _, dark := range []bool{false, true} {
			p.setDark(dark)
			name := func(s string) string { return vp.name + "-" + s }
			p.open("index.html", indexReady)
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-index-today.png"))
			p.click(`.deck-item[data-deck="` + tourDeck + `"] > .deck-row .deck-toggle`)
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-index-folded.png"))
			p.click(`.deck-item[data-deck="` + tourDeck + `"] > .deck-row .deck-toggle`)
			p.click("#search-q")
			p.key("stream")
			p.wait(`document.querySelectorAll("#search-results li").length > 0`)
			p.eval(`document.getElementById("search-q").scrollIntoView(), true`)
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-index-search.png"))
			p.open("decks/"+syntaxDeck+".html", deckReady)
			p.click(".toc-summary")
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-deck-contents.png"))
			p.click(".toc-summary")
			p.click("#filter-q")
			p.key("cloze")
			p.wait(`document.getElementById("filter-status").textContent !== ""`)
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-deck-filter.png"))
			p.open("decks/"+tourDeck+".html", indexReady)
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-deck-parent.png"))
			setScripts(t, p.ctx, true)
			p.do(chromedp.Navigate(p.base + "stats.html"))
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-stats-nojs.png"))
			p.do(chromedp.Navigate(p.base + "index.html"))
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-index-nojs.png"))
			p.do(chromedp.Navigate(p.base + "decks/" + tourDeck + ".html"))
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-deck-parent-nojs.png"))
			p.do(chromedp.Navigate(p.base + "decks/" + syntaxDeck + ".html#quiz"))
			viewportShot2(t, p, filepath.Join(dir, name(scheme(dark))+"-quiz-nojs.png"))
			setScripts(t, p.ctx, false)
		}
		p.noErrors()
	}
}

func scheme(dark bool) string {
	if dark {
		return "dark"
	}
	return "light"
}

// viewportShot2 saves what the study page's viewport shows.
func viewportShot2(t *testing.T, p *studyPage, path string) {
	t.Helper()
	time.Sleep(80 * time.Millisecond)
	viewportShot(t, &browserTab{t: t, ctx: p.ctx}, path)
}

// TestIndexLazySubdecks: the index of a vault too big to list whole holds
// its top level; a row's toggle makes its subdecks' rows (from
// data/decks.json) with today's counts, a chain merged into one row as
// the page would, their own subdecks lazy again; opened rows stay open
// after a reload, and fold away and stay folded.
func TestIndexLazySubdecks(t *testing.T) {
	src := t.TempDir()
	note := func(path, deck string) {
		p := filepath.Join(src, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		text := "---\ncards-deck: " + deck + "\n---\nWhat is " + deck + "? #card\nThis.\n\nWhy " + deck + "? #card\nBecause.\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for s := 1; s <= 4; s++ {
		for c := 1; c <= 30; c++ {
			for ch := 1; ch <= 2; ch++ {
				note(fmt.Sprintf("s%d/c%d/ch%d.md", s, c, ch), fmt.Sprintf("Subject %d::Course %02d::Chapter %d", s, c, ch))
			}
		}
	}
	note("chain.md", "Subject 1::Chain::Inner")
	p := studyOpenDir(t, studyBuild(t, src), 390, 844, true, "")
	p.open("index.html", indexReady)
	if cls := p.layoutShift(); cls > 0 {
		t.Errorf("the index shifted its layout by %.4f while loading", cls)
	}
	rows := p.indexRows()
	if got := rowOrder(rows); got != "subject-1 subject-2 subject-3 subject-4" {
		t.Fatalf("rows %s, want the four subjects only", got)
	}
	if r := rowBy(t, rows, "subject-1"); r.Counts != "20,0,0" || r.Href != "decks/subject-1.html#quiz" {
		t.Errorf("subject 1: counts %s, link %s", r.Counts, r.Href)
	}
	toggle := func(slug string) string { return `.deck-item[data-deck="` + slug + `"] > .deck-row .deck-toggle` }
	expanded := func(slug string) string {
		return p.str(`document.querySelector(` + browsertest.JSString(toggle(slug)) + `).getAttribute("aria-expanded")`)
	}
	if expanded("subject-1") != "false" {
		t.Error("a subject's subdecks, not on the page, should start folded")
	}
	p.tap(toggle("subject-1"))
	p.wait(`document.querySelectorAll('.deck-item[data-deck="subject-1"] > ul > .deck-item .deck-study').length === 31`)
	rows = p.indexRows()
	chain := rowBy(t, rows, "subject-1--chain--inner")
	if chain.Name != "Chain › Inner" || chain.Counts != "2,0,0" || chain.Href != "decks/subject-1--chain--inner.html#quiz" || !chain.Visible {
		t.Errorf("the chain's row: %+v, want Chain › Inner merged, 2 new cards", chain)
	}
	course := rowBy(t, rows, "subject-1--course-07")
	if course.Name != "Course 07" || course.Counts != "4,0,0" {
		t.Errorf("course 7's row: %+v", course)
	}
	if href := p.str(`document.querySelector('.deck-item[data-deck="subject-1--course-07"] .deck-name').getAttribute("href")`); href != "decks/subject-1--course-07.html" {
		t.Errorf("course 7 links %s", href)
	}
	if p.str(`(b => b.getAttribute("aria-controls") && document.getElementById(b.getAttribute("aria-controls")) ? "ok" : "none")(document.querySelector(`+browsertest.JSString(toggle("subject-1"))+`))`) != "ok" {
		t.Error("the opened toggle does not control its subdecks' list")
	}
	p.tap(toggle("subject-1--course-07"))
	p.wait(`document.querySelectorAll('.deck-item[data-deck="subject-1--course-07"] > ul .deck-study').length === 2`)

	// Opened rows stay open after a reload; folded, they stay folded.
	p.open("index.html", indexReady)
	p.wait(`document.querySelectorAll('.deck-item[data-deck="subject-1--course-07"] > ul .deck-study').length === 2`)
	if expanded("subject-1") != "true" || expanded("subject-2") != "false" {
		t.Errorf("after a reload subject 1 is expanded %s, subject 2 %s; want true, false", expanded("subject-1"), expanded("subject-2"))
	}
	p.tap(toggle("subject-1"))
	p.wait(`document.querySelector(` + browsertest.JSString(toggle("subject-1")) + `).getAttribute("aria-expanded") === "false"`)
	if rowBy(t, p.indexRows(), "subject-1--course-07").Visible {
		t.Error("subject 1's subdecks still show after folding it")
	}
	p.open("index.html", indexReady)
	if n := p.num(`document.querySelectorAll(".deck-item").length`); n != 4 {
		t.Errorf("%v rows after folding and a reload, want the 4 subjects", n)
	}
	p.noErrors()
}
