"""The curated word lists several stages share (marsad/data/curated): role heads with their
sectors, the words that complete a role, organisation head nouns, state institutions, group
words, and the rule that names a group by a member's adjective (المليشيا الحوثية).

The entity stage finds TITLE and institution mentions with them; the actors stage reads
sectors from the same titles. Loaded once, lazily.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from functools import cache

from marsad.data import data_lines
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word

# Kinds of group that a member's adjective turns into the group's name (المليشيا الحوثية)
GROUP_NOUNS = frozenset(
    normalize_word(w)
    for w in "الميليشيا الميليشيات المليشيا المليشيات الجماعة الحركة التنظيم العناصر القوات المسلحين".split()
)
GROUP_DESCRIPTIONS = frozenset(
    normalize_word(w) for w in "الإرهابية الإرهابي الانقلابية الانقلابي المسلحة المسلح المتمردة المتطرفة".split()
)


def curated_rows(name: str) -> list[list[str]]:
    """Rows of a curated TSV (header line dropped), or lines of a curated list."""
    lines = data_lines("curated", name)
    if name.endswith(".tsv"):
        return [line.split("\t") for line in lines[1:]]
    return [[line] for line in lines]


@dataclass(frozen=True, slots=True)
class WordLists:
    titles: dict[str, str | None]  # title head (matching form, may contain a space) -> sector
    title_complements: frozenset[str]
    org_heads: frozenset[str]
    institution_heads: frozenset[str]  # الجيش in الجيش الليبي
    institution_modifiers: frozenset[str]  # الوطني in الجيش الوطني الليبي
    construct_heads: frozenset[str]  # حكومة in حكومة النمسا
    named_institutions: frozenset[str]  # مجلس الوزراء، النيابة العامة: named by their function alone
    ministries: frozenset[str]  # الداخلية in وزارة الداخلية
    groups: frozenset[str]  # NORP words that name no single country


@cache
def wordlists() -> WordLists:
    institutions = curated_rows("institutions.tsv")

    def kind(name: str) -> frozenset[str]:
        return frozenset(normalize_word(n) for n, k in institutions if k == name)

    return WordLists(
        titles={normalize_word(h.replace("_", " ")): (None if s == "-" else s) for h, s in curated_rows("titles.tsv")},
        title_complements=frozenset(normalize_word(r[0]) for r in curated_rows("title_complements.txt")),
        org_heads=frozenset(normalize_word(r[0]) for r in curated_rows("org_heads.txt")),
        institution_heads=kind("head"),
        institution_modifiers=kind("modifier"),
        construct_heads=kind("construct"),
        named_institutions=kind("named"),
        ministries=kind("ministry"),
        groups=frozenset(normalize_word(r[0]) for r in curated_rows("norp_groups.tsv")),
    )


def find_member_groups(forms: list[WordForm], adjectives: Container[str]) -> list[tuple[int, int]]:
    """Token ranges of a kind of group followed by a member's adjective, a descriptive one allowed
    between them (المليشيا الحوثية، الميليشيات الإرهابية الحوثية)."""
    out = []
    for i in range(len(forms) - 1):
        if forms[i].base not in GROUP_NOUNS:
            continue
        j = i + 2 if i + 2 < len(forms) and forms[i + 1].norm in GROUP_DESCRIPTIONS else i + 1
        if forms[j].norm in adjectives and not forms[j].proclitics:
            out.append((i, j + 1))
    return out
