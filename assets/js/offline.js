// offline.js: loaded on every page.
//
// - Registers the service worker (swregister.js), which makes the whole
//   site work offline once opened and offers new versions, after the page
//   has loaded and the main thread is idle.
// - On iOS Safari, shows once a hint to "Add to Home Screen" (remembered
//   with store.pref).
// - Asks for persistent storage when the site is installed or runs as an
//   app (persist.js, loaded only then: most visits are in a browser tab).
// - Before printing, opens every closed card so a handout shows answers.
const root = new URL(document.body.dataset.root || "./", location.href);

// The notices (a new version, the iOS hint) and the worker's
// registration load when they are needed: most visits have nothing to
// offer, and the worker is registered once the page is idle, so a deck
// page's first visit carries no more script than its cards need (issue
// 13).
const notices = () => import("./offline-notices.js");

function iosInstallHint() {
  const ua = navigator.userAgent;
  const ios = /iPhone|iPad|iPod/.test(ua) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const safari = /Safari\//.test(ua) && !/CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(ua);
  if (!ios || !safari || navigator.standalone === true) return;
  notices().then((m) => m.iosInstallHint(), (e) => console.warn(e));
}

// Printing a deck page gives a handout: every answer shown.
const opened = [];
window.addEventListener("beforeprint", () => {
  for (const d of document.querySelectorAll("details.card:not([open])")) {
    d.open = true;
    opened.push(d);
  }
});
window.addEventListener("afterprint", () => {
  for (const d of opened.splice(0)) d.open = false;
});

// Browsers grant persistent storage to installed apps more readily; the
// answer is remembered by the browser.
function askWhenInstalled() {
  const persist = () => import("./persist.js");
  try {
    window.addEventListener("appinstalled", () => persist().then((m) => m.requestAgain()));
    if (matchMedia("(display-mode: standalone)").matches || navigator.standalone === true) persist().then((m) => m.request());
  } catch { /* not in a browser window */ }
}

// The worker is registered once the page has loaded and the main thread
// is idle: its install fetches and stores the whole site, which on a
// phone's two cores would compete with the page's own first screen (a
// quiz drawing its first card). A module runs before the load event.
// Without requestIdleCallback (Safari), a timeout: its options object
// reads as no delay.
const idle = window.requestIdleCallback || setTimeout;
if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
  const register = () => import("./swregister.js").then((m) => m.register(root), (e) => console.warn(e));
  addEventListener("load", () => idle(register, { timeout: 2000 }), { once: true });
}
iosInstallHint();
askWhenInstalled();
