// el.js: building DOM elements in the page scripts.

/**
 * el makes an element: attrs sets attributes (class, text, html, hidden;
 * null or false leaves one out, true sets it empty); kids are appended
 * (nulls skipped).
 */
export function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "html") e.innerHTML = v;
    else if (k === "hidden") e.hidden = true;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  e.append(...kids.filter((k) => k != null));
  return e;
}

/** button makes a <button type="button"> with data-action, calling fn on click. */
export function button(label, action, fn, cls = "button") {
  const b = el("button", { type: "button", class: cls, "data-action": action }, label);
  b.addEventListener("click", fn);
  return b;
}
