// quiz-review.js: review mode's start. It builds the day's review queue
// (schedule.js: cards in their learning steps when due, due cards, then
// new ones up to the daily limit), loads those cards and shows the first
// (quiz-card.js); with nothing to review it shows "All caught up": what
// is studied, when the next card is due, what waits and why.
import { now } from "./clock.js";
import * as store from "./store.js";
import { reviewQueue, nextDue } from "./schedule.js";
import * as session from "./session.js";
import { plural } from "./dom.js";
import { el, button } from "./el.js";
import { setMode, withCards, newSession, showScreen, backLink } from "./quiz-core.js";
import { showCard } from "./quiz-card.js";
import { offerNextDeck } from "./quiz-summary.js";
import { when, comesBack } from "./timephrases.js";

/** startReview starts a review session over the quiz's cards. */
export function startReview(q) {
  setMode(q, "review");
  const t = now();
  const st = store.settings();
  const rq = reviewQueue(q.cards, store.allCards(), store.getLog(), st.newPerDay, t);
  withCards(q, [...rq.learn.map((x) => x.card), ...rq.due, ...rq.fresh], (ok) => {
    if (ok.length < rq.learn.length + rq.due.length + rq.fresh.length) {
      const keep = new Set(ok);
      rq.learn = rq.learn.filter((x) => keep.has(x.card));
      rq.due = rq.due.filter((c) => keep.has(c));
      rq.fresh = rq.fresh.filter((c) => keep.has(c));
    }
    const sq = session.reviewSession(rq);
    q.s = null;
    if (!session.next(sq, t)) return showCaughtUp(q, rq, sq);
    q.s = newSession("review", sq);
    q.s.info = rq;
    showCard(q, false);
  });
}

// waiting says what waits and why: new cards over the daily limit, and
// cards whose reversed sibling was studied today.
function waiting(rq) {
  const lines = [];
  if (rq.newWaiting) {
    lines.push(el("p", { class: "quiz-limit" }, plural(rq.newWaiting, "new card") + " " + (rq.newWaiting === 1 ? "waits" : "wait") +
      ": today's limit of " + plural(store.settings().newPerDay, "new card") + " is reached. You can change the limit in Settings."));
  }
  if (rq.buried) {
    lines.push(el("p", {}, plural(rq.buried, "card") + " " + (rq.buried === 1 ? "waits" : "wait") +
      " until tomorrow: the other side of " + (rq.buried === 1 ? "its" : "their") + " reversed pair was studied today."));
  }
  return lines;
}

function showCaughtUp(q, rq, sq) {
  const t = now();
  const c = store.counts(q.cards.map((x) => x.id), t);
  const d = nextDue(q.cards, store.allCards(), t);
  const studied = c.young + c.mature + c.learning + c.due;
  const lines = [el("p", {}, "No card of this deck is due now. " +
    (studied ? plural(studied, "card") + " studied (" + [c.learning && c.learning + " learning", c.young && c.young + " young", c.mature && c.mature + " mature"].filter(Boolean).join(", ") + ")" : "No card studied yet") +
    (d != null ? "; the next one is due " + when(d, t) + "." : "."))];
  const later = sq && session.later(sq);
  if (later) lines.push(el("p", { class: "quiz-later" }, comesBack(later, t) + "."));
  lines.push(...waiting(rq));
  const acts = el("p", { class: "quiz-end-actions" },
    button("Practice", "practice", () => q.to.practiceStart(), "button primary"),
    q.testOK ? button("Take a test", "test", () => q.to.testStart()) : null,
    backLink(q));
  const sec = el("section", { class: "quiz-empty", tabindex: "-1" }, el("h2", {}, "All caught up"), ...lines, acts);
  showScreen(q, sec, "caught-up");
  offerNextDeck(q, acts);
  return sec;
}
