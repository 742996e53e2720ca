// deckpages.js: fetches deck pages and reads their cards (pagecards.js).
// The service worker keeps every deck page, so this works offline too.
import { pageCards } from "./pagecards.js";

const loaded = new Map(); // URL → Promise of its cards

/**
 * loadDeckPage returns the cards of the deck page at url (root-relative),
 * fetched from root (the page's path to the site root) once per page.
 */
export function loadDeckPage(root, url) {
  if (!loaded.has(url)) {
    const p = (async () => {
      const res = await fetch(root + url);
      if (!res.ok) throw new Error("cannot load " + url + ": HTTP " + res.status);
      const text = await res.text();
      // flipdeck:deck-page-read is the parse and the reading of the cards.
      const t0 = performance.now();
      const cards = pageCards(parseMain(text), url);
      try {
        performance.measure("flipdeck:deck-page-read", { start: t0, end: performance.now(), detail: { url, cards: cards.length } });
      } catch { /* no performance API */ }
      return cards;
    })();
    p.catch(() => loaded.delete(url)); // a later try fetches it again
    loaded.set(url, p);
  }
  return loaded.get(url);
}

/** loadDeckPages returns the cards of the deck pages at urls, in their order. */
export async function loadDeckPages(root, urls) {
  return (await Promise.all(urls.map((u) => loadDeckPage(root, u)))).flat();
}

// parseMain parses the page's <main> (its header and notes: every card
// is there) into an inert fragment: no image loads, no script runs. A
// template element parses less than DOMParser, which makes a whole
// document (the head's links, the site header and footer), and the parse
// is most of the work of opening a quiz on a phone.
function parseMain(text) {
  const from = text.indexOf("<main");
  const to = text.lastIndexOf("</main>");
  const t = document.createElement("template");
  t.innerHTML = from >= 0 && to > from ? text.slice(from, to + "</main>".length) : text;
  return t.content;
}
