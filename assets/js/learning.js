// learning.js: Anki's learning steps on top of fsrs.js (pure: no DOM, no
// storage).
//
// A new card is not sent days away at its first answer: it goes through
// short learning steps (by default 1 minute, then 10 minutes) within the
// session, as in Anki:
//
//   Again  back to the first step
//   Hard   on the first step, halfway between the first two steps (1.5 times
//          the step when there is one); on a later step, that step again
//   Good   the next step; on the last step the card graduates to review,
//          with the interval FSRS gives for Good
//   Easy   graduates at once, with FSRS's interval for Easy
//
// A review card answered Again (a lapse) goes through the relearning steps
// (by default 10 minutes) the same way before it is back in review.
//
// Every answer updates the card's memory state (stability, difficulty)
// with fsrs.js, as Anki does with FSRS: same-day answers use FSRS's
// short-term formula, answers a day or more apart the long-term ones. A
// card in review (and every answer a day or more after the last) is
// scheduled exactly as fsrs.js's review() says, so the reference vectors
// hold for the long-term part; learning only adds the short steps.
//
// Records: a card in its steps has state "learning" (new) or "relearning"
// (after a lapse), step (the index of the step it is on), due at the end of
// the step and scheduledDays 0. Graduating drops step. A "relearning"
// record without step (written before steps existed, or with no
// relearning steps set) is a review card with a short interval.
//
// Steps are minutes (fractions allowed); parseSteps reads "1m 10m 1h 1d".
// The default steps and the limits on them are in steps.js, which the
// store reads without loading this module.
import { newCard, nextStates, formatInterval, DAY_MS } from "./fsrs.js";
import { DEFAULT_LEARN_STEPS, DEFAULT_RELEARN_STEPS, MAX_STEPS, MAX_STEP_MIN } from "./steps.js";

export const MINUTE_MS = 60000;
/** A learning card due within this much is shown when nothing else is left (Anki's "learn ahead limit"). */
export const LEARN_AHEAD_MS = 20 * MINUTE_MS;

/** phase of a record: "new", "learning", "relearning" (in its steps) or "review". */
export function phase(card) {
  if (!card || card.state === "new" || card.lastReview == null || !(card.stability > 0)) return "new";
  if (typeof card.step === "number" && (card.state === "learning" || card.state === "relearning")) return card.state;
  return "review";
}

/** inSteps tells a record that is going through learning or relearning steps. */
export function inSteps(card) {
  const p = phase(card);
  return p === "learning" || p === "relearning";
}

function steps(opts, relearn) {
  const s = opts && (relearn ? opts.relearnSteps : opts.learnSteps);
  return Array.isArray(s) ? s : relearn ? DEFAULT_RELEARN_STEPS : DEFAULT_LEARN_STEPS;
}

function hardMinutes(list, i) {
  if (i > 0) return list[i];
  if (list.length > 1) return (list[0] + list[1]) / 2;
  return Math.min(list[0] * 1.5, list[0] + 1440);
}

function stepOutcome(base, state, step, minutes, now, lapses) {
  const delay = Math.round(minutes * MINUTE_MS);
  const card = { ...base, state, step, due: now + delay, scheduledDays: 0, lapses };
  return { card, delay, days: null, step: true };
}

function graduate(o, fix) {
  const card = { ...o.card, ...(fix || {}) };
  delete card.step;
  return { card, delay: o.interval * DAY_MS, days: o.interval, step: false };
}

/**
 * preview returns what each grade would do to card at time now:
 * {1: {card, delay, days, step}, 2: …, 3: …, 4: …}: the new record, the
 * time until it is due (ms), the interval in days (null for a step) and
 * whether it is a learning step. opts: fsrs.js options (retention,
 * weights, maximumInterval) and learnSteps / relearnSteps (minutes; an
 * empty list turns the steps off).
 */
