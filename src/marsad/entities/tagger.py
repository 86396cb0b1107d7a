"""The statistical part of the entity stage: two CRF passes over each sentence.

Pass 1 tags a sentence from its own words; pass 2 also sees what pass 1 made of
the same words elsewhere in the document (see features.document_memory). Both
models are trained by scripts/train_ner.py on ANERcorp and ship in
marsad/data/ner; `Resources.taggers()` opens them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pycrfsuite

from marsad.entities.features import Features, document_memory, with_memory
from marsad.text.forms import WordForm


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    first: int  # token indices, end exclusive
    end: int
    label: str
    score: float  # mean marginal probability of the span's labels


# Pass 2 reads what pass 1 made of each word in the whole document. A document longer than this
# (an archive pasted as one file, a 5 MB transcript) is tagged window by window, each window a
# run of whole sentences of about this many tokens that serves as the document: the features of
# a window (about 1 KB a token) are all that is held at once. An ordinary article is one window.
WINDOW_TOKENS = 20_000


def _windows(sentences: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    windows: list[list[tuple[int, int]]] = [[]]
    size = 0
    for a, b in sentences:
        if size and size + b - a > WINDOW_TOKENS:
            windows.append([])
            size = 0
        windows[-1].append((a, b))
        size += b - a
    return windows


@cache
def features_for(known: frozenset[str]) -> Features:
    """The feature builder for models that know these attributes (one per set of models)."""
    return Features(known)


def tag_sentences(
    forms: list[WordForm],
    sentences: list[tuple[int, int]],
    taggers: tuple[pycrfsuite.Tagger, pycrfsuite.Tagger],
    features: Features,
) -> list[TaggedSpan]:
    """Entity spans (token indices) in a document whose sentences are token ranges, tagged by
    the pass-1 and pass-2 models (`Resources.taggers()`) from `features`
    (`features_for(Resources.model_attributes)`)."""
    out: list[TaggedSpan] = []
    for window in _windows(sentences):
        out += _tag_window(forms, window, taggers, features)
    return out


def _tag_window(
    forms: list[WordForm],
    sentences: list[tuple[int, int]],
    taggers: tuple[pycrfsuite.Tagger, pycrfsuite.Tagger],
    builder: Features,
) -> list[TaggedSpan]:
    first_tagger, second_tagger = taggers
    features = [builder.sentence(forms[a:b]) for a, b in sentences]
    first = [first_tagger.tag(x) if x else [] for x in features]
    window_forms = [f for a, b in sentences for f in forms[a:b]]
    memory = document_memory(window_forms, [label for labels in first for label in labels])
    out = []
    for (a, b), x in zip(sentences, features, strict=True):
        if not x:
            continue
        labels = second_tagger.tag(with_memory(x, forms[a:b], memory))
        for i, j, kind in spans(labels):
            score = sum(second_tagger.marginal(labels[k], k) for k in range(i, j)) / (j - i)
            out.append(TaggedSpan(a + i, a + j, kind, score))
    return out


def spans(labels: list[str]) -> Iterator[tuple[int, int, str]]:
    """CoNLL chunks (start, end, type) of an IOB2 sequence; a stray I- starts a chunk."""
    start, kind = -1, ""
    for i, tag in enumerate([*labels, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if kind:
                yield start, i, kind
            start, kind = (i, tag[2:]) if tag != "O" else (-1, "")
