"""What analysts ask a store: full-text search with snippets of the original text, events by
type, actor, country, sector, place and dates, the most named actors, and counts."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Any

from marsad.errors import MarsadError
from marsad.index import index
from marsad.model import Document
from marsad.store.db import Store
from marsad.store.rows import search_keys, unpacked
from marsad.text.stage import analyze_text

SNIPPET_CHARS = 80  # characters of context either side of a match


class QueryError(MarsadError):
    """A query that cannot be run (an empty search, a bad date)."""


def query_terms(query: str) -> list[list[str]]:
    """The search keys of a query: each "quoted phrase" and each other word, clitics and spelling
    variants taken off as the documents' are (بدرنة → درنه)."""
    parts = re.findall(r'"([^"]+)"|(\S+)', query)
    terms = []
    for phrase, word in parts:
        doc = analyze_text(Document(text=phrase or word))
        keys = search_keys(f.stem for f in index(doc).forms if any(c.isalnum() for c in f.stem))
        if keys:
            terms.append(keys)
    return terms


def _fts_query(terms: list[list[str]]) -> str:
    return " ".join('"' + " ".join(t.replace('"', '""') for t in term) + '"' for term in terms)


@dataclass(frozen=True, slots=True)
class Hit:
    doc_id: str
    published: str | None
    title: str | None
    source: str | None
    score: float
    snippet: str  # the original text around the first match, the match in [brackets]
    start: int  # the match's offsets in the document text
    end: int


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Documents that hold every term of the query, best first (BM25), from the `offset`-th on."""
    terms = query_terms(query)
    if not terms:
        raise QueryError(f"nothing to search for in {query!r}")
    rows = store.conn.execute(
        "SELECT d.id, d.published, d.title, d.source, d.text, d.token_offsets, d.stems, bm25(documents_fts)"
        " FROM documents_fts AS f JOIN documents AS d ON d.rowid = f.rowid"
        " WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ? OFFSET ?",
        (_fts_query(terms), limit, offset),
    ).fetchall()
    hits = []
    for doc_id, published, title, source, text, blob, stems, score in rows:
        start, end = _first_match(stems.split(" "), blob, terms)
        a, b = max(0, start - SNIPPET_CHARS), min(len(text), end + SNIPPET_CHARS)
        snippet = f"{'…' if a else ''}{text[a:start]}[{text[start:end]}]{text[end:b]}{'…' if b < len(text) else ''}"
        hits.append(Hit(doc_id, published, title, source, -score, " ".join(snippet.split()), start, end))
    return hits


def _first_match(keys: list[str], blob: bytes, terms: list[list[str]]) -> tuple[int, int]:
    offsets = array("I")
    offsets.frombytes(blob)
    for k in range(len(keys)):
        for term in terms:
            if keys[k : k + len(term)] == term:
                return offsets[2 * k], offsets[2 * (k + len(term) - 1) + 1]
    return 0, 0  # the index matched what a token's key split further: show the text's start


@dataclass(frozen=True, slots=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None  # a name (as written or canonical) or a knowledge-base id
    country: str | None = None  # ISO3 of an actor, a recipient or the place
    sector: str | None = None
    place: str | None = None  # a place name or a GeoNames id
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    limit: int | None = 100
    offset: int = 0


EVENT_ORDER = "e.date DESC, d.rowid, CAST(substr(e.id, 2) AS INTEGER)"  # newest first, then as told


def event_rows(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Events matching the filter, newest first, one flat row each with actors and recipients
    joined by "; "."""
    where, params = event_where(f)
    sql = (
        "SELECT e.*, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, d.published AS doc_published,"
        " (SELECT group_concat(coalesce(p.name, p.text) || ' [' || coalesce(p.country, '-') || ' '"
        "  || coalesce(p.sector, '-') || ']', '; ') FROM participants p"
        "  WHERE p.doc_id = e.doc_id AND p.event_id = e.id AND p.role = 'actor') AS actors,"
        " (SELECT group_concat(coalesce(p.name, p.text) || ' [' || coalesce(p.country, '-') || ' '"
        "  || coalesce(p.sector, '-') || ']', '; ') FROM participants p"
        "  WHERE p.doc_id = e.doc_id AND p.event_id = e.id AND p.role = 'recipient') AS recipients"
        f" FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where} ORDER BY {EVENT_ORDER}"
    )
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [str(f.limit), str(f.offset)]
    cur = store.conn.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def event_where(f: EventFilter) -> tuple[str, list[str]]:
    """The SQL condition on events `e` (joined with documents `d`) of a filter, and its parameters."""
    where, params = ["1"], []
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.since:
        where.append("e.date >= ?")
        params.append(_day(f.since))
    if f.until:
        where.append("e.date <= ?")
        params.append(_day(f.until) + "\uffff")  # a date of the last day with any granularity after it
    if f.place:
        if f.place.isdigit():
            where.append("e.geonameid = ?")
            params.append(f.place)
        else:
            where.append("e.place_name = ?")
            params.append(f.place)
    participant = []
    if f.actor:
        participant.append("(p.kb_id = ? OR p.name = ? OR p.text = ?)")
        params_actor = [f.actor] * 3
    else:
        params_actor = []
    if f.sector:
        participant.append("p.sector = ?")
        params_actor.append(f.sector.upper())
    if f.country:
        participant.append("p.country = ?")
        params_actor.append(f.country.upper())
    if participant:
        # the events of the matching participants, found by the participants' indexes: an EXISTS
        # per event would visit every event
        clause = "(e.doc_id, e.id) IN (SELECT p.doc_id, p.event_id FROM participants p WHERE "
        clause += " AND ".join(participant)
        if f.country and not f.actor and not f.sector:
            clause += " UNION SELECT doc_id, id FROM events WHERE place_country = ?"
            params_actor.append(f.country.upper())
        clause += ")"
        where.append(clause)
        params += params_actor
    return " AND ".join(where), params


