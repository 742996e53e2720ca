// pagecards.js: the cards of a deck page, as the quiz and the Anki export
// see them (no DOM writes to the page).
//
// A deck page is the one copy of every card's HTML: each flip card is a
// <details class="card" data-card-ids="…" data-kind="…"> whose summary
// holds the breadcrumb (.card-ctx), the question (.card-q) and the tags,
// and whose .card-back the answer. One flip card may stand for several
// cards, its siblings (sib: the first card's id):
//
//   - a reversed pair ("x x-r"): the second card asks the back and
//     answers with the front;
//   - a cloze line with several numbers ("x-c1 x-c2"): the front hides
//     every cloze and the back marks it, each with its number
//     (data-cloze="N"); card N hides (and marks) number N only and shows
//     the others as text.
//
// A card: {id, kind, deck ("A::B"), deckUrl (root-relative link to its
// flip card), q, a (HTML), pair, sib, cloze (hidden texts), ctx
// (breadcrumb), tags}.

/**
 * pageCards reads the cards of a deck page: doc is the parsed page, or
 * its <main> (a Document, a DocumentFragment or an element), as written
 * or as flip.js made it (the page on screen, whose quiz runs in place),
 * and url its root-relative URL.
 */
export function pageCards(doc, url) {
  const head = doc.querySelector(".deck-header[data-deck-name]");
  const deck = head ? head.dataset.deckName : "";
  const out = [];
  for (const d of doc.querySelectorAll("details.card[data-card-ids], div.card.flip[data-card-ids]")) {
    const ids = d.dataset.cardIds.split(" ").filter(Boolean);
    // A flip card (flip.js) holds the summary's children in its front
    // face and the answer's in the back face's .card-answer.
    const flip = d.tagName !== "DETAILS";
    const summary = d.querySelector(flip ? ":scope > .face-front" : ":scope > summary");
    const front = summary && summary.querySelector(":scope > .card-q");
    const back = d.querySelector(flip ? ":scope > .face-back > .card-answer" : ":scope > .card-back");
    if (!ids.length || !front || !back) continue;
    const base = {
      kind: d.dataset.kind || "",
      deck: d.dataset.deck || deck,
      deckUrl: url + "#" + d.id,
      ctx: [...summary.querySelectorAll(":scope > .card-ctx > span:not(.sep)")].map((s) => s.textContent),
      tags: [...summary.querySelectorAll(":scope > .card-tags > .tag")].map((s) => s.textContent.replace(/^#/, "")),
    };
    if (ids.length > 1) base.sib = ids[0];
    const a = back.querySelector(":scope > .card-noanswer") ? "" : back.innerHTML;
    if (base.kind === "cloze") {
      out.push(...clozeCards(ids, base, front, back));
    } else if (base.kind === "reversed" && ids.length === 2) {
      out.push({ ...base, id: ids[0], q: front.innerHTML, a, pair: ids[1] },
        { ...base, id: ids[1], q: a, a: front.innerHTML, pair: ids[0] });
    } else {
      for (const id of ids) out.push({ ...base, id, q: front.innerHTML, a });
    }
  }
  return out;
}

// clozeCards makes the cards of a cloze flip card. With one card its
// front and back are the card's; with several, every cloze carries its
// number, and the numbers, in order, belong to the ids, in order.
function clozeCards(ids, base, front, back) {
  const marks = [...back.querySelectorAll("[data-cloze]")];
  if (ids.length === 1) {
    const texts = [...back.querySelectorAll("mark.cloze")].map(clozeText);
    return [{ ...base, id: ids[0], q: front.innerHTML, a: back.innerHTML, cloze: texts }];
  }
  const gaps = [...front.querySelectorAll("[data-cloze]")];
  const nums = [...new Set(gaps.map((g) => Number(g.dataset.cloze)))].sort((x, y) => x - y);
  if (gaps.length !== marks.length || nums.length !== ids.length) {
    console.warn("flipdeck: cloze card " + ids[0] + " does not number its clozes as expected");
  }
  return ids.map((id, k) => {
    const n = String(nums[k]);
    // The question: gap N stays, the other gaps show their hidden text
    // (the back's mark at the same place).
    const q = front.cloneNode(true);
    q.querySelectorAll("[data-cloze]").forEach((g, i) => {
      if (g.dataset.cloze === n || !marks[i]) g.removeAttribute("data-cloze");
      else g.replaceWith(...marks[i].cloneNode(true).childNodes);
    });
    // The answer: mark N stays, the others become plain text.
    const a = back.cloneNode(true);
    a.querySelectorAll("[data-cloze]").forEach((m) => {
      if (m.dataset.cloze === n) m.removeAttribute("data-cloze");
      else m.replaceWith(...m.childNodes);
    });
    const texts = marks.filter((m) => m.dataset.cloze === n).map(clozeText);
    return { ...base, id, q: q.innerHTML, a: a.innerHTML, cloze: texts };
  });
}

// clozeText is a hidden text as a test shows it among options: its text,
// with each formula as its TeX between dollars (as the note wrote it).
function clozeText(mark) {
  const m = mark.cloneNode(true);
  for (const math of m.querySelectorAll("math")) {
    const tex = math.querySelector("annotation[encoding='application/x-tex']");
    const d = math.getAttribute("display") === "block" ? "$$" : "$";
    math.replaceWith(tex ? d + tex.textContent + d : math.textContent);
  }
  return m.textContent;
}
