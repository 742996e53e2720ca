// charts.js: small SVG bar charts drawn with the DOM (no inline styles, so
// the page's content security policy allows them; colours come from CSS
// classes, so they follow the light and dark themes).
const NS = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

let uid = 0;

/**
 * barChart draws stacked bars into box (replacing its content).
 * data: [{values: [n per series], label: "tooltip"}]; series: [{name, cls}];
 * ticks: [[index, "label"]]; title and summary: accessible name and description.
 */
export function barChart(box, { data, series, ticks = [], title, summary }) {
  const width = Math.max(280, Math.floor(box.clientWidth || 600));
  const height = 190;
  const pad = { l: 34, r: 6, t: 10, b: 24 };
  const iw = width - pad.l - pad.r;
  const ih = height - pad.t - pad.b;
  const totals = data.map((d) => d.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const id = "chart-" + ++uid;
  const svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, width, height, role: "img", class: "bar-chart", "aria-labelledby": id + "-t " + id + "-d" });
  svg.append(svgEl("title", { id: id + "-t" }, title), svgEl("desc", { id: id + "-d" }, summary));
  for (let v = 0; v <= top; v += step) {
    const y = pad.t + ih - (v / top) * ih;
    svg.append(svgEl("line", { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: v ? "grid" : "axis" }));
    svg.append(svgEl("text", { x: pad.l - 6, y: y + 4, class: "tick tick-y", "text-anchor": "end" }, String(v)));
  }
  const bw = iw / data.length;
  const gap = bw > 6 ? Math.min(3, bw * 0.2) : 0.5;
  data.forEach((d, i) => {
    let y = pad.t + ih;
    const g = svgEl("g", { class: "bar", "data-i": i, "data-total": totals[i] });
    d.values.forEach((v, k) => {
      if (!v) return;
      const h = (v / top) * ih;
      y -= h;
      g.append(svgEl("rect", { x: (pad.l + i * bw + gap / 2).toFixed(2), y: y.toFixed(2), width: Math.max(0.5, bw - gap).toFixed(2), height: h.toFixed(2), class: series[k].cls }));
    });
    // A full-height hit area carries the tooltip.
    const hit = svgEl("rect", { x: (pad.l + i * bw).toFixed(2), y: pad.t, width: bw.toFixed(2), height: ih, class: "hit" });
    hit.append(svgEl("title", {}, d.label));
    g.append(hit);
    svg.append(g);
  });
  for (const [i, label] of ticks) {
    const x = pad.l + (i + 0.5) * bw;
    const anchor = i === 0 ? "start" : i === data.length - 1 ? "end" : "middle";
    svg.append(svgEl("text", { x: anchor === "start" ? pad.l : anchor === "end" ? width - pad.r : x, y: height - 6, class: "tick", "text-anchor": anchor }, label));
  }
  const legend = document.createElement("ul");
  legend.className = "chart-legend";
  legend.setAttribute("aria-hidden", "true");
  for (const s of series) {
    const li = document.createElement("li");
    const sw = svgEl("svg", { width: 12, height: 12, viewBox: "0 0 12 12" });
    sw.append(svgEl("rect", { width: 12, height: 12, rx: 2, class: s.cls }));
    li.append(sw, " " + s.name);
    legend.append(li);
  }
  box.replaceChildren(svg, ...(series.length > 1 ? [legend] : []));
  return svg;
}

function niceStep(max) {
  const raw = max / 4;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return Math.max(1, m * p);
  return Math.max(1, 10 * p);
}
