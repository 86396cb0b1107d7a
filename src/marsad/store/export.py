"""Exports of a store's events in the formats analysts use: PLOVER JSON Lines, one flat CSV row
per event (actor, recipient and place as columns, as ACLED and GDELT users expect), Parquet
(pyarrow) with the same columns typed, and GeoJSON of the located events."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from marsad.store.db import Store
from marsad.store.queries import EventFilter, QueryError, event_rows
from marsad.store.rows import RECORD_COLUMNS, StoredDocument

FORMATS = ("plover", "csv", "parquet", "geojson")

# (column, Arrow type name) of a flat event row, in order
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"), ("story_id", "string"), ("doc_id", "string"),
    ("date", "string"), ("date_source", "string"), ("date_text", "string"),
    ("event_type", "string"), ("mode", "string"), ("context", "string"),
    ("actor", "string"), ("actor_country", "string"), ("actor_sector", "string"), ("actor_kb_id", "string"),
    ("recipient", "string"), ("recipient_country", "string"), ("recipient_sector", "string"),
    ("recipient_kb_id", "string"),
    ("place", "string"), ("geonameid", "int64"), ("latitude", "float64"), ("longitude", "float64"),
    ("place_country", "string"), ("place_source", "string"),
    ("dead", "int64"), ("injured", "int64"), ("arrested", "int64"), ("displaced", "int64"),
    ("cameo_root", "string"), ("quad_class", "int64"), ("goldstein", "float64"), ("confidence", "float64"),
    ("trigger", "string"), ("trigger_start", "int64"), ("trigger_end", "int64"),
    ("sentence_start", "int64"), ("sentence_end", "int64"), ("quote_id", "string"),
    ("published", "string"), ("source", "string"), ("title", "string"), ("url", "string"),
)  # fmt: skip


def _joined(people: list[dict[str, Any]], field: str) -> str | None:
    values = [p[field] or "" for p in people]
    return "; ".join(values) if any(values) else None


def flat_event(row: dict[str, Any], record: dict[str, Any] | None = None) -> dict[str, Any]:
    """One event as a flat record of FLAT_COLUMNS (several actors joined by "; "); `record`: the
    row's PLOVER record when the caller has read it already."""
    if record is None:
        record = json.loads(row["record"])
    actors, recipients = record["actor"], record["recipient"]
    return {
        "event_id": f"{row['doc_id']}-{row['id']}", "story_id": row["story_id"], "doc_id": row["doc_id"],
        "date": row["date"], "date_source": row["date_source"], "date_text": row["date_text"],
        "event_type": row["type"], "mode": row["mode"], "context": row["context"] or None,
        "actor": _joined(actors, "name"), "actor_country": _joined(actors, "country"),
        "actor_sector": _joined(actors, "sector"), "actor_kb_id": _joined(actors, "kb_id"),
        "recipient": _joined(recipients, "name"), "recipient_country": _joined(recipients, "country"),
        "recipient_sector": _joined(recipients, "sector"), "recipient_kb_id": _joined(recipients, "kb_id"),
        "place": row["place_name"], "geonameid": row["geonameid"], "latitude": row["lat"], "longitude": row["lon"],
        "place_country": row["place_country"], "place_source": row["place_source"],
        "dead": row["dead"], "injured": row["injured"], "arrested": row["arrested"], "displaced": row["displaced"],
        "cameo_root": row["cameo_root"], "quad_class": row["quad"], "goldstein": row["goldstein"],
        "confidence": row["confidence"], "trigger": row["trigger_text"], "trigger_start": row["trigger_start"],
        "trigger_end": row["trigger_end"], "sentence_start": row["sentence_start"],
        "sentence_end": row["sentence_end"], "quote_id": row["quote_id"], "published": row["doc_published"],
        "source": row["doc_source"], "title": row["doc_title"], "url": row["doc_url"],
    }  # fmt: skip


def flat_events(doc: StoredDocument, stories: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The flat records of a document's events, as `export` writes them for a stored document
    (`stories`: event id -> story id, where known)."""
    names = [c for c, _ in RECORD_COLUMNS["events"]]
    out = []
    for values in doc.tables["events"]:
        row = dict(zip(names, values, strict=True))
        row["story_id"] = (stories or {}).get(row["id"])
        row.update(doc_title=doc.head["title"], doc_source=doc.head["source"], doc_url=doc.head["url"],
                   doc_published=doc.head["published"])  # fmt: skip
        out.append(flat_event(row))
    return out


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """The event's PLOVER record as the events stage wrote it, with the story it belongs to."""
    record: dict[str, Any] = json.loads(row["record"])
    record["story_id"] = row["story_id"]
    return record


def export(store: Store, fmt: str, out: Path | TextIO, where: EventFilter | None = None) -> int:
    """Write the store's events (those `where` selects) to `out` (a path; a text stream for the
    text formats too). Returns how many were written."""
    rows = event_rows(store, where or EventFilter(limit=None))
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise QueryError("parquet is written to a file (--out PATH), not to stdout")
        _write_parquet([flat_event(r) for r in rows], out)
        return len(rows)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return _write_text(rows, fmt, stream)
    return _write_text(rows, fmt, out)


def _write_text(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> int:
    if fmt == "plover":
        for row in rows:
            out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=[c for c, _ in FLAT_COLUMNS])
        writer.writeheader()
        writer.writerows(flat_event(r) for r in rows)
    elif fmt == "geojson":
        json.dump(geojson(flat_event(r) for r in rows), out, ensure_ascii=False)
        out.write("\n")
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    return len(rows)


def geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates, each a Point with its flat fields."""
    features = [
        {
            "type": "Feature",
            "id": e["event_id"],
            "geometry": {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]},
            "properties": e,
        }
        for e in events
        if e["latitude"] is not None and e["longitude"] is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _write_parquet(events: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa  # loaded only for this format: it takes a second to import
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in FLAT_COLUMNS])
    table = pa.Table.from_pylist(events, schema=schema)
    pq.write_table(table, path)
