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

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date

from marsad.entities.lexicons import lexicons
from marsad.entities.roles import GROUP_DESCRIPTIONS, GROUP_NOUNS
from marsad.entities.stage import sentence_ranges
from marsad.kb.base import KnowledgeBase, default
from marsad.kb.records import Actor
from marsad.kb.tables import Country
from marsad.model import Document, Mention, ResolvedActor
from marsad.text.forms import WordForm, word_forms
from marsad.text.normalize import normalize_word

ROLE_WINDOW = 10  # tokens a role phrase may span before a name
# Words that end a role phrase when walking left from a name: complementisers,
# reporting verbs and punctuation that close a clause ("قال الجيش إن أحمد" must
# not make أحمد a soldier).
ROLE_BREAKS = frozenset(
    normalize_word(w)
    for w in "ان انه انها قال قالت اكد اكدت اضاف اوضح اشار ذكر اعلن اعلنت صرح نقل نقلت وفق حسب بحسب بين مع و".split()
    + ': . " « » ( ) ؟ !'.split()
)
# An actor the knowledge base does not know, with no nationality in sight, is most
# likely from the country the text around it is about, unless it is international.
INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO"})
# CAMEO's CVL covers "individuals not otherwise classified": a person the knowledge base does
# not know and the text gives no role is coded so (victims, voters, witnesses, defendants …)
UNCLASSIFIED_PERSON = "CVL"
DOMINANT_SHARE = 0.4  # a document is "about" a country holding this share of its country signals
PLURAL_ENDINGS = ("ون", "ين", "ات")
HOST_WORDS = frozenset({"لدى", "لدي"})
APPOSITION_LEADS = frozenset({"،", ",", "وهو", "وهي"})
# Titles that head a body: with a complement that names the body's kind, that kind gives the sector
LEADER_HEADS = frozenset(
    normalize_word(w)
    for w in "رئيس رئيسة نائب مدير مديرة متحدث متحدثة ناطق ناطقة أمين مسؤول مسؤولة عضو عضوة قائد ممثل ممثلة "
    "مندوب مندوبة".split()
)
AFFILIATION_WORDS = frozenset(normalize_word(w) for w in "تابع تابعة التابع التابعة تابعين".split())
# Kinds of organisation whose sector the name after them takes (صحيفة "عدالت" → JRN); a
# person noun before a name is "X's" (لاعب ليستر سيتي), not "the X called"
ORGANISATION_KINDS = frozenset(
    normalize_word(w)
    for w in "صحيفة جريدة مجلة قناة موقع وكالة شبكة إذاعة تلفزيون شركة مجموعة بنك مصرف نادي مستشفى جامعة "
    "معهد مدرسة كلية أكاديمية مركز منظمة جمعية مؤسسة حزب حركة جماعة تنظيم ميليشيا ميليشيات كتيبة كتائب لواء "
    "فصيل جبهة هيئة مجلس لجنة محكمة وزارة سلطة".split()
)
APPOSITION_PRONOUNS = frozenset({"وهو", "وهي", "وهم"})
PLACE_KINDS = frozenset(normalize_word(w) for w in "دولة مدينة محافظة ولاية منطقة إقليم بلدة".split())
FORMER_WORDS = frozenset(normalize_word(w) for w in "السابق السابقة الأسبق الأسبقة السابقين".split())


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention]
    kb: Actor | None = None
    country: str | None = None
    sector: str | None = None


def _tokens_of(starts: list[int], ends: list[int], mention: Mention) -> range:
    """The tokens a mention overlaps."""
    first = bisect_right(ends, mention.start)
    last = bisect_left(starts, mention.end)
    return range(first, max(first + 1, last))


def _name_key(forms: list[WordForm], span: range) -> str:
    """The matching form of a mention's name: first word without clitics, then the words as written."""
    words = [forms[span[0]].base] + [forms[k].norm for k in span[1:]]
    if len(span) > 1:
        words[-1] = forms[span[-1]].norm[: len(forms[span[-1]].norm) - len(forms[span[-1]].suffix) or None]
    return " ".join(words)


