// swregister.js: registers the service worker (sw.js at the site root;
// see assets/sw/sw.js), which makes the whole site work offline once
// opened; offline.js loads it once the page has loaded and the main
// thread is idle. When a new build has been deployed and its worker is
// installed and waiting, it offers "A new version is available: Reload"
// (offline-notices.js). It never reloads by itself (the reader may be
// mid-quiz): accepting asks the waiting worker to take over
// ("flipdeck:activate") and reloads once it controls the page.

let accepted = false; // the reader accepted a new version: reload when it takes over
const offerUpdate = (reg) => import("./offline-notices.js")
  .then((m) => m.offerUpdate(reg, () => { accepted = true; }), (e) => console.warn(e));

/**
 * register registers root's service worker (root: the site's URL) and
 * watches for new versions; offline.js calls it where there are service
 * workers (http and https pages).
 */
export async function register(root) {
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
