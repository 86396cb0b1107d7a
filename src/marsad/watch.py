"""Watching feeds: poll RSS/Atom feeds (URLs or files) every so often and ingest the items not
seen before. A feed that is down or malformed is logged and tried again at the next poll; the
feed's ETag and Last-Modified, and every item id seen, are kept in the store, so a watcher that
is killed and started again asks only for what is new."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from marsad.corpus import Summary, ingest
from marsad.ingest import Read, read_feed
from marsad.store.db import Store, now

TIMEOUT_S = 30  # a feed that does not answer in this time is down for this poll
USER_AGENT = "marsad-watch (+https://github.com/marsad)"


def parse_interval(value: str) -> float:
    """Seconds in "90", "30s", "15m", "1h" or "1d"."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if found is None or float(found.group(1)) <= 0:
        raise ValueError(f"{value!r} is not an interval (e.g. 30s, 15m, 1h)")
    return float(found.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[found.group(2)]


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes | None  # None: not modified since the last poll
    etag: str | None
    modified: str | None


def fetch(feed: str, etag: str | None, modified: str | None) -> Fetched:
    """The feed's bytes, unless unchanged since (etag, modified). Raises OSError when it is down."""
    if not re.match(r"https?://", feed):
        path = Path(feed)
        stamp = formatdate(path.stat().st_mtime, usegmt=True)
        return Fetched(None if stamp == modified else path.read_bytes(), None, stamp)
    request = urllib.request.Request(feed, headers={"User-Agent": USER_AGENT})
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return Fetched(response.read(), response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(None, etag, modified)
        raise OSError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise OSError(str(exc.reason)) from None


def poll(
    store: Store,
    feed: str,
    *,
    stages: Sequence[str],
    kb_files: Sequence[str] = (),
    report: Callable[[str], None],
) -> Summary:
    """Fetch one feed once and ingest its new items."""
    conn = store.conn
    row = conn.execute("SELECT etag, modified FROM feeds WHERE url = ?", (feed,)).fetchone()
    etag, modified = row if row else (None, None)
    with conn:
        conn.execute("INSERT OR IGNORE INTO feeds (url) VALUES (?)", (feed,))
        conn.execute("UPDATE feeds SET last_polled = ? WHERE url = ?", (now(), feed))
    try:
        fetched = fetch(feed, etag, modified)
    except OSError as exc:
        report(f"{feed}: down: {exc} (tried again at the next poll)")
        with conn:
            conn.execute("UPDATE feeds SET last_error = ?, failures = failures + 1 WHERE url = ?", (str(exc), feed))
        return Summary()
    if fetched.data is None:
        return Summary()
    seen = {i for (i,) in conn.execute("SELECT item_id FROM feed_items WHERE feed = ?", (feed,))}
    reads = list(read_feed(fetched.data, feed))
    broken = [r for r in reads if r.document is None and r.item_id is None]  # the feed, not an item
    new = [r for r in reads if r.item_id is not None and r.item_id not in seen]
    new += [r for r in reads if r.item_id is None and r.document is not None and r.document.id not in seen]

    def remember(read: Read, doc_id: str | None) -> None:
        key = read.item_id or doc_id
        with conn:
            conn.execute("INSERT OR IGNORE INTO feed_items VALUES (?, ?, ?, ?)", (feed, key, doc_id, now()))

    for read in broken:
        report(f"{read.origin}: {read.problem} (tried again at the next poll)")
    summary = ingest(new, store, stages=stages, kb_files=kb_files, workers=1, progress=False, report=report,
                     stored=remember)  # fmt: skip
    for read in new:
        if read.document is None:
            remember(read, None)  # a bad item is not read again at every poll
    with conn:
        if broken:
            conn.execute("UPDATE feeds SET last_error = ?, failures = failures + 1 WHERE url = ?",
                         (broken[0].problem, feed))  # fmt: skip
        else:
            conn.execute(
                "UPDATE feeds SET etag = ?, modified = ?, last_ok = ?, last_error = NULL, failures = 0 WHERE url = ?",
                (fetched.etag, fetched.modified, now(), feed),
            )
    return summary


def watch(
    store: Store,
    feeds: Sequence[str],
    *,
    every_s: float,
    stages: Sequence[str],
    kb_files: Sequence[str] = (),
    rounds: int | None = None,
    report: Callable[[str], None],
) -> None:
    """Poll every feed, then wait `every_s` seconds, for `rounds` rounds (None: until stopped)."""
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        for feed in feeds:
            summary = poll(store, feed, stages=stages, kb_files=kb_files, report=report)
            if summary.read:
                report(f"{feed}: {summary.lines()[0]}")
        done += 1
        if rounds is None or done < rounds:
            time.sleep(max(0.0, every_s - (time.monotonic() - started)))
