"""The Arabic event lexicon: words and phrases that say an event happened, each with its PLOVER
type and mode (قتل، مقتل → ASSAULT; طالب → REQUEST; فرض عقوبات → SANCTION discontinue).

Built by scripts/build_event_lexicon.py into marsad/data/events/triggers.tsv from the hand-made
list in data/curated/event_triggers.tsv, every verb in its inflected forms. Entries are stored as
the stems marsad's own segmenter gives, so a trigger matches whatever clitics it carries
(وقتل، بالهجوم، لإطلاق النار), and ة/ه, أ/ا and ى/ي do not matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from marsad.data import data_lines
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str  # PLOVER event type
    mode: str | None
    kind: str  # verb, noun or phrase
    lemma: str
    clipped: str = ""  # letters of the word the segmenter reads as proclitics (فجرت: ف + جرت)


def key(word: str) -> str:
    """The matching form of a stem: marsad's matching normalisation, ة written as ه."""
    return normalize_word(word).replace("ة", "ه")


def keyed(table: dict[str, str]) -> dict[str, str]:
    """A table of space-separated word lists by value, as each word's key → its value."""
    return {key(w): value for value, words in table.items() for w in words.split()}


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: dict[str, Trigger]
    phrases: dict[str, list[tuple[tuple[str, ...], Trigger]]]  # first word -> (words, trigger), longest first
    firsts: frozenset[str]  # the words an entry starts with

    def find(self, keys: Sequence[str], start: int = 0, end: int | None = None) -> list[tuple[int, int, Trigger]]:
        """Triggers among token keys[start:end] (the keys of the tokens' stems), as (first token,
        end token, trigger), left to right, the longest at each position, without overlaps."""
        stop = len(keys) if end is None else end
        out: list[tuple[int, int, Trigger]] = []
        taken = start  # the first token a new hit may start at
        for k in [k for k in range(start, stop) if keys[k] in self.firsts]:
            if k < taken:
                continue
            hit = None
            for words, trigger in self.phrases.get(keys[k], ()):
                j = k + len(words)
                if j <= stop and all(keys[k + n] == w for n, w in enumerate(words)):
                    hit = (k, j, trigger)
                    break
            if hit is None and keys[k] in self.words:
                hit = (k, k + 1, self.words[keys[k]])
            if hit is not None:
                out.append(hit)
                taken = hit[1]
        return out


def token_keys(forms: Sequence[WordForm]) -> list[str]:
    """The keys of the tokens' stems (a stem is in matching form already: only ة is left to map)."""
    return [f.stem.replace("ة", "ه") for f in forms]


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon (loaded once)."""
    words: dict[str, Trigger] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
    for line in data_lines("events", "triggers.tsv")[1:]:
        stems, type_, mode, kind, lemma, clipped = line.split("\t")
        trigger = Trigger(type_, mode or None, kind, lemma, clipped)
        parts = tuple(stems.split(" "))
        if len(parts) == 1:
            words.setdefault(parts[0], trigger)
        else:
            phrases.setdefault(parts[0], []).append((parts, trigger))
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))
    return Lexicon(words, phrases, frozenset(words) | frozenset(phrases))
