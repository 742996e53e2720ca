// flipdeck service worker: makes the site work offline once opened.
//
// The build writes this file to the site root as sw.js (so its scope is
// the whole site) and puts three constants before it: BUILD, a hash of
// every file's bytes; PRECACHE, what studying offline needs (every page,
// the quiz data, assets, icons, the images and sounds pages show),
// downloaded at install; and RUNTIME, every other file a page may fetch
// (cards.json, which the search box loads; linked documents, videos),
// kept once fetched. URLs are relative to this script. A new deploy
// gives a new BUILD, new caches and an update the page can offer to the
// reader; it never reloads by itself.

/* global BUILD, PRECACHE, RUNTIME */
const PREFIX = "flipdeck:" + self.registration.scope + ":";
const CACHE = PREFIX + BUILD;
const KEPT = CACHE + ":runtime"; // RUNTIME files fetched so far
const scope = self.registration.scope;
const runtime = new Set(RUNTIME.map((u) => new URL(u, scope).href));

// keep fetches url (an absolute RUNTIME URL) and stores it in KEPT; a
// failure leaves it out (it is fetched again when next asked for).
async function keep(url, reload) {
  if (!runtime.has(url)) return;
  try {
    const res = await fetch(url, reload ? { cache: "reload" } : {});
    if (res.ok && res.status === 200) await (await caches.open(KEPT)).put(url, res);
  } catch {
    // offline: nothing to keep
  }
}

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
    // What the reader had kept of the previous build (cards.json once
    // searched, documents once opened) is fetched again in this build's
    // version, so that search still works offline after an update.
    const kept = new Set();
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name.endsWith(":runtime") && name !== KEPT) {
        for (const req of await (await caches.open(name)).keys()) kept.add(req.url);
      }
    }
    await Promise.all([...kept].map((u) => keep(u, true)));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE && n !== KEPT).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

// The page asks the waiting worker to take over when the reader accepts
// the "new version" prompt, and asks to keep a RUNTIME file it fetched
// before this worker controlled it (search on the very first visit).
self.addEventListener("message", (event) => {
  if (event.data === "flipdeck:activate") self.skipWaiting();
  else if (event.data && event.data.keep) event.waitUntil(keep(new URL(event.data.keep, scope).href, false));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(scope)) return;
  // A folder's URL is its index page.
  const key = url.origin + url.pathname + (url.pathname.endsWith("/") ? "index.html" : "");
  event.respondWith((async () => {
    const hit = await (await caches.open(CACHE)).match(key, { ignoreSearch: true });
    if (hit) return hit;
    if (runtime.has(key) && !req.headers.has("range")) {
      const kept = await (await caches.open(KEPT)).match(key);
      if (kept) return kept;
    }
    try {
      const res = await fetch(req);
      if (runtime.has(key) && res.status === 200 && !req.headers.has("range")) {
        const copy = res.clone();
        event.waitUntil(caches.open(KEPT).then((c) => c.put(key, copy)));
      }
      return res;
    } catch (err) {
      // Offline, a page not in this build (an old bookmark) goes to the
      // index: redirected, so that its relative URLs resolve from the
      // root. A quiz page of an earlier build goes to its quiz, in place
      // on its deck page now (as 404.html's moved.js does online).
      if (req.mode === "navigate") {
        const quiz = /^quiz\/([^/]+)\.html$/.exec(url.href.slice(scope.length).split(/[?#]/)[0]);
        const page = quiz && quiz[1] !== "all-decks" ? "decks/" + quiz[1] + ".html" : "index.html";
        const cache = await caches.open(CACHE);
        if (await cache.match(new URL(page, scope).href)) return Response.redirect(new URL(page + (quiz ? "#quiz" : ""), scope).href, 302);
        const index = new URL("index.html", scope).href;
        if (await cache.match(index)) return Response.redirect(index, 302);
      }
      throw err;
    }
  })());
});
