"""The word lists the entity stage uses, loaded once from marsad/data.

- word clusters learned from ANT news (scripts/build_clusters.py);
- person-name tokens from Wikidata (scripts/build_ner_lexicons.py);
- titles, title complements, organisation head nouns and group adjectives written
  for marsad (data/curated);
- country names, nationality adjectives and place names from the knowledge base.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

from marsad.errors import DataError
from marsad.kb.tables import bundled_countries, bundled_places
from marsad.text.normalize import normalize_word


def _data_lines(*parts: str) -> list[str]:
    ref = resources.files("marsad.data").joinpath(*parts)
    try:
        raw = ref.read_bytes()
        text = gzip.decompress(raw).decode("utf-8") if parts[-1].endswith(".gz") else raw.decode("utf-8")
    except (OSError, ValueError) as exc:
        raise DataError(f"bundled data file marsad/data/{'/'.join(parts)} is unreadable: {exc}") from None
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def curated_rows(name: str) -> list[list[str]]:
    """Rows of a curated TSV (header line dropped), or lines of a curated list."""
    lines = _data_lines("curated", name)
    if name.endswith(".tsv"):
        return [line.split("\t") for line in lines[1:]]
    return [[line] for line in lines]


@dataclass(frozen=True, slots=True)
class Lexicons:
    clusters: dict[str, tuple[str, str, str]]  # base form -> cluster ids at 64/256/1024
    person_tokens: dict[str, int]  # name token -> Wikidata frequency
    titles: dict[str, str | None]  # title head (matching form, may contain a space) -> sector
    title_complements: frozenset[str]
    org_heads: frozenset[str]
    institution_heads: frozenset[str]  # الجيش in الجيش الليبي
    institution_modifiers: frozenset[str]  # الوطني in الجيش الوطني الليبي
    construct_heads: frozenset[str]  # حكومة in حكومة النمسا
    named_institutions: frozenset[str]  # مجلس الوزراء، النيابة العامة: named by their function alone
    ministries: frozenset[str]  # الداخلية in وزارة الداخلية
    groups: frozenset[str]  # NORP words that name no single country
    countries: frozenset[str]  # single- and multi-word country names
    demonyms: frozenset[str]
    places: dict[str, int]  # place name -> largest population with that name


def _place_populations() -> dict[str, int]:
    out: dict[str, int] = {}
    for p in bundled_places().values():
        for name in p.names:
            out[name] = max(out.get(name, 0), p.population)
    return out


@cache
def lexicons() -> Lexicons:
    clusters = {}
    for line in _data_lines("clusters.tsv.gz"):
        word, a, b, c = line.split("\t")
        clusters[word] = (a, b, c)
    person_tokens = {}
    for line in _data_lines("ner", "person_tokens.tsv.gz"):
        token, count = line.split("\t")
        person_tokens[token] = int(count)
    return Lexicons(
        clusters=clusters,
        person_tokens=person_tokens,
        titles={normalize_word(h.replace("_", " ")): (None if s == "-" else s) for h, s in curated_rows("titles.tsv")},
        title_complements=frozenset(normalize_word(r[0]) for r in curated_rows("title_complements.txt")),
        org_heads=frozenset(normalize_word(r[0]) for r in curated_rows("org_heads.txt")),
        institution_heads=frozenset(normalize_word(n) for n, k in curated_rows("institutions.tsv") if k == "head"),
        construct_heads=frozenset(normalize_word(n) for n, k in curated_rows("institutions.tsv") if k == "construct"),
        named_institutions=frozenset(normalize_word(n) for n, k in curated_rows("institutions.tsv") if k == "named"),
        institution_modifiers=frozenset(
            normalize_word(n) for n, k in curated_rows("institutions.tsv") if k == "modifier"
        ),
        ministries=frozenset(normalize_word(n) for n, k in curated_rows("institutions.tsv") if k == "ministry"),
        groups=frozenset(normalize_word(r[0]) for r in curated_rows("norp_groups.tsv")),
        countries=frozenset(n for c in bundled_countries().values() for n in c.names),
        demonyms=frozenset(n for c in bundled_countries().values() for n in c.demonyms),
        places=_place_populations(),
    )
