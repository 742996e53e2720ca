// store.js: the only module that touches localStorage.
//
// Everything lives in one record under `${prefix}progress`, schema 2:
//
//   {
//     schema: 2,
//     cards:    {<id>: {state, stability, difficulty, due, lastReview,
//                       reps, lapses, scheduledDays}},      // FSRS records
//     stars:    {<id>: <ms starred>},
//     log:      [{id, grade, at, state, r, ivl, el}],       // oldest first
//     logDropped: <entries dropped to keep the log within MAX_LOG>,
//     settings: {retention, newPerDay, learnSteps, relearnSteps, at}, // absent: defaults
//     tests:    {<deck slug>: {best, bestAt, last, lastAt, total}}
//   }
//
// Log entries: grade 1-4; at ms; state before the review ("new",
// "learning", "review", "relearning"); r the retrievability before it (null
// when new); ivl the interval given (days; 0 for a learning step); el the
// whole days since the previous review.
//
// A card going through learning steps (learning.js) has state "learning"
// or "relearning", a step number and a due time minutes away; learnSteps
// and relearnSteps are minutes. These fields came after schema 2 was
// first released and only add to it: older data reads as it is, and an
// older page reads these records as cards in learning.
//
// Every part read (stored, or from a backup file or a link) is checked
// field by field by validate.js: what is not as this site writes it is
// set aside, and the reader told; the maps have no prototype.
//
// Schema 1 (the first release) had the same key, `starred: true` inside
// card records, log entries {id, grade, at, state, due, scheduledDays} and
// no settings or tests; migrate() turns it into schema 2 on first read and
// the next write stores the result.
//
// The prefix is "flipdeck:" + the pathname of the site root + ":", so the
// GitHub Pages project sites of one user (one origin) do not share progress.
//
// Exporting, importing and merging progress (a backup file, a link from
// another device) are in store-merge.js; this module is storage, schema
// and migration.
//
// Failures (storage disabled, quota exceeded, unreadable or newer data) are
// never silent: every write returns {ok, error}, and listeners registered
// with onError() (and "flipdeck:store-error" events on document) hear of
// each one. Changes not saved stay in memory (pending() is true), are
// written with the next successful write, can be exported at any time, and
// leaving the page asks for confirmation.

import { DEFAULT_LEARN_STEPS, DEFAULT_RELEARN_STEPS, MATURE_DAYS, validSteps } from "./steps.js";
import { map, clean, anyAside, describeAside } from "./validate.js";

export const SCHEMA = 2;
export const MAX_LOG = 20000;
export const DEFAULT_SETTINGS = Object.freeze({ retention: 0.9, newPerDay: 20, learnSteps: DEFAULT_LEARN_STEPS, relearnSteps: DEFAULT_RELEARN_STEPS });

function sitePath() {
  const root = (document.body && document.body.dataset.root) || "./";
  try {
    return new URL(root, location.href).pathname;
  } catch {
    return "/";
  }
}

export const prefix = "flipdeck:" + sitePath() + ":";
export const KEY = prefix + "progress";

let cache = null; // parsed data, possibly holding unsaved changes
let lastRaw = null; // the text last read or written (to skip re-parsing it)
let dirty = false; // cache holds changes that could not be written
let readOnly = false; // never write (newer schema, or unreadable data not backed up)
const errors = [];
const errorListeners = new Set();
const changeListeners = new Set();

function empty() {
  return { schema: SCHEMA, cards: map(), stars: map(), log: [], logDropped: 0, tests: map() };
}

function report(op, err, message) {
  const e = {
    op,
    name: (err && err.name) || "Error",
    message: message || describe(err, op),
  };
  errors.push(e);
  for (const fn of errorListeners) {
    try { fn(e); } catch (x) { console.error(x); }
  }
  try {
    document.dispatchEvent(new CustomEvent("flipdeck:store-error", { detail: e }));
  } catch { /* no document: nothing to tell */ }
  return e;
}

export function isQuota(err) {
  const name = err && err.name;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (err && (err.code === 22 || err.code === 1014));
}

function describe(err, op) {
  if (isQuota(err)) {
    return "Your progress could not be saved: this browser's storage for this site is full. Nothing is lost yet: your answers are kept in this page and will be saved with your next answer once there is room. Download a backup to be safe.";
  }
  if (op === "read") {
    return "Saved progress cannot be read: this browser blocks site storage (private mode or a privacy setting?). Answers from this visit are kept only until you close the page; download a backup to keep them.";
  }
  return "Your progress could not be saved: this browser blocks site storage. Answers from this visit are kept only until you close the page; download a backup to keep them.";
}