def _key_variants(key: str) -> list[str]:
    """A name as written and the forms the knowledge base may list it under: the article's
    alif restored (لحوثيين → الحوثيين) or added (حوثيون، خميني), the other case of a sound
    plural (الحوثيين ↔ الحوثيون), a hashtag's words (التحالف_العربي)."""
    keys = [key, key.replace(" - ", " ")] if " - " in key else [key]  # دياز - كانيل
    if " . " in key:
        keys.append(key.replace(" . ", " "))  # إف.بي.آي = إف بي آي
    if "_" in key:
        keys.append(key.replace("_", " "))  # #التحالف_العربي
    if key.startswith("ل") and not key.startswith("ال"):
        keys.append("ا" + key)
    elif " " not in key and not key.startswith("ال") and key.endswith(("ي", "يون", "يين")):
        keys.append("ال" + key)  # حوثيون، خميني: a group or nisba name written without the article
    for k in list(keys):
        if k.endswith("ين"):
            keys.append(k[:-2] + "ون")
        elif k.endswith("ون"):
            keys.append(k[:-2] + "ين")
        elif k.endswith("ي"):
            keys += [k + "ون", k + "ين"]  # الحوثي → الحوثيون: the group named by its members
    return keys + [k.lower() for k in keys if k.isascii()]


def _link(
    key: str, kb: KnowledgeBase, about: Counter[str], written: str | None = None, person: bool = False
) -> Actor | None:
    names = kb.actors_by_whole_name()
    for variant in _key_variants(key) + ([written] if written else []):
        hit = names.get(variant)
        if hit:
            return max(hit, key=lambda a: about[a.country or ""])
    words = key.split()
    if person and len(words) >= 3:  # a name with middle names the knowledge base does not write out
        hit = kb.actors_by_first_and_last_word().get((words[0], words[-1]), ())
        if len(hit) == 1:
            return hit[0]
    return None


def _link_with_adjective(
    key: str, adjective: str, kb: KnowledgeBase, about: Counter[str], written: str | None = None
) -> Actor | None:
    """An organisation's name followed by a nationality adjective. مجلس الأمن الروسي is not مجلس
    الأمن (the UN's): the longer name links, or the name alone when it is a national actor's
    (حزب الله اللبناني; ميليشيات الحوثي الإيرانية, where the adjective is a charge, not the
    group's country)."""
    actor = _link(key + " " + adjective, kb, about)
    if actor is None:
        bare = _link(key, kb, about, written)
        actor = bare if bare is not None and bare.country is not None else None
    return actor


def _group_by_adjective(forms: list[WordForm], span: range, kb: KnowledgeBase) -> Actor | None:
    """A kind of group and a member's adjective name the group (المليشيا الحوثية، الجماعة
    الإخوانية → the Houthis, the Brotherhood)."""
    members = kb.actors_by_adjective().get(forms[span[-1]].base, ())
    described = len(span) == 3 and forms[span[1]].norm in GROUP_DESCRIPTIONS  # الميليشيات الإرهابية الحوثية
    if (len(span) == 2 or described) and members and forms[span[0]].base in GROUP_NOUNS:
        return members[0]
    return None


def _merge_national_names(
    clusters: list[_Cluster],
    forms: list[WordForm],
    spans: dict[str, range],
    demonyms: dict[str, tuple[Country, ...]],
    linked: dict[str, tuple[str | None, str | None]],
) -> list[_Cluster]:
    """An organisation named bare and, elsewhere in the document, with its nationality is one
    actor: وزارة الصحة … وزارة الصحة الفلسطينية. The bare one joins the national one when
    exactly one national form of it is there."""
    national: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        for m in cluster.mentions:
            span = spans[m.id]
            if m.label == "ORG" and len(span) > 1 and forms[span[-1]].norm in demonyms:
                bare = _name_key(forms, span[:-1])
                if cluster not in national.setdefault(bare, []):
                    national[bare].append(cluster)
    kept = []
    for cluster in clusters:
        m = cluster.mentions[0]
        targets = national.get(_name_key(forms, spans[m.id]), []) if m.label == "ORG" else []
        if cluster.kb is None and len(targets) == 1 and targets[0] is not cluster:
            target = targets[0]
            target.mentions.extend(cluster.mentions)
            for mention in cluster.mentions:
                linked[mention.id] = (target.country, target.sector)
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


