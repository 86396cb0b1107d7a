// The web app's entry: the page for this path, or a message saying what went wrong.
import { el, page, problem } from "./lib.js";
import * as pages from "./pages.js";

const ROUTES = [
  [/^\/$/, pages.overview],
  [/^\/map$/, pages.mapPage],
  [/^\/events$/, pages.eventsPage],
  [/^\/actors$/, pages.actorsPage],
  [/^\/actors\/(.+)$/, pages.actorPage],
  [/^\/places\/(\d+)$/, pages.placePage],
  [/^\/documents\/([^/]+)$/, pages.documentPage],
  [/^\/search$/, pages.searchPage],
  [/^\/paste$/, pages.pastePage],
  [/^\/briefing$/, pages.briefingPage],
];

async function main() {
  for (const a of document.querySelectorAll("header nav a")) {
    if (a.getAttribute("href") === location.pathname) a.setAttribute("aria-current", "page");
  }
  for (const [pattern, show] of ROUTES) {
    const match = location.pathname.match(pattern);
    if (!match) continue;
    try {
      await show(...match.slice(1).map(decodeURIComponent));
    } catch (error) {
      console.error(error); // for the browser tests, which fail on any console error
      page("Not available", problem(error.message));
    }
    document.body.dataset.ready = "1";
    return;
  }
  page("Not found", el("p", {}, "No page here."));
  document.body.dataset.ready = "1";
}

main();
