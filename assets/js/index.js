// index.js: page script of index.html: per-deck progress from the store,
// and how many cards "Study everything due" would bring.
import { now } from "./clock.js";
import { onChange, load, settings } from "./store.js";
import { readDeckCards } from "./dom.js";
import { renderDeckProgress } from "./progress.js";
import { reportStoreErrors } from "./notice.js";
import { introducedToday } from "./schedule.js";
import { remindToBackUp } from "./backup.js";

const deckCards = readDeckCards();
const study = document.querySelector(".study-all-count");

function renderStudy(t) {
  if (!study) return;
  const all = new Set();
  for (const ids of Object.values(deckCards)) for (const id of ids) all.add(id);
  const recs = load().cards;
  let due = 0;
  let fresh = 0;
  for (const id of all) {
    const r = recs[id];
    if (!r || r.state === "new" || r.due == null) fresh++;
    else if (r.due <= t) due++;
  }
  const newToday = Math.min(fresh, Math.max(0, settings().newPerDay - introducedToday(load().log, all, t)));
  study.dataset.due = String(due);
  study.dataset.new = String(newToday);
  study.textContent = due + " due · " + newToday + " new";
}

const render = () => {
  const t = now();
  renderDeckProgress(deckCards, t);
  renderStudy(t);
};
reportStoreErrors();
render();
onChange(render);
// Coming back to the tab (after a quiz in another one, or hours later): recount.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") render();
});
window.addEventListener("pageshow", (e) => { if (e.persisted) render(); });

// Progress across devices (backup.js, receive.js): a reminder to keep a
// copy, and a "Send my progress" link opened here merges after a preview.
remindToBackUp();
const receiveLink = () => {
  if (location.hash.startsWith("#progress=")) import("./receive.js").then((m) => m.receiveFromLocation());
};
receiveLink();
window.addEventListener("hashchange", receiveLink);