def _role_context(
    forms: list[WordForm], span: range, by_token: dict[int, Mention], spans: dict[str, range], sentence_start: int
) -> list[Mention]:
    """The TITLE/NORP/ORG/LOC mentions of the role phrase just before a name (nearest first).

    Walks left from the name over the words of the role ("معاون آمر السرية
    الأولى الأبرق مشاة، صلاح بوطبنجات") until another name, a clause break or
    the window's end; only a phrase that contains a TITLE counts.
    """
    found: list[Mention] = []
    k = span[0] - 1
    while k >= max(sentence_start, span[0] - ROLE_WINDOW):
        m = by_token.get(k)
        if m is not None and m.label == "PER":
            break
        if m is not None and m.label in ("TITLE", "NORP", "ORG", "LOC"):
            first = spans[m.id][0]
            if first > 0 and forms[first - 1].norm in HOST_WORDS:
                pass  # سفيرة الولايات المتحدة لدى الأمم المتحدة: where the role is held, not for whom
            elif not found or found[-1] is not m:
                found.append(m)
        elif forms[k].base in ROLE_BREAKS or forms[k].norm in ROLE_BREAKS:
            break
        k -= 1
    return found if any(m.label == "TITLE" for m in found) else []


def _former(forms: list[WordForm], context: list[Mention], spans: dict[str, range], name: range) -> bool:
    """Does the role phrase say the role is past (السابق، الأسبق)?"""
    if not context:
        return False
    first = min(spans[m.id][0] for m in context)
    last = max(spans[m.id][-1] for m in context)
    words = range(first, name[0]) if first < name[0] else range(first, last + 1)
    return any(forms[k].norm in FORMER_WORDS for k in words)


def _apposition(forms: list[WordForm], span: range, by_token: dict[int, Mention]) -> list[Mention]:
    """The role phrase right after a name, set off by a comma or وهو/وهي ("ستيفاني غريشام،
    المتحدثة باسم السيدة الأولى"، "يوسف طرفاني، وهو مسؤول بالوزارة"): its TITLE/NORP/ORG/LOC
    mentions up to the next comma or clause break; only a phrase that starts with a title counts."""
    k = span[-1] + 1
    while k < len(forms) and forms[k].norm in APPOSITION_LEADS:
        k += 1
    first = by_token.get(k)
    if first is None or first.label != "TITLE":
        return []
    found: list[Mention] = []
    for j in range(k, min(len(forms), k + ROLE_WINDOW)):
        if forms[j].norm in ("،", ",") or forms[j].base in ROLE_BREAKS or forms[j].norm in ROLE_BREAKS:
            break
        m = by_token.get(j)
        if m is not None and m.label == "PER":
            break
        if m is not None and m.label in ("TITLE", "NORP", "ORG", "LOC") and (not found or found[-1] is not m):
            found.append(m)
    return found


def _infer_from_role(
    context: list[Mention],
    kb: KnowledgeBase,
    linked: dict[str, tuple[str | None, str | None]],
    forms: list[WordForm],
    spans: dict[str, range],
    name: range,
    day: date | None,
) -> tuple[str | None, str | None]:
    country: str | None = None
    sector: str | None = None
    titles = lexicons().titles
    countries, demonyms = kb.countries_by_name(), kb.demonyms()
    for m in context:  # nearest first
        key = normalize_word(m.text)
        if m.label == "ORG" and m.id in linked:
            org_country, org_sector = linked[m.id]
            country = country or org_country
            sector = sector or org_sector
        elif m.label == "NORP" and key in demonyms:
            country = country or demonyms[key][0].iso3
        elif m.label == "LOC" and key in countries:
            country = country or countries[key][0].iso3
        elif m.label == "TITLE":
            head = next((h for h in _prefixes(key) if h in titles), None)
            if head is None:
                continue
            words = _role_words(forms, spans[m.id][0] + len(head.split()), m, context, name)
            member = _member_of(forms, words, kb)  # القيادي الحوثي → the Houthis'
            if member is not None:
                member_country, member_sector = member.role_on(day)
                country, sector = country or member_country, sector or member_sector
            # the head of a body takes the body's sector (رئيس الكتلة → LEG, قائد الشرطة → COP);
            # a spokesman or envoy that of the body they speak for
            if _title_key(head) in LEADER_HEADS:
                sector = sector or _complement_sector(forms, words, kb)
            sector = sector or titles[head]
    return country, sector


def _role_words(forms: list[WordForm], start: int, title: Mention, context: list[Mention], name: range) -> range:
    """The words after a title's head: up to the name, or for a role in apposition after the
    name, to the end of the role phrase."""
    if start < name[0]:
        return range(start, name[0])
    end = max(title.end, *(m.end for m in context))
    return range(start, next((k for k in range(start, len(forms)) if forms[k].base_start >= end), len(forms)))


