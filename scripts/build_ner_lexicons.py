"""Build src/marsad/data/ner/person_tokens.tsv.gz: Arabic tokens of person names, from Wikidata.

The Wikidata transliteration pairs (English name token -> Arabic letters) give the
Arabic spellings of first names and surnames; the entity tagger uses "this word is
a known name token" as a feature (the model learns how much to trust it). Tokens of
one letter are dropped. CC0 data.

    python scripts/build_ner_lexicons.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.text.normalize import normalize_word  # noqa: E402

OUT = ROOT / "src" / "marsad" / "data" / "ner" / "person_tokens.tsv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    folder = args.shared / "data" / "gazetteers" / "wikidata_person_translit"
    files = [folder / "wd_arabic_20", folder / "wd_arabic_80"]
    h = hashlib.sha256()
    counts: Counter[str] = Counter()
    for path in files:
        data = path.read_bytes()
        h.update(data)
        for line in data.decode("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 3:
                continue
            token = normalize_word(parts[1].replace(" ", ""))
            if len(token) >= 2:
                counts[token] += int(parts[2])
    print(f"input sha256={h.hexdigest()}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{t}\t{c}\n" for t, c in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0])))
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(lines.encode("utf-8"))
    print(f"person name tokens={len(counts)} -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
