// testmode.js: the questions of a multiple-choice test (no DOM writes).
//
// The right answer goes among up to three wrong ones ("distractors") that
// look like it, so that the test asks for knowledge, not for spotting the
// odd one out:
//
//   - the same kind: a cloze is tested by its hidden text, and its wrong
//     options are other clozes' hidden texts; an ordinary card's are other
//     cards' answers;
//   - the same shape: a number for a number ("24 hours", "7 days"; the
//     same unit preferred), a single word for a single word, a short
//     phrase for a short phrase, code for code, a list for a list; then
//     the closest length, and the same deck;
//   - never the card's own siblings: the other side of its reversed pair
//     (whose answer is the card's question) or another number of its cloze
//     line (whose text shows in the question);
//   - no two options with the same text.
//
// When the quiz has too few numbers for a numeric answer, near numbers in
// the same format fill in ("1 MB/s" → "2 MB/s", "1969" → "1972"). Given
// the same random source (seeded(seed)) a test is the same.
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

/** seeded returns a random source (0 ≤ x < 1) that gives the same numbers for the same seed. */
export function seeded(seed) {
  let a = (Math.floor(Number(seed)) || 0) >>> 0;
  return () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function keyOf(text) {
  return text.toLowerCase().replace(/[\s.,;:!?'"“”‘’()[\]-]+/g, " ").trim();
}

// A number, maybe signed, with a currency sign, thousands separators,
// decimals and a short unit: "42", "1,000", "-3.5", "$20", "50 %",
// "24 hours", "1 MB/s", "2^10" is not one.
const NUMBER = /^([~≈]?[-+−]?[$€£¥]?\s?)(\d{1,3}(?:([,\u202f ’'])\d{3})+|\d+)(?:([.,])(\d+))?(\s?(?:%|°[CF]?|[A-Za-zµ]{1,12}(?:\/[A-Za-zµ]{1,4})?))?$/u;

/**
 * shapeOf tells what an answer looks like: "number", "word" (one word),
 * "phrase" (2-4 words), "sentence" (up to 25 words), "text" (longer), or
 * from its HTML "code", "list", "table", "image", "math".
 */
export function shapeOf(text, html) {
  if (html) {
    if (/<pre[\s>]/i.test(html)) return "code";
    if (/<table[\s>]/i.test(html)) return "table";
    if (/<(?:ul|ol)[\s>]/i.test(html)) return "list";
    if (/<(?:img|svg|video|audio)[\s>]/i.test(html) && text.length < 40) return "image";
    if (/<math[\s>]/i.test(html) && text.length < 60) return "math";
  }
  const t = text.trim();
  if (NUMBER.test(t)) return "number";
  const words = t ? t.split(/\s+/).length : 0;
  if (words <= 1) return "word";
  if (words <= 4) return "phrase";
  if (words <= 25) return "sentence";
  return "text";
}

// answerOf gives what a test asks for a card: {html, text, key, cloze, shape}.
function answerOf(c) {
  if (c._ans !== undefined) return c._ans;
  let a = null;
  if (c.kind === "cloze" && Array.isArray(c.cloze) && c.cloze.length) {
    const text = c.cloze.join(" … ").replace(/\s+/g, " ").trim();
    a = { html: null, text, key: keyOf(text), cloze: true, shape: shapeOf(text, null) };
  } else {
    const text = plainText(c.a);
    if (text) a = { html: c.a, text, key: keyOf(text), cloze: false, shape: shapeOf(text, c.a) };
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
  // Asked as a quiz opens, so it reads the answers' markup as text
  // (tags dropped) instead of parsing it, which took a long task on a
  // phone; the texts it compares are the ones a test would show.
  const keys = new Set();
  for (const c of cards) {
    const cloze = c.kind === "cloze" && Array.isArray(c.cloze) && c.cloze.length;
    const key = keyOf(cloze ? c.cloze.join(" … ") : String(c.a || "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " "));
    if (key) keys.add(key);
    if (keys.size >= MIN_CARDS) return true;
  }
  return false;
}

/** siblings tells whether a and b come from one block (a reversed pair, one cloze line). */
export function siblings(a, b) {
  if (a === b || a.id === b.id) return true;
  if (a.pair && a.pair === b.id) return true;
  if (b.pair && b.pair === a.id) return true;
  return !!a.sib && a.sib === b.sib;
}

// unitOf gives the unit of a number ("hours" of "24 hours"), "" if none or not a number.
function unitOf(text) {
  const m = NUMBER.exec(text.trim());
  return m && m[6] ? m[6].trim().toLowerCase() : "";
}

function lengthLikeness(a, b) {
  return Math.min(a, b) / Math.max(a, b, 1);
}

// nearNumbers makes up to n numbers in the format of text (a NUMBER),
// different from it and from each other.
function nearNumbers(text, n, rand) {
  const m = NUMBER.exec(text.trim());
  if (!m) return [];
  const [, pre, intPart, group, point, frac, unit] = m;
  const digits = intPart.replace(/\D/g, "");
  const value = Number(digits + (frac ? "." + frac : ""));
  const places = frac ? frac.length : 0;
  const step = Math.pow(10, -places);
  const year = !frac && !group && digits.length === 4 && value >= 1000 && value <= 2200;
  let deltas;
  if (year) deltas = [1, 2, 3, 5, 10, 20].flatMap((d) => [d, -d]);
  else if (value < 10 && !frac) deltas = [1, 2, 3, 4, 5].flatMap((d) => [d, -d]);
  else deltas = null;
  const cands = [];
  if (deltas) for (const d of deltas) cands.push(value + d);
  else for (const f of [2, 0.5, 10, 1.5, 3, 0.25, 4]) cands.push(Math.round(value * f / step) * step);
  if (frac) for (const d of [1, 2, 3]) cands.push(value + d * step, value - d * step);
  const fmt = (v) => {
    let [i, f = ""] = v.toFixed(places).split(".");
    if (group) i = i.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    return pre + i + (frac ? point + f : "") + (unit || "");
  };
  const out = [];
  const seen = new Set([fmt(value)]);
  for (const v of shuffle(cands, rand)) {
    if (!(v > 0) || (!frac && !Number.isInteger(v))) continue;
    const s = fmt(v);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    if (out.length === n) break;
  }
  return out;
}

/**
 * distractors picks up to n wrong options for card c from pool, each
 * {from, html, text, right: false} (from: the card it comes from, or null
 * for a made-up number).
 */
export function distractors(c, pool, n = 3, rand = Math.random) {
  const right = answerOf(c);
  if (!right) return [];
  // Tiers: 0 same kind and shape, 1 same kind, 2 other kind but same
  // shape, 3 anything else. Within a tier, the likeliest first.
  const tiers = [[], [], [], []];
  for (const d of pool) {
    if (siblings(c, d)) continue;
    const a = answerOf(d);
    if (!a || a.key === right.key) continue;
    const sameKind = a.cloze === right.cloze;
    const sameShape = a.shape === right.shape;
    const tier = sameKind ? (sameShape ? 0 : 1) : (sameShape ? 2 : 3);
    let score = lengthLikeness(right.text.length, a.text.length) + (d.deck === c.deck ? 0.3 : 0) + (d.kind === c.kind ? 0.2 : 0);
    if (right.shape === "number" && a.shape === "number" && unitOf(a.text) === unitOf(right.text)) score += 1; // hours for hours

    tiers[tier].push({ score, d, a });
  }
  const out = [];
  const keys = new Set([right.key]);
  const add = (from, html, text) => {
    const k = keyOf(text);
    if (!k || keys.has(k)) return;
    keys.add(k);
    out.push({ from, html: right.cloze ? null : html, text, right: false });
  };
  const take = (list) => {
    // The best few, in a random order: close answers, not always the same ones.
    list.sort((x, y) => y.score - x.score || (x.d.id < y.d.id ? -1 : x.d.id > y.d.id ? 1 : 0));
    const window = Math.max(2 * n, 6);
    let rest = list;
    while (rest.length && out.length < n) {
      for (const x of shuffle(rest.slice(0, window), rand)) {
        if (out.length === n) break;
        add(x.d.id, x.a.cloze ? null : x.a.html, x.a.text);
      }
      rest = rest.slice(window);
    }
  };
  take(tiers[0]);
  if (right.shape === "number" && out.length < n) {
    for (const s of nearNumbers(right.text, n - out.length + 2, rand)) {
      if (out.length === n) break;
      add(null, null, s);
    }
  }
  for (let i = 1; i < tiers.length && out.length < n; i++) take(tiers[i]);
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
