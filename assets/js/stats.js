// stats.js: page script of stats.html: due forecast, reviews per day,
// true retention, cards by state per deck, and the reader's data. The
// decks' cards come from data/decks.json (decksdata.js), as on the index:
// the page holds no card ids, which the service worker would otherwise
// keep twice (50,000 ids, 1 MB, in a 5,000-note vault's stats.html).
import { now } from "./clock.js";
import * as store from "./store.js";
import { DAY_MS } from "./fsrs.js";
import { dayStart, meanRetrievability } from "./schedule.js";
import { formatDate, plural } from "./dom.js";
import { barChart } from "./charts.js";
import { reportStoreErrors, showNotice } from "./notice.js";
import { loadDecks } from "./decksdata.js";
import * as persist from "./persist.js";
import { controls as backupControls } from "./backup.js";

const root = new URL(document.body.dataset.root || "./", location.href);
let deckCards = {}; // slug → ids of the deck and its subdecks
let allIds = new Set();

function days(a, b) {
  return Math.round((dayStart(b) - dayStart(a)) / DAY_MS);
}

function pct(x) {
  return Math.round(x * 100) + "%";
}

function tile(label, value, note, key) {
  const d = document.createElement("div");
  d.className = "stat-tile";
  d.dataset.stat = key;
  const v = document.createElement("strong");
  v.textContent = value;
  const l = document.createElement("span");
  l.textContent = label;
  d.append(v, l);
  if (note) {
    const n = document.createElement("small");
    n.textContent = note;
    d.append(n);
  }
  return d;
}

function retentionOf(log, from) {
  let pass = 0;
  let n = 0;
  for (const e of log) {
    if (e.at < from || e.state === "new" || e.state === "learning" || (e.el != null && e.el < 1)) continue;
    n++;
    if (e.grade > 1) pass++;
  }
  return { pass, n };
}

// render draws the statistics page from the stored progress, one part
// after another.
function render() {
  const t = now();
  const data = store.load();
  const today = dayStart(t);
  const { dueNow, studied } = renderForecast(data.cards, t, today);
  const reviewsToday = renderHistory(data.log, t, today);
  renderRetention(data.log, today);
  const mean = meanRetrievability(allIds, data.cards, t);
  document.getElementById("stat-tiles").replaceChildren(
    tile("due now", String(dueNow), null, "due"),
    tile("reviews today", String(reviewsToday), null, "today"),
    tile("cards studied", studied + " / " + allIds.size, null, "studied"),
    tile("mean recall now", mean == null ? "–" : pct(mean), null, "recall"));
  renderDeckRows(data.cards, t);
}

// renderForecast draws the due forecast (day 0 holds everything due today
// or overdue) and returns how many cards are due now and how many have
// been studied.
function renderForecast(recs, t, today) {
  const forecast = Array.from({ length: 30 }, () => 0);
  let dueNow = 0;
  let studied = 0;
  for (const id of allIds) {
    const r = recs[id];
    if (!r || r.state === "new" || r.due == null) continue;
    studied++;
    if (r.due <= t) dueNow++;
    const d = Math.max(0, days(t, r.due));
    if (d < 30) forecast[d]++;
  }
  const f7 = forecast.slice(0, 7).reduce((a, b) => a + b, 0);
  const f30 = forecast.reduce((a, b) => a + b, 0);
  barChart(document.getElementById("chart-forecast"), {
    data: forecast.map((n, i) => ({ values: [n], label: (i === 0 ? "Today (and overdue)" : formatDate(today + i * DAY_MS + DAY_MS / 2, t)) + ": " + plural(n, "card") })),
    series: [{ name: "Due", cls: "bar-due" }],
    ticks: [[0, "Today"], [7, "+7d"], [14, "+14d"], [21, "+21d"], [29, "+29d"]],
    title: "Due forecast",
    summary: plural(forecast[0], "card") + " due today, " + f7 + " within 7 days, " + f30 + " within 30 days.",
  });
  return { dueNow, studied };
}

// renderHistory draws the reviews per day over the last 90 days and
// returns today's reviews.
function renderHistory(log, t, today) {
  const hist = Array.from({ length: 90 }, () => [0, 0, 0]);
  const from90 = today - 89 * DAY_MS;
  let reviewsToday = 0;
  for (const e of log) {
    if (e.at < from90 - DAY_MS) continue;
    const i = 89 - days(e.at, t);
    if (i < 0 || i > 89) continue;
    const k = e.state === "new" ? 0 : e.grade === 1 ? 1 : 2;
    hist[i][k]++;
    if (i === 89) reviewsToday++;
  }
  const total90 = hist.reduce((a, h) => a + h[0] + h[1] + h[2], 0);
  const active = hist.filter((h) => h[0] + h[1] + h[2] > 0).length;
  barChart(document.getElementById("chart-history"), {
    data: hist.map((h, i) => ({ values: h, label: formatDate(today - (89 - i) * DAY_MS + DAY_MS / 2, t) + ": " + h[0] + " new, " + h[1] + " forgotten, " + h[2] + " remembered" })),
    series: [{ name: "New", cls: "bar-new" }, { name: "Forgotten", cls: "bar-again" }, { name: "Remembered", cls: "bar-pass" }],
    ticks: [[0, formatDate(from90, t)], [44, formatDate(today - 45 * DAY_MS, t)], [89, "Today"]],
    title: "Reviews per day",
    summary: plural(total90, "review") + " in the last 90 days, on " + plural(active, "day") + "; " + reviewsToday + " today.",
  });
  return reviewsToday;
}

