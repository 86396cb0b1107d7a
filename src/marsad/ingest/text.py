"""Plain UTF-8 text: the whole of it is one article."""

from __future__ import annotations

from datetime import date

from marsad.decode import decode_utf8
from marsad.errors import InputError
from marsad.ingest.read import Read, article, skipped


def read_text(
    data: bytes,
    origin: str,
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    item_id: str | None = None,
) -> Read:
    try:
        text = decode_utf8(data, origin)
    except InputError as exc:
        return skipped(origin, exc.problem, item_id)
    return article(origin, text, published=published, source=source, url=url, item_id=item_id)
