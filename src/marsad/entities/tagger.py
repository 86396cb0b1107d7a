"""The statistical part of the entity stage: two CRF passes over each sentence.

Pass 1 tags a sentence from its own words; pass 2 also sees what pass 1 made of
the same words elsewhere in the document (see features.document_memory). Both
models are trained by scripts/train_ner.py on ANERcorp and ship in
marsad/data/ner; `Resources.taggers()` opens them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pycrfsuite

from marsad.entities.features import document_memory, sentence_features, with_memory
from marsad.text.forms import WordForm


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    first: int  # token indices, end exclusive
    end: int
    label: str
    score: float  # mean marginal probability of the span's labels


# Pass 2 reuses pass 1's features of this many tokens and builds the rest again: kept for a
# whole long document they cost about 1 KB a token (a 5 MB article: 500 MB), while an article
# of ordinary length stays far below and never builds its features twice.
KEPT_FEATURE_TOKENS = 20_000


def tag_sentences(
    forms: list[WordForm], sentences: list[tuple[int, int]], taggers: tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]
) -> list[TaggedSpan]:
    """Entity spans (token indices) in a document whose sentences are token ranges, tagged by
    the pass-1 and pass-2 models (`Resources.taggers()`)."""
    first_tagger, second_tagger = taggers
    kept: list[list[list[str]] | None] = []
    first: list[str] = []
    budget = KEPT_FEATURE_TOKENS
    for a, b in sentences:
        x = sentence_features(forms[a:b])
        first += first_tagger.tag(x) if x else []
        kept.append(x if b - a <= budget else None)
        budget -= b - a if b - a <= budget else 0
    memory = document_memory(forms, first)
    out = []
    for (a, b), stored in zip(sentences, kept, strict=True):
        if b == a:
            continue
        features = stored if stored is not None else sentence_features(forms[a:b])
        labels = second_tagger.tag(with_memory(features, forms[a:b], memory))
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
