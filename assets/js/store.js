// store.js: the only module that touches localStorage.
//
// One record per site, under `${prefix}progress`:
//   {schema: 1, cards: {<id>: {state, stability, difficulty, due, lastReview,
//    reps, lapses, scheduledDays, starred?}}, log: [{id, grade, at, ...}]}
// The prefix is "flipdeck:" + the pathname of the site root + ":", so the
// GitHub Pages project sites of one user (one origin) do not share progress.
//
// Failures (storage disabled, quota exceeded, unreadable or newer data) are
// never silent: every write returns {ok, error}, and listeners registered
// with onError() (and "flipdeck:store-error" events on document) hear of
// each one. Changes not saved stay in memory for the rest of the page's life.

export const SCHEMA = 1;

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
let dirty = false; // cache holds changes that could not be written
let readOnly = false; // never write (newer schema, or unreadable data not backed up)
const errors = [];
const errorListeners = new Set();
const changeListeners = new Set();

function empty() {
  return { schema: SCHEMA, cards: {}, log: [] };
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

function describe(err, op) {
  const name = err && err.name;
  if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (err && err.code === 22)) {
    return "Your progress could not be saved: the browser's storage for this site is full. Answers from this visit are kept until you close the page.";
  }
  if (op === "read") {
    return "Saved progress cannot be read: this browser blocks site storage (private mode or a privacy setting?). Progress from this visit will not be kept.";
  }
  return "Your progress could not be saved: this browser blocks site storage. Answers from this visit are kept until you close the page.";
}

function storage() {
  // Merely reading window.localStorage throws when storage is disabled.
  return window.localStorage;
}

function readRaw() {
  return storage().getItem(KEY);
}

function parse(raw) {
  if (raw == null) return empty();
  let d;
  try {
    d = JSON.parse(raw);
  } catch {
    d = null;
  }
  if (!d || typeof d !== "object" || Array.isArray(d) || typeof d.cards !== "object" || d.cards === null) {
    // Keep the unreadable text under another key before anything overwrites it.
    const backup = KEY + ":unreadable:" + Date.now();
    try {
      storage().setItem(backup, raw);
      report("read", null, "Saved progress was unreadable and has been set aside (kept in this browser as " + backup + "). Starting afresh.");
    } catch (e) {
      readOnly = true;
      report("read", e, "Saved progress is unreadable and could not be set aside, so nothing will be saved on this visit to avoid overwriting it.");
    }
    return empty();
  }
  if (typeof d.schema === "number" && d.schema > SCHEMA) {
    readOnly = true;
    report("read", null, "Your progress was saved by a newer version of this site; reload the page to get it. Nothing will be saved on this visit.");
  }
  if (!Array.isArray(d.log)) d.log = [];
  if (typeof d.schema !== "number") d.schema = SCHEMA;
  return d;
}

/** load returns the stored data (cached; do not mutate it). */
export function load() {
  if (cache) return cache;
  try {
    cache = parse(readRaw());
  } catch (e) {
    if (!errors.some((x) => x.op === "read")) report("read", e);
    cache = cache || empty();
  }
  return cache;
}

// update applies fn to the freshest data (another tab may have written
// since we read) and writes it back. Returns {ok, error}.
function update(fn) {
  let base;
  if (dirty || readOnly) {
    base = load();
  } else {
    try {
      base = parse(readRaw());
    } catch (e) {
      base = load();
    }
  }
  fn(base);
  cache = base;
  if (readOnly) {
    notifyChange();
    return { ok: false, error: errors[errors.length - 1] || null };
  }
  try {
    storage().setItem(KEY, JSON.stringify(base));
    dirty = false;
    notifyChange();
    return { ok: true, error: null };
  } catch (e) {
    dirty = true;
    const err = report("write", e);
    notifyChange();
    return { ok: false, error: err };
  }
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

/** allCards returns a shallow copy of {id: record}. */
export function allCards() {
  return { ...load().cards };
}

/** appendLog adds one review-log entry ({id, grade, at, ...}). */
export function appendLog(entry) {
  return update((d) => { d.log.push({ ...entry }); });
}

/** log returns a copy of the review log, oldest first. */
export function getLog() {
  return load().log.slice();
}

/** record stores a graded review in one write: the card's new record and its log entry. */
export function record(id, rec, entry) {
  return update((d) => {
    d.cards[id] = { ...rec };
    if (entry) d.log.push({ ...entry });
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

/** status of one record at time t: "new" | "learning" | "due" | "learned". */
export function status(rec, t) {
  if (!rec || rec.state === "new" || rec.due == null) return "new";
  if (rec.due <= t) return "due";
  if (rec.state === "learning" || rec.state === "relearning") return "learning";
  return "learned";
}

/** counts tallies the cards ids at time t: {new, learning, due, learned}. */
export function counts(ids, t) {
  const c = { new: 0, learning: 0, due: 0, learned: 0 };
  const cards = load().cards;
  for (const id of ids || []) c[status(cards[id], t)]++;
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

/** exportJSON returns the whole record as JSON text (for a backup file). */
export function exportJSON() {
  return JSON.stringify(load());
}

/**
 * importJSON merges a backup made by exportJSON: for each card the record
 * reviewed last wins; log entries are merged without duplicates.
 * Returns {ok, error, cards} (cards: how many records were taken).
 */
export function importJSON(text) {
  let other;
  try {
    other = JSON.parse(text);
  } catch {
    return { ok: false, error: { op: "import", name: "SyntaxError", message: "That file is not a flipdeck progress file." }, cards: 0 };
  }
  if (!other || typeof other.cards !== "object" || other.cards === null) {
    return { ok: false, error: { op: "import", name: "TypeError", message: "That file is not a flipdeck progress file." }, cards: 0 };
  }
  if (typeof other.schema === "number" && other.schema > SCHEMA) {
    return { ok: false, error: { op: "import", name: "VersionError", message: "That file comes from a newer version of the site." }, cards: 0 };
  }
  let taken = 0;
  const res = update((d) => {
    for (const [id, rec] of Object.entries(other.cards)) {
      if (!rec || typeof rec !== "object") continue;
      const mine = d.cards[id];
      if (!mine || (rec.lastReview || 0) > (mine.lastReview || 0)) {
        d.cards[id] = { ...rec };
        taken++;
      }
    }
    const seen = new Set(d.log.map((e) => e.id + "@" + e.at));
    for (const e of Array.isArray(other.log) ? other.log : []) {
      if (e && !seen.has(e.id + "@" + e.at)) {
        d.log.push(e);
        seen.add(e.id + "@" + e.at);
      }
    }
    d.log.sort((a, b) => (a.at || 0) - (b.at || 0));
  });
  return { ...res, cards: taken };
}

// Another tab wrote: drop the cache so the next read sees it.
try {
  window.addEventListener("storage", (e) => {
    if (e.key === KEY || e.key === null) {
      if (!dirty) cache = null;
      notifyChange();
    }
  });
} catch { /* not in a browser window */ }
