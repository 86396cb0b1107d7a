"""PLOVER JSON Lines: one record per event, with the fields of the PLOVER event data format and
the evidence marsad keeps (trigger, sentence, spans), and the document it came from.

    {"id": "<doc id>-e1", "date": "2018-07-25", "event": "ASSAULT", "mode": "firearms",
     "context": ["military"], "actor": [{"text", "name", "country", "sector", "kb_id", "wikidata",
     "start", "end"}], "recipient": [...], "event_loc": {"text", "name", "geonameid", "lat", "lon",
     "country", "resolution", "start", "end", "source"}, "size": {"dead": 2, ...},
     "trigger": {"text", "start", "end"}, "sentence": {"start", "end"}, "quote": null,
     "cameo_root": "18", "quad": 4, "goldstein": -9.0, "confidence": 0.8,
     "doc": {"id", "title", "source", "url", "published"}}

A count that is a range (عشرات) is written {"low": 20, "high": 99}, an exact one as its number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from marsad.model import SIZE_KINDS, Count, Document, Event, Participant


def _count(c: Count | None) -> int | dict[str, int | None] | None:
    if c is None:
        return None
    return c.low if c.high == c.low else {"low": c.low, "high": c.high}


def _participant(doc: Document, p: Participant) -> dict[str, Any]:
    actor = next((a for a in doc.actors if a.id == p.actor), None)
    place = next((pl for pl in doc.places if pl.id == p.place), None)
    name = actor.name if actor else place.name if place else p.text
    return {
        "text": p.text,
        "name": name,
        "country": p.country,
        "sector": p.sector,
        "kb_id": actor.kb_id if actor else None,
        "wikidata": actor.wikidata if actor else None,
        "start": p.start,
        "end": p.end,
    }


def _location(doc: Document, e: Event) -> dict[str, Any] | None:
    place = next((p for p in doc.places if p.id == e.place), None)
    if place is None:
        return None
    mention = next((m for m in doc.mentions if m.id == e.place_mention), None)
    return {
        "text": mention.text if mention else place.name,
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "resolution": place.resolution,
        "start": mention.start if mention else None,
        "end": mention.end if mention else None,
        "source": e.place_source,
    }


def plover_records(doc: Document) -> Iterator[dict[str, Any]]:
    """The document's events as PLOVER records."""
    info = {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
    }
    times = {t.id: t for t in doc.times}
    for e in doc.events:
        time = times.get(e.date_time or "")
        yield {
            "id": f"{doc.id}-{e.id}",
            "date": e.date,
            "date_text": time.text if time else None,
            "date_source": e.date_source,
            "event": e.type,
            "mode": e.mode,
            "context": list(e.context),
            "actor": [_participant(doc, p) for p in e.actor],
            "recipient": [_participant(doc, p) for p in e.recipient],
            "event_loc": _location(doc, e),
            "size": {kind: _count(getattr(e.size, kind)) for kind in SIZE_KINDS},
            "trigger": e.triggers[0].to_dict(),
            "triggers": [t.to_dict() for t in e.triggers],
            "sentence": e.sentence.to_dict(),
            "quote": e.quote,
            "cameo_root": e.cameo_root,
            "quad": e.quad,
            "goldstein": e.goldstein,
            "confidence": round(e.confidence, 4),
            "doc": info,
        }


def write_plover(doc: Document, out: TextIO) -> None:
    """Write one line per event of the document."""
    for record in plover_records(doc):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