function storage() {
  // Merely reading window.localStorage throws when storage is disabled.
  return window.localStorage;
}

function readRaw() {
  return storage().getItem(KEY);
}

function num(x, d = 0) {
  return typeof x === "number" && Number.isFinite(x) ? x : d;
}

/**
 * migrate brings data of any known schema to SCHEMA (in place) and
 * returns it, checked (validate.js); d.aside is what was set aside.
 */
export function migrate(d) {
  if (typeof d.schema !== "number") d.schema = 1;
  if (d.schema < 2) {
    const stars = map();
    for (const [id, rec] of Object.entries(d.cards)) {
      if (!rec || typeof rec !== "object") {
        delete d.cards[id];
        continue;
      }
      if (rec.starred) stars[id] = num(rec.lastReview);
      delete rec.starred;
    }
    d.stars = stars;
    d.log = (Array.isArray(d.log) ? d.log : []).filter((e) => e && e.id != null).map((e) => ({
      id: e.id, grade: e.grade, at: num(e.at), state: e.state || "review", r: null,
      ivl: num(e.scheduledDays, null), el: null,
    }));
    d.tests = map();
    d.logDropped = 0;
    d.schema = 2;
  }
  const aside = clean(d, validSteps);
  trimLog(d);
  Object.defineProperty(d, "aside", { value: aside, configurable: true }); // not stored
  return d;
}

function trimLog(d) {
  if (d.log.length > MAX_LOG) {
    const n = d.log.length - MAX_LOG;
    d.log.splice(0, n);
    d.logDropped += n;
  }
}

/**
 * progressShaped tells parsed JSON that can be progress data: an object
 * whose cards are an object (not a list). Anything else is unreadable.
 */
export function progressShaped(d) {
  return !!d && typeof d === "object" && !Array.isArray(d) && !!d.cards && typeof d.cards === "object" && !Array.isArray(d.cards);
}

function oldSchema(raw) {
  const m = /"schema"\s*:\s*(\d+)/.exec(raw);
  return !m || Number(m[1]) < SCHEMA;
}

// keepAside keeps raw under a key of its own before anything overwrites
// it, and tells the reader (said(key)); when it cannot, nothing is saved
// on this visit (failed).
function keepAside(raw, said, failed) {
  const key = KEY + ":unreadable:" + Date.now();
  try {
    storage().setItem(key, raw);
    report("read", null, said(key));
  } catch (e) {
    readOnly = true;
    report("read", e, failed);
  }
}

function parse(raw) {
  if (raw == null) return empty();
  let d;
  try {
    d = JSON.parse(raw);
  } catch {
    d = null;
  }
  if (!progressShaped(d)) {
    keepAside(raw, (key) => "Saved progress was unreadable and has been set aside (kept in this browser as " + key + "). Starting afresh.",
      "Saved progress is unreadable and could not be set aside, so nothing will be saved on this visit to avoid overwriting it.");
    return empty();
  }
  if (typeof d.schema === "number" && d.schema > SCHEMA) {
    if (!readOnly) report("read", null, "Your progress was saved by a newer version of this site; reload the page to get it. Nothing will be saved on this visit.");
    readOnly = true;
    // Read what this version understands; the stored data stays as it is.
    clean(d, validSteps);
    return d;
  }
  migrate(d);
  if (anyAside(d.aside)) {
    // Readable, but some parts are not what this site writes (another
    // tool's data, a damaged record): keep the whole text aside, tell the
    // reader, and go on with the parts that make sense.
    const what = describeAside(d.aside);
    keepAside(raw, (key) => "Part of your saved progress was unreadable and has been set aside (" + what + "); a copy of it all is kept in this browser as " + key + ".",
      "Part of your saved progress is unreadable (" + what + ") and could not be set aside, so nothing will be saved on this visit to avoid overwriting it.");
  }
  return d;
}

/** load returns the stored data (cached; do not mutate it). */
export function load() {
  if (cache) return cache;
  try {
    const raw = readRaw();
    cache = parse(raw);
    lastRaw = raw;
    // Data of an older schema was migrated: store it in the new form now.
    if (raw != null && !readOnly && oldSchema(raw)) flush();
  } catch (e) {
    if (!errors.some((x) => x.op === "read")) report("read", e);
    cache = cache || empty();
  }
  return cache;
}

