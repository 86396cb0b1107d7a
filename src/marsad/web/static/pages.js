// The app's pages, one function each; app.js picks one by the path.
import { chartBox, network, timeline } from "./charts.js";
import {
  EVENT_TYPES, actorHref, api, ar, counts, el, eventsTable, evidenceHref, form, link, page, params, problem,
  query, quoteHref, table,
} from "./lib.js";
import { eventMap, legend } from "./map.js";
import { reader, scrollToFocus } from "./reader.js";

const FILTERS = [
  ["type", "type", EVENT_TYPES],
  ["country", "country (ISO3)"],
  ["actor", "actor"],
  ["place", "place"],
  ["since", "since", "date"],
  ["until", "until", "date"],
];

function go(path, values) {
  location.assign(path + query(values));
}

export async function overview() {
  const [stats, events, actors, places] = await Promise.all([
    api("/api/stats"), api("/api/events?limit=10"), api("/api/actors?limit=10"), api("/api/places?limit=10"),
  ]);
  page("Overview",
    counts([
      ["documents", stats.documents], ["events", stats.events], ["actors", stats.actors], ["places", stats.places],
      ["quotes", stats.quotes], ["stories", stats.stories], ["first published", stats.published_first],
      ["last published", stats.published_last],
    ]),
    el("div", { class: "columns" },
      el("section", {}, el("h2", {}, "Top actors"),
        table(["actor", "country", "sector", "documents", "events"],
          actors.items.map((a) => [link(actorHref(a.key), ar(a.name)), a.country || "—", a.sector || "—", a.documents, a.events]))),
      el("section", {}, el("h2", {}, "Top places"),
        table(["place", "country", "documents", "events"],
          places.items.map((p) => [link(`/places/${p.geonameid}`, ar(p.name)), p.country || "—", p.documents, p.events])))),
    el("h2", {}, "Latest events"), eventsTable(events.items),
    el("h2", {}, "Events by type"),
    table(["type", "events"], Object.entries(stats.events_by_type).map(([t, n]) => [link(`/events?type=${t}`, t), n])));
}

export async function mapPage() {
  const values = params();
  const box = el("div", { class: "bigmap", id: "map" });
  const main = page("Map of events", form(FILTERS, values, (v) => go("/map", v)), legend(EVENT_TYPES), box);
  const collection = await api(`/api/events${query({ ...values, format: "geojson", limit: 500 })}`);
  const events = collection.features.map((f) => f.properties);
  main.append(el("p", { class: "muted" }, `${events.length} located events (at most 500, newest first). A click on a dot opens its evidence.`));
  await eventMap(box, events);
}

export async function eventsPage() {
  const values = params();
  const offset = Number(values.offset || 0);
  const limit = 50;
  const result = await api(`/api/events${query({ ...values, limit, offset })}`);
  const pager = el("p", { class: "pager" },
    offset > 0 ? link(`/events${query({ ...values, offset: Math.max(0, offset - limit) })}`, "← newer") : "",
    ` events ${offset + 1}–${offset + result.items.length} `,
    result.items.length === limit ? link(`/events${query({ ...values, offset: offset + limit })}`, "older →") : "");
  const downloads = el("p", {}, "Download: ",
    link(`/api/events${query({ ...values, format: "csv", limit: 500 })}`, "CSV"), " · ",
    link(`/api/events${query({ ...values, format: "geojson", limit: 500 })}`, "GeoJSON"), " · ",
    link(`/api/events${query({ ...values, limit: 500 })}`, "JSON"));
  page("Events", form(FILTERS, values, (v) => go("/events", v)), downloads, pager, eventsTable(result.items));
}

export async function actorsPage() {
  const values = params();
  const result = await api(`/api/actors${query({ country: values.country, limit: 200 })}`);
  page("Actors", form([["country", "country (ISO3)"]], values, (v) => go("/actors", v)),
    table(["actor", "latin", "country", "sector", "documents", "mentions", "events"],
      result.items.map((a) => [link(actorHref(a.key), ar(a.name)), a.kb_id || "", a.country || "—", a.sector || "—",
        a.documents, a.mentions, a.events])));
}

export async function actorPage(key) {
  const actor = await api(`/api/actors/${encodeURIComponent(key)}`);
  const chart = chartBox("events by month and type");
  const graph = chartBox("counterparts");
  page(actor.name,
    el("p", { class: "meta" }, actor.name_latin || "", ` [${actor.country || "-"} ${actor.sector || "-"}] `,
      actor.kb_id ? `knowledge base: ${actor.kb_id}` : "not in the knowledge base",
      " · ", link(`/briefing${query({ actor: key })}`, "briefing")),
    counts([["documents", actor.documents], ["mentions", actor.mentions], ["events", actor.events_total], ["quotes", actor.quotes.length]]),
    el("h2", {}, "Timeline"), chart,
    el("h2", {}, "Counterparts"), graph,
    table(["counterpart", "country", "sector", "it acts on them", "acted on by them"],
      actor.counterparts.map((c) => [link(actorHref(c.key), ar(c.name)), c.country || "—", c.sector || "—", c.it_acts_on, c.acted_on_by])),
    el("h2", {}, "Quotes"),
    el("ol", { class: "quotes" }, actor.quotes.map((q) => el("li", {}, ar(q.text, "blockquote"),
      el("span", { class: "muted" }, q.published || "", " "), link(quoteHref(q.doc_id, q.id), "evidence")))),
    el("h2", {}, "Events"), eventsTable(actor.events));
  if (actor.timeline.length) timeline(chart, actor.timeline.map((r) => ({ period: r.month, type: r.type, events: r.events })));
  else chart.replaceWith(el("p", { class: "muted" }, "No dated events."));
  if (actor.counterparts.length) network(graph, actor, actor.counterparts);
  else graph.replaceWith(el("p", { class: "muted" }, "No counterparts."));
}

