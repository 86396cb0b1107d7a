"""Train the entity tagger (two CRF passes, python-crfsuite) on every usable labelled corpus.

    python scripts/train_ner.py            # train on all the training parts (or: make data)
    python scripts/train_ner.py --dev-only # the development figures, trained without the dev parts

Corpora (readers and type mappings in marsad.entities.corpus): ANERcorp's training file,
CAraNER's 70% that is not held out, WikiFANE Gold but its held-out last tenth, the Wojood
sample's train and val files. Never NewsFANE (ANERcorp's own text) nor a held-out part. With
Wojood the pass-1 development figures were a little lower (ANERcorp 0.739 against 0.748,
CAraNER 0.446 against 0.453), within what 398 and 134 sentences can tell apart; the two-pass
models trained both ways found 0.910 and 0.909 of the development actor mentions
(tests/data/resolution_actors_dev*.jsonl and the first half of resolution_actors_gold.jsonl),
so it stays.

The corpora's conventions differ, and ANERcorp's are the ones scored; so
- where a rule can say what ANERcorp would have written, it rewrites the labels
  (corpus.to_anercorp: a country or big city tagged ORG becomes LOC; a generic head noun,
  مدينة or صحيفة, leaves the name it precedes), and
- feature augmentation (Daume 2007, "frustratingly easy domain adaptation") absorbs the rest:
  every feature f of a sentence of corpus K is given twice, as f and as PREFIX[K] + f, so that
  each corpus's habits go into its own copies and the plain weights hold what they share.

At tagging time every feature f of both passes fires with its copy RUNTIME_PREFIX + f
(RUNTIME_PREFIX = "aner|"): the tagger tags news the way ANERcorp's annotators would.
write_tagger folds the copy into the feature's weights, so this costs nothing at runtime.
Chosen on the development parts with pass-1 models (scripts/ner_experiments.py, the table in
the note), F1 on ANERcorp dev / CAraNER dev (PER, ORG, LOC): ANERcorp alone 0.732 / 0.428;
the three corpora with "aner|" 0.748 / 0.453, with "car|" 0.570 / 0.663, with both copies
0.711 / 0.579; all four concatenated without copies or rules 0.680 / 0.530. CAraNER's copy
tags what ANERcorp never does (ministries, governments and armies are O there: وزارة 33 times
O, never in a span): adding both copies at runtime trades 0.037 on ANERcorp for 0.126 on
CAraNER, a choice for the note, not for the development figures alone. On the development
actor mentions (above, before stage.py's person-or-place rule) the two-pass model tagged with
"aner|" found 0.912, with "car|" 0.905, with both 0.911.

Pass 1 tags each sentence from its own words. Pass 2 adds what pass 1 made of the same words
elsewhere in the document (features.document_memory); it is trained on pass-1 output obtained
by 3-fold cross-validation, so it learns how far to trust pass 1 on unseen text. The corpora
have no document boundaries: the 15 sentences either side, in the same corpus, stand in for the
document. Training is deterministic (L-BFGS from zero weights). Output, in src/marsad/data/ner:
weights.npz (both passes' weights, the RUNTIME_PREFIX copies folded into their features) and
the decoders decode1.crfsuite and decode2.crfsuite (marsad.entities.crffile).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from buildlib import DATA, SHARED, Step
from marsad.entities.corpus import (
    ANERCORP_TRAIN,
    CARANER,
    WIKIFANE,
    WOJOOD,
    Aligned,
    Sentence,
    align,
    labelled_parts,
    to_anercorp,
)
from marsad.entities.crffile import DECODER_FILES, WEIGHTS_FILE, write_tagger
from marsad.entities.features import document_memory, sentence_features, with_memory
from marsad.entities.tagger import spans

NER = Path("data/ner")
OUT = DATA / "ner"
C1, C2 = 0.02, 0.02  # chosen on the development part
# 100 iterations, as every configuration was compared (scripts/ner_experiments.py); 3 folds for
# pass 2's training data: seven fits over 550k words took 75-80 minutes, five take 45
ITERATIONS = 100
FOLDS = 3
WINDOW = 15
CORPORA = ("anercorp", "caraner", "wikifane", "wojood")
PREFIX = {"anercorp": "aner|", "caraner": "car|", "wikifane": "wiki|", "wojood": "woj|"}
RUNTIME_PREFIX = PREFIX["anercorp"]  # the copy the tagger adds to every feature

Features = list[list[str]]


@dataclass(slots=True)
class Corpus:
    name: str
    data: list[Aligned]


def corpora(parts: dict[str, list[Sentence]]) -> list[Corpus]:
    """Every corpus aligned to marsad's tokens, its labels in ANERcorp's conventions."""
    return [Corpus(name, [align(to_anercorp(s, name)) for s in parts[name]]) for name in CORPORA]


def augmented(features: Features, *prefixes: str) -> Features:
    """Each token's features followed by their copy under each of `prefixes`."""
    return [f + [p + x for p in prefixes for x in f] for f in features]


