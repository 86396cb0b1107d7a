// The timeline (echarts: events per period, stacked by type) and the network of counterparts
// (cytoscape). Names are drawn on canvas, never parsed as HTML.
import { actorHref, colour, el } from "./lib.js";

// rows: [{period, type, events}]
export function timeline(container, rows) {
  container.classList.add("chart");
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const types = [...new Set(rows.map((r) => r.type))].sort();
  const at = new Map(rows.map((r) => [`${r.period} ${r.type}`, r.events]));
  const chart = echarts.init(container, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 56 },
    xAxis: { type: "category", data: periods },
    yAxis: { type: "value", minInterval: 1 },
    series: types.map((t) => ({
      name: t,
      type: "bar",
      stack: "events",
      itemStyle: { color: colour(t) },
      data: periods.map((p) => at.get(`${p} ${t}`) || 0),
    })),
  });
  addEventListener("resize", () => chart.resize());
  return chart;
}

// the actor at the centre, its counterparts around it; an edge's width is how often they meet
export function network(container, centre, counterparts) {
  container.classList.add("network");
  const elements = [{ data: { id: centre.key, label: centre.name, centre: 1 } }];
  for (const c of counterparts) {
    elements.push({ data: { id: c.key, label: c.name } });
    elements.push({ data: { id: `e:${c.key}`, source: centre.key, target: c.key, weight: c.it_acts_on + c.acted_on_by } });
  }
  const cy = cytoscape({
    container,
    elements,
    maxZoom: 2,
    layout: { name: "concentric", concentric: (n) => (n.data("centre") ? 2 : 1), levelWidth: () => 1, animate: false },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#5c6bc0", width: 14, height: 14, color: "#222" } },
      { selector: "node[centre]", style: { "background-color": "#c62828", width: 22, height: 22, "font-weight": "bold" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 50, 1, 8)", "line-color": "#b0bec5" } },
    ],
  });
  cy.on("tap", "node", (event) => {
    const key = event.target.id();
    if (key !== centre.key) location.assign(actorHref(key));
  });
  container.dataset.nodes = String(elements.filter((e) => !e.data.source).length);
  return cy;
}

export function chartBox(label) {
  return el("div", { class: "box", "aria-label": label });
}
