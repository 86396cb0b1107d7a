"""The ANT corpus into a fresh store with 1 and 2 worker processes: articles/s, speed-up, the
store's share of the time, peak RSS per process, the database's size against the raw text; then
`marsad search` latency over 100 queries on that database.

    python benchmarks/ingest.py [--limit N] [--workers 1,2] [--queries 100]

Each run is a child process running `marsad.corpus.ingest` as `marsad ingest` does (the ANT file
read with --field published=time --field source=src), so peak RSS is per run. The store's share
is measured in the one-worker run, where analysis and storing happen in one process: the time
spent making the stored rows (search keys, MinHash signature) and writing them, against the time
the pipeline's stages take. Search latency is in-process (the query's analysis, FTS5 and the
snippets), without the command's start-up, over the most frequent names in the store.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import ANT, require_ant  # noqa: E402
from marsad.store.db import Store  # noqa: E402
from marsad.store.queries import search  # noqa: E402

QUERY_SEED = 7

# Runs in a child process: one ingest, timed part by part, its figures as one JSON line.
CHILD = """
import itertools, json, resource, sys, time
from marsad import corpus
from marsad.ingest import read_inputs
from marsad.pipeline import Pipeline
from marsad.stages import DEFAULT_STAGES
from marsad.store.db import Store

path, db, workers, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
spent = {"pipeline": 0.0, "rows": 0.0, "write": 0.0}

def timed(part, function):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[part] += time.perf_counter() - started
    return wrapper

if workers == 1:  # in one process every part can be timed
    Pipeline.__call__ = timed("pipeline", Pipeline.__call__)
    corpus.stored_document = timed("rows", corpus.stored_document)
Store.add = timed("write", Store.add)
reads = itertools.islice(read_inputs([path], fields={"published": "time", "source": "src"}), limit)
started = time.perf_counter()
with Store(db) as store:
    summary = corpus.ingest(reads, store, stages=DEFAULT_STAGES, workers=workers, progress=False, report=lambda _: None)
elapsed = time.perf_counter() - started
print(json.dumps({
    "elapsed": elapsed, "stored": summary.stored, "read": summary.read, "duplicates": summary.duplicates,
    "skipped": sum(summary.skipped.values()), **spent,
    "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=20_000, help="articles to read (default: all 17,797)")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    require_ant()
    counts = [int(n) for n in args.workers.split(",")]

    runs: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for workers in counts:
            db = Path(tmp) / f"ant-{workers}.db"
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, str(ANT), str(db), str(workers), str(args.limit)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            )
            runs[workers] = json.loads(proc.stdout.splitlines()[-1])
            runs[workers]["db_mb"] = sum(p.stat().st_size for p in Path(tmp).glob(f"ant-{workers}.db*")) / 2**20
            print(f"{workers} worker(s): done in {runs[workers]['elapsed']:.0f} s", file=sys.stderr)
        db = Path(tmp) / f"ant-{counts[-1]}.db"
        with Store(db, readonly=True) as store:
            raw_mb = store.conn.execute("SELECT sum(length(CAST(text AS BLOB))) FROM documents").fetchone()[0] / 2**20
            latencies, queries = _search_latencies(store, args.queries)

    _report(runs, raw_mb, latencies, queries)


def _search_latencies(store: Store, count: int) -> tuple[list[float], list[str]]:
    """Milliseconds per search over `count` of the 500 most frequent names (seeded draw)."""
    names = [
        row[0]
        for row in store.conn.execute(
            "SELECT text FROM mentions WHERE label IN ('PER', 'ORG', 'LOC')"
            " GROUP BY text ORDER BY count(*) DESC LIMIT 500"
        )
    ]
    queries = random.Random(QUERY_SEED).sample(names, min(count, len(names)))
    search(store, queries[0])  # the first query loads the text layer's data
    latencies = []
    for query in queries:
        started = time.perf_counter()
        search(store, query)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, queries


def _report(runs: dict[int, dict[str, float]], raw_mb: float, latencies: list[float], queries: list[str]) -> None:
    base = runs[min(runs)]
    print(f"ANT ({base['read']:.0f} records, {base['stored']:.0f} stored, {base['duplicates']:.0f} duplicates)")
    print(
        f"{'workers':<10}{'seconds':>9}{'art/s':>8}{'speed-up':>10}{'RSS main MB':>13}{'RSS worker MB':>15}{'DB MB':>8}"
    )
    for workers, run in runs.items():
        rate = run["stored"] / run["elapsed"]
        speedup = base["elapsed"] / run["elapsed"]
        worker_rss = run["rss_main_mb"] if workers == 1 else run["rss_worker_mb"]
        print(
            f"{workers:<10}{run['elapsed']:>9.0f}{rate:>8.1f}{speedup:>9.2f}×"
            f"{run['rss_main_mb']:>13.0f}{worker_rss:>15.0f}{run['db_mb']:>8.0f}"
        )
    store_share = (base["rows"] + base["write"]) / base["pipeline"] if base["pipeline"] else float("nan")
    parts = f"pipeline {base['pipeline']:.1f} s, rows made {base['rows']:.1f} s, written {base['write']:.1f} s"
    print(f"one worker: {parts}")
    print(f"store's cost against pipeline time: {store_share:.1%}")
    db_mb = runs[max(runs)]["db_mb"]
    print(f"database {db_mb:.0f} MB for {raw_mb:.0f} MB of raw text ({db_mb / raw_mb:.1f}×)")
    ordered = sorted(latencies)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    print(f"search over {len(queries)} names: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ordered[-1]:.1f} ms")
    top = max(runs)
    print(
        f"RESULT articles_per_s_1={base['stored'] / base['elapsed']:.1f}",
        f"articles_per_s_{top}={runs[top]['stored'] / runs[top]['elapsed']:.1f}",
        f"speedup={base['elapsed'] / runs[top]['elapsed']:.2f}",
        f"store_share={store_share:.3f}",
        f"rss_worker_mb={max(r['rss_main_mb'] if w == 1 else r['rss_worker_mb'] for w, r in runs.items()):.0f}",
        f"db_to_text={runs[top]['db_mb'] / raw_mb:.2f}",
        f"search_p50_ms={p50:.1f} search_p99_ms={p99:.1f}",
    )


if __name__ == "__main__":
    main()
