"""Knowledge-base records from YAML or CSV files: the bundled actors and a user's own tables.

One mechanism serves both: marsad's curated actors (data/curated/actors.yaml)
and every file a user adds with `--kb FILE` or `MARSAD_KB` are read here, so a
user's file is checked exactly like ours. Every problem is an InputError naming
the file, the line and the field.

YAML: a mapping with any of the lists `actors`, `places`, `countries`, `sectors`.
CSV (or TSV): one record per row; a `table` column says which list the row
belongs to (actor, place, country, sector); list fields are separated by "|".
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from marsad.decode import decode_utf8
from marsad.errors import InputError
from marsad.model import ActorCode

SECTORS = frozenset(
    "GOV MIL COP SPY JUD LEG PTY OPP REB UAF IGO NGO JRN ELI EDU BUS REL MED CVL LAB REF AGR DEV ENV HRI".split()
)
TABLES = ("actors", "places", "countries", "sectors")
_CSV_TABLES = {"actor": "actors", "place": "places", "country": "countries", "sector": "sectors"}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class Role:
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    role: str | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    type: str  # PER or ORG
    name: str
    name_latin: str | None
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    wikidata: str | None
    roles: tuple[Role, ...]
    # names that are everyday words too (القاعدة "the base", الجزيرة "the island"): they link
    # a whole PER/ORG mention the tagger found, but are never searched for in running text
    whole_names: tuple[str, ...] = ()
    # the adjective of a member or a thing of this actor (الحوثي، الحوثية، الحوثيين): in a role
    # phrase it gives the person this actor's country and sector (القيادي الحوثي X)
    adjectives: tuple[str, ...] = ()

    def role_on(self, day: date | None) -> ActorCode:
        """(country, sector) on a day: the dated role covering it, else the actor's main ones."""
        if day is not None:
            for role in reversed(self.roles):
                if role.covers(day):
                    return ActorCode(role.country, role.sector)
        return ActorCode(self.country, self.sector)


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    id: int
    name: str
    aliases: tuple[str, ...]
    country: str
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class CountryRecord:
    iso3: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectorRecord:
    phrase: str
    sector: str


@dataclass(slots=True)
class Records:
    actors: list[Actor]
    places: list[PlaceRecord]
    countries: list[CountryRecord]
    sectors: list[SectorRecord]


