"""The `actors` pipeline stage: PER/ORG/NORP mentions -> actors with country and sector codes.

1. Link: a mention whose name (or alias) is in the knowledge base takes that
   actor, with the role (country, sector) valid on the publication date.
2. Corefer: mentions of one person are one actor (حفتر، خليفة حفتر، خليفة بالقاسم
   حفتر): same knowledge-base actor, or a name whose words appear, in order and
   ending with the same surname, in a longer name of the document.
3. Infer what the knowledge base does not know, from the role phrase before
   (or in apposition after) a name (العميد → MIL; المتحدث باسم الجيش الليبي → the army's LBY MIL;
   المحلل السياسي الروسي → RUS ELI), from an organisation's own words (وزارة
   الخارجية الروسية → RUS GOV) and, for national actors with no country in
   sight, from the country named just before them or the one the document is about; a person
   with no role in sight is CVL (CAMEO: individuals not otherwise classified).
4. Groups: a nationality adjective after an agent noun (القوات الروسية،
   السلطات الليبية) or used as a noun (الفلسطينيين) is an actor too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from marsad.index import index
from marsad.kb.base import KnowledgeBase
from marsad.kb.records import Actor
from marsad.kb.tables import Country
from marsad.model import ActorCode, Document, Mention, ResolvedActor
from marsad.resolve.names import group_by_adjective, link, link_with_adjective, name_key
from marsad.resolve.organisations import org_attributes, org_described
from marsad.resolve.person_roles import (
    agent_before,
    appointed_as,
    apposition,
    coordinated_role,
    former,
    infer_from_role,
    member_of_body_after,
    role_context,
    title_key,
)
from marsad.resources import Resources
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word

# An actor the knowledge base does not know, with no nationality in sight, is most
# likely from the country the text around it is about, unless it is international.
INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO"})
# CAMEO's CVL covers "individuals not otherwise classified": a person the knowledge base does
# not know and the text gives no role is coded so (victims, voters, witnesses, defendants …)
UNCLASSIFIED_PERSON = "CVL"
DOMINANT_SHARE = 0.4  # a document is "about" a country holding this share of its country signals
PLURAL_ENDINGS = ("ون", "ين", "ات")


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention]
    kb: Actor | None = None
    country: str | None = None
    sector: str | None = None


def _merge_national_names(
    clusters: list[_Cluster],
    forms: list[WordForm],
    spans: dict[str, range],
    demonyms: dict[str, tuple[Country, ...]],
    linked: dict[str, ActorCode],
) -> list[_Cluster]:
    """An organisation named bare and, elsewhere in the document, with its nationality is one
    actor: وزارة الصحة … وزارة الصحة الفلسطينية. The bare one joins the national one when
    exactly one national form of it is there."""
    national: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        for m in cluster.mentions:
            span = spans[m.id]
            if m.label == "ORG" and len(span) > 1 and forms[span[-1]].norm in demonyms:
                bare = name_key(forms, span[:-1])
                if cluster not in national.setdefault(bare, []):
                    national[bare].append(cluster)
    kept = []
    for cluster in clusters:
        m = cluster.mentions[0]
        targets = national.get(name_key(forms, spans[m.id]), []) if m.label == "ORG" else []
        if cluster.kb is None and len(targets) == 1 and targets[0] is not cluster:
            target = targets[0]
            target.mentions.extend(cluster.mentions)
            for mention in cluster.mentions:
                linked[mention.id] = ActorCode(target.country, target.sector)
        else:
            kept.append(cluster)
    return kept


def _country_signals(doc: Document, kb: KnowledgeBase, forms: list[WordForm]) -> Counter[str]:
    """Countries named (LOC mentions resolved to countries) and nationality adjectives, counted."""
    signals: Counter[str] = Counter()
    countries, demonyms = kb.countries_by_name(), kb.demonyms()
    for form in forms:
        for c in demonyms.get(form.base, ())[:1]:
            signals[c.iso3] += 1
    for m in doc.mentions:
        if m.label == "LOC":
            for c in countries.get(normalize_word(m.text), ())[:1]:
                signals[c.iso3] += 2
    return signals


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def resolve_actors(doc: Document, resources: Resources | None = None) -> Document:
    """Fill `doc.actors` from PER, ORG and NORP mentions."""
    kb = (resources or Resources.default()).kb
    if not doc.mentions:
        doc.actors = []
        return doc
    ix = index(doc)
    forms, spans = ix.forms, ix.mention_tokens
    about = _country_signals(doc, kb, forms)

    place_country = {mid: place.country for place in doc.places for mid in place.mentions if place.country}
    clusters: list[_Cluster] = []
    coref = _Coreference()
    by_kb: dict[str, _Cluster] = {}
    linked: dict[str, ActorCode] = {}
    demonyms = kb.demonyms()
    for m in doc.mentions:
        if m.label not in ("PER", "ORG"):
            continue
        span = spans[m.id]
        key = name_key(forms, span)
        written = " ".join(normalize_word(m.text).split())
        after = span[-1] + 1
        if m.label == "ORG" and after < len(forms) and forms[after].norm in demonyms:
            actor = link_with_adjective(key, forms[after].norm, kb, about, written)
        elif m.label == "ORG" and len(span) > 1 and forms[span[-1]].norm in demonyms:
            # مكتب التحقيقات الفيدرالي الأميركي: a name written with its own nationality
            actor = link(key, kb, about, written)
            bare = None if actor else link(name_key(forms, span[:-1]), kb, about)
            if bare is not None and bare.country == demonyms[forms[span[-1]].norm][0].iso3:
                actor = bare
        else:
            actor = link(key, kb, about, written, person=m.label == "PER")
            if actor is None and after + 1 < len(forms) and forms[after].norm == "-":
                actor = link(key + " " + forms[after + 1].norm, kb, about)  # كيم جونغ-أون cut at the hyphen
        if actor is None and m.label == "ORG":
            actor = group_by_adjective(forms, span, kb)
        if actor is not None:
            cluster = by_kb.get(actor.id)
            if cluster is None:
                country, sector = actor.role_on(doc.published)
                cluster = by_kb[actor.id] = _Cluster([], actor, country, sector)
                clusters.append(cluster)
            cluster.mentions.append(m)
            coref.add(m.label, key, cluster)
            linked[m.id] = ActorCode(cluster.country, cluster.sector)
            continue
        cluster = coref.find(m.label, key)
        opening = forms[span[0]]
        if cluster is None and opening.proclitics:
            # a foreign name whose first letter the segmenter took for a proclitic (كوروما as ك + وروما)
            whole = opening.norm[len(opening.proclitics) - 1 :]
            cluster = coref.find(m.label, " ".join([whole, *key.split()[1:]]))
        if cluster is None:
            cluster = _Cluster([])
            clusters.append(cluster)
        cluster.mentions.append(m)
        coref.add(m.label, key, cluster)
        if m.label == "ORG" and cluster.kb is None:
            country, sector = org_attributes(m, forms, spans[m.id], kb)
            cluster.country = cluster.country or country
            cluster.sector = cluster.sector or sector
            linked[m.id] = ActorCode(cluster.country, cluster.sector)
    clusters = _merge_national_names(clusters, forms, spans, demonyms, linked)
    # once every organisation is linked: what the words after an unknown one's name say of it
    for cluster in clusters:
        if cluster.kb is not None:
            continue
        for m in cluster.mentions:
            if m.label == "ORG":
                where, what = org_described(ix, spans[m.id], place_country, linked, kb)
                cluster.country = cluster.country or where
                cluster.sector = what or cluster.sector
        for m in cluster.mentions:
            if m.label == "ORG":
                linked[m.id] = ActorCode(cluster.country, cluster.sector)

    titled: list[tuple[int, str, _Cluster]] = []  # (token, title, person) for "وزير الدفاع جيمس ماتيس"
    role_titles: set[str] = set()  # TITLE mentions that introduce a name
    roles: dict[str, ActorCode] = {}  # what the text says of each person mention
    people = sorted(((m, c) for c in clusters for m in c.mentions if m.label == "PER"), key=lambda mc: mc[0].start)
    for m, cluster in people:
        span = spans[m.id]
        context = role_context(ix, span)
        if not context:
            context = apposition(ix, span)
        for t in context:
            if t.label == "TITLE":
                titled.append((span[0], title_key(t.text), cluster))
                role_titles.add(t.id)
        if context:
            country, sector = infer_from_role(context, kb, linked, ix, span, doc.published)
            if sector is not None and former(ix, context, span):
                sector = "ELI"  # الرئيس الأمريكي السابق: a former official
        else:
            country, sector = coordinated_role(ix, span, roles, kb)
            if sector is None:
                country, sector = agent_before(ix, span, kb)
            sector = sector or appointed_as(forms, span)
            if sector is None:
                country, sector = member_of_body_after(ix, span, linked, country)
        if sector is not None or country is not None:
            roles[m.id] = ActorCode(country, sector)
        if cluster.kb is None:
            cluster.country = cluster.country or country
            cluster.sector = cluster.sector or sector
    _corefer_titles(doc, spans, titled, role_titles)

    dominant = _dominant(about)
    signals = _country_positions(doc, forms, kb, spans, linked)
    for cluster in clusters:
        if cluster.kb is None and cluster.country is None and cluster.sector not in INTERNATIONAL_SECTORS:
            first = spans[cluster.mentions[0].id][0]
            cluster.country = _nearest_country(signals, first) or dominant
    for cluster in clusters:
        if cluster.kb is None and cluster.sector is None and cluster.mentions[0].label == "PER":
            cluster.sector = UNCLASSIFIED_PERSON

    records = [_record(c) for c in clusters]
    records += _group_actors(doc, forms, kb, spans)
    for n, record in enumerate(records, start=1):
        record.id = f"a{n}"
    doc.actors = records
    return doc


def _corefer_titles(
    doc: Document, spans: dict[str, range], titled: list[tuple[int, str, _Cluster]], role_titles: set[str]
) -> None:
    """A title standing alone refers to the person the document introduced with it: after
    "وزير الدفاع جيمس ماتيس", "ورفض وزير الدفاع …" is Mattis, and after "المتحدثة باسم
    الوزارة إليانور بيترمان", "وأضافت المتحدثة" is Petermann. The nearest such person
    before it, else the first one after it; a title no one in the document holds stays alone."""
    by_title: dict[str, list[tuple[int, _Cluster]]] = {}
    by_head: dict[str, list[tuple[int, _Cluster]]] = {}  # a one-word title heads longer ones
    for token, title, cluster in sorted(titled, key=lambda t: t[0]):
        by_title.setdefault(title, []).append((token, cluster))
        by_head.setdefault(title.split()[0], []).append((token, cluster))
    for m in doc.mentions:
        if m.label != "TITLE" or m.id in role_titles:
            continue
        key, token = title_key(m.text), spans[m.id][0]
        # المتحدثة for المتحدثة باسم الوزارة: a one-word title matches the titles it heads
        holders = by_head.get(key, []) if " " not in key else by_title.get(key, [])
        if not holders:
            continue
        before = bisect_left(holders, token, key=lambda h: h[0])
        holders[before - 1 if before else 0][1].mentions.append(m)


class _Coreference:
    """Which earlier actor a name refers to: the same name, or (for people) a name whose
    words appear in order in it, or in which it appears, ending with the same surname; a
    single word that opens exactly one earlier full name (كيم after كيم جونغ أون, whose
    family name comes first)."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str, str], _Cluster] = {}
        self.by_surname: dict[str, list[tuple[list[str], _Cluster]]] = {}
        self.by_first_word: dict[str, list[_Cluster]] = {}  # of names of several words

    def add(self, label: str, key: str, cluster: _Cluster) -> None:
        if (label, key) in self.exact:
            return
        self.exact[(label, key)] = cluster
        if label == "PER":
            words = key.split()
            self.by_surname.setdefault(words[-1], []).append((words, cluster))
            if len(words) > 1:
                self.by_first_word.setdefault(words[0], []).append(cluster)

    def find(self, label: str, key: str) -> _Cluster | None:
        hit = self.exact.get((label, key))
        if hit is not None or label != "PER":
            return hit
        words = key.split()
        for other, cluster in reversed(self.by_surname.get(words[-1], [])):  # the nearest earlier actor first
            if _subsequence(words, other) or _subsequence(other, words):
                return cluster
        if len(words) == 1:
            opened = {id(c): c for c in self.by_first_word.get(words[0], [])}
            if len(opened) == 1:
                return next(iter(opened.values()))
        return None


