// nextdeck.js: the next deck with cards to study, offered at the end of a
// session ("Continue with …"). The decks come from data/decks.json, in
// tree order: [{slug, name, quiz, ids (own cards), kids (subdeck slugs)}].
import { introducedToday } from "./schedule.js";

/**
 * pickNextDeck returns the first deck, in tree order, outside the current
 * deck (its subdecks and the decks above it) that has cards due; failing
 * that, the first with new cards left for today. A chain of decks holding
 * the same cards ("A" with only "A::B") is taken down to its last deck.
 * Returns {slug, name, quiz, due, fresh} or null.
 */
export function pickNextDeck(decks, current, recs, log, newPerDay, t) {
  if (!Array.isArray(decks)) return null;
  const bySlug = new Map(decks.map((d) => [d.slug, d]));
  if (!bySlug.has(current)) return null; // "All decks" covers every deck already
  const parent = new Map();
  for (const d of decks) for (const k of d.kids || []) parent.set(k, d.slug);
  const skip = new Set();
  const skipTree = (slug) => {
    skip.add(slug);
    for (const k of (bySlug.get(slug) || {}).kids || []) skipTree(k);
  };
  skipTree(current);
  for (let p = parent.get(current); p; p = parent.get(p)) skip.add(p);

  const memo = new Map();
  const idsOf = (slug) => {
    if (memo.has(slug)) return memo.get(slug);
    const d = bySlug.get(slug);
    let ids = (d && d.ids) || [];
    for (const k of (d && d.kids) || []) ids = ids.concat(idsOf(k));
    memo.set(slug, ids);
    return ids;
  };
  const tally = (d) => {
    const ids = idsOf(d.slug);
    let due = 0;
    let fresh = 0;
    for (const id of ids) {
      const r = recs[id];
      if (!r || r.state === "new" || r.due == null) fresh++;
      else if (r.due <= t) due++;
    }
    const left = Math.max(0, newPerDay - introducedToday(log, new Set(ids), t));
    return { due, fresh: Math.min(fresh, left) };
  };
  const candidates = decks.filter((d) => !skip.has(d.slug) && d.quiz);
  const found = (d, c) => {
    // Down a chain of decks with the same cards, to the one that names them best.
    let x = d;
    while (x.kids && x.kids.length === 1 && !(x.ids && x.ids.length) && bySlug.get(x.kids[0]) && bySlug.get(x.kids[0]).quiz) x = bySlug.get(x.kids[0]);
    return { slug: x.slug, name: x.name, quiz: x.quiz, due: c.due, fresh: c.fresh };
  };
  const counted = candidates.map((d) => [d, tally(d)]);
  for (const [d, c] of counted) if (c.due > 0) return found(d, c);
  for (const [d, c] of counted) if (c.fresh > 0) return found(d, c);
  return null;
}

/** findNextDeck loads url (data/decks.json) and picks the next deck (see pickNextDeck); null when there is none or it cannot be loaded. */
export async function findNextDeck(url, current, recs, log, newPerDay, t) {
  try {
    const res = await fetch(url);
    if (!res.ok) return null;
    return pickNextDeck(await res.json(), current, recs, log, newPerDay, t);
  } catch {
    return null;
  }
}