class _LineLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """A safe loader that remembers the line of every mapping (as "__line__"); libyaml's parser
    when PyYAML has it, five times faster on the bundled actors than the pure-Python one."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


class _Fields:
    """Typed access to one record's fields, failing with file, line and field."""

    def __init__(self, raw: dict[str, Any], source: str, line: int | None, table: str) -> None:
        self.raw, self.source, self.line, self.table = raw, source, line, table

    def fail(self, field: str, problem: str) -> InputError:
        return InputError(self.source, f"{self.table} record, field {field!r}: {problem}", self.line)

    def text(self, field: str, required: bool = False) -> str | None:
        value = self.raw.get(field)
        if value is None or value == "":
            if required:
                raise self.fail(field, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(field, f"must be text, got {type(value).__name__}")
        return str(value).strip()

    def required(self, field: str) -> str:
        value = self.text(field, required=True)
        assert value is not None
        return value

    def texts(self, field: str) -> tuple[str, ...]:
        value = self.raw.get(field)
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split("|") if v.strip())
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value if v.strip())
        raise self.fail(field, "must be a list of texts (YAML list, or values separated by | in CSV)")

    def country(self, field: str = "country", required: bool = False) -> str | None:
        value = self.text(field, required)
        if value is not None and not _ISO3.match(value):
            raise self.fail(field, f"{value!r} is not an ISO 3166 alpha-3 code (e.g. LBY) or null")
        return value

    def sector(self, field: str = "sector", required: bool = False) -> str | None:
        value = self.text(field, required)
        if value is not None and value not in SECTORS:
            raise self.fail(field, f"{value!r} is not a sector code ({', '.join(sorted(SECTORS))})")
        return value

    def number(self, field: str, kind: type[int] | type[float], required: bool = False) -> float | None:
        value = self.raw.get(field)
        if value is None or value == "":
            if required:
                raise self.fail(field, "is required")
            return None
        try:
            return kind(value)
        except (TypeError, ValueError):
            raise self.fail(field, f"{value!r} is not a number") from None

    def day(self, field: str, end: bool = False) -> date | None:
        value = self.raw.get(field)
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        text = str(value)
        try:
            if re.fullmatch(r"\d{4}", text):
                return date(int(text), 12, 31) if end else date(int(text), 1, 1)
            if re.fullmatch(r"\d{4}-\d{2}", text):
                y, m = int(text[:4]), int(text[5:])
                return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
            return date.fromisoformat(text)
        except ValueError:
            raise self.fail(field, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _actor(f: _Fields) -> Actor:
    ident = f.required("id")
    if not _SLUG.match(ident):
        raise f.fail("id", f"{ident!r} must be lowercase ASCII letters, digits, '-', '_' or '.'")
    kind = f.required("type")
    if kind not in ("PER", "ORG"):
        raise f.fail("type", f"{kind!r} must be PER or ORG")
    wikidata = f.text("wikidata")
    if wikidata is not None and not re.fullmatch(r"Q\d+", wikidata):
        raise f.fail("wikidata", f"{wikidata!r} is not a Wikidata id (Q followed by digits)")
    roles = []
    raw_roles = f.raw.get("roles") or []
    if not isinstance(raw_roles, list):
        raise f.fail("roles", "must be a list of {country, sector, start, end}")
    for raw in raw_roles:
        if not isinstance(raw, dict):
            raise f.fail("roles", "every role must be a mapping")
        r = _Fields(raw, f.source, raw.get("__line__", f.line), f.table + " role")
        roles.append(Role(r.country(), r.sector(), r.day("start"), r.day("end", end=True), r.text("role")))
    return Actor(
        id=ident,
        type=kind,
        name=f.required("name"),
        name_latin=f.text("name_latin"),
        aliases=f.texts("aliases"),
        country=f.country(),
        sector=f.sector(),
        wikidata=wikidata,
        roles=tuple(roles),
        whole_names=f.texts("whole_names"),
        adjectives=f.texts("adjectives"),
    )


def _place(f: _Fields) -> PlaceRecord:
    lat = f.number("lat", float, required=True)
    lon = f.number("lon", float, required=True)
    assert lat is not None and lon is not None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise f.fail("lat", f"({lat}, {lon}) is not a latitude/longitude pair")
    ident = f.number("geonameid", int) or f.number("id", int, required=True)
    country = f.country(required=True)
    assert ident is not None and country is not None
    return PlaceRecord(
        id=int(ident),
        name=f.required("name"),
        aliases=f.texts("aliases"),
        country=country,
        lat=lat,
        lon=lon,
        population=int(f.number("population", int) or 0),
    )


def _country(f: _Fields) -> CountryRecord:
    iso3 = f.country("iso3", required=True)
    assert iso3 is not None
    return CountryRecord(iso3, f.texts("names"), f.texts("demonyms"))


def _sector(f: _Fields) -> SectorRecord:
    sector = f.sector(required=True)
    assert sector is not None
    return SectorRecord(f.required("phrase"), sector)


_BUILDERS = {"actors": _actor, "places": _place, "countries": _country, "sectors": _sector}


def parse_records(text: str, source: str) -> Records:
    """Records from the text of a YAML (.yaml/.yml) or CSV/TSV file."""
    out = Records([], [], [], [])
    for table, raw, line in _raw_records(text, source):
        if not isinstance(raw, dict):
            raise InputError(source, f"every {table} entry must be a mapping of fields", line)
        record = _BUILDERS[table](_Fields(raw, source, line, table[:-1]))
        getattr(out, table).append(record)
    return out


def _raw_records(text: str, source: str) -> list[tuple[str, Any, int | None]]:
    if source.endswith((".yaml", ".yml")):
        try:
            data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError(
                source, f"is not valid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None
            ) from None
        if data is None:
            return []
        if not isinstance(data, dict):
            raise InputError(source, f"must be a mapping with any of: {', '.join(TABLES)}", 1)
        out = []
        for key, items in data.items():
            if key == "__line__":
                continue
            if key not in TABLES:
                raise InputError(
                    source, f"unknown table {key!r}; expected one of: {', '.join(TABLES)}", data["__line__"]
                )
            if not isinstance(items, list):
                raise InputError(source, f"{key!r} must be a list", data["__line__"])
            out += [(key, item, item.get("__line__") if isinstance(item, dict) else None) for item in items]
        return out
    dialect = "excel-tab" if source.endswith(".tsv") else "excel"
    rows = csv.DictReader(io.StringIO(text), dialect=dialect)
    if rows.fieldnames is None or "table" not in rows.fieldnames:
        raise InputError(source, "a CSV knowledge-base file needs a 'table' column (actor, place, country, sector)", 1)
    out = []
    for lineno, row in enumerate(rows, start=2):
        table = _CSV_TABLES.get((row.get("table") or "").strip())
        if table is None:
            raise InputError(source, f"table {row.get('table')!r} is not one of: actor, place, country, sector", lineno)
        out.append((table, {k: v for k, v in row.items() if k and v not in (None, "")}, lineno))
    return out


def read_records(path: str | Path) -> Records:
    """Records from a user's YAML or CSV file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(p), f"cannot be read: {exc.strerror or exc}") from None
    if not str(p).endswith((".yaml", ".yml", ".csv", ".tsv")):
        raise InputError(str(p), "a knowledge-base file must end in .yaml, .yml, .csv or .tsv")
    return parse_records(decode_utf8(data, str(p)), str(p))
