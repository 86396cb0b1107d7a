"""Train the entity tagger (two CRF passes, python-crfsuite) on the ANERcorp training file only.

    python scripts/train_ner.py            # report the development figures, then train on all of train
    python scripts/train_ner.py --dev-only # report the development figures and stop
    (or: make data)

Pass 1 tags each sentence from its own words. Pass 2 adds what pass 1 made of
the same words elsewhere in the document (features.document_memory); it is
trained on pass-1 output obtained by 5-fold cross-validation, so it learns how
far to trust pass 1 on unseen text. ANERcorp has no document boundaries: the
15 sentences either side stand in for the document.

The last tenth of the training sentences is the development part (the test
file is never read here). Training is deterministic (L-BFGS from zero weights). Output:
src/marsad/data/ner/ner1.crfsuite and ner2.crfsuite.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pycrfsuite

from buildlib import DATA, SHARED, Step, write_gz
from marsad.entities.corpus import Aligned, align, read_anercorp
from marsad.entities.features import document_memory, sentence_features, with_memory
from marsad.entities.tagger import spans

TRAIN = Path("data/ner/anercorp/ANERCorp_CamelLab_train.txt")
OUT = DATA / "ner"
C1, C2 = 0.02, 0.02  # chosen on the development part
ITERATIONS = 150
FOLDS = 5
WINDOW = 15


def fit(xs: list[list[list[str]]], ys: list[list[str]], path: Path, iterations: int) -> pycrfsuite.Tagger:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({"c1": C1, "c2": C2, "max_iterations": iterations, "feature.possible_transitions": True})
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def second_pass_features(data: list[Aligned], first: list[list[str]], base: list[list[list[str]]]) -> list:
    out = []
    for i, a in enumerate(data):
        lo, hi = max(0, i - WINDOW), min(len(data), i + WINDOW + 1)
        forms = [f for k in range(lo, hi) for f in data[k].forms]
        labels = [t for k in range(lo, hi) for t in first[k]]
        out.append(with_memory(base[i], a.forms, document_memory(forms, labels)))
    return out


def cross_validated_first_pass(data: list[Aligned], xs: list, ys: list, iterations: int, tmp: Path) -> list:
    first: list[list[str]] = [[] for _ in data]
    size = (len(data) + FOLDS - 1) // FOLDS
    for k in range(FOLDS):
        lo, hi = k * size, min(len(data), (k + 1) * size)
        tagger = fit(xs[:lo] + xs[hi:], ys[:lo] + ys[hi:], tmp / f"fold{k}.crfsuite", iterations)
        for i in range(lo, hi):
            first[i] = tagger.tag(xs[i])
    return first


def train_two_passes(data: list[Aligned], out: Path, iterations: int, tmp: Path) -> None:
    xs = [sentence_features(a.forms) for a in data]
    ys = [a.token_labels() for a in data]
    first = cross_validated_first_pass(data, xs, ys, iterations, tmp)
    fit(xs, ys, out / "ner1.crfsuite", iterations)
    fit(second_pass_features(data, first, xs), ys, out / "ner2.crfsuite", iterations)


def evaluate(data: list[Aligned], folder: Path) -> tuple[float, float, float]:
    t1, t2 = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    t1.open(str(folder / "ner1.crfsuite"))
    t2.open(str(folder / "ner2.crfsuite"))
    xs = [sentence_features(a.forms) for a in data]
    first = [t1.tag(x) for x in xs]
    x2 = second_pass_features(data, first, xs)
    tp = fp = fn = 0
    for a, x in zip(data, x2, strict=True):
        gold = set(spans([t for _, t in a.sentence]))
        pred = set(spans(a.word_labels(t2.tag(x))))
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def development_score(data: list[Aligned], iterations: int = ITERATIONS) -> tuple[float, float, float]:
    """Precision, recall and F1 on the last tenth of the training sentences, trained on the rest."""
    cut = len(data) * 9 // 10
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        train_two_passes(data[:cut], tmp, iterations, tmp)
        return evaluate(data[cut:], tmp)


def write_attributes(folder: Path = OUT) -> int:
    """List every attribute the two models weigh beside them: the tagger keeps only those
    features (CRFsuite ignores the others), which saves time and most of its cache's memory."""
    attributes: set[str] = set()
    for name in ("ner1.crfsuite", "ner2.crfsuite"):
        tagger = pycrfsuite.Tagger()
        tagger.open(str(folder / name))
        attributes |= set(tagger.info().attributes)
    write_gz(folder / "attributes.tsv.gz", "".join(a + "\n" for a in sorted(attributes)))
    return len(attributes)


def build(shared: Path = SHARED, iterations: int = ITERATIONS) -> Step:
    source = shared / TRAIN
    data = [align(s) for s in read_anercorp(source)]
    t0 = time.time()
    p, r, f = development_score(data, iterations)
    print(
        f"dev ({len(data) - len(data) * 9 // 10} sentences): P={p:.4f} R={r:.4f} F1={f:.4f} ({time.time() - t0:.0f}s)"
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        train_two_passes(data, OUT, iterations, Path(tmpdir))
    attributes = write_attributes()
    outputs = [OUT / "ner1.crfsuite", OUT / "ner2.crfsuite", OUT / "attributes.tsv.gz"]
    counts = {"sentences": len(data), "dev_f1": round(f, 4), "attributes": attributes}
    return Step("ner_models", "scripts/train_ner.py", [source], outputs, counts)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--dev-only", action="store_true")
    args = parser.parse_args()
    if args.dev_only:
        data = [align(s) for s in read_anercorp(args.shared / TRAIN)]
        print("dev P={:.4f} R={:.4f} F1={:.4f}".format(*development_score(data, args.iterations)))
    else:
        print(build(args.shared, args.iterations))
