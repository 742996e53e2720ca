// quiz.js: page script of a quiz page. The performance marks
// flipdeck:quiz-start / -loaded / -ready (measures flipdeck:quiz-open and
// flipdeck:quiz-script) time opening the quiz (see the benchmarks).
import { startQuiz } from "./quiz-ui.js";
import { reportStoreErrors } from "./notice.js";
import { remindToBackUp } from "./backup.js";
import { quizCards } from "./quizcards.js";

performance.mark("flipdeck:quiz-start");

reportStoreErrors();
const el = document.getElementById("quiz");
if (el) {
  const root = document.body.dataset.root || "";
  let got = null;
  try {
    got = await quizCards(el, root);
  } catch (e) {
    console.warn(e);
    const p = el.querySelector(".quiz-fallback");
    if (p) p.textContent = "The cards of this quiz could not be loaded (offline?). Reload the page to try again, or read the cards on the deck page.";
  }
  if (got) {
    // flipdeck:quiz-script is the script's own work, without the download.
    performance.mark("flipdeck:quiz-loaded");
    startQuiz(el, got.cards, {
      root,
      load: got.load,
      deckName: el.dataset.deckName || "",
      deckSlug: el.dataset.deckSlug || "",
      deckUrl: el.dataset.deckUrl || root + "index.html",
    });
    remindToBackUp();
    performance.mark("flipdeck:quiz-ready");
    performance.measure("flipdeck:quiz-open", "flipdeck:quiz-start", "flipdeck:quiz-ready");
    performance.measure("flipdeck:quiz-script", "flipdeck:quiz-loaded", "flipdeck:quiz-ready");
  }
}
