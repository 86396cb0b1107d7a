// Shared helpers of the web app. Article text, titles and names are untrusted: every piece of
// data reaches the page as a text node or an attribute set through the DOM, never as HTML.

export const TYPE_COLOURS = {
  AGREE: "#2e7d32", AID: "#66bb6a", CONSULT: "#1e88e5", COOPERATE: "#26a69a",
  ACCUSE: "#ffb300", REJECT: "#fb8c00", THREATEN: "#e64a19", PROTEST: "#ab47bc",
  SANCTION: "#6d4c41", MOBILIZE: "#5c6bc0", COERCE: "#c62828", ASSAULT: "#b71c1c", RETREAT: "#78909c",
  REQUEST: "#00838f", SUPPORT: "#43a047", CONCEDE: "#9ccc65",
};
export const EVENT_TYPES = Object.keys(TYPE_COLOURS).sort();

export function colour(type) {
  return TYPE_COLOURS[type] || "#607d8b";
}

// el("a", {href: "/x", class: "c"}, "text", child…): an element with attributes and children
// (strings become text nodes). Attributes starting with "on" are refused: handlers are added in code.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) throw new Error(`no inline handlers (${name})`);
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Arabic (or any) text from the store, right-to-left where it is Arabic
export function ar(text, tag = "span") {
  return el(tag, { dir: "auto", class: "ar" }, text ?? "");
}

export function link(href, ...children) {
  return el("a", { href }, ...children);
}

// A URL from an article's metadata, as a link only when it is http(s): never javascript: or data:
export function externalLink(url, label) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", { href: parsed.href, rel: "noopener noreferrer", target: "_blank" }, label || parsed.href);
    }
  } catch (e) {
    /* not a URL: shown as text */
  }
  return el("span", { class: "muted" }, url);
}

export async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = typeof body === "object" && body ? body.detail : body;
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return body;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function params() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

export function actorHref(key) {
  return `/actors/${encodeURIComponent(key)}`;
}

export function evidenceHref(docId, eventId) {
  return `/documents/${encodeURIComponent(docId)}${eventId ? `?event=${encodeURIComponent(eventId)}` : ""}`;
}

export function quoteHref(docId, quoteId) {
  return `/documents/${encodeURIComponent(docId)}?quote=${encodeURIComponent(quoteId)}`;
}

export function page(title, ...children) {
  const main = document.getElementById("main");
  main.replaceChildren(el("h1", {}, title), ...children);
  document.title = `${title} · marsad`;
  return main;
}

export function problem(message) {
  return el("p", { class: "problem", role: "alert" }, message);
}

export function typeBadge(type) {
  const badge = el("span", { class: "badge" }, type);
  badge.style.background = colour(type);
  return badge;
}

export function table(headers, rows) {
  return el(
    "table",
    { class: "grid" },
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))),
  );
}

// The events table every page shares: one row per event, each with a link to its evidence
export function eventsTable(events) {
  if (!events.length) return el("p", { class: "muted" }, "No events.");
  return table(
    ["date", "type", "actor", "recipient", "place", "dead", "trigger", ""],
    events.map((e) => [
      e.date || "",
      typeBadge(e.event_type),
      ar(e.actor || "—"),
      ar(e.recipient || "—"),
      e.geonameid ? link(`/places/${e.geonameid}`, ar(e.place)) : ar(e.place || "—"),
      e.dead ?? "",
      ar(e.trigger),
      link(evidenceHref(e.doc_id, e.id), "evidence"),
    ]),
  );
}

export function form(fields, values, onSubmit) {
  const f = el("form", { class: "filters" });
  for (const [name, label, kind] of fields) {
    let input;
    if (Array.isArray(kind)) {
      input = el("select", { name }, el("option", { value: "" }, "any"), kind.map((k) => el("option", { value: k }, k)));
    } else {
      input = el("input", { name, type: kind || "text", placeholder: label });
    }
    if (values[name]) input.value = values[name];
    f.append(el("label", {}, `${label} `, input));
  }
  f.append(el("button", { type: "submit" }, "Apply"));
  f.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(f));
    onSubmit(data);
  });
  return f;
}

export function counts(pairs) {
  return el(
    "dl",
    { class: "counts" },
    pairs.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, v === null || v === undefined ? "—" : String(v)))),
  );
}
