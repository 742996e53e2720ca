// notice.js: visible, dismissible messages in #notices (storage problems).
import { onError } from "./store.js";

const shown = new Set();

/** showNotice puts a message on the page; kind is "error" or "info". */
export function showNotice(message, kind = "error") {
  if (shown.has(message)) return;
  shown.add(message);
  let box = document.getElementById("notices");
  if (!box) {
    box = document.createElement("div");
    box.id = "notices";
    box.className = "notices";
    box.setAttribute("role", "status");
    document.body.prepend(box);
  }
  const n = document.createElement("div");
  n.className = "notice notice-" + kind;
  const p = document.createElement("p");
  p.textContent = message;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "notice-close";
  close.setAttribute("aria-label", "Dismiss");
  close.textContent = "×";
  close.addEventListener("click", () => {
    n.remove();
    shown.delete(message);
  });
  n.append(p, close);
  box.append(n);
}

/** reportStoreErrors shows every storage problem as a notice. */
export function reportStoreErrors() {
  onError((e) => showNotice(e.message, "error"));
}
