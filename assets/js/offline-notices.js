// offline-notices.js: what offline.js offers the reader, loaded only
// when there is something to offer: a new version of the site, and on
// iOS Safari, once, the hint to add the site to the Home Screen.
import * as store from "./store.js";
import { showNotice, dismiss } from "./notice.js";

const UPDATE_MESSAGE = "A new version of these cards is available.";
const INSTALL_MESSAGE = "Study offline like an app: tap the Share button, then “Add to Home Screen”.";

// store.pref keeps small reader settings; a namespace import so that this
// module (and offline use) still works if store.js is ever without it.
const pref = store.pref || (() => null);

// notice shows a message with buttons ([label, onclick(notice), primary?])
// through notice.js, marked with cls so it can be found again.
function notice(cls, message, buttons) {
  const n = showNotice(message, "info", buttons.map(([label, fn]) => [label, () => fn(n)]));
  n.classList.add(cls);
  const first = n.querySelector(".notice-actions button");
  if (first && buttons[0] && buttons[0][2]) first.classList.add("primary");
  return n;
}

/**
 * offerUpdate offers "A new version …: Reload": accepting calls accept
 * and asks reg's waiting worker to take over (offline.js reloads then),
 * or reloads at once when none waits (another tab accepted).
 */
export function offerUpdate(reg, accept) {
  if (document.querySelector(".offline-prompt")) return;
  notice("offline-prompt", UPDATE_MESSAGE, [
    ["Reload", (n) => {
      accept();
      n.querySelectorAll("button").forEach((b) => { b.disabled = true; });
      if (reg && reg.waiting) reg.waiting.postMessage("flipdeck:activate");
      else location.reload(); // already active (another tab accepted)
    }, true],
    ["Later", () => dismiss(UPDATE_MESSAGE)],
  ]);
}

/** iosInstallHint shows the Home Screen hint once (remembered with store.pref). */
export function iosInstallHint() {
  if (pref("ios-install-hint") != null) return;
  if (!pref("ios-install-hint", Date.now())) return; // cannot remember it: do not nag
  notice("install-hint", INSTALL_MESSAGE, [
    ["OK", () => dismiss(INSTALL_MESSAGE)],
  ]);
}
