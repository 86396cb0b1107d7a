"""The store's schema, as numbered migrations. `migrate` brings a database to the newest version;
SQLite's `user_version` says which one a file has. A migration is never edited once released: a
change to the schema is a new migration at the end of the list.

docs/store.md describes every table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from marsad.errors import MarsadError
from marsad.store.rows import signature


def _resign(conn: sqlite3.Connection) -> None:
    """Recompute every stored MinHash signature from the document's search keys (its `stems`)."""
    last = 0
    while batch := conn.execute(
        "SELECT rowid, stems FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 1000", (last,)
    ).fetchall():
        conn.executemany(
            "UPDATE documents SET minhash = ? WHERE rowid = ?",
            [(signature(stems.split(" ")).hashvalues.tobytes(), rowid) for rowid, stems in batch],
        )
        last = batch[-1][0]


# SQL, or a function for what SQL cannot do
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: documents with their records, full-text search, near-duplicate signatures, stories, feeds
    """
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT, source TEXT, url TEXT, published TEXT,
        text TEXT NOT NULL,
        origin TEXT,
        ingested_at TEXT NOT NULL,
        analysis_key TEXT, marsad_version TEXT, data_version TEXT,
        record BLOB NOT NULL,
        stems TEXT NOT NULL,
        token_offsets BLOB NOT NULL,
        minhash BLOB,
        cluster_id TEXT
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_cluster ON documents(cluster_id);
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        stems, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
    );
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL, n INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        PRIMARY KEY (doc_id, n)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE actors (
        doc_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, name_latin TEXT,
        country TEXT, sector TEXT, kb_id TEXT, wikidata TEXT, mentions INTEGER NOT NULL,
        PRIMARY KEY (doc_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX actors_kb ON actors(kb_id);
    CREATE TABLE places (
        doc_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER,
        lat REAL, lon REAL, country TEXT, resolution TEXT, mentions INTEGER NOT NULL,
        PRIMARY KEY (doc_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE times (
        doc_id TEXT NOT NULL, id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL, value TEXT, granularity TEXT,
        PRIMARY KEY (doc_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE quotes (
        doc_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        speaker_mention TEXT, speaker_actor TEXT, speaker_name TEXT,
        cue_start INTEGER, cue_end INTEGER,
        PRIMARY KEY (doc_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE events (
        doc_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, context TEXT,
        date TEXT, date_source TEXT, date_text TEXT,
        place_name TEXT, geonameid INTEGER, lat REAL, lon REAL, place_country TEXT,
        place_source TEXT, place_start INTEGER, place_end INTEGER,
        dead INTEGER, injured INTEGER, arrested INTEGER, displaced INTEGER,
        trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        quote_id TEXT, cameo_root TEXT, quad INTEGER, goldstein REAL, confidence REAL,
        story_id TEXT,
        record TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
    );  -- a rowid table: rows with their record are too large for WITHOUT ROWID's pages
    CREATE INDEX events_type_date ON events(type, date);
    CREATE INDEX events_story ON events(story_id);
    CREATE TABLE participants (
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, name TEXT,
        country TEXT, sector TEXT, kb_id TEXT, wikidata TEXT,
        PRIMARY KEY (doc_id, event_id, role, n)
    ) WITHOUT ROWID;
    CREATE INDEX participants_kb ON participants(kb_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, date TEXT, geonameid INTEGER,
        first_seen TEXT NOT NULL, sources INTEGER NOT NULL
    );
    CREATE INDEX stories_match ON stories(type, geonameid, date);
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY, etag TEXT, modified TEXT, last_polled TEXT, last_ok TEXT,
        last_error TEXT, failures INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE TABLE feed_items (
        feed TEXT NOT NULL, item_id TEXT NOT NULL, doc_id TEXT, seen_at TEXT NOT NULL,
        PRIMARY KEY (feed, item_id)
    ) WITHOUT ROWID;
    """,
    # 2: what the web app and the API look up: events by place, place country and date; actors
    # by name; event participants by name, text and country
    """
    CREATE INDEX events_place ON events(geonameid);
    CREATE INDEX events_place_country ON events(place_country);
    CREATE INDEX events_date ON events(date, doc_id, id);  -- a date range checks (doc_id, id) without the rows
    CREATE INDEX actors_name ON actors(name);
    CREATE INDEX participants_name ON participants(name);
    CREATE INDEX participants_text ON participants(text);
    CREATE INDEX participants_country ON participants(country);
    """,
    # 3: signatures hash a 3-gram from its words' CRC-32s (vectorised), not its text's SHA-1; the
    # clusters already linked stay as they are
    _resign,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(MarsadError):
    """A database that is not a marsad store, or one newer than this marsad."""


def migrate(conn: sqlite3.Connection, name: str) -> None:
    """Bring the database to SCHEMA_VERSION, one migration per transaction (`name`: the file, for
    errors)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"{name}: store schema version {version} is newer than this marsad's ({SCHEMA_VERSION})")
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables:
            raise StoreError(f"{name}: a SQLite database that is not a marsad store")
    for number in range(version, SCHEMA_VERSION):
        migration = MIGRATIONS[number]
        if isinstance(migration, str):
            conn.executescript(f"BEGIN; {migration}; PRAGMA user_version = {number + 1}; COMMIT;")
            continue
        conn.execute("BEGIN")
        try:
            migration(conn)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
