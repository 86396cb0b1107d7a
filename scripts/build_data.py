"""Build every data file marsad ships, in order, and write the manifest DATA.md quotes.

    python scripts/build_data.py                    # every step (make data)
    python scripts/build_data.py --steps kb         # some steps; the others keep their record
    python scripts/build_data.py --manifest-only    # after editing a curated file by hand
    python scripts/build_data.py --check            # do the files match the manifest? (the tests run this)

Steps, each a script of its own that a later step's input depends on:
wordfreq (the segmenter's evidence) -> kb (countries, places, sectors; place names are filtered
by word frequency) -> event_ontology (PLOVER types, CAMEO roots) -> event_lexicon (triggers, stored
as the segmenter's stems) -> clusters (over the segmenter's base forms) -> ner_lexicons ->
ner_models (features read all of the above) -> event_filter (trained on what the whole pipeline
finds in the development event gold and the GSR).

The manifest (src/marsad/data/manifest.json) records, for each step, the inputs it read with
their SHA-256, the files it wrote and what it counted; and for every file in the package's data,
its SHA-256 and size. `data_version` hashes the files: it is part of every analysis key.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
import time
from pathlib import Path

from buildlib import DATA, SHARED, Step, relative, sha256

MANIFEST = DATA / "manifest.json"
# step -> the script (module) whose build(shared) makes it; imported only to run it, as the
# clusters and models need the `train` extra (numpy, scipy) and --check needs nothing
STEPS: dict[str, str] = {
    "wordfreq": "build_wordfreq",
    "kb": "build_kb",
    "event_ontology": "build_event_ontology",
    "event_lexicon": "build_event_lexicon",
    "clusters": "build_clusters",
    "ner_lexicons": "build_ner_lexicons",
    "ner_models": "train_ner",
    "event_filter": "train_event_filter",
}
NOT_DATA = {"__init__.py", "manifest.json"}


def data_files() -> list[Path]:
    """Every file of the package's data folder (code and the manifest itself aside)."""
    return sorted(p for p in DATA.rglob("*") if p.is_file() and p.name not in NOT_DATA and "__pycache__" not in p.parts)


def file_table() -> dict[str, dict[str, int | str]]:
    return {str(p.relative_to(DATA)): {"sha256": sha256(p), "bytes": p.stat().st_size} for p in data_files()}


def data_version(files: dict[str, dict[str, int | str]]) -> str:
    h = hashlib.sha256()
    for name, entry in sorted(files.items()):
        h.update(f"{name}\t{entry['sha256']}\n".encode())
    return h.hexdigest()[:12]


def step_record(step: Step, seconds: float) -> dict[str, object]:
    return {
        "name": step.name,
        "script": step.script,
        "inputs": {relative(p): sha256(p) for p in step.inputs},
        "outputs": [str(p.relative_to(DATA)) for p in step.outputs],
        "counts": step.counts,
        "seconds": round(seconds),
    }


def read_manifest() -> dict[str, object]:
    if not MANIFEST.exists():
        return {"steps": []}
    manifest: dict[str, object] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return manifest


def write_manifest(steps: list[dict[str, object]]) -> dict[str, object]:
    files = file_table()
    order = list(STEPS)
    steps = sorted(steps, key=lambda s: order.index(str(s["name"])))
    manifest = {"data_version": data_version(files), "steps": steps, "files": files}
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def check() -> list[str]:
    """What differs between the data files and the manifest (nothing when they match)."""
    manifest = read_manifest()
    recorded: dict[str, dict[str, object]] = manifest.get("files", {})  # type: ignore[assignment]
    actual = file_table()
    problems = [f"{n}: in the manifest but not in src/marsad/data" for n in sorted(set(recorded) - set(actual))]
    problems += [f"{n}: not in the manifest" for n in sorted(set(actual) - set(recorded))]
    problems += [
        f"{n}: sha256 {actual[n]['sha256']} but the manifest says {recorded[n]['sha256']}"
        for n in sorted(set(actual) & set(recorded))
        if actual[n]["sha256"] != recorded[n]["sha256"]
    ]
    if not problems and manifest.get("data_version") != data_version(actual):
        problems.append("data_version does not match the files")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of: {', '.join(STEPS)}")
    parser.add_argument("--manifest-only", action="store_true", help="rehash the files; build nothing")
    parser.add_argument("--check", action="store_true", help="compare the files with the manifest; build nothing")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(f"src/marsad/data/{problem}", file=sys.stderr)
        sys.exit(1 if problems else 0)
    records = {str(s["name"]): s for s in read_manifest().get("steps", [])}  # type: ignore[union-attr]
    if not args.manifest_only:
        for name in args.steps.split(","):
            if name not in STEPS:
                sys.exit(f"unknown step {name!r}; steps are: {', '.join(STEPS)}")
        for name in STEPS:  # always in build order, whatever order they were named in
            if name in args.steps.split(","):
                t0 = time.time()
                step: Step = importlib.import_module(STEPS[name]).build(args.shared)
                records[name] = step_record(step, time.time() - t0)
                print(f"{name}: {step.counts} ({time.time() - t0:.0f} s)", flush=True)
    manifest = write_manifest(list(records.values()))
    print(f"data_version {manifest['data_version']} -> {MANIFEST.relative_to(DATA.parents[2])}")


if __name__ == "__main__":
    main()
