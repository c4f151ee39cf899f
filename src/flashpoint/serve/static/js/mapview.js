// The event map: a vendored Natural Earth basemap (no tile server) and markers clustered on a
// screen grid, coloured by the dominant event type and sized by fatalities.
import { el } from "./dom.js";
import { typeColor } from "./colors.js";

const CELL_PX = 56;

export function createMap(container, { onSelect }) {
  const L = window.L;
  const map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([25, 20], 2);
  map.attributionControl.addAttribution("Natural Earth");
  const layer = L.layerGroup().addTo(map);
  let points = [];

  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then((r) => r.json())
    .then((topology) => {
      const land = window.topojson.feature(topology, topology.objects.countries);
      L.geoJSON(land, {
        interactive: false,
        style: { color: "#98a2b3", weight: 0.6, fillColor: "#f2f4f7", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    });

  function draw() {
    layer.clearLayers();
    const clusters = clusterPoints(map, points);
    for (const cluster of clusters) layer.addLayer(markerFor(L, map, cluster, onSelect));
    container.dataset.points = String(points.length);
    container.dataset.markers = String(clusters.length);
  }

  map.on("zoomend", draw);
  return {
    map,
    setPoints(items, { fit = false } = {}) {
      points = items;
      if (fit && items.length) {
        const bounds = L.latLngBounds(items.map(([, lat, lon]) => [lat, lon]));
        map.fitBounds(bounds.pad(0.2), { maxZoom: 6, animate: false });
      }
      draw();
    },
    bboxString() {
      const b = map.getBounds();
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(4);
      return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].join(",");
    },
  };
}

// Groups points whose screen positions fall into the same grid cell at the current zoom.
export function clusterPoints(map, points) {
  const cells = new Map();
  for (const [id, lat, lon, type, deaths] of points) {
    const p = map.project([lat, lon], map.getZoom());
    const key = `${Math.floor(p.x / CELL_PX)}:${Math.floor(p.y / CELL_PX)}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { ids: [], lat: 0, lon: 0, deaths: 0, types: new Map() };
      cells.set(key, cell);
    }
    cell.ids.push(id);
    cell.lat += lat;
    cell.lon += lon;
    cell.deaths += deaths;
    cell.types.set(type, (cell.types.get(type) || 0) + 1);
  }
  return [...cells.values()].map((c) => ({
    ids: c.ids,
    lat: c.lat / c.ids.length,
    lon: c.lon / c.ids.length,
    deaths: c.deaths,
    type: [...c.types.entries()].sort((a, b) => b[1] - a[1])[0][0],
  }));
}

function markerFor(L, map, cluster, onSelect) {
  const count = cluster.ids.length;
  const size = Math.round(Math.min(46, 12 + 3 * Math.sqrt(cluster.deaths) + (count > 1 ? 4 * Math.log2(count) : 0)));
  const dot = el("div", {
    class: count > 1 ? "fp-dot fp-marker fp-cluster" : "fp-dot fp-marker",
    "data-count": count,
    "data-type": cluster.type,
    "data-deaths": cluster.deaths,
    "data-event-id": count === 1 ? cluster.ids[0] : null,
    title: `${count} event${count > 1 ? "s" : ""}, ${cluster.deaths} killed; mostly ${cluster.type}`,
  }, count > 1 ? String(count) : "");
  dot.style.backgroundColor = typeColor(cluster.type);
  const icon = L.divIcon({ html: dot, className: "fp-icon", iconSize: [size, size] });
  const marker = L.marker([cluster.lat, cluster.lon], { icon, keyboard: false });
  marker.on("click", () => {
    if (count === 1 || map.getZoom() >= map.getMaxZoom()) onSelect(cluster.ids[0]);
    else map.setView([cluster.lat, cluster.lon], Math.min(map.getZoom() + 2, map.getMaxZoom()));
  });
  return marker;
}