def _country_positions(
    doc: Document,
    forms: list[WordForm],
    kb: KnowledgeBase,
    spans: dict[str, range],
    linked: dict[str, ActorCode],
) -> list[tuple[int, str]]:
    """(token index, ISO3) of every country signal: country names, nationality adjectives, linked organisations."""
    out: list[tuple[int, str]] = []
    demonyms, countries = kb.demonyms(), kb.countries_by_name()
    # the adjective of a known name is that name's (ميليشيات الحوثي الإيرانية is not an Iranian signal)
    of_names = {spans[m.id][-1] + 1 for m in doc.mentions if m.id in linked}
    for k, form in enumerate(forms):
        hit = demonyms.get(form.base) or countries.get(form.base)
        if hit and not (k in of_names and form.base in demonyms):
            out.append((k, hit[0].iso3))
    for m in doc.mentions:
        country = linked[m.id].country if m.id in linked else None
        if country:
            out.append((spans[m.id][0], country))
    return sorted(out)


def _nearest_country(signals: list[tuple[int, str]], token: int, window: int = 40) -> str | None:
    """The country named closest before a token (a soldier quoted after "the Libyan army" is Libyan)."""
    i = bisect_left(signals, (token, "")) - 1
    if i >= 0 and token - signals[i][0] <= window:
        return signals[i][1]
    return None


