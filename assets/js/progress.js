// progress.js: shows the reader's progress from the store: per-deck counts
// and mean retrievability in every .deck-progress[data-deck], and each flip
// card's own state in its .card-status.
//
// States (store.status): new (never answered), due, learning (in its
// learning steps), young (in review, interval under 21 days) and mature.
// Nothing is called learned: one sitting makes a card young at most.
// .deck-progress gets data-new, -due, -learning, -young, -mature and
// -learned (young + mature, for older readers of it) and a bar whose
// segments are mature, young, learning and due (the rest is new).
import { counts, status, load } from "./store.js";
import { meanRetrievability } from "./recall.js";
import { formatDate, plural } from "./dom.js";

const ORDER = ["due", "learning", "new", "young", "mature"];
const LABEL = { new: "new", learning: "learning", due: "due", young: "young", mature: "mature" };
const TITLE = {
  new: "Never studied",
  learning: "In learning: coming back within minutes or hours",
  due: "Due for review now",
  young: "In review, next interval under 21 days",
  mature: "In review, next interval 21 days or more",
};

/** renderDeckProgress fills every .deck-progress under root from deckCards ({slug: [ids]}) at time t. */
export function renderDeckProgress(deckCards, t, root = document) {
  for (const el of root.querySelectorAll(".deck-progress[data-deck]")) {
    const ids = deckCards[el.dataset.deck];
    if (!ids) continue;
    const c = counts(ids, t);
    for (const k of [...ORDER, "learned"]) el.dataset[k] = String(c[k]);
    el.textContent = "";
    if (ids.length === 0) continue;
    const meter = document.createElement("span");
    meter.className = "meter";
    meter.setAttribute("aria-hidden", "true");
    for (const k of ["mature", "young", "learning", "due"]) {
      if (!c[k]) continue;
      const seg = document.createElement("span");
      seg.className = "meter-" + k;
      seg.style.width = (100 * c[k] / ids.length).toFixed(2) + "%";
      meter.append(seg);
    }
    const text = document.createElement("span");
    text.className = "counts";
    for (const k of ORDER) {
      if (!c[k] && (k === "young" || k === "mature" || k === "learning")) continue;
      const s = document.createElement("span");
      s.className = "count count-" + k;
      s.title = TITLE[k];
      const b = document.createElement("b");
      b.textContent = String(c[k]);
      s.append(b, " " + LABEL[k]);
      text.append(s, " ");
    }
    const r = meanRetrievability(ids, load().cards, t);
    if (r != null) {
      el.dataset.retrievability = r.toFixed(4);
      const s = document.createElement("span");
      s.className = "count count-r";
      s.title = "Mean retrievability: the chance, averaged over the cards you have studied, that you recall one now";
      const b = document.createElement("b");
      b.textContent = Math.round(r * 100) + "%";
      s.append(b, " recall");
      text.append(s);
    } else {
      delete el.dataset.retrievability;
    }
    el.append(meter, text);
  }
}

/**
 * cardState sums up the state of a flip card that stands for ids:
 * the most pressing state among them, and the next due date.
 */
export function cardState(ids, t) {
  const cards = load().cards;
  let state = "mature";
  let due = null;
  let rank = ORDER.length;
  for (const id of ids) {
    const rec = cards[id];
    const s = status(rec, t);
    const r = ORDER.indexOf(s);
    if (r < rank) { rank = r; state = s; }
    if (s !== "new" && rec.due != null && (due == null || rec.due < due)) due = rec.due;
  }
  if (!ids.length) state = "new";
  return { state, due };
}

/** renderCardStatus writes the state of one flip card into its .card-status. */
export function renderCardStatus(card, t) {
  const el = card.querySelector(".card-status");
  if (!el) return;
  const ids = (card.dataset.cardIds || "").split(/\s+/).filter(Boolean);
  const { state, due } = cardState(ids, t);
  card.dataset.state = state;
  el.dataset.state = state;
  if (due != null) el.dataset.due = String(due);
  else delete el.dataset.due;
  let text = state[0].toUpperCase() + state.slice(1);
  if (state === "due" && due != null) text = "Due since " + formatDate(due, t);
  else if (state !== "new" && due != null) text += " · due " + formatDate(due, t);
  if (ids.length > 1) {
    // A flip card standing for several cards (a reversed pair, a cloze with several gaps).
    const c = counts(ids, t);
    const n = c[state];
    if (n < ids.length) text += " (" + n + " of " + ids.length + ")";
    el.title = "This card stands for " + plural(ids.length, "card") + ": " +
      ORDER.filter((k) => c[k]).map((k) => c[k] + " " + LABEL[k]).join(", ");
  } else {
    el.title = TITLE[state];
  }
  el.textContent = text;
}

/** renderAllCardStatuses updates every flip card under root. */
export function renderAllCardStatuses(root, t) {
  for (const card of root.querySelectorAll(".card[data-card-ids]")) renderCardStatus(card, t);
}
