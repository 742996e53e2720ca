// persist.js: asks the browser to keep this site's storage (not to clear
// it when space runs low) once the reader has reviewed a card and when the
// site is installed, and tells what it answered.
const listeners = new Set();
let state = "unknown"; // "unknown" | "persistent" | "best-effort" | "unsupported"
let asked = false;

function set(s) {
  state = s;
  for (const fn of listeners) {
    try { fn(s); } catch (e) { console.error(e); }
  }
}

function api() {
  return typeof navigator !== "undefined" && navigator.storage && typeof navigator.storage.persist === "function" ? navigator.storage : null;
}

/** check finds out the current state without asking for anything. */
export async function check() {
  const s = api();
  if (!s) { set("unsupported"); return state; }
  try {
    set((await s.persisted()) ? "persistent" : "best-effort");
  } catch {
    set("unsupported");
  }
  return state;
}

/** request asks for persistent storage (once per page). */
export async function request() {
  if (asked) return state;
  asked = true;
  const s = api();
  if (!s) { set("unsupported"); return state; }
  try {
    if (await s.persisted()) set("persistent");
    else set((await s.persist()) ? "persistent" : "best-effort");
  } catch {
    set("unsupported");
  }
  return state;
}

/** current returns the last known state. */
export function current() {
  return state;
}

/** describe says what a state means for the reader's progress. */
export function describe(s = state) {
  switch (s) {
    case "persistent": return "Persistent: the browser keeps your progress until you delete it.";
    case "best-effort": return "Not persistent: the browser may clear your progress if the device runs out of space. Export a backup or send it to another device now and then.";
    case "unsupported": return "This browser cannot promise to keep your progress. Export a backup or send it to another device now and then.";
    default: return "Checking whether the browser keeps your progress…";
  }
}

/** onState calls fn(state) now and at every change. */
export function onState(fn) {
  listeners.add(fn);
  fn(state);
  return () => listeners.delete(fn);
}

/**
 * requestAgain asks for persistent storage even if this page asked
 * before: when the site has just been installed as an app (offline.js),
 * which browsers take into account.
 */
export function requestAgain() {
  asked = false;
  return request();
}
