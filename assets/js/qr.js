// qr.js: a small QR code encoder (ISO/IEC 18004, Model 2), written for
// "Send my progress": byte mode, error correction level L or M, versions
// 1 to 40, Reed–Solomon error correction, the eight data masks scored with
// the standard's four penalty rules, drawn as an SVG. No DOM is touched
// except by toSVG.
//
// Coordinates are (x, y): x the column, y the row, (0, 0) top left.

// Error correction codewords per block, and number of blocks, for
// versions 1-40 (the standard's table 9).
const EC_PER_BLOCK = {
  L: [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
    28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  M: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
};
const BLOCKS = {
  L: [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
    8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  M: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
    17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
};
// The two bits naming the level in the format information.
const LEVEL_BITS = { L: 1, M: 0 };

export const MAX_VERSION = 40;

// ---------- Reed–Solomon over GF(256), polynomial x^8+x^4+x^3+x^2+1 ----------

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
}

function gfMul(a, b) {
  return a && b ? EXP[LOG[a] + LOG[b]] : 0;
}

const generators = new Map();

// generator returns the coefficients of (x - α^0)(x - α^1)…(x - α^(n-1)),
// highest power first (the leading 1 included).
function generator(n) {
  let g = generators.get(n);
  if (g) return g;
  g = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array(g.length + 1).fill(0);
    for (let j = 0; j < g.length; j++) {
      next[j] ^= g[j];
      next[j + 1] ^= gfMul(g[j], EXP[i]);
    }
    g = next;
  }
  generators.set(n, g);
  return g;
}

/** rsRemainder returns the n error correction codewords of the data codewords. */
export function rsRemainder(data, n) {
  const g = generator(n);
  const rem = new Array(n).fill(0);
  for (const b of data) {
    const f = b ^ rem[0];
    rem.shift();
    rem.push(0);
    for (let j = 0; j < n; j++) rem[j] ^= gfMul(g[j + 1], f);
  }
  return rem;
}

// ---------- sizes ----------

function alignmentCount(v) {
  return v === 1 ? 0 : Math.floor(v / 7) + 2;
}

/** alignmentPositions lists the rows (and columns) of version v's alignment pattern centres. */
export function alignmentPositions(v) {
  const n = alignmentCount(v);
  if (!n) return [];
  const size = 17 + 4 * v;
  const step = v === 32 ? 26 : Math.ceil((size - 13) / (2 * n - 2)) * 2;
  const out = [6];
  for (let p = size - 7; out.length < n; p -= step) out.splice(1, 0, p);
  return out;
}

// rawModules: modules of version v left for data and error correction.
function rawModules(v) {
  let n = (16 * v + 128) * v + 64;
  const a = alignmentCount(v);
  if (a) n -= (25 * a - 10) * a - 55;
  if (v >= 7) n -= 36;
  return n;
}

/** dataCodewords: how many data codewords version v holds at level ecl. */
export function dataCodewords(v, ecl) {
  return Math.floor(rawModules(v) / 8) - EC_PER_BLOCK[ecl][v - 1] * BLOCKS[ecl][v - 1];
}

function countBits(v) {
  return v < 10 ? 8 : 16;
}

/** capacity: the most bytes version v holds in byte mode at level ecl. */
export function capacity(v, ecl) {
  return Math.floor((dataCodewords(v, ecl) * 8 - 4 - countBits(v)) / 8);
}

// ---------- format and version information ----------

/** formatBits: the 15 format bits of level ecl and mask (BCH(15,5), XOR 101010000010010). */
export function formatBits(ecl, mask) {
  const data = (LEVEL_BITS[ecl] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
  return ((data << 10) | (rem & 0x3ff)) ^ 0x5412;
}

/** versionBits: the 18 version bits of version v ≥ 7 (BCH(18,6)). */
export function versionBits(v) {
  let rem = v;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >> 11) * 0x1f25);
  return (v << 12) | (rem & 0xfff);
}

// ---------- encoding ----------

function utf8(data) {
  if (data instanceof Uint8Array) return data;
  return new TextEncoder().encode(String(data));
}

