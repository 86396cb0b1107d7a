"""One very large article: time and peak memory of `marsad extract` on it, and what each stage costs.

The article is the first ANT articles joined by blank lines up to the size asked for (5 MB of
UTF-8 by default), so it reads like news, not like one sentence repeated. Three runs:
1. `marsad extract --no-tokens FILE` in a fresh process: wall time and peak RSS (models included);
2. the same with tokens: how much of the output the tokens are;
3. in this process, after a warm-up, each stage timed on its own.

    python benchmarks/big_input.py [--mb 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import records, require_ant  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402


def big_article(megabytes: float) -> str:
    texts, size = [], 0
    for record in records():
        texts.append(record["text"])
        size += len(record["text"].encode("utf-8")) + 2
        if size >= megabytes * 1_000_000:
            break
    return "\n\n".join(texts)


CHILD = """
import resource, sys
from marsad.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run_cli(path: Path, *options: str) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and output bytes of one `marsad extract` process."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "extract", *options, str(path)],
        capture_output=True,
        check=True,
        cwd=ROOT / "src",
    )
    seconds = time.perf_counter() - started
    peak_kb = int(proc.stderr.decode().split()[-1])
    return seconds, peak_kb / 1024, len(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the article in MB of UTF-8")
    args = parser.parse_args()
    require_ant()
    text = big_article(args.mb)
    doc = Pipeline.default(["text"]).run(text)
    print(f"article: {len(text.encode()) / 1e6:.1f} MB, {len(text):,} characters, {len(doc.tokens):,} tokens")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(text, encoding="utf-8")
        lean_s, lean_mb, lean_bytes = run_cli(path, "--no-tokens")
        full_s, full_mb, full_bytes = run_cli(path)
    print(f"{'marsad extract':<28}{'seconds':>10}{'peak MB':>10}{'output MB':>12}")
    print(f"{'--no-tokens':<28}{lean_s:>10.1f}{lean_mb:>10.0f}{lean_bytes / 1e6:>12.1f}")
    print(f"{'with tokens':<28}{full_s:>10.1f}{full_mb:>10.0f}{full_bytes / 1e6:>12.1f}")
    print(f"tokens are {1 - lean_bytes / full_bytes:.0%} of the output")

    nlp = Pipeline.default()
    nlp.run("قال المسماري إن الجيش تقدم.")
    doc = Document(text=text)
    print(f"\n{'stage':<12}{'seconds':>10}{'tokens/s':>12}")
    for name, stage in nlp.stages:
        t0 = time.perf_counter()
        doc = stage(doc)
        seconds = time.perf_counter() - t0
        print(f"{name:<12}{seconds:>10.2f}{len(doc.tokens) / seconds:>12,.0f}")
    print(
        f"RESULT seconds={lean_s:.1f} peak_rss_mb={lean_mb:.0f} seconds_with_tokens={full_s:.1f}",
        f"peak_rss_with_tokens_mb={full_mb:.0f} output_mb={full_bytes / 1e6:.1f}",
        f"output_no_tokens_mb={lean_bytes / 1e6:.1f}",
    )


if __name__ == "__main__":
    main()
