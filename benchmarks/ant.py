"""Reading articles of the ANT corpus (../shared/data/news/ant) and the hand-made gold files
(tests/data), shared by the benchmark scripts."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from email.utils import parsedate_tz
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "news" / "ant" / "ant_v2.1_middleEast_internationalNews.jsonl.gz"
GOLD_DIR = ROOT / "tests" / "data"


def require_ant() -> None:
    """Stop with a clear message when ../shared is not beside the repository."""
    if not ANT.exists():
        sys.exit(f"{ANT}: not found (this benchmark reads ../shared/data)")


def read_gold(name: str) -> list[dict[str, Any]]:
    """The records of a gold file in tests/data, one JSON object per line."""
    text = (GOLD_DIR / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def records(path: Path = ANT) -> Iterator[dict[str, Any]]:
    """Every article record, in corpus order."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def texts_by_id(ids: set[str], path: Path = ANT) -> dict[str, str]:
    """The text of each article whose docno is in `ids`."""
    return {r["docno"]: r["text"] for r in records(path) if r["docno"] in ids}


def published_by_id(ids: set[str], path: Path = ANT) -> dict[str, str]:
    """The date each article's `time` field gives, as written (no time-zone conversion), as the
    gold files' `published` is taken."""
    out = {}
    for r in records(path):
        if r["docno"] in ids and (parts := parsedate_tz(r["time"])):
            out[r["docno"]] = f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"
    return out
