// The dashboard: one state (kept in the URL) drives the map, timeline, network and table.
import { getJSON, filterParams } from "./api.js";
import { el, clear } from "./dom.js";
import { EVENT_TYPES, typeColor } from "./colors.js";
import { emptyState, readState, writeState } from "./state.js";
import { createMap } from "./mapview.js";
import { drawTimeline } from "./timeline.js";
import { drawNetwork } from "./network.js";
import { drawTable, drawDetail } from "./table.js";

const PAGE = 25;
const $ = (id) => document.getElementById(id);
let state = readState();
let mapView = null;
let generation = 0; // answers to an older state are dropped

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function fillForm() {
  const form = $("filters");
  for (const key of ["start", "end", "country", "type", "actor", "q", "bbox"]) form.elements[key].value = state[key];
  $("interval").value = state.interval;
  $("use-map-area").textContent = state.bbox ? "Map area ✓" : "Map area";
}

function readForm() {
  const form = $("filters");
  const next = { ...state, offset: 0, event: "" };
  for (const key of ["start", "end", "country", "type", "actor", "q", "bbox"]) next[key] = form.elements[key].value.trim();
  next.country = next.country.toUpperCase();
  return next;
}

async function loadTable(gen) {
  const data = await getJSON("/api/events", filterParams(state, { limit: PAGE, offset: state.offset }));
  if (gen !== generation) return;
  drawTable($("events").tBodies[0], data.items, { onSelect: openEvent, selected: state.event });
  const first = data.total ? state.offset + 1 : 0;
  const last = state.offset + data.items.length;
  $("page").textContent = `${first}–${last} of ${data.total}`;
  $("table-note").textContent = `${data.total} matching`;
  $("prev").disabled = state.offset === 0;
  $("next").disabled = last >= data.total;
  $("events").dataset.total = String(data.total);
  return data.total;
}

async function loadMap(gen) {
  const data = await getJSON("/api/map", filterParams(state));
  if (gen !== generation) return;
  mapView.setPoints(data.items, { fit: !state.bbox }); // a map-area filter keeps the view
  $("map-note").textContent = data.truncated
    ? `(newest ${data.items.length} of ${data.total} located events)`
    : `(${data.total} located events)`;
}

async function loadTimeline(gen) {
  const data = await getJSON("/api/timeline", filterParams(state, { interval: state.interval }));
  if (gen !== generation) return;
  drawTimeline($("timeline"), data);
}

async function loadNetwork(gen) {
  const data = await getJSON("/api/actors/network", filterParams(state, { limit: 60 }));
  if (gen !== generation) return;
  drawNetwork($("network"), data, { onActor: (code) => apply({ ...state, actor: code, offset: 0, event: "" }) });
}

async function refresh() {
  const gen = ++generation;
  fillForm();
  setStatus("Loading…");
  document.body.dataset.ready = "false";
  const started = performance.now();
  try {
    const [total] = await Promise.all([loadTable(gen), loadMap(gen), loadTimeline(gen), loadNetwork(gen)]);
    if (gen !== generation) return;
    setStatus(`${total} events match · drawn in ${Math.round(performance.now() - started)} ms`);
    if (state.event) await showEvent(state.event);
    else $("detail").hidden = true;
  } catch (error) {
    if (gen === generation) setStatus(String(error.message || error), true);
  } finally {
    if (gen === generation) document.body.dataset.ready = "true";
  }
}

function apply(next) {
  state = next;
  writeState(state);
  refresh();
}

async function showEvent(id) {
  try {
    const event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    drawDetail($("detail-body"), event);
    $("detail").hidden = false;
    $("detail").dataset.eventId = event.event_id;
    for (const row of $("events").tBodies[0].rows) row.classList.toggle("selected", row.dataset.eventId === id);
  } catch (error) {
    setStatus(String(error.message || error), true);
  }
}

function openEvent(id) {
  state = { ...state, event: id };
  writeState(state);
  showEvent(id);
}

function closeEvent() {
  state = { ...state, event: "" };
  writeState(state);
  $("detail").hidden = true;
}

function fillTypes() {
  const select = $("filters").elements.type;
  for (const type of EVENT_TYPES) select.append(el("option", { value: type, text: type }));
  const legend = $("legend");
  for (const type of EVENT_TYPES) {
    const item = el("span", { text: type });
    item.style.setProperty("--swatch", typeColor(type));
    legend.append(item);
  }
}

async function fillCountries() {
  try {
    const stats = await getJSON("/api/stats");
    const list = clear($("countries"));
    for (const code of Object.keys(stats.by_country)) if (code !== "unknown") list.append(el("option", { value: code }));
  } catch {
    // The country list is a convenience; filters still work without it.
  }
}

function wire() {
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); apply(readForm()); });
  $("reset").addEventListener("click", () => apply(emptyState(state.interval)));
  $("use-map-area").addEventListener("click", () => {
    const next = readForm();
    next.bbox = state.bbox ? "" : mapView.bboxString();
    apply(next);
  });
  $("interval").addEventListener("change", () => apply({ ...state, interval: $("interval").value }));
  $("prev").addEventListener("click", () => apply({ ...state, offset: Math.max(0, state.offset - PAGE) }));
  $("next").addEventListener("click", () => apply({ ...state, offset: state.offset + PAGE }));
  $("close-detail").addEventListener("click", closeEvent);
  window.addEventListener("popstate", () => { state = readState(); refresh(); });
}

function start() {
  mapView = createMap($("map"), { onSelect: openEvent });
  wire();
  fillTypes();
  // The country list is a convenience: ask for it once the views are drawn, not before.
  refresh().then(fillCountries);
}

// Leaflet and topojson are classic deferred scripts: they have run before this module does.
start();
