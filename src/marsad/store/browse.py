"""What the web app and the REST API show of a store beyond the command line's queries: pages of
documents, places, an actor's profile (its events over time, its counterparts, its quotes) and
a briefing on a country or an actor over a date range.

An actor is named by a key: its knowledge-base id, or "name|country|sector" for an actor the
knowledge base does not hold (the same key `top_actors` groups by).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any

from marsad.store.db import Store
from marsad.store.export import flat_event
from marsad.store.queries import EVENT_ORDER, EventFilter, QueryError, event_rows, event_where, search

BRIEFING_EVENTS = 1000  # the newest events a briefing reads: enough for a country-month, bounded for a decade


# what a map dot needs of an event (its tooltip, colour, size and link to the evidence)
MAP_FIELDS = (
    "doc_id",
    "id",
    "event_type",
    "date",
    "actor",
    "recipient",
    "place",
    "latitude",
    "longitude",
    "dead",
    "trigger",
)  # fmt: skip (the order briefing's query selects them in)


class NotFound(QueryError):
    """No such document, actor or place in the store."""


def participant_key(alias: str) -> str:
    """The SQL expression of an event participant's actor key (a place named as an actor, such as
    a country's name, has no canonical name: its text stands in)."""
    a = alias
    return (
        f"coalesce({a}.kb_id, coalesce({a}.name, {a}.text) || '|' || coalesce({a}.country, '')"
        f" || '|' || coalesce({a}.sector, ''))"
    )


def _key_parts(key: str) -> tuple[str, str, str] | None:
    """(name, country, sector) of a "name|country|sector" key; None for a knowledge-base id."""
    parts = key.split("|")
    if len(parts) == 1:
        return None
    if len(parts) != 3 or not parts[0]:
        raise QueryError(f"{key!r} is not an actor key (a knowledge-base id or NAME|COUNTRY|SECTOR)")
    return parts[0], parts[1], parts[2]


def _participant_where(key: str) -> tuple[str, list[str]]:
    parts = _key_parts(key)
    if parts is None:
        return "p.kb_id = ?", [key]
    name, country, sector = parts
    # name and text compared as bare columns, so that their indexes serve; the unary + keeps the
    # planner off the kb_id index, where NULL is most rows
    return (
        "(p.name = ? OR (p.name IS NULL AND p.text = ?)) AND +p.kb_id IS NULL AND coalesce(p.country, '') = ?"
        " AND coalesce(p.sector, '') = ?",
        [name, name, country, sector],
    )


def _actor_where(key: str) -> tuple[str, list[str]]:
    parts = _key_parts(key)
    if parts is None:
        return "a.kb_id = ?", [key]
    return (
        "+a.kb_id IS NULL AND a.name = ? AND coalesce(a.country, '') = ? AND coalesce(a.sector, '') = ?",
        list(parts),
    )


def event_item(row: dict[str, Any], record: dict[str, Any] | None = None) -> dict[str, Any]:
    """An event row as the API gives it: the flat export record, with the event's id in its
    document (`id`) for links to the evidence."""
    return {**flat_event(row, record), "id": row["id"]}


