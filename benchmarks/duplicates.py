"""Near-duplicate articles in the ANT corpus, found by the store's own rule (MinHash LSH over word
3-grams, Jaccard ≥ 0.7): how many clusters, how large, how fast; and the precision of the
clusters a person checked by hand (benchmarks/data/duplicates_checked.tsv: a seeded sample of 50
clusters, each member judged against the cluster's first article).

    python benchmarks/duplicates.py [--limit N] [--sample FILE]

`--sample FILE` writes the seeded sample of 50 clusters (ids and texts) for checking by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import ANT, records, require_ant  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.store.db import DUPLICATE_THRESHOLD, Store  # noqa: E402
from marsad.store.rows import stored_document  # noqa: E402
from marsad.text.stage import analyze_text  # noqa: E402

CHECKED = ROOT / "benchmarks" / "data" / "duplicates_checked.tsv"
SAMPLE_SEED = 13
SAMPLE_SIZE = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=20_000, help="articles to read (default: all 17,797)")
    parser.add_argument("--sample", type=Path, help="write the sample of clusters to check to this JSONL file")
    args = parser.parse_args()
    require_ant()

    articles = [(r["docno"], r["text"]) for r in islice(records(ANT), args.limit)]
    docno_of: dict[str, str] = {}
    exact = 0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dup.db") as store:
        started = time.perf_counter()
        for docno, text in articles:
            doc = analyze_text(Document(text=text))
            if doc.id in docno_of:
                exact += 1  # the same text as an article before: not stored twice, in no cluster
                continue
            docno_of[doc.id] = docno
            store.add(stored_document(doc), docno)
        elapsed = time.perf_counter() - started
        rows = store.conn.execute("SELECT id, cluster_id FROM documents WHERE cluster_id IS NOT NULL ORDER BY rowid")
        clusters: dict[str, list[str]] = defaultdict(list)
        for doc_id, cluster in rows:
            clusters[docno_of[cluster]].append(docno_of[doc_id])
    sizes = Counter(len(members) for members in clusters.values())
    in_clusters = sum(len(m) for m in clusters.values())
    texts = dict(articles)

    sample = sorted(clusters)
    random.Random(SAMPLE_SEED).shuffle(sample)
    sample = sample[:SAMPLE_SIZE]
    if args.sample:
        with args.sample.open("w", encoding="utf-8") as out:
            for first in sample:
                members = [m for m in clusters[first] if m != first]
                out.write(json.dumps({"first": first, "text": texts[first],
                                      "members": [{"id": m, "text": texts[m]} for m in members]},
                                     ensure_ascii=False) + "\n")  # fmt: skip

    judged = _checked(sample, clusters)
    print(f"{len(articles)} ANT articles, threshold Jaccard {DUPLICATE_THRESHOLD}")
    print(f"{'exact duplicates (not stored)':<34}{exact:>8}")
    print(f"{'clusters of near-duplicates':<34}{len(clusters):>8}")
    print(f"{'articles in clusters':<34}{in_clusters:>8}  ({in_clusters / len(articles):.1%})")
    for size in sorted(sizes):
        print(f"{'  clusters of ' + str(size):<34}{sizes[size]:>8}")
    print(f"{'articles/s (text stage + store)':<34}{len(articles) / elapsed:>8.0f}")
    if judged:
        right = sum(judged.values())
        print(f"hand-checked: {len(judged)} pairs in {SAMPLE_SIZE} clusters, {right} true near-duplicates")
        print(f"pair precision {right / len(judged):.3f}")
        complete = [f for f in sample if all((f, m) in judged for m in clusters[f] if m != f)]
        cluster_ok = [all(judged[(f, m)] for m in clusters[f] if m != f) for f in complete]
        print(f"cluster precision (every member right, {len(complete)} clusters) {sum(cluster_ok) / len(complete):.3f}")
    else:
        print(f"no hand checks found in {CHECKED}")
    precision = f"{sum(judged.values()) / len(judged):.4f}" if judged else "nan"
    print(
        f"RESULT exact_duplicates={exact} clusters={len(clusters)} clustered_articles={in_clusters}",
        f"pair_precision={precision}",
        f"articles_per_s={len(articles) / elapsed:.0f}",
    )


def _checked(sample: list[str], clusters: dict[str, list[str]]) -> dict[tuple[str, str], bool]:
    """The hand judgments of the sample's pairs (first article, member)."""
    if not CHECKED.exists():
        return {}
    with CHECKED.open(encoding="utf-8") as fh:
        marks = {(r["first"], r["member"]): r["same"] == "yes" for r in csv.DictReader(fh, delimiter="\t")}
    pairs = [(f, m) for f in sample for m in clusters[f] if m != f]
    missing = [p for p in pairs if p not in marks]
    if missing:
        print(f"warning: {len(missing)} sampled pairs are not in {CHECKED.name} (the sample changed?)")
    return {p: marks[p] for p in pairs if p in marks}


if __name__ == "__main__":
    main()
