// quiz-ui.js: the quiz page. Three modes over the quiz's cards:
//
//   review    Anki's order: cards in their learning steps when due, due
//             cards (most overdue first), then new ones up to the daily
//             limit; graded Again / Hard / Good / Easy, with learning steps
//             (learning.js) and FSRS; the two sides of a reversed pair are
//             never both studied on one day.
//   practice  all, starred or recently failed cards, shuffled; grades do
//             not touch the schedule.
//   test      multiple choice, scored; best and last score kept per deck.
//
// Each shows one card at a time in the focused study screen
// (study-shell.js): tap the card (or Space) to see the answer, then grade
// it in the same place. ✕ End (or Esc) leads to the summary; switching
// modes in the middle of a session asks first.
//
// This module is the entry: it builds the quiz (quiz-core.js), picks the
// screen (quiz-review.js, quiz-practice.js, quiz-test.js, quiz-summary.js,
// quiz-card.js), and owns what spans them: switching modes, ending a
// session, the settings panel and the keys.
//
// Keys: Space/Enter reveal (or next, in a test), 1-4 grade (or choose),
// u undo, s star, Esc end the session. On touch screens the revealed card
// can be swiped right (Good) or left (Again).
import { plural } from "./dom.js";
import { el } from "./el.js";
import { fillSettings } from "./quiz-settings.js";
import { MODE_NAMES, createQuiz, busy, answeredSoFar, backLink } from "./quiz-core.js";
import { showCard, undoLast, cardKey } from "./quiz-card.js";
import { startReview } from "./quiz-review.js";
import { startPractice, showPracticeStart } from "./quiz-practice.js";
import { showTestStart, startTest, showTestResult, setTestOK, testKey } from "./quiz-test.js";
import { showSummary } from "./quiz-summary.js";

/**
 * startQuiz runs the quiz in root over cards (pagecards.js cards, in deck
 * order; some may be stand-ins, {id, pair, stub: true}). opts: root (the
 * page's path to the site root), deckUrl (the deck page), deckName (full
 * name "A::B"), deckSlug (key of test scores), load (quizcards.js: fills
 * in the stand-ins of a list of cards and resolves to those it can ask).
 */
export function startQuiz(root, cards, opts = {}) {
  const q = createQuiz(root, cards, opts);
  q.to = {
    mode: (m) => switchMode(q, m),
    end: () => leave(q),
    undo: () => undoLast(q),
    review: () => startReview(q),
    practiceStart: () => showPracticeStart(q),
    practice: (set) => startPractice(q, set),
    testStart: () => showTestStart(q),
    summary: (left) => showSummary(q, left),
  };
  q.settingsBtn.addEventListener("click", () => (q.panel.hidden ? openSettings(q) : closeSettings(q)));
  document.addEventListener("keydown", (e) => onKey(q, e));

  if (!cards.length) {
    q.view.replaceChildren(el("p", {}, "This deck has no cards. "), backLink(q));
    return;
  }
  setTestOK(q, q.testOK);
  startReview(q);
  // Test hooks: the session and helpers, for the browser tests.
  root.quiz = {
    get session() { return q.s; },
    cards,
    startReview: () => startReview(q),
    startPractice: (set) => startPractice(q, set),
    startTest: () => startTest(q),
    byId: q.byId,
  };
}

// switchMode goes to mode m's start, asking first when that throws a
// session with answers away.
async function switchMode(q, m) {
  q.shell.closeMenu();
  const s = q.s;
  if (busy(q)) {
    const n = answeredSoFar(q);
    const same = m === s.mode;
    const what = s.mode === "test"
      ? "You answered " + plural(n, "question") + " of this test; it ends without a score."
      : s.mode === "review" ? "You gave " + plural(n, "answer") + " in this review; they are saved." : "You gave " + plural(n, "answer") + " in this practice.";
    const ok = await q.shell.ask({
      title: same ? "Start " + MODE_NAMES[m].toLowerCase() + " over?" : "End this " + MODE_NAMES[s.mode].toLowerCase() + "?",
      text: what + (same ? "" : " Switch to " + MODE_NAMES[m].toLowerCase() + "?"),
      ok: same ? "Start over" : "Switch to " + MODE_NAMES[m].toLowerCase(),
      cancel: "Keep studying",
    });
    if (!ok) return;
  }
  if (m === "review") startReview(q);
  else if (m === "practice") showPracticeStart(q);
  else showTestStart(q);
}

// leave ends the session on screen (✕ End, Esc): its summary, or a test's result.
function leave(q) {
  if (!q.s || q.s.done) return;
  if (q.s.mode === "test") return showTestResult(q);
  showSummary(q, true);
}

function openSettings(q) {
  q.shell.closeMenu();
  fillSettings(q.panel, {
    ids: q.cards.map((c) => c.id), allDecks: q.allDecks, siteRoot: q.siteRoot,
    onSaved: () => { if (q.s && q.s.mode === "review" && !q.s.done && !q.s.revealed) showCard(q, false); },
    onReset: () => { closeSettings(q); startReview(q); },
    onClose: () => closeSettings(q),
  });
  q.panel.hidden = false;
  q.settingsBtn.setAttribute("aria-expanded", "true");
  // The heading, not a field: a phone would pop its keyboard up.
  const h = q.panel.querySelector(".settings-title");
  h.focus({ preventScroll: true });
  q.panel.scrollIntoView({ block: "start" });
}

function closeSettings(q) {
  if (q.panel.hidden) return;
  q.panel.hidden = true;
  q.settingsBtn.setAttribute("aria-expanded", "false");
  // Back to studying: Space goes on with the card on screen.
  const card = q.view.querySelector(".quiz-card, .quiz-summary, .quiz-start, .quiz-empty");
  (card || q.settingsBtn).focus({ preventScroll: true });
}

// onKey: Esc closes the menu, then the settings, then ends the session;
// u undoes; the rest goes to the screen on show (cardKey, testKey).
function onKey(q, e) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
  if (q.shell.dialogOpen()) return; // the dialog handles its keys
  const s = q.s;
  const tgt = e.target;
  if (tgt && tgt.closest && tgt.closest("input, textarea, select, [contenteditable]")) {
    if (e.key === "Escape" && !q.panel.hidden) closeSettings(q);
    return;
  }
  if (e.key === "Escape") {
    if (q.shell.closeMenu(true)) { e.preventDefault(); return; }
    if (!q.panel.hidden) { e.preventDefault(); closeSettings(q); return; }
    if (s && !s.done) { e.preventDefault(); leave(q); }
    return;
  }
  if (tgt && tgt.closest && tgt.closest("#quiz-settings")) return;
  if (e.key === "u" || e.key === "U") {
    if (s && s.mode !== "test" && s.history.length) { e.preventDefault(); undoLast(q); }
    return;
  }
  if (!s || s.done) return;
  const onControl = tgt && tgt.closest && tgt.closest("a[href], button, summary, audio, video");
  if (s.mode === "test") testKey(q, e, onControl);
  else cardKey(q, e, onControl);
}
