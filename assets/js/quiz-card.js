// quiz-card.js: the card on screen in review and practice. The question
// fills the view; tapping the card (or Space, or "Show answer" in the
// bottom bar) reveals the answer, and the same place in the bottom bar
// then holds the four grades, with their intervals in review. On touch
// screens the revealed card can be swiped right (Good) or left (Again).
// A grade is confirmed in a toast with Undo; the session's next card
// follows, or the summary (quiz.to.summary) when there is none.
import { now } from "./clock.js";
import * as store from "./store.js";
import { newCard } from "./fsrs.js";
import { preview, formatDelay, describeDelay } from "./learning.js";
import * as session from "./session.js";
import { wrapTables, isInteractive } from "./dom.js";
import { el } from "./el.js";
import { GRADES, MODE_NAMES, announce, schedOpts, setMode, deckLabel, renderCounts, gradeReview, mark, measure } from "./quiz-core.js";

const SWIPE_PX = 80;

function starButton(q, c) {
  const on = store.isStarred(c.id);
  const b = el("button", { type: "button", class: "star", "data-action": "star", "aria-pressed": String(on), "aria-keyshortcuts": "s",
    title: on ? "Starred (s)" : "Star this card (s)" },
  el("span", { "aria-hidden": "true" }, on ? "★" : "☆"), el("span", { class: "sr-only" }, "Star"));
  b.addEventListener("click", () => toggleStar(q, c, b));
  return b;
}

function toggleStar(q, c, b) {
  const on = b.getAttribute("aria-pressed") !== "true";
  store.setStarred([c.id], on, now());
  b.setAttribute("aria-pressed", String(on));
  b.title = on ? "Starred (s)" : "Star this card (s)";
  b.firstChild.textContent = on ? "★" : "☆";
  announce(q, on ? "Starred" : "Star removed");
}

// gradeButtons: the four grades, with the interval each would give in
// review (next: learning.js preview), hidden until the answer shows.
function gradeButtons(q, next) {
  return el("div", { class: "grades", role: "group", "aria-label": "How well did you remember it?", hidden: true },
    ...GRADES.map(([g, name, cls]) => {
      const ivl = next && next[g] ? formatDelay(next[g].delay) : "";
      const b = el("button", { type: "button", class: "grade grade-" + cls, "data-grade": g, "aria-keyshortcuts": String(g),
        "aria-label": name + (ivl ? ", next in " + describeDelay(next[g].delay) : "") },
      el("span", { class: "grade-name" }, name),
      ivl ? el("span", { class: "grade-ivl", "data-step": String(next[g].step) }, ivl) : null,
      el("kbd", { "aria-hidden": "true" }, String(g)));
      b.addEventListener("click", () => grade(q, g));
      return b;
    }));
}

/** showCard shows the session's current card, question side (said: what to announce first). */
export function showCard(q, focus = true, said = "") {
  const s = q.s;
  const cur = s.q.cur;
  const c = cur.card;
  q.waiting++; // a screen still loading (quiz-core.js latest) does not replace the card
  s.revealed = false;
  q.root.dataset.state = "question";
  q.shell.setStudying(true);

  const qEl = el("div", { class: "quiz-q prose", id: "quiz-q", html: c.q });
  const aBody = c.a && c.a.trim() ? el("div", { class: "prose", html: c.a }) : el("p", { class: "card-noanswer" }, "No answer: a prompt to think about.");
  const src = c.deckUrl ? el("p", { class: "quiz-src" }, el("a", { href: q.siteRoot + c.deckUrl }, "See it in the deck")) : null;
  const a = el("div", { class: "quiz-a", id: "quiz-a", tabindex: "-1", hidden: true, role: "region", "aria-label": "Answer" }, aBody, src);
  let label = deckLabel(q, c);
  if (cur.again) label = label ? "Again · " + label : "Again";
  const ctx = c.ctx && c.ctx.length ? el("p", { class: "card-ctx" }, c.ctx.join(" › ")) : null;
  const head = el("div", { class: "quiz-card-head" },
    el("div", { class: "quiz-card-where" }, label ? el("p", { class: "quiz-label" }, label) : null, ctx), starButton(q, c));
  const tapHint = el("p", { class: "quiz-tap-hint", "aria-hidden": "true" }, "Tap to show the answer");
  const card = el("article", { class: "quiz-card", tabindex: "-1", "data-card-id": c.id, "data-kind": c.kind || "", "data-queue": cur.queue,
    "aria-roledescription": "flashcard", "aria-label": "Card: " + (MODE_NAMES[s.mode] || "") },
  head, qEl, a, tapHint);

  const reveal = el("button", { type: "button", class: "button primary big reveal", "data-action": "reveal", "aria-keyshortcuts": "Space Enter", "aria-controls": "quiz-a", "aria-expanded": "false" },
    "Show answer", el("kbd", { "aria-hidden": "true" }, "Space"));
  reveal.addEventListener("click", () => showAnswer(q));

  let next = null;
  if (s.mode === "review") {
    try {
      next = preview(store.getCard(c.id) || newCard(), now(), schedOpts());
    } catch (e) {
      console.error(e);
    }
  }
  q.view.replaceChildren(card);
  q.shell.setActions(reveal, gradeButtons(q, next));
  renderCounts(q);
  wrapTables(card);
  attachCard(q, card);
  scrollTo(0, 0);
  if (focus) card.focus({ preventScroll: true });
  announce(q, (said ? said + ". " : "") + (label ? label + ": " : "") + (qEl.textContent || "").trim().slice(0, 300));
}

