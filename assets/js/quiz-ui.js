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
// Keys: Space/Enter reveal (or next, in a test), 1-4 grade (or choose),
// u undo, s star, Esc end the session. On touch screens the revealed card
// can be swiped right (Good) or left (Again).
import { now } from "./clock.js";
import * as store from "./store.js";
import { newCard, retrievability, DAY_MS } from "./fsrs.js";
import { preview, phase, formatDelay, describeDelay } from "./learning.js";
import { reviewQueue, nextDue, recentlyFailed, shuffle, dayStart } from "./schedule.js";
import * as session from "./session.js";
import { canTest, makeTest, seeded, MIN_CARDS, MAX_QUESTIONS } from "./testmode.js";
import { formatDate, lazyDateFormat, plural, wrapTables, isInteractive } from "./dom.js";
import { el, button } from "./el.js";
import * as persist from "./persist.js";
import { studyShell } from "./study-shell.js";
import { fillSettings } from "./quiz-settings.js";
import { findNextDeck } from "./nextdeck.js";

const GRADES = [
  [1, "Again", "again"],
  [2, "Hard", "hard"],
  [3, "Good", "good"],
  [4, "Easy", "easy"],
];
const MODE_NAMES = { review: "Review", practice: "Practice", test: "Test" };
const SWIPE_PX = 80;

function mark(name) {
  try { performance.mark(name); } catch { /* no performance API */ }
}

function measure(name, start, end) {
  try { performance.measure(name, start, end); } catch { /* no performance API */ }
}

// Options in a test show answer HTML without anything interactive in it.
function inertHTML(html) {
  const t = document.createElement("template");
  t.innerHTML = html;
  for (const n of t.content.querySelectorAll("a, button, input, select, textarea, details, audio, video, iframe, label, [tabindex]")) {
    if (n.matches("a, button, label")) {
      const s = document.createElement("span");
      s.append(...n.childNodes);
      n.replaceWith(s);
    } else if (n.matches("details")) {
      const d = document.createElement("div");
      d.append(...n.childNodes);
      n.replaceWith(d);
    } else if (n.matches("[tabindex]") && !n.matches("input, select, textarea, audio, video, iframe")) {
      n.removeAttribute("tabindex");
    } else {
      n.remove();
    }
  }
  return t.content;
}

const timeFmt = lazyDateFormat({ hour: "numeric", minute: "2-digit" });

/** when says when a due time comes: "in 8 minutes", "today at 14:30", "tomorrow", "on 12 Mar". */
function when(due, t) {
  if (due <= t) return "now";
  if (due - t < 3600000) return "in " + describeDelay(due - t);
  const day = Math.round((dayStart(due) - dayStart(t)) / DAY_MS);
  if (day === 0) return "today at " + timeFmt.format(new Date(due));
  if (day === 1) return "tomorrow";
  return "on " + formatDate(due, t);
}

/** duration says how long a session took: "under a minute", "4 minutes", "1 h 5 min". */
function duration(ms) {
  const m = Math.round(ms / 60000);
  if (m < 1) return "under a minute";
  if (m < 60) return plural(m, "minute");
  return Math.floor(m / 60) + " h " + (m % 60) + " min";
}

/**
 * startQuiz runs the quiz in root over cards (pagecards.js cards, in deck
 * order; some may be stand-ins, {id, pair, stub: true}). opts: root (the
 * page's path to the site root), deckUrl (the deck page), deckName (full
 * name "A::B"), deckSlug (key of test scores), load (quizcards.js: fills
 * in the stand-ins of a list of cards and resolves to those it can ask).
 */
