"""Matching form of Arabic text, with a map back to the original characters.

The stored article text is never changed. Stages that match words against
lexicons work on `Normalized.text`, a form with diacritics, tatweel and
invisible marks removed and letter variants unified, and map every span they
find back to the original with `Normalized.to_original`.

The normalisation is a function of single characters (each original character
becomes zero, one or more normalised characters), which is what makes an exact
offset map possible.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import MutableSequence
from dataclasses import dataclass

# Tashkeel (harakat, tanween, shadda, sukun, dagger alif and Quranic marks)
# and tatweel are removed, as are zero-width and direction marks and the BOM.
_DELETED = (
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan .. hamza below
    + ["\u0670"]  # superscript (dagger) alif
    + [chr(c) for c in range(0x06D6, 0x06DD)]  # Quranic annotation signs
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + ["\u06e7", "\u06e8"]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + ["\u0610", "\u0611", "\u0612", "\u0613", "\u0614", "\u0615", "\u0616", "\u0617", "\u0618", "\u0619", "\u061a"]
    + ["\u0640"]  # tatweel
    + [chr(c) for c in range(0x200B, 0x2010)]  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    + ["\u061c", "\ufeff", "\u2060", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
)

_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ک": "ك",
    "ی": "ي",
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
}


# Letter variants that carry information a segmenter needs (the hamza of
# ألمانيا and إلغاء tells them apart from the article ال); `Normalized.spelled`
# keeps them.
_SPELLING_VARIANTS = frozenset("أإآٱى")


def _build_table(unify_spelling: bool = True) -> dict[int, str]:
    table: dict[int, str] = {ord(c): "" for c in _DELETED}
    table.update({ord(k): v for k, v in _LETTERS.items() if unify_spelling or k not in _SPELLING_VARIANTS})
    for zero in (0x0660, 0x06F0):  # Arabic-Indic and Eastern Arabic-Indic digits
        for d in range(10):
            table[zero + d] = str(d)
    # Presentation forms (ligatures and contextual letter shapes) decompose
    # under NFKC; the result is normalised again so that e.g. the lam-alef
    # ligature with hamza gives plain لا.
    for start, end in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        for cp in range(start, end + 1):
            ch = chr(cp)
            if cp in table:
                continue
            decomposed = unicodedata.normalize("NFKC", ch)
            if decomposed != ch:
                table[cp] = "".join(table.get(ord(x), x) for x in decomposed)
    return table


TABLE: dict[int, str] = _build_table()
# The same deletions and digit/presentation-form mapping, letters as written:
# its output always has the same length as TABLE's.
SPELLING_TABLE: dict[int, str] = _build_table(unify_spelling=False)
# What is left to do after SPELLING_TABLE to get TABLE's result.
_UNIFY_TABLE: dict[int, str] = {ord(k): _LETTERS[k] for k in _SPELLING_VARIANTS}

LONG_TEXT = 200_000  # characters

# Characters whose replacement is not exactly one character: only texts
# containing one of them need an explicit offset map.
_RESHAPING = re.compile("[" + "".join(re.escape(chr(cp)) for cp, rep in TABLE.items() if len(rep) != 1) + "]")

# Deleted characters that belong to the letter before them (so a span ending
# on a letter also covers its diacritics): everything deleted except the
# invisible formatting marks.
_ATTACHED = frozenset(
    cp for cp, rep in TABLE.items() if rep == "" and not (0x200B <= cp <= 0x202E or cp in (0x061C, 0xFEFF, 0x2060))
)


@dataclass(slots=True)
class Normalized:
    """A matching form of `original` and the offset map between the two.

    `spelled` is `text` with hamza forms and alif maqsura as written (same
    length, same offsets). `starts[i]`/`ends[i]` give the original span of
    normalised character i; both are None when the map is the identity (the
    common case), so that most texts pay nothing for it.
    """

    original: str
    spelled: str
    starts: MutableSequence[int] | None = None
    ends: MutableSequence[int] | None = None
    _text: str | None = None

    @property
    def text(self) -> str:
        """The matching form (computed on first use: the text layer itself needs only `spelled`)."""
        if self._text is None:
            self._text = self.spelled.translate(_UNIFY_TABLE)
        return self._text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span [start, end) of the normalised text to the original text."""
        if not 0 <= start <= end <= len(self.spelled):
            raise ValueError(f"span ({start}, {end}) is outside the normalised text of length {len(self.spelled)}")
        if self.starts is None or self.ends is None:
            return start, end
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


# str.translate looks every character up; most characters of a news text map
# to themselves, so deleting with a regex and translating only what is left to
# map is about three times faster and gives the same string.
_DELETED_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp, rep in SPELLING_TABLE.items() if not rep) + "]")
_MAPPED_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp, rep in SPELLING_TABLE.items() if rep) + "]")


def _spell(text: str) -> str:
    if _DELETED_CHARS.search(text) is not None:
        text = _DELETED_CHARS.sub("", text)
    if _MAPPED_CHARS.search(text) is not None:
        text = text.translate(SPELLING_TABLE)
    return text


def normalize(text: str) -> Normalized:
    """Return the matching form of `text` with its offset map."""
    spelled = _spell(text)
    if _RESHAPING.search(text) is None:
        return Normalized(text, spelled)
    # Characters between two reshaping ones map one to one: copy them as ranges. A long text's
    # map is kept in machine integers (a 5 MB article's: 40 MB instead of 200 MB of int objects);
    # a short one's in lists, which extend from ranges several times faster.
    starts: MutableSequence[int] = array("q") if len(text) > LONG_TEXT else []
    ends: MutableSequence[int] = array("q") if len(text) > LONG_TEXT else []
    done = 0
    for m in _RESHAPING.finditer(text):
        i = m.start()
        starts.extend(range(done, i))
        ends.extend(range(done + 1, i + 1))
        rep = TABLE[ord(text[i])]
        if rep:
            starts.extend([i] * len(rep))
            ends.extend([i + 1] * len(rep))
        elif ord(text[i]) in _ATTACHED and ends and ends[-1] == i:
            # a diacritic or tatweel extends the letter(s) it follows
            j = len(ends) - 1
            while j >= 0 and ends[j] == i:
                ends[j] = i + 1
                j -= 1
        done = i + 1
    starts.extend(range(done, len(text)))
    ends.extend(range(done + 1, len(text) + 1))
    return Normalized(text, spelled, starts, ends)


def normalize_word(word: str) -> str:
    """Matching form of a short string (a lexicon entry, a token), without an offset map."""
    return word.translate(TABLE)


def word_set(text: str) -> frozenset[str]:
    """The matching forms of the space-separated words of a word list."""
    return frozenset(normalize_word(w) for w in text.split())