// renderRetention fills the true-retention table: the share of reviews
// (not first ones, not same-day) remembered.
function renderRetention(log, today) {
  const ret = document.getElementById("retention");
  const rows = [["Last 7 days", today - 6 * DAY_MS, "7"], ["Last 30 days", today - 29 * DAY_MS, "30"], ["All stored reviews", -Infinity, "all"]];
  const table = document.createElement("table");
  table.className = "retention-table";
  const body = document.createElement("tbody");
  for (const [label, from, key] of rows) {
    const { pass, n } = retentionOf(log, from);
    const tr = document.createElement("tr");
    tr.dataset.period = key;
    tr.dataset.pass = String(pass);
    tr.dataset.n = String(n);
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    const td = document.createElement("td");
    td.className = "num";
    td.textContent = n ? pct(pass / n) : "–";
    const td2 = document.createElement("td");
    td2.textContent = n ? pass + " of " + plural(n, "review") + " remembered" : "no reviews yet";
    tr.append(th, td, td2);
    body.append(tr);
  }
  table.append(body);
  const note = document.createElement("p");
  note.className = "field-hint";
  note.textContent = "Reviews of cards past their learning steps, at least a day apart; your desired retention is " + pct(store.settings().retention) + ".";
  ret.replaceChildren(table, note);
}

// renderDeckRows fills each deck's row: its counts by state, its mean
// recall now and its state bar.
function renderDeckRows(recs, t) {
  for (const row of document.querySelectorAll(".deck-state-row[data-deck]")) {
    const ids = deckCards[row.dataset.deck] || [];
    const c = store.counts(ids, t);
    for (const k of ["new", "learning", "due", "young", "mature"]) {
      const td = row.querySelector('[data-k="' + k + '"]');
      td.textContent = String(c[k]);
      td.dataset.n = String(c[k]);
    }
    const r = meanRetrievability(ids, recs, t);
    row.querySelector('[data-k="r"]').textContent = r == null ? "–" : pct(r);
    const bar = row.querySelector(".state-bar");
    bar.replaceChildren();
    for (const k of ["mature", "young", "learning", "due", "new"]) {
      if (!c[k] || !ids.length) continue;
      const s = document.createElement("span");
      s.className = "meter-" + k;
      s.style.width = (100 * c[k] / ids.length).toFixed(2) + "%";
      bar.append(s);
    }
  }
}

function renderData() {
  const box = document.getElementById("data");
  const data = store.load();
  const p = document.createElement("p");
  p.className = "persist-state";
  persist.onState((s) => {
    p.dataset.state = s;
    p.textContent = persist.describe(s);
  });
  persist.check();
  const logInfo = document.createElement("p");
  const first = data.log.length ? data.log[0].at : null;
  logInfo.textContent = plural(data.log.length, "review") + " in the history" + (first != null ? " since " + formatDate(first, now()) : "") +
    (data.logDropped ? " (" + data.logDropped + " older ones dropped to keep it within " + store.MAX_LOG + ")" : "") + ".";
  const usage = document.createElement("p");
  usage.className = "field-hint";
  if (navigator.storage && navigator.storage.estimate) {
    navigator.storage.estimate().then((e) => {
      if (e && e.usage > 0) usage.textContent = "This site uses about " + Math.ceil(e.usage / 1024) + " KB of this browser's storage.";
    }).catch(() => {});
  }
  box.replaceChildren(p, logInfo, usage, backupControls());
}

// start draws the page once the decks' cards are in. Without them (a
// page opened from a folder: file: URLs cannot be fetched) the history
// and retention, which need only the stored reviews, are still right;
// the counts over cards would be zeros, so a notice says why.
function start(tree) {
  if (tree) {
    deckCards = tree.cards;
    for (const ids of Object.values(deckCards)) for (const id of ids) allIds.add(id);
  }
  render();
  store.onChange(render);
  let timer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(render, 150);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") render();
  });
}

reportStoreErrors();
renderData();
loadDecks(root).then(start, (e) => {
  console.warn("flipdeck: no deck list:", e);
  showNotice("The list of decks (data/decks.json) could not be loaded, so the counts of cards are missing. Open the site from a web server, or from this address again once online.", "info");
  start(null);
});
