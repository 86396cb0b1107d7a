"""The `places` pipeline stage (geocoding): LOC mentions -> countries and GeoNames places.

A name that is a country name resolves to the country. Otherwise every
populated place with that name is a candidate, scored by
- how populous it is (log scale): a capital beats a village of the same name;
- whether its country is one the document is about: countries named in it,
  nationality adjectives, unambiguous places already resolved, weighted by how
  often they occur, with the dateline (طرابلس (وكالات) at the top) counting
  most. طرابلس in a Libya story is Tripoli, Libya; in a Lebanon story,
  Tripoli, Lebanon. That evidence never lifts a place more than EVIDENCE_REACH
  times smaller than the largest of its name: واشنطن in a story from the United
  States is still Washington, D.C., not Washington, Utah, and موسكو is Moscow.
Mentions of the same place become one `places` record listing them all. A LOC
mention with no candidate is kept as an unresolved place (no id, no point, no
country: a guessed country would put it on the map), so no evidence is lost.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from marsad.index import index
from marsad.kb.base import KnowledgeBase
from marsad.kb.tables import Country, Place, Region
from marsad.model import Document, Mention, PlaceResolution, ResolvedPlace
from marsad.resources import Resources
from marsad.text.normalize import normalize_word

DATELINE_TOKENS = 6
CITY_POPULATION = 15_000  # below this a GeoNames populated place is a locality
COUNTRY_WEIGHT = 1.5  # in log10-population units: a country the document is about
COUNTRY_CAP = 2.5
DATELINE_WEIGHT = 4.0
DATELINE_BONUS = 4  # signals from the dateline count this many times
EVIDENCE_REACH = 8  # the document's countries can prefer a homonym up to this many times smaller
PROVINCE_WORDS = frozenset(normalize_word(w) for w in "محافظة ولاية إقليم منطقة ريف".split())
TOWN_WORDS = frozenset(normalize_word(w) for w in "مدينة بلدة قرية".split())
# the same before a name or a list of names (محافظات الحديدة وصنعاء وصعدة، مدينتي حماة وحلب); not
# ريف: ريف دمشق is the country around the city, and the name is the city's
PROVINCES_WORDS = (PROVINCE_WORDS - {normalize_word("ريف")}) | frozenset(
    normalize_word(w) for w in "محافظات محافظتي ولايات ولايتي أقاليم مديرية مديريات مناطق".split()
)
TOWNS_WORDS = TOWN_WORDS | frozenset(normalize_word(w) for w in "مدن مدينتي بلدات بلدتي قرى".split())
AREA_LOOKBACK = 8  # tokens: the names of a list between an area noun and a name
# words that introduce a place name and may be left inside a LOC mention
PLACE_WORDS = frozenset(normalize_word(w) for w in "مدينة بلدة قرية محافظة ولاية إقليم منطقة حي مخيم".split())


@dataclass(frozen=True, slots=True)
class _Candidate:
    country: Country | None
    place: Place | None
    region: Region | None = None


def _name_keys(text: str) -> list[str]:
    """Matching forms to look a mention up by: as written, without a leading place word, with/without ال."""
    norm = " ".join(normalize_word(text).split())
    keys = [norm]
    if norm.startswith("ل") and not norm.startswith("ال"):
        keys.append("ا" + norm)  # لليمن: the mention starts at the article's ل
    words = norm.split()
    if len(words) > 1 and words[0] in PLACE_WORDS:
        keys.append(" ".join(words[1:]))
    for key in list(keys):
        keys.append(key[2:] if key.startswith("ال") else "ال" + key)
    return keys


def _area_before(doc: Document, m: Mention) -> str | None:
    """ "province" or "town" when an area noun stands before the mention, directly or ahead of a
    list of place names it belongs to (محافظة تعز؛ محافظات الحديدة وصنعاء); None otherwise."""
    ix = index(doc)
    forms = ix.forms
    k = ix.tokens_of(m.start, m.end).start - 1
    for _ in range(AREA_LOOKBACK):
        if k < 0:
            return None
        base = forms[k].base
        if base in PROVINCES_WORDS:
            return "province"
        if base in TOWNS_WORDS:
            return "town"
        other = ix.mention_at(k)
        if (other is None or other.label != "LOC") and forms[k].norm not in ("،", ","):
            return None
        k -= 1
    return None


def _candidates(text: str, kb: KnowledgeBase, area: str | None = None) -> list[_Candidate]:
    countries, places, regions = kb.countries_by_name(), kb.places_by_name(), kb.regions_by_name()
    keys = _name_keys(text)
    for key in keys:
        if key in countries:
            # and a city of that name in another country (عمان: Oman, and Amman)
            named = [_Candidate(c, None) for c in countries[key]]
            isos = {c.iso3 for c in countries[key]}
            return named + [_Candidate(None, p) for p in places.get(key, ()) if p.country not in isos]
    # a town and its province often share a name (درعا، تعز): the town, unless the text says
    # province (محافظة درعا) or the name alone means the region (غزة); a region over a town in
    # another country (فلوريدا is Florida, not a town in Uruguay) unless the text says town
    first = normalize_word(text).split()[0]
    province, town = first in PROVINCE_WORDS or area == "province", first in TOWN_WORDS or area == "town"
    for key in keys:
        if key in regions:
            region = regions[key]
            towns = places.get(key, ())
            foreign = all(p.country != region.country for p in towns)
            if province or not towns or (not town and (region.bare_means_region or foreign)):
                return [_Candidate(None, None, region)]
        if key in places:
            return [_Candidate(None, p) for p in places[key]]
    return []


def _country_of(cand: _Candidate) -> str:
    if cand.country is not None:
        return cand.country.iso3
    if cand.region is not None:
        return cand.region.country
    assert cand.place is not None
    return cand.place.country


def _document_countries(doc: Document, kb: KnowledgeBase, locs: list[Mention]) -> Counter[str]:
    """How strongly the document is about each country (ISO3 -> weight)."""
    weights: Counter[str] = Counter()  # float weights: the dateline counts more than a mention
    demonyms = kb.demonyms()
    for form in index(doc).forms:
        for c in demonyms.get(form.base, ()):
            weights[c.iso3] += 1
    dateline_end = doc.tokens[min(len(doc.tokens), DATELINE_TOKENS) - 1].end if doc.tokens else 0
    for m in locs:
        cands = _candidates(m.text, kb)
        countries = {_country_of(c) for c in cands}
        if len(countries) == 1 and "" not in countries:  # a region of several countries says none
            (iso3,) = countries
            weights[iso3] += 2 if cands[0].country else 1
            if m.end <= dateline_end:
                weights[iso3] += DATELINE_BONUS
    return weights


def _score(cand: _Candidate, about: Counter[str], dateline_country: str | None, largest: int) -> float:
    assert cand.place is not None
    place = cand.place
    score = math.log10(place.population + 10)
    if place.population * EVIDENCE_REACH < largest:
        return score  # a small town's name shared with a city: the news means the city
    if about[place.country]:
        # capped, so that a US town called London never beats London however much
        # the article talks about the United States
        score += min(COUNTRY_CAP, COUNTRY_WEIGHT + 0.25 * math.log2(1 + about[place.country]))
    if place.country == dateline_country:
        score += DATELINE_WEIGHT
    return score


def _dateline_country(doc: Document, kb: KnowledgeBase, locs: list[Mention]) -> str | None:
    if not doc.tokens:
        return None
    end = doc.tokens[min(len(doc.tokens), DATELINE_TOKENS) - 1].end
    for m in locs:
        if m.end > end:
            break
        cands = _candidates(m.text, kb)
        if cands:
            return _country_of(cands[0]) or None
    return None


def geocode(doc: Document, resources: Resources | None = None) -> Document:
    """Fill `doc.places` from the document's LOC mentions."""
    kb = (resources or Resources.default()).kb
    locs = [m for m in doc.mentions if m.label == "LOC"]
    about = _document_countries(doc, kb, locs)
    dateline = _dateline_country(doc, kb, locs)
    records: dict[tuple[str, object], ResolvedPlace] = {}
    for m in locs:
        cands = _candidates(m.text, kb, _area_before(doc, m))
        if not cands:
            # a place the gazetteer does not know: kept, with no id, no point and no country
            key: tuple[str, object] = ("name", normalize_word(m.text))
            if key not in records:
                records[key] = ResolvedPlace("", m.text, None, None, None, None, None, [])
            records[key].mentions.append(m.id)
            continue
        if cands[0].region is not None:
            r = cands[0].region
            key = ("region", r.names[0])
            if key not in records:
                resolution: PlaceResolution = r.resolution if r.resolution in ("admin", "region") else "locality"  # type: ignore[assignment]
                records[key] = ResolvedPlace("", r.name_ar, None, r.lat, r.lon, r.country or None, resolution, [])
            records[key].mentions.append(m.id)
            continue
        countries = [c for c in cands if c.country is not None]
        cities = [c.place for c in cands if c.place is not None]
        country = max(countries, key=lambda c: about[c.country.iso3] if c.country else 0).country if countries else None
        if country is not None and cities:
            city = max(cities, key=lambda p: about[p.country])
            if about[city.country] > about[country.iso3]:  # عمان in a story about Jordan
                country, cands = None, [_Candidate(None, city)]
        if country is not None:
            key = ("country", country.iso3)
            if key not in records:
                records[key] = ResolvedPlace(
                    "", country.name_ar, country.geonameid, country.lat, country.lon, country.iso3, "country", []
                )
        else:
            largest = max(c.place.population for c in cands if c.place is not None)
            best = max(cands, key=lambda c: _score(c, about, dateline, largest))
            assert best.place is not None
            p = best.place
            key = ("place", p.geonameid)
            if key not in records:
                kind: PlaceResolution = "city" if p.population >= CITY_POPULATION else "locality"
                records[key] = ResolvedPlace("", p.name_ar, p.geonameid, p.lat, p.lon, p.country, kind, [])
        records[key].mentions.append(m.id)
    doc.places = list(records.values())
    for n, record in enumerate(doc.places, start=1):
        record.id = f"p{n}"
    return doc