def _member_of(forms: list[WordForm], words: range, kb: KnowledgeBase) -> Actor | None:
    adjectives = kb.actors_by_adjective()
    return next((adjectives[forms[k].base][0] for k in words if forms[k].base in adjectives), None)


def _complement_sector(forms: list[WordForm], words: range, kb: KnowledgeBase) -> str | None:
    """The sector of the last agent phrase among a role's words: لجنة التحقيق النيابية → LEG."""
    matcher = kb.sector_matcher()
    sector = None
    k = words.start
    while k < words.stop:
        hit = matcher.match_at(forms, k, words.stop)
        if hit is None:
            k += 1
        else:
            k, sector = hit
    return sector


def _agent_before(
    forms: list[WordForm], name: range, by_token: dict[int, Mention], kb: KnowledgeBase
) -> tuple[str | None, str | None]:
    """Country and sector from an agent noun the lexicon of titles does not hold, just before
    a name, with a nationality adjective and a comma between them allowed ("الصحفيين
    الأميركيين، جيمس فولي" → USA JRN)."""
    demonyms = kb.demonyms()
    country = None
    k = name[0] - 1
    while k >= 0 and k >= name[0] - 3:
        m = by_token.get(k)
        if forms[k].norm in ("،", ","):
            k -= 1
        elif m is not None and m.label == "NORP" and forms[k].base in demonyms:
            country = country or demonyms[forms[k].base][0].iso3
            k -= 1
        else:
            break
    if k < 0 or k in by_token:
        return country, None
    matcher = kb.sector_matcher()
    for first in range(max(0, k - 2), k + 1):
        if any(j in by_token for j in range(first, k + 1)):
            continue
        hit = matcher.match_at(forms, first, k + 1)
        if hit is not None and hit[0] == k + 1:
            return country, hit[1]
    return country, None


def _member_of_body_after(
    forms: list[WordForm],
    name: range,
    by_token: dict[int, Mention],
    linked: dict[str, tuple[str | None, str | None]],
    country: str | None,
) -> tuple[str | None, str | None]:
    """A name followed by في and a known body is that body's (ومحمد أحمد سالم في وزارة العدل)."""
    k = name[-1] + 1
    if k + 1 >= len(forms) or forms[k].norm != "في":
        return country, None
    body = by_token.get(k + 1)
    if body is None or body.label != "ORG" or body.id not in linked or linked[body.id][1] is None:
        return country, None
    return country or linked[body.id][0], linked[body.id][1]


def _appointed_as(forms: list[WordForm], name: range) -> str | None:
    """The sector of a role named right after a name in the accusative, as appointments are
    written (تعيين إبراهيم محمود وزيرا للداخلية، عين فلان سفيرا)."""
    k = name[-1] + 1
    if k >= len(forms) or forms[k].proclitics or not forms[k].norm.endswith("ا"):
        return None
    return lexicons().titles.get(forms[k].norm[:-1])


def _coordinated_role(
    forms: list[WordForm],
    name: range,
    by_token: dict[int, Mention],
    spans: dict[str, range],
    roles: dict[str, tuple[str | None, str | None]],
    kb: KnowledgeBase,
) -> tuple[str | None, str | None]:
    """A name joined by و to the name before it shares that name's role ("الصحفيين الأميركيين،
    جيمس فولي وستيفن سوتلوف"); a nationality adjective of its own between them gives its
    country ("… وآلان هينينغ والأميركي بيتر كاسيغ")."""
    k = name[0] - 1
    country = None
    m = by_token.get(k)
    if m is not None and m.label == "NORP" and forms[k].proclitics.startswith("و") and forms[k].base in kb.demonyms():
        country = kb.demonyms()[forms[k].base][0].iso3
        k -= 1
    elif not forms[name[0]].proclitics.startswith("و"):
        return None, None
    before = by_token.get(k)
    if before is None or before.label != "PER" or before.id not in roles or spans[before.id][-1] != k:
        return None, None
    shared_country, sector = roles[before.id]
    return country or shared_country, sector