def documents_page(
    store: Store,
    query: str | None = None,
    *,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of documents: those matching a full-text query, best first, with a snippet each;
    without a query, the newest first (filtered by source and publication dates)."""
    if query and query.strip():
        hits = search(store, query, limit, offset)
        items = [
            {"id": h.doc_id, "title": h.title, "source": h.source, "published": h.published,
             "snippet": h.snippet, "start": h.start, "end": h.end, "score": round(h.score, 3)}
            for h in hits
        ]  # fmt: skip
        return {"items": items, "offset": offset, "limit": limit}
    where, params = ["1"], []
    if source:
        where.append("source = ?")
        params.append(source)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until)
    rows = store.conn.execute(
        f"SELECT id, title, source, url, published, substr(text, 1, 200) FROM documents WHERE {' AND '.join(where)}"
        " ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [
        {"id": i, "title": t, "source": s, "url": u, "published": p, "snippet": " ".join(head.split())}
        for i, t, s, u, p, head in rows
    ]
    return {"items": items, "offset": offset, "limit": limit}


def document_extras(store: Store, doc_id: str) -> dict[str, Any]:
    """What the store knows of a document beyond its own records: its near-duplicates and, per
    event, the story it belongs to and how many documents tell that story."""
    row = store.conn.execute("SELECT cluster_id, origin, ingested_at FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document {doc_id!r} in the store")
    cluster, origin, ingested = row
    duplicates = []
    if cluster is not None:
        duplicates = [
            {"id": i, "title": t, "source": s, "published": p}
            for i, t, s, p in store.conn.execute(
                "SELECT id, title, source, published FROM documents WHERE cluster_id = ? AND id != ?"
                " ORDER BY rowid LIMIT 50",
                (cluster, doc_id),
            )
        ]
    stories = {
        event_id: {"story_id": story, "sources": sources}
        for event_id, story, sources in store.conn.execute(
            "SELECT e.id, e.story_id, s.sources FROM events e LEFT JOIN stories s ON s.id = e.story_id"
            " WHERE e.doc_id = ?",
            (doc_id,),
        )
    }
    return {"cluster_id": cluster, "duplicates": duplicates, "stories": stories, "origin": origin,
            "ingested_at": ingested}  # fmt: skip


def places_page(store: Store, country: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Resolved places by the documents naming them, with their events."""
    where, params = "WHERE geonameid IS NOT NULL", []
    if country:
        where += " AND country = ?"
        params.append(country.upper())
    rows = store.conn.execute(
        "WITH named AS (SELECT geonameid, max(name) AS name, max(lat) AS lat, max(lon) AS lon,"
        " max(country) AS country, max(resolution) AS resolution, count(*) AS documents,"
        f" sum(mentions) AS mentions FROM places {where} GROUP BY geonameid"
        " ORDER BY documents DESC, mentions DESC LIMIT ?)"
        " SELECT n.*, (SELECT count(*) FROM events e WHERE e.geonameid = n.geonameid) FROM named n"
        " ORDER BY documents DESC, mentions DESC",
        [*params, limit],
    ).fetchall()
    return [
        {"geonameid": g, "name": n, "lat": la, "lon": lo, "country": c, "resolution": r, "documents": d,
         "mentions": m, "events": e}
        for g, n, la, lo, c, r, d, m, e in rows
    ]  # fmt: skip


def place_profile(store: Store, geonameid: int) -> dict[str, Any]:
    """One place: its names in the store, where it is, how often it is named, its events by type."""
    row = store.conn.execute(
        "SELECT max(lat), max(lon), max(country), max(resolution), count(*), sum(mentions)"
        " FROM places WHERE geonameid = ?",
        (geonameid,),
    ).fetchone()
    if not row[4]:
        raise NotFound(f"no place with GeoNames id {geonameid} in the store")
    names = [n for n, in store.conn.execute(
        "SELECT name FROM places WHERE geonameid = ? GROUP BY name ORDER BY count(*) DESC LIMIT 10", (geonameid,)
    )]  # fmt: skip
    by_type = dict(
        store.conn.execute(
            "SELECT type, count(*) FROM events WHERE geonameid = ? GROUP BY type ORDER BY count(*) DESC",
            (geonameid,),
        ).fetchall()
    )
    lat, lon, country, resolution, documents, mentions = row
    return {"geonameid": geonameid, "name": names[0], "names": names, "lat": lat, "lon": lon, "country": country,
            "resolution": resolution, "documents": documents, "mentions": mentions,
            "events_by_type": by_type}  # fmt: skip


def actor_profile(store: Store, key: str, limit: int = 50) -> dict[str, Any]:
    """One actor: its codes and counts, its events (newest first) with its role in each, its
    events by month and type, the actors it acts on and is acted on by, and its quotes."""
    where, params = _actor_where(key)
    head = store.conn.execute(
        "SELECT max(a.name), max(a.name_latin), max(a.country), max(a.sector), max(a.kb_id), max(a.wikidata),"
        f" count(DISTINCT a.doc_id), sum(a.mentions) FROM actors a WHERE {where}",
        params,
    ).fetchone()
    p_where, p_params = _participant_where(key)
    if not head[6]:  # not an actor of any document: perhaps a place named as an actor
        head = store.conn.execute(
            "SELECT max(coalesce(p.name, p.text)), NULL, max(p.country), max(p.sector), max(p.kb_id), max(p.wikidata),"
            f" count(DISTINCT p.doc_id), count(*) FROM participants p WHERE {p_where}",
            p_params,
        ).fetchone()
        if not head[6]:
            raise NotFound(f"no actor {key!r} in the store")
    name, latin, country, sector, kb_id, wikidata, documents, mentions = head
    roles = store.conn.execute(
        f"SELECT p.doc_id, p.event_id, p.role FROM participants p WHERE {p_where}", p_params
    ).fetchall()
    role_of = {(d, e): r for d, e, r in roles}
    rows = event_rows(store, replace(actor_filter(key), limit=limit)) if limit else []
    events = [{**event_item(r), "role": role_of.get((r["doc_id"], r["id"]), "actor")} for r in rows]
    timeline: Counter[tuple[str, str]] = Counter()
    for date, etype in store.conn.execute(
        f"SELECT e.date, e.type FROM participants p JOIN events e ON e.doc_id = p.doc_id AND e.id = p.event_id"
        f" WHERE {p_where} AND e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'",  # day or month, not week or year
        p_params,
    ):
        timeline[(date[:7], etype)] += 1
    counterparts = store.conn.execute(
        f"SELECT {participant_key('o')} AS k, max(coalesce(o.name, o.text)), max(o.country), max(o.sector),"
        " sum(p.role = 'actor'), sum(p.role = 'recipient')"
        " FROM participants p JOIN participants o ON o.doc_id = p.doc_id AND o.event_id = p.event_id"
        f" AND o.role != p.role WHERE {p_where} AND k != ? GROUP BY k ORDER BY count(*) DESC LIMIT 40",
        [*p_params, key],
    ).fetchall()
    quotes = store.conn.execute(
        'SELECT q.doc_id, q.id, q.kind, q.text, q.start, q."end", d.title, d.published'
        " FROM actors a JOIN quotes q ON q.doc_id = a.doc_id AND q.speaker_actor = a.id"
        f" JOIN documents d ON d.id = a.doc_id WHERE {where} ORDER BY d.published DESC LIMIT 50",
        params,
    ).fetchall()
    return {
        "key": key, "name": name, "name_latin": latin, "country": country, "sector": sector, "kb_id": kb_id,
        "wikidata": wikidata, "documents": documents, "mentions": mentions, "events_total": len(role_of),
        "events": events,
        "timeline": [{"month": m, "type": t, "events": n} for (m, t), n in sorted(timeline.items())],
        "counterparts": [
            {"key": k, "name": n, "country": c, "sector": s, "it_acts_on": acts, "acted_on_by": acted}
            for k, n, c, s, acts, acted in counterparts
        ],
        "quotes": [
            {"doc_id": d, "id": i, "kind": kind, "text": text, "start": s, "end": e, "title": t, "published": p}
            for d, i, kind, text, s, e, t, p in quotes
        ],
    }  # fmt: skip


def actor_filter(key: str) -> EventFilter:
    """The event filter of an actor key: by knowledge-base id, or by name, country and sector."""
    parts = _key_parts(key)
    if parts is None:
        return EventFilter(actor=key, limit=None)
    name, country, sector = parts
    return EventFilter(actor=name, country=country or None, sector=sector or None, limit=None)


def briefing(
    store: Store,
    *,
    country: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """A country's or an actor's events over a date range: the located events for a map, the
    events by day and type, the actors most involved, the main events (told by most sources,
    then deadliest) and key quotes, each with the document and span it comes from."""
    if not country and not actor:
        raise QueryError("a briefing needs a country or an actor")
    name = None
    if actor:
        profile_head = actor_profile(store, actor, limit=0)
        name = profile_head["name"]
        f = actor_filter(actor)
    else:
        assert country is not None
        f = EventFilter(country=country)
    where, params = event_where(replace(f, since=since, until=until))
    chosen = (  # the briefing's events, newest first
        f"SELECT e.doc_id, e.id, e.date AS day, d.rowid AS r FROM events e JOIN documents d ON d.id = e.doc_id"
        f" WHERE {where} ORDER BY {EVENT_ORDER} LIMIT {BRIEFING_EVENTS}"
    )
    names = (
        "(SELECT group_concat(coalesce(p.name, p.text), '; ') FROM participants p"
        " WHERE p.doc_id = e.doc_id AND p.event_id = e.id AND p.role = ?)"
    )
    # what the map, the timeline and the ranking need, without reading the events' records
    light = store.conn.execute(
        f"WITH chosen AS ({chosen}) SELECT e.doc_id, e.id, e.type, e.date, {names}, {names}, e.place_name, e.lat,"
        " e.lon, e.dead, e.trigger_text, coalesce(s.sources, 1), e.goldstein, e.confidence"
        " FROM chosen c JOIN events e ON e.doc_id = c.doc_id AND e.id = c.id LEFT JOIN stories s ON s.id = e.story_id"
        " ORDER BY c.day DESC, c.r, CAST(substr(c.id, 2) AS INTEGER)",
        [*params, "actor", "recipient"],
    ).fetchall()
    events = [dict(zip((*MAP_FIELDS, "sources", "goldstein", "confidence"), row, strict=True)) for row in light]
    by_day = Counter((e["date"], e["event_type"]) for e in events if e["date"] and len(e["date"]) == 10)
    involved = store.conn.execute(  # the chosen events by id: running their query again costs more
        f"SELECT {participant_key('p')} AS k, max(coalesce(p.name, p.text)), max(p.country), count(*)"
        " FROM json_each(?) j JOIN participants p ON p.doc_id = j.value ->> 0 AND p.event_id = j.value ->> 1"
        " GROUP BY k ORDER BY count(*) DESC, k LIMIT 15",
        (json.dumps([(e["doc_id"], e["id"]) for e in events]),),
    ).fetchall()
    ranked = sorted(
        events,
        key=lambda e: (-e["sources"], -(e["dead"] or 0), -abs(e["goldstein"] or 0), -(e["confidence"] or 0)),
    )[:15]
    main = _events_by_id(store, [(e["doc_id"], e["id"]) for e in ranked])
    for item, light_item in zip(main, ranked, strict=True):
        item["sources"] = light_item["sources"]
    return {
        "country": country.upper() if country else None, "actor": actor, "actor_name": name,
        "since": since, "until": until, "events_total": len(events), "truncated": len(events) >= BRIEFING_EVENTS,
        "located": [{k: e[k] for k in MAP_FIELDS} for e in events if e["latitude"] is not None],
        "timeline": [{"date": d, "type": t, "events": n} for (d, t), n in sorted(by_day.items())],
        "top_actors": [{"key": k, "name": n, "country": c, "events": count} for k, n, c, count in involved],
        "main_events": main,
        "quotes": _key_quotes(store, list(dict.fromkeys(e["doc_id"] for e in events)), country=country, actor=actor),
    }  # fmt: skip


def _events_by_id(store: Store, ids: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Full event items of (doc_id, event id) pairs, in their order."""
    if not ids:
        return []
    rows = store.conn.execute(
        "SELECT e.*, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, d.published AS doc_published"
        " FROM json_each(?) j JOIN events e ON e.doc_id = j.value ->> 0 AND e.id = j.value ->> 1"
        " JOIN documents d ON d.id = e.doc_id",
        (json.dumps(ids),),
    ).fetchall()
    by_id = {(r[0], r[1]): r for r in rows}
    columns = [c[0] for c in store.conn.execute("SELECT * FROM events LIMIT 0").description]
    columns += ["doc_title", "doc_source", "doc_url", "doc_published"]
    return [event_item(dict(zip(columns, by_id[key], strict=True))) for key in ids]


def _key_quotes(
    store: Store, documents: list[str], *, country: str | None, actor: str | None, limit: int = 12
) -> list[dict[str, Any]]:
    """Direct quotes in the documents that tell the briefing's events, spoken by the actor (or by
    one of the country's actors), the most named speakers first."""
    if actor:
        where, params = _actor_where(actor)
    else:
        assert country is not None
        where, params = "a.country = ?", [country.upper()]
    rows = store.conn.execute(
        'SELECT q.doc_id, q.id, q.kind, q.text, q.start, q."end", a.name, a.country, a.kb_id, a.sector,'
        " d.title, d.published FROM json_each(?) AS j JOIN quotes q ON q.doc_id = j.value"
        " JOIN actors a ON a.doc_id = q.doc_id AND a.id = q.speaker_actor JOIN documents d ON d.id = q.doc_id"
        f" WHERE {where} AND q.kind = 'direct' ORDER BY a.mentions DESC, d.published DESC LIMIT ?",
        [json.dumps(documents), *params, limit],
    ).fetchall()
    return [
        {"doc_id": d, "id": i, "kind": k, "text": t, "start": s, "end": e, "speaker": n,
         "speaker_key": kb or f"{n}|{c or ''}|{sec or ''}", "title": title, "published": p}
        for d, i, k, t, s, e, n, c, kb, sec, title, p in rows
    ]  # fmt: skip
