// schedule.js: what to study, built on fsrs.js (the scheduling math) and
// the store's data; pure functions of their arguments, no DOM, no storage.
import { DAY_MS } from "./fsrs.js";
import { inSteps } from "./learning.js";

// meanRetrievability is recall.js's (a deck page shows it without this
// module); the stats page takes it from here with the rest.
export { meanRetrievability } from "./recall.js";

/** dayStart returns the local midnight (ms) of the day holding t. */
export function dayStart(t) {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** nextDayStart returns the local midnight (ms) that ends the day holding t. */
export function nextDayStart(t) {
  const d = new Date(dayStart(t));
  d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** introducedToday counts cards of ids (a Set, or null for all) first reviewed on t's day. */
export function introducedToday(log, ids, t) {
  const from = dayStart(t);
  let n = 0;
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i];
    if (e.at < from) break;
    if (e.state === "new" && (!ids || ids.has(e.id))) n++;
  }
  return n;
}

/**
 * reviewQueue orders the cards of a review session at time t.
 * cards: QuizCard list (deck order); recs: {id: record}; log: review log;
 * newPerDay: the daily new-card limit.
 *
 * Cards in their learning steps that are due before the day ends come in
 * "learn", earliest first, with their due time: the session shows each
 * when it is due. Then due cards, most overdue first (earliest due), then
 * new cards in deck order up to what is left of today's limit (counted
 * over these cards). The two sides of a reversed pair are never both
 * studied on one day: a card whose sibling was reviewed today, or is
 * already in the queue, waits ("buried").
 *
 * Returns {learn: [{card, due}], due, fresh, buried, newLeft, newWaiting}.
 */
export function reviewQueue(cards, recs, log, newPerDay, t) {
  const today = dayStart(t);
  const end = nextDayStart(t);
  const reviewedToday = (id) => {
    const r = recs[id];
    return !!r && r.lastReview != null && r.lastReview >= today;
  };
  const learning = [];
  const due = [];
  const fresh = [];
  cards.forEach((c, i) => {
    const r = recs[c.id];
    if (!r || r.state === "new" || r.due == null) fresh.push(c);
    else if (inSteps(r)) {
      if (r.due < end) learning.push([r.due, i, c]);
    } else if (r.due <= t) due.push([r.due, i, c]);
  });
  learning.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  due.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const picked = new Set(learning.map((x) => x[2].id));
  let buried = 0;
  const blocked = (c) => c.pair && (picked.has(c.pair) || reviewedToday(c.pair));
  const outDue = [];
  for (const [, , c] of due) {
    if (blocked(c)) { buried++; continue; }
    picked.add(c.id);
    outDue.push(c);
  }
  const ids = new Set(cards.map((c) => c.id));
  let newLeft = Math.max(0, newPerDay - introducedToday(log, ids, t));
  const outNew = [];
  let newWaiting = 0;
  for (const c of fresh) {
    if (blocked(c)) { buried++; continue; }
    if (newLeft <= outNew.length) { newWaiting++; continue; }
    picked.add(c.id);
    outNew.push(c);
  }
  newLeft -= outNew.length;
  return { learn: learning.map(([d, , c]) => ({ card: c, due: d })), due: outDue, fresh: outNew, buried, newLeft, newWaiting };
}

/** nextDue returns the earliest due time after t among cards, or null. */
export function nextDue(cards, recs, t) {
  let d = null;
  for (const c of cards) {
    const r = recs[c.id];
    if (r && r.due != null && r.due > t && (d == null || r.due < d)) d = r.due;
  }
  return d;
}

/** recentlyFailed lists the ids graded Again within the last `days` days before t (newest first). */
export function recentlyFailed(log, t, days = 7) {
  const from = t - days * DAY_MS;
  const out = [];
  const seen = new Set();
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i];
    if (e.at < from) break;
    if (e.grade === 1 && !seen.has(e.id)) {
      out.push(e.id);
      seen.add(e.id);
    }
  }
  return out;
}

/** shuffle returns a shuffled copy of a. */
export function shuffle(a, rand = Math.random) {
  const b = a.slice();
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [b[i], b[j]] = [b[j], b[i]];
  }
  return b;
}
