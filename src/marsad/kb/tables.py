"""Loading the bundled knowledge-base tables (marsad/data/kb)."""

from __future__ import annotations

import csv
import gzip
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from marsad.errors import DataError


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name_en: str
    name_ar: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    names: tuple[str, ...]  # matching forms
    demonyms: tuple[str, ...]  # every form of the nationality adjective, matching forms


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int
    name_en: str
    name_ar: str
    country: str  # ISO3
    admin1: str
    lat: float
    lon: float
    population: int
    names: tuple[str, ...]


def _read(name: str) -> list[dict[str, str]]:
    ref = resources.files("marsad.data").joinpath("kb", name)
    try:
        raw = ref.read_bytes()
        text = gzip.decompress(raw).decode("utf-8") if name.endswith(".gz") else raw.decode("utf-8")
    except (OSError, ValueError) as exc:
        raise DataError(f"bundled knowledge-base table marsad/data/kb/{name} is unreadable: {exc}") from None
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def _float(value: str) -> float | None:
    return float(value) if value else None


@cache
def countries() -> dict[str, Country]:
    """Countries by ISO3 code."""
    out = {}
    for r in _read("countries.tsv"):
        out[r["iso3"]] = Country(
            iso3=r["iso3"],
            iso2=r["iso2"],
            name_en=r["name_en"],
            name_ar=r["name_ar"],
            geonameid=int(r["geonameid"]) if r["geonameid"] else None,
            lat=_float(r["lat"]),
            lon=_float(r["lon"]),
            names=tuple(n for n in r["names"].split("|") if n),
            demonyms=tuple(n for n in r["demonyms"].split("|") if n),
        )
    return out


@cache
def places() -> dict[int, Place]:
    """Populated places (GeoNames, population >= 1000) by GeoNames id."""
    out = {}
    for r in _read("places.tsv.gz"):
        gid = int(r["geonameid"])
        out[gid] = Place(
            geonameid=gid,
            name_en=r["name_en"],
            name_ar=r["name_ar"],
            country=r["country"],
            admin1=r["admin1"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            population=int(r["population"] or 0),
            names=tuple(r["names"].split("|")),
        )
    return out


@cache
def countries_by_name() -> dict[str, tuple[Country, ...]]:
    """Matching form of a country name -> the countries it names."""
    index: dict[str, list[Country]] = defaultdict(list)
    for c in countries().values():
        for n in c.names:
            index[n].append(c)
    return {k: tuple(v) for k, v in index.items()}


@cache
def demonym_index() -> dict[str, tuple[Country, ...]]:
    """Matching form of a nationality adjective (any gender, number, definiteness) -> countries."""
    index: dict[str, list[Country]] = defaultdict(list)
    for c in countries().values():
        for n in c.demonyms:
            index[n].append(c)
    return {k: tuple(v) for k, v in index.items()}


@cache
def places_by_name() -> dict[str, tuple[Place, ...]]:
    """Matching form of a place name -> places, most populous first."""
    index: dict[str, list[Place]] = defaultdict(list)
    for p in places().values():
        for n in p.names:
            index[n].append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in index.items()}