def fit(xs: Sequence[Features], ys: Sequence[list[str]], path: Path, iterations: int) -> pycrfsuite.Tagger:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({"c1": C1, "c2": C2, "max_iterations": iterations, "feature.possible_transitions": True})
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def second_pass_features(data: list[Aligned], first: list[list[str]], base: list[Features]) -> list[Features]:
    """Pass-2 features of one corpus's sentences (never a window across two corpora)."""
    out = []
    for i, a in enumerate(data):
        lo, hi = max(0, i - WINDOW), min(len(data), i + WINDOW + 1)
        forms = [f for k in range(lo, hi) for f in data[k].forms]
        labels = [t for k in range(lo, hi) for t in first[k]]
        out.append(with_memory(base[i], a.forms, document_memory(forms, labels)))
    return out


def cross_validated_first_pass(xs: list[Features], ys: list[list[str]], iterations: int, tmp: Path) -> list[list[str]]:
    first: list[list[str]] = [[] for _ in xs]
    size = (len(xs) + FOLDS - 1) // FOLDS
    for k in range(FOLDS):
        lo, hi = k * size, min(len(xs), (k + 1) * size)
        tagger = fit(xs[:lo] + xs[hi:], ys[:lo] + ys[hi:], tmp / f"fold{k}.crfsuite", iterations)
        for i in range(lo, hi):
            first[i] = tagger.tag(xs[i])
    return first


def train_two_passes(training: list[Corpus], out: Path, iterations: int, tmp: Path) -> None:
    base = [sentence_features(a.forms) for c in training for a in c.data]
    prefixes = [PREFIX[c.name] for c in training for _ in c.data]
    xs = [augmented(x, p) for x, p in zip(base, prefixes, strict=True)]
    ys = [a.token_labels() for c in training for a in c.data]
    first = cross_validated_first_pass(xs, ys, iterations, tmp)
    fit(xs, ys, out / "ner1.crfsuite", iterations)
    del xs  # the two passes' lists together would hold the memory twice over
    x2: list[Features] = []
    lo = 0
    for c in training:
        hi = lo + len(c.data)
        x2 += second_pass_features(c.data, first[lo:hi], base[lo:hi])
        lo = hi
    fit([augmented(x, p) for x, p in zip(x2, prefixes, strict=True)], ys, out / "ner2.crfsuite", iterations)


def evaluate(data: list[Aligned], folder: Path, types: tuple[str, ...]) -> tuple[float, float, float]:
    """Precision, recall and F1 (CoNLL exact spans of `types`, per corpus word), tagged as the
    runtime tags: both passes, with the RUNTIME_PREFIX copies."""
    t1, t2 = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    t1.open(str(folder / "ner1.crfsuite"))
    t2.open(str(folder / "ner2.crfsuite"))
    xs = [sentence_features(a.forms) for a in data]
    first = [t1.tag(augmented(x, RUNTIME_PREFIX)) for x in xs]
    x2 = second_pass_features(data, first, xs)
    tp = fp = fn = 0
    for a, x in zip(data, x2, strict=True):
        gold = {s for s in spans([t for _, t in a.sentence]) if s[2] in types}
        pred = {s for s in spans(a.word_labels(t2.tag(augmented(x, RUNTIME_PREFIX)))) if s[2] in types}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


# What the development figures score: ANERcorp on its four types, CAraNER on PER, ORG and LOC
# as benchmarks/ner_anercorp.py does (its MISC is not ANERcorp's); the gold as each corpus gives it.
DEV_TYPES = {"anercorp": ("PER", "ORG", "LOC", "MISC"), "caraner": ("PER", "ORG", "LOC")}


def development_scores(shared: Path, iterations: int = ITERATIONS) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 on ANERcorp's and CAraNER's development parts, trained on the
    training parts of every corpus without them."""
    parts = labelled_parts(shared / NER)
    training = corpora({name: p.train for name, p in parts.items()})
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        train_two_passes(training, tmp, iterations, tmp)
        return {name: evaluate([align(s) for s in parts[name].dev], tmp, types) for name, types in DEV_TYPES.items()}


def build(shared: Path = SHARED, iterations: int = ITERATIONS) -> Step:
    """Train both passes on every training part and every development part. The development
    figures (--dev-only) are not recomputed here: on four corpora they cost as much again."""
    parts = labelled_parts(shared / NER)
    training = corpora({name: p.train + p.dev for name, p in parts.items()})
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        train_two_passes(training, tmp, iterations, tmp)
        print(f"trained on {sum(len(c.data) for c in training)} sentences ({time.time() - t0:.0f}s)")
        attributes = write_tagger(tmp / "ner1.crfsuite", tmp / "ner2.crfsuite", OUT, [RUNTIME_PREFIX])
    outputs = [OUT / WEIGHTS_FILE, *(OUT / name for name in DECODER_FILES)]
    counts: dict[str, int | float] = {f"{c.name}_sentences": len(c.data) for c in training}
    counts["attributes"] = attributes
    files = (ANERCORP_TRAIN, CARANER, WIKIFANE, WOJOOD / "train.txt", WOJOOD / "val.txt")
    sources = [shared / NER / f for f in files]
    return Step("ner_models", "scripts/train_ner.py", sources, outputs, counts)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--dev-only", action="store_true")
    args = parser.parse_args()
    if args.dev_only:
        for name, (p, r, f) in development_scores(args.shared, args.iterations).items():
            print(f"{name} dev P={p:.4f} R={r:.4f} F1={f:.4f}")
    else:
        print(build(args.shared, args.iterations))
