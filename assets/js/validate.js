// validate.js: which progress data the site accepts, read from this
// browser's storage or from an imported file or link alike (store.js).
//
// Every part of the record (store.js describes it) is checked field by
// field; what is not as this site writes it is set aside and counted,
// so that the pages never meet a log entry of null, a time that is not
// a number or a card record without a state, and the reader is told
// what was left out. The maps (cards, stars, tests) are rebuilt with a
// null prototype, and a key "__proto__" is set aside: a deck slug or
// card id read from a file can never reach Object.prototype (an import
// of {"tests": {"__proto__": {"best": 1}}} used to give every object a
// "best").

const STATES = new Set(["new", "learning", "review", "relearning"]);

/** map returns an empty map (an object with no prototype). */
export function map() {
  return Object.create(null);
}

function isObject(x) {
  return !!x && typeof x === "object" && !Array.isArray(x);
}

function finite(x) {
  return typeof x === "number" && Number.isFinite(x);
}

// optional: absent, null or a finite number.
function optional(x) {
  return x == null || finite(x);
}

/** cardOK tells a card record this site could have written. */
export function cardOK(r) {
  return isObject(r) && STATES.has(r.state) && finite(r.reps) && r.reps >= 0 &&
    optional(r.due) && optional(r.lastReview) && optional(r.stability) && optional(r.difficulty) &&
    optional(r.lapses) && optional(r.scheduledDays) &&
    (r.step == null || (Number.isInteger(r.step) && r.step >= 0));
}

/** entryOK tells a review log entry this site could have written. */
export function entryOK(e) {
  return isObject(e) && typeof e.id === "string" && e.id !== "" && Number.isInteger(e.grade) && e.grade >= 1 && e.grade <= 4 &&
    finite(e.at) && (e.state == null || STATES.has(e.state)) && optional(e.r) && optional(e.ivl) && optional(e.el);
}

/** testOK tells a deck's test scores as this site writes them. */
export function testOK(s) {
  return isObject(s) && ["best", "bestAt", "last", "lastAt", "total"].every((k) => finite(s[k]));
}

// cleanMap rebuilds x as a null-prototype map of the values ok accepts;
// it returns the map and how many entries it left out (a whole x that
// is not an object counts as one).
function cleanMap(x, ok) {
  const out = map();
  if (x == null) return [out, 0];
  if (!isObject(x)) return [out, Array.isArray(x) && x.length ? x.length : 1];
  let bad = 0;
  for (const k of Object.keys(x)) {
    if (k !== "__proto__" && ok(x[k])) out[k] = x[k];
    else bad++;
  }
  return [out, bad];
}

// cleanSettings keeps the settings' fields that hold what the quiz's
// Settings can set; it returns them (or undefined) and whether any was
// left out.
function cleanSettings(s, validSteps) {
  if (s == null) return [undefined, false];
  if (!isObject(s)) return [undefined, true];
  const out = {};
  let bad = false;
  const keep = (k, ok) => {
    if (!(k in s)) return;
    if (ok(s[k])) out[k] = k.endsWith("Steps") ? s[k].slice() : s[k];
    else bad = true;
  };
  keep("retention", (v) => finite(v) && v > 0.5 && v < 1);
  keep("newPerDay", (v) => Number.isInteger(v) && v >= 0);
  keep("learnSteps", validSteps);
  keep("relearnSteps", validSteps);
  keep("at", finite);
  return [out, bad];
}

/**
 * clean checks data d (a record of schema 2, as migrated) in place: its
 * maps become null-prototype maps of the entries that are as this site
 * writes them, its log the entries that are, oldest first. It returns
 * what it set aside: {cards, reviews, stars, tests, settings} (counts;
 * settings a boolean). validSteps is steps.js's.
 */
export function clean(d, validSteps) {
  const aside = { cards: 0, reviews: 0, stars: 0, tests: 0, settings: false };
  [d.cards, aside.cards] = cleanMap(d.cards, cardOK);
  [d.stars, aside.stars] = cleanMap(d.stars, finite);
  [d.tests, aside.tests] = cleanMap(d.tests, testOK);
  if (Array.isArray(d.log)) {
    const log = d.log.filter(entryOK);
    aside.reviews = d.log.length - log.length;
    d.log = log;
  } else {
    aside.reviews = d.log == null ? 0 : 1;
    d.log = [];
  }
  if (d.log.some((e, i) => i > 0 && e.at < d.log[i - 1].at)) d.log.sort((a, b) => a.at - b.at);
  let settings;
  [settings, aside.settings] = cleanSettings(d.settings, validSteps);
  if (settings) d.settings = settings;
  else delete d.settings;
  d.logDropped = finite(d.logDropped) && d.logDropped > 0 ? d.logDropped : 0;
  return aside;
}

/** anyAside tells whether clean set anything aside. */
export function anyAside(a) {
  return !!a && (a.cards + a.reviews + a.stars + a.tests > 0 || a.settings);
}

function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

/** describeAside lists what clean set aside, for a sentence: "2 card records and 1 review". */
export function describeAside(a) {
  const parts = [];
  if (a.cards) parts.push(plural(a.cards, "card record"));
  if (a.reviews) parts.push(plural(a.reviews, "review") + " of the history");
  if (a.stars) parts.push(plural(a.stars, "star"));
  if (a.tests) parts.push(plural(a.tests, "test score"));
  if (a.settings) parts.push("the settings");
  return parts.length < 2 ? parts.join("") : parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1];
}

/** copyData returns a deep copy of clean data, its maps still without prototype. */
export function copyData(d) {
  const c = structuredClone(d); // structuredClone gives maps Object.prototype back
  for (const k of ["cards", "stars", "tests"]) c[k] = Object.assign(map(), c[k]);
  return c;
}
