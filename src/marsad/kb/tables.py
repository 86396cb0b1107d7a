"""The bundled knowledge-base tables (marsad/data/kb), built by scripts/build_kb.py."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from marsad.data import read_text
from marsad.text.normalize import normalize_word


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
    names: tuple[str, ...]  # matching forms


@dataclass(frozen=True, slots=True)
class Region:
    """A province, territory or region (قطاع غزة، دارفور، القرم): no GeoNames id, an approximate centre."""

    name_ar: str
    country: str  # ISO3
    lat: float
    lon: float
    resolution: str  # admin, locality or region (a continent, a sea: country "" when it spans several)
    names: tuple[str, ...]  # matching forms
    bare_means_region: bool = False  # غزة alone is the Strip, not Gaza City


def demonym_forms(singular: str) -> set[str]:
    """Every form of a nationality adjective from its masculine singular (ليبي → ليبية، الليبيون …)."""
    base = normalize_word(singular)
    if not base.endswith("ي"):
        return {base, "ال" + base} if not base.startswith("ال") else {base}
    forms = {base, base + "ة", base + "ون", base + "ين", base + "ات", base + "ان"}
    return forms | {"ال" + f for f in forms}


def _read(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read_text("kb", name)), delimiter="\t"))


def _float(value: str) -> float | None:
    return float(value) if value else None


@cache
def bundled_countries() -> dict[str, Country]:
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
def bundled_places() -> dict[int, Place]:
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
def bundled_regions() -> list[Region]:
    return [
        Region(
            r["name_ar"],
            r["country"],
            float(r["lat"]),
            float(r["lon"]),
            r["resolution"],
            tuple(n for n in (r["name"], *r["aliases"].split("|")) if n),
            r["bare"] == "region",
        )
        for r in _read("regions.tsv")
    ]


@cache
def bundled_sectors() -> dict[str, str]:
    """Matching form of an agent noun or phrase -> sector code."""
    return {r["phrase"]: r["sector"] for r in _read("sectors.tsv")}