/**
 * update applies fn to the freshest data (another tab may have written
 * since we read) and writes it back. Returns {ok, error}. The functions
 * below and store-merge.js change the data through it only.
 */
export function update(fn) {
  let base;
  if (dirty || readOnly) {
    base = load();
  } else {
    try {
      const raw = readRaw();
      if (raw === lastRaw && cache) base = cache;
      else {
        base = parse(raw);
        lastRaw = raw;
      }
    } catch (e) {
      base = load();
    }
  }
  fn(base);
  trimLog(base);
  cache = base;
  if (readOnly) {
    notifyChange();
    return { ok: false, error: errors[errors.length - 1] || null };
  }
  return flush();
}

function flush() {
  const wasDirty = dirty;
  try {
    const text = JSON.stringify(cache);
    storage().setItem(KEY, text);
    lastRaw = text;
    dirty = false;
    notifyChange();
    if (wasDirty) {
      try {
        document.dispatchEvent(new CustomEvent("flipdeck:store-saved"));
      } catch { /* no document */ }
    }
    return { ok: true, error: null };
  } catch (e) {
    dirty = true;
    const err = report("write", e);
    notifyChange();
    return { ok: false, error: err };
  }
}

/** retry tries again to write changes kept in memory. Returns {ok, error}. */
export function retry() {
  if (!dirty || readOnly) return { ok: !dirty, error: null };
  return flush();
}

/** pending tells whether changes are held in memory, not yet saved. */
export function pending() {
  return dirty;
}

function notifyChange() {
  for (const fn of changeListeners) {
    try { fn(); } catch (x) { console.error(x); }
  }
}

function copy(rec) {
  return rec ? { ...rec } : null;
}

/** getCard returns a copy of card id's record, or null if never reviewed. */
export function getCard(id) {
  return copy(load().cards[id]);
}

/** putCard stores rec for card id (null deletes it). Returns {ok, error}. */
export function putCard(id, rec) {
  return update((d) => {
    if (rec == null) delete d.cards[id];
    else d.cards[id] = { ...rec };
  });
}

/** allCards returns the {id: record} map (read-only: do not mutate). */
export function allCards() {
  return load().cards;
}

/** getLog returns the review log, oldest first (read-only: do not mutate). */
export function getLog() {
  return load().log;
}

/** logDropped: how many old log entries were dropped to bound the log. */
export function logDropped() {
  return load().logDropped || 0;
}

/** record stores a graded review in one write: the card's new record and its log entry. */
export function record(id, rec, entry) {
  return update((d) => {
    d.cards[id] = { ...rec };
    if (entry) d.log.push({ ...entry, id });
  });
}

/** undo puts back prev (null: never reviewed) for id and drops the last log entry for id at time `at`. */
export function undo(id, prev, at) {
  return update((d) => {
    if (prev == null) delete d.cards[id];
    else d.cards[id] = { ...prev };
    for (let i = d.log.length - 1; i >= 0; i--) {
      if (d.log[i].id === id && (at == null || d.log[i].at === at)) {
        d.log.splice(i, 1);
        break;
      }
    }
  });
}

/** isStarred tells whether card id is starred. */
export function isStarred(id) {
  return Object.prototype.hasOwnProperty.call(load().stars, id);
}

/** stars returns the {id: ms} map of starred cards (read-only). */
export function stars() {
  return load().stars;
}

/** setStarred stars (on) or unstars every id in ids at time t. */
export function setStarred(ids, on, t) {
  return update((d) => {
    for (const id of ids) {
      if (on) d.stars[id] = t;
      else delete d.stars[id];
    }
  });
}

/** settings returns the reader's settings merged over the defaults. */
export function settings() {
  const s = load().settings || {};
  const out = { ...DEFAULT_SETTINGS };
  if (s.retention > 0.5 && s.retention < 1) out.retention = s.retention;
  if (Number.isInteger(s.newPerDay) && s.newPerDay >= 0) out.newPerDay = s.newPerDay;
  out.learnSteps = (validSteps(s.learnSteps) ? s.learnSteps : DEFAULT_LEARN_STEPS).slice();
  out.relearnSteps = (validSteps(s.relearnSteps) ? s.relearnSteps : DEFAULT_RELEARN_STEPS).slice();
  return out;
}

/**
 * setSettings stores a change of settings (retention 0.7-0.99, newPerDay
 * ≥ 0, learnSteps and relearnSteps lists of minutes, possibly empty).
 * Values out of range are not taken.
 */
