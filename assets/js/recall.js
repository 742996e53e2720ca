// recall.js: FSRS's forgetting curve, the chance that the reader recalls a
// card now (pure: no DOM, no storage). It is apart from fsrs.js, which
// builds on it, so that a page that only shows progress (a deck page's
// "recall" figure) does not load the scheduler, which only grading needs.

export const DAY_MS = 86400000;
/** FSRS-6's default w20 (the curve's decay), fsrs.js's DEFAULT_WEIGHTS[20]. */
export const DEFAULT_W20 = 0.1542;

/** round8 rounds to 8 decimals, as the FSRS reference does. */
export function round8(x) {
  return Math.round(x * 1e8) / 1e8;
}

/** isNew tells a record that has no memory state yet (never reviewed). */
export function isNew(card) {
  return !card || card.state === "new" || card.lastReview == null || !(card.stability > 0);
}

/** elapsedDays is the number of whole days between the last review and now (never negative). */
export function elapsedDays(card, now) {
  if (card.lastReview == null) return 0;
  return Math.max(0, Math.floor((now - card.lastReview) / DAY_MS));
}

/**
 * forgettingCurve is R(t, S) = (1 + F*t/S)^decay, with decay = -w20 and
 * F = 0.9^(1/decay) - 1 (so that R is 0.9 when t = S): the chance of
 * recall t whole days after a review that left stability S.
 */
export function forgettingCurve(w20, t, s) {
  const decay = -w20;
  const factor = Math.pow(0.9, 1 / decay) - 1;
  return round8(Math.pow(1 + (factor * t) / s, decay));
}

/** recall is the chance of recalling card at time now (ms), in whole elapsed days; 0 for a new card. */
export function recall(card, now, w20 = DEFAULT_W20) {
  if (isNew(card)) return 0;
  return forgettingCurve(w20, elapsedDays(card, now), card.stability);
}

/** meanRetrievability is the mean R at t over the reviewed cards of ids (recs: {id: record}), or null when none is. */
export function meanRetrievability(ids, recs, t) {
  let sum = 0;
  let n = 0;
  for (const id of ids) {
    const r = recs[id];
    if (!r || r.state === "new" || r.lastReview == null) continue;
    sum += recall(r, t);
    n++;
  }
  return n ? sum / n : null;
}
