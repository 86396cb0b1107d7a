"""marsad on Apache Spark (local mode): the example corpus through `marsad spark`, bad records in
the rejects table, the same output from a re-run, and parity with the local store on 200 ANT
articles. Needs pyspark (the spark extra) and a Java runtime; skips with the reason otherwise."""

from __future__ import annotations

import gzip
import itertools
import json
import math
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, shared_path

pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'marsad[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java runtime: Spark needs one (make test installs it as root)", allow_module_level=True)

from marsad.cli import main  # noqa: E402
from marsad.spark.job import RECORD_TABLES, Options, run, session  # noqa: E402
from marsad.store.export import FLAT_COLUMNS  # noqa: E402
from marsad.store.rows import RECORD_COLUMNS  # noqa: E402

BAD_LINES = [
    b"{not json",
    b'{"text": ""}',
    b'["an array"]',
    b'{"text": "\xff\xfe \xd8\xa7 broken bytes"}',
    b'{"title": "no text at all"}',
]


@pytest.fixture(scope="module")
def spark() -> Any:
    s = session("local[2]")
    yield s
    s.stop()


def table(folder: Path, name: str) -> list[dict[str, Any]]:
    """A written table's rows (its month partition column dropped), in a stable order."""
    rows = pyarrow_parquet.read_table(folder / name).to_pylist()
    for row in rows:
        row.pop("month", None)
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def test_the_example_corpus_and_bad_records_through_marsad_spark(tmp_path: Path, capsys: Any) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_bytes((ROOT / "examples" / "ant-sample.jsonl").read_bytes() + b"\n".join(BAD_LINES) + b"\n")
    out = tmp_path / "out"
    status = main(["spark", "--input", str(source), "--output", str(out), "--master", "local[2]"])
    assert status == 3  # records were rejected; the others are written
    assert "read 17, documents 12" in capsys.readouterr().err
    documents = table(out, "documents")
    assert len(documents) == 12 and all(d["text"] and d["id"] for d in documents)
    events = table(out, "events")
    assert events and {e["doc_id"] for e in events} <= {d["id"] for d in documents}
    for e in events:
        doc = next(d for d in documents if d["id"] == e["doc_id"])
        assert doc["text"][e["trigger_start"] : e["trigger_end"]] == e["trigger"]
    mentions = table(out, "mentions")
    texts = {d["id"]: d["text"] for d in documents}
    assert mentions and all(texts[m["doc_id"]][m["start"] : m["end"]] == m["text"] for m in mentions)
    rejects = pyarrow_parquet.read_table(out / "rejects").to_pylist()
    reasons = sorted(r["reason"] for r in rejects)
    assert len(rejects) == 5
    assert any("not valid JSON" in r for r in reasons) and any("is empty" in r for r in reasons)
    assert any("expected a JSON object" in r for r in reasons) and any("UTF-8" in r for r in reasons)
    assert any("no text" in r for r in reasons)
    assert {r["origin"].rsplit("#", 1)[1] for r in rejects} == {"12", "13", "14", "15", "16"}  # their places
    months = {p.name for p in (out / "events").iterdir() if p.is_dir()}
    assert months and all(m.startswith("month=") for m in months)


def test_a_rerun_writes_the_same_tables(spark: Any, tmp_path: Path) -> None:
    source = ROOT / "examples" / "ant-sample.jsonl"
    first, second = tmp_path / "first", tmp_path / "second"
    run(spark, Options(str(source), str(first)))
    run(spark, Options(str(source), str(second)))
    for name in ("documents", *RECORD_TABLES, "events", "stories", "rejects"):
        assert table(first, name) == table(second, name), name


def test_text_files_one_article_each_and_their_rejects(spark: Any, tmp_path: Path, example_text: str) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(example_text, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(b"\x00\x01\x02 binary \xff")
    summary = run(spark, Options(str(folder), str(tmp_path / "out"), input_format="text", published=None))
    assert summary.documents == 1 and sum(summary.rejected.values()) == 2
    rejects = table(tmp_path / "out", "rejects")
    assert {Path(r["origin"]).name for r in rejects} == {"b.txt", "c.txt"}


def _ant_sample(tmp_path: Path, n: int) -> Path:
    ant = shared_path("data/news/ant/ant_v2.1_middleEast_internationalNews.jsonl.gz")
    sample = tmp_path / "ant200.jsonl"
    with gzip.open(ant, "rt", encoding="utf-8") as lines:
        picked = []
        for line in itertools.islice(lines, n):
            record = json.loads(line)
            picked.append(json.dumps({"text": record["text"], "published": record["time"], "source": record["src"]},
                                     ensure_ascii=False))  # fmt: skip
    sample.write_text("\n".join(picked) + "\n", encoding="utf-8")
    return sample


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float | int):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return bool(a == b)


@pytest.mark.slow
def test_spark_and_the_local_store_give_identical_records_for_200_articles(spark: Any, tmp_path: Path) -> None:
    from marsad.corpus import ingest
    from marsad.ingest import read_inputs
    from marsad.stages import DEFAULT_STAGES
    from marsad.store.db import Store
    from marsad.store.export import flat_event
    from marsad.store.queries import EventFilter, event_rows

    sample = _ant_sample(tmp_path, 200)
    db = tmp_path / "local.db"
    with Store(db) as store:
        ingest(read_inputs([str(sample)]), store, stages=DEFAULT_STAGES, workers=1, progress=False,
               report=lambda line: None)  # fmt: skip
    out = tmp_path / "spark"
    run(spark, Options(str(sample), str(out)))

    conn = sqlite3.connect(db)
    for name in RECORD_TABLES:
        columns = [c for c, _ in RECORD_COLUMNS[name]]
        local = sorted(
            (dict(zip(columns, row, strict=True)) for row in conn.execute(f"SELECT * FROM {name}")),
            key=lambda r: json.dumps(r, sort_keys=True, default=str),
        )
        remote = table(out, name)
        assert len(local) == len(remote), name
        for a, b in zip(local, remote, strict=True):
            assert all(_same(a[c], b[c]) for c in columns), (name, a, b)
    documents = {d["id"]: d for d in table(out, "documents")}
    local_docs = dict(conn.execute("SELECT id, cluster_id FROM documents").fetchall())
    assert set(documents) == set(local_docs)
    assert {i: d["cluster_id"] for i, d in documents.items()} == local_docs  # near-duplicates: the same clusters
    with Store(db, readonly=True) as store:
        local_events = sorted((flat_event(r) for r in event_rows(store, EventFilter(limit=None))),
                              key=lambda e: e["event_id"])  # fmt: skip
    remote_events = sorted(table(out, "events"), key=lambda e: e["event_id"])
    assert len(local_events) == len(remote_events) > 0
    for a, b in zip(local_events, remote_events, strict=True):
        assert all(_same(a[c], b[c]) for c, _ in FLAT_COLUMNS), (a, b)  # story ids included
