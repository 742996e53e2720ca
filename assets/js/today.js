// today.js: what today holds, for the deck lists and the index's "today"
// line: a deck's New / Learn / Due counts (the cards a review of the deck
// would start with now, as schedule.js reviewQueue picks them), and the
// reviews and the study streak of today. Pure functions of the store's
// data; no DOM, no storage.
import { reviewQueue, dayStart } from "./schedule.js";

/**
 * deckToday counts what a review of the cards ids would hold at t:
 * {new, learn, due}. new: new cards within what is left of today's limit
 * of newPerDay; learn: cards in (re)learning that are due; due: review
 * cards that are due. The second side of a reversed pair waits for
 * another day (pairs: Map id → sibling id), as in the review itself.
 * data is the store's record ({cards, log}).
 */
export function deckToday(ids, pairs, data, newPerDay, t) {
  const cards = ids.map((id) => ({ id, pair: pairs.get(id) }));
  const q = reviewQueue(cards, data.cards, data.log, newPerDay, t);
  let learn = 0;
  for (const c of q.due) {
    const s = data.cards[c.id].state;
    if (s === "learning" || s === "relearning") learn++;
  }
  return { new: q.fresh.length, learn, due: q.due.length - learn };
}

/**
 * studyDays sums up the review log (oldest first) at t: {reviews, fresh,
 * streak, today}. reviews: reviews since local midnight; fresh: how many
 * of them were a card's first; streak: the days in a row, up to today,
 * with at least one review (a streak that reached yesterday still counts
 * while today has none); today: whether today has a review.
 */
export function studyDays(log, t) {
  const today = dayStart(t);
  let reviews = 0;
  let fresh = 0;
  let streak = 0;
  let next = today; // the day that would extend the streak
  let counted = Infinity; // the last day counted in the streak
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i];
    if (e.at > t) continue; // a clock set back: not yet
    const day = e.at >= today ? today : dayStart(e.at);
    if (day === today) {
      reviews++;
      if (e.state === "new") fresh++;
    }
    if (day >= counted) continue;
    if (day !== next && next === today) next = dayStart(today - 1); // nothing today yet
    if (day !== next) break;
    streak++;
    counted = day;
    next = dayStart(day - 1);
  }
  return { reviews, fresh, streak, today: reviews > 0 };
}
