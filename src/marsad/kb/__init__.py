"""The knowledge base: countries, places (and, later, actors and sectors).

Tables are built by scripts/build_kb.py into marsad/data/kb and loaded once, lazily.
"""

from marsad.kb.tables import Country, Place, countries, countries_by_name, demonym_index, places, places_by_name

__all__ = ["Country", "Place", "countries", "countries_by_name", "demonym_index", "places", "places_by_name"]
