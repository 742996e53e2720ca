// testmode.js: the questions of a multiple-choice test (no DOM writes).
// The right answer goes among up to three wrong ones taken from other
// cards of the quiz, preferring the same deck, the same kind of card and a
// similar length; two options never have the same text. A cloze card is
// tested by its hidden text (QuizCard.cloze).
import { shuffle } from "./schedule.js";

export const MIN_CARDS = 4;
export const MAX_QUESTIONS = 20;

const scratch = typeof document !== "undefined" ? document.createElement("template") : null;

/** plainText turns answer HTML into plain, whitespace-collapsed text. */
export function plainText(html) {
  if (!html) return "";
  if (!scratch) return String(html).replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  scratch.innerHTML = html;
  return (scratch.content.textContent || "").replace(/\s+/g, " ").trim();
}

function keyOf(text) {
  return text.toLowerCase().replace(/[\s.,;:!?'"“”‘’()[\]-]+/g, " ").trim();
}

// answerOf gives what a test asks for a card: {html, text, key, cloze}.
function answerOf(c) {
  if (c._ans !== undefined) return c._ans;
  let a = null;
  if (c.kind === "cloze" && Array.isArray(c.cloze) && c.cloze.length) {
    const text = c.cloze.join(" … ");
    a = { html: null, text, key: keyOf(text), cloze: true };
  } else {
    const text = plainText(c.a);
    if (text) a = { html: c.a, text, key: keyOf(text), cloze: false };
  }
  if (a && !a.key) a = null;
  Object.defineProperty(c, "_ans", { value: a, enumerable: false, configurable: true });
  return a;
}

/** testable lists the cards a test can ask: those with an answer. */
export function testable(cards) {
  return cards.filter((c) => answerOf(c));
}

/** canTest: has the quiz enough cards with distinct answers for a test? */
export function canTest(cards) {
  const keys = new Set();
  for (const c of cards) {
    const a = answerOf(c);
    if (a) keys.add(a.key);
    if (keys.size >= MIN_CARDS) return true;
  }
  return false;
}

/** distractors picks up to n wrong options for card c from pool. */
export function distractors(c, pool, n = 3, rand = Math.random) {
  const right = answerOf(c);
  const len = right.text.length;
  const scored = [];
  for (const d of pool) {
    if (d === c || d.id === c.pair) continue;
    const a = answerOf(d);
    if (!a || a.key === right.key) continue;
    let score = 0;
    if (d.deck === c.deck) score += 2;
    if (a.cloze === right.cloze) score += 3;
    if (d.kind === c.kind) score += 1;
    score += 2 * (Math.min(len, a.text.length) / Math.max(len, a.text.length, 1));
    score += rand() * 1.5;
    scored.push([score, d, a]);
  }
  scored.sort((x, y) => y[0] - x[0]);
  const out = [];
  const keys = new Set([right.key]);
  for (const [, d, a] of scored) {
    if (keys.has(a.key)) continue;
    keys.add(a.key);
    out.push({ from: d.id, html: a.cloze || right.cloze ? null : a.html, text: a.text, right: false });
    if (out.length === n) break;
  }
  return out;
}

/** makeTest builds up to max shuffled questions, each with shuffled options. */
export function makeTest(cards, max = MAX_QUESTIONS, rand = Math.random) {
  const pool = testable(cards);
  const picked = shuffle(pool, rand).slice(0, max);
  return picked.map((c) => {
    const a = answerOf(c);
    const right = { from: c.id, html: a.cloze ? null : a.html, text: a.text, right: true };
    return { card: c, cloze: a.cloze, options: shuffle([right, ...distractors(c, pool, 3, rand)], rand), chosen: -1 };
  });
}
