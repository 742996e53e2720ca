// quiz-ui.js: the quiz page. Three modes over the quiz's cards:
//
//   review    due cards (most overdue first), then new ones up to the daily
//             limit, graded Again / Hard / Good / Easy and scheduled with
//             FSRS; a failed card comes back later in the session; the two
//             sides of a reversed pair are never both studied on one day.
//   practice  all, starred or recently failed cards, shuffled; grades do
//             not touch the schedule.
//   test      multiple choice, scored; best and last score kept per deck.
//
// Keys: Space/Enter reveal (or next, in a test), 1-4 grade (or choose),
// u undo, s star, Esc leave the session. On touch screens the revealed card
// can be swiped right (Good) or left (Again).
import { now } from "./clock.js";
import * as store from "./store.js";
import { newCard, nextStates, review, retrievability, formatInterval, DAY_MS } from "./fsrs.js";
import { reviewQueue, nextDue, recentlyFailed, shuffle } from "./schedule.js";
import { canTest, makeTest, seeded, MIN_CARDS, MAX_QUESTIONS } from "./testmode.js";
import { formatDate, plural, wrapTables } from "./dom.js";
import * as persist from "./persist.js";
import { controls as backupControls } from "./backup.js";

const GRADES = [
  [1, "Again", "again"],
  [2, "Hard", "hard"],
  [3, "Good", "good"],
  [4, "Easy", "easy"],
];
const REPEAT_GAP = 4; // a failed card comes back after this many others
const SWIPE_PX = 80;

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "html") e.innerHTML = v;
    else if (k === "hidden") e.hidden = true;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  e.append(...kids.filter((k) => k != null));
  return e;
}

function button(label, action, fn, cls = "button") {
  const b = el("button", { type: "button", class: cls, "data-action": action }, label);
  b.addEventListener("click", fn);
  return b;
}

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

/**
 * startQuiz runs the quiz in root over cards (QuizCard objects, in deck
 * order). opts: root (the page's path to the site root), deckUrl (the
 * deck page), deckName (full name "A::B"), deckSlug (key of test scores).
 */