export async function placePage(geonameid) {
  const place = await api(`/api/places/${encodeURIComponent(geonameid)}`);
  const events = await api(`/api/events${query({ place: geonameid, limit: 200 })}`);
  const box = el("div", { class: "smallmap" });
  page(place.name,
    el("p", { class: "meta" }, `GeoNames ${place.geonameid} · ${place.country || "-"} · ${place.resolution || ""} · `,
      `${place.lat?.toFixed(3)}, ${place.lon?.toFixed(3)}`, " · also written: ", ar(place.names.join("، "))),
    counts([["documents", place.documents], ["mentions", place.mentions], ...Object.entries(place.events_by_type)]),
    box, el("h2", {}, "Events here"), eventsTable(events.items));
  await eventMap(box, events.items, { centre: [place.lat, place.lon] });
}

export async function documentPage(docId) {
  const doc = await api(`/api/documents/${encodeURIComponent(docId)}`);
  page(doc.title || `Document ${doc.id}`, reader(doc, params()));
  scrollToFocus();
}

export async function searchPage() {
  const values = params();
  const box = el("input", { name: "q", dir: "rtl", lang: "ar", placeholder: "كلمات…", value: values.q || "" });
  const f = el("form", { class: "filters", action: "/search" }, box, el("button", { type: "submit" }, "Search"));
  const main = page("Search", f,
    el("p", { class: "muted" }, 'Every word must occur; clitics and spelling variants do not matter (درنة finds بدرنة); "quoted words" are a phrase.'));
  if (!values.q) return;
  const result = await api(`/api/documents${query({ q: values.q, limit: 50 })}`);
  main.append(el("p", {}, `${result.items.length} documents`),
    el("ol", { class: "hits" }, result.items.map((h) => el("li", {},
      link(`/documents/${encodeURIComponent(h.id)}`, ar(h.title || h.id)), " ", el("span", { class: "muted" }, h.published || ""),
      ar(h.snippet, "p")))));
}

export async function pastePage() {
  const text = el("textarea", { name: "text", dir: "rtl", lang: "ar", rows: 12, required: true, placeholder: "الصق نص المقال هنا" });
  const title = el("input", { name: "title", dir: "rtl", placeholder: "title (optional)" });
  const published = el("input", { name: "published", type: "date" });
  const out = el("div", { id: "result" });
  const f = el("form", { class: "paste" }, text, el("div", {}, title, " published ", published, " ",
    el("button", { type: "submit" }, "Analyse")));
  f.addEventListener("submit", async (event) => {
    event.preventDefault();
    out.replaceChildren(el("p", { class: "muted" }, "Analysing…"));
    try {
      const doc = await api("/api/extract", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: text.value, title: title.value || null, published: published.value || null }),
      });
      out.replaceChildren(el("h2", {}, doc.title || "Your article"), reader(doc));
    } catch (error) {
      out.replaceChildren(problem(error.message));
    }
  });
  page("Paste an article", el("p", { class: "muted" }, "The article is analysed and shown; nothing is stored."), f, out);
}

export async function briefingPage() {
  const values = params();
  const f = form([["country", "country (ISO3)"], ["actor", "actor key"], ["since", "since", "date"], ["until", "until", "date"]],
    values, (v) => go("/briefing", v));
  f.classList.add("no-print");
  if (!values.country && !values.actor) {
    page("Briefing", el("p", {}, "A printable briefing on a country or an actor over a date range: map, timeline, top actors, main events and key quotes, each linked to its evidence."), f);
    return;
  }
  const b = await api(`/api/briefing${query(values)}`);
  const subject = b.actor_name || b.country;
  const box = el("div", { class: "smallmap" });
  const chart = chartBox("events by day and type");
  const printButton = el("button", { type: "button", class: "no-print" }, "Print");
  printButton.addEventListener("click", () => print());
  page(`Briefing: ${subject}`, f, printButton,
    el("p", { class: "meta" }, `${b.since || "the first"} – ${b.until || "the last"} date · ${b.events_total} events${b.truncated ? " (the newest)" : ""}`),
    el("h2", {}, "Where"), box,
    el("h2", {}, "When"), chart,
    el("h2", {}, "Who"),
    table(["actor", "country", "events"], b.top_actors.map((a) => [link(actorHref(a.key), ar(a.name)), a.country || "—", a.events])),
    el("h2", {}, "Main events"),
    el("ol", { class: "main-events" }, b.main_events.map((e) => el("li", {},
      `${e.date || "undated"} · ${e.event_type} · `, ar(e.actor || "—"), " → ", ar(e.recipient || "—"),
      e.place ? [" · ", ar(e.place)] : "", e.dead ? ` · ${e.dead} dead` : "", ` · ${e.sources} source${e.sources > 1 ? "s" : ""} · `,
      link(evidenceHref(e.doc_id, e.id), "evidence")))),
    el("h2", {}, "Key quotes"),
    el("ol", { class: "quotes" }, b.quotes.map((q) => el("li", {}, link(actorHref(q.speaker_key), ar(q.speaker)), ": ",
      ar(q.text, "blockquote"), el("span", { class: "muted" }, q.published || "", " "), link(quoteHref(q.doc_id, q.id), "evidence")))));
  await eventMap(box, b.located);
  if (b.timeline.length) timeline(chart, b.timeline.map((r) => ({ period: r.date, type: r.type, events: r.events })));
  else chart.replaceWith(el("p", { class: "muted" }, "No events dated to the day."));
}
