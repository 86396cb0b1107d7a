"""RSS and Atom feeds: each item is one article.

feedparser is given the bytes, never a URL or a file name, so that it fetches and opens
nothing; it is imported on first use, like trafilatura (see marsad.ingest.html).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from marsad.ingest.dates import parse_date
from marsad.ingest.html import html_to_text
from marsad.ingest.read import Read, article, skipped

DATE_KEYS = ("published", "updated", "created")


def read_feed(data: bytes, origin: str, *, source: str | None = None, published: date | None = None) -> Iterator[Read]:
    """A Read for each item (origin "origin#N", item_id its id, guid or link), or one Read with the
    problem when `data` is not a feed. The feed's title is the items' source where `source` is None."""
    if not data or data.isspace():
        yield skipped(origin, "empty")
        return
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # a parser's failure on one odd file must not stop a batch
        yield skipped(origin, f"not a feed: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield skipped(origin, f"not a feed: {parsed.get('bozo_exception')}")
        elif not parsed.get("version"):
            yield skipped(origin, "not an RSS or Atom feed")
        return
    feed_title = _string(parsed.get("feed", {}).get("title"))
    for n, entry in enumerate(entries, start=1):
        yield _read_entry(entry, f"{origin}#{n}", source or feed_title, published)


def _read_entry(entry: Any, origin: str, source: str | None, published: date | None) -> Read:
    item_id = _string(entry.get("id")) or _string(entry.get("guid")) or _string(entry.get("link"))
    text = _entry_text(entry)
    if not text:
        return skipped(origin, "no text: the item has neither content nor summary", item_id)
    return article(
        origin,
        text,
        date_value=_entry_date(entry),
        published=published,
        source=source,
        url=_string(entry.get("link")),
        title=_string(entry.get("title")),
        item_id=item_id,
    )


def _entry_text(entry: Any) -> str:
    details = [*(entry.get("content") or []), entry.get("summary_detail") or {"value": entry.get("summary")}]
    for detail in details:
        value = _string(detail.get("value"))
        if value and value.strip():
            text = value.strip() if detail.get("type") == "text/plain" else html_to_text(value)
            if text:
                return text
    return ""


def _entry_date(entry: Any) -> object:
    """The item's date as the feed wrote it, read by marsad (which keeps the source's day: feedparser
    turns it into UTC), else as feedparser read it, else the text to warn about; None if it has none."""
    for key in DATE_KEYS:
        written = _string(entry.get(key))
        if written:
            return parse_date(written) or parse_date(entry.get(f"{key}_parsed")) or written
    return None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
