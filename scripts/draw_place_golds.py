"""Draw what the place golds of tests/data/resolution_guidelines_places.md ("Frequency gold",
"Context gold") are annotated on, from a store of the ANT corpus:

- the most frequent place names: LOC mentions grouped by matching form (clitics are outside a
  mention already), with their counts and a few example sentences;
- random place mentions in their sentences: LOC mentions sorted by (article, offset), shuffled
  with a fixed seed; the first half of the draw is development, the second half held out
  (designated here, before any annotation).

Names and mentions are those marsad's entity stage finds: the golds measure resolution, not
recognition ("not a place" is an answer). Packets hold article text for the annotators and are
written outside the repository; the gold files keep ids, offsets and answers only.

    marsad ingest ANT.jsonl.gz --field published=time --field source=src --db ant.db
    python scripts/draw_place_golds.py ant.db OUT_DIR [--names 500] [--mentions 300] [--seed 20261207]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

from buildlib import ANT
from marsad.text.normalize import normalize_word

EXAMPLES = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--names", type=int, default=500)
    parser.add_argument("--mentions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        docno_of_line = {n: json.loads(line)["docno"] for n, line in enumerate(fh, start=1)}
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    docs = {}
    for doc_id, origin, text in conn.execute("SELECT id, origin, text FROM documents"):
        docs[doc_id] = (docno_of_line[int(origin.rsplit(":", 1)[1])], text)
    sentences = defaultdict(list)
    for doc_id, start, end in conn.execute('SELECT doc_id, start, "end" FROM sentences ORDER BY doc_id, n'):
        sentences[doc_id].append((start, end))
    mentions = conn.execute(
        "SELECT doc_id, start, \"end\", text FROM mentions WHERE label = 'LOC' ORDER BY doc_id, start"
    ).fetchall()

    def sentence(doc_id: str, start: int) -> str:
        text = docs[doc_id][1]
        for a, b in sentences[doc_id]:
            if a <= start < b:
                return text[a:b]
        return text[max(0, start - 150) : start + 150]

    args.out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for doc_id, start, _end, text in mentions:
        name = " ".join(normalize_word(text).split())
        counts[name] += 1
        surface[name][text] += 1
        where[name].append((doc_id, start))
    rng = random.Random(args.seed)
    with (args.out / "place_names.jsonl").open("w", encoding="utf-8") as out:
        for name, count in counts.most_common(args.names):
            sample = rng.sample(where[name], min(EXAMPLES, len(where[name])))
            out.write(json.dumps({
                "name": surface[name].most_common(1)[0][0], "key": name, "count": count,
                "examples": [{"article_id": docs[d][0], "start": s, "sentence": sentence(d, s)} for d, s in sample],
            }, ensure_ascii=False) + "\n")  # fmt: skip
    drawn = sorted((docs[d][0], s, e, t, d) for d, s, e, t in mentions)
    rng.shuffle(drawn)
    drawn = drawn[: args.mentions]
    half = len(drawn) // 2
    for part, chosen in (("dev", drawn[:half]), ("test", drawn[half:])):
        with (args.out / f"place_mentions_{part}.jsonl").open("w", encoding="utf-8") as out:
            for docno, start, end, text, doc_id in chosen:
                out.write(json.dumps({
                    "article_id": docno, "start": start, "end": end, "text": text,
                    "sentence": sentence(doc_id, start),
                }, ensure_ascii=False) + "\n")  # fmt: skip
    total = sum(counts.values())
    top = sum(c for _, c in counts.most_common(args.names))
    print(f"{len(mentions)} LOC mentions, {len(counts)} names; the top {args.names} cover {top / total:.1%}")


if __name__ == "__main__":
    main()
