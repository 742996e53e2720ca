// fold.js: matching typed words against card text, for the index's
// search and a deck page's filter: text is folded (lower case, accents
// removed) so that "cafe" finds "Café", and a match found in folded text
// is mapped back to the original and widened to the whole words it
// touches, for highlighting.

/** fold lower-cases s and strips accents, for matching. */
export function fold(s) {
  return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** terms splits a query into folded words. */
export function terms(query) {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** hasAll: does folded text hold every one of the folded words? */
export function hasAll(text, words) {
  for (const w of words) if (!text.includes(w)) return false;
  return words.length > 0;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * foldMap folds s character by character: {text, at} with text the
 * folded text and at[i] the index in s of the character that gave
 * text[i] (at[text.length] is s.length). Folding can change lengths
 * ("ﬁ" gives "fi", "é" written as e + accent gives "e"), so positions in
 * text are not positions in s.
 */
export function foldMap(s) {
  if (ASCII.test(s)) {
    return { text: s.toLowerCase(), at: null }; // one to one
  }
  let text = "";
  const at = [];
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i);
    const n = cp > 0xffff ? 2 : 1;
    const f = fold(s.slice(i, i + n));
    text += f;
    for (let k = 0; k < f.length; k++) at.push(i);
    i += n;
  }
  at.push(s.length);
  return { text, at };
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;

function isWord(s, i) {
  return i >= 0 && i < s.length && WORD.test(s[i]);
}

/**
 * wordRanges finds every place in s where one of the folded words
 * occurs and returns them as [start, end] ranges of s, each widened to
 * whole words (a search for "stream" marks all of "streaming"), sorted
 * and merged.
 */
export function wordRanges(s, words) {
  if (!s || !words.length) return [];
  const { text, at } = foldMap(s);
  const pos = (i) => (at ? at[i] : i);
  const out = [];
  for (const w of words) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
      let a = pos(i);
      let b = pos(i + w.length);
      while (isWord(s, a - 1)) a--;
      while (isWord(s, b)) b++;
      out.push([a, b]);
    }
  }
  out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/**
 * marked appends s to parent as text, with each range (from wordRanges)
 * in a <mark>.
 */
export function marked(parent, s, ranges) {
  let from = 0;
  for (const [a, b] of ranges) {
    if (a < from || b > s.length) continue;
    parent.append(s.slice(from, a));
    const m = document.createElement("mark");
    m.textContent = s.slice(a, b);
    parent.append(m);
    from = b;
  }
  parent.append(s.slice(from));
  return parent;
}
