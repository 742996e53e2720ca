// index.js: page script of index.html: per-deck progress from the store.
import { now } from "./clock.js";
import { onChange } from "./store.js";
import { readJSON } from "./dom.js";
import { renderDeckProgress } from "./progress.js";
import { reportStoreErrors } from "./notice.js";

const deckCards = readJSON("deck-cards", {});
const render = () => renderDeckProgress(deckCards, now());
reportStoreErrors();
render();
onChange(render);
// Coming back to the tab (after a quiz in another one, or hours later): recount.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") render();
});
window.addEventListener("pageshow", (e) => { if (e.persisted) render(); });
