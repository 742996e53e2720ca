// decklist.js: the deck lists of the index and of deck pages
// (templates/decklist.html). Each row's card count gives way to the
// reader's New / Learn / Due counts for today, a link to the deck's study
// page; decks with cards due come first, then decks with new cards; a
// deck's subdecks fold away under its toggle, and the folded decks are
// remembered. On the index of a big vault, some rows' subdecks are made
// when first opened (the caller's grow: decktree.js). A deck page's
// subdecks' cards come from data/decks.json too (wireSubdecks).
import { pref } from "./store.js";
import { deckToday } from "./today.js";
import { loadDecks } from "./decksdata.js";

const FOLDED = "folded-decks";
const OPENED = "opened-decks";
const COLS = [["new", "new"], ["learn", "learning"], ["due", "due"]];

function span(cls, text) {
  const s = document.createElement("span");
  s.className = cls;
  if (text != null) s.textContent = text;
  return s;
}

// studyLink makes the row's counts: a link to the study page holding
// three numbers, each with its name for screen readers.
function studyLink(el) {
  const a = document.createElement("a");
  a.className = "deck-study";
  a.href = el.dataset.quiz;
  a.append(span("sr-only", "Study " + el.dataset.label + ": "));
  for (const [k, name] of COLS) {
    const n = span("n n-" + k);
    n.append(span("v"), span("sr-only", " " + name + (k === "due" ? "" : ",")));
    a.append(n);
  }
  el.replaceChildren(a);
  return a;
}

/**
 * renderDeckList fills every row under list with today's counts at t
 * (deckCards: {slug: ids}, pairs: Map, data: the store's record) and
 * puts the rows of each level in order: something due, something new,
 * nothing to do; the built order (by name) within each.
 */
export function renderDeckList(list, deckCards, pairs, data, newPerDay, t) {
  const rank = new Map();
  for (const el of list.querySelectorAll(".deck-counts[data-deck]")) {
    const ids = deckCards[el.dataset.deck];
    const item = el.closest(".deck-item");
    if (!ids || !ids.length || !el.dataset.quiz) {
      rank.set(item, 2);
      continue;
    }
    const c = deckToday(ids, pairs, data, newPerDay, t);
    const a = el.querySelector(":scope > .deck-study") || studyLink(el);
    for (const [k] of COLS) {
      el.dataset[k] = String(c[k]);
      const n = a.querySelector(".n-" + k);
      n.firstChild.textContent = String(c[k]);
      n.classList.toggle("zero", c[k] === 0);
    }
    rank.set(item, c.learn + c.due > 0 ? 0 : c.new > 0 ? 1 : 2);
  }
  for (const ul of list.querySelectorAll(".deck-tree")) {
    const items = [...ul.children].filter((li) => li.classList.contains("deck-item"));
    items.forEach((li, i) => { if (!li.dataset.order) li.dataset.order = String(i); });
    const sorted = items.slice().sort((x, y) => (rank.get(x) ?? 2) - (rank.get(y) ?? 2) || x.dataset.order - y.dataset.order);
    if (sorted.some((li, i) => li !== items[i])) {
      const focus = document.activeElement;
      for (const li of sorted) ul.append(li);
      if (focus && focus !== document.activeElement && focus.isConnected) focus.focus({ preventScroll: true });
    }
  }
  list.dataset.ready = "true";
}

// The reader's folds, remembered: FOLDED, the decks folded whose
// subdecks the page shows open; OPENED, the lazy ones opened (their
// subdecks are not on the page and start closed).
function remembered(key) {
  const v = pref(key);
  return new Set(Array.isArray(v) ? v : []);
}

function remember(key, slug, on) {
  const now = remembered(key);
  if (on) now.add(slug);
  else now.delete(slug);
  pref(key, now.size ? [...now].sort() : null);
}

function setFolded(btn, on) {
  const sub = document.getElementById(btn.getAttribute("aria-controls"));
  btn.setAttribute("aria-expanded", String(!on));
  if (sub) sub.hidden = on;
}

/**
 * wireDeckList makes each deck's subdecks under list fold away with the
 * deck's toggle button, and folds the decks the reader folded before.
 * A lazy row's toggle (data-lazy: its subdecks are not on the page) has
 * grow(li) make their list (a promise of the <ul>) the first time it
 * opens; opened lazy rows are remembered and opened again.
 */
export function wireDeckList(list, grow) {
  const folded = remembered(FOLDED);
  const opened = remembered(OPENED);
  const slugOf = (btn) => btn.closest(".deck-item").dataset.deck;
  const open = async (btn) => {
    if (!grow || btn.dataset.growing != null) return;
    btn.dataset.growing = "";
    try {
      const ul = await grow(btn.closest(".deck-item"));
      ul.id = "subdecks-" + slugOf(btn);
      btn.setAttribute("aria-controls", ul.id);
      btn.removeAttribute("data-lazy");
      btn.dataset.grown = "";
      setFolded(btn, false);
      restore(ul);
    } finally {
      delete btn.dataset.growing;
    }
  };
  const restore = (scope) => {
    for (const btn of scope.querySelectorAll(".deck-toggle")) {
      const slug = slugOf(btn);
      if (btn.hasAttribute("data-lazy")) {
        if (opened.has(slug)) open(btn).catch(() => {});
      } else if (folded.has(slug)) setFolded(btn, true);
    }
  };
  list.addEventListener("click", (e) => {
    const btn = e.target.closest(".deck-toggle");
    if (!btn || !list.contains(btn)) return;
    const slug = slugOf(btn);
    if (btn.hasAttribute("data-lazy")) {
      open(btn).then(() => remember(OPENED, slug, true), (err) => console.warn("flipdeck: cannot show the subdecks:", err));
      return;
    }
    const on = btn.getAttribute("aria-expanded") === "true";
    setFolded(btn, on);
    if (btn.dataset.grown != null) remember(OPENED, slug, !on);
    else remember(FOLDED, slug, on);
  });
  restore(list);
}

/**
 * wireSubdecks wires a deck page's list of its subdecks (wireDeckList)
 * and loads every deck's cards from data/decks.json under root, as the
 * index does (decksdata.js loadDecks): the page holds only its own deck's.
 * It resolves to {cards: {slug: ids of the deck and its subdecks},
 * render(data, newPerDay, t)}, which fills the rows (renderDeckList).
 */
export async function wireSubdecks(list, root) {
  wireDeckList(list);
  const { cards, pairs } = await loadDecks(root);
  return { cards, render: (data, newPerDay, t) => renderDeckList(list, cards, pairs, data, newPerDay, t) };
}
