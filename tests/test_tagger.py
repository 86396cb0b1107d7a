"""The entity tagger's runtime: scores summed per word form and decoded by CRFsuite must give what
the trained models give on the feature strings training saw."""

from __future__ import annotations

import itertools
import math
import random
from importlib import resources as package_files
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from marsad.entities.crffile import read_weights, write_decoder, write_tagger
from marsad.entities.features import document_memory, sentence_features, with_memory
from marsad.entities.tagger import TaggerModel, model_for, spans, tag_sentences
from marsad.index import index
from marsad.model import Document
from marsad.resources import TAGGER_DECODERS, Resources, load_tagger_weights
from marsad.text.stage import analyze_text


def _decoder_path(name: str) -> Path:
    return Path(str(package_files.files("marsad.data").joinpath("ner", name)))


def _reference(model: TaggerModel, decoders: tuple, forms: list, sentences: list) -> list[tuple]:
    """Spans tagged from the feature strings: each token's scores summed over its features'
    weights, every label handed to the decoder (no shift, no cache)."""

    def items(features: list[list[str]], p: int) -> list[dict[str, float]]:
        out = []
        for names in features:
            rows = [model.rows[n] for n in names if n in model.rows]
            scores = model.weights[rows, p].sum(axis=0) if rows else np.zeros(len(model.labels))
            out.append({f"e{j}": float(v) for j, v in enumerate(scores)})
        return out

    kept = [(a, b) for a, b in sentences if b > a]
    features = [sentence_features(forms[a:b]) for a, b in kept]
    first = [decoders[0].tag(items(x, 0)) for x in features]
    window = [f for a, b in kept for f in forms[a:b]]
    memory = document_memory(window, [label for labels in first for label in labels])
    out = []
    for (a, b), x in zip(kept, features, strict=True):
        labels = decoders[1].tag(items(with_memory(x, forms[a:b], memory), 1))
        for i, j, kind in spans(labels):
            score = sum(decoders[1].marginal(labels[k], k) for k in range(i, j)) / (j - i)
            out.append((a + i, a + j, kind, score))
    return out


def test_scores_from_the_cache_equal_the_feature_strings(example_text: str) -> None:
    res = Resources()
    model, decoders = model_for(res.tagger_weights()), res.taggers()
    texts = [
        example_text,
        "قال الرئيس الأمريكي دونالد ترامب في واشنطن إن الولايات المتحدة ستفرض عقوبات على إيران.",
        "التقى وزير الخارجية السعودي عادل الجبير نظيره الروسي سيرغي لافروف في موسكو. "
        "وبحث الجبير ولافروف الأزمة السورية.",
        "x",
        "؟؟ ... !!",
    ]
    for text in texts:
        doc = analyze_text(Document(text=text))
        ix = index(doc)
        got = tag_sentences(ix.forms, ix.sentence_ranges(), model, decoders)
        expected = _reference(model, decoders, ix.forms, ix.sentence_ranges())
        assert [(s.first, s.end, s.label) for s in got] == [e[:3] for e in expected], text
        for s, e in zip(got, expected, strict=True):
            assert math.isclose(s.score, e[3], abs_tol=1e-9)


def _brute_force(scores: np.ndarray, transitions: np.ndarray) -> tuple[tuple[int, ...], np.ndarray]:
    n, labels = scores.shape
    best, best_score = (), -math.inf
    total = 0.0
    marginals = np.zeros((n, labels))
    for path in itertools.product(range(labels), repeat=n):
        s = sum(scores[t, y] for t, y in enumerate(path)) + sum(transitions[a, b] for a, b in itertools.pairwise(path))
        if s > best_score:
            best, best_score = path, s
        weight = math.exp(s)
        total += weight
        for t, y in enumerate(path):
            marginals[t, y] += weight
    return best, marginals / total


