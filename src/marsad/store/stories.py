"""Story events: one real-world happening reported by several articles is one story, and every
event record (each with its document and evidence spans) names the story it tells.

The merge rule: an event joins a story when
- the type is the same,
- the place is the same GeoNames place (an event with no place founds a story of its own),
- the date is within WINDOW_DAYS of the story's date (the date of the event that founded it),
- the actors overlap: an actor code (country + sector, or knowledge-base id) in common, or one
  side names no actor (an attack with no named attacker, retold with one, is the same attack),
- and no event of the same document is in the story already (the events stage merged what one
  article tells twice; two events it kept apart are two happenings).
The first story that qualifies, the first founded first, is the one joined. Otherwise the event founds a new
story, named by the event's own id (document id and event id).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from marsad.store.rows import RECORD_COLUMNS

WINDOW_DAYS = 1
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def actor_code(country: str | None, sector: str | None, kb_id: str | None) -> str:
    """What the merge rule compares actors by: the knowledge-base id, else country|sector."""
    return kb_id or f"{country or '-'}|{sector or '-'}"


def _story_codes(conn: sqlite3.Connection, story: str) -> set[str]:
    """The actor codes of the events of a stored story."""
    rows = conn.execute(
        "SELECT country, sector, kb_id FROM participants WHERE role = 'actor'"
        " AND (doc_id, event_id) IN (SELECT doc_id, id FROM events WHERE story_id = ?)",
        (story,),
    ).fetchall()
    return {actor_code(*row) for row in rows}


def story_events(tables: Mapping[str, Sequence[tuple[Any, ...]]]) -> list[StoryEvent]:
    """What the merge rule reads of a document's events, from its stored rows (rows.stored_document)."""
    event, participant = (
        {name: n for n, (name, _) in enumerate(RECORD_COLUMNS[table])} for table in ("events", "participants")
    )
    codes: dict[str, set[str]] = {}
    for p in tables["participants"]:
        if p[participant["role"]] == "actor":
            codes.setdefault(p[participant["event_id"]], set()).add(
                actor_code(p[participant["country"]], p[participant["sector"]], p[participant["kb_id"]])
            )
    return [
        StoryEvent(e[event["doc_id"]], e[event["id"]], e[event["type"]], e[event["date"]], e[event["geonameid"]],
                   frozenset(codes.get(e[event["id"]], ())))
        for e in tables["events"]
    ]  # fmt: skip


def link_stories(conn: sqlite3.Connection, events: Sequence[StoryEvent]) -> list[str]:
    """The stories (joined or founded) of one new document's events, in order, before the events
    are stored: the stories table is updated here, the caller stores each event with its story."""
    stories: list[str] = []
    for e in events:
        story = None
        window = _window(e.date) if e.geonameid is not None else None
        if window is not None:
            candidates = conn.execute(
                "SELECT id FROM stories WHERE type = ? AND geonameid = ? AND date BETWEEN ? AND ? ORDER BY rowid",
                (e.type, e.geonameid, *window),
            ).fetchall()
            for (candidate,) in candidates:
                if candidate in stories:  # the document tells it already
                    continue
                theirs = _story_codes(conn, candidate)
                if not e.actor_codes or not theirs or e.actor_codes & theirs:
                    story = candidate
                    break
        if story is None:
            story = f"{e.doc_id}-{e.event_id}"
            conn.execute(
                "INSERT INTO stories (id, type, date, geonameid, first_seen, sources)"
                " VALUES (?, ?, ?, ?, datetime('now'), 1)",
                (story, e.type, e.date, e.geonameid),
            )
        else:  # one more document tells it
            conn.execute("UPDATE stories SET sources = sources + 1 WHERE id = ?", (story,))
        stories.append(story)
    return stories


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """What the merge rule reads of an event (for `assign_stories`)."""

    doc_id: str
    event_id: str
    type: str
    date: str | None
    geonameid: int | None
    actor_codes: frozenset[str]  # kb_id, or "country|sector" ("-" for none), of its actors


@dataclass(slots=True)
class _Story:
    id: str
    date: str | None
    codes: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)


def _window(day: str | None) -> tuple[str, str] | None:
    """The dates within WINDOW_DAYS of a day-precise date, as SQLite's date() gives them; None
    for any other date (SQLite's date() is NULL for it, and nothing is between NULLs)."""
    if day is None or not _DAY.match(day):
        return None
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return None
    step = timedelta(days=WINDOW_DAYS)
    return (d - step).isoformat(), (d + step).isoformat()


def assign_stories(events: Iterable[StoryEvent]) -> dict[tuple[str, str], str]:
    """Story ids for events given in the order a store would link them (documents in order, a
    document's events in order), by link_story's rule; for runs that hold no store (Spark).
    Only events of one type and one place can share a story, so a caller may group by both."""
    founded: dict[tuple[str, int | None], list[_Story]] = {}
    out = {}
    for e in events:
        story = None
        window = _window(e.date) if e.geonameid is not None else None
        if window is not None:
            for candidate in founded.get((e.type, e.geonameid), []):
                in_window = candidate.date is not None and window[0] <= candidate.date <= window[1]
                if (
                    in_window
                    and e.doc_id not in candidate.documents
                    and (not e.actor_codes or not candidate.codes or e.actor_codes & candidate.codes)
                ):
                    story = candidate
                    break
        if story is None:
            story = _Story(f"{e.doc_id}-{e.event_id}", e.date)
            founded.setdefault((e.type, e.geonameid), []).append(story)
        story.codes |= e.actor_codes
        story.documents.add(e.doc_id)
        out[(e.doc_id, e.event_id)] = story.id
    return out
