"""KnowledgeBase: the bundled tables, marsad's curated actors and a user's own files, merged.

    kb = marsad.kb.load(["my_actors.yaml"])          # bundled + these files
    kb = marsad.kb.default()                          # bundled + the files named in MARSAD_KB

User records add to the bundled ones and replace them where they share a key
(actor id, place id, country code, sector phrase).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from marsad.kb.records import Actor, Records, parse_records, read_records
from marsad.kb.tables import (
    Country,
    Place,
    Region,
    bundled_countries,
    bundled_places,
    bundled_regions,
    bundled_sectors,
    demonym_forms,
)
from marsad.text.normalize import normalize_word
from marsad.text.phrases import PhraseMatcher

ENV_VAR = "MARSAD_KB"


@dataclass
class KnowledgeBase:
    countries: dict[str, Country]
    places: dict[int, Place]
    regions: list[Region]
    actors: dict[str, Actor]
    sectors: dict[str, str]  # matching form of a phrase -> sector
    sources: tuple[str, ...] = ()
    _indexes: dict[str, Any] = field(default_factory=dict, repr=False)

    def _index(self, name: str, build: Any) -> Any:
        if name not in self._indexes:
            self._indexes[name] = build()
        return self._indexes[name]

    def countries_by_name(self) -> dict[str, tuple[Country, ...]]:
        """Matching form of a country name -> the countries it names."""
        result: dict[str, tuple[Country, ...]] = self._index(
            "countries", lambda: _by_name(self.countries.values(), lambda c: c.names)
        )
        return result

    def demonyms(self) -> dict[str, tuple[Country, ...]]:
        """Matching form of a nationality adjective (any gender, number, definiteness) -> countries."""
        result: dict[str, tuple[Country, ...]] = self._index(
            "demonyms", lambda: _by_name(self.countries.values(), lambda c: c.demonyms)
        )
        return result

    def places_by_name(self) -> dict[str, tuple[Place, ...]]:
        """Matching form of a place name -> places, most populous first."""
        result: dict[str, tuple[Place, ...]] = self._index(
            "places", lambda: _by_name(sorted(self.places.values(), key=lambda p: -p.population), lambda p: p.names)
        )
        return result

    def regions_by_name(self) -> dict[str, Region]:
        """Matching form of a region name -> the region."""
        result: dict[str, Region] = self._index("regions", lambda: {n: r for r in self.regions for n in r.names})
        return result

    def actor_matcher(self) -> PhraseMatcher[tuple[Actor, ...]]:
        """Actor names and aliases (matching forms) -> the actors they name."""

        def build() -> PhraseMatcher[tuple[Actor, ...]]:
            by_name: dict[str, list[Actor]] = defaultdict(list)
            for actor in self.actors.values():
                for name in {actor.name, *actor.aliases}:
                    by_name[normalize_word(name)].append(actor)
                if actor.name_latin:  # CNN, Reuters: Latin names as written in Arabic text
                    by_name[actor.name_latin.lower()].append(actor)
            return PhraseMatcher((name, tuple(actors)) for name, actors in by_name.items())

        result: PhraseMatcher[tuple[Actor, ...]] = self._index("actors", build)
        return result

    def actors_by_whole_name(self) -> dict[str, tuple[Actor, ...]]:
        """Matching form of a name -> the actors it names when it is a whole mention: every
        name and alias, and the whole-mention-only names (القاعدة، الجزيرة)."""

        def build() -> dict[str, tuple[Actor, ...]]:
            return _by_name(
                self.actors.values(),
                lambda a: (
                    {normalize_word(n) for n in (a.name, *a.aliases, *a.whole_names)}
                    | ({a.name_latin.lower()} if a.name_latin else set())
                ),
            )

        result: dict[str, tuple[Actor, ...]] = self._index("actors_whole", build)
        return result

    def actors_by_adjective(self) -> dict[str, tuple[Actor, ...]]:
        """Matching form of a membership adjective (الحوثي، الإخوانية) -> the actors it marks."""
        result: dict[str, tuple[Actor, ...]] = self._index(
            "actors_adjective",
            lambda: _by_name(self.actors.values(), lambda a: {normalize_word(n) for n in a.adjectives}),
        )
        return result

    def actors_by_first_and_last_word(self) -> dict[tuple[str, str], tuple[Actor, ...]]:
        """(first word, last word) of a name of several words -> the actors it names, for names
        written with more or fewer middle names (مهدي محمد حسين المشاط for مهدي المشاط)."""

        def build() -> dict[tuple[str, str], tuple[Actor, ...]]:
            index: dict[tuple[str, str], list[Actor]] = defaultdict(list)
            for actor in self.actors.values():
                for name in {normalize_word(n) for n in (actor.name, *actor.aliases)}:
                    words = name.split()
                    if len(words) >= 2 and actor not in index[(words[0], words[-1])]:
                        index[(words[0], words[-1])].append(actor)
            return {k: tuple(v) for k, v in index.items()}

        result: dict[tuple[str, str], tuple[Actor, ...]] = self._index("actors_first_last", build)
        return result

    def sector_matcher(self) -> PhraseMatcher[str]:
        """Agent nouns and phrases (الجيش، القوات المسلحة، مسلحون مجهولون) -> sector."""
        result: PhraseMatcher[str] = self._index("sectors", lambda: PhraseMatcher(self.sectors.items()))
        return result


T = TypeVar("T")


def _by_name(items: Iterable[T], names: Callable[[T], Iterable[str]]) -> dict[str, tuple[T, ...]]:
    """Name -> the items carrying it, in the order given."""
    index: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for name in names(item):
            index[name].append(item)
    return {k: tuple(v) for k, v in index.items()}


@cache
def _bundled_actor_records() -> Records:
    ref = resources.files("marsad.data").joinpath("curated", "actors.yaml")
    return parse_records(ref.read_text(encoding="utf-8"), "marsad/data/curated/actors.yaml")


def _merge(kb: KnowledgeBase, records: Records) -> None:
    for actor in records.actors:
        kb.actors[actor.id] = actor
    for rec in records.countries:
        old = kb.countries.get(rec.iso3)
        names = tuple(normalize_word(n) for n in rec.names)
        forms = tuple(sorted({f for d in rec.demonyms for f in demonym_forms(d)}))
        if old is None:
            name = rec.names[0] if rec.names else rec.iso3
            kb.countries[rec.iso3] = Country(rec.iso3, "", name, name, None, None, None, names, forms)
        else:
            kb.countries[rec.iso3] = replace(old, names=old.names + names, demonyms=old.demonyms + forms)
    for place in records.places:
        names = tuple(normalize_word(n) for n in (place.name, *place.aliases))
        kb.places[place.id] = Place(
            place.id, place.name, place.name, place.country, "", place.lat, place.lon, place.population, names
        )
    for sec in records.sectors:
        kb.sectors[normalize_word(sec.phrase)] = sec.sector


def build(files: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The bundled knowledge base extended with the given files, read afresh (after a user
    edited one of them; `load` returns the copy read before)."""
    names = tuple(str(Path(f)) for f in files)
    kb = KnowledgeBase(
        countries=dict(bundled_countries()),
        places=dict(bundled_places()),
        regions=list(bundled_regions()),
        actors={},
        sectors=dict(bundled_sectors()),
        sources=("marsad", *names),
    )
    _merge(kb, _bundled_actor_records())
    for path in names:
        _merge(kb, read_records(path))
    return kb


@cache
def _load(files: tuple[str, ...]) -> KnowledgeBase:
    return build(files)


def load(files: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The bundled knowledge base extended with the given YAML/CSV files (loaded once per set of files)."""
    return _load(tuple(str(Path(f)) for f in files))


def env_files() -> list[str]:
    """The files named in MARSAD_KB (separated like PATH entries)."""
    return [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]


def default() -> KnowledgeBase:
    """The bundled knowledge base plus the files named in MARSAD_KB."""
    return load(env_files())


def bundled() -> KnowledgeBase:
    """The knowledge base exactly as shipped (what the entity model's features were trained with)."""
    return load([])
