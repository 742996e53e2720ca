// quiz.js: page script of a quiz page. The performance marks
// flipdeck:quiz-start / -loaded / -ready (measures flipdeck:quiz-open and
// flipdeck:quiz-script) time opening the quiz (see the benchmarks).
import { startQuiz } from "./quiz-ui.js";
import { reportStoreErrors, whenBackupDue } from "./notice.js";
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
    // Reading the deck pages and drawing the first card each take a good
    // part of a phone's time to open a quiz: run in one task, they block
    // taps for that long. A new task between them lets the browser
    // paint and answer input in between.
    await nextTask();
    // flipdeck:quiz-script is the script's own work, without the download.
    performance.mark("flipdeck:quiz-loaded");
    startQuiz(el, got.cards, {
      root,
      load: got.load,
      deckName: el.dataset.deckName || "",
      deckSlug: el.dataset.deckSlug || "",
      deckUrl: el.dataset.deckUrl || root + "index.html",
    });
    whenBackupDue(() => import("./backup.js").then((m) => m.remindToBackUp(), (e) => console.warn(e)));
    performance.mark("flipdeck:quiz-ready");
    performance.measure("flipdeck:quiz-open", "flipdeck:quiz-start", "flipdeck:quiz-ready");
    performance.measure("flipdeck:quiz-script", "flipdeck:quiz-loaded", "flipdeck:quiz-ready");
  }
}

// nextTask resolves in a later task (scheduler.yield, where there is one,
// puts it before other queued work, so the quiz is not delayed).
function nextTask() {
  if (globalThis.scheduler && typeof scheduler.yield === "function") return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
