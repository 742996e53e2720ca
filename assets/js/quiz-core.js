// quiz-core.js: what every screen of the quiz shares. createQuiz
// builds the page's frame (the menu of modes, settings and undo; the view
// a screen fills; the focused study shell around it, study-shell.js) and
// returns the quiz's state, handed to every screen: its cards, its deck,
// the session on screen (queue, tally, answers, when it started) and the
// screens themselves (quiz.to, filled in by quiz-ui.js, so that a screen
// can lead to another without importing it). The helpers here are the
// parts the screens share: grading a card in review, loading the cards a
// session asks, the top bar's counts and showing a screen.
//
// The screens: quiz-card.js (the card of review and practice),
// quiz-review.js, quiz-practice.js, quiz-test.js, quiz-summary.js.
import { now } from "./clock.js";
import * as store from "./store.js";
import { newCard, retrievability, DAY_MS } from "./fsrs.js";
import { preview, phase } from "./learning.js";
import * as session from "./session.js";
import { canTest, MIN_CARDS } from "./testmode.js";
import { el, button } from "./el.js";
import { studyShell } from "./study-shell.js";

/** GRADES: [grade, name, class suffix] of the four answers. */
export const GRADES = [
  [1, "Again", "again"],
  [2, "Hard", "hard"],
  [3, "Good", "good"],
  [4, "Easy", "easy"],
];
export const MODE_NAMES = { review: "Review", practice: "Practice", test: "Test" };

/** mark and measure time a step (performance marks; see the benchmarks). */
export function mark(name) {
  try { performance.mark(name); } catch { /* no performance API */ }
}

export function measure(name, start, end) {
  try { performance.measure(name, start, end); } catch { /* no performance API */ }
}

/**
 * createQuiz builds the quiz's frame in root and returns its state.
 * cards: pagecards.js cards, in deck order (some may be stand-ins,
 * {id, pair, stub: true}). opts: root (the page's path to the site
 * root), deckUrl (the deck page), deckName (full name "A::B"), deckSlug
 * (key of test scores), load (quizcards.js: fills in the stand-ins of a
 * list of cards and resolves to those it can ask).
 */
export function createQuiz(root, cards, opts = {}) {
  const siteRoot = opts.root || "";
  const deckUrl = opts.deckUrl || siteRoot + "index.html";
  const allDecks = opts.deckName === "All decks";
  const title = (opts.deckName || "").split("::").pop() || "Quiz";
  const q = {
    root, cards, siteRoot, deckUrl, allDecks,
    byId: new Map(cards.map((c) => [c.id, c])),
    deckName: opts.deckName,
    deckSlug: opts.deckSlug || opts.deckName || "deck",
    load: opts.load,
    // Whether a test is possible, worked out when first asked (canTest
    // reads every answer: a good part of opening a quiz on a phone, left
    // out of the task that draws the first card). With stand-ins a test is
    // taken to be possible until its cards are loaded.
    ok: null,
    get testOK() {
      if (this.ok === null) this.ok = cards.some((c) => c.stub) ? cards.length >= MIN_CARDS : canTest(cards);
      return this.ok;
    },
    set testOK(v) { this.ok = v; },
    s: null, // the session on screen
    persistAsked: false,
    waiting: 0, // the latest screen asked for (latest)
    to: {}, // the screens (quiz-ui.js)
  };
  q.live = el("p", { class: "sr-only", "aria-live": "polite", id: "quiz-live" });
  q.modeButtons = {};
  const modes = el("div", { class: "quiz-modes", role: "group", "aria-label": "Study mode" },
    ...[["review", "Review"], ["practice", "Practice"], ["test", "Test"]].map(([m, label]) => {
      const b = el("button", { type: "button", class: "quiz-mode-btn", "data-mode": m, "aria-pressed": "false" }, label);
      b.addEventListener("click", () => q.to.mode(m));
      q.modeButtons[m] = b;
      return b;
    }));
  q.settingsBtn = el("button", { type: "button", class: "button small quiz-settings-btn", "aria-expanded": "false", "aria-controls": "quiz-settings", "data-action": "settings" },
    el("span", { "aria-hidden": "true" }, "⚙"), " Settings");
  q.undoBtn = button("Undo last answer", "undo", () => { q.shell.closeMenu(); q.to.undo(); }, "button small quiz-undo study-only");
  q.undoBtn.setAttribute("aria-keyshortcuts", "u");
  // The menu: the modes and settings, in place on the start and summary
  // screens; behind the top bar's menu button while studying, with the
  // undo and the page's links.
  const top = el("div", { class: "quiz-top" }, modes, q.settingsBtn, q.undoBtn,
    el("nav", { class: "study-menu-links study-only", "aria-label": "Leave the quiz" },
      el("a", { href: deckUrl }, allDecks ? "All decks" : "Read the deck"),
      el("a", { href: siteRoot + "stats.html" }, "Statistics"),
      allDecks ? null : el("a", { href: siteRoot + "index.html" }, "All decks")));
  q.panel = el("section", { id: "quiz-settings", class: "quiz-settings", hidden: true, "aria-label": "Settings" });
  q.view = el("div", { class: "quiz-view" });
  // The frame is built detached (q.frame) and put in root by showFrame,
  // once the first screen is in it: the page goes from the study frame
  // its HTML paints to the quiz's in one change, with no layout between.
  q.frame = document.createDocumentFragment();
  q.frame.append(top, q.panel, q.view, q.live);
  q.shell = studyShell(q.frame, { title: allDecks ? "All decks" : title, menu: top, onEnd: () => q.to.end() });
  return q;
}

