// search.js: the index page's search box, over every card's question and
// answer.
//
// cards.json is fetched on first use (focusing the box), not with the
// site: it is the biggest file and many readers never search. The service
// worker keeps it once fetched, so search works offline from then on;
// offline before that, the box says what it needs. Each card's text is folded once
// (lower case, accents removed) so that a query is plain substring tests:
// a card matches when it holds every word of the query. A query that
// extends the previous one only searches the previous matches. Results
// link to the card on its deck page (the deck's page, then the card's
// anchor or id) and mark the whole words that matched; their text leaves
// out image names and web addresses, which are neither searched nor
// shown.

import { fold, terms, wordRanges, marked } from "./fold.js";

export { fold, terms };

const MAX_SHOWN = 50;

// What a card's plain text holds that is not worth showing in a result:
// embeds (an image's name stands in for it when it has no alt text, and
// an embed that could not be resolved is left as written) and web
// addresses.
const MEDIA = /!?\[\[[^\]\n]*\]\]|\[[^\]\n]*\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?|heic|pdf|mp3|m4a|wav|ogg|oga|flac|mp4|m4v|webm|ogv|mov)(?:\|[^\]\n]*)?\]/gi;
const URLS = /\b(?:https?|ftp):\/\/[^\s<>"]+|\bwww\.[^\s<>"]+\.[^\s<>"]+/gi;

// strip takes embed names and web addresses out of s (the tests first
// spare most texts the regular expressions).
function strip(s) {
  if (!s) return "";
  if (s.includes("[")) s = s.replace(MEDIA, " ");
  if (s.includes("://") || s.includes("www.")) s = s.replace(URLS, " ");
  return s;
}

/** readable is s without embed names and web addresses, on one line. */
export function readable(s) {
  return strip(s).replace(/\s+/g, " ").trim();
}

/**
 * buildIndex prepares cards.json (format 2: decks, their notes, their
 * cards) for search, one entry per card in deck order: the text shown,
 * folded, is what is searched. A card's deck and tags are its deck's and
 * note's unless it has its own; url is the card on its deck page.
 */
export function buildIndex(file) {
  const out = [];
  for (const d of file.decks || []) {
    for (const n of d.notes || []) {
      for (const c of n.cards || []) {
        const deck = c.deck || d.deck || [];
        const q = fold(strip(c.question));
        out.push({
          card: c, deck, url: d.page + (c.anchor ? "#" + c.anchor : "#card-" + c.id),
          text: q + "\n" + fold(strip(c.answer)) + "\n" + fold(deck.join(" ") + " " + (c.tags || n.tags || []).join(" ")), qlen: q.length,
        });
      }
    }
  }
  return out;
}

/**
 * search returns the entries of index holding every word of query: those
 * matching in the question first, each group in deck order. The result's
 * .matches holds the same entries in deck order; pass it as within to
 * search only them (for a query that narrows this one, see narrows).
 */
export function search(index, query, within) {
  const ws = terms(query);
  const inQ = [];
  const rest = [];
  const matches = [];
  if (ws.length) {
    for (const e of within || index) {
      const t = e.text;
      let all = true;
      let q = true;
      for (const w of ws) {
        const i = t.indexOf(w);
        if (i < 0) { all = false; break; }
        if (i >= e.qlen) q = false;
      }
      if (all) {
        matches.push(e);
        (q ? inQ : rest).push(e);
      }
    }
  }
  const out = inQ.concat(rest);
  out.matches = matches;
  return out;
}

/** narrows: does every card matching query also match prev (so search can start from prev's matches)? */
export function narrows(query, prev) {
  const old = terms(prev);
  const now = terms(query);
  return old.length > 0 && old.every((o) => now.some((n) => n.includes(o)));
}

/**
 * snippet cuts about width characters of text around the first place one
 * of the folded words occurs, at word boundaries, and returns
 * {text, ranges}: the cut text and the whole words to mark in it (see
 * fold.js wordRanges). Without a match it is the text's beginning.
 */
export function snippet(text, words, width = 140) {
  const all = wordRanges(text, words);
  let start = 0;
  if (all.length && all[0][0] > width / 3) {
    start = all[0][0] - Math.floor(width / 3);
    const sp = text.indexOf(" ", start);
    if (sp >= 0 && sp < all[0][0]) start = sp + 1;
  }
  let end = Math.min(text.length, start + width);
  if (all.length && all[0][1] > end) end = all[0][1];
  if (end < text.length) {
    const sp = text.lastIndexOf(" ", end);
    if (sp > start + width / 2 && (!all.length || sp >= all[0][1])) end = sp;
  }
  const pre = start > 0 ? "…" : "";
  const cut = pre + text.slice(start, end) + (end < text.length ? "…" : "");
  const shift = pre.length - start;
  const ranges = all.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift]);
  return { text: cut, ranges };
}

