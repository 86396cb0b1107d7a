"""The corpus commands end to end: a real ingest killed with SIGKILL and run again, feeds watched
over HTTP on the loopback address, and the query commands' formats."""

from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.stages import DEFAULT_STAGES
from marsad.store.db import Store
from marsad.store.rows import unpacked
from marsad.watch import parse_interval, poll

PLACES = ["درنة", "بنغازي", "طرابلس", "سرت", "مصراتة", "سبها"]


def _article(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (
        f"قتل {n + 2} جنود في هجوم شنه مسلحون على حاجز أمني قرب مدينة {place} أمس، وفق ما أعلن مصدر عسكري. "
        f"وقال المتحدث باسم الجيش الوطني الليبي أحمد المسماري إن الهجوم رقم {n} استهدف دورية كانت تؤمن الطريق "
        "الساحلي، وإن قوات الجيش بدأت عملية بحث."
    )


def _write_corpus(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"text": _article(n), "published": "2018-07-26", "title": f"خبر {n}"}) + "\n")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the schema is not created yet


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", "ingest", str(corpus), "--db", str(db), "--workers", "1", "--quiet"]


def test_a_killed_ingest_loses_nothing_committed_and_a_rerun_finishes(tmp_path: Path) -> None:
    # enough articles that the kill, right after the first commit (256 documents), is far from the end
    total = 600
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "k.db"
    _write_corpus(corpus, total)
    process = subprocess.Popen(_ingest_command(corpus, db), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(db) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    kept = _count(db)
    assert 0 < kept < total, "the ingest was not killed midway"
    with sqlite3.connect(db) as conn:  # every document that is there is there whole
        for doc_id, record in conn.execute("SELECT id, record FROM documents"):
            events = unpacked(record)["events"]
            stored = conn.execute("SELECT count(*) FROM events WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            assert stored == len(events) > 0
    rerun = subprocess.run(_ingest_command(corpus, db), capture_output=True, text=True, check=True)
    assert f"stored {total - kept}, duplicates {kept}" in rerun.stderr
    again = subprocess.run(_ingest_command(corpus, db), capture_output=True, text=True, check=True)
    assert f"stored 0, duplicates {total}" in again.stderr
    assert _count(db) == total


def test_ingest_reports_bad_records_and_stores_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, db = tmp_path / "mixed.jsonl", tmp_path / "m.db"
    corpus.write_text(
        json.dumps({"text": _article(1)}) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(corpus), str(tmp_path / "missing.txt"), "--db", str(db), "--workers", "1"]) == 3
    err = capsys.readouterr().err
    assert f"{corpus}:2:" in err and f"{corpus}:3:" in err and "missing.txt" in err
    assert "read 4, stored 1" in err
    assert _count(db) == 1


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    corpus, db = root / "c.jsonl", root / "c.db"
    _write_corpus(corpus, 6)
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "2", "--quiet"]) == 0
    return db


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_commands_print_each_format(corpus_db: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["search", "بدرنة"], ["events", "--type", "ASSAULT"], ["actors", "--top", "3"], ["stats"]):
        assert main([*command, "--db", str(corpus_db), "--format", fmt]) == 0, command
        out = capsys.readouterr().out
        if fmt == "json":
            assert json.loads(out), command
        elif fmt == "csv":
            assert list(csv.reader(io.StringIO(out)))[1:], command
        else:
            assert len(out.splitlines()) >= 2, command
    assert main(["search", "درنة", "--db", str(corpus_db), "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 1 and "[درنة]" in hits[0]["snippet"]


def test_workers_store_what_one_process_stores(corpus_db: Path, tmp_path: Path) -> None:
    corpus, db = tmp_path / "c.jsonl", tmp_path / "one.db"
    _write_corpus(corpus, 6)
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    query = "SELECT doc_id, id, type, date, geonameid, record FROM events ORDER BY doc_id, id"
    with sqlite3.connect(db) as one, sqlite3.connect(corpus_db) as two:
        assert one.execute(query).fetchall() == two.execute(query).fetchall()


def test_export_command_and_bad_queries(corpus_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(corpus_db), "--format", "csv", "--out", str(out), "--type", "ASSAULT"]) == 0
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) >= 6
    assert main(["export", "--db", str(corpus_db), "--format", "parquet", "--out", "-"]) == 2
    assert main(["events", "--db", str(corpus_db), "--since", "last week"]) == 2
    assert main(["stats", "--db", str(tmp_path / "none.db")]) == 3
    assert "no such store" in capsys.readouterr().err


# feeds ---------------------------------------------------------------------------------------


def _rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>خبر {guid}</title><link>http://example.org/{guid}</link>"
        f"<pubDate>Thu, 26 Jul 2018 10:00:00 +0000</pubDate><description>{text}</description></item>"
        for guid, text in items
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>'
    return f"{head}{entries}</channel></rss>".encode()


class Feed:
    """A feed served on the loopback address, with an ETag, that a test can change or break."""

    def __init__(self) -> None:
        self.body = b""
        self.status = 200
        self.requests = 0
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feed.requests += 1
                etag = f'"{hash(feed.body)}"'
                if feed.status != 200:
                    self.send_error(feed.status)
                    return
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def feed() -> Iterator[Feed]:
    served = Feed()
    yield served
    served.server.shutdown()


def test_watching_a_feed_ingests_only_new_items(feed: Feed, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    log: list[str] = []
    feed.body = _rss([("a1", _article(1)), ("a2", _article(2))])
    with Store(db) as store:
        assert poll(store, feed.url, stages=DEFAULT_STAGES, report=log.append).stored == 2
        assert poll(store, feed.url, stages=DEFAULT_STAGES, report=log.append).read == 0  # 304: not modified
    feed.body = _rss([("a1", _article(1)), ("a2", _article(2)), ("a3", _article(3))])
    with Store(db) as store:  # a new watcher on the same store: what it saw is remembered
        summary = poll(store, feed.url, stages=DEFAULT_STAGES, report=log.append)
        assert (summary.read, summary.stored) == (1, 1)
        assert store.conn.execute("SELECT count(*) FROM feed_items").fetchone()[0] == 3
    assert log == []


def test_a_feed_that_is_down_or_malformed_is_logged_and_retried(feed: Feed, tmp_path: Path) -> None:
    log: list[str] = []
    with Store(tmp_path / "d.db") as store:
        feed.status = 503
        assert poll(store, feed.url, stages=DEFAULT_STAGES, report=log.append).stored == 0
        assert "down" in log[-1] and "503" in log[-1]
        feed.status, feed.body = 200, b"<rss><channel><item><title>broken"
        poll(store, feed.url, stages=DEFAULT_STAGES, report=log.append)
        assert store.conn.execute("SELECT failures, etag FROM feeds").fetchone() == (2, None)
        feed.body = _rss([("b1", _article(4))])
        assert poll(store, feed.url, stages=DEFAULT_STAGES, report=log.append).stored == 1
        assert store.conn.execute("SELECT failures, last_error FROM feeds").fetchone() == (0, None)
        feed.server.shutdown()
        feed.server.server_close()
        poll(store, feed.url, stages=DEFAULT_STAGES, report=log.append)
        assert "down" in log[-1]


def test_a_feed_file_and_intervals(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(_rss([("f1", _article(5))]))
    assert main(["watch", str(path), "--db", str(tmp_path / "f.db"), "--every", "1s", "--rounds", "2"]) == 0
    assert _count(tmp_path / "f.db") == 1
    assert parse_interval("15m") == 900 and parse_interval("1h") == 3600 and parse_interval("30") == 30
    with pytest.raises(ValueError):
        parse_interval("soon")
