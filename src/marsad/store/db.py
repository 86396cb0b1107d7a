"""The store: one SQLite file (WAL) holding analysed documents, their records, the search index,
near-duplicate clusters and story events.

Every document is written in one transaction: a kill at any moment leaves each document either
stored whole or not at all, and ingesting it again then stores it. A document is known by the
hash of its text, so storing one twice stores nothing new.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from marsad.store.rows import NUM_PERM, StoredDocument, stored_signature
from marsad.store.schema import StoreError, migrate
from marsad.store.stories import link_story

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

DUPLICATE_THRESHOLD = 0.7  # estimated Jaccard of word shingles above which two articles are one text


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
                migrate(self.conn, self.path)
            elif self.conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                raise StoreError(f"{path}: not a marsad store")
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{path}: not a marsad store ({exc})") from None
        self._lsh: MinHashLSH | None = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def __contains__(self, doc_id: object) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add(self, doc: StoredDocument, origin: str | None = None) -> bool:
        """Store one analysed document, link it to its near-duplicates and its events to their
        stories. False when a document with this text is stored already."""
        if doc.id in self:
            return False
        signature = stored_signature(doc.minhash)
        lsh = self._duplicates_index()
        cluster = self._cluster_of(signature, lsh)
        with self.conn:
            analysis = doc.analysis or {}
            cur = self.conn.execute(
                "INSERT INTO documents (id, title, source, url, published, text, origin, ingested_at,"
                " analysis_key, marsad_version, data_version, record, stems, token_offsets, minhash, cluster_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.head["title"], doc.head["source"], doc.head["url"], doc.head["published"], doc.text,
                 origin, now(), analysis.get("key"), analysis.get("marsad"), analysis.get("data"), doc.record,
                 doc.stems, doc.token_offsets, doc.minhash, cluster),
            )  # fmt: skip
            self.conn.execute("INSERT INTO documents_fts (rowid, stems) VALUES (?, ?)", (cur.lastrowid, doc.stems))
            for table, rows in doc.tables.items():
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    self.conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            if cluster is not None:
                self.conn.execute("UPDATE documents SET cluster_id = ? WHERE id = ? AND cluster_id IS NULL",
                                  (cluster, cluster))  # fmt: skip
            for event_id in [row[1] for row in doc.tables["events"]]:
                link_story(self.conn, doc.id, event_id)
        lsh.insert(doc.id, signature)
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
