"""Which labelled corpora, and how, help the entity tagger (issue 16): pass-1 CRFs scored on
every corpus's development part.

    python scripts/ner_experiments.py A B C D [--iterations 100] [--table /tmp/ner_exp/table.md]

Only the first pass is trained (the second costs five more trainings); the features are
features.sentence_features unchanged, c1 = c2 as in train_ner.py, and the same iteration count
for every configuration. Development parts (the held-out parts are never read here):
ANERcorp the last tenth of its training file, CAraNER the last 15% of its 70% training part,
WikiFANE the tenth before its held-out last tenth, Wojood its val file.

Configurations (ANER = ANERcorp; all = ANERcorp, CAraNER, WikiFANE, Wojood):
  A   ANERcorp only
  B   all, concatenated as they are
  C   all, with feature augmentation (Daume 2007): every feature f of a sentence of corpus K is
      also given as "K|f"; the development parts are tagged with the plain features only, and
      with the plain features plus each corpus's copy (a row each)
  D1  C with countries tagged ORG made LOC (corpus.to_anercorp's first rule)
  D   C with the conventions of the other corpora brought to ANERcorp's (corpus.to_anercorp:
      countries as LOC, generic heads out of the names)
  B-D  B with the conventions aligned
  D-wiki, D-wojood   D without WikiFANE or without Wojood

Every row is appended to the table as soon as it is scored, so partial results survive.
--heldout FILE also scores the held-out parts (ANERcorp test, CAraNER's 30%, WikiFANE's last
tenth, Wojood test) into FILE: for the one final score of the chosen configuration only.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from buildlib import SHARED
from marsad.entities.corpus import Aligned, Sentence, align, heldout_parts, labelled_parts, to_anercorp
from marsad.entities.features import sentence_features
from marsad.entities.tagger import spans

C1, C2 = 0.02, 0.02  # as scripts/train_ner.py
TYPES = ("PER", "ORG", "LOC", "MISC")
CARANER_TYPES = ("PER", "ORG", "LOC")  # as benchmarks/ner_anercorp.py: its MISC is not ANERcorp's
CORPORA = ("anercorp", "caraner", "wikifane", "wojood")
PREFIX = {"anercorp": "aner|", "caraner": "car|", "wikifane": "wiki|", "wojood": "woj|"}


def augmented(features: list[list[str]], prefixes: tuple[str, ...]) -> list[list[str]]:
    """Each token's features, followed by a copy under each of `prefixes`."""
    if not prefixes:
        return features
    return [f + [p + x for p in prefixes for x in f] for f in features]


def fit(data: dict[str, list[Aligned]], augment: bool, iterations: int, path: Path) -> tuple[pycrfsuite.Tagger, float]:
    trainer = pycrfsuite.Trainer(verbose=False)
    for corpus, sentences in data.items():
        prefixes = (PREFIX[corpus],) if augment else ()
        for a in sentences:
            trainer.append(augmented(sentence_features(a.forms), prefixes), a.token_labels())
    trainer.set_params({"c1": C1, "c2": C2, "max_iterations": iterations, "feature.possible_transitions": True})
    t0 = time.time()
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger, time.time() - t0


def score(tagger: pycrfsuite.Tagger, dev: list[Aligned], prefixes: tuple[str, ...]) -> dict[str, tuple[int, int, int]]:
    """(true positives, guesses, gold spans) per type: CoNLL exact spans over corpus words."""
    counts: Counter[tuple[str, str]] = Counter()
    for a in dev:
        gold = set(spans([t for _, t in a.sentence]))
        guess = set(spans(a.word_labels(tagger.tag(augmented(sentence_features(a.forms), prefixes)))))
        for name, found in (("tp", gold & guess), ("guess", guess), ("gold", gold)):
            for s in found:
                counts[name, s[2]] += 1
    return {t: (counts["tp", t], counts["guess", t], counts["gold", t]) for t in TYPES}


def f1(counts: dict[str, tuple[int, int, int]], types: tuple[str, ...]) -> float:
    tp = sum(counts[t][0] for t in types)
    guess = sum(counts[t][1] for t in types)
    gold = sum(counts[t][2] for t in types)
    return 2 * tp / (guess + gold) if guess + gold else 0.0


@dataclass(frozen=True, slots=True)
class Config:
    corpora: tuple[str, ...]
    augment: bool
    rules: tuple[str, ...] = ()  # corpus.to_anercorp's rules applied to the training parts


