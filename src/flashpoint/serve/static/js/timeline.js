// The timeline: stacked bars of events per period by type, and a dashed line of fatalities
// on its own scale (right axis).
import { svg, clear } from "./dom.js";
import { typeColor } from "./colors.js";

const W = 640, H = 260, M = { top: 12, right: 44, bottom: 40, left: 40 };

function niceMax(value) {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

export function stackByPeriod(data) {
  const byPeriod = new Map(data.periods.map((p) => [p, { period: p, total: 0, deaths: 0, parts: [] }]));
  for (const item of data.items) {
    const row = byPeriod.get(item.period);
    if (!row) continue;
    row.parts.push(item);
    row.total += item.events;
    row.deaths += item.fatalities;
  }
  return [...byPeriod.values()];
}

export function drawTimeline(container, data) {
  clear(container);
  const rows = stackByPeriod(data);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events and fatalities over time" });
  container.append(root);
  if (!rows.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", text: "No dated events" }));
    container.dataset.bars = "0";
    return;
  }
  const innerW = W - M.left - M.right, innerH = H - M.top - M.bottom;
  const maxEvents = niceMax(Math.max(...rows.map((r) => r.total)));
  const maxDeaths = niceMax(Math.max(...rows.map((r) => r.deaths)));
  const step = innerW / rows.length;
  const barW = Math.max(1, step * 0.8);
  const y = (v) => M.top + innerH - (v / maxEvents) * innerH;
  const yDeaths = (v) => M.top + innerH - (v / maxDeaths) * innerH;
  let bars = 0;
  const linePoints = [];
  rows.forEach((row, i) => {
    const x = M.left + i * step + (step - barW) / 2;
    let base = 0;
    for (const part of row.parts) {
      const top = y(base + part.events);
      root.append(svg("rect", {
        class: "fp-bar", x: x.toFixed(1), y: top.toFixed(1), width: barW.toFixed(1),
        height: (y(base) - top).toFixed(1), fill: typeColor(part.event_type),
        "data-period": row.period, "data-type": part.event_type, "data-events": part.events,
      }, svg("title", { text: `${row.period} ${part.event_type}: ${part.events} events, ${part.fatalities} killed` })));
      base += part.events;
      bars += 1;
    }
    linePoints.push(`${(x + barW / 2).toFixed(1)},${yDeaths(row.deaths).toFixed(1)}`);
  });
  root.append(svg("polyline", { class: "fatality-line", points: linePoints.join(" ") }));
  drawAxes(root, rows, { innerW, innerH, step, maxEvents, maxDeaths });
  container.dataset.bars = String(bars);
}

function drawAxes(root, rows, { innerW, innerH, step, maxEvents, maxDeaths }) {
  const axis = svg("g", { class: "axis" });
  const bottom = M.top + innerH;
  axis.append(svg("line", { x1: M.left, x2: M.left + innerW, y1: bottom, y2: bottom }));
  for (const f of [0, 0.5, 1]) {
    const yy = (M.top + innerH - f * innerH).toFixed(1);
    axis.append(svg("text", { x: M.left - 4, y: yy, "text-anchor": "end", "dominant-baseline": "middle", text: Math.round(f * maxEvents) }));
    axis.append(svg("text", { x: M.left + innerW + 4, y: yy, "dominant-baseline": "middle", text: Math.round(f * maxDeaths) }));
  }
  axis.append(svg("text", { x: 2, y: H - 4, text: "bars: events (left)" }));
  axis.append(svg("text", { x: W - 2, y: H - 4, "text-anchor": "end", text: "dashed: killed (right)" }));
  const every = Math.max(1, Math.ceil(rows.length / 8));
  rows.forEach((row, i) => {
    if (i % every) return;
    const x = M.left + i * step + step / 2;
    axis.append(svg("text", { x: x.toFixed(1), y: bottom + 14, "text-anchor": "middle", text: row.period }));
  });
  root.append(axis);
}
