// receive.js: opening a "Send my progress" link (transfer.js). The page's
// fragment holds the other device's progress: it is taken off the address
// (so a reload does not offer it again), and a dialog says what merging it
// would change (cards added and updated, reviews added) before anything is
// written; "Merge" merges by the same rules as importing a backup file.
import { previewImport, importJSON } from "./store-merge.js";
import { unpack, payloadOf } from "./transfer.js";
import { el, formatDate, plural } from "./dom.js";
import { now } from "./clock.js";
import { anyAside, describeAside } from "./validate.js";

function button(label, action, cls = "button") {
  return el("button", { type: "button", class: cls, "data-action": action }, label);
}

// changes lists, as sentences' parts, what a preview or an import changes.
function changes(r) {
  const parts = [];
  if (r.added) parts.push(plural(r.added, "card") + " you have not studied here");
  if (r.updated) parts.push(plural(r.updated, "card") + " reviewed more recently there");
  if (r.reviews) parts.push(plural(r.reviews, "review") + " for the history");
  if (r.stars) parts.push(plural(r.stars, "star"));
  if (r.tests) parts.push(plural(r.tests, "test score"));
  if (r.settings) parts.push("newer settings");
  return parts;
}

function list(parts) {
  return parts.length < 2 ? parts.join("") : parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1];
}

/**
 * receive shows the merge dialog for a payload (from a link's fragment).
 * Resolves to the dialog element.
 */
export async function receive(payload) {
  const old = document.getElementById("receive-dialog");
  if (old) old.remove();
  const dlg = el("dialog", { id: "receive-dialog", class: "transfer-dialog", "aria-labelledby": "receive-h" },
    el("h2", { id: "receive-h" }, "Progress from another device"));
  document.body.append(dlg);
  dlg.addEventListener("close", () => dlg.remove());
  const close = (label = "Close", cls = "button") => {
    const b = button(label, "receive-close", cls);
    b.addEventListener("click", () => dlg.close());
    return b;
  };
  if (typeof dlg.showModal === "function") dlg.showModal();
  else dlg.setAttribute("open", "");

  let text = null;
  let preview = null;
  let failure = "";
  try {
    text = await unpack(payload);
    preview = previewImport(text);
  } catch (e) {
    if (e && e.name === "UnsupportedError") failure = e.message;
    preview = null;
  }
  if (!preview || !preview.ok) {
    const msg = failure || (preview && preview.error && preview.error.name === "VersionError"
      ? "This link was made by a newer version of the site: reload the page, then open the link again."
      : "This link is damaged or incomplete, so nothing was changed. Was it cut short when it was sent? Send it again, or use Export and Import instead.");
    const c = close();
    dlg.append(el("p", { class: "receive-error", "data-ok": "false" }, msg), el("p", { class: "receive-actions" }, c));
    c.focus();
    return dlg;
  }
  const made = preview.at ? " It was made " + formatDate(preview.at, now()) + "." : "";
  const intro = el("p", {}, "The link holds " + plural(preview.cards, "card") + " and " + plural(preview.log, "review") + "." + made);
  // What the link holds that is not as this site writes it: never merged.
  const aside = anyAside(preview.aside)
    ? el("p", { class: "receive-aside" }, "Left out, as not in the form this site writes: " + describeAside(preview.aside) + ".")
    : null;
  const parts = changes(preview);
  if (!parts.length) {
    const c = close("OK", "button primary");
    dlg.append(...[intro, aside, el("p", { class: "receive-same", "data-changes": "0" }, "Your progress here already has all of it: nothing to merge."),
      el("p", { class: "receive-actions" }, c)].filter(Boolean));
    c.focus();
    return dlg;
  }
  const summary = el("p", { class: "receive-preview", "data-added": preview.added, "data-updated": preview.updated, "data-reviews": preview.reviews },
    "Merging brings in " + list(parts) + ".");
  const rule = el("p", { class: "field-hint" }, "Nothing of yours is lost: for each card the most recent review wins, as when importing a backup.");
  const ok = button("Merge", "receive-merge", "button primary");
  const cancel = close("Cancel");
  const actions = el("p", { class: "receive-actions" }, ok, cancel);
  dlg.append(...[intro, aside, summary, rule, actions].filter(Boolean));
  ok.addEventListener("click", async () => {
    const r = importJSON(text);
    const done = el("p", { class: "receive-done", role: "status", "data-ok": String(!!r.ok) },
      r.ok ? "Merged: " + list(changes(r)) + "." : "The progress could not be saved here: " + (r.error ? r.error.message : ""));
    const again = button("Send my progress back", "receive-send-back");
    again.addEventListener("click", async () => {
      dlg.close();
      const { openSendDialog } = await import("./send.js");
      openSendDialog();
    });
    const c = close("Done", "button primary");
    dlg.replaceChildren(...[dlg.firstChild, done,
      r.ok ? el("p", {}, "This device now has the progress of both. For the other device to have the same, send it back from here.") : null,
      el("p", { class: "receive-actions" }, c, r.ok ? again : null)].filter(Boolean));
    c.focus();
  });
  ok.focus();
  return dlg;
}

/**
 * receiveFromLocation looks for progress in the page's fragment; when
 * there is some it takes it off the address and shows the dialog.
 */
export function receiveFromLocation() {
  const payload = payloadOf(location.hash);
  if (!payload) return null;
  try {
    history.replaceState(history.state, "", location.pathname + location.search);
  } catch { /* keep the address as it is */ }
  return receive(payload);
}
