// transfer.js: progress in a link. The whole progress record (as a backup
// file holds it) is compressed (CompressionStream, deflate-raw) and put in
// base64url into the fragment of a link to the site's index:
//
//   …/index.html#progress=z<base64url of deflate-raw(JSON)>
//
// A browser never sends the fragment to a server, so the progress goes
// from one device to the other through the link alone. "j" instead of "z"
// marks uncompressed JSON (a browser without CompressionStream).
import * as store from "./store.js";
import { exportJSON } from "./store-merge.js";

export const PARAM = "progress=";

function b64url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unb64url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function through(bytes, stream) {
  const res = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await res.arrayBuffer());
}

/** pack turns JSON text into the fragment's payload ("z…" or "j…"). */
export async function pack(text) {
  const bytes = new TextEncoder().encode(text);
  if (typeof CompressionStream === "function") {
    try {
      return "z" + b64url(await through(bytes, new CompressionStream("deflate-raw")));
    } catch { /* deflate-raw unknown: send it as it is */ }
  }
  return "j" + b64url(bytes);
}

/** unpack turns a payload from pack back into the JSON text; it throws on a damaged one. */
export async function unpack(payload) {
  const kind = payload[0];
  const bytes = unb64url(payload.slice(1));
  if (kind === "j") return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  if (kind !== "z") throw new Error("unknown payload");
  if (typeof DecompressionStream !== "function") {
    const e = new Error("This browser is too old to read the link: update it, or use Export and Import instead.");
    e.name = "UnsupportedError";
    throw e;
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(await through(bytes, new DecompressionStream("deflate-raw")));
}

/** siteIndex is the URL of the site's index page. */
export function siteIndex() {
  return new URL((document.body.dataset.root || "") + "index.html", location.href);
}

/**
 * makeLink returns {url, cards, reviews} for the current progress: a link
 * to the index whose fragment holds it.
 */
export async function makeLink() {
  const data = store.load();
  const u = siteIndex();
  u.hash = PARAM + (await pack(exportJSON()));
  return { url: u.href, cards: Object.keys(data.cards).length, reviews: data.log.length };
}

/** payloadOf returns the payload in a URL or fragment ("#progress=…"), or null. */
export function payloadOf(link) {
  const s = String(link || "").trim();
  const i = s.indexOf("#" + PARAM);
  if (i >= 0) return s.slice(i + 1 + PARAM.length) || null;
  return s.startsWith(PARAM) ? s.slice(PARAM.length) || null : null;
}