/** showAnswer reveals the answer of the card on screen and puts the grades in the bottom bar. */
export function showAnswer(q) {
  const s = q.s;
  if (!s || s.revealed || s.mode === "test" || s.done) return;
  s.revealed = true;
  q.root.dataset.state = "answer";
  const a = q.view.querySelector(".quiz-a");
  a.hidden = false;
  const rv = q.shell.actions.querySelector(".reveal");
  rv.setAttribute("aria-expanded", "true");
  rv.hidden = true;
  q.shell.actions.querySelector(".grades").hidden = false;
  const hint = q.view.querySelector(".quiz-tap-hint");
  if (hint) hint.textContent = "Swipe right for Good, left for Again";
  a.focus({ preventScroll: true });
  // The question stays in view; the answer is scrolled to only when it
  // starts below the bottom bar.
  const bar = q.shell.bottom.getBoundingClientRect().top;
  if (a.getBoundingClientRect().top > bar - 48) a.scrollIntoView({ block: "start" });
  announce(q, "Answer: " + (a.textContent || "").trim().slice(0, 300));
}

/** grade answers the card on screen with g (1-4); review stores it, practice only counts it. */
export function grade(q, g) {
  const s = q.s;
  if (!s || !s.revealed || s.done || s.mode === "test") return;
  mark("flipdeck:grade-start");
  const id = s.q.cur.card.id;
  const t = now();
  const h = { snap: session.snapshot(s.q), id, grade: g, prev: null, at: t, saved: false, first: !s.studied.has(id) };
  let rec = null;
  let delay = null;
  if (s.mode === "review") {
    const r = gradeReview(q, id, g, t);
    ({ rec, delay } = r);
    h.prev = r.prev;
    h.saved = r.saved;
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
  q.shell.toast(said, () => undoLast(q), GRADES[g - 1][2]);
  if (session.next(s.q, now())) showCard(q, true, said);
  else q.to.summary();
  mark("flipdeck:grade-end");
  measure("flipdeck:grade", "flipdeck:grade-start", "flipdeck:grade-end");
}

/** undoLast takes back the session's last answer (and its stored review) and shows that card again. */
export function undoLast(q) {
  const s = q.s;
  if (!s || s.mode === "test" || !s.history || !s.history.length) return;
  const h = s.history.pop();
  if (h.saved) store.undo(h.id, h.prev, h.at);
  s.tally[h.grade]--;
  s.answers--;
  if (h.first) s.studied.delete(h.id);
  session.restore(s.q, h.snap);
  s.done = false;
  setMode(q, s.mode);
  q.shell.hideToast();
  showCard(q, true, "Last answer undone");
}

// attachCard makes the card tap to reveal, and once revealed, swipe to grade.
function attachCard(q, card) {
  card.addEventListener("click", (e) => {
    const s = q.s;
    if (!s || s.revealed || s.done || s.mode === "test" || e.defaultPrevented) return;
    if (isInteractive(e.target, card)) return;
    const sel = getSelection && getSelection();
    if (sel && !sel.isCollapsed && card.contains(sel.anchorNode)) return; // selecting text
    showAnswer(q);
  });
  let start = null;
  card.addEventListener("pointerdown", (e) => {
    if (!q.s || !q.s.revealed || e.pointerType === "mouse" || !e.isPrimary) return;
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
    if (e.type === "pointerup" && Math.abs(dx) >= SWIPE_PX && Math.abs(dy) < Math.abs(dx)) grade(q, dx > 0 ? 3 : 1);
  };
  card.addEventListener("pointerup", end);
  card.addEventListener("pointercancel", end);
}

/**
 * cardKey handles a key on the card screen: s stars, Space/Enter reveal
 * (unless on another control: onControl), 1-4 grade.
 */
export function cardKey(q, e, onControl) {
  if (e.key === "s" || e.key === "S") {
    const b = q.view.querySelector(".star");
    if (b) { e.preventDefault(); b.click(); }
    return;
  }
  if (!q.s.revealed) {
    if ((e.key === " " || e.key === "Enter") && !(onControl && !onControl.matches(".reveal"))) {
      e.preventDefault();
      showAnswer(q);
    }
  } else if (/^[1-4]$/.test(e.key)) {
    e.preventDefault();
    grade(q, Number(e.key));
  }
}
