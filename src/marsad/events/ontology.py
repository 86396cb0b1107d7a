"""PLOVER's event ontology as marsad codes it: the 16 event types with their modes, the contexts,
and for each type and mode its CAMEO root, quad class and Goldstein score.

The data is one file, marsad/data/events/ontology.json, built by scripts/build_event_ontology.py
from the PLOVER manual's summary and the CAMEO-to-PLOVER table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from marsad.data import read_text
from marsad.errors import DataError

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    meaning: str
    cameo_root: str | None
    goldstein: float | None


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    meaning: str
    quad: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    requires_recipient: bool
    cameo_root: str | None
    goldstein: float | None
    modes: dict[str, Mode]

    def cameo_root_of(self, mode: str | None) -> str | None:
        """The CAMEO root of this type in a mode (the type's own when the mode has none)."""
        found = self.modes.get(mode or "")
        return found.cameo_root if found is not None and found.cameo_root else self.cameo_root

    def goldstein_of(self, mode: str | None) -> float | None:
        found = self.modes.get(mode or "")
        return found.goldstein if found is not None and found.goldstein is not None else self.goldstein


@dataclass(frozen=True, slots=True)
class Ontology:
    types: dict[str, EventType]
    contexts: dict[str, str]  # name -> what it covers


@cache
def ontology() -> Ontology:
    """The bundled ontology (loaded once)."""
    try:
        data = json.loads(read_text("events", "ontology.json"))
        types = {
            name: EventType(
                name,
                t["meaning"],
                int(t["quad"]),
                bool(t["requires_recipient"]),
                t["cameo_root"],
                t["goldstein"],
                {m: Mode(m, v["meaning"], v["cameo_root"], v["goldstein"]) for m, v in t["modes"].items()},
            )
            for name, t in data["types"].items()
        }
        return Ontology(types, dict(data["contexts"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"bundled event ontology marsad/data/events/ontology.json is malformed: {exc}") from None
