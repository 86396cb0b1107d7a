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

import sqlite3

WINDOW_DAYS = 1


def _actor_codes(conn: sqlite3.Connection, where: str, params: tuple[str, ...]) -> set[str]:
    rows = conn.execute(
        f"SELECT country, sector, kb_id FROM participants WHERE role = 'actor' AND {where}", params
    ).fetchall()
    return {kb or f"{country or '-'}|{sector or '-'}" for country, sector, kb in rows}


def link_story(conn: sqlite3.Connection, doc_id: str, event_id: str) -> str:
    """Put a stored event in its story (joined or founded) and return the story's id."""
    type_, date, geonameid = conn.execute(
        "SELECT type, date, geonameid FROM events WHERE doc_id = ? AND id = ?", (doc_id, event_id)
    ).fetchone()
    story = None
    if geonameid is not None and date is not None:
        mine = _actor_codes(conn, "doc_id = ? AND event_id = ?", (doc_id, event_id))
        candidates = conn.execute(
            "SELECT id FROM stories WHERE type = ? AND geonameid = ? AND date BETWEEN date(?, ?) AND date(?, ?)"
            " AND NOT EXISTS (SELECT 1 FROM events WHERE story_id = stories.id AND doc_id = ?)"
            " ORDER BY rowid",
            (type_, geonameid, date, f"-{WINDOW_DAYS} day", date, f"+{WINDOW_DAYS} day", doc_id),
        ).fetchall()
        for (candidate,) in candidates:
            theirs = _actor_codes(
                conn,
                "(doc_id, event_id) IN (SELECT doc_id, id FROM events WHERE story_id = ?)",
                (candidate,),
            )
            if not mine or not theirs or mine & theirs:
                story = candidate
                break
    if story is None:
        story = f"{doc_id}-{event_id}"
        conn.execute(
            "INSERT INTO stories (id, type, date, geonameid, first_seen, sources)"
            " VALUES (?, ?, ?, ?, datetime('now'), 0)",
            (story, type_, date, geonameid),
        )
    conn.execute("UPDATE events SET story_id = ? WHERE doc_id = ? AND id = ?", (story, doc_id, event_id))
    conn.execute(
        "UPDATE stories SET sources = (SELECT count(DISTINCT doc_id) FROM events WHERE story_id = ?) WHERE id = ?",
        (story, story),
    )
    return story
