// The document reader: the article as written, with its mentions, times, quotes and event
// triggers highlighted as spans of the original text, details on hover, links to actor and place
// pages, and the records beside it. Spans may overlap; the text is cut at every span boundary
// and each piece carries the classes of the spans over it, so no markup is nested.
import { actorHref, ar, el, externalLink, link, typeBadge } from "./lib.js";

function actorKey(actor) {
  return actor.kb_id || `${actor.name}|${actor.country || ""}|${actor.sector || ""}`;
}

function spansOf(doc, focus) {
  const actorOf = new Map();
  for (const a of doc.actors) for (const m of a.mentions) actorOf.set(m, a);
  const placeOf = new Map();
  for (const p of doc.places) for (const m of p.mentions) placeOf.set(m, p);
  const spans = [];
  for (const m of doc.mentions) {
    const actor = actorOf.get(m.id);
    const place = placeOf.get(m.id);
    let href = null;
    let note = `${m.label}`;
    if (actor) {
      href = actorHref(actorKey(actor));
      note += ` · actor ${actor.name} [${actor.country || "-"} ${actor.sector || "-"}]`;
    } else if (place) {
      href = place.geonameid ? `/places/${place.geonameid}` : null;
      note += ` · place ${place.name} (${place.country || "-"}, ${place.resolution || "-"})`;
    }
    spans.push({ start: m.start, end: m.end, cls: `m m-${m.label}`, note, href });
  }
  for (const t of doc.times) spans.push({ start: t.start, end: t.end, cls: "time", note: `time · ${t.value || "unresolved"}` });
  for (const q of doc.quotes) {
    const focused = focus.quote === q.id;
    spans.push({ start: q.start, end: q.end, cls: focused ? "quote focus" : "quote", note: `quote ${q.id} (${q.kind})`, id: focused ? "focus" : null });
    if (q.cue) spans.push({ start: q.cue.start, end: q.cue.end, cls: "cue", note: `cue of quote ${q.id}` });
  }
  for (const e of doc.events) {
    const focused = focus.event === e.id;
    if (focused) spans.push({ start: e.sentence.start, end: e.sentence.end, cls: "focus-sentence", note: "" });
    for (const t of e.triggers) {
      spans.push({
        start: t.start, end: t.end, cls: focused ? "trigger focus" : "trigger",
        note: `event ${e.id} · ${e.type}${e.mode ? "/" + e.mode : ""} · ${e.date || "undated"}`, id: focused ? "focus" : null,
      });
    }
  }
  return spans;
}

export function highlighted(doc, focus = {}) {
  const text = doc.text;
  const spans = spansOf(doc, focus).filter((s) => s.start < s.end && s.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const body = el("div", { class: "article ar", dir: "rtl", lang: "ar" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!over.length) {
      body.append(piece);
      continue;
    }
    const href = over.find((s) => s.href)?.href;
    const node = el(href ? "a" : "span", {
      class: over.map((s) => s.cls).join(" "),
      title: over.map((s) => s.note).filter(Boolean).join("\n"),
      href,
      "data-start": a,
      "data-end": b,
    }, piece);
    if (over.some((s) => s.id === "focus")) node.dataset.focus = "1";
    body.append(node);
  }
  return body;
}

function participants(list) {
  return list.map((p) => `${p.text}${p.country ? ` [${p.country} ${p.sector || "-"}]` : ""}`).join("، ") || "—";
}

function sidebar(doc, focus) {
  const events = el("ol", { class: "records" },
    doc.events.map((e) => {
      const item = el("li", { id: `event-${e.id}`, class: focus.event === e.id ? "focused" : "" },
        typeBadge(e.type), ` ${e.mode || ""} `, el("span", { class: "muted" }, e.date || "undated"), el("br"),
        ar(participants(e.actor)), " → ", ar(participants(e.recipient)),
        e.size && e.size.dead !== null ? el("div", {}, `dead: ${e.size.dead}`) : null,
        el("div", { class: "muted" }, `trigger: `, ar(e.triggers.map((t) => t.text).join(" "))),
        link(`?event=${encodeURIComponent(e.id)}`, "show in text"));
      return item;
    }));
  const actors = el("ul", { class: "records" },
    doc.actors.map((a) => el("li", {}, link(actorHref(actorKey(a)), ar(a.name)), ` [${a.country || "-"} ${a.sector || "-"}] ×${a.mentions.length}`)));
  const places = el("ul", { class: "records" },
    doc.places.map((p) => el("li", {}, p.geonameid ? link(`/places/${p.geonameid}`, ar(p.name)) : ar(p.name), ` ${p.country || ""} ${p.resolution || ""}`)));
  const quotes = el("ol", { class: "records" },
    doc.quotes.map((q) => {
      const speaker = doc.actors.find((a) => a.id === q.speaker_actor);
      return el("li", { class: focus.quote === q.id ? "focused" : "" },
        speaker ? link(actorHref(actorKey(speaker)), ar(speaker.name)) : ar(q.speaker_phrase ? q.speaker_phrase.text : "unknown speaker"), ": ",
        ar(q.text.length > 160 ? q.text.slice(0, 160) + "…" : q.text), " ", link(`?quote=${encodeURIComponent(q.id)}`, "show"));
    }));
  return el("aside", { class: "side" },
    el("h2", {}, `Events (${doc.events.length})`), events,
    el("h2", {}, `Actors (${doc.actors.length})`), actors,
    el("h2", {}, `Places (${doc.places.length})`), places,
    el("h2", {}, `Quotes (${doc.quotes.length})`), quotes);
}

export function reader(doc, focus = {}) {
  const meta = el("p", { class: "meta" },
    doc.published ? `published ${doc.published}` : "undated", doc.source ? " · " : "", doc.source ? ar(doc.source) : "",
    doc.url ? " · " : "", doc.url ? externalLink(doc.url, "original") : "", ` · id ${doc.id}`);
  const legend = el("p", { class: "legend" },
    ["m-PER person", "m-ORG organisation", "m-LOC place", "m-NORP nationality", "m-TITLE title", "time time", "quote quote", "trigger event trigger"]
      .map((pair) => {
        const [cls, label] = pair.split(" ");
        return el("span", { class: cls }, label.replace("-", " "));
      }));
  const duplicates = doc.duplicates && doc.duplicates.length
    ? el("p", { class: "muted" }, `near-duplicates: `, doc.duplicates.map((d) => link(`/documents/${encodeURIComponent(d.id)}`, ar(d.title || d.id), " ")))
    : null;
  const view = el("div", { class: "reader" },
    el("div", {}, meta, legend, duplicates, highlighted(doc, focus)), sidebar(doc, focus));
  return view;
}

export function scrollToFocus() {
  const target = document.querySelector("[data-focus]");
  if (target) target.scrollIntoView({ block: "center" });
}
