"""Clitic segmentation of Arabic words: و + ب + ال + قاهرة، نشرت + ها.

A word is split only when what remains is a word that news text uses: the
evidence is the ANT word-frequency table built by scripts/build_wordfreq.py.
Candidate analyses are [conjunction] [preposition | future س] [article] stem
[pronoun]. An analysis is acceptable when its remainder is attested often
enough, both absolutely and against the whole word (so لبنان، بيروت، وزير stay
whole while بدرنة and وروسيا split); the best attested acceptable analysis wins.
The article is split off only where it is written with a bare alif (ألمانيا and
إلغاء keep their hamza) and the stem is a plausible noun (الله stays whole).

Input is a word as written minus diacritics (`Normalized.spelled`); output is
a tuple of (start, end, kind) relative to the word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.data import read_text
from marsad.model import SegmentKind
from marsad.text.normalize import normalize_word

Piece = tuple[int, int, SegmentKind]

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
FUTURE = "س"
IMPERFECT_INITIALS = frozenset("يتنا")
ARTICLE = "ال"
PRONOUNS = ("هما", "هم", "هن", "ها", "ه", "كما", "كم", "كن", "ك", "نا", "ني", "ي")
# Pronouns that also end ordinary words often (nisba adjectives in ي, ذلك and
# هناك in ك): split only from the function words that take them (مني، عليك).
GUARDED_PRONOUNS = frozenset({"ي", "ك", "كن", "كما", "ني"})
# Function words that carry pronouns (normalised: على is علي, إلى is الي).
FUNCTION_STEMS = frozenset(
    {"في", "من", "عن", "علي", "الي", "لدي", "مع", "عند", "ان", "لكن", "حتي", "منذ", "بين", "دون", "عبر"}
)
# Frequent words whose first letters look like a proclitic but are not. Kept
# short on purpose: the frequency test handles the rest.
WHOLE_WORDS = frozenset(
    """
    كان كانت كانوا كانا كنا كنت كما كل كلا كلما كذلك كيف كي لكي لكن لكنه ليس ليست لم لن لا لما لماذا لدي لقد لو
    لولا لهذا فقط فيما فوق بل بعد بين بينما بلا وفق وفقا ولكن لاسيما سوف سوي واحد واحدة ولاية ولايات والد والدة
    والي بالغ بالغة فالح كامل كاملة فكرة وجهة بات باتت فحسب وفاق وحدة وحده كبري بعيد بعيدة كلم كتلة لسان بني
    سانا سالم سامة كمال بيونغ بوست ليون يتوجه
    """.split()
)
# Two-letter words that take clitics; any other two-letter remainder is a
# coincidence (وعد، بيو).
SHORT_WORDS = frozenset("كل ما من عن في مع قد لم لن لا هو هي هم ان او ثم اي بل ذا تم لو".split())
# Stems the article never attaches to: الله must not become ال + له.
NOT_NOUNS = frozenset("له لها لهم لي ذي تي ذين ذان لتي لذي لذين ان".split())  # ان: الآن

# An analysis needs its remainder seen MIN_COUNT times and at least MIN_RATIO
# times as often as the whole word (tuned on the first 300 PUD sentences).
MIN_RATIO = 0.1
CONJUNCTION_RATIO = 0.02
MIN_COUNT = 5


@dataclass(frozen=True, slots=True)
class _Analysis:
    prefixes: tuple[str, ...]
    base: str  # normalised remainder the prefixes attach to, article included
    definite: bool  # the remainder starts with the article as written
    suffix: str
    evidence: int


@cache
def word_counts() -> dict[str, int]:
    """The bundled word-frequency table (loaded once)."""
    counts: dict[str, int] = {}
    for line in read_text("wordfreq.tsv.gz").splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    return counts


def _stem_count(stem: str, suffix: str, counts: dict[str, int]) -> int:
    """Attestation of a remainder; one that lost a pronoun may need its ة or ى back."""
    best = counts.get(stem, 0)
    if suffix:
        if stem.endswith("ت"):
            best = max(best, counts.get(stem[:-1] + "ة", 0))
        elif stem.endswith("ا") and len(stem) > 2:
            best = max(best, counts.get(stem[:-1] + "ي", 0))
    return best


def _prefix_chains(word: str, spelled: str, counts: dict[str, int]) -> list[tuple[tuple[str, ...], str, bool]]:
    """Every reading of the start of `word` as proclitics: (clitics, normalised rest, rest is definite)."""
    chains: list[tuple[tuple[str, ...], str, bool]] = []
    for conj in ("", *CONJUNCTIONS):
        if conj and not word.startswith(conj):
            continue
        i = len(conj)
        head = (conj,) if conj else ()
        if conj:
            chains.append((head, word[i:], spelled.startswith(ARTICLE, i)))
        if word[i:] in WHOLE_WORDS:
            continue
        for prep in (*PREPOSITIONS, FUTURE):
            if not word.startswith(prep, i):
                continue
            rest = word[i + 1 :]
            # future س takes an imperfect verb; its أ is written with hamza (سأفعل), so
            # a bare alif after س is part of a word (سامي، سالم)
            if prep == FUTURE and (not rest or rest[0] not in IMPERFECT_INITIALS or spelled[i + 1 : i + 2] == "ا"):
                continue
            if prep == "ل" and spelled.startswith("ل", i + 1) and len(rest) > 2:
                # لل: the article's alif is not written after ل (للسلطة = ل + السلطة).
                # A second preposition cannot follow ل, so the restored reading
                # wins whenever it is attested (لليبيا is still ل + ليبيا).
                chains.append(((*head, prep), "ا" + rest, True))
                if counts.get("ا" + rest, 0) >= MIN_COUNT:
                    continue
            chains.append(((*head, prep), rest, spelled.startswith(ARTICLE, i + 1)))
    return chains


def _plausible_base(base: str, prefixes: tuple[str, ...], suffix: str) -> bool:
    """Shape constraints on what clitics may attach to, before any counting."""
    if suffix in GUARDED_PRONOUNS:
        return base in FUNCTION_STEMS
    if base in FUNCTION_STEMS:
        return True
    if len(base) == 1:  # a preposition carrying a pronoun: له، بها، لك
        return bool(suffix) and base in PREPOSITIONS and prefixes[-1:] != (base,)
    if len(base) == 2:
        return base in SHORT_WORDS
    if base == ARTICLE:
        return False
    if suffix == "ه" and base.endswith("ي"):
        return False  # جنيه، أندريه
    return not (suffix and base.startswith(ARTICLE) and len(base) < 5)  # الأهم، المهم


def _analyses(word: str, spelled: str, counts: dict[str, int]) -> list[_Analysis]:
    out: list[_Analysis] = []
    own = counts.get(word, 0)
    for prefixes, rest, definite in [((), word, False), *_prefix_chains(word, spelled, counts)]:
        for suffix in ("", *PRONOUNS):
            if not prefixes and not suffix:
                continue
            if suffix and (not rest.endswith(suffix) or len(rest) == len(suffix)):
                continue
            if suffix == "ي" and spelled.endswith("ى"):
                continue  # the pronoun is never written ى: منى is a name, not من + ي
            base = rest[: len(rest) - len(suffix)]
            if prefixes and prefixes[-1] in PREPOSITIONS and prefixes[-1] + base in WHOLE_WORDS:
                continue  # و+كان+ه, not و+ك+ان+ه
            if not _plausible_base(base, prefixes, suffix):
                continue
            evidence = own + MIN_COUNT if len(base) == 1 else _stem_count(base, suffix, counts)
            out.append(_Analysis(prefixes, base, definite, suffix, evidence))
    return out


def _acceptable(analysis: _Analysis, whole: int) -> bool:
    base = analysis.base
    if analysis.prefixes and analysis.definite and len(base) >= 5 and not analysis.suffix:
        # a proclitic before a definite noun is the regular case (بالنسبة، والتي);
        # the few whole words in وال/بال (والد، بالغ) are in WHOLE_WORDS
        return True
    if analysis.prefixes == ("و",) and not analysis.suffix and whole < MIN_COUNT and len(base) >= 3:
        return True  # a rare word in و is almost always و + a rare word
    # news opens sentences with و + verb (وأضاف is 27 times as frequent as أضاف), so a
    # lone conjunction needs less support against the whole word
    ratio = CONJUNCTION_RATIO if analysis.prefixes in (("و",), ("ف",)) and not analysis.suffix else MIN_RATIO
    return analysis.evidence >= MIN_COUNT and analysis.evidence >= ratio * whole


def _best(word: str, spelled: str, counts: dict[str, int]) -> _Analysis | None:
    if word in WHOLE_WORDS:
        return None
    whole = counts.get(word, 0)
    best: _Analysis | None = None
    for analysis in _analyses(word, spelled, counts):
        if not _acceptable(analysis, whole):
            continue
        if best is None or _rank(analysis) > _rank(best):
            best = analysis
    return best


def _rank(analysis: _Analysis) -> tuple[int, int]:
    # better attested first; among equals, fewer pieces
    return analysis.evidence, -len(analysis.prefixes) - bool(analysis.suffix)


def _article_length(spelled_rest: str, restored: bool) -> int:
    """Length of the article at the start of a remainder as written (0 when there is none)."""
    if restored:
        return 1  # the ل of للسلطة
    return 2 if spelled_rest.startswith(ARTICLE) else 0


@lru_cache(maxsize=262_144)
def segment_word(spelled: str) -> tuple[Piece, ...]:
    """Split an Arabic word (diacritics removed, letters as written) into clitics and stem.

    Offsets are relative to the word; kinds are prefix, stem, suffix.
    """
    word = normalize_word(spelled)
    n = len(word)
    analysis = _best(word, spelled, word_counts())
    pieces: list[Piece] = []
    pos = 0
    suffix_len = 0
    if analysis is not None:
        for clitic in analysis.prefixes:
            pieces.append((pos, pos + len(clitic), "prefix"))
            pos += len(clitic)
        suffix_len = len(analysis.suffix)
    base_end = n - suffix_len
    written = word[pos:base_end]
    restored = analysis is not None and analysis.base != written  # the alif of ال was restored
    article = _article_length(spelled[pos:base_end], restored)
    if article and base_end - pos - article >= 2 and word[pos + article : base_end] not in NOT_NOUNS:
        pieces.append((pos, pos + article, "prefix"))
        pos += article
    pieces.append((pos, base_end, "stem"))
    if suffix_len:
        pieces.append((base_end, n, "suffix"))
    return tuple(pieces)