// A network failure (offline, and the list never fetched on this device).
const OFFLINE_MESSAGE = "Search needs the list of cards, which this device has not downloaded yet: search once while online, and it works offline from then on.";

// keepOffline asks the service worker to keep url (cards.json) when the
// page fetched it before the worker controlled it (the very first visit):
// a fetch through the worker is kept by the worker itself.
function keepOffline(url) {
  const sw = navigator.serviceWorker;
  if (!sw || sw.controller) return;
  sw.ready.then((reg) => reg.active && reg.active.postMessage({ keep: url.href })).catch(() => {});
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

function wire(input) {
  const box = input.closest(".search");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const root = new URL(document.body.dataset.root || "./", location.href);
  let index = null;
  let loading = null;
  let last = { q: "", res: null };

  const load = () => {
    const url = new URL("cards.json", root);
    loading ||= fetch(url)
      .then((r) => { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.json(); })
      .then((f) => { index = buildIndex(f); keepOffline(url); })
      .catch((e) => {
        loading = null;
        status.textContent = e instanceof TypeError ? OFFLINE_MESSAGE
          : "Search is not available: the list of cards could not be loaded (" + e.message + ").";
      });
    return loading;
  };

  // Without the list, render waits for it; a failed load says why and is
  // tried again at the next keystroke, not in a loop.
  const render = () => {
    const q = input.value.trim();
    list.replaceChildren();
    if (!q) { status.textContent = ""; last = { q: "", res: null }; return; }
    if (!index) { status.textContent = "Loading cards…"; load().then(() => { if (index) render(); }); return; }
    const res = search(index, q, last.res && narrows(q, last.q) ? last.res.matches : null);
    last = { q, res };
    const words = terms(q);
    status.textContent = res.length === 0 ? "No card matches “" + q + "”."
      : (res.length === 1 ? "1 card matches." : res.length + " cards match.") + (res.length > MAX_SHOWN ? " Showing the first " + MAX_SHOWN + "." : "");
    const frag = document.createDocumentFragment();
    for (const { card, deck, url } of res.slice(0, MAX_SHOWN)) {
      const li = el("li", "search-result");
      const question = readable(card.question) || "(a card with no question text)";
      const a = marked(el("a", "search-q"), question, wordRanges(question, words));
      a.href = new URL(url, root).href;
      li.append(a, el("p", "search-deck", deck.join(" › ")));
      const answer = readable(card.answer);
      if (answer) {
        const s = snippet(answer, words);
        li.append(marked(el("p", "search-a"), s.text, s.ranges));
      }
      frag.append(li);
    }
    list.append(frag);
  };

  let pending = 0;
  input.addEventListener("input", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(render);
  });
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && input.value) { input.value = ""; render(); }
  });
  input.form.addEventListener("submit", (e) => {
    e.preventDefault();
    render();
    const a = list.querySelector("a");
    if (a) a.focus();
  });
  box.hidden = false;
  if (input.value) render(); // restored by the browser after Back
}

const input = typeof document !== "undefined" && document.getElementById("search-q");
if (input) wire(input);
