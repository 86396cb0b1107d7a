// Maps with no tiles and no network: country outlines from the vendored world atlas (Natural
// Earth via world-atlas) under the located events, one dot per event, coloured by type.
import { colour, el, evidenceHref } from "./lib.js";

let world = null; // the outlines, fetched once per page

async function outlines() {
  if (!world) {
    const topology = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
    world = topojson.feature(topology, topology.objects.countries);
  }
  return world;
}

export async function eventMap(container, events, { onClick, centre } = {}) {
  container.classList.add("map");
  const map = L.map(container, { worldCopyJump: true, preferCanvas: false, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  map.setView(centre || [28, 40], centre ? 6 : 3); // a view first: layers added to a map without one fail
  L.geoJSON(await outlines(), {
    style: { color: "#8a8f98", weight: 0.6, fillColor: "#eef0f3", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  const dots = [];
  for (const e of events) {
    if (e.latitude === null || e.longitude === null) continue;
    const dot = L.circleMarker([e.latitude, e.longitude], {
      radius: 6 + Math.min(8, Math.sqrt(e.dead || 0)),
      color: "#ffffff",
      weight: 1,
      fillColor: colour(e.event_type),
      fillOpacity: 0.85,
    });
    // the tooltip gets an element, not a string: Leaflet would read a string as HTML
    dot.bindTooltip(
      el("div", { class: "tip" },
        el("strong", {}, `${e.event_type} · ${e.date || "undated"}`),
        el("div", { dir: "auto" }, e.trigger || ""),
        el("div", { dir: "auto" }, [e.actor, e.recipient].filter(Boolean).join(" → ")),
        el("div", { dir: "auto", class: "muted" }, e.place || "")),
    );
    dot.on("click", () => (onClick ? onClick(e) : location.assign(evidenceHref(e.doc_id, e.id))));
    dot.addTo(map);
    dots.push(dot);
  }
  if (dots.length) map.fitBounds(L.featureGroup(dots).getBounds().pad(0.3), { maxZoom: 6 });
  container.dataset.dots = String(dots.length);
  return map;
}

export function legend(types) {
  return el("div", { class: "legend" },
    types.map((t) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour(t);
      return el("span", {}, swatch, t);
    }));
}
