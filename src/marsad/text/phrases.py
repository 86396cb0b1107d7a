"""Matching multi-word phrases (names, titles) against a document's tokens.

Phrases are sequences of words in matching form. The first word of a phrase is
compared with a token's base (so وبالولايات المتحدة matches الولايات المتحدة), the
following words with the whole token. Matches are found left to right, longest
first, without overlaps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from marsad.text.forms import WordForm

V = TypeVar("V")


class PhraseMatcher(Generic[V]):
    def __init__(self, phrases: Iterable[tuple[str, V]]) -> None:
        # phrases of several words are indexed by their first two words, so that a common
        # first word (محمد، عبد) costs one lookup, not a walk over every phrase it starts
        longer: dict[tuple[str, str], list[tuple[tuple[str, ...], V]]] = defaultdict(list)
        self._single: dict[str, V] = {}
        self._exact: dict[str, V] = {}
        for phrase, value in phrases:
            words = tuple(phrase.split())
            if not words:
                continue
            if len(words) == 1:
                self._single.setdefault(words[0], value)
            else:
                longer[(words[0], words[1])].append((words, value))
            self._exact[" ".join(words)] = value
        # longest phrases first, so the first hit at a position is the longest
        self._longer = {k: sorted(v, key=lambda wv: -len(wv[0])) for k, v in longer.items()}
        self._firsts = frozenset(self._single) | {first for first, _ in longer}

    def starts_a_phrase(self, word: str) -> bool:
        return word in self._firsts

    def match_exact(self, phrase: str) -> V | None:
        """The value of exactly this phrase (words separated by single spaces), or None."""
        return self._exact.get(phrase)

    def match_at(self, forms: Sequence[WordForm], i: int, end: int | None = None) -> tuple[int, V] | None:
        """The longest phrase starting at token i: (end token index, value), or None.

        The first word is tried without its clitics; as written, when the segmenter split a
        name's first letter off as a clitic (فيصل as ف + يصل); and, in a phrase of several words,
        without a first letter the segmenter kept because the whole is a word too (لبي بي سي).
        """
        stop = len(forms) if end is None else end
        for first, min_words in _first_words(forms[i]):
            if first not in self._firsts:
                continue
            if i + 1 < stop:
                for words, value in self._longer.get((first, forms[i + 1].norm), ()):
                    j = i + len(words)
                    if j <= stop and all(forms[i + k].norm == words[k] for k in range(2, len(words))):
                        return j, value
            if min_words <= 1 and first in self._single:
                return i + 1, self._single[first]
        return None

    def find(self, forms: Sequence[WordForm], start: int = 0, end: int | None = None) -> list[tuple[int, int, V]]:
        """Non-overlapping matches as (first token, end token, value), left to right."""
        stop = len(forms) if end is None else end
        out: list[tuple[int, int, V]] = []
        firsts = self._firsts
        taken = start  # the first token a new match may start at
        for i in range(start, stop):
            form = forms[i]
            if i < taken or (form.base not in firsts and form.norm not in firsts and unsplit_rest(form) not in firsts):
                continue
            hit = self.match_at(forms, i, stop)
            if hit is not None:
                out.append((i, *hit))
                taken = hit[0]
        return out


PROCLITIC_LETTERS = frozenset("وفبلك")


def unsplit_rest(form: WordForm) -> str:
    """The word without its first letter when that letter may be a proclitic the segmenter
    did not split off (لبي = لـ + بي); "" otherwise."""
    if form.proclitics or len(form.norm) < 3 or form.norm[0] not in PROCLITIC_LETTERS:
        return ""
    return form.norm[1:]


def _first_words(form: WordForm) -> list[tuple[str, int]]:
    """The forms a phrase's first word is looked up under, each with the fewest words a
    phrase found through it must have."""
    words = [(form.base, 1)] if form.norm == form.base else [(form.base, 1), (form.norm, 1)]
    rest = unsplit_rest(form)
    return [*words, (rest, 2)] if rest else words
