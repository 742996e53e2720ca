// backup.js: export the progress to a JSON file (exportfile.js), import
// (merge) one, send it to another device (send.js, loaded when asked
// for), the controls for these, and a gentle reminder to keep a copy when
// the browser does not promise to keep this site's storage (persist.js).
import * as store from "./store.js";
import { importJSON } from "./store-merge.js";
import { REMINDER, exportFile, noteBackup } from "./exportfile.js";
import * as persist from "./persist.js";
import { showNotice, dismiss, backupDue, reviewsSoFar, REMIND_EVERY } from "./notice.js";
import { el } from "./dom.js";
import { anyAside, describeAside } from "./validate.js";

export { exportFile, noteBackup, REMIND_EVERY };

/** openSend opens the "Send my progress" dialog. */
export async function openSend() {
  const { openSendDialog } = await import("./send.js");
  return openSendDialog();
}

// studying: a quiz with a card on screen (no reminder then).
function studying() {
  const q = document.getElementById("quiz");
  return !!q && /^(question|answer|answered)$/.test(q.dataset.state || "");
}

/**
 * remindToBackUp shows, after REMIND_EVERY reviews since the last copy
 * (or since "Not now"), a reminder to download a backup or send the
 * progress to another device, unless the browser keeps this site's
 * storage for good. It never interrupts a card: in a quiz it waits
 * for the session's end. It checks now and after every change.
 */
export function remindToBackUp() {
  let waiting = null;
  const check = async () => {
    if (!backupDue()) return;
    if ((await persist.check()) === "persistent") return;
    if (studying()) {
      if (!waiting) {
        waiting = new MutationObserver(() => { if (!studying()) { waiting.disconnect(); waiting = null; check(); } });
        waiting.observe(document.getElementById("quiz"), { attributes: true, attributeFilter: ["data-state"] });
      }
      return;
    }
    const later = () => { store.pref("backupLater", reviewsSoFar()); dismiss(REMINDER); };
    const box = showNotice(REMINDER, "info", [
      ["Download a backup", exportFile, "backup"],
      ["Send to another device", () => { dismiss(REMINDER); openSend(); }, "send"],
      ["Not now", later, "later"],
    ]);
    if (box.classList.contains("backup-reminder")) return;
    box.classList.add("backup-reminder");
    const x = box.querySelector(".notice-close"); // closing it is "Not now" too
    if (x) x.addEventListener("click", later);
  };
  check();
  store.onChange(check);
}

/** importFile merges a chosen file; resolves to a message for the reader. */
export async function importFile(file) {
  let text;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: "That file could not be read." };
  }
  const r = importJSON(text);
  if (r.error && r.error.op === "import") return { ok: false, message: r.error.message };
  const left = anyAside(r.aside) ? " Left out, as not in the form this site writes: " + describeAside(r.aside) + "." : "";
  if (!r.ok) return { ok: false, message: "Imported " + r.cards + " card records, but they could not be saved: " + (r.error ? r.error.message : "") + left };
  const one = r.cards === 1;
  return { ok: true, message: "Imported: " + r.cards + (one ? " card record was" : " card records were") + " newer than yours and " + (one ? "was" : "were") + " taken." + left };
}

/** controls returns export and import buttons with a status line. */
export function controls() {
  const box = document.createElement("div");
  box.className = "backup";
  const button = (label, action, fn) => {
    const b = el("button", { type: "button", class: "button", "data-action": action }, label);
    b.addEventListener("click", fn);
    return b;
  };
  const ex = button("Export progress", "export", exportFile);
  const label = document.createElement("label");
  label.className = "button file-button";
  const input = document.createElement("input");
  input.type = "file";
  input.accept = "application/json,.json";
  input.className = "sr-only";
  input.dataset.action = "import";
  label.append(input, "Import progress…");
  const out = document.createElement("p");
  out.className = "backup-status";
  out.setAttribute("role", "status");
  input.addEventListener("change", async () => {
    const f = input.files && input.files[0];
    if (!f) return;
    const r = await importFile(f);
    out.textContent = r.message;
    out.dataset.ok = String(r.ok);
    input.value = "";
  });
  const send = button("Send to another device…", "send", openSend);
  const row = document.createElement("div");
  row.className = "backup-row";
  row.append(ex, label, send);
  box.append(row, out);
  return box;
}
