// backup.js: export the progress to a JSON file, import (merge) one, and
// the controls for both.
import * as store from "./store.js";
import { now } from "./clock.js";

function stamp(t) {
  const d = new Date(t);
  const p = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

/** exportFile downloads the whole progress (unsaved changes included). */
export function exportFile() {
  const blob = new Blob([store.exportJSON()], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = "flipdeck-progress-" + stamp(now()) + ".json";
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** importFile merges a chosen file; resolves to a message for the reader. */
export async function importFile(file) {
  let text;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: "That file could not be read." };
  }
  const r = store.importJSON(text);
  if (r.error && r.error.op === "import") return { ok: false, message: r.error.message };
  if (!r.ok) return { ok: false, message: "Imported " + r.cards + " card records, but they could not be saved: " + (r.error ? r.error.message : "") };
  return { ok: true, message: "Imported: " + r.cards + (r.cards === 1 ? " card record was" : " card records were") + " newer than yours and were taken." };
}

/** controls returns export and import buttons with a status line. */
export function controls() {
  const box = document.createElement("div");
  box.className = "backup";
  const ex = document.createElement("button");
  ex.type = "button";
  ex.className = "button";
  ex.dataset.action = "export";
  ex.textContent = "Export progress";
  ex.addEventListener("click", exportFile);
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
  const row = document.createElement("div");
  row.className = "backup-row";
  row.append(ex, label);
  box.append(row, out);
  return box;
}
