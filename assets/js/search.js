// search.js: the index page's search box, over every card's question and
// answer, offline (cards.json is precached by the service worker).
//
// cards.json is fetched on first use. Each card's text is folded once
// (lower case, accents removed) so that a query is plain substring tests:
// a card matches when it holds every word of the query. A query that
// extends the previous one only searches the previous matches. Results
// link to the card on its deck page (the record's url).

const MAX_SHOWN = 50;

/** fold lower-cases s and strips accents, for matching. */
export function fold(s) {
  return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** buildIndex prepares cards.json records for search. */
export function buildIndex(cards) {
  return cards.map((c) => {
    const q = fold(c.question || "");
    return { card: c, text: q + "\n" + fold(c.answer || "") + "\n" + fold((c.deck || []).join(" ") + " " + (c.tags || []).join(" ")), qlen: q.length };
  });
}

/** terms splits a query into folded words. */
export function terms(query) {
  return fold(query).split(/\s+/).filter(Boolean);
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

/** snippet returns [before, match, after] of text around word (folded), at most ~width chars. */
export function snippet(text, word, width = 140) {
  const i = word ? fold(text).indexOf(word) : -1;
  if (i < 0) return [text.length > width ? text.slice(0, width) + "…" : text, "", ""];
  const start = Math.max(0, i - Math.floor(width / 3));
  const end = Math.min(text.length, i + word.length + width - (i - start));
  return [(start > 0 ? "…" : "") + text.slice(start, i), text.slice(i, i + word.length), text.slice(i + word.length, end) + (end < text.length ? "…" : "")];
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

function withMark(cls, parts) {
  const p = el("p", cls);
  p.append(parts[0]);
  if (parts[1]) p.append(el("mark", null, parts[1]));
  p.append(parts[2]);
  return p;
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
    loading ||= fetch(new URL("cards.json", root))
      .then((r) => { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.json(); })
      .then((f) => { index = buildIndex(f.cards || []); })
      .catch((e) => {
        loading = null;
        status.textContent = "Search is not available: the list of cards could not be loaded (" + e.message + ").";
      });
    return loading;
  };

  const render = () => {
    const q = input.value.trim();
    list.replaceChildren();
    if (!q) { status.textContent = ""; last = { q: "", res: null }; return; }
    if (!index) { status.textContent = "Loading cards…"; load().then(render); return; }
    const res = search(index, q, last.res && narrows(q, last.q) ? last.res.matches : null);
    last = { q, res };
    const first = terms(q)[0];
    status.textContent = res.length === 0 ? "No card matches “" + q + "”."
      : (res.length === 1 ? "1 card matches." : res.length + " cards match.") + (res.length > MAX_SHOWN ? " Showing the first " + MAX_SHOWN + "." : "");
    const frag = document.createDocumentFragment();
    for (const { card } of res.slice(0, MAX_SHOWN)) {
      const li = el("li", "search-result");
      const a = el("a", "search-q", card.question || "(no question)");
      a.href = new URL(card.url, root).href;
      li.append(a, el("p", "search-deck", (card.deck || []).join(" › ")));
      if (card.answer) li.append(withMark("search-a", snippet(card.answer.replace(/\s+/g, " "), first)));
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
