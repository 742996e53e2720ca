// dom.js: small helpers shared by the page scripts.

// el builds elements; it lives in el.js and is re-exported for the
// scripts that take their helpers from here.
export { el } from "./el.js";

/** readJSON parses the <script type="application/json"> element with this id. */
export function readJSON(id, fallback) {
  const el = document.getElementById(id);
  if (!el) return fallback;
  try {
    return JSON.parse(el.textContent);
  } catch (e) {
    console.error("flipdeck: bad JSON in #" + id, e);
    return fallback;
  }
}

/** wrapTables puts each table under root in a horizontally scrolling, focusable box. */
export function wrapTables(root) {
  for (const t of root.querySelectorAll("table")) {
    if (t.parentElement && t.parentElement.classList.contains("table-wrap")) continue;
    const w = document.createElement("div");
    w.className = "table-wrap";
    w.tabIndex = 0;
    w.setAttribute("role", "region");
    w.setAttribute("aria-label", "Table");
    t.replaceWith(w);
    w.append(t);
  }
}

/**
 * lazyDateFormat is an Intl.DateTimeFormat with opts, made when it first
 * formats: the first one a page makes loads the locale's data, tens of
 * milliseconds (a long task on a phone) that made at module load would
 * delay every page's first screen, for dates most first screens never show.
 */
export function lazyDateFormat(opts) {
  let fmt = null;
  return { format: (d) => (fmt ||= new Intl.DateTimeFormat(undefined, opts)).format(d) };
}

const dateFmt = lazyDateFormat({ month: "short", day: "numeric" });
const dateFmtYear = lazyDateFormat({ year: "numeric", month: "short", day: "numeric" });

/** formatDate shows ms t as "12 Mar" (with the year when not this year's). */
export function formatDate(t, ref = Date.now()) {
  const d = new Date(t);
  return d.getFullYear() === new Date(ref).getFullYear() ? dateFmt.format(d) : dateFmtYear.format(d);
}

/** plural: plural(3, "card") → "3 cards". */
export function plural(n, word, many = word + "s") {
  return n + " " + (n === 1 ? word : many);
}

/** reducedMotion tells whether the reader asked for less motion. */
export function reducedMotion() {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** isInteractive: true when a click or key on el belongs to a control, not to the card. */
export function isInteractive(el, stop) {
  for (let n = el; n && n !== stop; n = n.parentElement) {
    if (n.matches("a[href], button, input, select, textarea, label, summary, audio, video, iframe, [contenteditable], [tabindex]:not([tabindex='-1'])")) return true;
  }
  return false;
}

/**
 * readDeckCards reads the page's #deck-cards data and returns, for each
 * deck slug, the ids of every card in the deck and its subdecks. The page
 * stores each card id once, under its own deck ({own: {slug: [ids]},
 * kids: {slug: [child slugs]}}); the subtree lists are put together here.
 * A deck whose subtree the page does not hold whole (a deck page holds
 * only its own deck's cards: its subdecks' come from data/decks.json,
 * decktree.js) has no list.
 */
export function readDeckCards() {
  const raw = readJSON("deck-cards", {});
  const own = raw.own || {};
  const kids = raw.kids || {};
  const out = {};
  const collect = (slug) => {
    if (slug in out) return out[slug];
    out[slug] = null; // not known (yet)
    if (!(slug in own)) return null;
    let ids = own[slug] || [];
    for (const k of kids[slug] || []) {
      const sub = collect(k);
      if (!sub) return null;
      ids = ids.concat(sub);
    }
    return (out[slug] = ids);
  };
  for (const slug of Object.keys(own)) collect(slug);
  for (const slug of Object.keys(out)) if (!out[slug]) delete out[slug];
  return out;
}

/**
 * wireQuizPlace wires the page's quiz (#quiz, quizplace.js, in main) as
 * soon as the address is #quiz: now, if the page was opened there, or
 * when it first becomes #quiz (Start quiz). Until then the page loads
 * nothing of the quiz, whatever other link into the page is followed.
 */
export function wireQuizPlace(main) {
  const section = document.getElementById("quiz");
  if (!section) return;
  const wire = (entered) => import("./quizplace.js").then((m) => m.wireQuizPlace(section, main, entered));
  if (location.hash === "#quiz") {
    wire(false);
    return;
  }
  const check = () => {
    if (location.hash !== "#quiz") return;
    window.removeEventListener("hashchange", check);
    wire(true);
  };
  window.addEventListener("hashchange", check);
}
