"""Build examples/ant-sample.jsonl: a small excerpt of the ANT corpus for `make demo`.

ANT v2.1 is Apache-2.0 (cite Chouigui et al. 2021); the articles' copyright
stays with their outlets, so only a dozen short political articles ship, with
their source and URL. Articles used by the gold sets in tests/data are left out.

    python scripts/build_demo_corpus.py [--ant PATH] [--count 12]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from email.utils import parsedate_to_datetime
from pathlib import Path

from buildlib import ROOT, SHARED, gold_article_ids

DEFAULT_ANT = SHARED / "data" / "news" / "ant" / "ant_v2.1_middleEast_internationalNews.jsonl.gz"
OUT = ROOT / "examples" / "ant-sample.jsonl"
SOURCES = {
    "skynews": "Sky News Arabia",
    "france24": "France 24",
    "alarabia": "Al Arabiya",
    "CNN": "CNN Arabic",
    "BBC": "BBC Arabic",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ant", type=Path, default=DEFAULT_ANT)
    parser.add_argument("--count", type=int, default=12)
    args = parser.parse_args()
    print(f"input sha256={hashlib.sha256(args.ant.read_bytes()).hexdigest()}")
    excluded = gold_article_ids()
    per_source: dict[str, int] = {}
    chosen = []
    with gzip.open(args.ant, "rt", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            # short middle-east political stories, a few from each outlet, in corpus order
            if a["cat"] != "middleEast" or a["docno"] in excluded or not 600 <= len(a["text"]) <= 1800:
                continue
            if per_source.get(a["src"], 0) >= args.count // 4:
                continue
            per_source[a["src"]] = per_source.get(a["src"], 0) + 1
            chosen.append(
                {
                    "text": a["text"],
                    "title": a["title"],
                    "published": parsedate_to_datetime(a["time"]).date().isoformat(),
                    "source": SOURCES.get(a["src"], a["src"]),
                    "url": a["url"],
                }
            )
            if len(chosen) == args.count:
                break
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), encoding="utf-8")
    print(f"{len(chosen)} articles -> {OUT.relative_to(ROOT)} ({per_source})")


if __name__ == "__main__":
    main()
