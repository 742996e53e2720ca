// quiz-ui.js: the quiz (on a deck page or the index: quizplace.js). Three modes over the quiz's cards:
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
import { MODE_NAMES, createQuiz, showFrame, busy, answeredSoFar, backLink, setTestOK, latest } from "./quiz-core.js";
import { showCard, undoLast, cardKey } from "./quiz-card.js";
import { startReview } from "./quiz-review.js";
import { showSummary } from "./quiz-summary.js";

// The screens a quiz does not need to draw its first card or end a
// session (practice, test, the settings) load when first used: neither
// fetched nor run while a phone opens the quiz. Each loads once.
const once = (load) => {
  let p = null;
  return () => (p ||= load().catch((e) => { p = null; throw e; }));
};
const practiceScreens = once(() => import("./quiz-practice.js"));
const settingsPanel = once(() => import("./quiz-settings.js"));
let testScreens = null; // quiz-test.js, once loaded: its keys and result
const loadTest = once(() => import("./quiz-test.js").then((m) => (testScreens = m)));

// later shows a screen of a module loaded on use (load): see latest.
function later(q, load, show) {
  latest(q, load(), show, ["Not loaded", "This part of the quiz could not be loaded (offline?). Try again, or read the cards on the deck page."],
    () => later(q, load, show));
}

/**
 * startQuiz runs the quiz in root over cards (pagecards.js cards, in deck
 * order; some may be stand-ins, {id, pair, stub: true}). opts: root (the
 * page's path to the site root), deckUrl (the deck page), deckName (full
 * name "A::B"), deckSlug (key of test scores), load (quizcards.js: fills
 * in the stand-ins of a list of cards and resolves to those it can ask),
 * active (whether the quiz is on screen).
 */
export function startQuiz(root, cards, opts = {}) {
  const q = createQuiz(root, cards, opts);
  q.to = {
    mode: (m) => switchMode(q, m),
    end: () => leave(q),
    undo: () => undoLast(q),
    review: () => startReview(q),
    practiceStart: () => later(q, practiceScreens, (m) => m.showPracticeStart(q)),
    practice: (set) => later(q, practiceScreens, (m) => m.startPractice(q, set)),
    testStart: () => later(q, loadTest, (m) => m.showTestStart(q)),
    test: () => later(q, loadTest, (m) => m.startTest(q)),
    summary: (left) => showSummary(q, left),
  };
  q.settingsBtn.addEventListener("click", () => (q.panel.hidden ? openSettings(q) : closeSettings(q)));
  // opts.active: whether the quiz is on screen (quizplace.js hides it
  // with the page's content back); its keys do nothing while it is not.
  const active = opts.active || (() => true);
  document.addEventListener("keydown", (e) => { if (active()) onKey(q, e); });

  if (!cards.length) {
    q.view.replaceChildren(el("p", {}, "This deck has no cards. "), backLink(q));
    showFrame(q);
    return;
  }
  startReview(q);
  showFrame(q);
  // The Test button (in the menu, hidden while a card is on screen) is
  // set in a task of its own, after the first card is drawn.
  afterPaint(() => setTestOK(q, q.testOK));
  // Test hooks: the session and helpers, for the browser tests.
  root.quiz = {
    get session() { return q.s; },
    cards,
    startReview: () => startReview(q),
    startPractice: (set) => q.to.practice(set),
    startTest: () => q.to.test(),
    byId: q.byId,
  };
}

// afterPaint runs fn in a task after the next frame is drawn (a
// requestAnimationFrame callback runs just before that frame; a timeout
// from there, after it), or in a later task when no frame comes (a
// hidden tab).
function afterPaint(fn) {
  let done = false;
  const run = () => { if (!done) { done = true; fn(); } };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 500);
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
  else if (m === "practice") q.to.practiceStart();
  else q.to.testStart();
}

// leave ends the session on screen (✕ End, Esc): its summary, or a test's result.
function leave(q) {
  if (!q.s || q.s.done) return;
  if (q.s.mode === "test") return testScreens.showTestResult(q);
  showSummary(q, true);
}

// openSettings fills the settings panel and shows it (quiz-settings.js,
// loaded when first opened).
async function openSettings(q) {
  q.shell.closeMenu();
  let fillSettings;
  try {
    ({ fillSettings } = await settingsPanel());
  } catch (e) {
    console.warn(e);
    return;
  }
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
  if (s.mode === "test") testScreens.testKey(q, e, onControl);
  else cardKey(q, e, onControl);
}
