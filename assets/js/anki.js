// anki.js: cards (pagecards.js) as a text file Anki imports (File ›
// Import): tab-separated, HTML fields, with Anki's header lines naming
// the separator, the note type and which columns hold the deck and the
// tags. Media are referenced by file name, as Anki expects once the files
// are in its collection.media folder; formulas are TeX for Anki's MathJax.

/** ANKI_HEADER starts every file: Anki's importer reads these lines as its settings. */
export const ANKI_HEADER = "#separator:tab\n#html:true\n#notetype:Basic\n#deck column:3\n#tags column:4\n" +
  "#columns:Front\tBack\tDeck\tTags\n";

/** ankiFile is the whole file for cards, in their order. */
export function ankiFile(cards) {
  const lines = [ANKI_HEADER];
  for (const c of cards) {
    const deck = (c.deck || "").split("::").map((l) => ankiText(l, " ")).join("::");
    const tags = (c.tags || []).map((t) => ankiText(t, "_")).filter(Boolean).join(" ");
    lines.push([ankiHTML(c.q), ankiHTML(c.a), deck, tags].map(ankiField).join("\t") + "\n");
  }
  return lines.join("");
}

/**
 * ankiHTML rewrites card HTML (of a page one folder below the site root)
 * for Anki: copied media are referenced by file name, links to other
 * pages of the site, which mean nothing there, go nowhere, and each
 * formula that carries its TeX becomes that TeX between MathJax's
 * delimiters, \(…\) inline and \[…\] for display math: Anki renders
 * those on every platform, and its editor shows them as TeX the user can
 * change; MathML would be neither.
 */
export function ankiHTML(html) {
  const t = document.createElement("template");
  t.innerHTML = (html || "").trim();
  for (const m of t.content.querySelectorAll("math")) {
    const tex = m.querySelector("annotation[encoding='application/x-tex']");
    if (!tex) continue;
    const block = m.getAttribute("display") === "block";
    m.replaceWith((block ? "\\[" : "\\(") + tex.textContent + (block ? "\\]" : "\\)"));
  }
  for (const e of t.content.querySelectorAll("[src^='../media/']")) e.setAttribute("src", e.getAttribute("src").slice(9));
  for (const e of t.content.querySelectorAll("[href^='../']")) {
    const h = e.getAttribute("href");
    e.setAttribute("href", h.startsWith("../media/") ? h.slice(9) : "#");
  }
  return t.innerHTML;
}

/**
 * ankiField quotes a field holding a tab, newline or quote, or starting
 * with '#' (a comment line to Anki's importer), doubling the quotes
 * inside, as Anki's importer reads it.
 */
export function ankiField(s) {
  if (!/[\t\n\r"]/.test(s) && !s.startsWith("#")) return s;
  return '"' + s.replaceAll('"', '""') + '"';
}

/**
 * ankiText makes a deck level or a tag one line of plain text: white
 * space and control characters at its ends are dropped and every run of
 * them inside becomes sep (a tag is one word to Anki, which splits the
 * tags column at any white space).
 */
export function ankiText(s, sep) {
  return s.split(/[\p{White_Space}\p{Cc}]+/u).filter(Boolean).join(sep);
}
