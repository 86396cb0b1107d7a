"""From what the user named (files, directories, glob patterns, "-") to the inputs to read, in order."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.ingest.read import Read, skipped

FORMATS = ("txt", "jsonl", "json", "html", "feed", "warc")
SUFFIX_FORMATS = {
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}
STDIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class Input:
    """One file (or stdin, path None) and the format to read it as."""

    name: str
    path: Path | None
    fmt: str


def format_of(name: str) -> str:
    """The format a file's name says, a trailing .gz aside; plain text when it says none."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return SUFFIX_FORMATS.get(os.path.splitext(lower)[1], "txt")


def open_problem(exc: OSError) -> str:
    """Why a file could not be opened, in the words of `marsad.ingest.strict.read_bytes`."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot be read: {exc.strerror or exc}"


def expand(paths: Sequence[str], fmt: str | None = None) -> Iterator[Input | Read]:
    """The inputs the paths name, each file once; a path that names nothing is a Read with the problem."""
    seen: set[str] = set()
    for given in paths:
        if given == "-":
            yield Input(STDIN, None, fmt or "txt")
            continue
        for found in _files(given):
            if isinstance(found, Read):
                yield found
                continue
            key = os.path.realpath(found)
            if key not in seen:
                seen.add(key)
                yield Input(found, Path(found), fmt or format_of(found))


def _files(given: str) -> Iterator[str | Read]:
    if os.path.isdir(given):
        yield from _walk(given)
    elif os.path.lexists(given):
        yield given  # opening it says what is wrong with it, if anything
    elif _is_pattern(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            yield skipped(given, "no file matches the pattern")
        for match in matches:
            yield from _walk(match) if os.path.isdir(match) else [match]
    else:
        yield skipped(given, "no such file")


def _is_pattern(path: str) -> bool:
    return any(c in path for c in "*?[")


def _walk(root: str) -> Iterator[str | Read]:
    """The files under a directory in sorted order, hidden ones (and those in hidden directories) left out;
    a directory that cannot be listed is a Read with the problem."""
    found: list[tuple[tuple[str, ...], str]] = []
    unreadable: list[OSError] = []
    for directory, subdirs, files in os.walk(root, onerror=unreadable.append):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(directory, name)
            # a FIFO or socket would block or fail: only regular files (or links to them) are read
            if not name.startswith(".") and os.path.isfile(path):
                found.append((Path(os.path.relpath(path, root)).parts, path))
    for exc in unreadable:
        yield skipped(str(exc.filename or root), open_problem(exc))
    if not found and not unreadable:
        yield skipped(root, "no files in the directory (hidden ones are left out)")
    for _, path in sorted(found):
        yield path
