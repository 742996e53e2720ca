package e2e

// Browser tests of progress across devices: "Send my progress" makes a
// link (transfer.js, send.js), another browser (its own storage: another
// device) opens it and merges after a preview (receive.js); the reminder
// to keep a copy (backup.js).

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// rawProgress returns the stored progress record as generic JSON
// (every field, sorted keys), to compare two devices' records exactly.
func (p *studyPage) rawProgress() string {
	p.t.Helper()
	raw := p.str(`(() => { const k = Object.keys(localStorage).find(k => k.startsWith("flipdeck:") && k.endsWith(":progress")); return k ? localStorage.getItem(k) : "{}"; })()`)
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		p.t.Fatalf("stored progress: %v", err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// tapStudy studies n cards of the open quiz by touch, grading each g.
func (p *studyPage) tapStudy(n int, g string) {
	p.t.Helper()
	for range n {
		p.tap(".reveal")
		p.wait(`document.getElementById("quiz").dataset.state === "answer"`)
		id := p.cardID()
		p.tap(".grade-" + g)
		p.wait(`document.getElementById("quiz").dataset.state !== "answer" || (document.querySelector(".quiz-card") || {dataset: {}}).dataset.cardId !== ` + browsertest.JSString(id))
	}
}

// sendLink opens the settings of the quiz page, taps "Send to another
// device" and returns the link the dialog shows.
func (p *studyPage) sendLink() string {
	p.t.Helper()
	p.openSettings(true)
	p.tap("#quiz-settings [data-action=send]")
	p.wait(`document.querySelector("#send-dialog .send-link")`)
	p.cleanText("#send-dialog")
	return p.str(`document.querySelector("#send-dialog .send-link").value`)
}

// cleanText fails the test when the element sel shows "null" or "undefined".
func (p *studyPage) cleanText(sel string) {
	p.t.Helper()
	if txt := p.str(`document.querySelector(` + browsertest.JSString(sel) + `).textContent`); strings.Contains(txt, "null") || strings.Contains(txt, "undefined") {
		p.t.Errorf("%s reads %q", sel, txt)
	}
}

// openLink opens a progress link and waits for the merge dialog.
func (p *studyPage) openLink(link string) {
	p.t.Helper()
	p.do(chromedp.Navigate(link))
	p.wait(`document.querySelector("#receive-dialog .receive-actions")`)
}

// TestDeviceTransfer: phone A and phone B (two browsers, each with its own
// storage) study different cards, one card on both (B later). A sends its
// progress as a link; B opens it, sees a preview (cards added, reviews
// added, nothing written yet), merges; B sends its progress back; A opens
// that link and merges. Both end with identical records, B's later review
// of the shared card kept on both.
func TestDeviceTransfer(t *testing.T) {
	out := studyBuild(t, "../content")
	base := browsertest.Serve(t, out, "/flip/")
	a := studyOpenBase(t, base, 390, 844, true, "")
	b := studyOpenBase(t, base, 390, 844, true, "")

	a.quiz(keyboardDeck)
	ids := a.quizIDs()
	a.tap(".quiz-card .star")
	a.tapStudy(3, "good") // ids[0..2]

	b.setClock(studyT0 + studyDay/2)
	b.quiz(syntaxDeck)
	b.tapStudy(2, "again")
	b.quiz(keyboardDeck)
	b.tapStudy(1, "hard") // ids[0], later than A's review
	bBefore := b.progress()
	if len(bBefore.Cards) != 3 || len(bBefore.Log) != 3 {
		t.Fatalf("B before: %d cards, %d reviews, want 3 and 3", len(bBefore.Cards), len(bBefore.Log))
	}

	// A sends. The dialog has a QR code of the link.
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(a.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted,
			Origin: strings.TrimSuffix(base, "/flip/")}); err != nil {
			t.Fatalf("clipboard permission: %v", err)
		}
	}
	link := a.sendLink()
	if !strings.HasPrefix(link, base+"index.html#progress=z") {
		t.Fatalf("link %q: want the site's index with the compressed progress in the fragment", short(link))
	}
	if v := a.num(`Number(document.querySelector("#send-dialog .send-qr").dataset.version)`); v < 1 || v > 40 {
		t.Errorf("no QR code for a link of %d bytes", len(link))
	}
	if focused := a.str(`document.activeElement.tagName`); focused == "INPUT" {
		t.Errorf("the send dialog focuses the link's text field (a phone keyboard would pop up)")
	}
	a.tap("#send-dialog [data-action=send-copy]")
	a.wait(`document.querySelector("#send-dialog .send-status").textContent`)
	if got := a.str(`navigator.clipboard.readText()`); got != link {
		t.Errorf("clipboard holds %q, want the link", short(got))
	}
	checkQR(t, a, "#send-dialog svg.qr", link)
	a.shot("send-dialog")
	a.tap("#send-dialog [data-action=send-close]")

	// B opens the link: a preview, nothing written yet.
	b.openLink(link)
	if h := b.str(`location.hash`); h != "" {
		t.Errorf("the progress stays in the address after opening: %q", short(h))
	}
	pv := b.str(`(d => d.added + "/" + d.updated + "/" + d.reviews)(document.querySelector(".receive-preview").dataset)`)
	if pv != "2/0/3" { // ids[1], ids[2] new here; ids[0] is newer here; A's three reviews
		t.Errorf("preview added/updated/reviews %s, want 2/0/3", pv)
	}
	if got := b.progress(); len(got.Cards) != 3 || len(got.Log) != 3 {
		t.Errorf("the preview changed B's progress: %d cards, %d reviews", len(got.Cards), len(got.Log))
	}
	b.cleanText("#receive-dialog")
	b.shot("receive-preview")
	b.tap("#receive-dialog [data-action=receive-merge]")
	b.wait(`document.querySelector("#receive-dialog .receive-done")`)
	b.cleanText("#receive-dialog")
	merged := b.progress()
	if len(merged.Cards) != 5 || len(merged.Log) != 6 || len(merged.Stars) != 1 {
		t.Errorf("B after merging: %d cards, %d reviews, %d stars; want 5, 6, 1", len(merged.Cards), len(merged.Log), len(merged.Stars))
	}
	if merged.Cards[ids[0]].Reps != 1 || *merged.Cards[ids[0]].LastReview != studyT0+studyDay/2 {
		t.Errorf("B's later review of the shared card was not kept: %+v", merged.Cards[ids[0]])
	}
	// B sends it all back.
	b.tap("#receive-dialog [data-action=receive-send-back]")
	b.wait(`document.querySelector("#send-dialog .send-link")`)
	back := b.str(`document.querySelector("#send-dialog .send-link").value`)

	a.openLink(back)
	pv = a.str(`(d => d.added + "/" + d.updated + "/" + d.reviews)(document.querySelector(".receive-preview").dataset)`)
	if pv != "2/1/3" { // B's two syntax cards; the shared card; B's three reviews
		t.Errorf("A's preview added/updated/reviews %s, want 2/1/3", pv)
	}
	a.tap("#receive-dialog [data-action=receive-merge]")
	a.wait(`document.querySelector("#receive-dialog .receive-done")`)
	if ra, rb := a.rawProgress(), b.rawProgress(); ra != rb {
		t.Errorf("after sending both ways the records differ:\nA %s\nB %s", ra, rb)
	}
	// The same link again, pasted into the send dialog (as in an app
	// installed on an iPhone, whose storage is not Safari's): nothing to merge.
	a.tap("#receive-dialog [data-action=receive-close]")
	a.quiz(keyboardDeck)
	a.sendLink()
	a.tap("#send-dialog .receive-here summary")
	a.do(chromedp.SetValue("#receive-paste", back))
	a.tap("#send-dialog [data-action=receive-paste]")
	a.wait(`document.querySelector("#receive-dialog .receive-actions")`)
	if a.num(`document.querySelectorAll("#receive-dialog .receive-same").length`) != 1 {
		t.Errorf("the same link again offers a merge: %q", a.str(`document.getElementById("receive-dialog").textContent`))
	}
	// A link cut short: an error, nothing changed.
	before := a.rawProgress()
	a.openLink(back[:len(back)*2/3])
	if a.num(`document.querySelectorAll("#receive-dialog .receive-error").length`) != 1 {
		t.Errorf("a cut link gives no error: %q", a.str(`document.getElementById("receive-dialog").textContent`))
	}
	if a.rawProgress() != before {
		t.Errorf("a cut link changed the progress")
	}
	a.noErrors()
	b.noErrors()
}

