"""Build src/marsad/data/events/triggers.tsv: the event lexicon, every trigger as the stems
marsad's segmenter gives it, with its PLOVER type and mode.

    python scripts/build_event_lexicon.py      (or: make data)

Input: data/curated/event_triggers.tsv (hand-made; its header says the format; rows of kind
"never" list forms the inflection makes that are other words, طالبا a student). A verb's
stems (each past followed by its present) are inflected for person, number and gender; nouns and
phrases are taken as listed; a phrase whose first word is a verb of the file is inflected on that word. Each form
is segmented by marsad's text layer and stored as the matching forms of its stems (بالهجوم →
هجوم), which is what the events stage compares with; `clipped` keeps the letters the segmenter took
off a form's first word as proclitics (فجرت → ف + جرت), which the word in the text must have.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from buildlib import CURATED, DATA, SHARED, Step
from marsad.events.lexicon import key
from marsad.index import index
from marsad.model import Document
from marsad.text.stage import analyze_text

SOURCE = CURATED / "event_triggers.tsv"
OUT = DATA / "events" / "triggers.tsv"
PAST_ENDINGS = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم")
PRESENT_PREFIXES = ("ي", "ت", "ن", "أ")
PRESENT_ENDINGS = ("", "ون", "ان", "ن")


def inflect(past: str, present: str) -> list[str]:
    """The regular forms of a verb from its past and present stems (قتل، يقتل). Verbs whose last
    letter is weak (دعا، التقى) list their other forms by hand."""
    forms = [past + e for e in PAST_ENDINGS] if not past.endswith(("ا", "ى")) else [past]
    if present.startswith("ي") and not present.endswith(("و", "ي")):
        forms += [p + present[1:] + e for p in PRESENT_PREFIXES for e in PRESENT_ENDINGS]
    else:
        forms.append(present)
    return forms


def verb_forms(listed: list[str]) -> list[str]:
    """A verb row's forms: each past stem followed by its present (خطف|يخطف|اختطف|يختطف) is
    inflected; any other form is taken as listed."""
    forms: list[str] = []
    i = 0
    while i < len(listed):
        past, present = listed[i], listed[i + 1] if i + 1 < len(listed) else ""
        if present.startswith("ي") and not past.startswith("ي") and present[1:].endswith(past[-2:]):
            forms += inflect(past, present)
            i += 2
        else:
            forms.append(past)
            i += 1
    return forms


def stems(phrase: str) -> str:
    """The phrase as marsad's text layer segments it: the matching form of each token's stem."""
    return segmented(phrase)[0]


def segmented(phrase: str) -> tuple[str, str]:
    """The phrase's stems, and the letters the segmenter took off its first word as proclitics.
    A listed form carries no clitic, so those letters are the word's own (فجرت read as ف + جرت،
    وافق as و + افق، كمين as ك + مين): the stage then asks the word in the text to have them."""
    ix = index(analyze_text(Document(text=phrase)))
    return " ".join(key(f.stem) for f in ix.forms), ix.forms[0].proclitics if ix.forms else ""


def read_rows() -> list[dict[str, str]]:
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


def build(shared: Path = SHARED) -> Step:
    rows = read_rows()
    verbs = {r["lemma"]: r["forms"].split("|")[:2] for r in rows if r["kind"] == "verb"}
    never = {stems(f) for r in rows if r["kind"] == "never" for f in r["forms"].split("|")}
    out: dict[str, tuple[str, str, str, str, str]] = {}
    for r in rows:
        if r["kind"] == "never":
            continue
        listed = [f.strip() for f in r["forms"].split("|") if f.strip()]
        forms = list(listed)
        if r["kind"] == "verb":
            forms = verb_forms(listed)
        elif r["kind"] == "phrase":
            for phrase in listed:
                first, _, rest = phrase.partition(" ")
                if first in verbs and rest:
                    forms += [f"{f} {rest}" for f in inflect(*verbs[first])]
        for form in forms:
            found, clipped = segmented(form)
            if found in never:
                continue
            entry = (r["type"], r["mode"], r["kind"], r["lemma"])
            if found not in out:
                out[found] = (*entry, clipped)
            elif out[found][4] and not clipped:
                out[found] = (*out[found][:4], "")  # another form is these stems whole: no letters asked
            if clipped:  # after a clitic of its own the word is read whole (وفجرت: و + فجرت)
                first, *rest = form.split(" ")
                out.setdefault(" ".join([key(first), *found.split(" ")[1:]]), (*entry, ""))
    lines = ["stems\ttype\tmode\tkind\tlemma\tclipped"] + ["\t".join((k, *v)) for k, v in sorted(out.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kinds = {kind: sum(1 for v in out.values() if v[2] == kind) for kind in ("verb", "noun", "phrase")}
    counts = {"entries": len(rows), "forms": len(out), **kinds}
    return Step("event_lexicon", "scripts/build_event_lexicon.py", [SOURCE], [OUT], counts)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    print(build(parser.parse_args().shared))