/** showFrame puts the quiz's frame (createQuiz), with its first screen, in place of the page's stand-ins. */
export function showFrame(q) {
  if (!q.frame) return;
  q.root.replaceChildren(q.frame);
  q.frame = null;
  const sec = q.focusLater;
  q.focusLater = null;
  if (sec && sec.isConnected) focusView(sec);
}

/** setTestOK enables the Test mode button when the quiz has enough cards for a test. */
export function setTestOK(q, ok) {
  q.testOK = ok;
  const b = q.modeButtons.test;
  b.disabled = !ok;
  if (ok) b.removeAttribute("title");
  else b.title = "A test needs at least " + MIN_CARDS + " cards";
}

/** announce tells screen readers text (politely). */
export function announce(q, text) {
  q.live.textContent = "";
  setTimeout(() => { q.live.textContent = text; }, 30);
}

/** schedOpts: the scheduling settings (learning.js, fsrs.js). */
export function schedOpts() {
  const st = store.settings();
  return { retention: st.retention, learnSteps: st.learnSteps, relearnSteps: st.relearnSteps };
}

/** setMode marks mode m as the one on screen (menu and top bar). */
export function setMode(q, m) {
  q.root.dataset.mode = m;
  for (const [k, b] of Object.entries(q.modeButtons)) b.setAttribute("aria-pressed", String(k === m));
  q.shell.setMode(MODE_NAMES[m] || "");
}

/** answeredSoFar: how many answers the session on screen holds (a test: questions answered). */
export function answeredSoFar(q) {
  const s = q.s;
  if (!s) return 0;
  return s.mode === "test" ? s.questions.filter((x) => x.chosen >= 0).length : s.answers;
}

/** busy: a session with answers in it, not thrown away without asking. */
export function busy(q) {
  return !!q.s && !q.s.done && answeredSoFar(q) > 0;
}

/** newSession is the state of a review or practice session over q (session.js). */
export function newSession(mode, sq) {
  return {
    mode,
    q: sq,
    revealed: false,
    tally: { 1: 0, 2: 0, 3: 0, 4: 0 }, // every answer
    answers: 0,
    studied: new Set(), // the cards answered
    history: [],
    started: now(),
    done: false,
  };
}

/** backLink leads back to the deck (or the list of decks). */
export function backLink(q, text) {
  return el("a", { class: "button", href: q.deckUrl }, text || (q.allDecks ? "All decks" : "Back to the deck"));
}

function focusView(node) {
  if (!node) return;
  node.focus({ preventScroll: true });
  node.scrollIntoView({ block: "nearest" });
}

/** showScreen shows a screen that is not a card: the page as usual, from its top. */
export function showScreen(q, sec, state) {
  q.root.dataset.state = state;
  q.shell.setStudying(false);
  q.view.replaceChildren(sec);
  if (q.frame) q.focusLater = sec; // not in the page yet (showFrame)
  else focusView(sec);
}

/**
 * latest calls then with what promise p resolves to, unless another
 * screen was asked for in the meantime (q.waiting); when p fails, it
 * shows an error screen instead: failed is its [title, text], retry what
 * "Try again" does.
 */