// checkQR draws the SVG QR code sel to a PNG and reads it with zbarimg
// (when installed): it must give want.
func checkQR(t *testing.T, p *studyPage, sel, want string) {
	t.Helper()
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv(browsertest.RequireEnv) != "" {
			t.Fatal("zbarimg not found (apt-get install zbar-tools)")
		}
		t.Log("zbarimg not found: the QR code is not read back")
		return
	}
	b64 := p.str(`(async () => {
  const svg = document.querySelector(` + browsertest.JSString(sel) + `);
  const n = svg.viewBox.baseVal.width * 3;
  const img = new Image();
  img.src = "data:image/svg+xml;base64," + btoa(new XMLSerializer().serializeToString(svg));
  await img.decode();
  const cv = document.createElement("canvas");
  cv.width = cv.height = n;
  cv.getContext("2d").drawImage(img, 0, 0, n, n);
  return cv.toDataURL("image/png").split(",")[1];
})()`)
	png, _ := base64.StdEncoding.DecodeString(b64)
	f := filepath.Join(t.TempDir(), "qr.png")
	if err := os.WriteFile(f, png, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", f).Output()
	if got := strings.TrimSuffix(string(out), "\n"); err != nil || got != want {
		t.Errorf("zbarimg read the QR code as %q (%v), want %q", short(got), err, short(want))
	}
}

