// steps.js: what the stored progress says about learning steps and
// maturity, apart from learning.js (the scheduling of the steps), so that
// store.js, which every page loads, reads and checks settings without
// loading the scheduler (fsrs.js) that only grading needs.

/** The learning steps (minutes) a new card goes through, as in Anki. */
export const DEFAULT_LEARN_STEPS = Object.freeze([1, 10]);
/** The relearning steps (minutes) after a lapse. */
export const DEFAULT_RELEARN_STEPS = Object.freeze([10]);
/** A card whose interval is at least this many days is mature (Anki's threshold). */
export const MATURE_DAYS = 21;
export const MAX_STEPS = 10;
/** The longest step settings may hold, in minutes: a year. */
export const MAX_STEP_MIN = 365 * 1440;

/** validSteps tells a list of steps (minutes) that settings may hold. */
export function validSteps(list) {
  return Array.isArray(list) && list.length <= MAX_STEPS && list.every((v) => typeof v === "number" && v > 0 && v <= MAX_STEP_MIN);
}
