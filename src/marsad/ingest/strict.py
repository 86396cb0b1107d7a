"""The strict reader of `marsad extract`: plain UTF-8 text, or JSON Lines with one article per line.

Every problem is raised as an `InputError` naming the file (and line), so that one bad file in
a batch is easy to find and fix. `read_inputs` (marsad.ingest.inputs) is the lenient reader of
many formats, which reports a problem and goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from marsad.decode import decode_utf8
from marsad.errors import InputError, InvalidDocument
from marsad.model import Document, parse_published

JSONL_SUFFIXES = (".jsonl", ".ndjson")
RECORD_FIELDS = ("text", "published", "source", "url", "title")


def read_bytes(path: str) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin for "-", and the name to report errors with."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(path)
    try:
        return p.read_bytes(), str(p)
    except IsADirectoryError:
        raise InputError(str(p), "is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError(str(p), "no such file") from None
    except PermissionError:
        raise InputError(str(p), "permission denied") from None
    except OSError as exc:
        raise InputError(str(p), f"cannot be read: {exc.strerror or exc}") from None


def read_documents(
    path: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    bad_line: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Documents from one input: a text file is one article, a .jsonl file one per line.

    `published` and `source` apply to a text file, and fill in what a JSONL
    record leaves out. A bad JSONL line raises its InputError, or, given `bad_line`,
    is passed to it and the lines after it are read.
    """
    data, name = read_bytes(path)
    text = decode_utf8(data, name)
    if name.endswith(JSONL_SUFFIXES):
        yield from _jsonl_documents(text, name, published, source, bad_line)
    else:
        yield Document(text=text, published=parse_published(published), source=source)


def _jsonl_documents(
    text: str,
    name: str,
    published: date | str | None,
    source: str | None,
    bad_line: Callable[[InputError], None] | None,
) -> Iterator[Document]:
    # lines end at \n only: U+2028 and the other breaks str.splitlines knows are valid inside JSON strings
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            document = _line_document(line, name, lineno, published, source)
        except InputError as exc:
            if bad_line is None:
                raise
            bad_line(exc)
            continue
        yield document


def _line_document(line: str, name: str, lineno: int, published: date | str | None, source: str | None) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"is not valid JSON: {exc.msg} (column {exc.colno})", lineno) from None
    return record_to_document(record, name, lineno, published, source)


def record_to_document(
    record: Any, name: str, lineno: int, published: date | str | None = None, source: str | None = None
) -> Document:
    """One JSON article record ({"text": ..., "published": ..., ...}) as a Document."""
    if not isinstance(record, dict):
        raise InputError(name, f'expected a JSON object with a "text" field, got {type(record).__name__}', lineno)
    if "text" not in record:
        raise InputError(name, 'the record has no "text" field', lineno)
    for key in RECORD_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(name, f'field "{key}" must be a string, got {type(value).__name__}', lineno)
    try:
        return Document(
            text=record["text"],
            published=parse_published(record.get("published") or published),
            source=record.get("source") or source,
            url=record.get("url"),
            title=record.get("title"),
        )
    except InvalidDocument as exc:
        raise InputError(name, str(exc), lineno) from None