export function startQuiz(root, cards, opts = {}) {
  const siteRoot = opts.root || "";
  const deckUrl = opts.deckUrl || siteRoot + "index.html";
  const deckSlug = opts.deckSlug || opts.deckName || "deck";
  const byId = new Map(cards.map((c) => [c.id, c]));
  const testOK = canTest(cards);

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
  const top = el("div", { class: "quiz-top" }, modes, settingsBtn);
  const panel = el("section", { id: "quiz-settings", class: "quiz-settings", hidden: true, "aria-label": "Settings" });
  const view = el("div", { class: "quiz-view" });
  root.replaceChildren(top, panel, view, live);

  let s = null; // the current session
  let persistAsked = false;

  function announce(text) {
    live.textContent = "";
    setTimeout(() => { live.textContent = text; }, 30);
  }

  function settings() {
    return store.settings();
  }

  function fsrsOpts() {
    return { retention: settings().retention };
  }

  function setMode(m) {
    root.dataset.mode = m;
    for (const [k, b] of Object.entries(modeButtons)) b.setAttribute("aria-pressed", String(k === m));
  }

  function switchMode(m) {
    if (m === "review") startReview();
    else if (m === "practice") showPracticeStart();
    else showTestStart();
  }

  function backLink(text) {
    return el("a", { class: "button", href: deckUrl }, text || "Back to the deck");
  }

  function focusView(node) {
    if (!node) return;
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "nearest" });
  }

  // ---------- review and practice sessions ----------

  function startReview() {
    setMode("review");
    const t = now();
    const st = settings();
    const q = reviewQueue(cards, store.allCards(), store.getLog(), st.newPerDay, t);
    const queue = [...q.due, ...q.fresh];
    s = null;
    if (!queue.length) return showCaughtUp(q);
    s = session("review", queue);
    s.info = q;
    showCard(false);
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
    if (!list.length) return showPracticeStart();
    s = session("practice", shuffle(list));
    s.set = set;
    showCard(true);
  }

  function session(mode, queue) {
    return {
      mode,
      queue: queue.map((card) => ({ card, repeat: false })),
      pos: 0,
      revealed: false,
      tally: { 1: 0, 2: 0, 3: 0, 4: 0 },
      graded: 0,
      history: [],
      done: false,
    };
  }

  function showCaughtUp(q) {
    const t = now();
    root.dataset.state = "caught-up";
    const c = store.counts(cards.map((x) => x.id), t);
    const d = nextDue(cards, store.allCards(), t);
    const lines = [el("p", {}, "No card of this deck is due now. " +
      plural(c.learned + c.learning, "card") + " learned" +
      (d != null ? "; the next one is due " + formatDate(d, t) + "." : "."))];
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
    view.replaceChildren(sec);
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

  function progressBar(n, total, extra) {
    const undo = button("Undo", "undo", undoLast, "button small quiz-undo");
    undo.disabled = !(s.history && s.history.length);
    undo.setAttribute("aria-keyshortcuts", "u");
    const label = { review: "Review", practice: "Practice", test: "Test" }[s.mode];
    const bar = el("div", { class: "quiz-bar" },
      el("span", { class: "quiz-mode" }, label),
      el("span", { class: "quiz-progress", "data-pos": n, "data-total": total }, el("span", { class: "sr-only" }, "Card "), n + " / " + total),
      extra || null,
      s.mode === "test" ? null : undo);
    const meter = el("div", { class: "quiz-meter", "aria-hidden": "true" }, el("span", {}));
    meter.firstChild.style.width = (100 * (n - 1) / total).toFixed(2) + "%";
    return [bar, meter];
  }

  function showCard(focus = true) {
    const item = s.queue[s.pos];
    const c = item.card;
    s.revealed = false;
    root.dataset.state = "question";
    const t = now();
    const total = s.queue.length;
    const n = s.pos + 1;

    const q = el("div", { class: "quiz-q prose", id: "quiz-q", html: c.q });
    const aBody = c.a && c.a.trim() ? el("div", { class: "prose", html: c.a }) : el("p", { class: "card-noanswer" }, "No answer: a prompt to think about.");
    const src = c.deckUrl ? el("p", { class: "quiz-src" }, el("a", { href: siteRoot + c.deckUrl }, "See it in the deck")) : null;
    const a = el("div", { class: "quiz-a", id: "quiz-a", tabindex: "-1", hidden: true, role: "region", "aria-label": "Answer" }, aBody, src);
    let label = deckLabel(c);
    if (item.repeat) label = label ? "Again · " + label : "Again";
    const ctx = c.ctx && c.ctx.length ? el("p", { class: "card-ctx" }, c.ctx.join(" › ")) : null;
    const head = el("div", { class: "quiz-card-head" },
      el("div", { class: "quiz-card-where" }, label ? el("p", { class: "quiz-label" }, label) : null, ctx), starButton(c));
    const card = el("article", { class: "quiz-card", tabindex: "-1", "data-card-id": c.id, "data-kind": c.kind || "",
      "aria-roledescription": "flashcard", "aria-label": "Card " + n + " of " + total },
    head, q, a);

    const reveal = el("button", { type: "button", class: "button primary big reveal", "data-action": "reveal", "aria-keyshortcuts": "Space Enter", "aria-controls": "quiz-a", "aria-expanded": "false" },
      "Show answer", el("kbd", { "aria-hidden": "true" }, "Space"));
    reveal.addEventListener("click", showAnswer);

    let next = null;
    if (s.mode === "review" && !item.repeat) {
      try {
        next = nextStates(store.getCard(c.id) || newCard(), t, fsrsOpts());
      } catch (e) {
        console.error(e);
      }
    }
    const grades = el("div", { class: "grades", role: "group", "aria-label": "How well did you remember it?", hidden: true },
      ...GRADES.map(([g, name, cls]) => {
        const ivl = next && next[g] ? formatInterval(next[g].interval) : "";
        const b = el("button", { type: "button", class: "grade grade-" + cls, "data-grade": g, "aria-keyshortcuts": String(g),
          "aria-label": name + (ivl ? ", next in " + ivl : "") },
        el("span", { class: "grade-name" }, name),
        ivl ? el("span", { class: "grade-ivl" }, ivl) : null,
        el("kbd", { "aria-hidden": "true" }, String(g)));
        b.addEventListener("click", () => grade(g));
        return b;
      }));
    const note = item.repeat && s.mode === "review"
      ? el("p", { class: "quiz-hint" }, "A repeat: your first answer already set this card's schedule.")
      : s.mode === "practice" ? el("p", { class: "quiz-hint" }, "Practice: your answers do not change the schedule.") : null;
    const swipeHint = el("p", { class: "quiz-hint swipe-hint", hidden: true }, "Swipe the card right for Good, left for Again.");
    const actions = el("div", { class: "quiz-actions" }, reveal, grades);

    view.replaceChildren(...progressBar(n, total), card, actions, swipeHint, ...(note ? [note] : []));
    wrapTables(card);
    attachSwipe(card);
    if (focus) focusView(card);
    announce("Card " + n + " of " + total + (label ? ", " + label : "") + ": " + (q.textContent || "").trim().slice(0, 300));
  }

  function showAnswer() {
    if (!s || s.revealed || s.mode === "test" || s.done) return;
    s.revealed = true;
    root.dataset.state = "answer";
    const a = view.querySelector(".quiz-a");
    a.hidden = false;
    const rv = view.querySelector(".reveal");
    rv.setAttribute("aria-expanded", "true");
    rv.hidden = true;
    view.querySelector(".grades").hidden = false;
    const hint = view.querySelector(".swipe-hint");
    if (hint && matchMedia("(pointer: coarse)").matches) hint.hidden = false;
    focusView(a);
    // A long answer (a table, a diagram) shows from its start, under its
    // question, not from its middle.
    if (a.getBoundingClientRect().height > innerHeight * 0.6) (a.closest(".quiz-card") || a).scrollIntoView({ block: "start" });
    else a.scrollIntoView({ block: "nearest" });
  }

  function grade(g) {
    if (!s || !s.revealed || s.done || s.mode === "test") return;
    mark("flipdeck:grade-start");
    const item = s.queue[s.pos];
    const id = item.card.id;
    const t = now();
    const h = { pos: s.pos, id, grade: g, repeat: item.repeat, prev: null, at: t, requeuedAt: -1, saved: false };
    if (s.mode === "review" && !item.repeat) {
      const prev = store.getCard(id);
      h.prev = prev;
      try {
        const base = prev || newCard();
        const isNew = !prev || prev.state === "new";
        const o = fsrsOpts();
        const r = isNew ? null : Math.round(retrievability(base, t, o) * 1e4) / 1e4;
        const rec = review(base, g, t, o);
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
    if (!item.repeat) {
      s.tally[g]++;
      s.graded++;
    }
    if (g === 1) {
      const at = Math.min(s.pos + 1 + REPEAT_GAP, s.queue.length);
      s.queue.splice(at, 0, { card: item.card, repeat: true });
      h.requeuedAt = at;
    }
    s.history.push(h);
    s.pos++;
    if (s.pos < s.queue.length) showCard();
    else showSummary();
    mark("flipdeck:grade-end");
    measure("flipdeck:grade", "flipdeck:grade-start", "flipdeck:grade-end");
  }

  function undoLast() {
    if (!s || !s.history || !s.history.length) return;
    const h = s.history.pop();
    if (h.saved) store.undo(h.id, h.prev, h.at);
    if (!h.repeat) {
      s.tally[h.grade]--;
      s.graded--;
    }
    if (h.requeuedAt >= 0) s.queue.splice(h.requeuedAt, 1);
    s.pos = h.pos;
    s.done = false;
    setMode(s.mode);
    showCard();
    announce("Last answer undone. Card " + (s.pos + 1) + " of " + s.queue.length);
  }

  function leave() {
    if (!s || s.done) return;
    if (s.mode === "test") return showTestResult();
    showSummary(true);
  }

  function showSummary(left = false) {
    const t = now();
    s.done = true;
    root.dataset.state = "done";
    const remembered = s.tally[2] + s.tally[3] + s.tally[4];
    const pct = s.graded ? Math.round(100 * remembered / s.graded) : 0;
    const again = button(s.mode === "practice" ? "Practice again" : "Study again", "restart",
      () => (s.mode === "practice" ? startPractice(s.set) : startReview()), "button primary");
    const undo = s.history.length ? button("Undo last answer", "undo", undoLast) : null;
    const d = s.mode === "review" ? nextDue(cards, store.allCards(), t) : null;
    const tally = el("ul", { class: "grade-tally", role: "list" },
      ...GRADES.map(([g, name, cls]) => el("li", { class: "tally-" + cls, "data-grade": g }, el("b", {}, String(s.tally[g])), " " + name)));
    const left0 = left ? s.queue.length - s.pos : 0;
    const sec = el("section", { class: "quiz-summary", tabindex: "-1", "data-again": s.tally[1], "data-hard": s.tally[2],
      "data-good": s.tally[3], "data-easy": s.tally[4], "data-percent": pct, "aria-labelledby": "quiz-summary-h" },
    el("h2", { id: "quiz-summary-h" }, left ? "Session ended" : s.mode === "practice" ? "Practice done" : "Session done"),
    el("p", { class: "quiz-score" }, el("strong", {}, pct + "%"), " remembered (" + remembered + " of " + plural(s.graded, "card") + ")"),
    tally,
    left0 ? el("p", {}, plural(left0, "card") + " left for later.") : null,
    d != null ? el("p", {}, "Next card due " + formatDate(d, t) + ".") : null,
    s.mode === "practice" ? el("p", {}, "Practice did not change your schedule.") : null,
    el("p", { class: "quiz-end-actions" }, again, backLink(), undo));
    view.replaceChildren(sec);
    focusView(sec);
    announce((left ? "Session ended" : "Session done") + ": " + pct + "% remembered");
  }

  // ---------- practice start ----------

  function showPracticeStart() {
    setMode("practice");
    s = null;
    root.dataset.state = "start";
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
    view.replaceChildren(sec);
    focusView(sec);
  }

  // ---------- test mode ----------

  function showTestStart() {
    setMode("test");
    s = null;
    root.dataset.state = "start";
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
    view.replaceChildren(sec);
    focusView(sec);
  }

  function startTest() {
    setMode("test");
    s = { mode: "test", questions: makeTest(cards, MAX_QUESTIONS, seeded(now())), pos: 0, score: 0, done: false, history: [] };
    showQuestion();
  }

  function showQuestion() {
    const qn = s.questions[s.pos];
    const c = qn.card;
    root.dataset.state = "question";
    const n = s.pos + 1;
    const total = s.questions.length;
    const q = el("div", { class: "quiz-q prose", id: "quiz-q", html: c.q });
    const label = deckLabel(c);
    const prompt = qn.cloze ? "Which text fills the gap?" : "Which is the answer?";
    const card = el("article", { class: "quiz-card", tabindex: "-1", "data-card-id": c.id, "data-kind": c.kind || "",
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
    view.replaceChildren(...progressBar(n, total, el("span", { class: "test-score-now" }, s.score + " right")),
      card, el("p", { class: "test-prompt" }, prompt), list, feedback, el("div", { class: "quiz-actions test-actions" }, next));
    wrapTables(card);
    focusView(card);
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
    view.querySelector(".test-score-now").textContent = s.score + " right";
    const next = view.querySelector(".next");
    next.hidden = false;
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "nearest" });
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
    root.dataset.state = "done";
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
    view.replaceChildren(sec);
    focusView(sec);
    announce("Test done: " + s.score + " of " + total + " right");
  }

  // ---------- swipe ----------

  function attachSwipe(card) {
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

  function buildSettings() {
    const st = settings();
    const ret = el("input", { type: "number", id: "set-retention", min: "0.70", max: "0.99", step: "0.01", value: st.retention.toFixed(2), inputmode: "decimal", "aria-describedby": "set-retention-hint" });
    const lim = el("input", { type: "number", id: "set-new", min: "0", max: "9999", step: "1", value: String(st.newPerDay), inputmode: "numeric", "aria-describedby": "set-new-hint" });
    const saved = el("p", { class: "settings-status", role: "status" });
    const save = () => {
      const r = store.setSettings({ retention: Number(ret.value), newPerDay: Number(lim.value) }, now());
      const cur = settings();
      ret.value = cur.retention.toFixed(2);
      lim.value = String(cur.newPerDay);
      saved.textContent = r.ok ? "Saved: retention " + Math.round(cur.retention * 100) + "%, " + plural(cur.newPerDay, "new card") + " a day." : "Not saved.";
      if (s && s.mode === "review" && !s.done && !s.revealed) showCard(false);
    };
    ret.addEventListener("change", save);
    lim.addEventListener("change", save);

    const pstate = el("p", { class: "persist-state", "data-state": persist.current() });
    persist.onState((x) => {
      pstate.dataset.state = x;
      pstate.textContent = persist.describe(x);
    });
    persist.check();

    const ids = cards.map((c) => c.id);
    const resetBox = el("div", { class: "reset-box" });
    const resetBtn = button("Reset progress of " + (opts.deckName === "All decks" ? "all decks" : "this deck") + "…", "reset", () => {
      const sure = button("Yes, forget " + plural(ids.filter((id) => store.getCard(id)).length, "card record"), "reset-confirm", () => {
        store.resetCards(ids);
        resetBox.replaceChildren(resetBtn, el("p", { role: "status" }, "Progress reset."));
        closeSettings();
        startReview();
      }, "button danger");
      const cancel = button("Cancel", "reset-cancel", () => resetBox.replaceChildren(resetBtn));
      resetBox.replaceChildren(el("p", {}, "Forget every review of these " + plural(ids.length, "card") + "? Stars and test scores stay. Export first to keep a copy."), el("p", { class: "quiz-end-actions" }, sure, cancel));
      sure.focus();
    }, "button");
    resetBox.append(resetBtn);

    panel.replaceChildren(
      el("h2", { class: "settings-title" }, "Settings"),
      el("div", { class: "field" },
        el("label", { for: "set-retention" }, "Desired retention"),
        ret,
        el("p", { class: "field-hint", id: "set-retention-hint" }, "The chance of remembering a card when it comes due, 0.70 to 0.99 (default 0.90). Higher means more reviews.")),
      el("div", { class: "field" },
        el("label", { for: "set-new" }, "New cards a day"),
        lim,
        el("p", { class: "field-hint", id: "set-new-hint" }, "How many new cards review mode brings in each day (default 20).")),
      saved,
      el("h3", {}, "Your progress"),
      pstate,
      backupControls(),
      resetBox,
      el("p", {}, el("a", { href: siteRoot + "stats.html" }, "Statistics")),
      button("Close settings", "close-settings", closeSettings, "button small"));
  }

  function openSettings() {
    buildSettings();
    panel.hidden = false;
    settingsBtn.setAttribute("aria-expanded", "true");
    panel.querySelector("input").focus();
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
    const tgt = e.target;
    if (tgt && tgt.closest && tgt.closest("input, textarea, select, [contenteditable]")) {
      if (e.key === "Escape" && !panel.hidden) closeSettings();
      return;
    }
    if (e.key === "Escape") {
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
