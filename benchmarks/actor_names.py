"""Actor names on random ANT articles: how many are malformed in the ways real text showed (issue
12) — a name that starts with a proclitic the text layer split off (لفلسطينيين، لقنصلية), a name
of one letter, or a name that is a function word — and how many people outside the knowledge
base take a country other than the one the nationality adjective right before their name says
(الملياردير الأسترالي جيمس باكر must be AUS).

A seeded sample of articles (not the gold ones, whichever they are: the check needs no gold). An
actor counts as malformed when one of its mentions is; every malformed one is listed.

    python benchmarks/actor_names.py [--articles 200] [--seed 12]
"""

from __future__ import annotations

import argparse
import random
import sys
from bisect import bisect_left
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import records, require_ant  # noqa: E402
from marsad.index import index  # noqa: E402
from marsad.kb.tables import Country  # noqa: E402
from marsad.model import Document, Mention  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.text.normalize import normalize_word  # noqa: E402

FUNCTION_WORDS = frozenset(
    normalize_word(w)
    for w in (
        "في من إلى على عن مع أن إن لا لم لن ما هو هي هم هذا هذه ذلك تلك التي الذي الذين كان كانت قد ثم أو أي كل بين"
    ).split()
)
ARTICLE = "ال"  # a prefix piece of the text layer, but part of the name (الأمم المتحدة)


def problems(doc: Document, demonyms: dict[str, tuple[Country, ...]]) -> list[tuple[str, str]]:
    """(actor name, what is wrong) for each malformed actor of the document."""
    mentions = {m.id: m for m in doc.mentions}
    token_at = {t.start: t for t in doc.tokens}
    out = []
    for actor in doc.actors:
        said = _nationality_before(doc, [mentions[i] for i in actor.mentions], demonyms)
        if actor.kb_id is None and said and actor.country not in said:
            out.append((actor.name, f"country {actor.country}, but the adjective before it says {'/'.join(said)}"))
            continue
        for mid in actor.mentions:
            m = mentions[mid]
            token = token_at.get(m.start)
            words = normalize_word(m.text).split()
            first = token.pieces[0] if token is not None and token.pieces else None
            if first is not None and first[2] == "prefix" and normalize_word(m.text[first[0] : first[1]]) != ARTICLE:
                out.append((actor.name, f"starts with the proclitic {m.text[first[0] : first[1]]!r}"))
            elif len(m.text.replace(" ", "")) <= 1:
                out.append((actor.name, "one letter"))
            elif len(words) == 1 and words[0] in FUNCTION_WORDS:
                out.append((actor.name, "a function word"))
            else:
                continue
            break
    return out


def _nationality_before(doc: Document, names: list[Mention], demonyms: dict[str, tuple[Country, ...]]) -> set[str]:
    """The countries a nationality adjective says when it stands within two words before a PER
    name of the actor (الملياردير الأسترالي جيمس باكر)."""
    forms = index(doc).forms
    starts = [f.token_start for f in forms]
    out: set[str] = set()
    for m in names:
        if m.label != "PER":
            continue
        k = bisect_left(starts, m.start)
        for j in range(max(0, k - 2), k):
            out |= {c.iso3 for c in demonyms.get(forms[j].base, ())}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    require_ant()
    articles = sorted(((r["docno"], r["text"]) for r in records()), key=lambda a: a[0])
    sample = random.Random(args.seed).sample(articles, args.articles)
    nlp = Pipeline.default()
    demonyms = nlp.resources.kb.demonyms()
    actors = bad = 0
    for docno, text in sample:
        doc = nlp.run(text)
        actors += len(doc.actors)
        for name, why in problems(doc, demonyms):
            bad += 1
            print(f"  {docno}: {name!r} {why}")
    print(f"{args.articles} random ANT articles, {actors} actors, {bad} malformed ({bad / max(actors, 1):.2%})")
    print(f"RESULT articles={args.articles} actors={actors} malformed={bad}")


if __name__ == "__main__":
    main()
