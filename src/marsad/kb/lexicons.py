"""The word-level lexicons behind the entity tagger's features, loaded once from marsad/data:

- word clusters learned from ANT news (scripts/build_clusters.py);
- person-name tokens from Wikidata (scripts/build_ner_lexicons.py);
- titles, organisation head nouns and group words (the knowledge base's curated word lists);
- country names, nationality adjectives and place names of the bundled knowledge base: the
  features must be those the models were trained with, whatever a user's files add.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.data import data_lines
from marsad.kb.tables import bundled_countries, bundled_places
from marsad.kb.wordlists import wordlists


@dataclass(frozen=True, slots=True)
class Lexicons:
    clusters: dict[str, tuple[str, str, str]]  # base form -> cluster ids at 64/256/1024
    person_tokens: dict[str, int]  # name token -> Wikidata frequency
    titles: frozenset[str]  # title heads (matching forms)
    org_heads: frozenset[str]
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
    for line in data_lines("clusters.tsv.gz"):
        word, a, b, c = line.split("\t")
        clusters[word] = (a, b, c)
    person_tokens = {}
    for line in data_lines("ner", "person_tokens.tsv.gz"):
        token, count = line.split("\t")
        person_tokens[token] = int(count)
    words = wordlists()
    return Lexicons(
        clusters=clusters,
        person_tokens=person_tokens,
        titles=frozenset(words.titles),
        org_heads=words.org_heads,
        groups=words.groups,
        countries=frozenset(n for c in bundled_countries().values() for n in c.names),
        demonyms=frozenset(n for c in bundled_countries().values() for n in c.demonyms),
        places=_place_populations(),
    )
