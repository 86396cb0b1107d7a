"""Build src/marsad/data/events/ontology.json: PLOVER's event types, modes and contexts with the
CAMEO root, quad class and Goldstein score of each type and mode.

    python scripts/build_event_ontology.py [--shared PATH]      (or: make data)

Inputs (../shared/docs and ../shared/data/events/plover):
- plover_summary.json: the 16 types with their meaning, quad class, modes and the contexts;
- CAMEO2PLOVER-2021.txt: every CAMEO code -> PLOVER type (and mode);
- cameo_summary.json: CAMEO root codes with their Goldstein score.

The CAMEO root of a mode is the root most of the CAMEO codes mapped to that type and mode share
(193 fight with small arms -> 19 for ASSAULT firearms); of a type, the root most of its codes
share; a mode no code maps to takes its type's. Ties go to the lower root. The Goldstein score is
CAMEO's for that root.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from buildlib import DATA, SHARED, Step

OUT = DATA / "events" / "ontology.json"
PLOVER = Path("docs/plover_summary.json")
CAMEO = Path("docs/cameo_summary.json")
MAPPING = Path("data/events/plover/CAMEO2PLOVER-2021.txt")
# the mapping file names a few modes the manual has since renamed
MODE_NAMES = {("ASSAULT", "assassinate"): "targeted"}
# modes the manual added after the mapping: air strikes, by aircraft or drone, are CAMEO 195
MODE_CODES = {("ASSAULT", "aerial"): ["195"], ("ASSAULT", "drone"): ["195"]}
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([\w-]*)\s*)?")


def _cameo_codes(path: Path) -> list[tuple[str, str, str]]:
    """(CAMEO code, PLOVER type, mode or "") of every line of the mapping."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if m and len(m.group(1)) >= 3:
            kind, mode = m.group(2), (m.group(3) or "").strip()
            out.append((m.group(1), kind, MODE_NAMES.get((kind, mode), mode)))
    return out


def _root(codes: list[str]) -> str | None:
    counts = Counter(code[:2] for code in codes)
    return min(counts, key=lambda r: (-counts[r], r)) if counts else None


def build(shared: Path = SHARED) -> Step:
    plover = json.loads((shared / PLOVER).read_text(encoding="utf-8"))
    cameo = json.loads((shared / CAMEO).read_text(encoding="utf-8"))
    goldstein = {r["code"]: r["goldstein"] for r in cameo["root_codes"]}
    mapping = _cameo_codes(shared / MAPPING)
    types = {}
    for name, info in plover["event_types"].items():
        codes = [c for c, kind, _ in mapping if kind == name]
        root = _root(codes)
        modes = {}
        for mode, meaning in info["modes"].items():
            mode_codes = [c for c, kind, m in mapping if kind == name and m == mode] or MODE_CODES.get((name, mode), [])
            mode_root = _root(mode_codes) or root
            modes[mode] = {"meaning": meaning, "cameo_root": mode_root, "goldstein": goldstein.get(mode_root or "")}
        types[name] = {
            "meaning": info["meaning"],
            "quad": info["quad_code"],
            "quad_name": info["quad"],
            "plover_score": info["score"],
            "requires_recipient": info["requires_recipient"],
            "cameo_root": root,
            "goldstein": goldstein.get(root or ""),
            "modes": modes,
        }
    contexts = plover["contexts"]
    ontology = {
        "source": "PLOVER manual (CC BY-SA 4.0) via shared/docs/plover_summary.json; CAMEO2PLOVER-2021; CAMEO roots",
        "types": types,
        "contexts": contexts,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(ontology, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {"types": len(types), "modes": sum(len(t["modes"]) for t in types.values()), "contexts": len(contexts)}
    return Step(
        "event_ontology",
        "scripts/build_event_ontology.py",
        [shared / PLOVER, shared / CAMEO, shared / MAPPING],
        [OUT],
        counts,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    print(build(parser.parse_args().shared))
