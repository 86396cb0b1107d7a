"""Clitic segmentation accuracy on UD Arabic-PUD.

PUD writes every syntactic word as its own line and glues the pieces of one
written word with SpaceAfter=No; a written word made of several pieces is a
multi-word token (و+قال، نشرت+ها). UD does not split the article ال, so the
article segment is merged back into the stem before comparing. Comparison is
on marsad's matching normalisation (PUD keeps some diacritics).

The first 300 sentences are the development part used while writing the
segmenter's rules; the figures that count are on the other 700 (held out).

    python benchmarks/segmentation.py [--conllu PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.text.clitics import segment_word  # noqa: E402
from marsad.text.normalize import normalize_word  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"
DEV_SENTENCES = 300
ARABIC = re.compile(r"^[\u0621-\u064a]+$")


def read_words(path: Path) -> list[tuple[int, list[str]]]:
    """(sentence index, gold pieces) for every written Arabic word."""
    words: list[tuple[int, list[str]]] = []
    sentence = -1
    sentence_text = ""
    glued: list[tuple[str, str]] = []

    def flush() -> None:
        pieces: list[str] = []
        for form, upos in glued:
            norm = normalize_word(form)
            if upos != "PUNCT" and ARABIC.match(norm):
                pieces.append(norm)
            elif pieces:
                if keep(pieces):
                    words.append((sentence, pieces))
                pieces = []
        if pieces and keep(pieces):
            words.append((sentence, pieces))
        glued.clear()

    def keep(pieces: list[str]) -> bool:
        # assimilated forms (مما = من + ما) are not a concatenation of their pieces
        return "".join(pieces) in sentence_text

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sentence += 1
        if line.startswith(("# text = ", "# original_text = ")):
            # original_text (the surface as published) comes after text when both exist
            sentence_text = normalize_word(line.partition(" = ")[2])
        if not line or line.startswith("#"):
            flush()
            continue
        cols = line.split("\t")
        if not cols[0].isdigit():
            continue
        glued.append((cols[1], cols[3]))
        if "SpaceAfter=No" not in cols[9]:
            flush()
    flush()
    return words


def predict(word: str) -> list[str]:
    """marsad's segmentation of one word, with the article merged into the stem as UD does."""
    pieces = segment_word(word)
    out: list[str] = []
    merge_next = False
    for i, (s, e, kind) in enumerate(pieces):
        text = word[s:e]
        is_article = (
            kind == "prefix"
            and i + 1 < len(pieces)
            and pieces[i + 1][2] == "stem"
            and (text == "ال" or (text == "ل" and i > 0 and word[pieces[i - 1][0] : pieces[i - 1][1]] == "ل"))
        )
        if merge_next:
            out[-1] += text
            merge_next = False
        else:
            out.append(text)
        if is_article:
            merge_next = True
    return out


def score(words: list[tuple[int, list[str]]]) -> dict[str, float]:
    total = correct = mwt = mwt_correct = single = single_correct = 0
    for _, gold in words:
        ok = predict("".join(gold)) == gold
        total += 1
        correct += ok
        if len(gold) > 1:
            mwt += 1
            mwt_correct += ok
        else:
            single += 1
            single_correct += ok
    return {
        "words": total,
        "word_acc": correct / total if total else 0.0,
        "mwt": mwt,
        "mwt_acc": mwt_correct / mwt if mwt else 0.0,
        "single": single,
        "single_acc": single_correct / single if single else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conllu", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=0, help="print this many development-part errors")
    args = parser.parse_args()
    if not args.conllu.exists():
        sys.exit(f"{args.conllu}: not found (UD_Arabic-PUD lives in ../shared/data/ud)")
    words = read_words(args.conllu)
    parts = {
        "dev (sent. 1-300)": [w for w in words if w[0] < DEV_SENTENCES],
        "held-out (301-1000)": [w for w in words if w[0] >= DEV_SENTENCES],
        "all": words,
    }
    print(f"{'part':<22}{'words':>8}{'word acc':>10}{'MWT':>7}{'MWT acc':>9}{'single':>8}{'single acc':>12}")
    results = {}
    for name, ws in parts.items():
        r = score(ws)
        results[name] = r
        print(
            f"{name:<22}{r['words']:>8}{r['word_acc']:>10.4f}{r['mwt']:>7}{r['mwt_acc']:>9.4f}"
            f"{r['single']:>8}{r['single_acc']:>12.4f}"
        )
    if args.errors:
        shown = 0
        for _, gold in parts["dev (sent. 1-300)"]:
            pred = predict("".join(gold))
            if pred != gold:
                print("  gold", "+".join(gold), " marsad", "+".join(pred))
                shown += 1
                if shown >= args.errors:
                    break
    held = results["held-out (301-1000)"]
    print(f"RESULT word_acc={held['word_acc']:.4f} mwt_acc={held['mwt_acc']:.4f} single_acc={held['single_acc']:.4f}")


if __name__ == "__main__":
    main()
