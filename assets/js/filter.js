// filter.js: a deck page's filter box. Typing shows only the flip cards
// whose question or answer (or headings above, or tags) hold every word
// typed, folded as the index's search folds them; the reading text
// between cards, the notes without a match and their lines in the table
// of contents step aside until the box is empty again.
import { fold, terms, hasAll } from "./fold.js";
import { plural } from "./dom.js";

const OUT = "filtered-out";

// cardText is what a flip card is searched by: its question side and
// its answer, not its buttons and status.
function cardText(card) {
  const parts = [];
  for (const el of card.querySelectorAll(":scope > .face-front, :scope > .face-back > .card-answer")) parts.push(el.textContent);
  return fold(parts.join("\n"));
}

/**
 * wireFilter makes input filter the flip cards (from flip.js) of the
 * notes under main; status tells how many match. Returns apply(), which
 * filters by the box's text now.
 */
export function wireFilter(input, status, main, cards) {
  let texts = null;
  const toc = new Map(); // card id → its line in the table of contents
  for (const a of document.querySelectorAll(".toc-cards a[href^='#']")) toc.set(a.getAttribute("href").slice(1), a.parentElement);
  const notes = [...main.querySelectorAll("article.note")];
  let shown = null; // the elements hidden by the last filter

  const clear = () => {
    if (!shown) return;
    for (const el of shown) el.classList.remove(OUT);
    shown = null;
  };

  const apply = () => {
    const words = terms(input.value);
    clear();
    if (!words.length) {
      status.textContent = "";
      main.classList.remove("filtering");
      return;
    }
    texts ||= new Map(cards.map((c) => [c, cardText(c)]));
    const hide = [];
    const hits = new Set();
    let ids = 0;
    for (const c of cards) {
      if (hasAll(texts.get(c), words)) {
        hits.add(c);
        ids += (c.dataset.cardIds || "").split(/\s+/).filter(Boolean).length || 1;
      } else {
        hide.push(c);
        const line = toc.get(c.id);
        if (line) hide.push(line);
      }
    }
    // The reading text: every piece of a note's body that holds no card
    // that matched steps aside, and so do notes with none.
    const keep = new Set();
    for (const c of hits) {
      let el = c;
      while (el.parentElement && !el.parentElement.classList.contains("note-body")) el = el.parentElement;
      keep.add(el);
      keep.add(el.closest("article.note"));
    }
    const hidden = new Set(hide);
    for (const note of notes) {
      if (!keep.has(note)) {
        hide.push(note);
        const line = document.querySelector(".toc-notes > li > a[href='#" + CSS.escape(note.id) + "']");
        if (line) hide.push(line.parentElement);
        continue;
      }
      const body = note.querySelector(".note-body");
      for (const child of body ? body.children : []) {
        if (!keep.has(child) && !hidden.has(child)) hide.push(child);
      }
    }
    for (const el of hide) el.classList.add(OUT);
    shown = hide;
    main.classList.add("filtering");
    status.textContent = hits.size === 0 ? "No card here matches “" + input.value.trim() + "”."
      : ids + " of " + plural(totalIds, "card") + (ids === 1 ? " matches." : " match.");
  };

  const totalIds = cards.reduce((n, c) => n + ((c.dataset.cardIds || "").split(/\s+/).filter(Boolean).length || 1), 0);
  let pending = 0;
  input.addEventListener("input", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(apply);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && input.value) {
      input.value = "";
      apply();
    }
  });
  return apply;
}
