"""Build src/marsad/data/ner/person_tokens.tsv.gz: Arabic tokens of person names, from Wikidata.

The Wikidata transliteration pairs (English name token -> Arabic letters) give the
Arabic spellings of first names and surnames; the entity tagger uses "this word is
a known name token" as a feature (the model learns how much to trust it). Tokens of
one letter are dropped. CC0 data.

    python scripts/build_ner_lexicons.py [--shared PATH]      (or: make data)
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from buildlib import DATA, SHARED, Step, write_gz
from marsad.text.normalize import normalize_word

FOLDER = Path("data/gazetteers/wikidata_person_translit")
OUT = DATA / "ner" / "person_tokens.tsv.gz"


def build(shared: Path = SHARED) -> Step:
    files = [shared / FOLDER / "wd_arabic_20", shared / FOLDER / "wd_arabic_80"]
    counts: Counter[str] = Counter()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 3:
                continue
            token = normalize_word(parts[1].replace(" ", ""))
            if len(token) >= 2:
                counts[token] += int(parts[2])
    write_gz(OUT, "".join(f"{t}\t{c}\n" for t, c in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0]))))
    return Step("ner_lexicons", "scripts/build_ner_lexicons.py", files, [OUT], {"person_tokens": len(counts)})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    print(build(parser.parse_args().shared))
