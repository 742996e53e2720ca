// quiz.js: page script of a quiz page.
import { readJSON } from "./dom.js";
import { startQuiz } from "./quiz-ui.js";
import { reportStoreErrors } from "./notice.js";

reportStoreErrors();
const el = document.getElementById("quiz");
if (el) {
  startQuiz(el, readJSON("quiz-data", []), {
    root: document.body.dataset.root || "",
    deckName: el.dataset.deckName || "",
    deckUrl: el.dataset.deckUrl || (document.body.dataset.root || "") + "index.html",
  });
}
