// quizcards.js: the cards of a quiz, read from the deck pages, which
// hold every card's HTML once.
//
// A deck's quiz runs on its deck page (quizplace.js): it reads the
// page's own cards where they are, and fetches its subdecks' pages
// (data-pages, deckpages.js), all at once. The quiz of all decks
// would read every page of the site: it starts instead from
// data/decks.json (each deck's page and card ids) with a stand-in per card,
// {id, pair, stub: true}, which is enough to work out what a review asks
// (schedule.js reviewQueue needs ids, pairs and the progress), and loads a
// deck page only when a session first needs one of its cards: a review the
// pages of its learning, due and new cards, a practice or a test all.

import { loadDeckPage, loadDeckPages } from "./deckpages.js";
import { pageCards } from "./pagecards.js";

// A quiz's cards are {cards, load}: cards in deck order, and load(list),
// which fills in the stand-ins among list (the same objects, changed in
// place) and resolves to the cards of list that can be asked.

/**
 * deckQuizCards returns the cards of the quiz of the deck page on
 * screen: those of page (its <main>, read as it is now), whose
 * root-relative URL is url, then those of the deck pages at pages
 * (root-relative, fetched from root, the page's path to the site root).
 */
export async function deckQuizCards(page, url, pages, root) {
  const own = pageCards(page, url);
  const cards = pages.length ? own.concat(await loadDeckPages(root, pages)) : own;
  return { cards, load: async (list) => list };
}

/**
 * allDecksCards returns the cards of the review of every deck, from
 * data/decks.json (root: the page's path to the site root).
 */
export async function allDecksCards(root) {
  // The index has it already (index.js): loadDecks reads it once.
  const { loadDecks } = await import("./decksdata.js");
  const decks = (await loadDecks(new URL(root || "./", location.href))).decks.values();
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
