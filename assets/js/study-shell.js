// study-shell.js: the frame of the focused study screen. While a card is
// on screen (body.is-studying) the page chrome (header, breadcrumbs, title,
// footer) steps aside for a slim top bar (✕ End, the deck's name, the
// session's counts, a menu that keeps the modes, settings and links
// within reach) and one fixed bottom bar in the thumb zone for the
// actions ("Show answer", then the grades, in the same place). It also
// shows a short confirmation after each answer and asks before a session
// is thrown away.
import { el, button } from "./el.js";

const TOAST_MS = 4000;

/**
 * studyShell builds the bars around root's content. opts: title (the
 * deck's name), menu (the element shown by the menu button while
 * studying, and in place otherwise), onEnd (✕ End). Returns the controls.
 *
 * It is one long closure (over 80 lines) on purpose: the bars, the
 * toast's timer and the dialog belong to this one quiz, and the controls
 * it returns share them without any state at module level.
 */
export function studyShell(root, opts) {
  const menu = opts.menu;
  menu.id = menu.id || "quiz-menu";
  const endBtn = button("", "end", () => opts.onEnd(), "study-end");
  endBtn.append(el("span", { class: "study-end-x", "aria-hidden": "true" }, "✕"), el("span", {}, "End"));
  endBtn.setAttribute("aria-keyshortcuts", "Escape");
  const mode = el("span", { class: "study-mode" });
  const counts = el("p", { class: "study-counts" });
  const menuBtn = el("button", { type: "button", class: "study-menu-btn", "data-action": "menu", "aria-expanded": "false", "aria-controls": menu.id },
    el("span", { "aria-hidden": "true" }, "⋯"), el("span", { class: "sr-only" }, "Menu: modes, settings, links"));
  const top = el("div", { class: "study-top" },
    el("div", { class: "study-top-in" }, endBtn,
      el("div", { class: "study-name" }, el("span", { class: "study-deck" }, opts.title || ""), mode),
      counts, menuBtn));
  const actions = el("div", { class: "study-actions" });
  const bottom = el("div", { class: "study-bottom" }, el("div", { class: "study-bottom-in" }, actions));
  const toastEl = el("div", { class: "study-toast", hidden: true });
  const dialog = el("dialog", { class: "confirm-dialog", "aria-labelledby": "confirm-h" });
  root.prepend(top);
  root.append(bottom, toastEl, dialog);

  let toastTimer = 0;
  let studying = false;

  function setStudying(on) {
    studying = on;
    document.body.classList.toggle("is-studying", on);
    document.body.classList.toggle("study-idle", !on);
    if (!on) {
      closeMenu();
      actions.replaceChildren();
      hideToast();
    }
  }

  function openMenu() {
    menu.classList.add("open");
    menuBtn.setAttribute("aria-expanded", "true");
    const first = menu.querySelector("button:not([disabled]), a[href]");
    if (first) first.focus({ preventScroll: true });
  }

  function closeMenu(refocus) {
    if (!menu.classList.contains("open")) return false;
    menu.classList.remove("open");
    menuBtn.setAttribute("aria-expanded", "false");
    if (refocus) menuBtn.focus({ preventScroll: true });
    return true;
  }

  menuBtn.addEventListener("click", () => (menu.classList.contains("open") ? closeMenu() : openMenu()));
  // A tap outside the open menu closes it.
  document.addEventListener("pointerdown", (e) => {
    if (menu.classList.contains("open") && !menu.contains(e.target) && !menuBtn.contains(e.target)) closeMenu();
  });

  function hideToast() {
    clearTimeout(toastTimer);
    toastEl.hidden = true;
  }

  /** toast shows text for a moment above the bottom bar, with an Undo button when undo is given. */
  function toast(text, undo, kind) {
    clearTimeout(toastTimer);
    toastEl.replaceChildren(el("span", { class: "study-toast-text" }, text),
      undo ? button("Undo", "toast-undo", () => { hideToast(); undo(); }, "study-toast-undo") : null);
    toastEl.dataset.kind = kind || "";
    toastEl.hidden = false;
    toastTimer = setTimeout(hideToast, TOAST_MS);
  }

  /**
   * ask shows a modal question: {title, text, ok, cancel} (button labels).
   * Resolves true for ok, false for cancel, Esc or a click outside.
   */
  function ask(q) {
    return new Promise((resolve) => {
      closeMenu();
      const okBtn = button(q.ok, "confirm-ok", () => dialog.close("ok"), "button primary");
      const cancelBtn = button(q.cancel, "confirm-cancel", () => dialog.close("cancel"), "button");
      dialog.replaceChildren(el("h2", { id: "confirm-h" }, q.title), el("p", {}, q.text),
        el("div", { class: "confirm-actions" }, okBtn, cancelBtn));
      dialog.returnValue = "";
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
      dialog.showModal();
      cancelBtn.focus();
    });
  }
  dialog.addEventListener("click", (e) => {
    if (e.target === dialog) dialog.close("cancel"); // the backdrop
  });

  return {
    top, bottom, actions, counts, mode,
    setStudying,
    get studying() { return studying; },
    setCounts: (...nodes) => counts.replaceChildren(...nodes),
    setMode: (label) => { mode.textContent = label; },
    setActions: (...nodes) => actions.replaceChildren(...nodes.filter(Boolean)),
    toast, hideToast, ask,
    closeMenu,
    menuOpen: () => menu.classList.contains("open"),
    dialogOpen: () => dialog.open,
  };
}
