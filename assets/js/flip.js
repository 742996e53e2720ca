// flip.js: turns each <details class="card"> of a deck page (readable
// without JavaScript) into a flip card: the question on the front, the
// answer on the back. A click or tap on the card, or Enter / Space on its
// button, turns it; the button's aria-expanded tells screen readers which
// side shows. Links, buttons and other controls inside the card keep
// working without turning it.
import { reducedMotion, isInteractive } from "./dom.js";

const TURN_MS = 320; // fallback if animationend never comes

/** enhanceCard rebuilds one details.card into a flip card and returns it. */
export function enhanceCard(details) {
  const summary = details.querySelector(":scope > summary");
  const answer = details.querySelector(":scope > .card-back");
  const card = document.createElement("div");
  for (const a of details.attributes) {
    if (a.name !== "open") card.setAttribute(a.name, a.value);
  }
  card.classList.add("flip");
  const id = details.id || "card-" + Math.random().toString(36).slice(2);
  card.id = id;

  const front = document.createElement("div");
  front.className = "face face-front";
  if (summary) front.append(...summary.childNodes);

  const back = document.createElement("div");
  back.className = "face face-back";
  back.id = id + "-back";
  back.hidden = true;
  const q = front.querySelector(".card-q");
  if (q) {
    const mini = q.cloneNode(true);
    mini.classList.add("card-q-mini");
    for (const el of [mini, ...mini.querySelectorAll("[id]")]) el.removeAttribute("id");
    back.append(mini);
  }
  const body = document.createElement("div");
  body.className = "card-answer";
  if (answer) body.append(...answer.childNodes);
  back.append(body);

  const bar = document.createElement("div");
  bar.className = "card-bar";
  const st = document.createElement("span");
  st.className = "card-status";
  const btn = document.createElement("button");
  btn.type = "button";
  btn.className = "card-flip";
  btn.setAttribute("aria-expanded", "false");
  btn.setAttribute("aria-controls", back.id);
  btn.textContent = "Show answer";
  bar.append(st, btn);

  card.append(front, back, bar);
  card.dataset.flipped = "false";
  details.replaceWith(card);

  btn.addEventListener("click", () => toggle(card));
  card.addEventListener("click", (e) => {
    if (e.defaultPrevented || e.button !== 0) return;
    if (isInteractive(e.target, card)) return;
    const sel = window.getSelection && window.getSelection();
    if (sel && !sel.isCollapsed && card.contains(sel.anchorNode)) return; // selecting text
    toggle(card);
  });
  return card;
}

/** enhanceAll enhances every details.card under root; returns the cards. */
export function enhanceAll(root = document) {
  return [...root.querySelectorAll("details.card")].map(enhanceCard);
}

/** isFlipped: is the answer side showing? */
export function isFlipped(card) {
  return card.dataset.flipped === "true";
}

/** toggle turns the card over. */
export function toggle(card, opts) {
  setFlipped(card, !isFlipped(card), opts);
}

/**
 * setFlipped shows the answer (true) or the question (false). The state
 * (data-flipped, aria-expanded) changes at once; the faces swap halfway
 * through the turn, or at once with animate:false or reduced motion.
 */
export function setFlipped(card, flipped, { animate = true } = {}) {
  if (isFlipped(card) === flipped) return;
  const front = card.querySelector(":scope > .face-front");
  const back = card.querySelector(":scope > .face-back");
  const btn = card.querySelector(":scope > .card-bar > .card-flip");
  const hadFocus = card.contains(document.activeElement) && document.activeElement !== btn;
  card.dataset.flipped = String(flipped);
  if (btn) {
    btn.setAttribute("aria-expanded", String(flipped));
    btn.textContent = flipped ? "Hide answer" : "Show answer";
  }
  const swap = () => {
    front.hidden = flipped;
    back.hidden = !flipped;
    if (hadFocus && btn) btn.focus({ preventScroll: true });
  };
  finishTurn(card);
  if (!animate || reducedMotion() || !card.isConnected) {
    swap();
  } else {
    turn(card, swap);
  }
  card.dispatchEvent(new CustomEvent("flipdeck:flip", { bubbles: true, detail: { flipped } }));
}

// turn plays the two halves of the flip, calling swap in between.
function turn(card, swap) {
  let stage = 0;
  let timer = 0;
  const step = () => {
    clearTimeout(timer);
    if (stage === 0) {
      stage = 1;
      card.classList.remove("turn-out");
      swap();
      card.classList.add("turn-in");
      timer = setTimeout(step, TURN_MS);
    } else {
      end();
    }
  };
  const onEnd = (e) => { if (e.target === card) step(); };
  const end = () => {
    clearTimeout(timer);
    card.classList.remove("turn-out", "turn-in");
    card.removeEventListener("animationend", onEnd);
    card._finishTurn = null;
  };
  card._finishTurn = () => {
    if (stage === 0) { stage = 1; card.classList.remove("turn-out"); swap(); }
    end();
  };
  card.addEventListener("animationend", onEnd);
  card.classList.add("turn-out");
  timer = setTimeout(step, TURN_MS);
}

function finishTurn(card) {
  if (card._finishTurn) card._finishTurn();
}
