// quiz-test.js: test mode. A start screen with the deck's best and last
// scores; then up to MAX_QUESTIONS multiple-choice questions (testmode.js
// makes them), one at a time, each answered by a choice among four and
// told right or wrong; then the result: the score, kept per deck, and the
// mistakes with their right answers. A test never changes the schedule.
import { now } from "./clock.js";
import * as store from "./store.js";
import { canTest, makeTest, seeded, MIN_CARDS, MAX_QUESTIONS } from "./testmode.js";
import { formatDate, plural, wrapTables } from "./dom.js";
import { el, button } from "./el.js";
import { setMode, setTestOK, withCards, showScreen, backLink, deckLabel, renderCounts, announce } from "./quiz-core.js";

// inertHTML: options in a test show answer HTML without anything
// interactive in it.
function inertHTML(html) {
  const t = document.createElement("template");
  t.innerHTML = html;
  for (const n of t.content.querySelectorAll("a, button, input, select, textarea, details, audio, video, iframe, label, [tabindex]")) {
    if (n.matches("a, button, label")) {
      const s = document.createElement("span");
      s.append(...n.childNodes);
      n.replaceWith(s);
    } else if (n.matches("details")) {
      const d = document.createElement("div");
      d.append(...n.childNodes);
      n.replaceWith(d);
    } else if (n.matches("[tabindex]") && !n.matches("input, select, textarea, audio, video, iframe")) {
      n.removeAttribute("tabindex");
    } else {
      n.remove();
    }
  }
  return t.content;
}

/** showTestStart shows the test's start screen, once the quiz's cards are loaded. */
export function showTestStart(q) {
  setMode(q, "test");
  q.s = null;
  withCards(q, q.cards, () => showTestIntro(q));
}

function showTestIntro(q) {
  setTestOK(q, canTest(q.cards));
  const sc = store.testScore(q.deckSlug);
  let body;
  if (!q.testOK) {
    body = [el("p", {}, "A test needs at least " + MIN_CARDS + " cards with different answers; this deck has too few.")];
  } else {
    const start = button("Start the test", "start-test", () => startTest(q), "button primary big");
    body = [
      el("p", {}, "Multiple choice: pick the right answer among four. ", el("span", { class: "key-hint" }, "Keys 1-4 choose, Space or Enter goes on. "), "The test does not change your schedule."),
      sc ? el("p", { class: "test-scores" }, "Best score ", el("strong", { "data-best": sc.best }, Math.round(sc.best * 100) + "%"),
        " · last ", el("strong", { "data-last": sc.last }, Math.round(sc.last * 100) + "%"), " (" + formatDate(sc.lastAt, now()) + ")") : null,
      start,
    ];
  }
  const sec = el("section", { class: "quiz-start", tabindex: "-1", "aria-labelledby": "test-h" }, el("h2", { id: "test-h" }, "Test"), ...body);
  showScreen(q, sec, "start");
}

/** startTest starts a test over the quiz's cards. */
export function startTest(q) {
  setMode(q, "test");
  withCards(q, q.cards, (ok) => {
    q.s = { mode: "test", questions: makeTest(ok, MAX_QUESTIONS, seeded(now())), pos: 0, score: 0, done: false, history: [] };
    showQuestion(q);
  });
}

function optionButtons(q, qn, prompt) {
  return el("div", { class: "options", role: "group", "aria-label": prompt },
    ...qn.options.map((o, i) => {
      const b = el("button", { type: "button", class: "option", "data-option": i, "data-from": o.from, "aria-keyshortcuts": String(i + 1) },
        el("kbd", { "aria-hidden": "true" }, String(i + 1)));
      const body = el("span", { class: "option-body prose" });
      if (o.html) body.append(inertHTML(o.html));
      else body.textContent = o.text;
      b.append(body);
      b.addEventListener("click", () => choose(q, i));
      return b;
    }));
}

function showQuestion(q) {
  const s = q.s;
  const qn = s.questions[s.pos];
  const c = qn.card;
  q.root.dataset.state = "question";
  q.shell.setStudying(true);
  const n = s.pos + 1;
  const total = s.questions.length;
  const qEl = el("div", { class: "quiz-q prose", id: "quiz-q", html: c.q });
  const label = deckLabel(q, c);
  const prompt = qn.cloze ? "Which text fills the gap?" : "Which is the answer?";
  const card = el("article", { class: "quiz-card test-card", tabindex: "-1", "data-card-id": c.id, "data-kind": c.kind || "",
    "aria-roledescription": "question", "aria-label": "Question " + n + " of " + total },
  label ? el("p", { class: "quiz-label" }, label) : null,
  c.ctx && c.ctx.length ? el("p", { class: "card-ctx" }, c.ctx.join(" › ")) : null, qEl);
  const feedback = el("p", { class: "test-feedback", role: "status" });
  const next = button(n < total ? "Next question" : "See the result", "next", () => nextQuestion(q), "button primary big next");
  next.hidden = true;
  next.append(el("kbd", { "aria-hidden": "true" }, "Space"));
  q.view.replaceChildren(card, el("p", { class: "test-prompt" }, prompt), optionButtons(q, qn, prompt), feedback);
  q.shell.setActions(el("p", { class: "test-hint" }, prompt), next);
  renderCounts(q);
  wrapTables(card);
  scrollTo(0, 0);
  card.focus({ preventScroll: true });
  announce(q, "Question " + n + " of " + total + ": " + (qEl.textContent || "").trim().slice(0, 300) + ". " + prompt);
}