ALL_RULES = ("countries", "heads")
CONFIGS = {
    "A": Config(("anercorp",), False),
    "B": Config(CORPORA, False),
    "C": Config(CORPORA, True),
    "D1": Config(CORPORA, True, ("countries",)),
    "D": Config(CORPORA, True, ALL_RULES),
    "B-D": Config(CORPORA, False, ALL_RULES),
    "D-wiki": Config(("anercorp", "caraner", "wojood"), True, ALL_RULES),
    "D-wojood": Config(("anercorp", "caraner", "wikifane"), True, ALL_RULES),
}


def relabel(a: Aligned, sentence: Sentence) -> Aligned:
    return Aligned(sentence, a.forms, a.owner, a.first)


def test_modes(config: Config) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The ways the development parts are tagged: plain features, with each corpus's copy, and
    with ANERcorp's and CAraNER's copies together (the two news corpora)."""
    yield "plain", ()
    if config.augment:
        for corpus in config.corpora:
            yield PREFIX[corpus], (PREFIX[corpus],)
        yield PREFIX["anercorp"] + "+" + PREFIX["caraner"], (PREFIX["anercorp"], PREFIX["caraner"])


class Table:
    """The results as markdown, appended row by row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(
                "| config | iters | train s | tagged with | ANER dev | ANER PER | ANER ORG | ANER LOC | ANER MISC"
                " | CAraNER dev (P/O/L) | CAraNER dev (4) | WikiFANE dev | Wojood val |\n" + "|---" * 13 + "|\n",
                encoding="utf-8",
            )

    def add(self, cells: list[str]) -> None:
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write("| " + " | ".join(cells) + " |\n")


def train_config(
    name: str, train_parts: dict[str, list[Aligned]], iterations: int, path: Path
) -> tuple[pycrfsuite.Tagger, float]:
    config = CONFIGS[name]
    train = {c: train_parts[c] for c in config.corpora}
    if config.rules:  # the rules change labels only: the words' alignment stays
        train = {c: [relabel(a, to_anercorp(a.sentence, c, config.rules)) for a in s] for c, s in train.items()}
    tagger, seconds = fit(train, config.augment, iterations, path)
    print(f"{name}: trained in {seconds:.0f}s", flush=True)
    return tagger, seconds


def scored_rows(name: str, tagger: pycrfsuite.Tagger, parts: dict[str, list[Aligned]]) -> dict[str, list[str]]:
    """The table's cells by test mode: every corpus's F1, ANERcorp's per type too."""
    results: dict[str, dict[str, str]] = {}
    for mode, prefixes in test_modes(CONFIGS[name]):
        for corpus in CORPORA:
            counts = score(tagger, parts[corpus], prefixes)
            cell = f"{f1(counts, TYPES):.3f}"
            if corpus == "caraner":
                cell = f"{f1(counts, CARANER_TYPES):.3f} | {cell}"
            if corpus == "anercorp":
                cell += " | " + " | ".join(f"{f1(counts, (t,)):.3f}" for t in TYPES)
            results.setdefault(mode, {})[corpus] = cell
    return {mode: [row[c] for c in CORPORA] for mode, row in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("configs", nargs="+", choices=sorted(CONFIGS))
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--table", type=Path, default=Path("/tmp/ner_exp/table.md"))
    parser.add_argument("--models", type=Path, default=Path("/tmp/ner_exp/models"), help="where the models stay")
    parser.add_argument("--heldout", type=Path, help="also score the held-out parts into this table (final only)")
    parser.add_argument("--saved", action="store_true", help="score the models saved before, train nothing")
    args = parser.parse_args()
    ner = args.shared / "data" / "ner"
    parts = labelled_parts(ner)
    for c, p in parts.items():
        print(f"{c}: train {len(p.train)} sentences, {sum(map(len, p.train))} words; dev {len(p.dev)}", flush=True)
    train = {c: [align(s) for s in p.train] for c, p in parts.items()}
    dev = {c: [align(s) for s in p.dev] for c, p in parts.items()}  # gold as given, never convention-aligned
    tables = [(Table(args.table), dev)]
    if args.heldout:
        tables.append((Table(args.heldout), {c: [align(s) for s in p] for c, p in heldout_parts(ner).items()}))
    args.models.mkdir(parents=True, exist_ok=True)
    for name in args.configs:
        path = args.models / f"{name}.crfsuite"
        if args.saved:
            tagger, seconds = pycrfsuite.Tagger(), 0.0
            tagger.open(str(path))
        else:
            tagger, seconds = train_config(name, train, args.iterations, path)
        for table, scored in tables[1:] if args.saved else tables:
            for mode, cells in scored_rows(name, tagger, scored).items():
                table.add([name, str(args.iterations), f"{seconds:.0f}", mode.replace("|", "\\|"), *cells])
                print(table.path.name, name, mode, *cells, flush=True)


if __name__ == "__main__":
    main()
