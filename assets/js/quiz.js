// quiz.js: page script of a quiz page. The performance marks
// flipdeck:quiz-start / -loaded / -ready (measures flipdeck:quiz-open and
// flipdeck:quiz-script) time opening the quiz (see the benchmarks).
import { startQuiz } from "./quiz-ui.js";
import { reportStoreErrors } from "./notice.js";
import { remindToBackUp } from "./backup.js";

performance.mark("flipdeck:quiz-start");

/**
 * loadCards fetches the quiz's cards: the page names, in data-cards, one
 * JSON file per deck of its subtree (each card is stored once, however
 * many parent decks' quizzes include it). Files come back in page order.
 */
async function loadCards(urls) {
  const list = (urls || "").split(" ").filter(Boolean);
  const parts = await Promise.all(list.map(async (u) => {
    const res = await fetch(u);
    if (!res.ok) throw new Error("cannot load " + u + ": HTTP " + res.status);
    return res.json();
  }));
  return parts.flat();
}
reportStoreErrors();
const el = document.getElementById("quiz");
if (el) {
  let cards = null;
  try {
    cards = await loadCards(el.dataset.cards);
  } catch (e) {
    console.warn(e);
    const p = el.querySelector(".quiz-fallback");
    if (p) p.textContent = "The cards of this quiz could not be loaded (offline?). Reload the page to try again, or read the cards on the deck page.";
  }
  if (cards) {
    // flipdeck:quiz-script is the script's own work, without the download.
    performance.mark("flipdeck:quiz-loaded");
    startQuiz(el, cards, {
      root: document.body.dataset.root || "",
      deckName: el.dataset.deckName || "",
      deckSlug: el.dataset.deckSlug || "",
      deckUrl: el.dataset.deckUrl || (document.body.dataset.root || "") + "index.html",
    });
    remindToBackUp();
    performance.mark("flipdeck:quiz-ready");
    performance.measure("flipdeck:quiz-open", "flipdeck:quiz-start", "flipdeck:quiz-ready");
    performance.measure("flipdeck:quiz-script", "flipdeck:quiz-loaded", "flipdeck:quiz-ready");
  }
}
