// index.js: page script of index.html: today's New / Learn / Due counts
// of every deck in the deck list, what "Study all" (every deck) would
// bring, and today's reviews and streak; search.js wires the search box,
// quizplace.js the review of every deck ("Study all", in place).
// The decks' cards come from data/decks.json (decksdata.js); decktree.js
// makes the rows of subdecks a big vault's index leaves out.
import { now } from "./clock.js";
import { onChange, load, settings } from "./store.js";
import { plural, wireQuizPlace } from "./dom.js";
import { renderDeckList, wireDeckList } from "./decklist.js";
import { loadDecks } from "./decksdata.js";
import { growRow } from "./decktree.js";
import { deckToday, studyDays } from "./today.js";
import { reportStoreErrors, whenBackupDue } from "./notice.js";
import "./search.js";

// The review of every deck runs on this page, at #quiz (quizplace.js).
wireQuizPlace(document.getElementById("main"));

const root = new URL(document.body.dataset.root || "./", location.href);
const list = document.querySelector(".deck-list");
const study = document.querySelector(".study-all-count");
const today = document.getElementById("today");

// Today's counts need data/decks.json; where it cannot be fetched (a page
// opened from a folder: file: URLs cannot be fetched) the rows keep their
// card counts, as without JavaScript.
const loaded = list ? loadDecks(root) : Promise.reject(new Error("no decks"));
loaded.catch((e) => console.warn("flipdeck: no counts for today:", e));
let tree = null; // loaded
let allIds = [];
// The page is drawn once the list is in (or could not be loaded): the
// counts, "Study all" and the today line in one go, one layout of the
// page rather than two.
loaded.then((t) => {
  tree = t;
  allIds = [...new Set(Object.values(t.cards).flat())];
}, () => {}).then(() => render());

function renderStudy(data, newPerDay, t) {
  if (!study || !tree) return;
  const c = deckToday(allIds, tree.pairs, data, newPerDay, t);
  study.dataset.due = String(c.learn + c.due);
  study.dataset.new = String(c.new);
  study.textContent = (c.learn + c.due) + " due · " + c.new + " new";
}

function renderToday(data, t) {
  if (!today) return;
  const d = studyDays(data.log, t);
  today.dataset.reviews = String(d.reviews);
  today.dataset.streak = String(d.streak);
  let text = d.reviews ? "Today: " + plural(d.reviews, "review") + (d.fresh ? " (" + d.fresh + " new)" : "") : "Nothing studied yet today";
  if (d.streak > 1) text += " · " + d.streak + " days in a row" + (d.today ? "" : " until yesterday");
  today.textContent = text + ".";
}

const render = () => {
  const t = now();
  const data = load();
  const newPerDay = settings().newPerDay;
  if (list && tree) renderDeckList(list, tree.cards, tree.pairs, data, newPerDay, t);
  renderStudy(data, newPerDay, t);
  renderToday(data, t);
};
reportStoreErrors();
// A lazy row's subdecks, made when it opens, then counted.
const grow = (li) => loaded.then((t) => {
  const ul = growRow(li, t, document.body.dataset.root || "");
  render();
  return ul;
});
if (list) wireDeckList(list, grow);
onChange(render);
// Coming back to the tab (after a quiz in another one, or hours later): recount.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") render();
});
window.addEventListener("pageshow", (e) => { if (e.persisted) render(); });

// Progress across devices (backup.js, receive.js): a reminder to keep a
// copy, and a "Send my progress" link opened here merges after a preview.
whenBackupDue(() => import("./backup.js").then((m) => m.remindToBackUp(), (e) => console.warn(e)));
const receiveLink = () => {
  if (location.hash.startsWith("#progress=")) import("./receive.js").then((m) => m.receiveFromLocation());
};
receiveLink();
window.addEventListener("hashchange", receiveLink);
