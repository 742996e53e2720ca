// quizcards.js: the cards of a quiz page, read from the deck pages
// (deckpages.js), which hold every card's HTML once.
//
// A deck's quiz names its deck pages (data-pages: the deck's and its
// subdecks' with cards) and reads them all at once. The quiz of all decks
// would read every page of the site: it starts instead from
// data/decks.json (each deck's page and card ids) with a stand-in per card,
// {id, pair, stub: true}, which is enough to work out what a review asks
// (schedule.js reviewQueue needs ids, pairs and the progress), and loads a
// deck page only when a session first needs one of its cards: a review the
// pages of its learning, due and new cards, a practice or a test all.

import { loadDeckPage, loadDeckPages } from "./deckpages.js";

/**
 * quizCards returns {cards, load} for the quiz element el: cards in deck
 * order, and load(list), which fills in the stand-ins among list (the
 * same objects, changed in place) and resolves to the cards of list that
 * can be asked. root is the page's path to the site root.
 */
export async function quizCards(el, root) {
  if (el.dataset.pages !== undefined) {
    const cards = await loadDeckPages(root, el.dataset.pages.split(" ").filter(Boolean));
    return { cards, load: async (list) => list };
  }
  const res = await fetch(root + "data/decks.json");
  if (!res.ok) throw new Error("cannot load data/decks.json: HTTP " + res.status);
  const decks = await res.json();
  const cards = [];
  const byId = new Map();
  const pageOf = new Map(); // card id → its deck page
  const idsOf = new Map(); // deck page → its card ids
  for (const d of decks) {
    if (!d.url || !d.ids || !d.ids.length) continue;
    const pair = new Map();
    for (const [a, b] of d.pairs || []) {
      pair.set(a, b);
      pair.set(b, a);
    }
    for (const id of d.ids) {
      const c = { id, stub: true };
      if (pair.has(id)) c.pair = pair.get(id);
      cards.push(c);
      byId.set(id, c);
      pageOf.set(id, d.url);
    }
    idsOf.set(d.url, d.ids);
  }
  const load = async (list) => {
    const urls = [...new Set(list.filter((c) => c.stub).map((c) => pageOf.get(c.id)))];
    await Promise.all(urls.map(async (u) => {
      for (const r of await loadDeckPage(root, u)) {
        const c = byId.get(r.id);
        if (c && c.stub) {
          delete c.stub;
          Object.assign(c, r);
        }
      }
      // A card the list names that its page lacks (a page of another
      // build) is never asked.
      for (const id of idsOf.get(u)) {
        const c = byId.get(id);
        if (c.stub) {
          delete c.stub;
          c.missing = true;
        }
      }
    }));
    return list.filter((c) => !c.missing);
  };
  return { cards, load };
}
