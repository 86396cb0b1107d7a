"""Opening an input as a stream of bytes, gunzipped when it is gzip, and naming what went wrong.

gzip is recognised by its first bytes rather than by the name, so that stdin and a misnamed
file read as well as x.jsonl.gz.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, cast

from marsad.ingest.paths import Input

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20
# What reading a file, or gunzipping it, can raise (gzip.BadGzipFile is an OSError).
READ_ERRORS = (OSError, EOFError, zlib.error)


def read_problem(exc: BaseException) -> str:
    """Why reading stopped part way: mostly a gzip file cut short or corrupted."""
    if isinstance(exc, EOFError):
        return f"truncated gzip: {exc}"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"damaged gzip: {exc}"
    if isinstance(exc, OSError):
        return f"cannot be read: {exc.strerror or exc}"
    return f"cannot be read: {exc}"


@contextmanager
def opened(source: Input) -> Iterator[tuple[BinaryIO, bool]]:
    """The raw stream (buffered, so that it can be peeked at) and whether it is gzip.

    Raises OSError when the file cannot be opened. stdin is left open."""
    if source.path is None:
        stdin = sys.stdin.buffer
        if isinstance(stdin, io.BufferedReader):
            yield cast(BinaryIO, stdin), stdin.peek(2)[:2] == GZIP_MAGIC
            return
        # stdin replaced by a test or an embedding program (a BytesIO) cannot peek by itself;
        # the wrapper is detached after, because dropping it would close what it wraps
        wrapper = io.BufferedReader(cast(io.RawIOBase, stdin))
        try:
            yield cast(BinaryIO, wrapper), wrapper.peek(2)[:2] == GZIP_MAGIC
        finally:
            wrapper.detach()
        return
    with open(source.path, "rb") as raw:
        yield cast(BinaryIO, raw), raw.peek(2)[:2] == GZIP_MAGIC


def decompressed(raw: BinaryIO, gzipped: bool) -> BinaryIO:
    return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb")) if gzipped else raw


def numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its newline), read a chunk at a time.

    A READ_ERRORS exception ends it; the line it interrupted is dropped, being incomplete."""
    # read1 returns what one step of gunzipping gives, where read would lose all it had
    # gathered towards a full chunk when a cut file ends under it
    read = getattr(stream, "read1", stream.read)
    parts: list[bytes] = []  # of the line not yet complete: joined once, not once a chunk
    lineno = 0
    while chunk := read(CHUNK):
        parts.append(chunk)
        if b"\n" not in chunk:
            continue
        lines = b"".join(parts).split(b"\n")
        parts = [lines.pop()]
        for line in lines:
            lineno += 1
            yield lineno, line
    if last := b"".join(parts):
        yield lineno + 1, last