def _dominant(about: Counter[str]) -> str | None:
    total = sum(about.values())
    if not total:
        return None
    country, weight = about.most_common(1)[0]
    return country if weight / total >= DOMINANT_SHARE else None


def _record(cluster: _Cluster) -> ResolvedActor:
    actor = cluster.kb
    name = actor.name if actor else max((m.text for m in cluster.mentions), key=len)
    return ResolvedActor(
        id="",
        name=name,
        name_latin=actor.name_latin if actor else None,
        country=cluster.country,
        sector=cluster.sector,
        kb_id=actor.id if actor else None,
        wikidata=actor.wikidata if actor else None,
        mentions=[m.id for m in cluster.mentions],
    )


def _group_actors(
    doc: Document, forms: list[WordForm], kb: KnowledgeBase, spans: dict[str, range]
) -> list[ResolvedActor]:
    """Nationality adjectives that name a group: after an agent noun, or used as a noun."""
    in_name = {k for m in doc.mentions if m.label in ("PER", "ORG", "LOC") for k in spans[m.id]}
    attached_end = {spans[m.id][-1] for m in doc.mentions if m.label in ("PER", "ORG", "LOC", "TITLE")}
    demonyms = kb.demonyms()
    groups: dict[tuple[str | None, str | None, str], ResolvedActor] = {}
    sectors = kb.sector_matcher()
    for m in doc.mentions:
        if m.label != "NORP":
            continue
        span = spans[m.id]
        if all(k in in_name for k in span):
            continue  # part of a name (الجيش الوطني الليبي)
        if span[0] - 1 in attached_end:
            continue  # the adjective of a name or title (الرئيس الروسي، مجلس الأمن الروسي)
        key = normalize_word(m.text)
        country = demonyms[key][0].iso3 if key in demonyms else None
        sector = None
        text = m.text
        for width in (2, 1):
            first = span[0] - width
            if first < 0:
                continue
            hit = sectors.match_at(forms, first, span[0])
            if hit is not None and hit[0] == span[0]:
                sector = hit[1]
                text = doc.text[forms[first].base_start : m.end]
                break
        if sector is None and not key.endswith(PLURAL_ENDINGS):
            continue  # an adjective of something that is not an actor (الأزمة الليبية)
        group = groups.get((country, sector, normalize_word(text)))
        if group is None:
            group = ResolvedActor("", text, None, country, sector, None, None, [])
            groups[(country, sector, normalize_word(text))] = group
        group.mentions.append(m.id)
    return list(groups.values())
