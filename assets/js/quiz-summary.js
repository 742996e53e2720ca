// quiz-summary.js: the end of a review or practice session (all cards
// done, or ✕ End): cards studied, the time it took, the again-rate and
// each grade's count, what is left for later and when the next card is
// due, with "Study again", undo and, after a review, "Continue with" the
// next deck that has cards to study.
import { now } from "./clock.js";
import * as store from "./store.js";
import { nextDue } from "./schedule.js";
import * as session from "./session.js";
import { plural } from "./dom.js";
import { el, button } from "./el.js";
import { GRADES, showScreen, backLink, announce } from "./quiz-core.js";
import { undoLast } from "./quiz-card.js";
import { when, duration, comesBack } from "./timephrases.js";

/** offerNextDeck puts "Continue with …" first in acts: the next deck with cards to study, when there is one. */
export function offerNextDeck(q, acts) {
  if (q.allDecks) return;
  const t = now();
  const data = store.load();
  // nextdeck.js loads here, not with the quiz: the offer comes after
  // data/decks.json anyway.
  import("./nextdeck.js").then(({ findNextDeck }) =>
    findNextDeck(q.siteRoot + "data/decks.json", q.deckSlug, data.cards, data.log, store.settings().newPerDay, t)).then((d) => {
    if (!d || !acts.isConnected) return;
    const what = [d.due && d.due + " due", d.fresh && d.fresh + " new"].filter(Boolean).join(", ");
    const link = el("a", { class: "button primary next-deck", href: q.siteRoot + d.quiz, "data-deck": d.slug }, "Continue with " + d.name,
      el("span", { class: "next-deck-count" }, what));
    for (const b of acts.querySelectorAll(".button.primary")) b.classList.remove("primary");
    acts.prepend(link);
  }, (e) => console.warn(e));
}

// leftLines says what the session leaves: cards in learning due later
// today, cards not reached, and when the next card is due (review).
function leftLines(q, t) {
  const s = q.s;
  const review = s.mode === "review";
  const c = session.counts(s.q, t, 0);
  const notReached = s.q.main.length - s.q.pos + (s.q.cur ? 1 : 0);
  const later = review ? session.later(s.q) : null;
  const d = review ? nextDue(q.cards, store.allCards(), t) : null;
  return [
    later ? el("p", { class: "quiz-later" }, comesBack(later, t) + ": study again then.") : null,
    notReached ? el("p", {}, plural(notReached, "card") + " left for later" + (review && c.new ? " (" + c.new + " new)" : "") + ".") : null,
    d != null ? el("p", { class: "quiz-next-due", "data-due": d }, "Next card due " + when(d, t) + ".") : null,
  ];
}

/** showSummary ends the session on screen and shows its summary (left: ended with ✕ End). */
export function showSummary(q, left = false) {
  const s = q.s;
  const t = now();
  s.done = true;
  const again = s.tally[1];
  const rate = s.answers ? Math.round(100 * again / s.answers) : 0;
  const studied = s.studied.size;
  const restart = button(s.mode === "practice" ? "Practice again" : "Study again", "restart",
    () => (s.mode === "practice" ? q.to.practice(s.set) : q.to.review()), "button primary");
  const undo = s.history.length ? button("Undo last answer", "undo", () => undoLast(q)) : null;
  const tally = el("ul", { class: "grade-tally", role: "list" },
    ...GRADES.map(([g, name, cls]) => el("li", { class: "tally-" + cls, "data-grade": g }, el("b", {}, String(s.tally[g])), " " + name)));
  const acts = el("p", { class: "quiz-end-actions" }, restart, backLink(q), undo);
  const sec = el("section", { class: "quiz-summary", tabindex: "-1", "data-again": s.tally[1], "data-hard": s.tally[2],
    "data-good": s.tally[3], "data-easy": s.tally[4], "data-cards": studied, "data-answers": s.answers, "data-again-rate": rate,
    "data-percent": s.answers ? 100 - rate : 0, "data-time": t - s.started, "aria-labelledby": "quiz-summary-h" },
  el("h2", { id: "quiz-summary-h" }, left ? "Session ended" : s.mode === "practice" ? "Practice done" : "Session done"),
  el("p", { class: "quiz-score" }, el("strong", {}, String(studied)), " " + (studied === 1 ? "card" : "cards") + " studied in " + duration(t - s.started)),
  el("p", { class: "quiz-again-rate" }, s.answers
    ? "Again " + rate + "%: " + again + " of " + plural(s.answers, "answer") + "."
    : "No answer given."),
  tally,
  ...leftLines(q, t),
  s.mode === "practice" ? el("p", {}, "Practice did not change your schedule.") : null,
  acts);
  showScreen(q, sec, "done");
  if (s.mode === "review") offerNextDeck(q, acts);
  announce(q, (left ? "Session ended" : "Session done") + ": " + plural(studied, "card") + " studied, again " + rate + "%");
}
