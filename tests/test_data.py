"""The bundled data files are the ones the manifest records (make data writes both)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "scripts" / "build_data.py"


def test_data_files_match_the_manifest() -> None:
    proc = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, "the data files differ from src/marsad/data/manifest.json:\n" + proc.stderr


def test_the_manifest_records_every_build_step_in_order() -> None:
    manifest = json.loads((ROOT / "src" / "marsad" / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in manifest["steps"]] == [
        "wordfreq",
        "kb",
        "event_ontology",
        "event_lexicon",
        "clusters",
        "ner_lexicons",
        "ner_models",
        "event_filter",
    ]
    for step in manifest["steps"]:
        assert step["inputs"] and step["outputs"] and step["counts"], step["name"]
        assert all(output in manifest["files"] for output in step["outputs"]), step["name"]


def test_build_only_inputs_do_not_ship() -> None:
    shipped = {p.name for p in (ROOT / "src" / "marsad" / "data").rglob("*") if p.is_file()}
    for name in ("place_stopwords.tsv", "sector_stopwords.txt", "country_names.tsv"):
        assert name not in shipped and (ROOT / "data" / "curated" / name).exists()


def test_the_check_fails_on_a_changed_file(tmp_path: Path) -> None:
    """--check must be able to fail: run it against a copy whose one file differs."""
    copy = tmp_path / "repo"
    (copy / "scripts").mkdir(parents=True)
    for name in ("build_data.py", "buildlib.py"):
        (copy / "scripts" / name).write_bytes((ROOT / "scripts" / name).read_bytes())
    data = copy / "src" / "marsad" / "data"
    data.mkdir(parents=True)
    (data / "manifest.json").write_bytes((ROOT / "src" / "marsad" / "data" / "manifest.json").read_bytes())
    for name in json.loads((data / "manifest.json").read_text())["files"]:
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_bytes((ROOT / "src" / "marsad" / "data" / name).read_bytes())
    script = [sys.executable, str(copy / "scripts" / "build_data.py"), "--check"]
    assert subprocess.run(script, capture_output=True, check=False).returncode == 0
    with (data / "curated" / "titles.tsv").open("a", encoding="utf-8") as fh:
        fh.write("عريف\tMIL\n")
    proc = subprocess.run(script, capture_output=True, text=True, check=False)
    assert proc.returncode == 1 and "curated/titles.tsv: sha256" in proc.stderr
