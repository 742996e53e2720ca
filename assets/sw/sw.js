// flipdeck service worker: makes the site work offline once opened.
//
// The build writes this file to the site root as sw.js (so its scope is
// the whole site) and puts two constants before it: BUILD, a hash of every
// file's bytes, and PRECACHE, the list of every file (URLs relative to
// this script). A new deploy therefore gives a new BUILD, a new cache and
// an update the page can offer to the reader; it never reloads by itself.

/* global BUILD, PRECACHE */
const PREFIX = "flipdeck:" + self.registration.scope + ":";
const CACHE = PREFIX + BUILD;

self.addEventListener("install", (event) => {
  // Everything or nothing: a half-filled cache would fail offline later,
  // so one failed download fails the install (the old worker stays).
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(PRECACHE.map(async (u) => {
      const req = new Request(u, { cache: "reload" });
      const res = await fetch(req);
      if (!res.ok) throw new Error("precache " + u + ": " + res.status);
      // A server that redirects (say index.html to ./) gives a response
      // a navigation may not use: store a plain copy under the asked URL.
      await cache.put(req, res.redirected ? new Response(await res.blob(), { status: res.status, statusText: res.statusText, headers: res.headers }) : res);
    }));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

// The page asks the waiting worker to take over when the reader accepts
// the "new version" prompt.
self.addEventListener("message", (event) => {
  if (event.data === "flipdeck:activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(req);
    } catch (err) {
      // Offline, a page not in this build (an old bookmark) goes to the
      // index: redirected, so that its relative URLs resolve from the root.
      if (req.mode === "navigate") {
        const index = new URL("index.html", self.registration.scope).href;
        if (await cache.match(index)) return Response.redirect(index, 302);
      }
      throw err;
    }
  })());
});
