// quiz-ui.js: the quiz: one card at a time, "Show answer" (Space / Enter),
// then Again / Hard / Good / Easy (keys 1-4), each showing the interval it
// would give. Review mode takes due cards first (most overdue first), then
// new ones, and schedules them with FSRS; practice mode goes over every
// card in random order and leaves the schedule alone.
import { now } from "./clock.js";
import * as store from "./store.js";
import { newCard, nextStates, review, formatInterval } from "./fsrs.js";
import { formatDate, plural, wrapTables } from "./dom.js";

const GRADES = [
  [1, "Again", "again"],
  [2, "Hard", "hard"],
  [3, "Good", "good"],
  [4, "Easy", "easy"],
];

/** reviewQueue orders cards for review at time t: due ones, most overdue first, then new ones in deck order. */
export function reviewQueue(cards, t) {
  const recs = store.allCards();
  const due = [];
  const fresh = [];
  for (const c of cards) {
    const rec = recs[c.id];
    const s = store.status(rec, t);
    if (s === "due") due.push([rec.due, c]);
    else if (s === "new") fresh.push(c);
  }
  due.sort((a, b) => a[0] - b[0]);
  // The second side of a new reversed pair waits until the end, so that it
  // does not follow its own answer.
  const first = [];
  const later = [];
  const seen = new Set();
  for (const c of fresh) {
    if (c.pair && seen.has(c.pair)) later.push(c);
    else first.push(c);
    seen.add(c.id);
  }
  return { due: due.map((x) => x[1]), fresh: [...first, ...later] };
}

function shuffle(a) {
  const b = a.slice();
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [b[i], b[j]] = [b[j], b[i]];
  }
  return b;
}

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "html") e.innerHTML = v;
    else if (k === "hidden") e.hidden = true;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  e.append(...kids.filter((k) => k != null));
  return e;
}

/**
 * startQuiz runs the quiz in root over cards (QuizCard objects from
 * #quiz-data). opts.root is the page's path to the site root, opts.deckUrl
 * the deck page's URL (relative to this page), opts.deckName the quiz deck's
 * full name ("A::B"; cards of subdecks are labelled with their own deck).
 */
