"""Quote extraction and speaker attribution on the hand-made gold sets in tests/data.

quotes_gold.jsonl: 331 quotes in 45 ANT articles; its first 20 articles were
used to find errors while writing the rules, the other 25 are held out.
quotes_gold_test2.jsonl (165 quotes in 25 articles) was designated held out
before it was annotated; the two held-out parts together give the figures that
count (the RESULT line); their errors are never printed. quotes_gold_dev2.jsonl (196 quotes), quotes_gold_dev3.jsonl
(175) and quotes_gold_dev4.jsonl (180), 25 more articles each, were annotated later
to have more development data (guidelines for all: tests/data/quotes_guidelines.md).

Span scores: strict (exact span), and relaxed (a predicted quote matches a gold
one when their overlap is at least half of the longer span). Speaker accuracy
is over relaxed matches: right when the predicted speaker mention, a mention of
the predicted speaker actor, or the predicted speaker phrase (a nameless
speaker: مصدر عسكري) overlaps one of the gold speaker's spans anywhere in the
article (gold null: no speaker). The actor counts because the guidelines give a
quote whose subject is a title ("ورفض وزير الدفاع …، وقال") to the person the
article names with it. "by mention" counts only the speaker mention. "of all" is
speaker accuracy over every gold quote (a missed quote counts as wrong).

quotes_gold_real_dev.jsonl and quotes_gold_real_test.jsonl (issue 12): 30 + 30 articles drawn
from all of ANT by scripts/draw_quote_sample.py, the second 30 held out (designated by the draw,
before annotation); reported in their own rows.

    python benchmarks/quotes.py [--errors N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import read_gold, require_ant, texts_by_id  # noqa: E402
from marsad.model import Document, Mention  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402

GOLD = "quotes_gold.jsonl"
DEV_GOLD = [f"quotes_gold_dev{n}.jsonl" for n in (2, 3, 4)]
HELD_OUT_GOLD = "quotes_gold_test2.jsonl"
REAL_GOLD = {"dev": "quotes_gold_real_dev.jsonl", "test": "quotes_gold_real_test.jsonl"}
DEV_ARTICLES = 20


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(a[1] - a[0], b[1] - b[0]) if inter > 0 else 0.0


def _names(mention: Mention | None, spans: list[list[int]]) -> bool:
    return mention is not None and any(s < mention.end and mention.start < e for s, e in spans)


def score(items: list[tuple[dict, Document]], errors: int = 0) -> dict[str, float]:
    gold_n = pred_n = strict = relaxed = speaker_n = speaker_ok = speaker_mention_ok = kind_ok = 0
    shown = 0
    for g, doc in items:
        mentions = {m.id: m for m in doc.mentions}
        actors = {a.id: a for a in doc.actors}
        preds = list(doc.quotes)
        gold_n += len(g["quotes"])
        pred_n += len(preds)
        used: set[int] = set()
        for q in g["quotes"]:
            span = (q["start"], q["end"])
            strict += any((p.start, p.end) == span for p in preds)
            best = max(range(len(preds)), key=lambda i: _overlap(span, (preds[i].start, preds[i].end)), default=None)
            if best is None or best in used or _overlap(span, (preds[best].start, preds[best].end)) < 0.5:
                if shown < errors:
                    print(f"  {g['article_id']} missed {q['kind']} {doc.text[q['start'] : q['end']][:50]!r}")
                    shown += 1
                continue
            used.add(best)
            relaxed += 1
            p = preds[best]
            kind_ok += p.kind == q["kind"]
            speaker_n += 1
            m = mentions.get(p.speaker_mention) if p.speaker_mention else None
            if q["speaker"] is None:
                ok = by_mention = m is None
            else:
                by_mention = _names(m, q["speaker_spans"])
                actor = actors.get(p.speaker_actor) if p.speaker_actor else None
                phrase = p.speaker_phrase
                ok = (
                    by_mention
                    or (actor is not None and any(_names(mentions.get(i), q["speaker_spans"]) for i in actor.mentions))
                    or (phrase is not None and any(s < phrase.end and phrase.start < e for s, e in q["speaker_spans"]))
                )
            speaker_ok += ok
            speaker_mention_ok += by_mention
            if not ok and shown < errors:
                got = m.text if m else None
                print(f"  {g['article_id']} speaker: gold {q['speaker']!r} got {got!r} (cue {p.cue.text})")
                shown += 1

    def f1(tp: int) -> float:
        p, r = tp / pred_n if pred_n else 0.0, tp / gold_n if gold_n else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    return {"gold": gold_n, "pred": pred_n, "strict_f1": f1(strict), "relaxed_p": relaxed / pred_n if pred_n else 0.0,
            "relaxed_r": relaxed / gold_n if gold_n else 0.0, "relaxed_f1": f1(relaxed),
            "speaker_acc": speaker_ok / speaker_n if speaker_n else 0.0,
            "speaker_all_acc": speaker_ok / gold_n if gold_n else 0.0,
            "speaker_mention_acc": speaker_mention_ok / speaker_n if speaker_n else 0.0,
            "kind_acc": kind_ok / speaker_n if speaker_n else 0.0}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many errors on the development articles")
    args = parser.parse_args()
    require_ant()
    gold = read_gold(GOLD)
    more_dev = [g for name in DEV_GOLD for g in read_gold(name)]
    test2 = read_gold(HELD_OUT_GOLD)
    real = {part: read_gold(name) for part, name in REAL_GOLD.items()}
    texts = texts_by_id({g["article_id"] for g in gold + more_dev + test2 + real["dev"] + real["test"]})
    nlp = Pipeline.default()

    def run(records: list[dict]) -> list[tuple[dict, Document]]:
        return [(g, nlp.run(texts[g["article_id"]], published=g["published"])) for g in records]

    dev = run(gold[:DEV_ARTICLES] + more_dev)
    held_out = run(gold[DEV_ARTICLES:]) + run(test2)
    results = {
        f"dev ({len(dev)} articles)": score(dev, args.errors),
        f"held-out ({len(held_out)} art.)": score(held_out),
        "  first file's 25": score(held_out[: len(gold) - DEV_ARTICLES]),
        "  test2's 25": score(held_out[len(gold) - DEV_ARTICLES :]),
        f"all ({len(dev) + len(held_out)} articles)": score(dev + held_out),
        f"real-news dev ({len(real['dev'])})": score(run(real["dev"]), args.errors),
        f"real-news held out ({len(real['test'])})": score(run(real["test"])),
    }
    print(
        f"{'set':<24}{'gold':>6}{'pred':>6}{'strict F1':>11}{'P~':>8}{'R~':>8}{'F1~':>8}"
        f"{'speaker':>9}{'by mention':>12}{'of all':>8}{'kind':>7}"
    )
    for name, r in results.items():
        print(
            f"{name:<24}{int(r['gold']):>6}{int(r['pred']):>6}{r['strict_f1']:>11.3f}{r['relaxed_p']:>8.3f}"
            f"{r['relaxed_r']:>8.3f}{r['relaxed_f1']:>8.3f}{r['speaker_acc']:>9.3f}{r['speaker_mention_acc']:>12.3f}"
            f"{r['speaker_all_acc']:>8.3f}{r['kind_acc']:>7.3f}"
        )
    values = list(results.values())
    h, a, rt = values[1], values[4], values[-1]
    print(
        f"RESULT quote_f1={h['relaxed_f1']:.4f} strict_quote_f1={h['strict_f1']:.4f} "
        f"speaker_acc={h['speaker_acc']:.4f} speaker_mention_acc={h['speaker_mention_acc']:.4f} "
        f"all_quote_f1={a['relaxed_f1']:.4f} all_speaker_acc={a['speaker_acc']:.4f} "
        f"real_heldout_quote_f1={rt['relaxed_f1']:.4f} real_heldout_speaker_of_all={rt['speaker_all_acc']:.4f} "
        f"real_heldout_speaker_mention_acc={rt['speaker_mention_acc']:.4f}"
    )


if __name__ == "__main__":
    main()
