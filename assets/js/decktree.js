// decktree.js: the index's deck tree from data/decks.json. The index page
// holds only the top levels of a big vault's deck tree
// (internal/layout/deckrows.go) and no card ids: from the list of every
// deck (decksdata.js loadDecks), this module makes the rows of a lazy
// row's subdecks when its toggle opens them, a level at a time, as
// templates/decklist.html would have.
import { el } from "./el.js";
import { plural } from "./dom.js";

// row makes the row of deck d at depth, merging a chain of decks that
// hold nothing but one subdeck each into the row of the last (as
// internal/layout DeckRows does); its subdecks are lazy.
function row(tree, d, depth, root) {
  const chain = [];
  while (!d.notes && d.kids && d.kids.length === 1 && tree.decks.has(d.kids[0])) {
    chain.push(d);
    d = tree.decks.get(d.kids[0]);
  }
  const label = chain.map((c) => c.title).concat(d.title).join(" › ");
  const total = tree.cards[d.slug].length;
  const toggle = d.kids && d.kids.length
    ? el("button", { type: "button", class: "deck-toggle", "aria-expanded": "false", "data-lazy": true },
      el("span", { class: "sr-only", text: "Subdecks of " + label }))
    : el("span", { class: "deck-toggle-space" });
  const name = el("a", { class: "deck-name", href: root + d.url },
    ...chain.map((c) => el("span", { class: "deck-chain" }, c.title, el("span", { class: "deck-sep", text: " › " }))),
    el("span", { class: "deck-leaf", text: d.title }));
  const counts = el("span", {
    class: "deck-counts", "data-deck": d.slug, "data-total": total,
    "data-quiz": d.quiz && total ? root + d.quiz : null, "data-label": d.name,
    text: total ? plural(total, "card") : "no cards",
  });
  return el("li", { class: "deck-item", "data-deck": d.slug },
    el("div", { class: "deck-row depth-" + depth }, toggle, name, counts));
}

/**
 * growRow makes the rows of the subdecks of the lazy row li (a
 * .deck-item whose deck's subdecks are not on the page) from tree
 * (loadDecks), appends their list to li and returns it.
 */
export function growRow(li, tree, root) {
  const d = tree.decks.get(li.dataset.deck);
  const depth = Number((li.querySelector(":scope > .deck-row").className.match(/depth-(\d+)/) || [])[1] || 0) + 1;
  const ul = el("ul", { class: "deck-tree deck-children", role: "list" });
  for (const k of (d && d.kids) || []) {
    if (tree.decks.has(k)) ul.append(row(tree, tree.decks.get(k), depth, root));
  }
  li.append(ul);
  return ul;
}
