"""What the data build scripts share: paths, hashing, deterministic gzip, the articles the gold
files use, and the report a step gives the manifest (scripts/build_data.py)."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "src" / "marsad" / "data"  # what ships in the package
CURATED = ROOT / "data" / "curated"  # hand-made build inputs that do not ship
sys.path.insert(0, str(ROOT / "src"))


@dataclass
class Step:
    """What one build step read and wrote."""

    name: str
    script: str
    inputs: list[Path]
    outputs: list[Path]
    counts: dict[str, int | float] = field(default_factory=dict)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def gold_article_ids() -> set[str]:
    """The ids of every article a gold file in tests/data uses: a new draw leaves them out."""
    ids: set[str] = set()
    for path in (ROOT / "tests" / "data").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                # a gold of names keeps its articles as examples (places_frequency_gold)
                ids |= {r["article_id"] for r in [record, *record.get("examples", [])] if "article_id" in r}
    return ids


ANT = SHARED / "data" / "news" / "ant" / "ant_v2.1_middleEast_internationalNews.jsonl.gz"


def fresh_article_ids(keep: Callable[[str], bool] = lambda text: True) -> list[str]:
    """The ids, sorted, of the ANT articles of 700 to 3,000 characters that no gold file uses and
    whose text `keep` accepts: what a new gold set is drawn from."""
    used = gold_article_ids()
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        return sorted(
            r["docno"]
            for r in map(json.loads, fh)
            if 700 <= len(r["text"]) <= 3000 and r["docno"] not in used and keep(r["text"])
        )


def write_gz(path: Path, text: str) -> None:
    """Write gzip with a zero timestamp, so that the same text gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def relative(path: Path) -> str:
    """A path as the manifest writes it: under the repository, or under ../shared."""
    path = path.resolve()
    for base, prefix in ((ROOT, ""), (SHARED.resolve(), "../shared/")):
        if path.is_relative_to(base):
            return prefix + str(path.relative_to(base))
    return str(path)
