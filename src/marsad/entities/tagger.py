"""The statistical part of the entity stage: two CRF passes over each sentence.

Pass 1 tags a sentence from its own words; pass 2 also sees what pass 1 made of
the same words elsewhere in the document (see features.document_memory). Both
models are trained by scripts/train_ner.py and ship in marsad/data/ner as their
weights (`weights.npz`) and two small decoders (crffile.py).

Why not hand CRFsuite the feature strings: a token has about sixty, and looking each up
in the model's dictionary, twice, was most of the stage's time. A linear-chain CRF scores
a token's label as the sum of its features' weights, and most features depend only on a
word form, so each form's contribution to the scores of its own position and of its
neighbours' is summed once and cached (`ScoreCache`); a sentence's scores are then a few
array additions, and CRFsuite, given one valued attribute per label (a decoder), does the
Viterbi search and the marginals in C. The labels and scores are those of the trained
models (tests/test_entities.py compares them with CRFsuite given the feature strings).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import pycrfsuite

from marsad.entities.features import (
    BOS,
    EOS,
    VIEW_CACHE_LIMIT,
    bigram_after,
    bigram_before,
    document_memory,
    phrase_tags,
    word_views,
)
from marsad.resources import TaggerWeights
from marsad.text.forms import WordForm

# a word form's scores, (5, passes, labels): as itself, then as seen from the word after it,
# before it, two after and two before (features.WordViews)
OWN, AS_LEFT1, AS_RIGHT1, AS_LEFT2, AS_RIGHT2 = range(5)
FormKey = tuple[str, str, str, str, str]  # what a word form's features depend on


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    first: int  # token indices, end exclusive
    end: int
    label: str
    score: float  # mean marginal probability of the span's labels


class TaggerModel:
    """The two passes' weights (`Resources.tagger_weights()`) and what tagging derives from them
    once: the attribute index, the cache of word forms' scores. `model_for` gives the one
    model of a set of weights."""

    def __init__(self, labels: list[str], attributes: list[str], weights: np.ndarray) -> None:
        self.labels = labels
        self.rows = {a: k for k, a in enumerate(attributes)}
        self.weights = weights
        self.scores = ScoreCache(self)
        # Scores are handed to the decoders relative to O's, which is then 0 and left out: the
        # best sequence and the marginals do not change when a position's scores shift together.
        outside = labels.index("O")
        self.outside = [outside]
        self.named = [j for j in range(len(labels)) if j != outside]
        self.emissions = [f"e{j}" for j in self.named]  # the decoders' attributes (crffile.py)
        # the bases that begin a bigram the models know (any split at "|", since a base may hold one)
        self.bigram_starts: tuple[set[str], set[str]] = (set(), set())
        for attribute in attributes:
            for k, prefix in enumerate(("bg-=", "bg+=")):
                if attribute.startswith(prefix):
                    pair = attribute[len(prefix) :]
                    self.bigram_starts[k].update(pair[:i] for i, c in enumerate(pair) if c == "|")
        self.memory_rows = {
            (offset, kind): r
            for offset, name in ((0, "doc="), (-1, "doc-1="), (1, "doc+1="))
            for kind in ("PER", "ORG", "LOC", "MISC")
            if (r := self.rows.get(name + kind)) is not None
        }


@cache
def model_for(weights: TaggerWeights) -> TaggerModel:
    return TaggerModel(weights.labels, weights.attributes, weights.weights)


class ScoreCache:
    """Each word form's scores (see OWN…), computed from its features on first sight. Entries
    are never changed once made, so threads share the cache."""

    def __init__(self, model: TaggerModel, limit: int = VIEW_CACHE_LIMIT) -> None:
        self._model = model
        self._cache: dict[FormKey, np.ndarray] = {}
        self.limit = limit  # word forms; a long-running process keeps at most this many

    def scores(self, forms: list[WordForm]) -> np.ndarray:
        """The scores of each of `forms`, (forms, 5, passes, labels)."""
        keys = [(f.norm, f.base, f.stem, f.proclitics, f.suffix) for f in forms]
        cache = self._cache
        got = [cache.get(key) for key in keys]
        missing = {key: form for key, form, s in zip(keys, forms, got, strict=True) if s is None}
        if missing:
            computed = self._compute(missing)
            if len(cache) + len(computed) > self.limit:
                cache.clear()  # another thread's lookups are unaffected: each keeps what it got
            cache.update(computed)
            return np.stack([computed[key] if s is None else s for key, s in zip(keys, got, strict=True)])
        return np.stack(got)  # type: ignore[arg-type]  # no None: nothing was missing

    def _compute(self, forms: dict[FormKey, WordForm]) -> dict[FormKey, np.ndarray]:
        # one array operation for all the new forms of a window, not a few per form
        rows = self._model.rows
        owners, views, found = [], [], []
        for owner, form in enumerate(forms.values()):
            v = word_views(form)
            for view, names in enumerate((v.own, v.left1, v.right1, v.left2, v.right2)):
                for name in names:
                    if (r := rows.get(name)) is not None:
                        owners.append(owner)
                        views.append(view)
                        found.append(r)
        weights = self._model.weights
        scores = np.zeros((len(forms), 5, *weights.shape[1:]))
        np.add.at(scores, (owners, views), weights[found])
        return dict(zip(forms, scores, strict=True))


# Pass 2 reads what pass 1 made of each word in the whole document. A document longer than this
# (an archive pasted as one file, a 5 MB transcript) is tagged window by window, each window a
# run of whole sentences of about this many tokens that serves as the document. An ordinary
# article is one window.
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


def tag_sentences(
    forms: list[WordForm],
    sentences: list[tuple[int, int]],
    model: TaggerModel,
    decoders: tuple[pycrfsuite.Tagger, pycrfsuite.Tagger],
) -> list[TaggedSpan]:
    """Entity spans (token indices) in a document whose sentences are token ranges, tagged by
    the two passes (`model_for(Resources.tagger_weights())`, `Resources.taggers()`)."""
    out: list[TaggedSpan] = []
    for window in _windows([(a, b) for a, b in sentences if b > a]):
        if window:
            out += _tag_window(forms, window, model, decoders)
    return out


def _window_scores(forms: list[WordForm], sentences: list[tuple[int, int]], model: TaggerModel) -> np.ndarray:
    """Both passes' label scores of every token of the window, (tokens, passes, labels), but the
    document-memory features: all the features sentence_features would give."""
    lo, hi = sentences[0][0], sentences[-1][1]
    views = model.scores.scores(forms[lo:hi])
    scores = views[:, OWN].copy()
    starts = np.zeros(hi - lo, dtype=bool)
    starts[[a - lo for a, _ in sentences]] = True
    ends = np.zeros(hi - lo, dtype=bool)
    ends[[b - 1 - lo for _, b in sentences]] = True
    # a neighbour counts only inside the sentence: mask what would cross a boundary
    has_prev = ~starts[1:]
    scores[1:] += views[:-1, AS_LEFT1] * has_prev[:, None, None]
    has_next = ~ends[:-1]
    scores[:-1] += views[1:, AS_RIGHT1] * has_next[:, None, None]
    has_prev2 = has_prev[1:] & has_prev[:-1]
    scores[2:] += views[:-2, AS_LEFT2] * has_prev2[:, None, None]
    has_next2 = has_next[:-1] & has_next[1:]
    scores[:-2] += views[2:, AS_RIGHT2] * has_next2[:, None, None]
    rows = model.rows
    for name, mask in ((BOS, starts), (EOS, ends)):
        if (r := rows.get(name)) is not None:
            scores[mask] += model.weights[r]
    # bigrams and multi-word place names: (position, attribute row) pairs, added in one go
    positions, found = [], []
    starts_before, starts_after = model.bigram_starts
    for a, b in sentences:
        for k in range(a, b - 1):
            before, after = forms[k].base, forms[k + 1].base
            if before in starts_before and (r := rows.get(bigram_before(before, after))) is not None:
                positions.append(k + 1 - lo)
                found.append(r)
            if before in starts_after and (r := rows.get(bigram_after(before, after))) is not None:
                positions.append(k - lo)
                found.append(r)
        for k, names in enumerate(phrase_tags(forms[a:b]), start=a - lo):
            for name in names:
                if (r := rows.get(name)) is not None:
                    positions.append(k)
                    found.append(r)
    if found:
        np.add.at(scores, positions, model.weights[found])
    return scores


def _add_memory(
    scores: np.ndarray,
    model: TaggerModel,
    forms: list[WordForm],
    sentences: list[tuple[int, int]],
    memory: dict[str, str],
) -> None:
    """Pass 2's document-memory features (features.memory_features) for the whole window."""
    lo = sentences[0][0]
    positions, rows = [], []
    memory_rows = model.memory_rows
    for a, b in sentences:
        for k in range(a, b):
            kind = memory.get(forms[k].base)
            if kind is None:
                continue
            # this word's type is a feature of itself and of its neighbours in the sentence
            for offset, at in ((0, k), (-1, k + 1), (1, k - 1)):
                if a <= at < b and (r := memory_rows.get((offset, kind))) is not None:
                    positions.append(at - lo)
                    rows.append(r)
    if rows:
        np.add.at(scores[:, 1], positions, model.weights[rows, 1])


