"""The store: ingest, idempotence, full-text search, near-duplicates, stories, queries, exports."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from pathlib import Path

import pytest

from marsad.corpus import ingest
from marsad.ingest import Read
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.stages import DEFAULT_STAGES
from marsad.store.db import Store
from marsad.store.export import FLAT_COLUMNS, export
from marsad.store.queries import EventFilter, QueryError, document, event_rows, search, stats, top_actors
from marsad.store.rows import stored_document
from marsad.store.schema import SCHEMA_VERSION, StoreError

# one attack told by two articles in their own words
ATTACK_A = "قتل مسلحون مجهولون جنديين في هجوم على حاجز أمني بمدينة درنة الليبية أمس الأربعاء، بحسب مصدر عسكري."
ATTACK_B = "أعلن الجيش الليبي مقتل اثنين من عناصره في هجوم شنه مسلحون على نقطة تفتيش في درنة أمس."
PROTEST = "تظاهر مئات الطلاب في وسط العاصمة تونس أمس احتجاجا على ارتفاع الأسعار، ورفعوا لافتات تطالب الحكومة بالتراجع."


def _reads(*texts: str, published: str = "2018-07-26") -> list[Read]:
    return [Read(f"test:{n}", Document(text=t, published=published, source="test")) for n, t in enumerate(texts, 1)]


def _ingest(store: Store, reads: list[Read]) -> tuple[int, int, list[str]]:
    problems: list[str] = []
    summary = ingest(reads, store, stages=DEFAULT_STAGES, workers=1, progress=False, report=problems.append)
    return summary.stored, summary.duplicates, problems


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> Path:
    path = tmp_path_factory.mktemp("store") / "marsad.db"
    with Store(path) as store:
        # the attack a year after the example article, whose own attack in Derna is another
        reads = _reads(example_text) + _reads(ATTACK_A, ATTACK_B, PROTEST, published="2019-03-14")
        stored, duplicates, problems = _ingest(store, reads)
    assert (stored, duplicates, problems) == (4, 0, [])
    return path


def test_a_new_store_has_the_newest_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a marsad store"):
        Store(other)
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this marsad"):
        Store(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a marsad store"):
        Store(junk)
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_ingesting_the_same_input_twice_stores_nothing_new(filled: Path, example_text: str) -> None:
    with Store(filled) as store:
        before = stats(store)
        stored, duplicates, _ = _ingest(store, _reads(example_text, ATTACK_A, ATTACK_A))
        assert (stored, duplicates) == (0, 3)
        assert stats(store) == before


def test_a_stored_document_comes_back_with_every_record(filled: Path, example_text: str) -> None:
    with Store(filled, readonly=True) as store:
        doc_id = Document(text=example_text).id
        doc = document(store, doc_id)
    assert doc.text == example_text
    assert len(doc.events) >= 10 and all(doc.text[e.triggers[0].start : e.triggers[0].end] for e in doc.events)
    assert doc.published is not None and doc.published.isoformat() == "2018-07-26"
    with Store(filled, readonly=True) as store, pytest.raises(QueryError):
        document(store, "0" * 16)


def test_search_finds_a_word_whatever_clitics_it_carries(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        hits = search(store, "درنة")
        texts = {h.doc_id: store.conn.execute("SELECT text FROM documents WHERE id = ?", (h.doc_id,)).fetchone()[0]
                 for h in hits}  # fmt: skip
    assert Document(text=ATTACK_A).id in texts and Document(text=ATTACK_B).id in texts
    for hit in hits:
        text = texts[hit.doc_id]
        assert "درنة" in text[hit.start : hit.end]  # بدرنة، درنة، لدرنة: the original word
        assert f"[{text[hit.start : hit.end]}]" in hit.snippet


def test_search_phrases_and_empty_queries(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        assert [Document(text=ATTACK_A).id] == [h.doc_id for h in search(store, '"حاجز أمني"')]
        assert search(store, "كلمةلاتوجد") == []
        with pytest.raises(QueryError):
            search(store, " ، . ")


def test_one_attack_told_by_two_articles_is_one_story(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        rows = event_rows(store, EventFilter(type="ASSAULT", place="87205", since="2019-01-01"))
        stories = {r["story_id"] for r in rows}
        told = {r["doc_id"] for r in rows}
        assert len(stories) == 1 and told == {Document(text=ATTACK_A).id, Document(text=ATTACK_B).id}
        assert store.conn.execute("SELECT sources FROM stories WHERE id = ?", tuple(stories)).fetchone()[0] == 2
        protest = event_rows(store, EventFilter(type="PROTEST"))
        assert protest and protest[0]["story_id"] not in stories


def test_near_duplicates_share_a_cluster(tmp_path: Path) -> None:
    base = ATTACK_A + " " + PROTEST + " وأكد المصدر أن الهجوم هو الثالث من نوعه خلال شهر في المدينة."
    copy = base.replace("الثالث", "الرابع")  # republished with one word changed: another text, the same article
    with Store(tmp_path / "d.db") as store:
        _ingest(store, _reads(base, copy, ATTACK_B))
        clusters = dict(store.conn.execute("SELECT id, cluster_id FROM documents").fetchall())
    first, second = Document(text=base).id, Document(text=copy).id
    assert clusters[first] == clusters[second] == first
    assert clusters[Document(text=ATTACK_B).id] is None


def test_opening_a_version_2_store_recomputes_its_signatures(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        _ingest(store, _reads(ATTACK_A, PROTEST))
        signatures = dict(store.conn.execute("SELECT id, minhash FROM documents").fetchall())
        # as schema 2 left them: signatures of another hashing
        store.conn.execute("UPDATE documents SET minhash = zeroblob(256)")
        store.conn.execute("PRAGMA user_version = 2")
        store.conn.commit()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert dict(store.conn.execute("SELECT id, minhash FROM documents").fetchall()) == signatures
        stored, duplicates, _ = _ingest(store, _reads(ATTACK_A + " "))  # the same text: a near-duplicate
        cluster = store.conn.execute("SELECT cluster_id FROM documents WHERE id = ?", (Document(text=ATTACK_A).id,))
        assert (stored, duplicates, cluster.fetchone()[0]) == (1, 0, Document(text=ATTACK_A).id)


def test_event_filters(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        everything = event_rows(store, EventFilter(limit=None))
        assert len(everything) >= 12
        assert all(r["type"] == "ASSAULT" for r in event_rows(store, EventFilter(type="assault")))
        russia = event_rows(store, EventFilter(country="RUS", limit=None))
        assert russia and len(russia) < len(everything)
        assert event_rows(store, EventFilter(since="2018-07-26", until="2018-07-26", limit=None))
        assert {r["date"] for r in event_rows(store, EventFilter(since="2019-01-01"))} == {"2019-03-13"}
        assert event_rows(store, EventFilter(since="2020-01-01")) == []
        assert len(event_rows(store, EventFilter(limit=2))) == 2
        with pytest.raises(QueryError):
            event_rows(store, EventFilter(since="yesterday"))


def test_top_actors_and_stats(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        actors = top_actors(store, 5)
        counts = stats(store)
    assert actors and actors[0]["documents"] >= 1 and len(actors) <= 5
    assert counts["documents"] == 4 and counts["events"] >= 14
    assert counts["events_by_type"]["ASSAULT"] >= 2 and counts["stories_with_several_sources"] >= 1


def test_exports_read_back(filled: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Store(filled, readonly=True) as store:
        total = len(event_rows(store, EventFilter(limit=None)))
        out = io.StringIO()
        assert export(store, "plover", out) == total
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        assert export(store, "csv", tmp_path / "e.csv") == total
        assert export(store, "parquet", tmp_path / "e.parquet") == total
        assert export(store, "geojson", tmp_path / "e.geojson") == total
    assert len(records) == total and all(r["story_id"] and r["doc"]["id"] for r in records)
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert len(rows) == total and list(rows[0]) == [c for c, _ in FLAT_COLUMNS]
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == total and table.schema.field("geonameid").type == "int64"
    assert sorted(table.column("event_id").to_pylist()) == sorted(r["event_id"] for r in rows)
    features = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"]
    assert features and all(f["properties"]["latitude"] == f["geometry"]["coordinates"][1] for f in features)
    assert len(features) == sum(1 for r in rows if r["latitude"])


def test_a_failing_document_is_skipped_and_the_rest_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.corpus

    real = marsad.corpus.stored_document

    def fragile(doc: Document) -> object:
        if "احتجاجا" in doc.text:
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(marsad.corpus, "stored_document", fragile)
    with Store(tmp_path / "f.db") as store:
        stored, _, problems = _ingest(store, _reads(ATTACK_A, PROTEST, ATTACK_B))
    assert stored == 2 and len(problems) == 1 and problems[0].startswith("test:2: analysis failed: RuntimeError")


def test_a_document_that_fails_midway_leaves_nothing_and_the_batch_is_kept(tmp_path: Path) -> None:
    pipeline = Pipeline.default()
    good, bad = (stored_document(pipeline(r.document)) for r in _reads(ATTACK_A, PROTEST) if r.document)
    broken_events = [row[:-1] for row in bad.tables["events"]]  # a column short: the insert fails
    bad = dataclasses.replace(bad, tables={**bad.tables, "events": broken_events})
    path = tmp_path / "batch.db"
    with Store(path) as store:
        assert store.add(good)
        with pytest.raises(sqlite3.Error):
            store.add(bad)
        assert bad.id not in store
    with sqlite3.connect(path) as conn:  # the good document, added before, was committed on close
        assert [r[0] for r in conn.execute("SELECT id FROM documents")] == [good.id]
        for table in ("mentions", "events", "participants", "sentences"):
            docs = {r[0] for r in conn.execute(f"SELECT doc_id FROM {table}")}
            assert docs == {good.id}, table
    with Store(path) as store:  # and the failed one stores whole when it is right
        assert store.add(stored_document(pipeline(_reads(PROTEST)[0].document)))  # type: ignore[arg-type]
        store.commit()  # search sees what is committed
        assert [h.doc_id for h in search(store, "الطلاب")] == [bad.id]


def test_the_record_columns_are_the_store_tables_columns(tmp_path: Path) -> None:
    from marsad.store.rows import RECORD_COLUMNS

    with Store(tmp_path / "s.db") as store:
        for name, columns in RECORD_COLUMNS.items():
            stored = [row[1] for row in store.conn.execute(f"PRAGMA table_info({name})")]
            assert stored == [c for c, _ in columns], name


def test_assign_stories_gives_the_stores_stories(filled: Path) -> None:
    from marsad.store.stories import StoryEvent, assign_stories

    with Store(filled, readonly=True) as store:
        rows = store.conn.execute(
            "SELECT e.doc_id, e.id, e.type, e.date, e.geonameid, e.story_id FROM events e"
            " JOIN documents d ON d.id = e.doc_id ORDER BY d.rowid, CAST(substr(e.id, 2) AS INTEGER)"
        ).fetchall()
        codes: dict[tuple[str, str], set[str]] = {}
        for doc_id, event_id, country, sector, kb in store.conn.execute(
            "SELECT doc_id, event_id, country, sector, kb_id FROM participants WHERE role = 'actor'"
        ):
            codes.setdefault((doc_id, event_id), set()).add(kb or f"{country or '-'}|{sector or '-'}")
    events = [StoryEvent(d, e, t, day, g, frozenset(codes.get((d, e), ()))) for d, e, t, day, g, _ in rows]
    assert assign_stories(events) == {(d, e): story for d, e, _, _, _, story in rows}
    assert len(set(assign_stories(events).values())) < len(events)  # some events share a story
