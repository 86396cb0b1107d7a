"""Time expression recognition and normalisation: span F1 and value accuracy.

Two gold sets:
- tests/data/time_gold.jsonl: 220 expressions in 43 ANT articles, annotated for
  marsad (guidelines in tests/data/time_guidelines.md), with published dates.
  The first 20 articles were used to find errors while writing the rules; the
  other 23 are held out and are the figures that count.
- DAHMRI Arabic TimeML (../shared/data/temporal/dahmri_arabic_timeml): 50
  documents, 283 TIMEX3, Omani news from 2015. The files carry no document
  date: the anchor is taken from the document's own "اليوم"/"أمس"/"غدا"
  annotations, and relative values are scored only where an anchor exists.
  Its conventions differ from marsad's (it annotates vague words such as
  مؤخرا and الآن, and "السنوي" as P1Y): those spans count as misses.

Strict: exact span match. Relaxed: overlapping spans. Value accuracy is over
relaxed matches whose gold value marsad's scheme can express.

    python benchmarks/time.py [--errors N]
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import read_gold, require_ant, texts_by_id  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402

DAHMRI = ROOT.parent / "shared" / "data" / "temporal" / "dahmri_arabic_timeml" / "Corpus_test"
GOLD = "time_gold.jsonl"
DEV_ARTICLES = 20
TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
ISO_VALUE = re.compile(r"^(\d{4}(-W\d\d|-\d\d(-\d\d)?|-(SP|SU|FA|WI))?|P(T?\d+[HMDWY]))$")

Span = tuple[int, int, str | None]


def score(pairs: list[tuple[list[Span], list[Span]]], errors: int = 0, label: str = "") -> dict[str, float]:
    tp_strict = tp_relaxed = n_gold = n_pred = value_n = value_ok = 0
    shown = 0
    for gold, pred in pairs:
        n_gold += len(gold)
        n_pred += len(pred)
        tp_strict += len({(s, e) for s, e, _ in gold} & {(s, e) for s, e, _ in pred})
        for gs, ge, gv in gold:
            match = next((p for p in pred if p[0] < ge and gs < p[1]), None)
            if match is None:
                continue
            tp_relaxed += 1
            if gv is not None and ISO_VALUE.match(gv):
                value_n += 1
                value_ok += match[2] == gv
                if match[2] != gv and shown < errors:
                    print(f"  {label} value: gold {gv} got {match[2]}")
                    shown += 1

    def f1(tp: int) -> tuple[float, float, float]:
        p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    sp, sr, sf = f1(tp_strict)
    rp, rr, rf = f1(tp_relaxed)
    return {"gold": n_gold, "strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr,
            "relaxed_f1": rf, "value_acc": value_ok / value_n if value_n else 0.0, "values": value_n}  # fmt: skip


def ant_pairs(nlp: Pipeline, gold: list[dict], errors: int) -> list[tuple[list[Span], list[Span]]]:
    texts = texts_by_id({g["article_id"] for g in gold})
    pairs = []
    shown = 0
    for g in gold:
        doc = nlp.run(texts[g["article_id"]], published=g["published"])
        gold_spans = [(t["start"], t["end"], t["value"]) for t in g["times"]]
        pred = [(t.start, t.end, t.value) for t in doc.times]
        pairs.append((gold_spans, pred))
        if errors and shown < errors:
            for s, e, v in set(gold_spans) ^ set(pred):
                side = "missed" if (s, e, v) in gold_spans else "extra "
                print(f"  {g['article_id']} {side} {doc.text[s:e]!r} {v}")
                shown += 1
    return pairs


def dahmri_pairs(nlp: Pipeline) -> list[tuple[list[Span], list[Span]]]:
    pairs = []
    for path in sorted(DAHMRI.glob("*.tml")):
        raw = path.read_text(encoding="utf-8").replace("\ufeff", "")
        body = raw.split("<TimeML>", 1)[-1].split("</TimeML>", 1)[0]
        text, gold, pos = "", [], 0
        for m in TIMEX.finditer(body):
            text += re.sub(r"<[^>]+>", "", body[pos : m.start()])
            inner = re.sub(r"<[^>]+>", "", m.group(2))
            value = re.search(r'value="([^"]*)"', m.group(1))
            gold.append((len(text), len(text) + len(inner), value.group(1) if value else None, inner))
            text += inner
            pos = m.end()
        text += re.sub(r"<[^>]+>", "", body[pos:])
        anchor = _anchor(gold)
        doc = nlp.run(text, published=anchor)
        relative = {"اليوم", "امس", "الامس", "أمس", "غدا"}
        gold_spans = [(s, e, v if anchor or not _is_relative(t, relative) else None) for s, e, v, t in gold]
        pairs.append((gold_spans, [(t.start, t.end, t.value) for t in doc.times]))
    return pairs


def _is_relative(text: str, words: set[str]) -> bool:
    return any(w in text for w in words) or not re.search(r"\d{4}", text)


def _anchor(gold: list[tuple[int, int, str | None, str]]) -> date | None:
    """The document date implied by its own deictic annotations (اليوم, أمس, غدا)."""
    for _, _, value, text in gold:
        if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            day = date.fromisoformat(value)
            word = text.strip()
            if word in ("اليوم",):
                return day
            if word in ("أمس", "امس", "الامس", "الأمس"):
                return day + timedelta(days=1)
            if word in ("غدا", "غداً"):
                return day - timedelta(days=1)
    return None


def print_table(name: str, r: dict[str, float]) -> None:
    print(
        f"{name:<30}{int(r['gold']):>6}{r['strict_p']:>8.3f}{r['strict_r']:>8.3f}{r['strict_f1']:>8.3f}"
        f"{r['relaxed_p']:>8.3f}{r['relaxed_r']:>8.3f}{r['relaxed_f1']:>8.3f}{r['value_acc']:>8.3f}{int(r['values']):>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many errors on the development articles")
    args = parser.parse_args()
    require_ant()
    nlp = Pipeline.default(["text", "times"])
    gold = read_gold(GOLD)
    dev = ant_pairs(nlp, gold[:DEV_ARTICLES], args.errors)
    held = ant_pairs(nlp, gold[DEV_ARTICLES:], 0)
    print(f"{'set':<30}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}{'P~':>8}{'R~':>8}{'F1~':>8}{'value':>8}{'n':>7}")
    results = {
        "marsad gold, dev (20 articles)": score(dev),
        "marsad gold, held-out (23)": score(held),
        "marsad gold, all (43)": score(dev + held),
    }
    if DAHMRI.exists():
        results["DAHMRI TimeML (50 docs)"] = score(dahmri_pairs(nlp))
    for name, r in results.items():
        print_table(name, r)
    print("(P R F1: exact spans; P~ R~ F1~: overlapping spans; value: accuracy on overlapping matches)")
    held_r = results["marsad gold, held-out (23)"]
    all_r = results["marsad gold, all (43)"]
    dahmri = results.get("DAHMRI TimeML (50 docs)", {"relaxed_f1": 0.0, "value_acc": 0.0})
    print(
        f"RESULT span_f1={held_r['strict_f1']:.4f} relaxed_f1={held_r['relaxed_f1']:.4f} "
        f"value_acc={held_r['value_acc']:.4f} all_span_f1={all_r['strict_f1']:.4f} "
        f"all_value_acc={all_r['value_acc']:.4f} "
        f"dahmri_relaxed_f1={dahmri['relaxed_f1']:.4f} dahmri_value_acc={dahmri['value_acc']:.4f}"
    )


if __name__ == "__main__":
    main()
