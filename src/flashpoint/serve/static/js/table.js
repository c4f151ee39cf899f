// The event table and the provenance panel of one event.
import { el, clear, safeHref } from "./dom.js";
import { typeColor } from "./colors.js";

function typeTag(type) {
  const tag = el("span", { class: "type-tag", text: type });
  tag.style.backgroundColor = typeColor(type);
  return tag;
}

function actorName(actor) {
  return actor ? actor.name || actor.text || actor.code : "—";
}

export function drawTable(tbody, items, { onSelect, selected }) {
  clear(tbody);
  for (const event of items) {
    const row = el("tr", {
      class: event.event_id === selected ? "fp-row selected" : "fp-row",
      "data-event-id": event.event_id,
      tabindex: 0,
      onclick: () => onSelect(event.event_id),
      onkeydown: (e) => { if (e.key === "Enter") onSelect(event.event_id); },
    },
    el("td", { text: event.date || "undated" }),
    el("td", {}, typeTag(event.event_type)),
    el("td", { text: `${actorName(event.actor1)} → ${actorName(event.actor2)}` }),
    el("td", { text: event.location ? `${event.location.name}, ${event.location.country}` : "—" }),
    el("td", { text: event.fatalities ?? "" }),
    el("td", { text: event.source_count }),
    el("td", { class: "sentence", text: event.sentence }));
    tbody.append(row);
  }
}

function field(label, value) {
  if (value === null || value === undefined || value === "") return [];
  return [el("dt", { text: label }), el("dd", { text: value })];
}

function actorText(actor) {
  if (!actor) return null;
  const parts = [actor.code, actor.country, actor.sector, actor.org].filter(Boolean).join(", ");
  return `${actor.name} (${parts}) — read as “${actor.text}”`;
}

function placeText(place) {
  if (!place) return null;
  const where = [place.name, place.admin1, place.country].filter(Boolean).join(", ");
  const geo = place.geonameid ? `, GeoNames ${place.geonameid}` : "";
  return `${where} — ${place.lat.toFixed(4)}, ${place.lon.toFixed(4)} (${place.precision}${geo}); read as “${place.text}”`;
}

function sourceItem(source) {
  const href = source.url ? safeHref(source.url) : null;
  const heading = el("div", { class: "source-title" },
    el("strong", { text: source.title || "(untitled report)" }),
    source.source ? ` — ${source.source}` : "",
    source.published ? `, ${source.published}` : "");
  const link = source.url
    ? el("div", {}, href ? el("a", { href, rel: "noopener noreferrer", target: "_blank", text: source.url })
      : el("span", { text: source.url }))
    : null;
  return el("li", { class: "source" }, heading, link, el("blockquote", { text: source.sentence }));
}

export function drawDetail(container, event) {
  clear(container);
  container.append(
    el("h3", {}, typeTag(event.event_type), ` ${event.date || "undated"}`),
    el("h4", { text: "Sentence" }),
    el("blockquote", { class: "event-sentence", text: event.sentence }),
    el("dl", {},
      field("Event id", event.event_id),
      field("Date", event.date ? `${event.date} (${event.date_precision})` : "unknown"),
      field("CAMEO", event.cameo_code),
      field("ACLED", [event.acled_event_type, event.acled_sub_event_type].filter(Boolean).join(" / ")),
      field("Mode", event.mode),
      field("Modality", event.modality),
      field("Actor 1", actorText(event.actor1)),
      field("Actor 2", actorText(event.actor2)),
      field("Location", placeText(event.location)),
      field("Fatalities", event.fatalities),
      field("Injuries", event.injuries),
      field("Attribution", event.attribution),
      field("Confidence", event.confidence)),
    el("h4", { text: `Sources (${event.source_count})` }),
    el("ol", { class: "sources" }, event.sources.map(sourceItem)),
  );
}
