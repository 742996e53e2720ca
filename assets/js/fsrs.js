// FSRS-6 spaced-repetition scheduler: a small pure ES module, no
// dependencies, no DOM, no storage. Written from the rules in the FSRS
// reference notes (forgetting curve, stability and difficulty updates) and
// checked against reference vectors by e2e/fsrs_test.go.
//
// A card's schedule record is a plain object (see newCard). Dates are
// milliseconds since the epoch (numbers) or null. Functions never modify
// their inputs; they return new records.
//
// Choices made here:
//
//   - Elapsed time between reviews is counted in whole days:
//     Math.floor((now - lastReview) / DAY_MS). retrievability() uses the same
//     whole-day count, so the R it reports is the R a review would use.
//   - Intervals are whole days, clamped to [1, maximumInterval], and the four
//     grade outcomes are forced strictly increasing (Again < Hard < Good <
//     Easy), as the reference does; that ordering may push the Hard/Good/Easy
//     intervals a few days past maximumInterval when all four hit the cap.
//     due = now + interval * DAY_MS.
//   - Learning steps are off: the first rating of a new card, whatever the
//     grade, and every later successful review (grade >= 2) give state
//     "review". A lapse (grade 1 on a card that is not new) increments
//     lapses and gives state "relearning"; the card's next review follows the
//     normal rules (relearning cards are scheduled like review cards).
//   - Same-day reviews (less than one whole day since the last review, card
//     not new) use the short-term stability formula
//       S' = S * e^(w17 * (G - 3 + w18)) * S^(-w19)
//     with the factor at least 1 for G >= 2, and the normal difficulty
//     update. Reviews a day or more apart use the long-term formulas.
//   - Intermediate values are rounded to 8 decimals, as the reference does.
//
// The forgetting curve itself is in recall.js, which pages that only show
// progress load without this module.
import { DAY_MS, DEFAULT_W20, round8, isNew, elapsedDays, forgettingCurve as curve } from "./recall.js";

export { DAY_MS };

export const DEFAULT_WEIGHTS = Object.freeze([
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722,
  0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
  0.0912, 0.0658, DEFAULT_W20,
]);
export const DEFAULT_RETENTION = 0.9;

const DEFAULT_MAX_INTERVAL = 36500;
const S_MIN = 0.001;
const GRADES = [1, 2, 3, 4];

// newCard returns the record of a card that has never been reviewed.
export function newCard() {
  return {
    state: "new",
    stability: 0,
    difficulty: 0,
    due: null,
    lastReview: null,
    reps: 0,
    lapses: 0,
    scheduledDays: 0,
  };
}

function clamp(x, lo, hi) {
  return Math.min(Math.max(x, lo), hi);
}

function params(opts) {
  const o = opts || {};
  const w = o.weights || DEFAULT_WEIGHTS;
  if (!Array.isArray(w) || w.length < 21) {
    throw new Error("fsrs: weights must hold 21 numbers (FSRS-6)");
  }
  const retention = o.retention ?? DEFAULT_RETENTION;
  if (!(retention > 0 && retention < 1)) {
    throw new Error("fsrs: retention must be between 0 and 1");
  }
  const maximumInterval = Math.max(1, Math.floor(o.maximumInterval ?? DEFAULT_MAX_INTERVAL));
  const decay = -w[20];
  const factor = Math.pow(0.9, 1 / decay) - 1;
  return { w, retention, maximumInterval, decay, factor };
}

// forgetting curve R(t, S) = (1 + F*t/S)^decay, decay = -w20 (recall.js).
function forgettingCurve(p, t, s) {
  return curve(p.w[20], t, s);
}

// Unclamped initial difficulty D0(G) = w4 - e^(w5*(G-1)) + 1.
function initDifficultyRaw(p, g) {
  return p.w[4] - Math.exp(p.w[5] * (g - 1)) + 1;
}

function initDifficulty(p, g) {
  return round8(clamp(initDifficultyRaw(p, g), 1, 10));
}

function nextDifficulty(p, d, g) {
  const w = p.w;
  const delta = -w[6] * (g - 3);
  const damped = d + round8((delta * (10 - d)) / 9);
  const reverted = round8(w[7] * initDifficultyRaw(p, 4) + (1 - w[7]) * damped);
  return clamp(reverted, 1, 10);
}

function recallStability(p, d, s, r, g) {
  const w = p.w;
  const hard = g === 2 ? w[15] : 1;
  const easy = g === 4 ? w[16] : 1;
  const inc =
    Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9]) * (Math.exp(w[10] * (1 - r)) - 1) * hard * easy;
  return clamp(round8(s * (1 + inc)), S_MIN, 36500);
}

