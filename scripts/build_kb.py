"""Build marsad's knowledge base tables in src/marsad/data/kb/ from ../shared/data/gazetteers.

    python scripts/build_kb.py [--shared PATH]
    (or: make data)

Outputs (all names in marsad's matching normalisation, | separated):
- countries.tsv: iso3, iso2, name_en, name_ar, geonameid, lat, lon (of the capital, or of the
  largest city when the gazetteer lacks the capital), names,
  demonyms (every form of the nationality adjective: ليبي ليبية ليبيون ليبيين ليبيات, with and
  without the article).
- places.tsv.gz: geonameid, name_en, name_ar, country (ISO3), admin1, lat, lon, population,
  names; GeoNames' places with Arabic names and the few it lacks (data/curated/place_additions.tsv).
  name_ar is the spelling most frequent in ANT. Names that are ordinary words in news
  (data/curated/place_stopwords.tsv),
  names shorter than three letters and names that only occur as a country name are dropped.
- regions.tsv: provinces, territories and regions from data/curated/regions.tsv (no GeoNames id).
- sectors.tsv: phrase -> sector (data/curated/sectors.tsv, then the PETRARCH Arabic agent phrases,
  CAMEO codes mapped to PLOVER sectors).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

from buildlib import CURATED, DATA, SHARED, Step, write_gz
from marsad.kb.tables import demonym_forms
from marsad.text.clitics import word_counts
from marsad.text.normalize import normalize_word

OUT = DATA / "kb"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def build_countries(gaz: Path, raw_places: list[dict[str, str]]) -> list[list[str]]:
    countries = read_tsv(gaz / "countries_ar" / "countries_ar.tsv")
    demonyms: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv(gaz / "demonyms_ar" / "demonym_candidates_validated.tsv"):
        singular = normalize_word(row["demonym_ar_msc_sg"])
        # some rule-made rows are not adjectives (ليبيي، مملكة العربية السعوديي)
        if " " not in singular and not singular.endswith("يي"):
            demonyms[row["iso3"]] |= demonym_forms(singular)
    extra_names: dict[str, set[str]] = defaultdict(set)
    dropped: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv(CURATED / "country_names.tsv"):
        iso3, kind, name = row["iso3"], row["kind"], normalize_word(row["name"])
        if kind == "demonym":
            demonyms[iso3] |= demonym_forms(name)
        elif kind == "plural":
            demonyms[iso3].add(name)
        elif kind == "name":
            extra_names[iso3].add(name)
        else:
            dropped[iso3].add(name)
    capitals: dict[tuple[str, str], dict[str, str]] = {}
    largest: dict[str, dict[str, str]] = {}
    for place in sorted(raw_places, key=lambda p: -int(p["population"] or 0)):
        capitals.setdefault((place["country"], place["name"].split(",")[0]), place)  # Washington, D.C.
        largest.setdefault(place["country"], place)
    rows = []
    for c in countries:
        names = {normalize_word(c["name_ar_cldr"]), normalize_word(c["name_ar_isocodes"])}
        names |= {normalize_word(n) for n in c["names_ar_countrynames"].split("|") if n}
        names |= extra_names[c["iso3"]]
        # the source's variants include Uyghur spellings (ئىراق) and nationality adjectives
        names = {
            n for n in names if len(n.replace(" ", "")) >= 3 and not n.startswith("ئ") and n not in dropped[c["iso3"]]
        }
        # a country's point is its capital or, when the gazetteer lacks the capital
        # (it has no Washington DC), its largest city
        capital = capitals.get((c["iso2"], c["capital_en"]))
        if capital is None or int(capital["population"] or 0) < 50_000:
            capital = largest.get(c["iso2"], capital)
        lat, lon = (capital["lat"], capital["lon"]) if capital else ("", "")
        rows.append(
            [
                c["iso3"],
                c["iso2"],
                c["name_en"],
                c["name_ar_cldr"],
                c["geonameid"],
                lat,
                lon,
                "|".join(sorted(names)),
                "|".join(sorted(demonyms[c["iso3"]])),
            ]
        )
    return rows


# Countries whose place names are Arabic words in their own right (Arab League,
# Iran, Turkey, Israel): elsewhere a three-letter Arabic name is a transliteration.
MENA = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE IR TR IL".split())


def build_places(
    raw_places: list[dict[str, str]], iso2_to_iso3: dict[str, str], country_names: dict[str, set[str]]
) -> list[list[str]]:
    stop = {normalize_word(r["name"]) for r in read_tsv(CURATED / "place_stopwords.tsv")}
    extra = {r["geonameid"]: r["names"].split("|") for r in read_tsv(CURATED / "place_names.tsv")}
    counts = word_counts()
    rows = []
    for r in raw_places:
        r = {**r, "arabic_names": "|".join([r["arabic_names"], *extra.get(r["geonameid"], [])])}
        names = set()
        local = r["country"] in MENA or int(r["population"] or 0) >= 1_000_000
        for raw in r["arabic_names"].split("|"):
            name = normalize_word(raw).strip()
            letters = len(name.replace(" ", ""))
            # a country's name is the country, but a great city of that name elsewhere keeps it (عمان:
            # Amman); a town named like a country (Lebanon, Pennsylvania) does not
            named_elsewhere = iso2_to_iso3.get(r["country"]) not in country_names.get(name, ())
            great = int(r["population"] or 0) >= 1_000_000 and named_elsewhere
            if letters < 3 or name in stop or (name in country_names and not great):
                continue
            if letters == 3 and not local and (int(r["population"] or 0) < 500_000 or counts.get(name, 0) >= 30):
                continue  # short transliterations of foreign towns (مان، وار) are ordinary syllables
            names.add(name)
        if not names or r["country"] not in iso2_to_iso3:
            continue
        # the spelling news uses most (GeoNames lists ترابلس before طرابلس)
        name_ar = max(r["arabic_names"].split("|"), key=lambda n: counts.get(normalize_word(n), 0))
        rows.append(
            [
                r["geonameid"],
                r["name"],
                name_ar,
                iso2_to_iso3[r["country"]],
                r["admin1"],
                r["lat"],
                r["lon"],
                r["population"],
                "|".join(sorted(names)),
            ]
        )
    return rows


# CAMEO type codes in the PETRARCH agents file -> the PLOVER sector marsad uses
# (PLOVER renames CAMEO's MED "media" to JRN and HLH "health" to MED).
AGENT_SECTORS = {"MED": "JRN", "HLH": "MED", "IMG": "UAF", "MUS": "REL", "JEW": "REL", "CHR": "REL", "INS": "REB"}
SECTORS = set(
    "GOV MIL COP SPY JUD LEG PTY OPP REB UAF IGO NGO JRN ELI EDU BUS REL MED CVL LAB REF AGR DEV ENV HRI".split()
)


def build_sectors(gaz: Path) -> list[list[str]]:
    """Phrase -> sector: the curated list first, then PETRARCH agent phrases it does not cover."""
    sectors: dict[str, str] = {}
    for row in read_tsv(CURATED / "sectors.tsv"):
        sectors[normalize_word(row["phrase"])] = row["sector"]
    stopwords = {
        normalize_word(line)
        for line in (CURATED / "sector_stopwords.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    agent_line = re.compile(r"\[~([A-Z]{3})[A-Z]*\]\s*(?:#[^\u0600-\u06ff]*)?([\u0600-\u06ff][\u0600-\u06ff ]*)")
    for line in (gaz / "petrarch_arabic" / "agents.all.ar.txt").read_text(encoding="utf-8").splitlines():
        m = agent_line.search(line)
        if not m or line.startswith("#"):
            continue
        code, phrase = m.group(1), normalize_word(m.group(2)).strip()
        sector = AGENT_SECTORS.get(code, code)
        if sector in SECTORS and len(phrase) >= 3 and phrase not in stopwords:
            sectors.setdefault(phrase, sector)
    return [[p, s] for p, s in sorted(sectors.items())]


def build(shared: Path = SHARED) -> Step:
    gaz = shared / "data" / "gazetteers"
    sources = [
        gaz / "countries_ar" / "countries_ar.tsv",
        gaz / "demonyms_ar" / "demonym_candidates_validated.tsv",
        gaz / "geonames_ar" / "geonames_cities1000_arabic_names.tsv",
        gaz / "petrarch_arabic" / "agents.all.ar.txt",
        *sorted(CURATED.iterdir()),
    ]
    raw_places = read_tsv(gaz / "geonames_ar" / "geonames_cities1000_arabic_names.tsv")
    raw_places += read_tsv(CURATED / "place_additions.tsv")
    countries = build_countries(gaz, raw_places)
    iso2_to_iso3 = {row[1]: row[0] for row in countries}
    country_names: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        for n in row[7].split("|"):
            country_names[n].add(row[0])
    places = build_places(raw_places, iso2_to_iso3, country_names)
    sectors = build_sectors(gaz)
    regions = [
        [normalize_word(r["name"]), "|".join(normalize_word(a) for a in r["aliases"].split("|") if a), r["country"],
         r["lat"], r["lon"], r["resolution"], r["name"], r["bare"]]
        for r in read_tsv(CURATED / "regions.tsv")
    ]  # fmt: skip

    OUT.mkdir(parents=True, exist_ok=True)
    header = "iso3\tiso2\tname_en\tname_ar\tgeonameid\tlat\tlon\tnames\tdemonyms\n"
    (OUT / "countries.tsv").write_text(header + "".join("\t".join(r) + "\n" for r in countries), encoding="utf-8")
    text = "geonameid\tname_en\tname_ar\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\n"
    write_gz(OUT / "places.tsv.gz", text + "".join("\t".join(r) + "\n" for r in places))
    (OUT / "regions.tsv").write_text(
        "name\taliases\tcountry\tlat\tlon\tresolution\tname_ar\tbare\n" + "".join("\t".join(r) + "\n" for r in regions),
        "utf-8",
    )
    (OUT / "sectors.tsv").write_text("phrase\tsector\n" + "".join("\t".join(r) + "\n" for r in sectors), "utf-8")
    outputs = [OUT / n for n in ("countries.tsv", "places.tsv.gz", "regions.tsv", "sectors.tsv")]
    counts = {"countries": len(countries), "places": len(places), "regions": len(regions), "sectors": len(sectors)}
    return Step("kb", "scripts/build_kb.py", sources, outputs, counts)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    print(build(parser.parse_args().shared))
