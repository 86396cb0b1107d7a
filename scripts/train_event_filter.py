"""Train the event filter (marsad.events.filter) and report its cross-validated figures.

    python scripts/train_event_filter.py [--shared PATH]      (or: make data)

Training data, every ASSAULT and PROTEST candidate the rules find (marsad.events.stage.candidates;
the filter weighs only those, the types the GSR gives enough examples of):
- the three development sets of the event gold (tests/data/events_gold_dev.jsonl,
  events_gold_dev2.jsonl and events_gold_dev3.jsonl): a candidate is news when a gold event of
  its type has a trigger in one of its sentences;
- the OEDA Arabic GSR development sentences (../shared/data/events/arabic_event_gsr_dev): an
  ASSAULT (PROTEST) candidate is news when the sentence is labelled "yes" for it, not when it is
  "easy no" or "difficult no"; ambiguous sentences and other types are left out.
The held-out sets of the event gold are never read here.

Cross-validation: the development articles and the GSR sentences are each cut into five folds,
three times over (REPEATS assignments; figures are their means); fold k is scored with a model
trained on every other fold of both (L2 weight C2). Each type's threshold is the
one that maximises its cross-validated F1 on the gold plus its F1 on the GSR. Then the model is
trained on all of it.
Output: src/marsad/data/events/filter.crfsuite and filter.json (thresholds and CV figures).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from buildlib import DATA, ROOT, SHARED, Step
from marsad.events.filter import FILTERED_TYPES, LABEL_YES, features
from marsad.events.stage import candidates
from marsad.index import index
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.resources import Resources

GOLD = [
    ROOT / "tests" / "data" / name
    for name in ("events_gold_dev.jsonl", "events_gold_dev2.jsonl", "events_gold_dev3.jsonl")
]
ANT = Path("data/news/ant/ant_v2.1_middleEast_internationalNews.jsonl.gz")
GSR = Path("data/events/arabic_event_gsr_dev")
OUT = DATA / "events"
FOLDS = 5
# fold assignments the thresholds are chosen over: with one, a threshold step of 0.05 moved the
# figures by as much as a rule does
REPEATS = 3
# L2 regularisation: crfsuite's default. Chosen among 0.3-3 by cross-validation it moved with the
# candidates' noise (summed F1 within 0.006 across the range) and once picked a filter that kept
# far more false ASSAULTs in-sample; a fixed value keeps the choice out of the noise
C2 = 1.0
THRESHOLDS = [t / 20 for t in range(1, 17)]


@dataclass
class Example:
    x: list[str]
    y: bool
    group: str  # "gold" or "gsr"
    fold: int
    key: tuple[str, int, str]  # (document, sentence, type): what is scored


def _sentence_of(doc: Document, offset: int) -> int:
    return next((n for n, s in enumerate(doc.sentences) if s.start <= offset < max(s.end, s.start + 1)), -1)


def examples(shared: Path) -> tuple[list[Example], dict[str, set[tuple[int, str]]]]:
    """Every candidate with its features and label; and what is true: per gold article, its
    (sentence, type) events; per GSR sentence labelled yes, (0, type)."""
    nlp = Pipeline.default([n for n in Pipeline.default().names if n != "events"])
    res = Resources()
    out: list[Example] = []
    gold_lines = [
        json.loads(line) for path in GOLD for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    wanted = {g["article_id"] for g in gold_lines}
    texts = {}
    with gzip.open(shared / ANT, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["docno"] in wanted:
                texts[r["docno"]] = r["text"]
    truth: dict[str, set[tuple[int, str]]] = {}
    for n, g in enumerate(gold_lines):
        doc = nlp.run(texts[g["article_id"]], published=g["published"])
        ix = index(doc)
        events = {
            (_sentence_of(doc, t["start"]), e["type"])
            for e in g["events"]
            if e["type"] in FILTERED_TYPES
            for t in e["triggers"]
        }
        truth[g["article_id"]] = events
        for c in candidates(doc, res):
            if c.event.type not in FILTERED_TYPES:
                continue
            sentences = {_sentence_of(doc, t.start) for t in c.event.triggers}
            y = any((s, c.event.type) in events for s in sentences)
            out.append(
                Example(
                    features(doc, ix, c.event, c.told),
                    y,
                    "gold",
                    n % FOLDS,
                    (g["article_id"], min(sentences), c.event.type),
                )
            )
    for kind in ("ASSAULT", "PROTEST"):
        rows = list(csv.DictReader((shared / GSR / f"{kind.lower()}_gsr.csv").open(encoding="utf-8")))
        for n, r in enumerate(rows):
            if r["label"] == "ambiguous":
                continue
            truth[f"{kind}:{r['id']}"] = {(0, kind)} if r["label"] == "yes" else set()
            doc = nlp.run(r["text"])
            ix = index(doc)
            for c in candidates(doc, res):
                if c.event.type == kind:
                    x = features(doc, ix, c.event, c.told)
                    out.append(Example(x, r["label"] == "yes", "gsr", n % FOLDS, (f"{kind}:{r['id']}", 0, kind)))
    return out, truth


def train(data: list[Example], path: Path, c2: float) -> pycrfsuite.Tagger:
    trainer = pycrfsuite.Trainer(verbose=False)
    for e in data:
        trainer.append([e.x], [LABEL_YES if e.y else "no"])
    trainer.set_params({"c2": c2, "max_iterations": 200})
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def probability(tagger: pycrfsuite.Tagger, x: list[str]) -> float:
    tagger.set([x])
    return float(tagger.marginal(LABEL_YES, 0))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _counted(
    scored: list[tuple[Example, float]],
    truth: dict[str, set[tuple[int, str]]],
    group: str,
    thresholds: dict[str, float],
    kinds: tuple[str, ...],
) -> tuple[float, float, float]:
    """P, R, F1 of the (document, sentence, type) keys kept at the thresholds, over every true one."""
    kept = {e.key for e, p in scored if e.group == group and e.key[2] in kinds and p >= thresholds[e.key[2]]}
    true = {
        (doc, sentence, kind)
        for doc, events in truth.items()
        if (group == "gsr") == (doc.split(":")[0] in FILTERED_TYPES)
        for sentence, kind in events
        if kind in kinds
    }
    tp = len(kept & true)
    return prf(tp, len(kept) - tp, len(true) - tp)


def _fold(example: Example, repeat: int) -> int:
    """The example's fold in one of the REPEATS assignments: the first is the articles' and
    sentences' order (Example.fold), the others a hash of the document, so that every candidate of
    an article stays in one fold."""
    if repeat == 0:
        return example.fold
    return zlib.crc32(f"{repeat}:{example.key[0]}".encode()) % FOLDS


def cross_validate(
    data: list[Example], truth: dict[str, set[tuple[int, str]]], c2: float
) -> tuple[dict[str, float], float, dict[str, list[float]]]:
    """Cross-validated probabilities, over REPEATS assignments of the folds; the best threshold per
    type, the summed F1 and the figures at them (each the mean over the assignments)."""
    runs: list[list[tuple[Example, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for repeat in range(REPEATS):
            folds = [_fold(e, repeat) for e in data]
            scored: list[tuple[Example, float]] = []
            for k in range(FOLDS):
                rest = [e for e, f in zip(data, folds, strict=True) if f != k]
                tagger = train(rest, Path(tmp) / f"fold{k}.crfsuite", c2)
                scored += [(e, probability(tagger, e.x)) for e, f in zip(data, folds, strict=True) if f == k]
            runs.append(scored)

    def mean(figures: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        p, r, f = (sum(values) / len(values) for values in zip(*figures, strict=True))
        return p, r, f

    def gold(thresholds: dict[str, float], kinds: tuple[str, ...]) -> tuple[float, float, float]:
        # events as the benchmark counts them (type and sentence), every gold event of the types counted
        return mean([_counted(scored, truth, "gold", thresholds, kinds) for scored in runs])

    def gsr(threshold: float, kind: str) -> tuple[float, float, float]:
        # a sentence is positive for the system when it keeps a candidate of the type; every
        # sentence labelled yes counts, those the rules find nothing in too
        return mean([_counted(scored, truth, "gsr", {kind: threshold}, (kind,)) for scored in runs])

    # each type's threshold maximises its gold F1 plus its GSR F1
    best = {
        kind: max(THRESHOLDS, key=lambda t, kind=kind: gold({kind: t}, (kind,))[2] + gsr(t, kind)[2])
        for kind in sorted(FILTERED_TYPES)
    }
    figures = {"gold_assault_protest": gold(best, tuple(best))} | {kind: gsr(t, kind) for kind, t in best.items()}
    total = sum(gold({kind: t}, (kind,))[2] + gsr(t, kind)[2] for kind, t in best.items())
    return best, total, {name: [round(v, 4) for v in f] for name, f in figures.items()}


def build(shared: Path = SHARED) -> Step:
    data, truth = examples(shared)
    thresholds, total, cv = cross_validate(data, truth, C2)
    OUT.mkdir(parents=True, exist_ok=True)
    train(data, OUT / "filter.crfsuite", C2)
    settings = {
        "c2": C2,
        "thresholds": thresholds,
        "cross_validated": cv,
        "note": "P, R, F1 by 5-fold cross-validation; the gold figure counts the ASSAULT and PROTEST events"
        " the rules miss too",
    }
    (OUT / "filter.json").write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    print(f"thresholds {thresholds}, summed F1 {total:.4f}, {cv}")
    counts = {"candidates": len(data), "positives": sum(e.y for e in data)}
    counts |= {f"threshold_{kind.lower()}_x100": round(t * 100) for kind, t in thresholds.items()}
    inputs = [*GOLD, shared / ANT, shared / GSR / "assault_gsr.csv", shared / GSR / "protest_gsr.csv"]
    return Step(
        "event_filter", "scripts/train_event_filter.py", inputs, [OUT / "filter.crfsuite", OUT / "filter.json"], counts
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    print(build(parser.parse_args().shared))
