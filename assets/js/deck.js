// deck.js: page script of a deck page: flip cards, their progress states,
// the deck's counts, its subdecks' rows, a filter box, a "show all
// answers" switch and the deck's quiz (quizplace.js).
import { now } from "./clock.js";
import { onChange, stars, setStarred, load, settings } from "./store.js";
import { readDeckCards, wrapTables, wireQuizPlace } from "./dom.js";
import { el } from "./el.js";
import { enhanceAll, setFlipped } from "./flip.js";
import { renderDeckProgress, renderAllCardStatuses } from "./progress.js";
import { reportStoreErrors, showNotice } from "./notice.js";

const main = document.getElementById("main") || document.body;
// The page holds the ids of its own deck's cards; a deck with subdecks
// takes theirs from data/decks.json (below).
const deckCards = readDeckCards();
const subdecks = document.querySelector(".deck-list");
let sub = null; // the subdecks' cards and rows (decklist.js), once in

// The deck's quiz runs on this page, at #quiz (quizplace.js).
wireQuizPlace(main);

reportStoreErrors();
// A page opened at #quiz shows its quiz first: the deck's flip cards,
// their states and tools are made once the quiz closes (quizplace.js
// says so with flipdeck:quiz-closed), not while a phone opens the quiz
// (for a deck of hundreds of cards, a long task before the first card).
if (location.hash === "#quiz" && document.getElementById("quiz")) document.addEventListener("flipdeck:quiz-closed", showDeck, { once: true });
else showDeck();

// showDeck makes the page's flip cards and tools.
function showDeck() {
  wrapTables(main);
  const cards = enhanceAll(main);

  // A star toggle on every card (for practising starred cards).
  const starButtons = [];
  for (const card of cards) {
    const ids = (card.dataset.cardIds || "").split(/\s+/).filter(Boolean);
    const bar = card.querySelector(":scope > .card-bar");
    if (!ids.length || !bar) continue;
    const b = el("button", { type: "button", class: "star", "data-action": "star", "aria-pressed": "false" },
      el("span", { "aria-hidden": "true" }), el("span", { class: "sr-only", text: "Star" }));
    b.addEventListener("click", (e) => {
      e.stopPropagation();
      setStarred(ids, b.getAttribute("aria-pressed") !== "true", now());
    });
    const flipBtn = bar.querySelector(".card-flip");
    bar.insertBefore(b, flipBtn);
    starButtons.push([b, ids]);
  }

  function renderStars() {
    const st = stars();
    for (const [b, ids] of starButtons) {
      const on = ids.every((id) => id in st);
      b.setAttribute("aria-pressed", String(on));
      b.title = on ? "Starred" : "Star this card";
      b.firstChild.textContent = on ? "★" : "☆";
    }
  }

  // The deck's own bar, when it waits for its subdecks' cards
  // (data-pending, until data/decks.json is in).
  const bar = document.querySelector(".deck-header .deck-progress[data-pending]");

  // barCards is the cards the bars count: while the deck's own bar waits,
  // a reader who has studied nothing has every card new, so it needs only
  // their number (as many ids the store does not hold); otherwise it keeps
  // its place, empty (data-pending=wait: deck.css), as it would be drawn.
  function barCards(data) {
    if (sub) return sub.cards;
    if (!bar || bar.dataset.pending == null) return deckCards;
    for (const _ in data.cards) {
      bar.dataset.pending = "wait";
      bar.textContent = "";
      return deckCards;
    }
    return { ...deckCards, [bar.dataset.deck]: new Array(Number(bar.dataset.total)).fill("") };
  }

  const render = () => {
    const t = now();
    const data = load();
    renderDeckProgress(barCards(data), t);
    if (sub) sub.render(data, settings().newPerDay, t);
    renderAllCardStatuses(main, t);
    renderStars();
  };
  render();
  onChange(render);
  // Most decks have no subdecks, and few readers filter: what only those
  // need loads when it is needed. The subdecks' rows and cards
  // (decklist.js wireSubdecks) come from data/decks.json, as the index
  // takes them; until then the deck's own bar keeps its place (barCards)
  // and the rows their card counts, and where it cannot be loaded (a page
  // opened from a folder) they stay so, as without JavaScript.
  if (subdecks) {
    import("./decklist.js")
      .then((m) => m.wireSubdecks(subdecks, new URL(document.body.dataset.root || "./", location.href)))
      .then((s) => { sub = s; }, (e) => console.warn("flipdeck: no counts for the subdecks:", e))
      .then(() => {
        if (bar) delete bar.dataset.pending;
        render();
      });
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") render();
  });
  window.addEventListener("pageshow", (e) => { if (e.persisted) render(); });

  // "Show all answers" for reading the deck through.
  const tools = document.querySelector(".deck-tools");
  if (tools && cards.length) {
    const all = el("button", { type: "button", class: "button show-all", "aria-pressed": "false" }, "Show all answers");
    all.addEventListener("click", () => {
      const on = all.getAttribute("aria-pressed") !== "true";
      all.setAttribute("aria-pressed", String(on));
      for (const c of cards) setFlipped(c, on, { animate: false });
    });
    tools.append(all);
    tools.hidden = false;
  }

  // "Download the cards for Anki": the file is made here, from the deck
  // pages, when asked for.
  const anki = document.querySelector(".anki-download");
  if (anki) {
    anki.closest(".anki-link").hidden = false;
    anki.addEventListener("click", async () => {
      anki.disabled = true;
      try {
        const m = await import("./ankidownload.js");
        await m.downloadAnki(document.body.dataset.root || "", anki.dataset.deck);
      } catch (e) {
        console.warn(e);
        showNotice("The Anki file could not be made: a deck page did not load (offline?). Try again.");
      } finally {
        anki.disabled = false;
      }
    });
  }

  const filter = document.getElementById("filter-q");
  if (filter && cards.length) {
    const start = () => import("./filter.js").then((m) => m.wireFilter(filter, document.getElementById("filter-status"), main, cards)());
    if (filter.value) start(); // restored by the browser after Back
    else filter.addEventListener("input", start, { once: true });
  }

  // A link to a card (#card-…) or to something inside an answer shows that
  // card's answer side.
  function openTarget() {
    let id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return;
    }
    if (!id) return;
    const el = document.getElementById(id);
    if (!el) return;
    const card = el.closest(".card.flip");
    if (!card) return;
    setFlipped(card, true, { animate: false });
    (el.closest("[hidden]") ? card : el).scrollIntoView({ block: "start" });
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
  // The quiz closed by a link to a card: the card shows once the page does.
  document.addEventListener("flipdeck:quiz-closed", openTarget);
}
