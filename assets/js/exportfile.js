// exportfile.js: the progress as a file to download, and the note that a
// copy was made. Apart from backup.js (the controls, importing, sending)
// so that a page's "Download a backup" (notice.js, on any page) loads
// only this.
import * as store from "./store.js";
import { exportJSON } from "./store-merge.js";
import { now } from "./clock.js";
import { dismiss, reviewsSoFar } from "./notice.js";
import { downloadFile } from "./download.js";

/** REMINDER is the text of backup.js's reminder, which a copy made dismisses. */
export const REMINDER = "This browser may clear your progress when the device runs low on space. Keep a copy: download a backup, or send it to another device.";

function stamp(t) {
  const d = new Date(t);
  const p = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

/** exportFile downloads the whole progress (unsaved changes included). */
export function exportFile() {
  downloadFile("flipdeck-progress-" + stamp(now()) + ".json", exportJSON(), "application/json");
  noteBackup();
}

/** noteBackup remembers that a copy of the progress was just made (a file, a link). */
export function noteBackup() {
  store.pref("backup", { at: now(), reviews: reviewsSoFar() });
  dismiss(REMINDER);
}
