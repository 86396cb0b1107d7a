"""The web app end to end in headless Chromium (Debian's chromium driven by Playwright; never a
downloaded browser) over the demo store served on the loopback address. Screenshots and the
briefing's PDF are kept in test-artifacts/."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it where it runs as root)"
)
ARTIFACTS = ROOT / "test-artifacts"
APP_SCRIPTS = 5  # the script elements of index.html: four vendored libraries and the app


@pytest.fixture(scope="module")
def server(demo_store: Path) -> Iterator[str]:
    import uvicorn

    from marsad.api.app import Settings, create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(demo_store)), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


def get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page and what it did: console errors, uncaught exceptions, dialogs, requests leaving the app."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready]", timeout=30_000)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside
        assert self.dialogs == [], self.dialogs

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def watched(browser: Any, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    w = Watched(page, server)
    page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: w.errors.append(str(e)))
    page.on("dialog", lambda d: (w.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith((server, "data:")) else w.outside.append(r.url))
    yield w
    context.close()


def _pages(base: str) -> dict[str, str]:
    actor = next(a["key"] for a in get(base, "/api/actors?limit=50")["items"] if a["events"])
    place = get(base, "/api/places?limit=1")["items"][0]["geonameid"]
    event = get(base, "/api/events?limit=1")["items"][0]
    return {
        "overview": "/",
        "map": "/map",
        "events": "/events",
        "actors": "/actors",
        "actor": f"/actors/{actor}",
        "place": f"/places/{place}",
        "reader": f"/documents/{event['doc_id']}?event={event['id']}",
        "search": "/search?q=" + urllib.request.quote("درعا"),
        "paste": "/paste",
        "briefing": "/briefing?country=SYR",
    }


PAGE_NAMES = ["overview", "map", "events", "actors", "actor", "place", "reader", "search", "paste", "briefing"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_loads_with_no_error_and_no_request_leaving_the_app(watched: Watched, name: str) -> None:
    page = watched.open(_pages(watched.base)[name])
    assert page.locator("h1").inner_text() not in ("Not available", "Not found")
    watched.shot(f"page-{name}")
    watched.clean()


def test_the_map_shows_the_demo_events(watched: Watched) -> None:
    located = get(watched.base, "/api/events?format=geojson&limit=500")["features"]
    page = watched.open("/map")
    assert len(located) > 0
    assert page.locator("path.leaflet-interactive").count() == len(located)
    assert page.locator("#map").get_attribute("data-dots") == str(len(located))
    watched.clean()


def test_a_click_on_a_map_dot_opens_the_reader_with_the_trigger_highlighted(watched: Watched) -> None:
    page = watched.open("/map")
    page.locator("path.leaflet-interactive").last.click(force=True)
    page.wait_for_url("**/documents/*?event=*")
    page.wait_for_selector("body[data-ready]")
    doc_id = page.url.split("/documents/")[1].split("?")[0]
    event_id = page.url.split("event=")[1]
    doc = get(watched.base, f"/api/documents/{doc_id}")
    event = next(e for e in doc["events"] if e["id"] == event_id)
    focused = page.locator(".trigger.focus")
    assert focused.count() >= 1
    assert "".join(focused.all_inner_texts()) == "".join(t["text"] for t in event["triggers"])
    assert focused.first.is_visible()
    watched.shot("map-click-reader")
    watched.clean()


def test_the_paste_page_analyses_an_article(watched: Watched, example_text: str) -> None:
    page = watched.open("/paste")
    page.fill("textarea[name=text]", example_text)
    page.fill("input[name=published]", "2018-05-01")
    page.click("button[type=submit]")
    page.wait_for_selector("#result .article", timeout=60_000)
    assert page.locator("#result .trigger").count() > 0
    assert page.locator("#result .m-PER").count() > 0
    assert "أحمد المسماري" in page.locator("#result .article").inner_text()
    watched.shot("paste-result")
    watched.clean()


def test_the_briefing_prints_to_pdf(watched: Watched) -> None:
    page = watched.open("/briefing?country=SYR")
    assert page.locator(".main-events li").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "briefing-SYR.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    watched.clean()


def test_hostile_articles_run_no_script(watched: Watched) -> None:
    hostile = get(watched.base, "/api/documents?q=" + urllib.request.quote("لافروف"))["items"]
    hostile += get(watched.base, "/api/documents?q=" + urllib.request.quote("درعا"))["items"]
    assert len(hostile) >= 2
    paths = ["/", "/events", "/search?q=" + urllib.request.quote("درعا"), "/briefing?country=SYR"]
    paths += [f"/documents/{h['id']}" for h in hostile]
    for path in paths:
        page = watched.open(path)
        for link in page.locator("main a").all()[:40]:
            link.hover()  # handlers in the data would fire on hover
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("script").count() == APP_SCRIPTS, path
        assert page.locator("[onerror], [onload], [onmouseover], iframe").count() == 0, path
        assert page.locator('a[href^="javascript:" i]').count() == 0, path
    page = watched.open(f"/documents/{hostile[0]['id']}")
    assert "<script>" in page.locator(".article").inner_text()  # shown as text, not run
    watched.shot("hostile-reader")
    watched.clean()