def _prefixes(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _org_attributes(
    mention: Mention, forms: list[WordForm], span: range, kb: KnowledgeBase
) -> tuple[str | None, str | None]:
    """Country and sector of an organisation from its own words: وزارة الخارجية الروسية → RUS GOV.

    A nationality adjective right after the name belongs to it too (مجلس الأمن الروسي), and
    the kind of thing named just before it gives the sector (صحيفة "عدالت"، قناة المنار → JRN).
    """
    country = None
    demonyms, countries = kb.demonyms(), kb.countries_by_name()
    after = span[-1] + 1
    for k in [*span, after] if after < len(forms) and not forms[after].proclitics else span:
        for c in demonyms.get(forms[k].base, ())[:1]:
            country = country or c.iso3
        for width in (3, 2, 1):  # سفارة الولايات المتحدة
            words = " ".join([forms[k].base] + [f.norm for f in forms[k + 1 : min(k + width, span[-1] + 1)]])
            for c in countries.get(words, ())[:1]:
                country = country or c.iso3
    sector = None
    hit = kb.sector_matcher().match_at(forms, span[0], span[-1] + 1)
    if hit is not None:
        sector = hit[1]
    head = span[0] - 1
    if head >= 0 and forms[head].norm in ('"', "«", "“"):
        head -= 1
    if sector is None and head >= 0 and forms[head].base.removeprefix("ال") in ORGANISATION_KINDS:
        hit = kb.sector_matcher().match_at(forms, head, head + 1)  # one word: صحيفة، قناة، شركة
        if hit is not None:
            sector = hit[1]
    if sector is None:  # a kind named inside the name: الاتحاد الجزائري لكرة القدم، جهاز أمن الدولة
        sector = _complement_sector(forms, range(span[0] + 1, span[-1] + 1), kb)
    return country, sector


def _org_described(
    forms: list[WordForm],
    span: range,
    by_token: dict[int, Mention],
    place_country: dict[str, str],
    linked: dict[str, tuple[str | None, str | None]],
    kb: KnowledgeBase,
) -> tuple[str | None, str | None]:
    """What the words right after an organisation's name say of it: where it is (الهيئة العامة
    للطيران المدني في قطر؛ بدولة الإمارات), the body it is part of (لجنة المخصصات بمجلس
    الشيوخ) or, in apposition, what it is, where, or whose
    (مجلس الدولة، وهو أعلى محكمة إدارية في اليونان؛ "كتيبة أبو عمارة" وهي جماعة تابعة لهيئة تحرير الشام)."""
    k = span[-1] + 1
    while k < len(forms) and forms[k].norm in ("،", ",", '"', "»", "”"):
        k += 1
    if k < len(forms) and forms[k].norm in APPOSITION_PRONOUNS:
        sector = country = None
        for j in range(k + 1, min(len(forms), k + 1 + ROLE_WINDOW)):
            m = by_token.get(j)
            if forms[j].norm in ("،", ",") or forms[j].norm in ROLE_BREAKS or (m is not None and m.label == "PER"):
                break
            if m is not None and m.label == "ORG" and m.id in linked and forms[j - 1].base in AFFILIATION_WORDS:
                return linked[m.id]  # تابعة لهيئة تحرير الشام: the parent's
            hit = None if m is not None else kb.sector_matcher().match_at(forms, j)
            sector = sector or (hit[1] if hit else None)
            if m is not None and m.label == "LOC":
                country = country or place_country.get(m.id)
        return country, sector
    k = span[-1] + 1
    if k < len(forms) and forms[k].norm == "في":
        k += 1
    elif not (k < len(forms) and forms[k].proclitics.endswith("ب")):
        return None, None
    if k < len(forms) and forms[k].base in PLACE_KINDS:
        k += 1
    m = by_token.get(k)
    if m is not None and m.label == "LOC":
        return place_country.get(m.id), None
    if m is not None and m.label == "ORG" and m.id in linked:
        return linked[m.id]  # a body in a body is part of it: لجنة المخصصات بمجلس الشيوخ → LEG
    return None, None


def resolve_actors(doc: Document, kb: KnowledgeBase | None = None) -> Document:
    """Fill `doc.actors` from PER, ORG and NORP mentions."""
    kb = kb or default()
    forms = word_forms(doc)
    if not doc.mentions:
        doc.actors = []
        return doc
    about = _country_signals(doc, kb, forms)
    starts, ends = [t.start for t in doc.tokens], [t.end for t in doc.tokens]
    spans = {m.id: _tokens_of(starts, ends, m) for m in doc.mentions}
    by_token: dict[int, Mention] = {}
    for m in sorted(doc.mentions, key=lambda m: -(m.end - m.start)):
        for k in spans[m.id]:
            by_token.setdefault(k, m)
    sentence_of = {}
    for a, b in sentence_ranges(doc):
        for k in range(a, b):
            sentence_of[k] = a

    place_country = {mid: place.country for place in doc.places for mid in place.mentions if place.country}
    clusters: list[_Cluster] = []
    coref = _Coreference()
    by_kb: dict[str, _Cluster] = {}
    linked: dict[str, tuple[str | None, str | None]] = {}
    demonyms = kb.demonyms()
    for m in doc.mentions:
        if m.label not in ("PER", "ORG"):
            continue
        span = spans[m.id]
        key = _name_key(forms, span)
        written = " ".join(normalize_word(m.text).split())
        after = span[-1] + 1
        if m.label == "ORG" and after < len(forms) and forms[after].norm in demonyms:
            actor = _link_with_adjective(key, forms[after].norm, kb, about, written)
        elif m.label == "ORG" and len(span) > 1 and forms[span[-1]].norm in demonyms:
            # مكتب التحقيقات الفيدرالي الأميركي: a name written with its own nationality
            actor = _link(key, kb, about, written)
            bare = None if actor else _link(_name_key(forms, span[:-1]), kb, about)
            if bare is not None and bare.country == demonyms[forms[span[-1]].norm][0].iso3:
                actor = bare
        else:
            actor = _link(key, kb, about, written, person=m.label == "PER")
            if actor is None and after + 1 < len(forms) and forms[after].norm == "-":
                actor = _link(key + " " + forms[after + 1].norm, kb, about)  # كيم جونغ-أون cut at the hyphen
        if actor is None and m.label == "ORG":
            actor = _group_by_adjective(forms, span, kb)
        if actor is not None:
            cluster = by_kb.get(actor.id)
            if cluster is None:
                country, sector = actor.role_on(doc.published)
                cluster = by_kb[actor.id] = _Cluster([], actor, country, sector)
                clusters.append(cluster)
            cluster.mentions.append(m)
            coref.add(m.label, key, cluster)
            linked[m.id] = (cluster.country, cluster.sector)
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
            country, sector = _org_attributes(m, forms, spans[m.id], kb)
            cluster.country = cluster.country or country
            cluster.sector = cluster.sector or sector
            linked[m.id] = (cluster.country, cluster.sector)
    clusters = _merge_national_names(clusters, forms, spans, demonyms, linked)
    # once every organisation is linked: what the words after an unknown one's name say of it
    for cluster in clusters:
        if cluster.kb is not None:
            continue
        for m in cluster.mentions:
            if m.label == "ORG":
                where, what = _org_described(forms, spans[m.id], by_token, place_country, linked, kb)
                cluster.country = cluster.country or where
                cluster.sector = what or cluster.sector
        for m in cluster.mentions:
            if m.label == "ORG":
                linked[m.id] = (cluster.country, cluster.sector)

    titled: list[tuple[int, str, _Cluster]] = []  # (token, title, person) for "وزير الدفاع جيمس ماتيس"
    role_titles: set[str] = set()  # TITLE mentions that introduce a name
    roles: dict[str, tuple[str | None, str | None]] = {}  # what the text says of each person mention
    people = sorted(((m, c) for c in clusters for m in c.mentions if m.label == "PER"), key=lambda mc: mc[0].start)
    for m, cluster in people:
        span = spans[m.id]
        context = _role_context(forms, span, by_token, spans, sentence_of.get(span[0], 0))
        if not context:
            context = _apposition(forms, span, by_token)
        for t in context:
            if t.label == "TITLE":
                titled.append((span[0], _title_key(t.text), cluster))
                role_titles.add(t.id)
        if context:
            country, sector = _infer_from_role(context, kb, linked, forms, spans, span, doc.published)
            if sector is not None and _former(forms, context, spans, span):
                sector = "ELI"  # الرئيس الأمريكي السابق: a former official
        else:
            country, sector = _coordinated_role(forms, span, by_token, spans, roles, kb)
            if sector is None:
                country, sector = _agent_before(forms, span, by_token, kb)
            sector = sector or _appointed_as(forms, span)
            if sector is None:
                country, sector = _member_of_body_after(forms, span, by_token, linked, country)
        if sector is not None or country is not None:
            roles[m.id] = (country, sector)
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


def _title_key(text: str) -> str:
    """A title's matching form: normalised, without the article (الوزير = وزير)."""
    words = normalize_word(text).split()
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)


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
        key, token = _title_key(m.text), spans[m.id][0]
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
    linked: dict[str, tuple[str | None, str | None]],
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
        country = linked.get(m.id, (None, None))[0]
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
