"""What an organisation's own words and the words after its name say of it: its country and
sector from its name (وزارة الخارجية الروسية), the kind named before it (صحيفة "عدالت"), its
place (في قطر), the body it is part of (بمجلس الشيوخ) or an apposition (، وهو أعلى محكمة …)."""

from __future__ import annotations

from marsad.index import DocumentIndex
from marsad.kb.base import KnowledgeBase
from marsad.model import ActorCode, Mention
from marsad.resolve.person_roles import ROLE_BREAKS, ROLE_WINDOW, complement_sector
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word

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


def org_attributes(mention: Mention, forms: list[WordForm], span: range, kb: KnowledgeBase) -> ActorCode:
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
        sector = complement_sector(forms, range(span[0] + 1, span[-1] + 1), kb)
    return ActorCode(country, sector)


def org_described(
    ix: DocumentIndex,
    span: range,
    place_country: dict[str, str],
    linked: dict[str, ActorCode],
    kb: KnowledgeBase,
) -> ActorCode:
    """What the words right after an organisation's name say of it: where it is (الهيئة العامة
    للطيران المدني في قطر؛ بدولة الإمارات), the body it is part of (لجنة المخصصات بمجلس
    الشيوخ) or, in apposition, what it is, where, or whose
    (مجلس الدولة، وهو أعلى محكمة إدارية في اليونان؛ "كتيبة أبو عمارة" وهي جماعة تابعة لهيئة تحرير الشام)."""
    forms = ix.forms
    k = span[-1] + 1
    while k < len(forms) and forms[k].norm in ("،", ",", '"', "»", "”"):
        k += 1
    if k < len(forms) and forms[k].norm in APPOSITION_PRONOUNS:
        sector = country = None
        for j in range(k + 1, min(len(forms), k + 1 + ROLE_WINDOW)):
            m = ix.mention_at(j)
            if forms[j].norm in ("،", ",") or forms[j].norm in ROLE_BREAKS or (m is not None and m.label == "PER"):
                break
            if m is not None and m.label == "ORG" and m.id in linked and forms[j - 1].base in AFFILIATION_WORDS:
                return linked[m.id]  # تابعة لهيئة تحرير الشام: the parent's
            hit = None if m is not None else kb.sector_matcher().match_at(forms, j)
            sector = sector or (hit[1] if hit else None)
            if m is not None and m.label == "LOC":
                country = country or place_country.get(m.id)
        return ActorCode(country, sector)
    k = span[-1] + 1
    if k < len(forms) and forms[k].norm == "في":
        k += 1
    elif not (k < len(forms) and forms[k].proclitics.endswith("ب")):
        return ActorCode(None, None)
    if k < len(forms) and forms[k].base in PLACE_KINDS:
        k += 1
    m = ix.mention_at(k)
    if m is not None and m.label == "LOC":
        return ActorCode(place_country.get(m.id), None)
    if m is not None and m.label == "ORG" and m.id in linked:
        return linked[m.id]  # a body in a body is part of it: لجنة المخصصات بمجلس الشيوخ → LEG
    return ActorCode(None, None)
