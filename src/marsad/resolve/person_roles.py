"""What the words around a person's name say of their role: the title before it (العميد →
MIL; المتحدث باسم الجيش الليبي → the army's), a role in apposition after it, an agent noun,
a movement's adjective (القيادي الحوثي), an appointment (وزيرا للداخلية), or the role of the
name it is joined to by و."""

from __future__ import annotations

from datetime import date

from marsad.index import DocumentIndex
from marsad.kb.base import KnowledgeBase
from marsad.kb.records import Actor
from marsad.kb.wordlists import wordlists
from marsad.model import ActorCode, Mention
from marsad.text.forms import WordForm
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

HOST_WORDS = frozenset({"لدى", "لدي"})

APPOSITION_LEADS = frozenset({"،", ",", "وهو", "وهي"})

# Titles that head a body: with a complement that names the body's kind, that kind gives the sector
LEADER_HEADS = frozenset(
    normalize_word(w)
    for w in "رئيس رئيسة نائب مدير مديرة متحدث متحدثة ناطق ناطقة أمين مسؤول مسؤولة عضو عضوة قائد ممثل ممثلة "
    "مندوب مندوبة".split()
)

FORMER_WORDS = frozenset(normalize_word(w) for w in "السابق السابقة الأسبق الأسبقة السابقين".split())


def role_context(ix: DocumentIndex, span: range) -> list[Mention]:
    """The TITLE/NORP/ORG/LOC mentions of the role phrase just before a name (nearest first).

    Walks left from the name over the words of the role ("معاون آمر السرية
    الأولى الأبرق مشاة، صلاح بوطبنجات") until another name, a clause break or
    the window's end; only a phrase that contains a TITLE counts.
    """
    forms = ix.forms
    found: list[Mention] = []
    k = span[0] - 1
    while k >= max(ix.sentence_first(span[0]), span[0] - ROLE_WINDOW):
        m = ix.mention_at(k)
        if m is not None and m.label == "PER":
            break
        if m is not None and m.label in ("TITLE", "NORP", "ORG", "LOC"):
            first = ix.mention_tokens[m.id][0]
            if first > 0 and forms[first - 1].norm in HOST_WORDS:
                pass  # سفيرة الولايات المتحدة لدى الأمم المتحدة: where the role is held, not for whom
            elif not found or found[-1] is not m:
                found.append(m)
        elif forms[k].base in ROLE_BREAKS or forms[k].norm in ROLE_BREAKS:
            break
        k -= 1
    return found if any(m.label == "TITLE" for m in found) else []


def former(ix: DocumentIndex, context: list[Mention], name: range) -> bool:
    """Does the role phrase say the role is past (السابق، الأسبق)?"""
    if not context:
        return False
    first = min(ix.mention_tokens[m.id][0] for m in context)
    last = max(ix.mention_tokens[m.id][-1] for m in context)
    words = range(first, name[0]) if first < name[0] else range(first, last + 1)
    return any(ix.forms[k].norm in FORMER_WORDS for k in words)


def apposition(ix: DocumentIndex, span: range) -> list[Mention]:
    """The role phrase right after a name, set off by a comma or وهو/وهي ("ستيفاني غريشام،
    المتحدثة باسم السيدة الأولى"، "يوسف طرفاني، وهو مسؤول بالوزارة"): its TITLE/NORP/ORG/LOC
    mentions up to the next comma or clause break; only a phrase that starts with a title counts."""
    forms = ix.forms
    k = span[-1] + 1
    while k < len(forms) and forms[k].norm in APPOSITION_LEADS:
        k += 1
    first = ix.mention_at(k)
    if first is None or first.label != "TITLE":
        return []
    found: list[Mention] = []
    for j in range(k, min(len(forms), k + ROLE_WINDOW)):
        if forms[j].norm in ("،", ",") or forms[j].base in ROLE_BREAKS or forms[j].norm in ROLE_BREAKS:
            break
        m = ix.mention_at(j)
        if m is not None and m.label == "PER":
            break
        if m is not None and m.label in ("TITLE", "NORP", "ORG", "LOC") and (not found or found[-1] is not m):
            found.append(m)
    return found


def infer_from_role(
    context: list[Mention],
    kb: KnowledgeBase,
    linked: dict[str, ActorCode],
    ix: DocumentIndex,
    name: range,
    day: date | None,
) -> ActorCode:
    country: str | None = None
    sector: str | None = None
    titles = wordlists().titles
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
            head = next((h for h in prefixes(key) if h in titles), None)
            if head is None:
                continue
            words = role_words(ix.forms, ix.mention_tokens[m.id][0] + len(head.split()), m, context, name)
            member = member_of(ix.forms, words, kb)  # القيادي الحوثي → the Houthis'
            if member is not None:
                member_country, member_sector = member.role_on(day)
                country, sector = country or member_country, sector or member_sector
            # the head of a body takes the body's sector (رئيس الكتلة → LEG, قائد الشرطة → COP);
            # a spokesman or envoy that of the body they speak for
            if title_key(head) in LEADER_HEADS:
                sector = sector or complement_sector(ix.forms, words, kb)
            sector = sector or titles[head]
    return ActorCode(country, sector)