// codewords returns the data codewords of bytes in byte mode, padded to
// version v's capacity at level ecl.
function codewords(bytes, v, ecl) {
  const cap = dataCodewords(v, ecl) * 8;
  const bits = [];
  const put = (val, n) => {
    for (let i = n - 1; i >= 0; i--) bits.push((val >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, countBits(v));
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, cap - bits.length)); // terminator
  put(0, (8 - (bits.length % 8)) % 8);
  const out = [];
  for (let i = 0; i < bits.length; i += 8) {
    let b = 0;
    for (let j = 0; j < 8; j++) b = (b << 1) | bits[i + j];
    out.push(b);
  }
  for (let pad = 0xec; out.length < cap / 8; pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

// interleave splits the data into blocks, adds each block's error
// correction and interleaves them as the standard says.
function interleave(data, v, ecl) {
  const nb = BLOCKS[ecl][v - 1];
  const ne = EC_PER_BLOCK[ecl][v - 1];
  const short = Math.floor(data.length / nb);
  const longFrom = nb - (data.length % nb); // blocks from here have short+1 data codewords
  const blocks = [];
  let at = 0;
  for (let i = 0; i < nb; i++) {
    const len = short + (i >= longFrom ? 1 : 0);
    const d = data.slice(at, at + len);
    at += len;
    blocks.push({ d, e: rsRemainder(d, ne) });
  }
  const out = [];
  for (let i = 0; i <= short; i++) {
    for (const b of blocks) if (i < b.d.length) out.push(b.d[i]);
  }
  for (let i = 0; i < ne; i++) {
    for (const b of blocks) out.push(b.e[i]);
  }
  return out;
}

class Grid {
  constructor(size) {
    this.size = size;
    this.dark = new Uint8Array(size * size);
    this.fixed = new Uint8Array(size * size); // function patterns, not data
  }

  set(x, y, dark) {
    const i = y * this.size + x;
    this.dark[i] = dark ? 1 : 0;
    this.fixed[i] = 1;
  }
}

function drawFunctionPatterns(g, v) {
  const size = g.size;
  for (let i = 0; i < size; i++) {
    g.set(6, i, i % 2 === 0);
    g.set(i, 6, i % 2 === 0);
  }
  for (const [fx, fy] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
    for (let dy = -1; dy <= 7; dy++) {
      for (let dx = -1; dx <= 7; dx++) {
        const x = fx + dx;
        const y = fy + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3)); // 0 centre … 4 separator
        g.set(x, y, ring !== 2 && ring !== 4);
      }
    }
  }
  const pos = alignmentPositions(v);
  const last = pos.length - 1;
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j <= last; j++) {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) g.set(pos[i] + dx, pos[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }
  drawFormat(g, "L", 0); // reserves the format areas; redrawn with the mask chosen
  if (v >= 7) {
    const bits = versionBits(v);
    for (let i = 0; i < 18; i++) {
      const bit = (bits >> i) & 1;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      g.set(a, b, bit);
      g.set(b, a, bit);
    }
  }
}

function drawFormat(g, ecl, mask) {
  const size = g.size;
  const bits = formatBits(ecl, mask);
  const bit = (i) => (bits >> i) & 1;
  // Around the top-left finder.
  for (let i = 0; i <= 5; i++) g.set(8, i, bit(i));
  g.set(8, 7, bit(6));
  g.set(8, 8, bit(7));
  g.set(7, 8, bit(8));
  for (let i = 9; i < 15; i++) g.set(14 - i, 8, bit(i));
  // Beside the top-right and bottom-left finders.
  for (let i = 0; i < 8; i++) g.set(size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) g.set(8, size - 15 + i, bit(i));
  g.set(8, size - 8, 1); // the dark module
}

function drawData(g, words) {
  const size = g.size;
  let i = 0;
  const total = words.length * 8;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // skip the vertical timing pattern
    const up = ((right + 1) & 2) === 0;
    for (let k = 0; k < size; k++) {
      const y = up ? size - 1 - k : k;
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const at = y * size + x;
        if (g.fixed[at]) continue;
        g.dark[at] = i < total ? (words[i >> 3] >> (7 - (i & 7))) & 1 : 0; // remainder bits are 0
        i++;
      }
    }
  }
}

const MASKS = [
  (x, y) => (x + y) % 2 === 0,
  (x, y) => y % 2 === 0,
  (x, y) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

// maskOf lists the data modules that mask m flips.
function maskOf(g, m) {
  const f = MASKS[m];
  const size = g.size;
  const out = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      if (!g.fixed[i] && f(x, y)) out.push(i);
    }
  }
  return out;
}

function flip(g, modules) {
  for (const i of modules) g.dark[i] ^= 1;
}

