"""Build src/marsad/data/wordfreq.tsv.gz: word-form frequencies of the ANT news corpus.

The clitic segmenter splits a prefix or suffix off only when what remains is a
word that news text actually uses; this table is that evidence. Forms are in
marsad's matching normalisation. Only counts leave the corpus, never text.

    python scripts/build_wordfreq.py [--shared PATH]      (or: make data)
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
from pathlib import Path

from buildlib import DATA, SHARED, Step, write_gz
from marsad.text.normalize import normalize_word

ANT = Path("data/news/ant/ant_v2.1_middleEast_internationalNews.jsonl.gz")
OUT = DATA / "wordfreq.tsv.gz"
MIN_COUNT = 3
ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")


def build(shared: Path = SHARED) -> Step:
    source = shared / ANT
    counts: collections.Counter[str] = collections.Counter()
    articles = 0
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            for field in ("title", "text"):
                counts.update(ARABIC_WORD.findall(normalize_word(record.get(field) or "")))
            articles += 1
    kept = sorted(((w, c) for w, c in counts.items() if c >= MIN_COUNT), key=lambda wc: (-wc[1], wc[0]))
    write_gz(OUT, "".join(f"{w}\t{c}\n" for w, c in kept))
    return Step(
        "wordfreq",
        "scripts/build_wordfreq.py",
        [source],
        [OUT],
        {"articles": articles, "tokens": sum(counts.values()), "forms": len(counts), "kept": len(kept)},
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    print(build(parser.parse_args().shared))
