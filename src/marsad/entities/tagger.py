"""The statistical part of the entity stage: two CRF passes over each sentence.

Pass 1 tags a sentence from its own words; pass 2 also sees what pass 1 made of
the same words elsewhere in the document (see features.document_memory). Both
models are trained by scripts/train_ner.py on ANERcorp and ship in
marsad/data/ner.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycrfsuite

from marsad.entities.corpus import spans
from marsad.entities.features import document_memory, sentence_features, with_memory
from marsad.errors import DataError
from marsad.text.forms import WordForm


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    first: int  # token indices, end exclusive
    end: int
    label: str
    score: float  # mean marginal probability of the span's labels


def _open(name: str) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    try:
        with resources.as_file(resources.files("marsad.data").joinpath("ner", name)) as path:
            tagger.open(str(path))
    except (OSError, ValueError) as exc:
        raise DataError(f"bundled entity model marsad/data/ner/{name} cannot be opened: {exc}") from None
    return tagger


@cache
def _taggers() -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]:
    return _open("ner1.crfsuite"), _open("ner2.crfsuite")


def tag_sentences(forms: list[WordForm], sentences: list[tuple[int, int]]) -> list[TaggedSpan]:
    """Entity spans (token indices) in a document whose sentences are token ranges."""
    first_tagger, second_tagger = _taggers()
    features = [sentence_features(forms[a:b]) for a, b in sentences]
    first = [first_tagger.tag(x) if x else [] for x in features]
    memory = document_memory(forms, [label for labels in first for label in labels])
    out = []
    for (a, b), x in zip(sentences, features, strict=True):
        if not x:
            continue
        labels = second_tagger.tag(with_memory(x, forms[a:b], memory))
        for i, j, kind in spans(labels):
            score = sum(second_tagger.marginal(labels[k], k) for k in range(i, j)) / (j - i)
            out.append(TaggedSpan(a + i, a + j, kind, score))
    return out