def _items(model: TaggerModel, scores: np.ndarray) -> list[dict[str, float]]:
    """One pass's scores, (tokens, labels), as the decoder's items."""
    names = model.emissions
    relative = scores[:, model.named] - scores[:, model.outside]
    return [dict(zip(names, row, strict=True)) for row in relative.tolist()]


def _tag_window(
    forms: list[WordForm],
    sentences: list[tuple[int, int]],
    model: TaggerModel,
    decoders: tuple[pycrfsuite.Tagger, pycrfsuite.Tagger],
) -> list[TaggedSpan]:
    first_pass, second_pass = decoders
    lo = sentences[0][0]
    scores = _window_scores(forms, sentences, model)
    items = _items(model, scores[:, 0])
    first = [first_pass.tag(items[a - lo : b - lo]) for a, b in sentences]
    window_forms = [f for a, b in sentences for f in forms[a:b]]
    memory = document_memory(window_forms, [label for labels in first for label in labels])
    if memory:
        _add_memory(scores, model, forms, sentences, memory)
    items = _items(model, scores[:, 1])
    out = []
    for a, b in sentences:
        labels = second_pass.tag(items[a - lo : b - lo])
        for i, j, kind in spans(labels):
            score = sum(second_pass.marginal(labels[k], k) for k in range(i, j)) / (j - i)
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
