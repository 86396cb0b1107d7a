"""Entity tagger accuracy (CoNLL exact spans) on every held-out NER set, what the pipeline gets
from it, and its speed.

- ANERcorp test: precision, recall and F1 per type (PER, ORG, LOC, MISC) and micro-averaged,
  scored on the corpus's own words (a word takes the label of its first marsad token).
- CAraNER's held-out 30% (Saudi news 2019-21; corpus.caraner_split, drawn before any training):
  PER, ORG, LOC; its titles and MISC are not scored. Twice: as annotated (countries acting as
  agents are ORG there) and with its labels brought to ANERcorp's conventions by the same
  rules training applies (corpus.to_anercorp), which is what the tagger is taught to write.
- WikiFANE Gold's held-out last tenth (Wikipedia), mapped to the four types (corpus.py).
- Actor mentions: recall of the person and organisation mentions of the held-out actor gold sets
  (tests/data: the second half of resolution_actors_gold, test2, test3) by the whole entities
  stage: a gold mention counts when a PER or ORG mention overlaps it, as the actor stage needs.
The corpora have no document boundaries, so the 15 sentences either side stand in for the
document, as in training. Speed: the whole entities stage over ANT articles, one core, the word
forms included (the stage is the first to need them).

    python benchmarks/ner_anercorp.py [--speed-articles 2000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import ANT, read_gold, records, texts_by_id  # noqa: E402
from marsad.entities.corpus import (  # noqa: E402
    CARANER,
    WIKIFANE,
    Aligned,
    align,
    caraner_split,
    read_anercorp,
    read_caraner,
    read_wikifane,
    to_anercorp,
    wikifane_split,
)
from marsad.entities.stage import recognize_entities  # noqa: E402
from marsad.entities.tagger import model_for, spans, tag_sentences  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.resources import Resources  # noqa: E402
from marsad.text.stage import analyze_text  # noqa: E402

NER = ROOT.parent / "shared" / "data" / "ner"
ANER_TEST = NER / "anercorp" / "ANERCorp_CamelLab_test.txt"
WINDOW = 15
RESOURCES = Resources()


def predict(data: list[Aligned]) -> list[list[str]]:
    """Word labels for every sentence, each tagged with its neighbours as the document."""
    out = []
    for i, a in enumerate(data):
        lo, hi = max(0, i - WINDOW), min(len(data), i + WINDOW + 1)
        forms, ranges = [], []
        for k in range(lo, hi):
            ranges.append((len(forms), len(forms) + len(data[k].forms)))
            forms += data[k].forms
        labels = ["O"] * len(forms)
        for span in tag_sentences(forms, ranges, model_for(RESOURCES.tagger_weights()), RESOURCES.taggers()):
            for t in range(span.first, span.end):
                labels[t] = ("B-" if t == span.first else "I-") + span.label
        a_lo, a_hi = ranges[i - lo]
        out.append(a.word_labels(labels[a_lo:a_hi]))
    return out


def score(data: list[Aligned], predicted: list[list[str]], types: tuple[str, ...]) -> dict[str, tuple[float, ...]]:
    counts: Counter[tuple[str, str]] = Counter()
    for a, pred in zip(data, predicted, strict=True):
        gold = {s for s in spans([t for _, t in a.sentence]) if s[2] in types}
        guess = {s for s in spans(pred) if s[2] in types}
        for s in gold & guess:
            counts["tp", s[2]] += 1
        for s in guess - gold:
            counts["fp", s[2]] += 1
        for s in gold - guess:
            counts["fn", s[2]] += 1
    table = {}
    for t in (*types, "micro"):
        keys = types if t == "micro" else (t,)
        tp = sum(counts["tp", k] for k in keys)
        fp = sum(counts["fp", k] for k in keys)
        fn = sum(counts["fn", k] for k in keys)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        table[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, tp + fn)
    return table


def print_table(name: str, table: dict[str, tuple[float, ...]]) -> None:
    print(f"\n{name}")
    print(f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}")
    for t, (p, r, f, n) in table.items():
        print(f"{t:<8}{p:>8.4f}{r:>8.4f}{f:>8.4f}{int(n):>8}")


def speed(articles: int) -> float:
    docs = [analyze_text(Document(text=r["text"])) for r in islice(records(), articles)]
    for doc in docs[:50]:
        recognize_entities(doc)
    tokens = sum(len(d.tokens) for d in docs)
    t0 = time.perf_counter()
    for doc in docs:
        doc.index_cache = None  # the word forms are part of the stage's cost
        recognize_entities(doc)
    return tokens / (time.perf_counter() - t0)


def actor_mention_recall() -> tuple[float, int]:
    """Share of the held-out gold actor mentions a PER or ORG mention of the entities stage
    overlaps, and their number."""
    first = read_gold("resolution_actors_gold.jsonl")
    gold = first[len(first) // 2 :] + read_gold("resolution_actors_test2.jsonl")
    gold += read_gold("resolution_actors_test3.jsonl")
    texts = texts_by_id({g["article_id"] for g in gold})
    found = total = 0
    for g in gold:
        doc = recognize_entities(analyze_text(Document(text=texts[g["article_id"]])), RESOURCES)
        names = [(m.start, m.end) for m in doc.mentions if m.label in ("PER", "ORG")]
        for a in g["actors"]:
            total += 1
            found += any(s < a["end"] and a["start"] < e for s, e in names)
    return found / total, total


def load_seconds() -> float:
    """Time to import marsad and load every entity model and lexicon, in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); "
        "from marsad.resources import Resources; from marsad.entities.features import place_name_matcher; "
        "from marsad.text.clitics import word_counts; r = Resources(); r.taggers(); r.tagger_weights(); "
        "place_name_matcher(); word_counts(); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT / "src")
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-articles", type=int, default=2000)
    args = parser.parse_args()
    for path in (ANER_TEST, NER / CARANER, NER / WIKIFANE, ANT):
        if not path.exists():
            sys.exit(f"{path}: not found (this benchmark reads ../shared/data)")
    aner = [align(s) for s in read_anercorp(ANER_TEST)]
    aner_table = score(aner, predict(aner), ("PER", "ORG", "LOC", "MISC"))
    print_table(f"ANERcorp test ({len(aner)} sentences)", aner_table)
    _, heldout = caraner_split(read_caraner(NER / CARANER))
    cara = [align(s) for s in heldout]
    cara_predicted = predict(cara)
    cara_table = score(cara, cara_predicted, ("PER", "ORG", "LOC"))
    print_table(f"CAraNER held-out 30%, as annotated ({len(cara)} sentences; PER/ORG/LOC)", cara_table)
    aligned = [align(to_anercorp(s, "caraner")) for s in heldout]
    aligned_table = score(aligned, cara_predicted, ("PER", "ORG", "LOC"))
    print_table("CAraNER held-out 30%, gold in ANERcorp's conventions (corpus.to_anercorp)", aligned_table)
    wiki = [align(s) for s in wikifane_split(read_wikifane(NER / WIKIFANE))[2]]
    wiki_table = score(wiki, predict(wiki), ("PER", "ORG", "LOC", "MISC"))
    print_table(f"WikiFANE Gold held-out last tenth ({len(wiki)} sentences)", wiki_table)
    recall, mentions = actor_mention_recall()
    print(f"\nheld-out actor mentions found as PER/ORG: {recall:.4f} of {mentions}")
    tokens_per_s = speed(args.speed_articles)
    print(f"\nentities stage: {tokens_per_s:,.0f} tokens/s over {args.speed_articles} ANT articles (one core)")
    print(f"loading the models and lexicons: {load_seconds():.2f} s")
    print(
        f"RESULT micro_f1={aner_table['micro'][2]:.4f} per_f1={aner_table['PER'][2]:.4f} "
        f"org_f1={aner_table['ORG'][2]:.4f} loc_f1={aner_table['LOC'][2]:.4f} "
        f"caraner_heldout_f1={cara_table['micro'][2]:.4f} "
        f"caraner_heldout_aligned_f1={aligned_table['micro'][2]:.4f} "
        f"wikifane_heldout_f1={wiki_table['micro'][2]:.4f} actor_mention_recall={recall:.4f} "
        f"tokens_per_s={tokens_per_s:.0f}"
    )


if __name__ == "__main__":
    main()