def role_words(forms: list[WordForm], start: int, title: Mention, context: list[Mention], name: range) -> range:
    """The words after a title's head: up to the name, or for a role in apposition after the
    name, to the end of the role phrase."""
    if start < name[0]:
        return range(start, name[0])
    end = max(title.end, *(m.end for m in context))
    return range(start, next((k for k in range(start, len(forms)) if forms[k].base_start >= end), len(forms)))


def member_of(forms: list[WordForm], words: range, kb: KnowledgeBase) -> Actor | None:
    adjectives = kb.actors_by_adjective()
    return next((adjectives[forms[k].base][0] for k in words if forms[k].base in adjectives), None)


def complement_sector(forms: list[WordForm], words: range, kb: KnowledgeBase) -> str | None:
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


def agent_before(ix: DocumentIndex, name: range, kb: KnowledgeBase) -> ActorCode:
    """Country and sector from an agent noun the lexicon of titles does not hold, just before
    a name, with a nationality adjective and a comma between them allowed ("الصحفيين
    الأميركيين، جيمس فولي" → USA JRN)."""
    forms = ix.forms
    demonyms = kb.demonyms()
    country = None
    k = name[0] - 1
    while k >= 0 and k >= name[0] - 3:
        m = ix.mention_at(k)
        if forms[k].norm in ("،", ","):
            k -= 1
        elif m is not None and m.label == "NORP" and forms[k].base in demonyms:
            country = country or demonyms[forms[k].base][0].iso3
            k -= 1
        else:
            break
    if k < 0 or ix.mention_at(k) is not None:
        return ActorCode(country, None)
    matcher = kb.sector_matcher()
    for first in range(max(0, k - 2), k + 1):
        if any(ix.mention_at(j) is not None for j in range(first, k + 1)):
            continue
        hit = matcher.match_at(forms, first, k + 1)
        if hit is not None and hit[0] == k + 1:
            return ActorCode(country, hit[1])
    return ActorCode(country, None)


def member_of_body_after(
    ix: DocumentIndex, name: range, linked: dict[str, ActorCode], country: str | None
) -> ActorCode:
    """A name followed by في and a known body is that body's (ومحمد أحمد سالم في وزارة العدل)."""
    k = name[-1] + 1
    if k + 1 >= len(ix.forms) or ix.forms[k].norm != "في":
        return ActorCode(country, None)
    body = ix.mention_at(k + 1)
    if body is None or body.label != "ORG" or body.id not in linked or linked[body.id].sector is None:
        return ActorCode(country, None)
    return ActorCode(country or linked[body.id].country, linked[body.id].sector)


def appointed_as(forms: list[WordForm], name: range) -> str | None:
    """The sector of a role named right after a name in the accusative, as appointments are
    written (تعيين إبراهيم محمود وزيرا للداخلية، عين فلان سفيرا)."""
    k = name[-1] + 1
    if k >= len(forms) or forms[k].proclitics or not forms[k].norm.endswith("ا"):
        return None
    return wordlists().titles.get(forms[k].norm[:-1])


def coordinated_role(ix: DocumentIndex, name: range, roles: dict[str, ActorCode], kb: KnowledgeBase) -> ActorCode:
    """A name joined by و to the name before it shares that name's role ("الصحفيين الأميركيين،
    جيمس فولي وستيفن سوتلوف"); a nationality adjective of its own between them gives its
    country ("… وآلان هينينغ والأميركي بيتر كاسيغ")."""
    forms = ix.forms
    k = name[0] - 1
    country = None
    m = ix.mention_at(k)
    if m is not None and m.label == "NORP" and forms[k].proclitics.startswith("و") and forms[k].base in kb.demonyms():
        country = kb.demonyms()[forms[k].base][0].iso3
        k -= 1
    elif not forms[name[0]].proclitics.startswith("و"):
        return ActorCode(None, None)
    before = ix.mention_at(k)
    if before is None or before.label != "PER" or before.id not in roles or ix.mention_tokens[before.id][-1] != k:
        return ActorCode(None, None)
    shared_country, sector = roles[before.id]
    return ActorCode(country or shared_country, sector)


def prefixes(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def title_key(text: str) -> str:
    """A title's matching form: normalised, without the article (الوزير = وزير)."""
    words = normalize_word(text).split()
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)
