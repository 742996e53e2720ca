// quizstart.js: opens the quiz in its place (quizplace.js imports this
// module when the quiz first opens; a page loaded at #quiz starts
// fetching it at once): reads its cards and starts it (quiz-ui.js). The performance marks
// flipdeck:quiz-start (quizplace.js) / -loaded / -ready (measures
// flipdeck:quiz-open and flipdeck:quiz-script) time opening the quiz
// (see the benchmarks).
//
// The imports below list every module the quiz's first card needs that
// the page scripts do not load already, each directly: a browser finds an
// import only once the module before it is in, so a chain of five
// modules would cost five round trips; listed here, they are fetched at
// once (internal/layout's TestQuizStartImportsFlat keeps the list whole).
import "./quiz-core.js";
import "./quiz-card.js";
import "./quiz-review.js";
import "./quiz-summary.js";
import "./study-shell.js";
import "./session.js";
import "./schedule.js";
import "./learning.js";
import "./fsrs.js";
import "./testmode.js";
import "./timephrases.js";
import "./deckpages.js";
import "./pagecards.js";
import * as quizCards from "./quizcards.js";
import { startQuiz } from "./quiz-ui.js";
import { whenBackupDue } from "./notice.js";

/**
 * startQuizHere starts the quiz in section once sheets (the quiz's
 * stylesheets, quizplace.js linkQuizSheets) are in: read(quizcards.js)
 * resolves to its cards; opts go to startQuiz. Resolves to {again()}, which
 * starts a new review when the quiz is opened again.
 */
export async function startQuizHere(section, read, opts, sheets) {
  const root = document.body.dataset.root || "";
  const [got] = await Promise.all([read(quizCards), sheets]);
  // Reading the subdecks' pages and drawing the first card each take a
  // good part of a phone's time to open a quiz: run in one task, they
  // block taps for that long. A new task between them lets the browser
  // paint and answer input in between.
  await nextTask();
  // flipdeck:quiz-script is the script's own work, without the download.
  performance.mark("flipdeck:quiz-loaded");
  section.classList.add("quiz");
  startQuiz(section, got.cards, { ...opts, root, load: got.load });
  whenBackupDue(() => import("./backup.js").then((m) => m.remindToBackUp(), (e) => console.warn(e)));
  performance.mark("flipdeck:quiz-ready");
  performance.measure("flipdeck:quiz-open", "flipdeck:quiz-start", "flipdeck:quiz-ready");
  performance.measure("flipdeck:quiz-script", "flipdeck:quiz-loaded", "flipdeck:quiz-ready");
  return { again: () => section.quiz && section.quiz.startReview() };
}

// nextTask resolves in a later task (scheduler.yield, where there is one,
// puts it before other queued work, so the quiz is not delayed).
function nextTask() {
  if (globalThis.scheduler && typeof scheduler.yield === "function") return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
