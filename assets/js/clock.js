// clock.js: the one source of "now" for every module, so tests can move
// time: set window.__flipdeckNow to a number (ms) or a function returning one.
export function now() {
  const t = globalThis.__flipdeckNow;
  if (typeof t === "function") return Number(t());
  if (typeof t === "number" && Number.isFinite(t)) return t;
  return Date.now();
}