function forgetStability(p, d, s, r) {
  const w = p.w;
  const sf = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * Math.exp(w[14] * (1 - r));
  return clamp(round8(Math.min(s, sf)), S_MIN, 36500);
}

function shortTermStability(p, s, g) {
  const w = p.w;
  let inc = Math.exp(w[17] * (g - 3 + w[18])) * Math.pow(s, -w[19]);
  if (g >= 2) inc = Math.max(inc, 1);
  return clamp(round8(s * inc), S_MIN, 36500);
}

function rawInterval(p, s) {
  const ivl = Math.round((s * (Math.pow(p.retention, 1 / p.decay) - 1)) / p.factor);
  return clamp(ivl, 1, p.maximumInterval);
}

// retrievability returns the probability of recall R in [0, 1] of card at
// time now (ms), using whole elapsed days; 0 for a new card.
export function retrievability(card, now, opts) {
  if (isNew(card)) return 0;
  const p = params(opts);
  return forgettingCurve(p, elapsedDays(card, now), card.stability);
}

// nextStates returns what each grade would give at time now:
// {1: {card, interval}, 2: …, 3: …, 4: …}, intervals in whole days and
// strictly increasing from grade 1 to grade 4.
export function nextStates(card, now, opts) {
  const p = params(opts);
  const first = isNew(card);
  const prev = first ? newCard() : card;
  const t = first ? 0 : elapsedDays(prev, now);
  const r = first ? 0 : forgettingCurve(p, t, prev.stability);

  const sd = {};
  for (const g of GRADES) {
    let s;
    let d;
    if (first) {
      s = p.w[g - 1];
      d = initDifficulty(p, g);
    } else {
      d = nextDifficulty(p, prev.difficulty, g);
      if (t < 1) s = shortTermStability(p, prev.stability, g);
      else if (g === 1) s = forgetStability(p, prev.difficulty, prev.stability, r);
      else s = recallStability(p, prev.difficulty, prev.stability, r, g);
    }
    sd[g] = { s, d };
  }

  let a = rawInterval(p, sd[1].s);
  let h = rawInterval(p, sd[2].s);
  let gd = rawInterval(p, sd[3].s);
  let e = rawInterval(p, sd[4].s);
  a = Math.min(a, h);
  h = Math.max(h, a + 1);
  gd = Math.max(gd, h + 1);
  e = Math.max(e, gd + 1);
  const ivl = { 1: a, 2: h, 3: gd, 4: e };

  const out = {};
  for (const g of GRADES) {
    const lapse = !first && g === 1;
    const next = {
      state: lapse ? "relearning" : "review",
      stability: sd[g].s,
      difficulty: sd[g].d,
      due: now + ivl[g] * DAY_MS,
      lastReview: now,
      reps: (prev.reps || 0) + 1,
      lapses: (prev.lapses || 0) + (lapse ? 1 : 0),
      scheduledDays: ivl[g],
    };
    out[g] = { card: next, interval: ivl[g] };
  }
  return out;
}

// review returns the new record of card after grading it at time now
// (grade 1 Again, 2 Hard, 3 Good, 4 Easy). The input is not modified.
export function review(card, grade, now, opts) {
  const g = Number(grade);
  if (!GRADES.includes(g)) {
    throw new Error("fsrs: grade must be 1, 2, 3 or 4, got " + grade);
  }
  if (typeof now !== "number" || !Number.isFinite(now)) {
    throw new Error("fsrs: now must be a number of ms since the epoch");
  }
  return nextStates(card, now, opts)[g].card;
}

function short(x) {
  // one decimal below 10, trailing ".0" dropped; whole numbers above.
  if (x < 10) {
    const s = (Math.round(x * 10) / 10).toFixed(1);
    return s.endsWith(".0") ? s.slice(0, -2) : s;
  }
  return String(Math.round(x));
}

// formatInterval renders a number of days for a grade button:
// "<1d", "1d", "12d", "1.5mo", "3mo", "1.2y", "15y".
export function formatInterval(days) {
  const n = Number(days);
  if (!Number.isFinite(n) || n < 0) return "";
  if (n < 1) return "<1d";
  const d = Math.round(n);
  if (d < 30) return d + "d";
  if (d < 365) {
    const mo = d / 30;
    return (mo >= 11.95 ? "12" : short(mo)) + "mo";
  }
  return short(d / 365) + "y";
}
