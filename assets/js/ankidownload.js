// ankidownload.js: a deck page's "Download the cards for Anki": the cards
// of its whole top-level deck (Anki rebuilds the hierarchy from the deck
// column), read from that deck's and its subdecks' pages, made into one
// Anki file (anki.js) in the browser. Loaded at the first click.
import { loadDeckPages } from "./deckpages.js";
import { ankiFile } from "./anki.js";
import { downloadFile } from "./download.js";

/**
 * ankiDeckFile resolves to the Anki file of the top-level deck slug: its
 * deck pages, in tree order, from data/decks.json. root is the page's
 * path to the site root.
 */
export async function ankiDeckFile(root, slug) {
  const res = await fetch(root + "data/decks.json");
  if (!res.ok) throw new Error("cannot load data/decks.json: HTTP " + res.status);
  const bySlug = new Map((await res.json()).map((d) => [d.slug, d]));
  const urls = [];
  const visit = (s) => {
    const d = bySlug.get(s);
    if (!d) return;
    if (d.url && d.ids && d.ids.length) urls.push(d.url);
    for (const k of d.kids || []) visit(k);
  };
  visit(slug);
  return ankiFile(await loadDeckPages(root, urls));
}

/** downloadAnki makes the file of the top-level deck slug and has the browser save it as <slug>.txt. */
export async function downloadAnki(root, slug) {
  downloadFile(slug + ".txt", await ankiDeckFile(root, slug), "text/plain;charset=utf-8");
}