export function startQuiz(root, cards, opts = {}) {
  const siteRoot = opts.root || "";
  const deckUrl = opts.deckUrl || siteRoot + "index.html";
  const live = el("p", { class: "sr-only", "aria-live": "polite", id: "quiz-live" });
  const view = el("div", { class: "quiz-view" });
  root.replaceChildren(view, live);

  let s = null; // the session

  function announce(text) {
    live.textContent = "";
    setTimeout(() => { live.textContent = text; }, 30);
  }

  function newSession(mode) {
    const t = now();
    let queue;
    if (mode === "practice") {
      queue = shuffle(cards);
    } else {
      const q = reviewQueue(cards, t);
      queue = [...q.due, ...q.fresh];
      s = null;
      if (!queue.length) return showCaughtUp();
    }
    s = {
      mode,
      queue: queue.map((card) => ({ card, repeat: false })),
      pos: 0,
      revealed: false,
      tally: { 1: 0, 2: 0, 3: 0, 4: 0 },
      graded: 0,
      history: [],
    };
    root.dataset.mode = mode;
    showCard(false);
  }

  function backLink(text) {
    return el("a", { class: "button", href: deckUrl }, text || "Back to the deck");
  }

  function nextDue(t) {
    const recs = store.allCards();
    let d = null;
    for (const c of cards) {
      const r = recs[c.id];
      if (r && r.due != null && r.due > t && (d == null || r.due < d)) d = r.due;
    }
    return d;
  }

  function showCaughtUp() {
    const t = now();
    root.dataset.state = "caught-up";
    const c = store.counts(cards.map((x) => x.id), t);
    const d = nextDue(t);
    const practice = el("button", { type: "button", class: "button primary", "data-action": "practice" },
      "Practice all " + plural(cards.length, "card"));
    practice.addEventListener("click", () => newSession("practice"));
    const sec = el("section", { class: "quiz-empty", tabindex: "-1" },
      el("h2", {}, "All caught up"),
      el("p", {}, "No card of this deck is due now. " +
        plural(c.learned + c.learning, "card") + " learned" +
        (d != null ? "; the next one is due " + formatDate(d, t) + "." : ".")),
      el("p", {}, "Practice goes over every card in random order and does not change your schedule."),
      el("p", { class: "quiz-end-actions" }, practice, " ", backLink()));
    view.replaceChildren(sec);
    return sec;
  }

  function showCard(focus = true) {
    const item = s.queue[s.pos];
    const c = item.card;
    s.revealed = false;
    root.dataset.state = "question";
    const t = now();
    const total = s.queue.length;
    const n = s.pos + 1;

    const undo = el("button", { type: "button", class: "button small quiz-undo", "data-action": "undo", disabled: !s.history.length }, "Undo");
    undo.addEventListener("click", undoLast);
    const bar = el("div", { class: "quiz-bar" },
      el("span", { class: "quiz-mode" }, s.mode === "practice" ? "Practice" : "Review"),
      el("span", { class: "quiz-progress", "data-pos": n, "data-total": total, "aria-label": "Card " + n + " of " + total }, n + " / " + total),
      undo);
    const meter = el("div", { class: "quiz-meter", "aria-hidden": "true" }, el("span", {}));
    meter.firstChild.style.width = (100 * s.pos / total).toFixed(2) + "%";

    const q = el("div", { class: "quiz-q prose", html: c.q });
    const aBody = c.a && c.a.trim() ? el("div", { class: "prose", html: c.a }) : el("p", { class: "card-noanswer" }, "No answer: a prompt to think about.");
    const src = c.deckUrl ? el("p", { class: "quiz-src" }, el("a", { href: siteRoot + c.deckUrl }, "See it in the deck")) : null;
    const a = el("div", { class: "quiz-a", tabindex: "-1", hidden: true, "aria-label": "Answer" }, aBody, src);
    // Name the card's deck when the quiz covers subdecks.
    let label = "";
    if (c.deck && opts.deckName && c.deck !== opts.deckName) {
      label = c.deck.startsWith(opts.deckName + "::") ? c.deck.slice(opts.deckName.length + 2).split("::").join(" › ") : c.deck.split("::").join(" › ");
    }
    if (item.repeat) label = label ? "Again · " + label : "Again";
    const ctx = c.ctx && c.ctx.length ? el("p", { class: "card-ctx" }, c.ctx.join(" › ")) : null;
    const card = el("article", { class: "quiz-card", tabindex: "-1", "data-card-id": c.id, "data-kind": c.kind || "", "aria-label": "Card " + n + " of " + total },
      label ? el("p", { class: "quiz-label" }, label) : null, ctx, q, a);

    const reveal = el("button", { type: "button", class: "button primary big reveal", "data-action": "reveal" },
      "Show answer", el("kbd", { "aria-hidden": "true" }, "Space"));
    reveal.addEventListener("click", showAnswer);

    let next = null;
    if (s.mode === "review" && !item.repeat) {
      try {
        next = nextStates(store.getCard(c.id) || newCard(), t);
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
    const actions = el("div", { class: "quiz-actions" }, reveal, grades);

    view.replaceChildren(bar, meter, card, actions, ...(note ? [note] : []));
    wrapTables(card);
    if (focus) {
      card.focus({ preventScroll: true });
      (root.getBoundingClientRect().top < 0 ? root : card).scrollIntoView({ block: "nearest" });
    }
    announce("Card " + n + " of " + total);
  }

  function showAnswer() {
    if (!s || s.revealed) return;
    s.revealed = true;
    root.dataset.state = "answer";
    const a = view.querySelector(".quiz-a");
    a.hidden = false;
    view.querySelector(".reveal").hidden = true;
    view.querySelector(".grades").hidden = false;
    a.focus({ preventScroll: true });
    a.scrollIntoView({ block: "nearest" });
  }

  function grade(g) {
    if (!s || !s.revealed) return;
    const item = s.queue[s.pos];
    const id = item.card.id;
    const t = now();
    const h = { pos: s.pos, id, grade: g, repeat: item.repeat, prev: null, at: t, requeued: false, saved: false };
    if (s.mode === "review" && !item.repeat) {
      const prev = store.getCard(id);
      h.prev = prev;
      try {
        const base = prev || newCard();
        const rec = review(base, g, t);
        if (prev && prev.starred) rec.starred = true;
        store.record(id, rec, { id, grade: g, at: t, state: base.state, due: rec.due, scheduledDays: rec.scheduledDays });
        h.saved = true;
      } catch (e) {
        console.error(e);
      }
    }
    if (!item.repeat) {
      s.tally[g]++;
      s.graded++;
    }
    if (g === 1 && s.mode === "review") {
      s.queue.push({ card: item.card, repeat: true });
      h.requeued = true;
    }
    s.history.push(h);
    s.pos++;
    if (s.pos < s.queue.length) showCard();
    else showSummary();
  }

  function undoLast() {
    if (!s || !s.history.length) return;
    const h = s.history.pop();
    if (h.saved) store.undo(h.id, h.prev, h.at);
    if (!h.repeat) {
      s.tally[h.grade]--;
      s.graded--;
    }
    if (h.requeued) s.queue.pop();
    s.pos = h.pos;
    showCard();
    announce("Last answer undone");
  }

  function showSummary() {
    const t = now();
    root.dataset.state = "done";
    const remembered = s.tally[2] + s.tally[3] + s.tally[4];
    const pct = s.graded ? Math.round(100 * remembered / s.graded) : 0;
    const again = el("button", { type: "button", class: "button primary", "data-action": "restart" }, "Study again");
    again.addEventListener("click", () => {
      const q = reviewQueue(cards, now());
      newSession(q.due.length + q.fresh.length || s.mode !== "practice" ? "review" : "practice");
    });
    const undo = el("button", { type: "button", class: "button", "data-action": "undo" }, "Undo last answer");
    undo.addEventListener("click", undoLast);
    const d = s.mode === "review" ? nextDue(t) : null;
    const tally = el("ul", { class: "grade-tally", role: "list" },
      ...GRADES.map(([g, name, cls]) => el("li", { class: "tally-" + cls, "data-grade": g }, el("b", {}, String(s.tally[g])), " " + name)));
    const sec = el("section", { class: "quiz-summary", tabindex: "-1", "data-again": s.tally[1], "data-hard": s.tally[2],
      "data-good": s.tally[3], "data-easy": s.tally[4], "data-percent": pct },
    el("h2", {}, s.mode === "practice" ? "Practice done" : "Session done"),
    el("p", { class: "quiz-score" }, el("strong", {}, pct + "%"), " remembered (" + remembered + " of " + plural(s.graded, "card") + ")"),
    tally,
    d != null ? el("p", {}, "Next card due " + formatDate(d, t) + ".") : null,
    s.mode === "practice" ? el("p", {}, "Practice did not change your schedule.") : null,
    el("p", { class: "quiz-end-actions" }, again, " ", backLink(), " ", undo));
    view.replaceChildren(sec);
    sec.focus({ preventScroll: true });
    sec.scrollIntoView({ block: "nearest" });
    announce("Session done: " + pct + "% remembered");
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if (!s || root.dataset.state === "done" || root.dataset.state === "caught-up") return;
    const tgt = e.target;
    if (tgt && tgt.closest && tgt.closest("input, textarea, select, [contenteditable]")) return;
    const onControl = tgt && tgt.closest && tgt.closest("a[href], button, summary, audio, video");
    if (!s.revealed) {
      if ((e.key === " " || e.key === "Enter") && !onControl) {
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
  newSession("review");
}