export function startQuiz(root, cards, opts = {}) {
  const siteRoot = opts.root || "";
  const deckUrl = opts.deckUrl || siteRoot + "index.html";
  const deckSlug = opts.deckSlug || opts.deckName || "deck";
  const allDecks = opts.deckName === "All decks";
  const title = (opts.deckName || "").split("::").pop() || "Quiz";
  const byId = new Map(cards.map((c) => [c.id, c]));
  // With stand-ins a test is taken to be possible until its cards are loaded.
  let testOK = cards.some((c) => c.stub) ? cards.length >= MIN_CARDS : canTest(cards);

  const live = el("p", { class: "sr-only", "aria-live": "polite", id: "quiz-live" });
  const modeButtons = {};
  const modes = el("div", { class: "quiz-modes", role: "group", "aria-label": "Study mode" },
    ...[["review", "Review"], ["practice", "Practice"], ["test", "Test"]].map(([m, label]) => {
      const b = el("button", { type: "button", class: "quiz-mode-btn", "data-mode": m, "aria-pressed": "false" }, label);
      b.addEventListener("click", () => switchMode(m));
      modeButtons[m] = b;
      return b;
    }));
  const settingsBtn = el("button", { type: "button", class: "button small quiz-settings-btn", "aria-expanded": "false", "aria-controls": "quiz-settings", "data-action": "settings" },
    el("span", { "aria-hidden": "true" }, "⚙"), " Settings");
  const undoBtn = button("Undo last answer", "undo", () => { shell.closeMenu(); undoLast(); }, "button small quiz-undo study-only");
  undoBtn.setAttribute("aria-keyshortcuts", "u");
  // The menu: the modes and settings, in place on the start and summary
  // screens; behind the top bar's menu button while studying, with the
  // undo and the page's links.
  const top = el("div", { class: "quiz-top" }, modes, settingsBtn, undoBtn,
    el("nav", { class: "study-menu-links study-only", "aria-label": "Leave the quiz" },
      el("a", { href: deckUrl }, allDecks ? "All decks" : "Read the deck"),
      el("a", { href: siteRoot + "stats.html" }, "Statistics"),
      allDecks ? null : el("a", { href: siteRoot + "index.html" }, "All decks")));
  const panel = el("section", { id: "quiz-settings", class: "quiz-settings", hidden: true, "aria-label": "Settings" });
  const view = el("div", { class: "quiz-view" });
  root.replaceChildren(top, panel, view, live);
  const shell = studyShell(root, { title: allDecks ? "All decks" : title, menu: top, onEnd: leave });

  let s = null; // the current session
  let persistAsked = false;

  function announce(text) {
    live.textContent = "";
    setTimeout(() => { live.textContent = text; }, 30);
  }

  function settings() {
    return store.settings();
  }

  function schedOpts() {
    const st = settings();
    return { retention: st.retention, learnSteps: st.learnSteps, relearnSteps: st.relearnSteps };
  }

  function setMode(m) {
    root.dataset.mode = m;
    for (const [k, b] of Object.entries(modeButtons)) b.setAttribute("aria-pressed", String(k === m));
    shell.setMode(MODE_NAMES[m] || "");
  }

  // A session with answers in it is not thrown away without asking.
  function busy() {
    if (!s || s.done) return false;
    if (s.mode === "test") return s.questions.some((q) => q.chosen >= 0);
    return s.answers > 0;
  }

  async function switchMode(m) {
    shell.closeMenu();
    if (busy()) {
      const n = s.mode === "test" ? s.questions.filter((q) => q.chosen >= 0).length : s.answers;
      const same = m === s.mode;
      const what = s.mode === "test"
        ? "You answered " + plural(n, "question") + " of this test; it ends without a score."
        : s.mode === "review" ? "You gave " + plural(n, "answer") + " in this review; they are saved." : "You gave " + plural(n, "answer") + " in this practice.";
      const ok = await shell.ask({
        title: same ? "Start " + MODE_NAMES[m].toLowerCase() + " over?" : "End this " + MODE_NAMES[s.mode].toLowerCase() + "?",
        text: what + (same ? "" : " Switch to " + MODE_NAMES[m].toLowerCase() + "?"),
        ok: same ? "Start over" : "Switch to " + MODE_NAMES[m].toLowerCase(),
        cancel: "Keep studying",
      });
      if (!ok) return;
    }
    if (m === "review") startReview();
    else if (m === "practice") showPracticeStart();
    else showTestStart();
  }

  function backLink(text) {
    return el("a", { class: "button", href: deckUrl }, text || (allDecks ? "All decks" : "Back to the deck"));
  }

  function focusView(node) {
    if (!node) return;
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "nearest" });
  }

  // A screen that is not a card: the page as usual, from its top.
  function showScreen(sec, state) {
    root.dataset.state = state;
    shell.setStudying(false);
    view.replaceChildren(sec);
    focusView(sec);
  }

  // ---------- loading the cards a session asks ----------

  // withCards calls then with the cards of list that can be asked, once
  // their deck pages are loaded: at once when none is a stand-in, else
  // after a loading screen. Only the latest call goes on.
  let waiting = 0;
  function withCards(list, then) {
    const my = ++waiting;
    if (!opts.load || !list.some((c) => c.stub)) return then(list.filter((c) => !c.missing));
    s = null;
    showScreen(el("section", { class: "quiz-empty quiz-loading", tabindex: "-1" }, el("p", {}, "Loading the cards…")), "loading");
    opts.load(list).then((ok) => {
      if (my === waiting) then(ok);
    }, (e) => {
      console.warn(e);
      if (my !== waiting) return;
      showScreen(el("section", { class: "quiz-empty", tabindex: "-1" }, el("h2", {}, "Cards not loaded"),
        el("p", {}, "The cards could not be loaded (offline?). Try again, or read them on the deck pages."),
        el("p", { class: "quiz-end-actions" }, button("Try again", "retry", () => switchMode(root.dataset.mode || "review"), "button primary"), backLink())), "error");
    });
  }

  // ---------- review and practice sessions ----------

  function startReview() {
    setMode("review");
    const t = now();
    const st = settings();
    const q = reviewQueue(cards, store.allCards(), store.getLog(), st.newPerDay, t);
    withCards([...q.learn.map((x) => x.card), ...q.due, ...q.fresh], (ok) => {
      if (ok.length < q.learn.length + q.due.length + q.fresh.length) {
        const keep = new Set(ok);
        q.learn = q.learn.filter((x) => keep.has(x.card));
        q.due = q.due.filter((c) => keep.has(c));
        q.fresh = q.fresh.filter((c) => keep.has(c));
      }
      const sq = session.reviewSession(q);
      s = null;
      if (!session.next(sq, t)) return showCaughtUp(q, sq);
      s = newSession("review", sq);
      s.info = q;
      showCard(false);
    });
  }

  function startPractice(set) {
    setMode("practice");
    let list = cards;
    if (set === "starred") {
      const st = store.stars();
      list = cards.filter((c) => c.id in st);
    } else if (set === "failed") {
      const ids = new Set(recentlyFailed(store.getLog(), now()));
      list = cards.filter((c) => ids.has(c.id));
    }
    withCards(list, (ok) => {
      if (!ok.length) return showPracticeStart();
      const sq = session.practiceSession(shuffle(ok));
      session.next(sq, now());
      s = newSession("practice", sq);
      s.set = set;
      showCard(true);
    });
  }

  function newSession(mode, q) {
    return {
      mode,
      q,
      revealed: false,
      tally: { 1: 0, 2: 0, 3: 0, 4: 0 }, // every answer
      answers: 0,
      studied: new Set(), // the cards answered
      history: [],
      started: now(),
      done: false,
    };
  }

  function showCaughtUp(q, sq) {
    const t = now();
    const c = store.counts(cards.map((x) => x.id), t);
    const d = nextDue(cards, store.allCards(), t);
    const studied = c.young + c.mature + c.learning + c.due;
    const lines = [el("p", {}, "No card of this deck is due now. " +
      (studied ? plural(studied, "card") + " studied (" + [c.learning && c.learning + " learning", c.young && c.young + " young", c.mature && c.mature + " mature"].filter(Boolean).join(", ") + ")" : "No card studied yet") +
      (d != null ? "; the next one is due " + when(d, t) + "." : "."))];
    const later = sq && session.later(sq);
    if (later) {
      lines.push(el("p", { class: "quiz-later" }, plural(later.n, "card") + " in learning " + (later.n === 1 ? "comes" : "come") + " back " + when(later.first, t) + "."));
    }
    if (q.newWaiting) {
      lines.push(el("p", { class: "quiz-limit" }, plural(q.newWaiting, "new card") + " " + (q.newWaiting === 1 ? "waits" : "wait") +
        ": today's limit of " + plural(settings().newPerDay, "new card") + " is reached. You can change the limit in Settings."));
    }
    if (q.buried) {
      lines.push(el("p", {}, plural(q.buried, "card") + " " + (q.buried === 1 ? "waits" : "wait") +
        " until tomorrow: the other side of " + (q.buried === 1 ? "its" : "their") + " reversed pair was studied today."));
    }
    const acts = el("p", { class: "quiz-end-actions" },
      button("Practice", "practice", () => showPracticeStart(), "button primary"),
      testOK ? button("Take a test", "test", () => showTestStart()) : null,
      backLink());
    const sec = el("section", { class: "quiz-empty", tabindex: "-1" }, el("h2", {}, "All caught up"), ...lines, acts);
    showScreen(sec, "caught-up");
    offerNextDeck(acts);
    return sec;
  }

  function starButton(c) {
    const on = store.isStarred(c.id);
    const b = el("button", { type: "button", class: "star", "data-action": "star", "aria-pressed": String(on), "aria-keyshortcuts": "s",
      title: on ? "Starred (s)" : "Star this card (s)" },
    el("span", { "aria-hidden": "true" }, on ? "★" : "☆"), el("span", { class: "sr-only" }, "Star"));
    b.addEventListener("click", () => toggleStar(c, b));
    return b;
  }

  function toggleStar(c, b) {
    const on = b.getAttribute("aria-pressed") !== "true";
    store.setStarred([c.id], on, now());
    b.setAttribute("aria-pressed", String(on));
    b.title = on ? "Starred (s)" : "Star this card (s)";
    b.firstChild.textContent = on ? "★" : "☆";
    announce(on ? "Starred" : "Star removed");
  }

  function deckLabel(c) {
    if (!c.deck || !opts.deckName || c.deck === opts.deckName) return "";
    return c.deck.startsWith(opts.deckName + "::") ? c.deck.slice(opts.deckName.length + 2).split("::").join(" › ") : c.deck.split("::").join(" › ");
  }

  // The top bar's counts: New · Learn · Due in review (the card on screen
  // is counted, its number underlined), what is left in practice.
  function renderCounts() {
    undoBtn.disabled = !(s && s.mode !== "test" && s.history.length);
    undoBtn.hidden = !!(s && s.mode === "test");
    if (!s) return shell.setCounts();
    const t = now();
    if (s.mode === "test") {
      const n = s.pos + 1;
      const total = s.questions.length;
      return shell.setCounts(
        el("span", { class: "sc sc-pos", "data-n": n, "data-total": total }, el("span", { class: "sr-only" }, "Question "), n + " / " + total),
        el("span", { class: "sc sc-right", "data-n": s.score }, s.score + " right"));
    }
    const c = session.counts(s.q, t);
    if (s.mode === "practice") {
      return shell.setCounts(el("span", { class: "sc sc-left", "data-n": c.left }, String(c.left), el("span", { class: "sc-word" }, " left")));
    }
    const one = (k, word, title) => el("span", { class: "sc sc-" + k, "data-n": c[k], title, "aria-current": c.current === k ? "true" : null },
      el("span", { class: "sr-only" }, word + " "), String(c[k]), el("span", { class: "sc-word", "aria-hidden": "true" }, " " + word.toLowerCase()));
    shell.setCounts(one("new", "New", "New cards"), el("span", { class: "sc-sep", "aria-hidden": "true" }, "·"),
      one("learn", "Learning", "Cards in learning"), el("span", { class: "sc-sep", "aria-hidden": "true" }, "·"),
      one("due", "Due", "Cards due for review"));
  }

  function showCard(focus = true, said = "") {
    const cur = s.q.cur;
    const c = cur.card;
    s.revealed = false;
    root.dataset.state = "question";
    shell.setStudying(true);
    const t = now();

    const q = el("div", { class: "quiz-q prose", id: "quiz-q", html: c.q });
    const aBody = c.a && c.a.trim() ? el("div", { class: "prose", html: c.a }) : el("p", { class: "card-noanswer" }, "No answer: a prompt to think about.");
    const src = c.deckUrl ? el("p", { class: "quiz-src" }, el("a", { href: siteRoot + c.deckUrl }, "See it in the deck")) : null;
    const a = el("div", { class: "quiz-a", id: "quiz-a", tabindex: "-1", hidden: true, role: "region", "aria-label": "Answer" }, aBody, src);
    let label = deckLabel(c);
    if (cur.again) label = label ? "Again · " + label : "Again";
    const ctx = c.ctx && c.ctx.length ? el("p", { class: "card-ctx" }, c.ctx.join(" › ")) : null;
    const head = el("div", { class: "quiz-card-head" },
      el("div", { class: "quiz-card-where" }, label ? el("p", { class: "quiz-label" }, label) : null, ctx), starButton(c));
    const tapHint = el("p", { class: "quiz-tap-hint", "aria-hidden": "true" }, "Tap to show the answer");
    const card = el("article", { class: "quiz-card", tabindex: "-1", "data-card-id": c.id, "data-kind": c.kind || "", "data-queue": cur.queue,
      "aria-roledescription": "flashcard", "aria-label": "Card: " + (MODE_NAMES[s.mode] || "") },
    head, q, a, tapHint);

    const reveal = el("button", { type: "button", class: "button primary big reveal", "data-action": "reveal", "aria-keyshortcuts": "Space Enter", "aria-controls": "quiz-a", "aria-expanded": "false" },
      "Show answer", el("kbd", { "aria-hidden": "true" }, "Space"));
    reveal.addEventListener("click", showAnswer);

    let next = null;
    if (s.mode === "review") {
      try {
        next = preview(store.getCard(c.id) || newCard(), t, schedOpts());
      } catch (e) {
        console.error(e);
      }
    }
    const grades = el("div", { class: "grades", role: "group", "aria-label": "How well did you remember it?", hidden: true },
      ...GRADES.map(([g, name, cls]) => {
        const ivl = next && next[g] ? formatDelay(next[g].delay) : "";
        const b = el("button", { type: "button", class: "grade grade-" + cls, "data-grade": g, "aria-keyshortcuts": String(g),
          "aria-label": name + (ivl ? ", next in " + describeDelay(next[g].delay) : "") },
        el("span", { class: "grade-name" }, name),
        ivl ? el("span", { class: "grade-ivl", "data-step": String(next[g].step) }, ivl) : null,
        el("kbd", { "aria-hidden": "true" }, String(g)));
        b.addEventListener("click", () => grade(g));
        return b;
      }));
    view.replaceChildren(card);
    shell.setActions(reveal, grades);
    renderCounts();
    wrapTables(card);
    attachCard(card);
    scrollTo(0, 0);
    if (focus) card.focus({ preventScroll: true });
    announce((said ? said + ". " : "") + (label ? label + ": " : "") + (q.textContent || "").trim().slice(0, 300));
  }

  function showAnswer() {
    if (!s || s.revealed || s.mode === "test" || s.done) return;
    s.revealed = true;
    root.dataset.state = "answer";
    const a = view.querySelector(".quiz-a");
    a.hidden = false;
    const rv = shell.actions.querySelector(".reveal");
    rv.setAttribute("aria-expanded", "true");
    rv.hidden = true;
    shell.actions.querySelector(".grades").hidden = false;
    const hint = view.querySelector(".quiz-tap-hint");
    if (hint) hint.textContent = "Swipe right for Good, left for Again";
    a.focus({ preventScroll: true });
    // The question stays in view; the answer is scrolled to only when it
    // starts below the bottom bar.
    const bar = shell.bottom.getBoundingClientRect().top;
    if (a.getBoundingClientRect().top > bar - 48) a.scrollIntoView({ block: "start" });
    announce("Answer: " + (a.textContent || "").trim().slice(0, 300));
  }

  function grade(g) {
    if (!s || !s.revealed || s.done || s.mode === "test") return;
    mark("flipdeck:grade-start");
    const cur = s.q.cur;
    const id = cur.card.id;
    const t = now();
    const h = { snap: session.snapshot(s.q), id, grade: g, prev: null, at: t, saved: false, first: !s.studied.has(id) };
    let rec = null;
    let delay = null;
    if (s.mode === "review") {
      const prev = store.getCard(id);
      h.prev = prev;
      try {
        const base = prev || newCard();
        const isNew = phase(base) === "new";
        const o = schedOpts();
        const r = isNew ? null : Math.round(retrievability(base, t, o) * 1e4) / 1e4;
        const out = preview(base, t, o)[g];
        rec = out.card;
        delay = out.delay;
        const elapsed = isNew ? null : Math.max(0, Math.floor((t - base.lastReview) / DAY_MS));
        store.record(id, rec, { grade: g, at: t, state: base.state || "new", r, ivl: rec.scheduledDays, el: elapsed });
        h.saved = true;
      } catch (e) {
        console.error(e);
      }
      if (!persistAsked) {
        persistAsked = true;
        persist.request();
      }
    }
    s.tally[g]++;
    s.answers++;
    s.studied.add(id);
    session.answered(s.q, t, rec, g);
    s.history.push(h);
    const name = GRADES[g - 1][1];
    const said = s.mode === "review"
      ? name + " · back " + (delay != null ? "in " + describeDelay(delay) : "later")
      : name + (g === 1 ? " · again in this practice" : " · practice only");
    shell.toast(said, undoLast, GRADES[g - 1][2]);
    if (session.next(s.q, now())) showCard(true, said);
    else showSummary();
    mark("flipdeck:grade-end");
    measure("flipdeck:grade", "flipdeck:grade-start", "flipdeck:grade-end");
  }

  function undoLast() {
    if (!s || s.mode === "test" || !s.history || !s.history.length) return;
    const h = s.history.pop();
    if (h.saved) store.undo(h.id, h.prev, h.at);
    s.tally[h.grade]--;
    s.answers--;
    if (h.first) s.studied.delete(h.id);
    session.restore(s.q, h.snap);
    s.done = false;
    setMode(s.mode);
    shell.hideToast();
    showCard(true, "Last answer undone");
  }

  function leave() {
    if (!s || s.done) return;
    if (s.mode === "test") return showTestResult();
    showSummary(true);
  }

  function showSummary(left = false) {
    const t = now();
    s.done = true;
    const review = s.mode === "review";
    const again = s.tally[1];
    const rate = s.answers ? Math.round(100 * again / s.answers) : 0;
    const studied = s.studied.size;
    const restart = button(s.mode === "practice" ? "Practice again" : "Study again", "restart",
      () => (s.mode === "practice" ? startPractice(s.set) : startReview()), "button primary");
    const undo = s.history.length ? button("Undo last answer", "undo", undoLast) : null;
    const d = review ? nextDue(cards, store.allCards(), t) : null;
    const tally = el("ul", { class: "grade-tally", role: "list" },
      ...GRADES.map(([g, name, cls]) => el("li", { class: "tally-" + cls, "data-grade": g }, el("b", {}, String(s.tally[g])), " " + name)));
    // What is left: cards not reached, and cards in learning due later today.
    const c = session.counts(s.q, t, 0);
    const notReached = s.q.main.length - s.q.pos + (s.q.cur ? 1 : 0);
    const later = review ? session.later(s.q) : null;
    const acts = el("p", { class: "quiz-end-actions" }, restart, backLink(), undo);
    const sec = el("section", { class: "quiz-summary", tabindex: "-1", "data-again": s.tally[1], "data-hard": s.tally[2],
      "data-good": s.tally[3], "data-easy": s.tally[4], "data-cards": studied, "data-answers": s.answers, "data-again-rate": rate,
      "data-percent": s.answers ? 100 - rate : 0, "data-time": t - s.started, "aria-labelledby": "quiz-summary-h" },
    el("h2", { id: "quiz-summary-h" }, left ? "Session ended" : s.mode === "practice" ? "Practice done" : "Session done"),
    el("p", { class: "quiz-score" }, el("strong", {}, String(studied)), " " + (studied === 1 ? "card" : "cards") + " studied in " + duration(t - s.started)),
    el("p", { class: "quiz-again-rate" }, s.answers
      ? "Again " + rate + "%: " + again + " of " + plural(s.answers, "answer") + "."
      : "No answer given."),
    tally,
    later ? el("p", { class: "quiz-later" }, plural(later.n, "card") + " in learning " + (later.n === 1 ? "comes" : "come") + " back " + when(later.first, t) + ": study again then.") : null,
    notReached ? el("p", {}, plural(notReached, "card") + " left for later" + (review && c.new ? " (" + c.new + " new)" : "") + ".") : null,
    d != null ? el("p", { class: "quiz-next-due", "data-due": d }, "Next card due " + when(d, t) + ".") : null,
    s.mode === "practice" ? el("p", {}, "Practice did not change your schedule.") : null,
    acts);
    showScreen(sec, "done");
    if (review) offerNextDeck(acts);
    announce((left ? "Session ended" : "Session done") + ": " + plural(studied, "card") + " studied, again " + rate + "%");
  }

  // "Continue with …": the next deck with cards to study, when there is one.
  function offerNextDeck(acts) {
    if (allDecks) return;
    const t = now();
    const data = store.load();
    findNextDeck(siteRoot + "data/decks.json", deckSlug, data.cards, data.log, settings().newPerDay, t).then((d) => {
      if (!d || !acts.isConnected) return;
      const what = [d.due && d.due + " due", d.fresh && d.fresh + " new"].filter(Boolean).join(", ");
      const link = el("a", { class: "button primary next-deck", href: siteRoot + d.quiz, "data-deck": d.slug }, "Continue with " + d.name,
        el("span", { class: "next-deck-count" }, what));
      for (const b of acts.querySelectorAll(".button.primary")) b.classList.remove("primary");
      acts.prepend(link);
    });
  }

  // ---------- practice start ----------

  function showPracticeStart() {
    setMode("practice");
    s = null;
    const st = store.stars();
    const starred = cards.filter((c) => c.id in st).length;
    const failedIds = new Set(recentlyFailed(store.getLog(), now()));
    const failed = cards.filter((c) => failedIds.has(c.id)).length;
    const opt = (set, label, n, hint) => {
      const b = el("button", { type: "button", class: "choice", "data-set": set, disabled: n === 0 },
        el("span", { class: "choice-name" }, label), el("span", { class: "choice-count" }, plural(n, "card")),
        el("span", { class: "choice-hint" }, hint));
      b.addEventListener("click", () => startPractice(set));
      return b;
    };
    const sec = el("section", { class: "quiz-start", tabindex: "-1", "aria-labelledby": "practice-h" },
      el("h2", { id: "practice-h" }, "Practice"),
      el("p", {}, "Shuffled cards, as many times as you like. Practice does not change your schedule."),
      el("div", { class: "choices" },
        opt("all", "All cards", cards.length, "Every card of this quiz."),
        opt("starred", "Starred", starred, starred ? "The cards you marked with ★." : "Star cards with ☆ to practise them here."),
        opt("failed", "Failed recently", failed, "Cards you answered Again in the last 7 days.")));
    showScreen(sec, "start");
  }

  // ---------- test mode ----------

  function showTestStart() {
    setMode("test");
    s = null;
    withCards(cards, showTestIntro);
  }

  function showTestIntro() {
    testOK = canTest(cards);
    modeButtons.test.disabled = !testOK;
    if (testOK) modeButtons.test.removeAttribute("title");
    else modeButtons.test.title = "A test needs at least " + MIN_CARDS + " cards";
    const sc = store.testScore(deckSlug);
    let body;
    if (!testOK) {
      body = [el("p", {}, "A test needs at least " + MIN_CARDS + " cards with different answers; this deck has too few.")];
    } else {
      const start = button("Start the test", "start-test", startTest, "button primary big");
      body = [
        el("p", {}, "Multiple choice: pick the right answer among four. ", el("span", { class: "key-hint" }, "Keys 1-4 choose, Space or Enter goes on. "), "The test does not change your schedule."),
        sc ? el("p", { class: "test-scores" }, "Best score ", el("strong", { "data-best": sc.best }, Math.round(sc.best * 100) + "%"),
          " · last ", el("strong", { "data-last": sc.last }, Math.round(sc.last * 100) + "%"), " (" + formatDate(sc.lastAt, now()) + ")") : null,
        start,
      ];
    }
    const sec = el("section", { class: "quiz-start", tabindex: "-1", "aria-labelledby": "test-h" }, el("h2", { id: "test-h" }, "Test"), ...body);
    showScreen(sec, "start");
  }

  function startTest() {
    setMode("test");
    withCards(cards, (ok) => {
      s = { mode: "test", questions: makeTest(ok, MAX_QUESTIONS, seeded(now())), pos: 0, score: 0, done: false, history: [] };
      showQuestion();
    });
  }

  function showQuestion() {
    const qn = s.questions[s.pos];
    const c = qn.card;
    root.dataset.state = "question";
    shell.setStudying(true);
    const n = s.pos + 1;
    const total = s.questions.length;
    const q = el("div", { class: "quiz-q prose", id: "quiz-q", html: c.q });
    const label = deckLabel(c);
    const prompt = qn.cloze ? "Which text fills the gap?" : "Which is the answer?";
    const card = el("article", { class: "quiz-card test-card", tabindex: "-1", "data-card-id": c.id, "data-kind": c.kind || "",
      "aria-roledescription": "question", "aria-label": "Question " + n + " of " + total },
    label ? el("p", { class: "quiz-label" }, label) : null,
    c.ctx && c.ctx.length ? el("p", { class: "card-ctx" }, c.ctx.join(" › ")) : null, q);
    const list = el("div", { class: "options", role: "group", "aria-label": prompt },
      ...qn.options.map((o, i) => {
        const b = el("button", { type: "button", class: "option", "data-option": i, "data-from": o.from, "aria-keyshortcuts": String(i + 1) },
          el("kbd", { "aria-hidden": "true" }, String(i + 1)));
        const body = el("span", { class: "option-body prose" });
        if (o.html) body.append(inertHTML(o.html));
        else body.textContent = o.text;
        b.append(body);
        b.addEventListener("click", () => choose(i));
        return b;
      }));
    const feedback = el("p", { class: "test-feedback", role: "status" });
    const next = button(n < total ? "Next question" : "See the result", "next", nextQuestion, "button primary big next");
    next.hidden = true;
    next.append(el("kbd", { "aria-hidden": "true" }, "Space"));
    view.replaceChildren(card, el("p", { class: "test-prompt" }, prompt), list, feedback);
    shell.setActions(el("p", { class: "test-hint" }, prompt), next);
    renderCounts();
    wrapTables(card);
    scrollTo(0, 0);
    card.focus({ preventScroll: true });
    announce("Question " + n + " of " + total + ": " + (q.textContent || "").trim().slice(0, 300) + ". " + prompt);
  }

  function choose(i) {
    if (!s || s.mode !== "test" || s.done) return;
    const qn = s.questions[s.pos];
    if (qn.chosen >= 0 || i >= qn.options.length) return;
    qn.chosen = i;
    const right = qn.options[i].right;
    if (right) s.score++;
    root.dataset.state = "answered";
    const buttons = view.querySelectorAll(".option");
    buttons.forEach((b, j) => {
      b.disabled = true;
      b.setAttribute("aria-disabled", "true");
      if (qn.options[j].right) b.classList.add("is-right");
      if (j === i && !right) b.classList.add("is-wrong");
      if (j === i) b.setAttribute("aria-pressed", "true");
    });
    const rightText = qn.options.find((o) => o.right).text;
    const fb = view.querySelector(".test-feedback");
    fb.dataset.right = String(right);
    fb.textContent = right ? "Right." : "Not quite. The right answer: " + (rightText.length > 200 ? rightText.slice(0, 200) + "…" : rightText);
    renderCounts();
    const hint = shell.actions.querySelector(".test-hint");
    if (hint) hint.hidden = true;
    const next = shell.actions.querySelector(".next");
    next.hidden = false;
    next.focus({ preventScroll: true });
    fb.scrollIntoView({ block: "nearest" });
  }

  function nextQuestion() {
    if (!s || s.mode !== "test" || s.done) return;
    if (s.questions[s.pos].chosen < 0) return;
    s.pos++;
    if (s.pos < s.questions.length) showQuestion();
    else showTestResult();
  }

  function showTestResult() {
    const t = now();
    s.done = true;
    const answered = s.questions.filter((q) => q.chosen >= 0);
    const total = answered.length;
    const frac = total ? s.score / total : 0;
    const prevScore = store.testScore(deckSlug);
    if (total) store.recordTest(deckSlug, frac, total, t);
    const sc = store.testScore(deckSlug);
    const pct = Math.round(frac * 100);
    const mistakes = answered.filter((q) => !q.options[q.chosen].right);
    const list = mistakes.length ? el("ol", { class: "mistakes" }, ...mistakes.map((q) => {
      const right = q.options.find((o) => o.right);
      return el("li", { "data-card-id": q.card.id },
        el("div", { class: "mistake-q prose", html: q.card.q }),
        el("p", { class: "mistake-yours" }, el("span", { class: "mistake-label" }, "Your answer: "), q.options[q.chosen].text),
        el("p", { class: "mistake-right" }, el("span", { class: "mistake-label" }, "Right answer: "), right.text),
        q.card.deckUrl ? el("p", { class: "quiz-src" }, el("a", { href: siteRoot + q.card.deckUrl }, "See it in the deck")) : null);
    })) : null;
    const newBest = total && prevScore && frac > prevScore.best;
    const sec = el("section", { class: "quiz-summary test-result", tabindex: "-1", "data-score": s.score, "data-total": total, "data-percent": pct, "aria-labelledby": "test-result-h" },
      el("h2", { id: "test-result-h" }, "Test result"),
      el("p", { class: "quiz-score" }, el("strong", {}, pct + "%"), " " + s.score + " of " + plural(total, "question") + " right"),
      sc ? el("p", { class: "test-scores" }, newBest ? "A new best score! " : "", "Best ", el("strong", { "data-best": sc.best }, Math.round(sc.best * 100) + "%"),
        " · last ", el("strong", { "data-last": sc.last }, Math.round(sc.last * 100) + "%")) : null,
      mistakes.length ? el("h3", {}, "Your mistakes") : el("p", {}, total ? "No mistakes." : "No question answered."),
      list,
      el("p", { class: "quiz-end-actions" }, button("Take another test", "start-test", startTest, "button primary"), backLink()));
    showScreen(sec, "done");
    announce("Test done: " + s.score + " of " + total + " right");
  }

  // ---------- the card: tap to reveal, swipe to grade ----------

  function attachCard(card) {
    card.addEventListener("click", (e) => {
      if (!s || s.revealed || s.done || s.mode === "test" || e.defaultPrevented) return;
      if (isInteractive(e.target, card)) return;
      const sel = getSelection && getSelection();
      if (sel && !sel.isCollapsed && card.contains(sel.anchorNode)) return; // selecting text
      showAnswer();
    });
    let start = null;
    card.addEventListener("pointerdown", (e) => {
      if (!s || !s.revealed || e.pointerType === "mouse" || !e.isPrimary) return;
      start = { x: e.clientX, y: e.clientY, id: e.pointerId };
    });
    card.addEventListener("pointermove", (e) => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.x;
      if (Math.abs(dx) > 10) {
        card.style.transform = "translateX(" + dx + "px) rotate(" + (dx / 40).toFixed(2) + "deg)";
        card.dataset.swipe = dx > SWIPE_PX ? "good" : dx < -SWIPE_PX ? "again" : "";
      }
    });
    const end = (e) => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      start = null;
      card.style.transform = "";
      delete card.dataset.swipe;
      if (e.type === "pointerup" && Math.abs(dx) >= SWIPE_PX && Math.abs(dy) < Math.abs(dx)) grade(dx > 0 ? 3 : 1);
    };
    card.addEventListener("pointerup", end);
    card.addEventListener("pointercancel", end);
  }

  // ---------- settings ----------

  function openSettings() {
    shell.closeMenu();
    fillSettings(panel, {
      ids: cards.map((c) => c.id), allDecks, siteRoot,
      onSaved: () => { if (s && s.mode === "review" && !s.done && !s.revealed) showCard(false); },
      onReset: () => { closeSettings(); startReview(); },
      onClose: closeSettings,
    });
    panel.hidden = false;
    settingsBtn.setAttribute("aria-expanded", "true");
    // The heading, not a field: a phone would pop its keyboard up.
    const h = panel.querySelector(".settings-title");
    h.focus({ preventScroll: true });
    panel.scrollIntoView({ block: "start" });
  }

  function closeSettings() {
    if (panel.hidden) return;
    panel.hidden = true;
    settingsBtn.setAttribute("aria-expanded", "false");
    // Back to studying: Space goes on with the card on screen.
    const card = view.querySelector(".quiz-card, .quiz-summary, .quiz-start, .quiz-empty");
    (card || settingsBtn).focus({ preventScroll: true });
  }

  settingsBtn.addEventListener("click", () => (panel.hidden ? openSettings() : closeSettings()));

  // ---------- keys ----------

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if (shell.dialogOpen()) return; // the dialog handles its keys
    const tgt = e.target;
    if (tgt && tgt.closest && tgt.closest("input, textarea, select, [contenteditable]")) {
      if (e.key === "Escape" && !panel.hidden) closeSettings();
      return;
    }
    if (e.key === "Escape") {
      if (shell.closeMenu(true)) { e.preventDefault(); return; }
      if (!panel.hidden) { e.preventDefault(); closeSettings(); return; }
      if (s && !s.done) { e.preventDefault(); leave(); }
      return;
    }
    if (tgt && tgt.closest && tgt.closest("#quiz-settings")) return;
    if (e.key === "u" || e.key === "U") {
      if (s && s.mode !== "test" && s.history.length) { e.preventDefault(); undoLast(); }
      return;
    }
    if (!s || s.done) return;
    const onControl = tgt && tgt.closest && tgt.closest("a[href], button, summary, audio, video");
    if (s.mode === "test") {
      const qn = s.questions[s.pos];
      if (qn.chosen < 0 && /^[1-9]$/.test(e.key)) {
        e.preventDefault();
        choose(Number(e.key) - 1);
      } else if (qn.chosen >= 0 && (e.key === " " || e.key === "Enter") && !(onControl && !onControl.matches(".next"))) {
        e.preventDefault();
        nextQuestion();
      }
      return;
    }
    if (e.key === "s" || e.key === "S") {
      const b = view.querySelector(".star");
      if (b) { e.preventDefault(); b.click(); }
      return;
    }
    if (!s.revealed) {
      if ((e.key === " " || e.key === "Enter") && !(onControl && !onControl.matches(".reveal"))) {
        e.preventDefault();
        showAnswer();
      }
    } else if (/^[1-4]$/.test(e.key)) {
      e.preventDefault();
      grade(Number(e.key));
    }
  }
  document.addEventListener("keydown", onKey);

  if (!cards.length) {
    view.replaceChildren(el("p", {}, "This deck has no cards. "), backLink());
    return;
  }
  modeButtons.test.disabled = !testOK;
  if (!testOK) modeButtons.test.title = "A test needs at least " + MIN_CARDS + " cards";
  startReview();
  // Test hooks: the session and helpers, for the browser tests.
  root.quiz = { get session() { return s; }, cards, startReview, startPractice, startTest, byId };
}
