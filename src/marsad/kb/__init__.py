"""The knowledge base: countries, places, sectors and actors.

Bundled tables are built by scripts/build_kb.py into marsad/data/kb; marsad's
curated actors live in marsad/data/curated/actors.yaml; users add their own
YAML or CSV files (see README, "Extending the knowledge base"). Everything is
loaded once, lazily.
"""

from marsad.kb.base import ENV_VAR, KnowledgeBase, bundled, default, env_files, load
from marsad.kb.records import SECTORS, Actor, Role
from marsad.kb.tables import Country, Place

__all__ = [
    "ENV_VAR",
    "SECTORS",
    "Actor",
    "Country",
    "KnowledgeBase",
    "Place",
    "Role",
    "bundled",
    "default",
    "env_files",
    "load",
]