// persistStub makes navigator.storage answer as a browser that does not
// keep the site's storage for good (unless window.__persisted is set),
// counting the requests for it.
const persistStub = `(() => {
  const s = navigator.storage;
  s.persisted = async () => localStorage.getItem("test:persisted") === "1";
  s.persist = async () => { localStorage.setItem("test:asked", String(Number(localStorage.getItem("test:asked") || 0) + 1)); return false; };
})();`

// TestBackupReminder: where the browser does not promise to keep the
// progress, 100 reviews without a copy bring a reminder to download a
// backup or send the progress to another device; never over a card on
// screen, but at the session's end; "Not now" puts it off for another
// 100; none where storage is persistent. Installing the site asks for
// persistent storage.
func TestBackupReminder(t *testing.T) {
	p := studyOpen(t, 390, 844, true, persistStub)
	p.open("index.html", `document.querySelector(".study-all-count").textContent`)
	p.quiz(keyboardDeck)
	// 97 reviews already (of cards of another site version, say).
	p.eval(`(() => {
  const key = "flipdeck:" + new URL(document.body.dataset.root, location.href).pathname + ":progress";
  const log = [];
  for (let i = 0; i < 97; i++) log.push({ id: "old" + i, grade: 3, at: ` + itoa64(studyT0-10*studyDay) + ` + i, state: "review", r: 0.9, ivl: 3, el: 3 });
  localStorage.setItem(key, JSON.stringify({ schema: 2, cards: {}, stars: {}, log, logDropped: 0, tests: {},
    settings: { retention: 0.9, newPerDay: 20, learnSteps: [], relearnSteps: [], at: 0 } })); // FSRS alone: a Good ends a card's session
  return true;
})()`)
	p.quiz(keyboardDeck)
	reminder := `document.querySelectorAll(".backup-reminder").length`
	p.tapStudy(3, "good") // 100 reviews, a card on screen
	if p.num(`Number(localStorage.getItem("test:asked"))`) < 1 {
		t.Errorf("studying did not ask for persistent storage")
	}
	if p.num(reminder) != 0 {
		t.Errorf("the reminder shows over a card being studied")
	}
	p.tapStudy(2, "good") // the session's end
	p.wait(reminder + ` === 1`)
	p.shot("backup-reminder")
	if got := p.str(`[...document.querySelectorAll(".backup-reminder button[data-action]")].map(b => b.dataset.action).join(" ")`); got != "backup send later" {
		t.Errorf("reminder actions %q", got)
	}
	p.tap(".backup-reminder [data-action=later]")
	p.open("index.html", `document.querySelector(".study-all-count").textContent`)
	if p.num(reminder) != 0 {
		t.Errorf("the reminder is back right after Not now")
	}
	// 100 more reviews (moved on a day): it comes back, on the index too;
	// closing it with × puts it off as "Not now" does.
	more := func(day int64) {
		p.eval(`(() => {
  const key = Object.keys(localStorage).find(k => k.endsWith(":progress"));
  const d = JSON.parse(localStorage.getItem(key));
  for (let i = 0; i < 100; i++) d.log.push({ id: "more" + i, grade: 3, at: ` + itoa64(studyT0+day*studyDay) + ` + i, state: "review", r: 0.9, ivl: 3, el: 3 });
  localStorage.setItem(key, JSON.stringify(d));
  return true;
})()`)
		p.open("index.html", `document.querySelector(".study-all-count").textContent`)
	}
	more(1)
	p.wait(reminder + ` === 1`)
	p.tap(".backup-reminder .notice-close")
	p.open("index.html", `document.querySelector(".study-all-count").textContent`)
	p.eval(`new Promise(r => setTimeout(r, 300))`)
	if p.num(reminder) != 0 {
		t.Errorf("the reminder is back right after closing it")
	}
	more(2)
	p.wait(reminder + ` === 1`)
	// Sending the progress (the link copied) counts as a copy.
	p.tap(".backup-reminder [data-action=send]")
	p.wait(`document.querySelector("#send-dialog .send-link")`)
	if p.num(reminder) != 0 {
		t.Errorf("the reminder stays once the send dialog is open")
	}
	p.tap("#send-dialog [data-action=send-copy]")
	p.wait(`document.querySelector("#send-dialog .send-status").textContent`)
	p.tap("#send-dialog [data-action=send-close]")
	p.open("index.html", `document.querySelector(".study-all-count").textContent`)
	p.eval(`new Promise(r => setTimeout(r, 300))`)
	if p.num(reminder) != 0 {
		t.Errorf("a reminder right after the progress was sent")
	}
	// Where storage is persistent: no reminder.
	p.eval(`localStorage.setItem("test:persisted", "1"), localStorage.removeItem(Object.keys(localStorage).find(k => k.endsWith(":pref:backup"))), true`)
	p.open("index.html", `document.querySelector(".study-all-count").textContent`)
	p.eval(`new Promise(r => setTimeout(r, 300))`)
	if p.num(reminder) != 0 {
		t.Errorf("a reminder where storage is persistent")
	}
	// Installing the site asks for persistent storage.
	p.eval(`localStorage.setItem("test:persisted", ""), localStorage.setItem("test:asked", "0"), window.dispatchEvent(new Event("appinstalled")), new Promise(r => setTimeout(r, 100))`)
	if p.num(`Number(localStorage.getItem("test:asked"))`) != 1 {
		t.Errorf("installing did not ask for persistent storage")
	}
	p.noErrors()
}

