"""The lexicon part of the entity stage: roles (TITLE), nationality/group adjectives (NORP)
and state institutions named by their nationality (ORG).

NORP: a word whose base is a nationality adjective in any form (الليبي، الروسية،
الأمريكيون، الفلسطينيين) or a group word (العرب، الشيعة), unless the tagger made
that word a place (السعودية as a country).

TITLE: a role head (وزير، المتحدث، المشير، الأمين) followed by the words that
complete it (الخارجية، الرسمي، العام), ending at باسم when it comes:
"المتحدث الرسمي باسم"، "وزير الخارجية"، "الأمين العام".
"""

from __future__ import annotations

from functools import cache

from marsad.kb.lexicons import lexicons
from marsad.kb.wordlists import wordlists
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word
from marsad.text.phrases import PhraseMatcher

BY_NAME = "باسم"


@cache
def _title_heads() -> PhraseMatcher[str | None]:
    return PhraseMatcher(wordlists().titles.items())


MINISTRY = normalize_word("وزارة")
# Feminine reporting verbs whose subject may be a ministry named by its portfolio alone (وأكدت الخارجية)
MINISTRY_VERBS = frozenset(
    normalize_word(w)
    for w in "قالت أكدت أعلنت أضافت ذكرت شددت دعت نفت أوضحت طالبت أدانت رحبت استنكرت أشارت اعتبرت حذرت نددت".split()
)
FORCES = frozenset(normalize_word(w) for w in ("قوات", "القوات"))


@cache
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(p.split()[0] for p in phrases)


def _phrase(forms: list[WordForm], i: int, j: int) -> str:
    """Tokens i..j as one matching form, the first without its clitics (والنيابة العامة)."""
    return " ".join([forms[i].base] + [f.norm for f in forms[i + 1 : j]])


def _country_after(forms: list[WordForm], j: int, b: int, countries: frozenset[str]) -> int:
    """The end of a country name starting at token j (النمسا، الولايات المتحدة), else j."""
    if forms[j].proclitics:
        return j
    for width in (3, 2, 1):
        if j + width <= b and " ".join(f.norm for f in forms[j : j + width]) in countries:
            return j + width
    return j


def find_institutions(forms: list[WordForm], sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges of a state institution named by its nationality (الجيش (الوطني) الليبي), by
    its country (حكومة النمسا، سفارة الولايات المتحدة) or by its function alone (مجلس الوزراء،
    النيابة العامة), and of a ministry named by its portfolio alone (وزارة الداخلية)."""
    lex = wordlists()
    countries, demonyms = lexicons().countries, lexicons().demonyms
    first_words = _first_words(lex.named_institutions)
    out = []
    for a, b in sentences:
        for i in range(a, b):
            named = None
            # not the complement of a longer name (وزارة الأمن العام), though "forces of" may precede
            # a body (قوات الجيش الوطني)
            inside = i > a and forms[i - 1].base in lex.org_heads and forms[i - 1].base not in FORCES
            if forms[i].base in first_words and not inside:
                ends = (j for j in (i + 3, i + 2) if j <= b and _phrase(forms, i, j) in lex.named_institutions)
                named = next(ends, None)
            if named is not None:
                national = named < b and forms[named].norm in demonyms and not forms[named].proclitics
                out.append((i, named + 1 if national else named))  # مجلس الوزراء (المصري)
                continue
            if (
                forms[i].base in lex.ministries
                and i > a
                and (forms[i - 1].norm == BY_NAME or forms[i - 1].base in MINISTRY_VERBS)
            ):
                out.append((i, i + 1))  # المتحدث باسم الداخلية، وأكدت الخارجية: the ministry by its portfolio
                continue
            if forms[i].base in lex.construct_heads and i + 1 < b:
                end = _country_after(forms, i + 1, b, countries)
                if end > i + 1:
                    out.append((i, end))
                    continue
            if forms[i].base not in lex.institution_heads:
                continue
            j = i + 1
            while j < b and j - i <= 3 and forms[j].norm in lex.institution_modifiers:
                j += 1
            if j < b and forms[j].norm in demonyms and not forms[j].proclitics:
                out.append((i, j + 1))
            elif forms[i].base == MINISTRY and i + 1 < b and forms[i + 1].norm in lex.ministries:
                national = i + 2 < b and forms[i + 2].norm in demonyms and not forms[i + 2].proclitics
                out.append((i, i + 3 if national else i + 2))  # وزارة الصحة (الجزائرية)
    return out


def find_norp(forms: list[WordForm]) -> list[int]:
    """Token indices of nationality and group adjectives."""
    lex = lexicons()
    return [i for i, f in enumerate(forms) if f.base in lex.demonyms or f.base in lex.groups]


def find_titles(forms: list[WordForm], sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges of roles, never crossing a sentence boundary."""
    complements = wordlists().title_complements
    heads = _title_heads()
    out = []
    for a, b in sentences:
        i = a
        while i < b:
            hit = heads.match_at(forms, i, b)
            if hit is None:
                i += 1
                continue
            j = hit[0]
            while j < b and (forms[j].norm == BY_NAME or (forms[j].norm in complements and not forms[j].proclitics)):
                j += 1
                if forms[j - 1].norm == BY_NAME:
                    break
            out.append((i, j))
            i = j
    return out
