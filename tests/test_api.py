"""The REST API in-process (FastAPI's test client) over the demo store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import Settings, create_app
from marsad.store.db import Store
from marsad.store.queries import EventFilter, event_rows, stats

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(demo_store: Path) -> TestClient:
    return TestClient(create_app(Settings(demo_store)))


def test_stats_are_the_stores_counts(client: TestClient, demo_store: Path) -> None:
    answer = client.get("/api/stats")
    assert answer.status_code == 200
    with Store(demo_store, readonly=True) as store:
        assert answer.json() == json.loads(json.dumps(stats(store)))
    assert answer.json()["documents"] == 14


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/stats", "/api/stats", "/", "/static/app.js", "/api/documents/nothing"):  # a kept answer too
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_documents_are_listed_newest_first_and_searched_whatever_the_clitics(client: TestClient) -> None:
    listed = client.get("/api/documents", params={"limit": 5}).json()["items"]
    assert len(listed) == 5
    dates = [d["published"] for d in listed]
    assert dates == sorted(dates, reverse=True)
    second = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()["items"]
    assert not {d["id"] for d in listed} & {d["id"] for d in second}
    hits = client.get("/api/documents", params={"q": "بدرعا"}).json()["items"]  # the article says درعا
    assert hits and all("درعا" in h["snippet"] for h in hits)
    assert client.get("/api/documents", params={"q": "؟؟"}).status_code == 400  # nothing to search for


def test_one_document_with_spans_into_its_text(client: TestClient) -> None:
    doc_id = client.get("/api/documents", params={"q": "لافروف"}).json()["items"][0]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    text = doc["text"]
    assert doc["mentions"] and doc["events"]
    for m in doc["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    for e in doc["events"]:
        for t in e["triggers"]:
            assert text[t["start"] : t["end"]] == t["text"]
        assert e["id"] in doc["stories"]
    assert "tokens" not in doc
    missing = client.get("/api/documents/0000000000000000")
    assert missing.status_code == 404 and "no document" in missing.json()["detail"]


def test_events_as_json_csv_and_geojson(client: TestClient, demo_store: Path) -> None:
    with Store(demo_store, readonly=True) as store:
        expected = event_rows(store, EventFilter(limit=None))
    items = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert [(e["doc_id"], e["id"]) for e in items] == [(r["doc_id"], r["id"]) for r in expected]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"limit": 500, "format": "csv"}).text)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in items]
    collection = client.get("/api/events", params={"limit": 500, "format": "geojson"}).json()
    located = [e for e in items if e["latitude"] is not None]
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(located) > 0
    assault = client.get("/api/events", params={"type": "assault"}).json()["items"]
    assert assault and all(e["event_type"] == "ASSAULT" for e in assault)
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()["items"]
    assert [e["event_id"] for e in page] == [e["event_id"] for e in items[1:3]]


@pytest.mark.parametrize(
    "params",
    [{"since": "yesterday"}, {"limit": 0}, {"limit": 10_000}, {"country": "Syria"}, {"format": "xml"}, {"offset": -1}],
)
def test_bad_event_filters_are_a_422_with_a_message(client: TestClient, params: dict[str, object]) -> None:
    answer = client.get("/api/events", params=params)
    assert answer.status_code == 422
    assert answer.json()["detail"]


def test_actors_and_an_actors_profile(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 20}).json()["items"]
    assert actors and all(a["key"] for a in actors)
    acting = next(a for a in actors if a["events"])
    profile = client.get(f"/api/actors/{acting['key']}").json()
    assert profile["name"] == acting["name"] and profile["events_total"] == acting["events"]
    assert profile["events"] and all(e["role"] in ("actor", "recipient") for e in profile["events"])
    assert all(c["key"] != acting["key"] for c in profile["counterparts"])
    by_key = client.get("/api/events", params={"actor": acting["key"], "limit": 500}).json()["items"]
    assert {e["event_id"] for e in profile["events"]} <= {e["event_id"] for e in by_key}
    assert client.get("/api/actors/nobody-at-all").status_code == 404
    assert client.get("/api/actors/a|b").status_code == 400  # a key is an id or NAME|COUNTRY|SECTOR


def test_places_and_a_place(client: TestClient) -> None:
    places = client.get("/api/places").json()["items"]
    assert places and places[0]["documents"] >= places[-1]["documents"]
    first = client.get(f"/api/places/{places[0]['geonameid']}").json()
    assert first["name"] == places[0]["name"] and first["documents"] == places[0]["documents"]
    assert client.get("/api/places/1").status_code == 404
    assert client.get("/api/places/99999999999999999999").status_code == 422


def test_a_briefing_links_every_claim_to_its_evidence(client: TestClient) -> None:
    briefing = client.get("/api/briefing", params={"country": "SYR"}).json()
    assert briefing["events_total"] > 0 and briefing["main_events"]
    for e in briefing["main_events"] + briefing["located"]:
        assert e["doc_id"] and e["id"] and e["trigger"]
    for q in briefing["quotes"]:
        doc = client.get(f"/api/documents/{q['doc_id']}").json()
        assert doc["text"][q["start"] : q["end"]] == q["text"]
    assert client.get("/api/briefing").status_code == 400


def test_extract_analyses_one_article_and_stores_nothing(client: TestClient, example_text: str) -> None:
    before = client.get("/api/stats").json()["documents"]
    answer = client.post("/api/extract", json={"text": example_text, "published": "2018-05-01"})
    assert answer.status_code == 200
    doc = answer.json()
    assert doc["events"] and doc["actors"] and doc["published"] == "2018-05-01"
    assert client.get("/api/stats").json()["documents"] == before
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    assert client.post("/api/extract", json={"text": "x", "published": "May 1"}).status_code == 422
    as_json = {"content-type": "application/json"}
    assert client.post("/api/extract", content=b"{not json", headers=as_json).status_code == 422
    refused = client.post("/api/extract", content=b'{"text": "\\ud800"}', headers=as_json)  # a lone surrogate
    assert refused.status_code in (400, 422) and "Unicode" in refused.text


def test_request_bodies_over_the_limit_are_refused(demo_store: Path) -> None:
    small = TestClient(create_app(Settings(demo_store, max_body=1000)))
    answer = small.post("/api/extract", json={"text": "ن" * 2000})
    assert answer.status_code == 413 and "larger than 1000 bytes" in answer.json()["detail"]

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(10):
            yield b"x" * 500

    streamed = small.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_writes_need_the_token(demo_store: Path, tmp_path: Path, example_text: str) -> None:
    copy = tmp_path / "copy.db"
    with Store(demo_store, readonly=True) as source:
        source.conn.execute("VACUUM INTO ?", (str(copy),))
    article = {"text": example_text, "published": "2018-05-01", "title": "ليبيا وروسيا"}
    read_only = TestClient(create_app(Settings(copy)))
    assert read_only.post("/api/documents", json=article).status_code == 403
    writable = TestClient(create_app(Settings(copy, token=TOKEN)))
    assert writable.post("/api/documents", json=article).status_code == 401
    wrong = writable.post("/api/documents", json=article, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401
    stored = writable.post("/api/documents", json=article, headers={"authorization": f"Bearer {TOKEN}"})
    assert stored.status_code == 201 and stored.json()["stored"] is True
    again = writable.post("/api/documents", json=article, headers={"authorization": f"Bearer {TOKEN}"})
    assert again.json() == {"id": stored.json()["id"], "stored": False}
    assert writable.get("/api/stats").json()["documents"] == 15  # the cache saw the new document
    assert writable.get(f"/api/documents/{stored.json()['id']}").json()["title"] == "ليبيا وروسيا"


def test_a_query_past_its_time_limit_is_a_503(demo_store: Path) -> None:
    slow = TestClient(create_app(Settings(demo_store, query_seconds=0.0)))
    answer = slow.get("/api/briefing", params={"country": "SYR"})
    assert answer.status_code == 503 and "longer than" in answer.json()["detail"]


def test_pages_and_vendored_files_are_served(client: TestClient) -> None:
    for path in ("/", "/map", "/events", "/actors", "/actors/x", "/documents/abc", "/places/1", "/paste", "/briefing"):
        answer = client.get(path)
        assert answer.status_code == 200 and answer.text.startswith("<!doctype html>")
    for path in ("leaflet/leaflet.js", "echarts/echarts.common.min.js", "cytoscape/cytoscape.min.js",
                 "world-atlas/countries-50m.json", "topojson-client/topojson-client.min.js"):  # fmt: skip
        assert client.get(f"/static/vendor/{path}").status_code == 200
    assert client.get("/static/../api/app.py").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "marsad"


def test_a_missing_or_foreign_database_is_refused(tmp_path: Path) -> None:
    from marsad.store.schema import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(Settings(tmp_path / "none.db"))
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError):
        create_app(Settings(foreign))


def test_a_kept_answer_is_the_computed_one(demo_store: Path) -> None:
    kept = TestClient(create_app(Settings(demo_store)))
    fresh = TestClient(create_app(Settings(demo_store, cache_bytes=0)))
    for path in ("/api/events?limit=7&type=ASSAULT", "/api/actors?limit=5", "/api/events?format=csv&limit=3"):
        first, second, computed = kept.get(path), kept.get(path), fresh.get(path)
        assert first.content == second.content == computed.content
        assert second.headers["content-type"] == computed.headers["content-type"]
