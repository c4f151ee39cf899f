// The actor network: a small force layout (repulsion between all nodes, springs along dyads,
// a pull to the centre), computed once and drawn as SVG.
import { svg, clear } from "./dom.js";

const W = 640, H = 360;

// Fruchterman–Reingold: repulsion k²/d between every pair, attraction d²/k along each dyad
// (stronger for heavier dyads), displacement capped by a temperature that cools each step.
export function layout(nodes, edges, iterations = 300) {
  const n = Math.max(1, nodes.length);
  const k = 0.45 * Math.sqrt((W * H) / n);
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / n;
    return { x: W / 2 + (W / 4) * Math.cos(angle), y: H / 2 + (H / 4) * Math.sin(angle) };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target), e.events])
    .filter(([a, b]) => a !== undefined && b !== undefined);
  const maxWeight = Math.max(1, ...links.map((l) => l[2]));
  for (let t = 0; t < iterations; t++) {
    const temperature = (W / 10) * (1 - t / iterations) + 0.5;
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.5, Math.hypot(dx, dy));
        const f = (k * k) / d / d;
        disp[i].x += dx * f; disp[i].y += dy * f;
        disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const [a, b, w] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(0.5, Math.hypot(dx, dy));
      const f = (d / k) * (0.3 + 0.7 * (w / maxWeight));
      disp[a].x -= dx * f; disp[a].y -= dy * f;
      disp[b].x += dx * f; disp[b].y += dy * f;
    }
    pos.forEach((p, i) => {
      // gravity keeps unconnected parts of the graph on screen
      disp[i].x += (W / 2 - p.x) * 0.8; disp[i].y += (H / 2 - p.y) * 0.8;
      const d = Math.max(0.5, Math.hypot(disp[i].x, disp[i].y));
      const step = Math.min(d, temperature);
      p.x = Math.max(20, Math.min(W - 90, p.x + (disp[i].x / d) * step));
      p.y = Math.max(14, Math.min(H - 14, p.y + (disp[i].y / d) * step));
    });
  }
  return pos;
}

export function drawNetwork(container, data, { onActor }) {
  clear(container);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Actor network" });
  container.append(root);
  container.dataset.nodes = String(data.nodes.length);
  container.dataset.edges = String(data.edges.length);
  if (!data.nodes.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", text: "No dyads" }));
    return;
  }
  const pos = layout(data.nodes, data.edges);
  const at = new Map(data.nodes.map((n, i) => [n.id, pos[i]]));
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.events));
  const maxEvents = Math.max(1, ...data.nodes.map((n) => n.events));
  const edges = svg("g");
  for (const e of data.edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    edges.append(svg("line", {
      class: "net-edge", x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
      "stroke-width": (0.6 + 5 * (e.events / maxWeight)).toFixed(2),
      "data-source": e.source, "data-target": e.target, "data-events": e.events,
    }, svg("title", { text: `${e.source} → ${e.target}: ${e.events} events` })));
  }
  const nodes = svg("g");
  data.nodes.forEach((n, i) => {
    const r = 4 + 10 * Math.sqrt(n.events / maxEvents);
    nodes.append(svg("circle", {
      class: "fp-node", cx: pos[i].x.toFixed(1), cy: pos[i].y.toFixed(1), r: r.toFixed(1),
      fill: sectorColor(n.id), "data-id": n.id, "data-events": n.events,
      onclick: () => onActor(n.id),
    }, svg("title", { text: `${n.name} (${n.id}): ${n.events} events` })));
    nodes.append(svg("text", {
      class: "fp-node-label", x: (pos[i].x + r + 2).toFixed(1), y: (pos[i].y + 3).toFixed(1), text: n.name,
    }));
  });
  root.append(edges, nodes);
}

// Colour by the sector part of a CAMEO-style code (the three letters after the country).
function sectorColor(code) {
  const sector = code.length >= 6 ? code.slice(3, 6) : code;
  return { MIL: "#b42318", REB: "#dc6803", GOV: "#1570ef", CVL: "#039855", OPP: "#7a5af8", IGO: "#0e9384" }[sector]
    || (code.startsWith("IGO") ? "#0e9384" : "#667085");
}