/** penalty scores a symbol by the standard's four rules (lower is better). */
export function penalty(dark, size) {
  let score = 0;
  // Rules 1 and 3, along rows and columns. A line is copied with four
  // light modules (the quiet zone) on each side.
  const line = new Uint8Array(size + 8);
  for (let horiz = 0; horiz < 2; horiz++) {
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) line[b + 4] = horiz ? dark[a * size + b] : dark[b * size + a];
      let run = 1;
      for (let b = 5; b <= size + 4; b++) {
        if (b < size + 4 && line[b] === line[b - 1]) {
          run++;
          continue;
        }
        if (run >= 5) score += run - 2;
        run = 1;
      }
      // 1:1:3:1:1 dark-light-dark-light-dark with four light modules before or after.
      for (let b = 4; b + 7 <= size + 4; b++) {
        if (line[b] && !line[b + 1] && line[b + 2] && line[b + 3] && line[b + 4] && !line[b + 5] && line[b + 6]) {
          if (!line[b - 1] && !line[b - 2] && !line[b - 3] && !line[b - 4]) score += 40;
          if (b + 10 < line.length && !line[b + 7] && !line[b + 8] && !line[b + 9] && !line[b + 10]) score += 40;
        }
      }
    }
  }
  // Rule 2: 2×2 blocks of one colour.
  for (let y = 0; y + 1 < size; y++) {
    for (let x = 0, i = y * size; x + 1 < size; x++, i++) {
      const c = dark[i];
      if (c === dark[i + 1] && c === dark[i + size] && c === dark[i + size + 1]) score += 3;
    }
  }
  // Rule 4: the share of dark modules, in steps of 5 % away from half.
  let n = 0;
  for (let i = 0; i < dark.length; i++) n += dark[i];
  score += 10 * Math.floor(Math.abs((n * 100) / (size * size) - 50) / 5);
  return score;
}

/**
 * chooseVersion returns {version, ecl} for n bytes: the smallest version
 * that holds them at level L, at level M when M fits in the same version;
 * or null when even version 40 at level L is too small. ecl forces a level.
 */
export function chooseVersion(n, ecl) {
  for (let v = 1; v <= MAX_VERSION; v++) {
    if (ecl) {
      if (capacity(v, ecl) >= n) return { version: v, ecl };
    } else if (capacity(v, "L") >= n) {
      return { version: v, ecl: capacity(v, "M") >= n ? "M" : "L" };
    }
  }
  return null;
}

/**
 * encode makes the QR code of data (a string, sent as UTF-8, or a
 * Uint8Array): {version, ecl, mask, size, dark: Uint8Array(size*size)
 * (1 = dark, row by row)}, or null when it is too long for a QR code.
 * opts: ecl ("L" or "M": force a level), version (at least this one),
 * mask (0-7: force a mask).
 */
export function encode(data, opts = {}) {
  const bytes = utf8(data);
  let choice = chooseVersion(bytes.length, opts.ecl);
  if (!choice) return null;
  if (opts.version && opts.version > choice.version) {
    if (opts.version > MAX_VERSION) return null;
    choice = { version: opts.version, ecl: choice.ecl };
  }
  const { version: v, ecl } = choice;
  const words = interleave(codewords(bytes, v, ecl), v, ecl);
  const g = new Grid(17 + 4 * v);
  drawFunctionPatterns(g, v);
  drawData(g, words);
  let best = -1;
  let bestScore = Infinity;
  const masks = opts.mask != null ? [opts.mask] : [0, 1, 2, 3, 4, 5, 6, 7];
  for (const m of masks) {
    const flips = maskOf(g, m);
    flip(g, flips);
    drawFormat(g, ecl, m);
    const s = masks.length > 1 ? penalty(g.dark, g.size) : 0;
    if (s < bestScore) {
      bestScore = s;
      best = m;
    }
    flip(g, flips); // undo (XOR)
  }
  flip(g, maskOf(g, best));
  drawFormat(g, ecl, best);
  return { version: v, ecl, mask: best, size: g.size, dark: g.dark };
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * toSVG draws a code from encode as an SVG element, dark on white with
 * the standard's quiet zone of four modules, scaled to its box.
 */
export function toSVG(qr, label = "QR code") {
  const q = 4;
  const n = qr.size + 2 * q;
  let d = "";
  for (let y = 0; y < qr.size; y++) {
    let x = 0;
    while (x < qr.size) {
      if (!qr.dark[y * qr.size + x]) { x++; continue; }
      let run = 1;
      while (x + run < qr.size && qr.dark[y * qr.size + x + run]) run++;
      d += "M" + (x + q) + " " + (y + q) + "h" + run + "v1h-" + run + "z";
      x += run;
    }
  }
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 " + n + " " + n);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("class", "qr");
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", String(n));
  bg.setAttribute("height", String(n));
  bg.setAttribute("fill", "#fff");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(bg, path);
  return svg;
}