def _day(value: str) -> str:
    try:
        parts = [int(p) for p in value.split("-")]
        if not 1 <= len(parts) <= 3:
            raise ValueError
    except ValueError:
        raise QueryError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value


ACTOR_KEY = "coalesce(kb_id, name || '|' || coalesce(country, '') || '|' || coalesce(sector, ''))"


def top_actors(store: Store, limit: int = 20, country: str | None = None) -> list[dict[str, Any]]:
    """The actors named in most documents (knowledge-base actors by id, others by name and code),
    with the events they take part in."""
    where = "WHERE country = ?" if country else ""
    params: list[Any] = [country.upper()] if country else []
    rows = store.conn.execute(
        f"WITH named AS (SELECT {ACTOR_KEY} AS k, max(name) AS name, max(country) AS country,"
        "  max(sector) AS sector, max(kb_id) AS kb_id, count(DISTINCT doc_id) AS documents,"
        f"  sum(mentions) AS mentions FROM actors {where} GROUP BY k),"
        f" acting AS (SELECT {ACTOR_KEY} AS k, count(*) AS events FROM participants GROUP BY k)"
        " SELECT name, country, sector, kb_id, documents, mentions, coalesce(events, 0)"
        " FROM named LEFT JOIN acting USING (k) ORDER BY documents DESC, mentions DESC, name LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [
        {"name": n, "country": c, "sector": s, "kb_id": kb, "documents": d, "mentions": m, "events": e}
        for n, c, s, kb, d, m, e in rows
    ]


def stats(store: Store) -> dict[str, Any]:
    """Counts of the store: documents, their date range, records, events by type, clusters, stories."""
    one = store.conn.execute
    documents, first, last = one("SELECT count(*), min(published), max(published) FROM documents").fetchone()
    counts = {
        t: one(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("mentions", "actors", "places", "times", "quotes", "events")
    }
    by_type = dict(one("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC").fetchall())
    clusters, clustered = one("SELECT count(DISTINCT cluster_id), count(cluster_id) FROM documents").fetchone()
    stories, multi = one("SELECT count(*), sum(sources > 1) FROM stories").fetchone()
    sources = dict(
        one("SELECT coalesce(source, '-'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 10").fetchall()
    )
    return {
        "documents": documents,
        "published_first": first,
        "published_last": last,
        **counts,
        "events_by_type": by_type,
        "duplicate_clusters": clusters,
        "documents_in_clusters": clustered,
        "stories": stories,
        "stories_with_several_sources": multi or 0,
        "sources": sources,
    }


def document(store: Store, doc_id: str) -> Document:
    """One stored document with all its records (tokens are not stored: run the text stage to
    get them back)."""
    row = store.conn.execute("SELECT text, record FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise QueryError(f"no document {doc_id!r} in {store.path}")
    record = unpacked(row[1])
    record["text"] = row[0]
    return Document.from_dict(record)
