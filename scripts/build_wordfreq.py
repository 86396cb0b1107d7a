"""Build src/marsad/data/wordfreq.tsv.gz: word-form frequencies of the ANT news corpus.

The clitic segmenter splits a prefix or suffix off only when what remains is a
word that news text actually uses; this table is that evidence. Forms are in
marsad's matching normalisation. Only counts leave the corpus, never text.

    python scripts/build_wordfreq.py [--ant PATH] [--min-count 3]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.text.normalize import normalize_word  # noqa: E402

DEFAULT_ANT = ROOT.parent / "shared" / "data" / "news" / "ant" / "ant_v2.1_middleEast_internationalNews.jsonl.gz"
OUT = ROOT / "src" / "marsad" / "data" / "wordfreq.tsv.gz"
ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ant", type=Path, default=DEFAULT_ANT)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()

    digest = hashlib.sha256(args.ant.read_bytes()).hexdigest()
    counts: collections.Counter[str] = collections.Counter()
    articles = 0
    with gzip.open(args.ant, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            for field in ("title", "text"):
                counts.update(ARABIC_WORD.findall(normalize_word(record.get(field) or "")))
            articles += 1
    kept = sorted(((w, c) for w, c in counts.items() if c >= args.min_count), key=lambda wc: (-wc[1], wc[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip bytes identical across rebuilds
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(f"{w}\t{c}\n" for w, c in kept).encode("utf-8"))
    print(f"input sha256={digest} articles={articles} tokens={sum(counts.values())}")
    print(f"forms={len(counts)} kept={len(kept)} (count >= {args.min_count}) -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