function choose(q, i) {
  const s = q.s;
  if (!s || s.mode !== "test" || s.done) return;
  const qn = s.questions[s.pos];
  if (qn.chosen >= 0 || i >= qn.options.length) return;
  qn.chosen = i;
  const right = qn.options[i].right;
  if (right) s.score++;
  q.root.dataset.state = "answered";
  q.view.querySelectorAll(".option").forEach((b, j) => {
    b.disabled = true;
    b.setAttribute("aria-disabled", "true");
    if (qn.options[j].right) b.classList.add("is-right");
    if (j === i && !right) b.classList.add("is-wrong");
    if (j === i) b.setAttribute("aria-pressed", "true");
  });
  const rightText = qn.options.find((o) => o.right).text;
  const fb = q.view.querySelector(".test-feedback");
  fb.dataset.right = String(right);
  fb.textContent = right ? "Right." : "Not quite. The right answer: " + (rightText.length > 200 ? rightText.slice(0, 200) + "…" : rightText);
  renderCounts(q);
  const hint = q.shell.actions.querySelector(".test-hint");
  if (hint) hint.hidden = true;
  const next = q.shell.actions.querySelector(".next");
  next.hidden = false;
  next.focus({ preventScroll: true });
  fb.scrollIntoView({ block: "nearest" });
}

function nextQuestion(q) {
  const s = q.s;
  if (!s || s.mode !== "test" || s.done) return;
  if (s.questions[s.pos].chosen < 0) return;
  s.pos++;
  if (s.pos < s.questions.length) showQuestion(q);
  else showTestResult(q);
}

function mistakeList(q, mistakes) {
  return el("ol", { class: "mistakes" }, ...mistakes.map((x) => {
    const right = x.options.find((o) => o.right);
    return el("li", { "data-card-id": x.card.id },
      el("div", { class: "mistake-q prose", html: x.card.q }),
      el("p", { class: "mistake-yours" }, el("span", { class: "mistake-label" }, "Your answer: "), x.options[x.chosen].text),
      el("p", { class: "mistake-right" }, el("span", { class: "mistake-label" }, "Right answer: "), right.text),
      x.card.deckUrl ? el("p", { class: "quiz-src" }, el("a", { href: q.siteRoot + x.card.deckUrl }, "See it in the deck")) : null);
  }));
}

/** showTestResult ends the test on screen (finished, or ✕ End) and shows its score, kept per deck. */
export function showTestResult(q) {
  const s = q.s;
  const t = now();
  s.done = true;
  const answered = s.questions.filter((x) => x.chosen >= 0);
  const total = answered.length;
  const frac = total ? s.score / total : 0;
  const prevScore = store.testScore(q.deckSlug);
  if (total) store.recordTest(q.deckSlug, frac, total, t);
  const sc = store.testScore(q.deckSlug);
  const pct = Math.round(frac * 100);
  const mistakes = answered.filter((x) => !x.options[x.chosen].right);
  const newBest = total && prevScore && frac > prevScore.best;
  const sec = el("section", { class: "quiz-summary test-result", tabindex: "-1", "data-score": s.score, "data-total": total, "data-percent": pct, "aria-labelledby": "test-result-h" },
    el("h2", { id: "test-result-h" }, "Test result"),
    el("p", { class: "quiz-score" }, el("strong", {}, pct + "%"), " " + s.score + " of " + plural(total, "question") + " right"),
    sc ? el("p", { class: "test-scores" }, newBest ? "A new best score! " : "", "Best ", el("strong", { "data-best": sc.best }, Math.round(sc.best * 100) + "%"),
      " · last ", el("strong", { "data-last": sc.last }, Math.round(sc.last * 100) + "%")) : null,
    mistakes.length ? el("h3", {}, "Your mistakes") : el("p", {}, total ? "No mistakes." : "No question answered."),
    mistakes.length ? mistakeList(q, mistakes) : null,
    el("p", { class: "quiz-end-actions" }, button("Take another test", "start-test", () => startTest(q), "button primary"), backLink(q)));
  showScreen(q, sec, "done");
  announce(q, "Test done: " + s.score + " of " + total + " right");
}

/**
 * testKey handles a key during a test: 1-9 choose an option, then Space
 * or Enter go on (unless on another control than Next: onControl).
 */
export function testKey(q, e, onControl) {
  const qn = q.s.questions[q.s.pos];
  if (qn.chosen < 0 && /^[1-9]$/.test(e.key)) {
    e.preventDefault();
    choose(q, Number(e.key) - 1);
  } else if (qn.chosen >= 0 && (e.key === " " || e.key === "Enter") && !(onControl && !onControl.matches(".next"))) {
    e.preventDefault();
    nextQuestion(q);
  }
}
