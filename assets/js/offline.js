// offline.js: loaded on every page.
//
// - Registers the service worker (sw.js at the site root; see
//   assets/sw/sw.js), which makes the whole site work offline once opened,
//   after the page has loaded and the main thread is idle.
// - When a new build has been deployed and its worker is installed and
//   waiting, offers "A new version is available: Reload". It never reloads
//   by itself (the reader may be mid-quiz): accepting asks the waiting
//   worker to take over ("flipdeck:activate") and reloads once it controls
//   the page.
// - On iOS Safari, shows once a hint to "Add to Home Screen" (remembered
//   with store.pref).
// - Asks for persistent storage when the site is installed or runs as an
//   app (persist.js, loaded only then: most visits are in a browser tab).
// - Before printing, opens every closed card so a handout shows answers.
const root = new URL(document.body.dataset.root || "./", location.href);

// What the reader is offered (a new version, the iOS hint) is drawn by
// offline-notices.js, loaded only when there is something to offer: most
// visits have nothing, and a deck page's first visit carries no more
// script than it needs (issue 13).
const notices = () => import("./offline-notices.js");
let accepted = false; // the reader accepted a new version: reload when it takes over
const offerUpdate = (reg) => notices().then((m) => m.offerUpdate(reg, () => { accepted = true; }), (e) => console.warn(e));

async function register() {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  const sw = navigator.serviceWorker;
  const hadController = !!sw.controller;
  let reg;
  try {
    reg = await sw.register(new URL("sw.js", root).href, { scope: root.href });
  } catch (e) {
    console.warn("flipdeck: offline use is not available:", e);
    return;
  }
  // A waiting worker only means an update when a worker already controls
  // this page; the very first install activates by itself.
  const offer = () => { if (sw.controller) offerUpdate(reg); };
  if (reg.waiting) offer();
  reg.addEventListener("updatefound", () => {
    const w = reg.installing;
    if (!w) return;
    w.addEventListener("statechange", () => { if (w.state === "installed") offer(); });
  });
  sw.addEventListener("controllerchange", () => {
    if (accepted) location.reload();
    else if (hadController) offerUpdate(null); // another tab took the update
  });
  // Look for a new build when the reader comes back to the tab.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") reg.update().catch(() => {});
  });
}

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
addEventListener("load", () => idle(register, { timeout: 2000 }), { once: true });
iosInstallHint();
askWhenInstalled();
