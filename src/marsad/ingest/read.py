"""What reading one record gives: a document, or the reason there is none, and where it came from."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from marsad.errors import InvalidDocument
from marsad.ingest.dates import parse_date
from marsad.model import Document


@dataclass(frozen=True, slots=True)
class Read:
    """One record of an input, read.

    origin: "path" for a one-article file, "path:LINE" for a JSON Lines line, "path#N" for
    the N-th (1-based) feed item, WARC record or JSON array element.
    document: None when the record was skipped.
    problem: why it was skipped, or, with a document, a warning about it (a date not understood).
    item_id: what identifies the record at its source: a feed item's id, a WARC record's URI.
    """

    origin: str
    document: Document | None
    problem: str | None = None
    item_id: str | None = None


def skipped(origin: str, problem: str, item_id: str | None = None) -> Read:
    return Read(origin, None, problem, item_id)


def article(
    origin: str,
    text: str,
    *,
    date_value: object = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    item_id: str | None = None,
) -> Read:
    """A document from what a reader found; `published` (the caller's) counts only where the
    record gives no date. A date given but not understood leaves the document undated, with a
    warning: a guess would put the article's events on the wrong days."""
    if not text.strip():
        return skipped(origin, "empty", item_id)
    warning = None
    if date_value is None or date_value == "":
        day = published
    else:
        day = parse_date(date_value) if isinstance(date_value, str | date | time.struct_time) else None
        if day is None:
            warning = f"published date {date_value!r} not understood"
    try:
        document = Document(text=text, published=day, source=source or None, url=url or None, title=title or None)
    except InvalidDocument as exc:
        return skipped(origin, str(exc), item_id)
    return Read(origin, document, warning, item_id)