export function setSettings(patch, t) {
  return update((d) => {
    const s = { ...DEFAULT_SETTINGS, ...(d.settings || {}) };
    if ("retention" in patch) {
      const r = Math.round(Number(patch.retention) * 100) / 100;
      if (r >= 0.7 && r <= 0.99) s.retention = r;
    }
    if ("newPerDay" in patch) {
      const n = Math.floor(Number(patch.newPerDay));
      if (n >= 0 && n <= 9999) s.newPerDay = n;
    }
    for (const k of ["learnSteps", "relearnSteps"]) {
      if (k in patch && validSteps(patch[k])) s[k] = patch[k].slice();
    }
    s.at = t;
    d.settings = s;
  });
}

/** testScore returns {best, bestAt, last, lastAt, total} of a deck's tests, or null. */
export function testScore(deck) {
  const s = load().tests[deck];
  return s ? { ...s } : null;
}

/** recordTest keeps the last and the best score (a fraction 0-1) of a deck's test. */
export function recordTest(deck, score, total, t) {
  return update((d) => {
    const s = d.tests[deck] || { best: -1, bestAt: 0, last: 0, lastAt: 0, total: 0 };
    s.last = score;
    s.lastAt = t;
    s.total = total;
    if (score > s.best) {
      s.best = score;
      s.bestAt = t;
    }
    d.tests[deck] = s;
  });
}

/** resetCards forgets the progress (records and log entries) of the cards ids. */
export function resetCards(ids) {
  const set = new Set(ids);
  return update((d) => {
    for (const id of set) delete d.cards[id];
    d.log = d.log.filter((e) => !set.has(e.id));
  });
}

/**
 * status of one record at time t: "new" (never answered), "due" (due now),
 * else "learning" (in its learning or relearning steps), "young" (in
 * review, interval under MATURE_DAYS days) or "mature".
 */
export function status(rec, t) {
  if (!rec || rec.state === "new" || rec.due == null) return "new";
  if (rec.due <= t) return "due";
  if (rec.state === "learning" || rec.state === "relearning") return "learning";
  return (rec.scheduledDays || 0) >= MATURE_DAYS ? "mature" : "young";
}

/**
 * counts tallies the cards ids at time t by status: {new, learning, due,
 * young, mature, learned}, where learned = young + mature (kept for older
 * callers; pages say young and mature).
 */
export function counts(ids, t) {
  const c = { new: 0, learning: 0, due: 0, young: 0, mature: 0, learned: 0 };
  const cards = load().cards;
  for (const id of ids || []) c[status(cards[id], t)]++;
  c.learned = c.young + c.mature;
  return c;
}

/** onError calls fn for every storage problem, including ones already met. Returns an unsubscribe function. */
export function onError(fn) {
  errorListeners.add(fn);
  for (const e of errors) fn(e);
  return () => errorListeners.delete(fn);
}

/** onChange calls fn after every change, here or in another tab. */
export function onChange(fn) {
  changeListeners.add(fn);
  return () => changeListeners.delete(fn);
}

/** errorsSoFar lists the problems met so far ({op, name, message}). */
export function errorsSoFar() {
  return errors.slice();
}

/** clearAll forgets everything stored for this site (after an export, say). */
export function clearAll() {
  cache = empty();
  dirty = false;
  try {
    storage().removeItem(KEY);
    lastRaw = null;
  } catch (e) {
    report("write", e);
  }
  notifyChange();
}

// Another tab wrote: drop the cache so the next read sees it.
try {
  window.addEventListener("storage", (e) => {
    if (e.key === KEY || e.key === null) {
      if (!dirty) cache = null;
      notifyChange();
    }
  });
  // Unsaved changes: ask before the page goes away.
  window.addEventListener("beforeunload", (e) => {
    if (dirty && !readOnly) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
} catch { /* not in a browser window */ }

/**
 * pref reads (one argument) or writes (two) a small reader setting kept
 * beside the progress under `${prefix}pref:<name>`, such as a hint already
 * shown (offline.js). It never throws: storage failures read as null, and
 * a write returns false.
 */
export function pref(name, value) {
  const key = prefix + "pref:" + name;
  try {
    if (arguments.length < 2) {
      const raw = storage().getItem(key);
      return raw == null ? null : JSON.parse(raw);
    }
    if (value == null) storage().removeItem(key);
    else storage().setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return arguments.length < 2 ? null : false;
  }
}
