"""Event coding accuracy on the hand-made event gold (tests/data/events_gold_*.jsonl) and ASSAULT /
PROTEST detection on the Open Event Data Alliance Arabic gold standard (../shared/data/events).

Event gold (tests/data/events_guidelines.md): three development sets (64, 128 and 64 ANT
articles) and two held-out ones (64 each), scored apart and together ("held out 1+2", with the
keyword baseline beside it). The RESULT line keeps the first held-out set's figures under their
old keys and adds both sets' as heldout_both_*. A system event matches a gold event when the
type is the same and a trigger of each lies in the same sentence (marsad's sentence splitter on
the article); matching is one to one, in text order.
Per type and micro P/R/F1 count every gold event (a missed one is wrong) and every system event.
On the matches: actor and recipient accuracy (the same set of country + sector codes; both empty
counts as the same), place (the same GeoNames id; a gold place with no id by its country; no gold
place: right when the system has none either), date (the same ISO value) and size (the same
counts, where gold or system has one). Baseline column: a keyword coder that marks an event of a
type wherever a lemma the PETRARCH Arabic verb dictionary codes as that type (through
CAMEO2PLOVER) occurs.

GSR: sentences labelled yes / easy no / difficult no / ambiguous for ASSAULT and PROTEST; "yes"
is positive, both "no" negative, "ambiguous" left out; a sentence is positive for the system when
it codes an event of that type in it. Actor country agreement: on the span files, a span whose
source actor has a country code, in a sentence where the system found an ASSAULT, agrees when one
of the system's actor countries is that code.

Errors (--errors N) are printed for the development sets only.

    python benchmarks/events.py [--errors N]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import read_gold, require_ant, texts_by_id  # noqa: E402
from marsad.events.lexicon import key, token_keys  # noqa: E402
from marsad.events.ontology import ontology  # noqa: E402
from marsad.index import index  # noqa: E402
from marsad.model import Document, Event  # noqa: E402
from marsad.pipeline import Pipeline, builtin_function, collector_paused  # noqa: E402

SHARED = ROOT.parent / "shared"
GSR = SHARED / "data" / "events" / "arabic_event_gsr_dev"
PETRARCH = SHARED / "data" / "gazetteers" / "petrarch_arabic" / "CAMEO.ar.0.5.txt"
MAPPING = SHARED / "data" / "events" / "plover" / "CAMEO2PLOVER-2021.txt"
SETS = (
    ("development", "events_gold_dev.jsonl"),
    ("development 2", "events_gold_dev2.jsonl"),
    ("development 3", "events_gold_dev3.jsonl"),
    ("held out", "events_gold_test.jsonl"),
    ("held out 2", "events_gold_test2.jsonl"),
)
HELD_OUT = ("held out", "held out 2")  # scored together too, with the keyword baseline beside
BOTH = "held out 1+2"
FILTER = ROOT / "src" / "marsad" / "data" / "events" / "filter.json"


# scoring ----------------------------------------------------------------------------------------
def sentence_of(doc: Document, offset: int) -> int:
    for n, s in enumerate(doc.sentences):
        if s.start <= offset < max(s.end, s.start + 1):
            return n
    return -1


def gold_codes(parts: list[dict[str, Any]]) -> set[tuple[str | None, str | None]]:
    return {(p.get("country"), p.get("sector")) for p in parts}


def system_codes(parts: list[Any]) -> set[tuple[str | None, str | None]]:
    return {(p.country, p.sector) for p in parts}


def place_right(doc: Document, event: Event, gold: dict[str, Any] | None) -> bool:
    places = {p.id: p for p in doc.places}
    got = places.get(event.place or "")
    if gold is None:
        return got is None
    if got is None:
        return False
    if gold.get("geonameid") is not None:
        return got.geonameid == gold["geonameid"]
    return got.country == gold.get("country")


def size_of(event_size: Any) -> dict[str, tuple[int, int | None] | None]:
    out = {}
    for kind in ("dead", "injured", "arrested", "displaced"):
        c = getattr(event_size, kind)
        out[kind] = (c.low, c.high) if c is not None else None
    return out


def gold_size(size: dict[str, Any]) -> dict[str, tuple[int, int | None] | None]:
    out: dict[str, tuple[int, int | None] | None] = {}
    for kind in ("dead", "injured", "arrested", "displaced"):
        v = size.get(kind)
        out[kind] = None if v is None else (v, v) if isinstance(v, int) else (v[0], v[1])
    return out


class Tally:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.right: Counter[str] = Counter()
        self.asked: Counter[str] = Counter()

    def prf(self, t: str | None = None) -> tuple[float, float, float]:
        tp = sum(self.tp.values()) if t is None else self.tp[t]
        fp = sum(self.fp.values()) if t is None else self.fp[t]
        fn = sum(self.fn.values()) if t is None else self.fn[t]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def acc(self, what: str) -> float:
        return self.right[what] / self.asked[what] if self.asked[what] else 0.0

    def __add__(self, other: Tally) -> Tally:
        total = Tally()
        for name in ("tp", "fp", "fn", "right", "asked"):
            setattr(total, name, getattr(self, name) + getattr(other, name))
        return total


def score_set(docs: dict[str, Document], gold: list[dict[str, Any]], errors: int = 0, baseline: bool = False) -> Tally:
    tally = Tally()
    shown = 0
    for g in gold:
        doc = docs[g["article_id"]]
        predicted = petrarch_events(doc) if baseline else [(e.type, e) for e in doc.events]
        gold_events = [(e["type"], {sentence_of(doc, t["start"]) for t in e["triggers"]}, e) for e in g["events"]]
        used: set[int] = set()
        for kind, event in predicted:
            sentences = {sentence_of(doc, t.start) for t in event.triggers} if isinstance(event, Event) else {event}
            hit = next(
                (n for n, (t, s, _) in enumerate(gold_events) if n not in used and t == kind and s & sentences), None
            )
            if hit is None:
                tally.fp[kind] += 1
                if shown < errors:
                    shown += 1
                    print(f"  FP {g['article_id']} {kind} {event.triggers[0].text if isinstance(event, Event) else ''}")
                continue
            used.add(hit)
            tally.tp[kind] += 1
            if baseline or not isinstance(event, Event):
                continue
            ge = gold_events[hit][2]
            checks = {
                "actor": system_codes(event.actor) == gold_codes(ge["actor"]),
                "recipient": system_codes(event.recipient) == gold_codes(ge["recipient"]),
                "place": place_right(doc, event, ge.get("place")),
                "date": event.date == ge.get("date"),
            }
            gs, ss = gold_size(ge.get("size") or {}), size_of(event.size)
            if any(v is not None for v in gs.values()) or any(v is not None for v in ss.values()):
                checks["size"] = gs == ss
            for what, ok in checks.items():
                tally.asked[what] += 1
                tally.right[what] += ok
                if not ok and shown < errors:
                    shown += 1
                    detail = ""
                    if what in ("actor", "recipient"):
                        said = sorted(map(str, system_codes(getattr(event, what))))
                        detail = f"  gold {sorted(map(str, gold_codes(ge[what])))} system {said}"
                    print(f"  {what:<9} {g['article_id']} {kind} {event.triggers[0].text}{detail}")
        for n, (kind, _, ge) in enumerate(gold_events):
            if n not in used:
                tally.fn[kind] += 1
                if shown < errors:
                    shown += 1
                    print(f"  FN {g['article_id']} {kind} {ge['triggers'][0]['text']}")
    return tally


# the PETRARCH keyword baseline ----------------------------------------------------------------
def plover_of_cameo() -> dict[str, str]:
    out = {}
    for line in MAPPING.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def petrarch_lemmas() -> dict[str, str]:
    """Single-word lemmas of the PETRARCH Arabic verb dictionary with a CAMEO code, by PLOVER type."""
    mapping = plover_of_cameo()
    entry = re.compile(r"^([^\s\-#+][^\s#+]*)\s+\[(\d{2,4})\]")
    block = re.compile(r"^---\s+\S+\s+\[([^\]]*)\]")
    out: dict[str, str] = {}
    code = None
    for line in PETRARCH.read_text(encoding="utf-8").splitlines():
        m = block.match(line)
        if m:
            code = m.group(1) if m.group(1).isdigit() else None
            continue
        m = entry.match(line)
        lemma, this = (m.group(1), m.group(2)) if m else (line.split()[0] if line.strip() else "", code)
        if not lemma or lemma.startswith(("-", "#")) or this is None:
            continue
        kind = mapping.get(this) or mapping.get(this[:3]) or mapping.get(this[:2])
        if kind:
            out.setdefault(key(lemma), kind)
    return out


LEMMAS: dict[str, str] = {}


def petrarch_events(doc: Document) -> list[tuple[str, int]]:
    """(type, sentence) of every keyword hit, one per type and sentence."""
    if not LEMMAS:
        LEMMAS.update(petrarch_lemmas())
    ix = index(doc)
    keys = token_keys(ix.forms)
    found = set()
    for k, word in enumerate(keys):
        kind = LEMMAS.get(word)
        if kind is not None and ix.token_sentence[k] >= 0:
            found.add((kind, ix.token_sentence[k]))
    return sorted(found, key=lambda f: f[1])


# GSR ------------------------------------------------------------------------------------------
def gsr(nlp: Pipeline, kind: str) -> tuple[tuple[float, float, float], tuple[float, float, float], int]:
    rows = list(csv.DictReader((GSR / f"{kind.lower()}_gsr.csv").open(encoding="utf-8")))
    counts = Counter()
    base = Counter()
    for r in rows:
        if r["label"] == "ambiguous":
            continue
        doc = nlp.run(r["text"])
        gold = r["label"] == "yes"
        got = any(e.type == kind for e in doc.events)
        counts[(gold, got)] += 1
        base[(gold, any(t == kind for t, _ in petrarch_events(doc)))] += 1

    def prf(c: Counter[tuple[bool, bool]]) -> tuple[float, float, float]:
        tp, fp, fn = c[(True, True)], c[(False, True)], c[(True, False)]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    return prf(counts), prf(base), sum(counts.values())


def actor_country_agreement(nlp: Pipeline) -> tuple[float, int]:
    records = json.loads((GSR / "assault_spans.json").read_text(encoding="utf-8"))
    agree = total = 0
    for r in records:
        wanted = {
            s["source_role"]["main"]
            for s in r["spans"]
            if isinstance(s.get("source_role"), dict)
            and re.fullmatch(r"[A-Z]{3}", s["source_role"].get("main") or "")
            and s["source_role"]["main"] not in ("INT", "IMG", "IGO", "NGO")
        }
        if not wanted:
            continue
        events = [e for e in nlp.run(r["text"]).events if e.type == "ASSAULT"]
        if not events:
            continue
        total += 1
        agree += bool(wanted & {p.country for e in events for p in e.actor})
    return (agree / total if total else 0.0), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors on the development sets")
    args = parser.parse_args()
    require_ant()
    nlp = Pipeline.default()
    golds = {name: read_gold(path) for name, path in SETS}
    ids = {g["article_id"] for gold in golds.values() for g in gold}
    texts = texts_by_id(ids)
    published = {g["article_id"]: g["published"] for gold in golds.values() for g in gold}
    started = time.perf_counter()
    docs = {i: nlp.run(texts[i], published=published[i]) for i in sorted(ids)}
    per_article = (time.perf_counter() - started) / len(ids)
    # the events stage again on the analysed documents: timed as in the pipeline, index built
    events_stage = builtin_function("events")
    with collector_paused():
        t0 = time.perf_counter()
        for doc in docs.values():
            events_stage(doc, resources=nlp.resources)
        stage_rate = len(docs) / (time.perf_counter() - t0)

    tallies = {}
    for name, _ in SETS:
        tallies[name] = score_set(docs, golds[name], errors=args.errors if name.startswith("development") else 0)
    tallies[BOTH] = sum((tallies[name] for name in HELD_OUT), Tally())
    tallies[BOTH + " (PETRARCH keywords)"] = sum(
        (score_set(docs, golds[name], baseline=True) for name in HELD_OUT), Tally()
    )
    types = list(ontology().types)
    counts = ", ".join(f"{name} {sum(len(g['events']) for g in gold)}" for name, gold in golds.items())
    print(f"\nevent gold, events: {counts}")
    short = {
        name: name.replace("development", "dev").replace("held out", "held").replace(" (PETRARCH keywords)", " kw")
        for name in tallies
    }
    header = "".join(f"{short[name]:>14}" for name in tallies)
    print(f"{'F1 by type':<16}{header}")
    for t in types:
        if any(tl.tp[t] + tl.fn[t] + tl.fp[t] for tl in tallies.values()):
            print(f"{t:<16}" + "".join(f"{tl.prf(t)[2]:>14.3f}" for tl in tallies.values()))
    for label, i in (("micro P", 0), ("micro R", 1), ("micro F1", 2)):
        print(f"{label:<16}" + "".join(f"{tl.prf()[i]:>14.3f}" for tl in tallies.values()))
    print("on matched events")
    for what in ("actor", "recipient", "place", "date", "size"):
        row = "".join(
            f"{tl.acc(what):>8.3f} ({tl.asked[what]:>3})" if "PETRARCH" not in name else f"{'-':>14}"
            for name, tl in tallies.items()
        )
        print(f"{what:<16}{row}")

    assault, assault_base, n_assault = gsr(nlp, "ASSAULT")
    protest, protest_base, n_protest = gsr(nlp, "PROTEST")
    agreement, n_agree = actor_country_agreement(nlp)
    trained = json.loads(FILTER.read_text(encoding="utf-8")) if FILTER.exists() else None
    if trained is not None:
        cv = trained["cross_validated"]
        print(
            "\nThe event filter (ASSAULT, PROTEST) was trained on the development sets and the GSR: their figures are"
            " in-sample.\nCross-validated (scripts/train_event_filter.py): development ASSAULT and PROTEST P/R/F1 "
            + " / ".join(f"{v:.3f}" for v in cv["gold_assault_protest"])
            + f"; GSR ASSAULT F1 {cv['ASSAULT'][2]:.3f}, PROTEST F1 {cv['PROTEST'][2]:.3f}"
        )
        assault = tuple(cv["ASSAULT"])  # the RESULT line reports what the filter was not trained on
        protest = tuple(cv["PROTEST"])
    print(f"\nGSR ({n_assault} ASSAULT and {n_protest} PROTEST sentences, ambiguous left out)")
    print(f"{'':<16}{'P':>8}{'R':>8}{'F1':>8}   PETRARCH keywords P/R/F1")
    for kind, (p, r, f), (bp, br, bf) in (("ASSAULT", assault, assault_base), ("PROTEST", protest, protest_base)):
        print(f"{kind:<16}{p:>8.3f}{r:>8.3f}{f:>8.3f}   {bp:.3f} / {br:.3f} / {bf:.3f}")
    print(f"actor country agreement on ASSAULT spans: {agreement:.3f} ({n_agree} sentences)")
    print(f"\nwhole pipeline {1 / per_article:.1f} articles/s; events stage alone {stage_rate:,.0f} articles/s")
    held, both = tallies["held out"], tallies[BOTH]
    print(
        f"RESULT type_f1={held.prf()[2]:.4f} actor_acc={held.acc('actor'):.4f}",
        f"recipient_acc={held.acc('recipient'):.4f}",
        f"place_acc={held.acc('place'):.4f} date_acc={held.acc('date'):.4f} assault_f1={assault[2]:.4f}",
        f"protest_f1={protest[2]:.4f} articles_per_s={stage_rate:.0f}",
        f"heldout_both_type_f1={both.prf()[2]:.4f} heldout_both_actor_acc={both.acc('actor'):.4f}",
        f"heldout_both_recipient_acc={both.acc('recipient'):.4f} heldout_both_place_acc={both.acc('place'):.4f}",
        f"heldout_both_date_acc={both.acc('date'):.4f}",
    )


if __name__ == "__main__":
    main()