export function latest(q, p, then, failed, retry) {
  const my = ++q.waiting;
  p.then((v) => {
    if (my === q.waiting) then(v);
  }, (e) => {
    console.warn(e);
    if (my !== q.waiting) return;
    showScreen(q, el("section", { class: "quiz-empty", tabindex: "-1" }, el("h2", {}, failed[0]), el("p", {}, failed[1]),
      el("p", { class: "quiz-end-actions" }, button("Try again", "retry", retry, "button primary"), backLink(q))), "error");
  });
}

/**
 * withCards calls then with the cards of list that can be asked, once
 * their deck pages are loaded: at once when none is a stand-in, else
 * after a loading screen. Only the latest call goes on.
 */
export function withCards(q, list, then) {
  if (!q.load || !list.some((c) => c.stub)) {
    q.waiting++;
    return then(list.filter((c) => !c.missing));
  }
  q.s = null;
  showScreen(q, el("section", { class: "quiz-empty quiz-loading", tabindex: "-1" }, el("p", {}, "Loading the cards…")), "loading");
  latest(q, q.load(list), then, ["Cards not loaded", "The cards could not be loaded (offline?). Try again, or read them on the deck pages."],
    () => q.to.mode(q.root.dataset.mode || "review"));
}

/** deckLabel names the subdeck of card c, when it is not the quiz's own deck. */
export function deckLabel(q, c) {
  const name = q.deckName;
  if (!c.deck || !name || c.deck === name) return "";
  return c.deck.startsWith(name + "::") ? c.deck.slice(name.length + 2).split("::").join(" › ") : c.deck.split("::").join(" › ");
}

/**
 * renderCounts fills the top bar's counts: New · Learn · Due in review
 * (the card on screen is counted, its number underlined), what is left in
 * practice, the question and the score in a test; and sets the undo
 * button.
 */
export function renderCounts(q) {
  const s = q.s;
  const shell = q.shell;
  q.undoBtn.disabled = !(s && s.mode !== "test" && s.history.length);
  q.undoBtn.hidden = !!(s && s.mode === "test");
  if (!s) return shell.setCounts();
  if (s.mode === "test") {
    const n = s.pos + 1;
    const total = s.questions.length;
    return shell.setCounts(
      el("span", { class: "sc sc-pos", "data-n": n, "data-total": total }, el("span", { class: "sr-only" }, "Question "), n + " / " + total),
      el("span", { class: "sc sc-right", "data-n": s.score }, s.score + " right"));
  }
  const c = session.counts(s.q, now());
  if (s.mode === "practice") {
    return shell.setCounts(el("span", { class: "sc sc-left", "data-n": c.left }, String(c.left), el("span", { class: "sc-word" }, " left")));
  }
  const one = (k, word, title) => el("span", { class: "sc sc-" + k, "data-n": c[k], title, "aria-current": c.current === k ? "true" : null },
    el("span", { class: "sr-only" }, word + " "), String(c[k]), el("span", { class: "sc-word", "aria-hidden": "true" }, " " + word.toLowerCase()));
  shell.setCounts(one("new", "New", "New cards"), el("span", { class: "sc-sep", "aria-hidden": "true" }, "·"),
    one("learn", "Learning", "Cards in learning"), el("span", { class: "sc-sep", "aria-hidden": "true" }, "·"),
    one("due", "Due", "Cards due for review"));
}

/**
 * gradeReview stores grade g of card id at time t in review: the card's
 * new record (learning steps, FSRS) and its log entry, in one write.
 * Returns {rec, delay, prev, saved} (rec and delay null when it failed;
 * prev the record before, for undo). The first grade asks the browser to
 * keep the site's storage (persist.js, loaded then).
 */
export function gradeReview(q, id, g, t) {
  const out = { rec: null, delay: null, prev: store.getCard(id), saved: false };
  try {
    const base = out.prev || newCard();
    const isNew = phase(base) === "new";
    const o = schedOpts();
    const r = isNew ? null : Math.round(retrievability(base, t, o) * 1e4) / 1e4;
    const next = preview(base, t, o)[g];
    out.rec = next.card;
    out.delay = next.delay;
    const elapsed = isNew ? null : Math.max(0, Math.floor((t - base.lastReview) / DAY_MS));
    store.record(id, out.rec, { grade: g, at: t, state: base.state || "new", r, ivl: out.rec.scheduledDays, el: elapsed });
    out.saved = true;
  } catch (e) {
    console.error(e);
  }
  if (!q.persistAsked) {
    q.persistAsked = true;
    import("./persist.js").then((persist) => persist.request(), (e) => console.warn(e));
  }
  return out;
}
