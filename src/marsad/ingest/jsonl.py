"""JSON Lines (.jsonl, .ndjson): one article record a line, read as a stream."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from typing import BinaryIO

from marsad.decode import decode_utf8
from marsad.errors import InputError
from marsad.ingest.read import Read, skipped
from marsad.ingest.records import read_record
from marsad.ingest.streams import CHUNK, READ_ERRORS, numbered_lines, read_problem


def read_jsonl(
    stream: BinaryIO,
    name: str,
    keys: Mapping[str, tuple[str, ...]],
    *,
    published: date | None = None,
    source: str | None = None,
) -> Iterator[Read]:
    """A Read for each non-blank line; a bad line is skipped with its problem and the rest go on.
    A gzip file cut short keeps the lines before the cut, then says so."""
    records = 0
    try:
        for lineno, line in numbered_lines(stream):
            if lineno == 1 and (problem := _not_text(line[:CHUNK])):
                yield skipped(name, problem)
                return
            if line.strip():
                records += 1
                yield read_line(line, f"{name}:{lineno}", keys, published, source)
    except READ_ERRORS as exc:
        yield skipped(name, read_problem(exc))
        return
    if not records:
        yield skipped(name, "empty")


def _not_text(head: bytes) -> str | None:
    """Why the whole file is not text (binary, UTF-16), judged once from its start rather
    than line by line; None when it may be. Bad UTF-8 is judged line by line."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        try:
            decode_utf8(head, "")
        except InputError as exc:
            return exc.problem
    return None


def read_line(
    line: bytes, origin: str, keys: Mapping[str, tuple[str, ...]], published: date | None, source: str | None
) -> Read:
    """One JSON Lines record (a line's bytes) as a document, or the reason it is not one."""
    try:
        text = decode_utf8(line, origin)
    except InputError as exc:
        return skipped(origin, exc.problem)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return skipped(origin, f"is not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return skipped(origin, "is not valid JSON: nested too deeply")
    return read_record(record, origin, keys, published=published, source=source)
