"""`read_inputs`: every record of every input named, each as a document or the reason it is none."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from marsad.ingest.feeds import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.jsonfile import read_json
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.paths import FORMATS, Input, expand, open_problem
from marsad.ingest.read import Read, skipped
from marsad.ingest.records import field_keys
from marsad.ingest.streams import READ_ERRORS, decompressed, numbered_lines, opened, read_problem
from marsad.ingest.text import read_text
from marsad.ingest.warc import read_warc


def read_inputs(
    paths: Sequence[str],
    *,
    published: date | None = None,
    source: str | None = None,
    fields: Mapping[str, str] | None = None,
    fmt: str | None = None,
) -> Iterator[Read]:
    """A Read for every record of the inputs, in order: a document, or why there is none.

    paths: files, directories (walked, in sorted order, hidden files left out), glob patterns,
    "-" for stdin. The format is the name's (.txt, .jsonl/.ndjson, .json, .html/.htm,
    .rss/.atom/.xml, .warc; plain text for any other), `fmt` overriding it; gzip is read
    through. `published` and `source` fill in what a record does not say; `fields` names the
    keys JSON records hold text, published, title, url and source under.

    One bad input or record never stops the others: nothing is raised for it. ValueError is
    raised at once for an unknown `fmt` or field name, which are mistakes of the caller's.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: the formats are {', '.join(FORMATS)}")
    keys = field_keys(fields)
    names = [paths] if isinstance(paths, str) else list(paths)
    return _read_all(names, published, source, keys, fmt)


def _read_all(
    paths: list[str],
    published: date | None,
    source: str | None,
    keys: Mapping[str, tuple[str, ...]],
    fmt: str | None,
) -> Iterator[Read]:
    for found in expand(paths, fmt):
        if isinstance(found, Read):
            yield found
        else:
            yield from _read_input(found, published, source, keys)


def _read_input(
    given: Input, published: date | None, source: str | None, keys: Mapping[str, tuple[str, ...]]
) -> Iterator[Read]:
    name = given.name
    try:
        with opened(given) as (raw, gzipped):
            if given.fmt == "warc":
                yield from read_warc(raw, name, published=published, source=source, gzipped=gzipped)
                return
            stream = decompressed(raw, gzipped)
            if given.fmt == "jsonl":
                yield from read_jsonl(stream, name, keys, published=published, source=source)
                return
            try:
                data = stream.read()
            except READ_ERRORS as exc:
                yield skipped(name, read_problem(exc))
                return
    except OSError as exc:
        yield skipped(name, open_problem(exc))
        return
    if not data or data.isspace():
        yield skipped(name, "empty")
    elif given.fmt == "json":
        yield from read_json(data, name, keys, published=published, source=source)
    elif given.fmt == "html":
        yield read_html(data, name, published=published, source=source)
    elif given.fmt == "feed":
        yield from read_feed(data, name, source=source, published=published)
    else:
        yield read_text(data, name, published=published, source=source)


def count_records(paths: Sequence[str], fmt: str | None = None) -> int | None:
    """How many records `read_inputs(paths, fmt=fmt)` will yield, skipped ones included, for a
    progress bar's ETA; None where that is not known without parsing (stdin, JSON, feeds, WARC).

    A JSON Lines file costs one pass over its bytes, a small part of analysing them."""
    total = 0
    for found in expand([paths] if isinstance(paths, str) else list(paths), fmt):
        if isinstance(found, Read):
            total += 1
        elif found.path is None or found.fmt in ("json", "feed", "warc"):
            return None
        elif found.fmt == "jsonl":
            try:
                with opened(found) as (raw, gzipped):
                    total += sum(1 for _, line in numbered_lines(decompressed(raw, gzipped)) if line.strip())
            except READ_ERRORS:
                total += 1  # read_inputs reports it as one problem
        else:
            total += 1
    return total
