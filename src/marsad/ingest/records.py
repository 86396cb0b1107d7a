"""JSON article records ({"text": ..., "published": ..., ...}) as documents, whatever their keys are called."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from marsad.ingest.read import Read, article, skipped

# marsad's name of a field -> the keys a record may give it under, the first present winning
DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article"),
    "published": ("published", "date", "published_at", "pubDate"),
    "title": ("title",),
    "url": ("url", "link"),
    "source": ("source",),
}
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def field_keys(fields: Mapping[str, str] | None) -> dict[str, tuple[str, ...]]:
    """The keys to read each field from: the defaults, where `fields` (marsad's name -> the record's key)
    does not say otherwise. Raises ValueError for a name marsad does not know."""
    keys = dict(DEFAULT_KEYS)
    for name, key in (fields or {}).items():
        if name not in keys:
            raise ValueError(f"unknown field {name!r}: the fields are {', '.join(DEFAULT_KEYS)}")
        keys[name] = (key,)
    return keys


def json_type(value: object) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)


def read_record(
    record: object,
    origin: str,
    keys: Mapping[str, tuple[str, ...]],
    *,
    published: date | None = None,
    source: str | None = None,
) -> Read:
    if not isinstance(record, dict):
        return skipped(origin, f"expected a JSON object, got {json_type(record)}")
    found: dict[str, tuple[str, object]] = {}
    for name, candidates in keys.items():
        for key in candidates:
            if record.get(key) is not None:
                found[name] = key, record[key]
                break
    if "text" not in found:
        named = ", ".join(f'"{k}"' for k in keys["text"])
        fields = f"none of the fields {named}" if len(keys["text"]) > 1 else f"no {named} field"
        return skipped(origin, f"no text: the record has {fields}")
    strings: dict[str, str] = {}
    for name in ("text", "title", "url", "source"):
        if name in found:
            key, value = found[name]
            if not isinstance(value, str):
                return skipped(origin, f'field "{key}" must be a string, got {json_type(value)}')
            strings[name] = value
    if not strings["text"].strip():
        return skipped(origin, f'field "{found["text"][0]}" is empty')
    return article(
        origin,
        strings["text"],
        date_value=found["published"][1] if "published" in found else None,
        published=published,
        source=strings.get("source") or source,
        url=strings.get("url"),
        title=strings.get("title"),
    )
