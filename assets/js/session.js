// session.js: which card comes next in a study session, and the counts
// the study screen shows (pure: no DOM, no storage).
//
// Review (Anki's order): a card in its learning steps comes back as soon
// as it is due; otherwise the due cards, then the new ones; when only
// learning cards are left, the next one is shown if it is due within the
// learn-ahead limit (20 minutes), else the session is over and the card
// waits for later today.
//
// Practice: the chosen cards in turn; one answered Again comes back after
// a few others. Nothing is scheduled.
import { LEARN_AHEAD_MS, inSteps } from "./learning.js";
import { nextDayStart } from "./schedule.js";

/** PRACTICE_GAP: a card failed in practice comes back after this many others. */
export const PRACTICE_GAP = 4;

/** reviewSession starts a review session over q (schedule.js reviewQueue). */
export function reviewSession(q) {
  return {
    kind: "review",
    main: [...q.due.map((card) => ({ card, queue: "due" })), ...q.fresh.map((card) => ({ card, queue: "new" }))],
    pos: 0,
    learn: q.learn.map((x) => ({ card: x.card, due: x.due })),
    cur: null,
  };
}

/** practiceSession starts a practice session over cards (already in order). */
export function practiceSession(cards) {
  return { kind: "practice", main: cards.map((card) => ({ card, queue: "practice" })), pos: 0, learn: [], cur: null };
}

function earliest(learn) {
  let best = -1;
  for (let i = 0; i < learn.length; i++) {
    if (best < 0 || learn[i].due < learn[best].due) best = i;
  }
  return best;
}

function takeLearn(q, i) {
  const [x] = q.learn.splice(i, 1);
  q.cur = { card: x.card, queue: "learn", due: x.due };
  return q.cur;
}

/**
 * next picks the card to show at time t and makes it q.cur; null when the
 * session is over (q.learn may still hold cards due later today).
 */
export function next(q, t, ahead = LEARN_AHEAD_MS) {
  const i = earliest(q.learn);
  if (i >= 0 && q.learn[i].due <= t) return takeLearn(q, i);
  if (q.pos < q.main.length) {
    q.cur = q.main[q.pos++];
    return q.cur;
  }
  if (i >= 0 && q.learn[i].due <= t + ahead) return takeLearn(q, i);
  q.cur = null;
  return null;
}

/**
 * answered records the answer to q.cur at time t. Review: rec is the
 * card's new record; a card still in its steps and due today stays in
 * the session. Practice: grade 1 brings the card back after PRACTICE_GAP
 * others.
 */
export function answered(q, t, rec, grade) {
  const cur = q.cur;
  if (!cur) return;
  q.cur = null;
  if (q.kind === "practice") {
    if (grade === 1) q.main.splice(Math.min(q.pos + PRACTICE_GAP, q.main.length), 0, { card: cur.card, queue: "practice", again: true });
    return;
  }
  if (rec && inSteps(rec) && rec.due < nextDayStart(t)) q.learn.push({ card: cur.card, due: rec.due });
}

/** snapshot and restore: the queue as it was (for undo). */
export function snapshot(q) {
  return { main: q.main.slice(), pos: q.pos, learn: q.learn.slice(), cur: q.cur };
}

export function restore(q, snap) {
  q.main = snap.main.slice();
  q.pos = snap.pos;
  q.learn = snap.learn.slice();
  q.cur = snap.cur;
}

/**
 * counts of a session at time t, the card on screen included:
 * review {new, learn, due, current: "new"|"learn"|"due"|null}; learn
 * counts the learning cards due within the learn-ahead limit. Practice
 * {left, current: "practice"}.
 */
export function counts(q, t, ahead = LEARN_AHEAD_MS) {
  const c = q.kind === "practice" ? { left: 0 } : { new: 0, learn: 0, due: 0 };
  const add = (queue) => {
    if (queue === "practice") c.left++;
    else c[queue]++;
  };
  for (let i = q.pos; i < q.main.length; i++) add(q.main[i].queue);
  for (const x of q.learn) if (x.due <= t + ahead) c.learn++;
  if (q.cur) add(q.cur.queue);
  c.current = q.cur ? q.cur.queue : null;
  return c;
}

/** later lists the learning cards left for later today: {n, first} (first: the earliest due), or null. */
export function later(q) {
  if (!q.learn.length) return null;
  return { n: q.learn.length, first: q.learn[earliest(q.learn)].due };
}