export function preview(card, now, opts) {
  const c = card || newCard();
  const fs = nextStates(c, now, opts);
  const ph = phase(c);
  const out = {};
  if (ph === "review") {
    const rs = steps(opts, true);
    for (const g of [1, 2, 3, 4]) {
      out[g] = g === 1 && rs.length ? stepOutcome(fs[1].card, "relearning", 0, rs[0], now, fs[1].card.lapses) : graduate(fs[g]);
    }
    return out;
  }
  // new, learning or relearning: no new lapse while in the steps.
  const relearn = ph === "relearning";
  const ls = steps(opts, relearn);
  const lapses = c.lapses || 0;
  if (!ls.length) {
    for (const g of [1, 2, 3, 4]) {
      out[g] = graduate(fs[g], { lapses, state: relearn && g === 1 ? "relearning" : "review" });
    }
    return out;
  }
  const state = relearn ? "relearning" : "learning";
  const i = ph === "new" ? 0 : Math.max(0, Math.min(c.step, ls.length - 1));
  out[1] = stepOutcome(fs[1].card, state, 0, ls[0], now, lapses);
  out[2] = stepOutcome(fs[2].card, state, i, hardMinutes(ls, i), now, lapses);
  out[3] = i + 1 < ls.length ? stepOutcome(fs[3].card, state, i + 1, ls[i + 1], now, lapses) : graduate(fs[3], { lapses });
  out[4] = graduate(fs[4], { lapses });
  return out;
}

/** answer returns the new record of card after grade (1-4) at time now (see preview). */
export function answer(card, grade, now, opts) {
  const g = Number(grade);
  if (![1, 2, 3, 4].includes(g)) throw new Error("learning: grade must be 1, 2, 3 or 4, got " + grade);
  if (typeof now !== "number" || !Number.isFinite(now)) throw new Error("learning: now must be a number of ms since the epoch");
  return preview(card, now, opts)[g].card;
}

function trim1(x) {
  const s = (Math.round(x * 10) / 10).toFixed(1);
  return s.endsWith(".0") ? s.slice(0, -2) : s;
}

/**
 * formatDelay renders the time until a card is due for a grade button, as
 * Anki does: "<1m", "<6m", "<10m" within the learn-ahead limit (the card
 * may come back a little sooner), "1h", "1.5h", then days as
 * fsrs.js's formatInterval ("3d", "1.5mo", "2y").
 */
export function formatDelay(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n) || n < 0) return "";
  if (n >= DAY_MS) return formatInterval(n / DAY_MS);
  let s;
  if (n < 59500) s = Math.max(1, Math.round(n / 1000)) + "s";
  else if (n < 3570000) s = Math.round(n / MINUTE_MS) + "m";
  else s = trim1(n / 3600000) + "h";
  return (n <= LEARN_AHEAD_MS ? "<" : "") + s;
}

/** describeDelay says a time span in words: "1 minute", "6 minutes", "2 hours", "3 days", "1.5 months", "2 years". */
export function describeDelay(ms) {
  const n = Math.max(0, Number(ms) || 0);
  const say = (x, unit) => {
    const v = trim1(x);
    return v + " " + unit + (v === "1" ? "" : "s");
  };
  if (n < 59500) return say(Math.max(1, Math.round(n / 1000)), "second");
  if (n < 3570000) return say(Math.round(n / MINUTE_MS), "minute");
  if (n < DAY_MS) return say(n < 36000000 ? n / 3600000 : Math.round(n / 3600000), "hour");
  const d = Math.round(n / DAY_MS);
  if (d < 30) return say(d, "day");
  if (d < 365) return say(Math.min(12, d / 30), "month");
  return say(d / 365, "year");
}

/** parseSteps reads steps written as "1m 10m" (s, m, h, d; a bare number is minutes). Returns minutes, or null when not valid. */
export function parseSteps(text) {
  const parts = String(text == null ? "" : text).trim().toLowerCase().split(/[\s,]+/).filter(Boolean);
  if (parts.length > MAX_STEPS) return null;
  const out = [];
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)(s|m|h|d)?$/.exec(p);
    if (!m) return null;
    const v = Number(m[1]) * { s: 1 / 60, m: 1, h: 60, d: 1440 }[m[2] || "m"];
    if (!(v > 0) || v > MAX_STEP_MIN) return null;
    out.push(Math.round(v * 1000) / 1000);
  }
  return out;
}

/** formatSteps writes steps (minutes) the way parseSteps reads them: "1m 10m", "1h 1d". */
export function formatSteps(list) {
  return (list || []).map((v) => {
    if (v >= 1440 && Number.isInteger(v / 1440)) return v / 1440 + "d";
    if (v >= 60 && Number.isInteger(v / 60)) return v / 60 + "h";
    if (v < 1) return Math.round(v * 60) + "s";
    return v + "m";
  }).join(" ");
}
