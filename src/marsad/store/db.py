"""The store: one SQLite file (WAL) holding analysed documents, their records, the search index,
near-duplicate clusters and story events.

Each document is written whole or not at all (a savepoint of its own), and documents are
committed together, every COMMIT_DOCS documents or COMMIT_SECONDS seconds and when the store is
closed: one commit per document cost more than storing it. A kill at any moment loses no
committed document, and ingesting the same input again stores the rest. A document is known by
the hash of its text, so storing one twice stores nothing new.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from marsad.store.rows import NUM_PERM, RECORD_COLUMNS, StoredDocument, stored_signature
from marsad.store.schema import StoreError, migrate
from marsad.store.stories import link_stories, story_events

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

DUPLICATE_THRESHOLD = 0.7  # estimated Jaccard of word shingles above which two articles are one text
COMMIT_DOCS = 256  # a commit writes every page it changed: fewer, larger commits write each page once
COMMIT_SECONDS = 5.0  # a slow stream (a feed, one worker) is still committed every few seconds
CACHE_MB = 32  # SQLite's page cache when writing: most index pages stay in memory between commits
_STORY = [name for name, _ in RECORD_COLUMNS["events"]].index("story_id")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A marsad database. `readonly` opens an existing store for queries only."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            if not Path(path).exists():
                raise StoreError(f"{path}: no such store (create one with marsad ingest)")
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            self.conn = sqlite3.connect(self.path, check_same_thread=False)
        try:
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute(f"PRAGMA cache_size = -{CACHE_MB * 1024}")
                migrate(self.conn, self.path)
            elif self.conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                raise StoreError(f"{path}: not a marsad store")
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{path}: not a marsad store ({exc})") from None
        self._lsh: MinHashLSH | None = None
        self._uncommitted = 0
        self._unindexed: list[tuple[int, str]] = []
        self._since = time.monotonic()

    def commit(self) -> None:
        """Commit the documents added since the last commit."""
        # indexed for search here, outside each document's savepoint: FTS5 writes its pending
        # index at every savepoint, one small segment per document
        self.conn.executemany("INSERT INTO documents_fts (rowid, stems) VALUES (?, ?)", self._unindexed)
        self._unindexed.clear()
        self.conn.commit()
        self._uncommitted = 0
        self._since = time.monotonic()

    def close(self) -> None:
        """Commit what was added (every document added is whole) and close."""
        try:
            if self.conn.in_transaction or self._unindexed:
                self.commit()
        finally:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def __contains__(self, doc_id: object) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add(self, doc: StoredDocument, origin: str | None = None) -> bool:
        """Store one analysed document, link it to its near-duplicates and its events to their
        stories. False when a document with this text is stored already. The document is
        written whole or not at all; it is committed (and found by search) at the next commit."""
        if doc.id in self:
            return False
        signature = stored_signature(doc.minhash)
        lsh = self._duplicates_index()
        cluster = self._cluster_of(signature, lsh)
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")  # else the savepoint would be the transaction, committed on release
        self.conn.execute("SAVEPOINT document")
        try:
            analysis = doc.analysis or {}
            cur = self.conn.execute(
                "INSERT INTO documents (id, title, source, url, published, text, origin, ingested_at,"
                " analysis_key, marsad_version, data_version, record, stems, token_offsets, minhash, cluster_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.head["title"], doc.head["source"], doc.head["url"], doc.head["published"], doc.text,
                 origin, now(), analysis.get("key"), analysis.get("marsad"), analysis.get("data"), doc.record,
                 doc.stems, doc.token_offsets, doc.minhash, cluster),
            )  # fmt: skip
            stories = link_stories(self.conn, story_events(doc.tables))
            for table, rows in doc.tables.items():
                if table == "events":
                    rows = [
                        (*row[:_STORY], story, *row[_STORY + 1 :]) for row, story in zip(rows, stories, strict=True)
                    ]
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    self.conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            if cluster is not None:
                self.conn.execute("UPDATE documents SET cluster_id = ? WHERE id = ? AND cluster_id IS NULL",
                                  (cluster, cluster))  # fmt: skip
        except BaseException:
            self.conn.execute("ROLLBACK TO document")
            self.conn.execute("RELEASE document")
            raise
        self.conn.execute("RELEASE document")
        assert cur.lastrowid is not None
        self._unindexed.append((cur.lastrowid, doc.stems))
        lsh.insert(doc.id, signature)
        self._uncommitted += 1
        if self._uncommitted >= COMMIT_DOCS or time.monotonic() - self._since >= COMMIT_SECONDS:
            self.commit()
        return True

    # near-duplicates ---------------------------------------------------------------------------
    def _duplicates_index(self) -> MinHashLSH:
        """The LSH index of every stored signature, built from the store on first use."""
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
            for doc_id, blob in self.conn.execute("SELECT id, minhash FROM documents WHERE minhash IS NOT NULL"):
                self._lsh.insert(doc_id, stored_signature(blob))
        return self._lsh

    def _cluster_of(self, signature: MinHash, lsh: MinHashLSH) -> str | None:
        """The cluster of the first stored document this one nearly duplicates (a cluster is named
        by its first document), or None."""
        similar = sorted(lsh.query(signature))
        if not similar:
            return None
        marks = ", ".join("?" * len(similar))
        rows = self.conn.execute(
            f"SELECT id, cluster_id, minhash FROM documents WHERE id IN ({marks}) ORDER BY rowid", similar
        ).fetchall()
        for doc_id, cluster, blob in rows:
            if signature.jaccard(stored_signature(blob)) >= DUPLICATE_THRESHOLD:
                return str(cluster or doc_id)
        return None
