// decksdata.js: data/decks.json, the list of every deck with its card
// ids and reversed pairs, which the index, the statistics page and a
// parent deck's page load rather than embed (the service worker keeps it
// offline, so the ids are precached once).

// The page's list, fetched and read once: the index's counts and its
// review of every deck (quizcards.js) share it.
const loaded = new Map(); // URL → Promise of loadDecks's result

/**
 * loadDecks fetches data/decks.json under root (once per page) and
 * resolves to {decks: Map(slug → entry, in the list's order), cards:
 * {slug: ids of the deck and its subdecks}, pairs: Map(id → the other
 * side's id of a reversed pair)}.
 */
export function loadDecks(root) {
  const url = new URL("data/decks.json", root).href;
  if (!loaded.has(url)) {
    const p = (async () => {
      const r = await fetch(url);
      if (!r.ok) throw new Error("data/decks.json: " + r.status + " " + r.statusText);
      return indexDecks(await r.json());
    })();
    p.catch(() => loaded.delete(url)); // a later call tries again
    loaded.set(url, p);
  }
  return loaded.get(url);
}


/** indexDecks puts the entries of data/decks.json together (see loadDecks). */
export function indexDecks(list) {
  const decks = new Map(list.map((d) => [d.slug, d]));
  const cards = {};
  const pairs = new Map();
  const collect = (slug) => {
    if (cards[slug]) return cards[slug];
    const d = decks.get(slug);
    let ids = d ? d.ids || [] : [];
    for (const k of (d && d.kids) || []) ids = ids.concat(collect(k));
    cards[slug] = ids;
    return ids;
  };
  for (const d of list) {
    collect(d.slug);
    for (const [a, b] of d.pairs || []) {
      pairs.set(a, b);
      pairs.set(b, a);
    }
  }
  return { decks, cards, pairs };
}
