"""marsad on Spark in local mode: 2,000 ANT articles on local[1] and local[2]; articles/s, the
speed-up, and the fixed start-up cost; then what those figures say of 50 million articles.

    python benchmarks/spark.py [--articles 2000] [--small 40]

Each run is a child process of its own (its own JVM and Python workers): the whole job on
`--small` articles, then on `--articles`; the start-up cost is the small run's time (session,
Python workers loading the pipeline's data, the job's fixed stages) and the rate is what the
extra articles cost: (articles - small) / (time - small run's time).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import ANT, require_ant  # noqa: E402

CHILD = """
import json, sys, time
started = time.perf_counter()
from marsad.spark.job import Options, run, session
spark = session(sys.argv[1])
ready = time.perf_counter()
summary = run(spark, Options(sys.argv[2], sys.argv[3]))
spark.stop()
print(json.dumps({"session": ready - started, "job": summary.seconds, "total": time.perf_counter() - started,
                  "documents": summary.documents}))
"""
TARGET = 50_000_000


def sample(path: Path, n: int) -> Path:
    with gzip.open(ANT, "rt", encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for line in itertools.islice(lines, n):
            record = json.loads(line)
            out.write(json.dumps({"text": record["text"], "published": record["time"], "source": record["src"]},
                                 ensure_ascii=False) + "\n")  # fmt: skip
    return path


def one(master: str, source: Path, out: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, master, str(source), str(out)], capture_output=True,
                          text=True, check=True)  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--small", type=int, default=40)
    args = parser.parse_args()
    require_ant()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        big, small = sample(Path(tmp) / "big.jsonl", args.articles), sample(Path(tmp) / "small.jsonl", args.small)
        for cores in (1, 2):
            master = f"local[{cores}]"
            s = one(master, small, Path(tmp) / f"s{cores}")
            b = one(master, big, Path(tmp) / f"b{cores}")
            rate = (b["documents"] - s["documents"]) / (b["total"] - s["total"])
            rows[cores] = {"startup": s["total"], "total": b["total"], "rate": rate, "documents": b["documents"]}
    print(f"{args.articles} ANT articles ({rows[1]['documents']} distinct), start-up measured on {args.small}\n")
    print("| master | whole run s | start-up s | articles/s after start-up | speed-up |")
    print("|---|---|---|---|---|")
    for cores, r in rows.items():
        print(f"| local[{cores}] | {r['total']:.1f} | {r['startup']:.1f} | {r['rate']:.1f} | "
              f"{r['rate'] / rows[1]['rate']:.2f} |")  # fmt: skip
    per_core = rows[1]["rate"]
    efficiency = rows[2]["rate"] / (2 * per_core)
    print(f"\n50 million articles at {per_core:.1f} articles/s per core and the measured 2-core efficiency "
          f"({efficiency:.0%}) held at scale:")  # fmt: skip
    print("| executor cores | hours | core-hours |")
    print("|---|---|---|")
    for cores in (16, 64, 256, 1024):
        hours = TARGET / (per_core * cores * efficiency) / 3600
        print(f"| {cores} | {hours:.1f} | {hours * cores:.0f} |")
    print(
        f"\nRESULT articles={args.articles} startup_s_1={rows[1]['startup']:.1f} startup_s_2={rows[2]['startup']:.1f}"
        f" rate_1={rows[1]['rate']:.1f} rate_2={rows[2]['rate']:.1f} speedup={rows[2]['rate'] / rows[1]['rate']:.2f}"
    )


if __name__ == "__main__":
    main()
