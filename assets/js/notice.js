// notice.js: visible, dismissible messages in #notices (storage problems).
import { onError, onChange, retry, load, pref } from "./store.js";

// exportfile.js (and the export code under it) loads when a reader asks
// for a backup: most visits never meet a storage problem.
const exportFile = () => import("./exportfile.js").then((m) => m.exportFile());

/** REMIND_EVERY: reviews after which, without a copy made, backup.js reminds the reader to keep one. */
export const REMIND_EVERY = 100;

/** reviewsSoFar counts the reviews ever recorded (those dropped from the log too). */
export function reviewsSoFar() {
  const d = load();
  return d.log.length + (d.logDropped || 0);
}

/** backupDue: have REMIND_EVERY reviews been recorded since the last copy (or since "Not now")? */
export function backupDue() {
  const last = pref("backup");
  const since = Math.max(last && last.reviews > 0 ? last.reviews : 0, Number(pref("backupLater")) || 0);
  return reviewsSoFar() - since >= REMIND_EVERY;
}

/**
 * whenBackupDue calls remind once a copy of the progress is due
 * (backupDue), now or after a change. A page passes backup.js's reminder,
 * imported then: backup.js and the export code under it load only when
 * there is something to remind of, which most visits never meet.
 */
export function whenBackupDue(remind) {
  let off = null;
  const check = () => {
    if (!backupDue()) return;
    off();
    remind();
  };
  off = onChange(check);
  check();
}

const shown = new Map();

/**
 * showNotice puts a message on the page; kind is "error" or "info";
 * actions are [label, fn] buttons. Returns the notice element.
 */
export function showNotice(message, kind = "error", actions = []) {
  if (shown.has(message)) return shown.get(message);
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
  if (kind === "error") n.setAttribute("role", "alert");
  const p = document.createElement("p");
  p.textContent = message;
  const body = document.createElement("div");
  body.className = "notice-body";
  body.append(p);
  if (actions.length) {
    const row = document.createElement("p");
    row.className = "notice-actions";
    for (const [label, fn, name] of actions) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "button small";
      if (name) b.dataset.action = name;
      b.textContent = label;
      b.addEventListener("click", fn);
      row.append(b);
    }
    body.append(row);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "notice-close";
  close.setAttribute("aria-label", "Dismiss");
  close.textContent = "×";
  close.addEventListener("click", () => dismiss(message));
  n.append(body, close);
  box.append(n);
  shown.set(message, n);
  return n;
}

/** dismiss removes the notice with this message. */
export function dismiss(message) {
  const n = shown.get(message);
  if (n) n.remove();
  shown.delete(message);
}

/** reportStoreErrors shows every storage problem as a notice. */
export function reportStoreErrors() {
  const writeErrors = new Set();
  onError((e) => {
    const actions = [["Download a backup", exportFile, "backup"]];
    if (e.op === "write") {
      writeErrors.add(e.message);
      actions.push(["Try saving again", () => retry(), "retry"]);
    }
    showNotice(e.message, "error", actions);
  });
  document.addEventListener("flipdeck:store-saved", () => {
    for (const m of writeErrors) dismiss(m);
    writeErrors.clear();
    showNotice("Your progress is saved again: nothing was lost.", "info");
  });
}
