// store-merge.js: progress moving between browsers. exportJSON writes the
// whole record as a backup's text (a file, backup.js; a link, transfer.js);
// previewImport and importJSON read one back, migrated and checked as
// stored data is (store.js, validate.js), and merge it into this
// browser's progress by the rules of merge. Storage, the schema and
// migration stay in store.js; this module reads and writes only through
// store.js's load and update.
import { SCHEMA, KEY, load, update, migrate, progressShaped } from "./store.js";
import { cardOK, copyData } from "./validate.js";

function num(x, d = 0) {
  return typeof x === "number" && Number.isFinite(x) ? x : d;
}

/** exportJSON returns the whole record, unsaved changes included, as JSON text (for a backup file). */
export function exportJSON() {
  return JSON.stringify({ ...load(), exported: Date.now(), site: KEY });
}

function bad(name, message) {
  return { ok: false, error: { op: "import", name, message }, cards: 0 };
}

// readBackup parses a backup's text: {data} or {error}.
function readBackup(text) {
  let other;
  try {
    other = JSON.parse(text);
  } catch {
    return { error: bad("SyntaxError", "That file is not a flipdeck progress file.").error };
  }
  if (!progressShaped(other)) {
    return { error: bad("TypeError", "That file is not a flipdeck progress file.").error };
  }
  if (typeof other.schema === "number" && other.schema > SCHEMA) {
    return { error: bad("VersionError", "That file comes from a newer version of the site; reload the page and try again.").error };
  }
  return { data: migrate(other) };
}

// newer tells whether card record a should replace b: the one reviewed
// last wins; on a tie, the one with more reviews, then the greater text,
// so that merging A into B and B into A give the same records.
function newer(a, b) {
  if (num(a.lastReview) !== num(b.lastReview)) return num(a.lastReview) > num(b.lastReview);
  if (num(a.reps) !== num(b.reps)) return num(a.reps) > num(b.reps);
  return JSON.stringify(a) > JSON.stringify(b);
}

/**
 * merge folds other (migrated data) into d, in place, and tells what
 * changed: {added, updated, reviews, stars, tests, settings}. For each card
 * the record reviewed last wins; log entries are merged without duplicates
 * (one per card and time) in time order; stars are united (the earlier
 * time kept); the newer settings win; test scores keep the best and the
 * latest. Merging is symmetric: after A takes B's data and B takes A's,
 * both hold the same.
 */
export function merge(d, other) {
  const ch = { added: 0, updated: 0, reviews: 0, stars: 0, tests: 0, settings: false };
  for (const [id, rec] of Object.entries(other.cards)) {
    if (!cardOK(rec)) continue; // not a record this site writes
    const mine = d.cards[id];
    if (!mine) ch.added++;
    else if (newer(rec, mine)) ch.updated++;
    else continue;
    d.cards[id] = { ...rec };
  }
  for (const [id, at] of Object.entries(other.stars)) {
    if (!(id in d.stars)) {
      d.stars[id] = at;
      ch.stars++;
    } else if (num(at) < num(d.stars[id])) d.stars[id] = at;
  }
  const seen = new Set(d.log.map((e) => e.id + "@" + e.at));
  for (const e of other.log) {
    if (e && typeof e === "object" && e.id != null && typeof e.at === "number" && !seen.has(e.id + "@" + e.at)) {
      d.log.push(e);
      seen.add(e.id + "@" + e.at);
      ch.reviews++;
    }
  }
  // A stable sort: reviews of one moment keep their order.
  if (ch.reviews) d.log.sort((a, b) => num(a.at) - num(b.at));
  d.logDropped = Math.max(num(d.logDropped), num(other.logDropped));
  if (other.settings && (!d.settings || num(other.settings.at) > num(d.settings.at))) {
    d.settings = { ...other.settings };
    ch.settings = true;
  }
  for (const [deck, s] of Object.entries(other.tests)) {
    const m = d.tests[deck];
    if (!m) { d.tests[deck] = { ...s }; ch.tests++; continue; }
    let changed = false;
    if (num(s.best) > num(m.best) || (num(s.best) === num(m.best) && num(s.bestAt) < num(m.bestAt))) { m.best = s.best; m.bestAt = s.bestAt; changed = true; }
    if (num(s.lastAt) > num(m.lastAt)) { m.last = s.last; m.lastAt = s.lastAt; m.total = s.total; changed = true; }
    if (changed) ch.tests++;
  }
  return ch;
}

/**
 * previewImport tells what importJSON(text) would change, without
 * changing anything: {ok, error, added, updated, reviews, stars, tests,
 * settings, cards (records in the text), log (reviews in the text), at
 * (when it was made, or null), aside (what the text holds that is left
 * out, validate.js)}.
 */
export function previewImport(text) {
  const r = readBackup(text);
  if (r.error) return { ok: false, error: r.error };
  const d = copyData(load());
  const ch = merge(d, r.data);
  const exported = num(r.data.exported, null);
  return { ok: true, error: null, ...ch, cards: Object.keys(r.data.cards).length, log: r.data.log.length, at: exported, aside: r.data.aside };
}

/**
 * importJSON merges a backup made by exportJSON (schema 1 or 2) by the
 * rules of merge, leaving out what is not as this site writes it.
 * Returns {ok, error, cards, aside, ...what changed} (cards: how many
 * card records were taken from the file; aside: what was left out).
 */
export function importJSON(text) {
  const r = readBackup(text);
  if (r.error) return { ok: false, error: r.error, cards: 0 };
  let ch = null;
  const res = update((d) => { ch = merge(d, r.data); });
  return { ...res, ...ch, cards: ch.added + ch.updated, aside: r.data.aside };
}
