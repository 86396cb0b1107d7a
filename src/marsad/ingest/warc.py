"""WARC archives (.warc, .warc.gz, as crawlers write them): each HTML or plain-text response is one article.

warcio reads record-compressed .warc.gz itself and is imported on first use (see marsad.ingest.html).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from marsad.ingest.html import read_html
from marsad.ingest.read import Read, skipped
from marsad.ingest.streams import CHUNK
from marsad.ingest.text import read_text

RECORD_TYPES = ("response", "resource")  # resource: a page archived without its HTTP exchange


def read_warc(
    stream: BinaryIO,
    name: str,
    *,
    published: date | None = None,
    source: str | None = None,
    gzipped: bool = False,
) -> Iterator[Read]:
    """A Read for each HTML or text/plain response (origin "name#N", N counting all records; item_id
    the WARC-Target-URI); requests, metadata, images and the like are passed over without a word.
    An archive cut short keeps the records before the cut, then says where it ends."""
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        for count, record in enumerate(ArchiveIterator(stream), start=1):
            if not record.rec_type:  # every WARC record says its type: this is no record
                yield skipped(name, f"not a WARC file: record {count} has no WARC-Type")
                return
            read, complete = _read_record(record, f"{name}#{count}", published, source)
            if not complete:
                cut = "truncated gzip" if gzipped else "truncated WARC"
                yield skipped(name, f"{cut}: the archive ends inside record {count}")
                return
            if read is not None:
                yield read
    except Exception as exc:  # warcio's failure on a damaged archive must not stop a batch
        yield skipped(name, f"not a readable WARC after record {count}: {str(exc) or type(exc).__name__}")
        return
    if count == 0:
        yield skipped(name, "no WARC records (an empty file, or one cut short)")


def _read_record(record: Any, origin: str, published: date | None, source: str | None) -> tuple[Read | None, bool]:
    """The record's Read (None for a record that is no article), and whether the record was whole."""
    if record.rec_type not in RECORD_TYPES:
        return None, _drain(record)
    headers = record.http_headers or record.rec_headers
    media_type, _, params = str(headers.get_header("Content-Type") or "").partition(";")
    media_type = media_type.strip().lower()
    if media_type not in ("text/html", "application/xhtml+xml", "text/plain"):
        return None, _drain(record)
    target = record.rec_headers.get_header("WARC-Target-URI") or None
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    if not str(status).startswith("2"):
        return skipped(origin, f"HTTP status {status}", target), _drain(record)
    try:
        body = record.content_stream().read()
    except Exception as exc:  # a body whose chunking or compression is broken
        return skipped(origin, f"the response body cannot be decoded: {exc}", target), _drain(record)
    if not _drain(record):
        return None, False
    if media_type == "text/plain":
        return read_text(body, origin, published=published, source=source, url=target, item_id=target), True
    return read_html(
        body, origin, published=published, source=source, url=target, item_id=target, charset=_charset(params)
    ), True


def _drain(record: Any) -> bool:
    """Read the rest of the record; False when the archive ends before the record's declared length."""
    raw = record.raw_stream
    while raw.read(CHUNK):
        pass
    return int(getattr(raw, "limit", 0)) <= 0


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
