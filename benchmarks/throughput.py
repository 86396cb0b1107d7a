"""Throughput of the pipeline on the ANT news corpus, one process, one core.

Reads ANT articles into memory first (I/O and JSON parsing are not timed),
runs a warm-up pass over the first articles (to load lexicons and models),
then times each pipeline stage over the whole set, with Python's cycle collector
paused for each document as `Pipeline` does. Peak RSS is the process maximum,
lexicons and models included.

    python benchmarks/throughput.py [--limit N] [--stages text,...]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import ANT, records  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.pipeline import Pipeline, collector_paused  # noqa: E402
from marsad.stages import DEFAULT_STAGES  # noqa: E402


def load_texts(path: Path, limit: int) -> list[str]:
    return [r["text"] for r in islice(records(path), limit)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ant", type=Path, default=ANT)
    parser.add_argument("--limit", type=int, default=20_000, help="articles to read (default: all 17,797)")
    parser.add_argument("--stages", default=",".join(DEFAULT_STAGES), help="comma-separated stage names")
    args = parser.parse_args()
    if not args.ant.exists():
        sys.exit(f"{args.ant}: not found (the ANT corpus lives in ../shared/data/news/ant)")

    texts = load_texts(args.ant, args.limit)
    chars = sum(len(t) for t in texts)
    pipeline = Pipeline.default(args.stages.split(","))
    for text in texts[:200]:
        pipeline(Document(text=text))

    per_stage = dict.fromkeys(pipeline.names, 0.0)
    tokens = 0
    started = time.perf_counter()
    for text in texts:
        doc = Document(text=text)
        with collector_paused():
            for name, stage in pipeline.stages:
                t0 = time.perf_counter()
                doc = stage(doc)
                per_stage[name] += time.perf_counter() - t0
        tokens += len(doc.tokens)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"{len(texts)} articles, {chars / len(texts):.0f} characters and {tokens / len(texts):.0f} tokens on average")
    print(f"{'stage':<12}{'seconds':>10}{'articles/s':>12}{'tokens/s':>12}")
    for name, seconds in per_stage.items():
        print(f"{name:<12}{seconds:>10.2f}{len(texts) / seconds:>12.0f}{tokens / seconds:>12.0f}")
    print(f"{'total':<12}{elapsed:>10.2f}{len(texts) / elapsed:>12.0f}{tokens / elapsed:>12.0f}")
    print(f"peak RSS {peak_mb:.0f} MB")
    print(
        f"RESULT articles_per_s={len(texts) / elapsed:.0f} tokens_per_s={tokens / elapsed:.0f}",
        f"peak_rss_mb={peak_mb:.0f}",
    )


if __name__ == "__main__":
    main()