def test_a_decoder_finds_the_best_path_and_the_marginals_of_its_scores() -> None:
    for name in TAGGER_DECODERS:
        path = _decoder_path(name)
        weights = read_weights(path)
        decoder = pycrfsuite.Tagger()
        decoder.open(str(path))
        rng = np.random.default_rng(7)
        for n in (1, 2, 3):
            scores = rng.normal(scale=3.0, size=(n, len(weights.labels)))
            labels = decoder.tag([{f"e{j}": float(v) for j, v in enumerate(row)} for row in scores])
            best, marginals = _brute_force(scores, weights.transitions)
            assert labels == [weights.labels[y] for y in best]
            for t, label in enumerate(labels):
                assert math.isclose(decoder.marginal(label, t), marginals[t, best[t]], abs_tol=1e-9)


def _train(path: Path, sequences: list[tuple[list[list[str]], list[str]]]) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in sequences:
        trainer.append(xs, ys)
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 30, "feature.possible_transitions": True})
    trainer.train(str(path))


def test_write_tagger_folds_the_runtime_copy_into_each_feature(tmp_path: Path) -> None:
    rng = random.Random(3)
    words = ["w=a", "w=b", "w=c", "bias"]
    sequences = []
    for _ in range(40):
        n = rng.randint(1, 4)
        xs = [[w, "aner|" + w, "car|" + w] for w in rng.choices(words, k=n)]
        ys = rng.choices(["O", "B-PER", "I-PER"], k=n)
        sequences.append((xs, ys))
    _train(tmp_path / "one.crfsuite", sequences)
    _train(tmp_path / "two.crfsuite", sequences[::-1])
    write_tagger(tmp_path / "one.crfsuite", tmp_path / "two.crfsuite", tmp_path, ["aner|"])
    model = model_for(load_tagger_weights((tmp_path / "weights.npz").read_bytes()))
    assert not any("|" in a for a in model.rows)
    one = read_weights(tmp_path / "one.crfsuite", model.labels)
    row = {a: k for k, a in enumerate(one.attributes)}
    for w in words:
        expected = one.state[row[w]] + one.state[row["aner|" + w]]
        assert np.allclose(model.weights[model.rows[w], 0], expected)
    # tagging with the folded weights = tagging the trained model with both copies
    trained = pycrfsuite.Tagger()
    trained.open(str(tmp_path / "one.crfsuite"))
    decoder = pycrfsuite.Tagger()
    decoder.open(str(tmp_path / "decode1.crfsuite"))
    for xs, _ in sequences:
        plain = [[f for f in x if "|" not in f] for x in xs]
        items = [
            {f"e{j}": float(v) for j, v in enumerate(model.weights[[model.rows[f] for f in x], 0].sum(0))}
            for x in plain
        ]
        assert decoder.tag(items) == trained.tag([[*x, *("aner|" + f for f in x)] for x in plain])


def test_write_decoder_refuses_weights_it_cannot_set(tmp_path: Path) -> None:
    with pytest.raises((ValueError, IndexError)):
        write_decoder(["O", "B-PER"], np.zeros((3, 3)), tmp_path / "bad.crfsuite")


def test_a_full_cache_starts_again_without_losing_a_window(example_text: str) -> None:
    res = Resources()
    model = model_for(res.tagger_weights())
    text = "وقال المتحدث باسم الجيش في بيان إن القوات الروسية وصلت إلى طرابلس."
    doc = analyze_text(Document(text=text))
    ix = index(doc)
    expected = tag_sentences(ix.forms, ix.sentence_ranges(), model, res.taggers())
    example = index(analyze_text(Document(text=example_text)))
    limit = model.scores.limit
    try:
        # the example's forms fill the cache past the limit; the sentence then has some forms
        # cached and some not, and the cache starts again while it is being tagged
        model.scores.limit = 50
        tag_sentences(example.forms, example.sentence_ranges(), model, res.taggers())
        again = tag_sentences(ix.forms, ix.sentence_ranges(), model, res.taggers())
    finally:
        model.scores.limit = limit
    assert again == expected
