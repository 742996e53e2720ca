// quiz-practice.js: practice mode. Its start screen offers all, starred
// or recently failed cards; the chosen ones come shuffled, one at a time
// (quiz-card.js), as many times as the reader likes, and the grades do
// not touch the schedule (a card answered Again comes back a few cards
// later, session.js).
import { now } from "./clock.js";
import * as store from "./store.js";
import { recentlyFailed, shuffle } from "./schedule.js";
import * as session from "./session.js";
import { plural } from "./dom.js";
import { el } from "./el.js";
import { setMode, withCards, newSession, showScreen } from "./quiz-core.js";
import { showCard } from "./quiz-card.js";

// practiceSet lists the quiz's cards of a set: "all", "starred" or "failed".
function practiceSet(q, set) {
  if (set === "starred") {
    const st = store.stars();
    return q.cards.filter((c) => c.id in st);
  }
  if (set === "failed") {
    const ids = new Set(recentlyFailed(store.getLog(), now()));
    return q.cards.filter((c) => ids.has(c.id));
  }
  return q.cards;
}

/** startPractice starts a practice session over a set of cards (practiceSet). */
export function startPractice(q, set) {
  setMode(q, "practice");
  withCards(q, practiceSet(q, set), (ok) => {
    if (!ok.length) return showPracticeStart(q);
    const sq = session.practiceSession(shuffle(ok));
    session.next(sq, now());
    q.s = newSession("practice", sq);
    q.s.set = set;
    showCard(q, true);
  });
}

/** showPracticeStart shows the choice of cards to practise. */
export function showPracticeStart(q) {
  setMode(q, "practice");
  q.s = null;
  const starred = practiceSet(q, "starred").length;
  const failed = practiceSet(q, "failed").length;
  const opt = (set, label, n, hint) => {
    const b = el("button", { type: "button", class: "choice", "data-set": set, disabled: n === 0 },
      el("span", { class: "choice-name" }, label), el("span", { class: "choice-count" }, plural(n, "card")),
      el("span", { class: "choice-hint" }, hint));
    b.addEventListener("click", () => startPractice(q, set));
    return b;
  };
  const sec = el("section", { class: "quiz-start", tabindex: "-1", "aria-labelledby": "practice-h" },
    el("h2", { id: "practice-h" }, "Practice"),
    el("p", {}, "Shuffled cards, as many times as you like. Practice does not change your schedule."),
    el("div", { class: "choices" },
      opt("all", "All cards", q.cards.length, "Every card of this quiz."),
      opt("starred", "Starred", starred, starred ? "The cards you marked with ★." : "Star cards with ☆ to practise them here."),
      opt("failed", "Failed recently", failed, "Cards you answered Again in the last 7 days.")));
  showScreen(q, sec, "start");
}