// TestSendBigProgress: progress too big for a QR code gets the link only,
// saying so; a browser without CompressionStream sends plain JSON, which
// opens all the same.
func TestSendBigProgress(t *testing.T) {
	p := studyOpen(t, 390, 844, true, "")
	p.quiz(keyboardDeck)
	p.eval(`(() => {
  const key = "flipdeck:" + new URL(document.body.dataset.root, location.href).pathname + ":progress";
  const cards = {}, log = [];
  for (let i = 0; i < 200; i++) {
    const id = "q" + (0x1000000000000000n + BigInt(i) * 7919n * 104729n).toString(16).slice(0, 16);
    cards[id] = { state: "review", stability: 1 + i / 7, difficulty: 5 + (i % 13) / 3, due: ` + itoa64(studyT0) + ` + i * 3600000, lastReview: ` + itoa64(studyT0-studyDay) + ` + i, reps: 1, lapses: 0, scheduledDays: 3 };
    log.push({ id, grade: 3, at: ` + itoa64(studyT0-studyDay) + ` + i, state: "new", r: null, ivl: 3, el: null });
  }
  localStorage.setItem(key, JSON.stringify({ schema: 2, cards, stars: {}, log, logDropped: 0, tests: {} }));
  return true;
})()`)
	p.quiz(keyboardDeck)
	link := p.sendLink()
	if n := p.num(`document.querySelectorAll("#send-dialog svg").length`); n != 0 {
		t.Errorf("a QR code for a link of %d bytes", len(link))
	}
	if msg := p.str(`(document.querySelector("#send-dialog .send-noqr") || {}).textContent || ""`); !strings.Contains(msg, "too big for a QR code") {
		t.Errorf("no word that the progress is too big for a QR code: %q", msg)
	}
	// Without CompressionStream: plain JSON in the link, read back the same.
	got := p.str(`(async () => {
  const tr = await import(new URL(document.body.dataset.root + "assets/js/transfer.js", location.href).href);
  const text = JSON.stringify({ schema: 2, cards: {}, note: "é ✓" });
  const cs = window.CompressionStream;
  delete window.CompressionStream;
  try {
    const packed = await tr.pack(text);
    return packed[0] + ":" + String(await tr.unpack(packed) === text);
  } finally {
    window.CompressionStream = cs;
  }
})()`)
	if got != "j:true" {
		t.Errorf("without CompressionStream: %q, want j:true", got)
	}
	p.noErrors()
}
