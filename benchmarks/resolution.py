"""Place and actor resolution accuracy on the hand-made gold sets in tests/data.

Gold: 746 place mentions in 68 ANT articles (GeoNames id, country) and 878
person/organisation mentions in 65 articles (country, sector); five more actor
sets of 30 articles each, annotated later with the same guidelines: dev2 to dev5
for development, test2 held out (designated so before it was annotated), and test3 (the
next 30 of the same seeded order, held out, issue 12);
guidelines in tests/data/resolution_guidelines_*.md. Two settings:
- resolution: the gold spans replace the tagger's LOC (or PER/ORG) mentions, so
  the figures measure the geocoder and the actor resolver alone;
- end to end: the whole pipeline, a gold mention counting as right only if a
  system mention overlaps it and resolves to the gold value.
place_exact counts gold mentions that have a GeoNames id; place_country and the
actor figures count every gold mention (a gold null country must come out null).
Errors (--errors) are printed for the development data only (the first half of each
original gold file, dev2 to dev5). Held out from development: the second halves and
test2; `heldout_*` in the RESULT line pools the actor ones.

    python benchmarks/resolution.py [--errors N]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import published_by_id, read_gold, require_ant, texts_by_id  # noqa: E402
from marsad.model import Document, Mention  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.resolve.actors import resolve_actors  # noqa: E402
from marsad.resolve.places import geocode  # noqa: E402


def _replace_mentions(doc: Document, labels: set[str], gold: list[dict], label_of: Callable[[dict], str]) -> None:
    kept = [m for m in doc.mentions if m.label not in labels]
    injected = [
        Mention(f"g{i}", g["start"], g["end"], doc.text[g["start"] : g["end"]], label_of(g), 1.0)  # type: ignore[arg-type]
        for i, g in enumerate(gold)
    ]
    doc.mentions = sorted(kept + injected, key=lambda m: (m.start, -m.end))


def _owner(records: list, doc: Document, start: int, end: int) -> object | None:
    """The place/actor record one of whose mentions overlaps [start, end)."""
    spans = {m.id: (m.start, m.end) for m in doc.mentions}
    for record in records:
        for mid in record.mentions:
            s, e = spans[mid]
            if s < end and start < e:
                return record
    return None


def evaluate_places(docs: dict[str, Document], gold: list[dict], errors: int) -> dict[str, float]:
    out: dict[str, float] = {}
    shown = 0
    for mode in ("resolution", "end_to_end"):
        exact = exact_n = country = country_n = found = total = 0
        for g in gold:
            doc = docs[g["article_id"]]
            if mode == "resolution":
                doc = Document.from_dict(doc.to_dict())
                _replace_mentions(doc, {"LOC"}, g["places"], lambda _: "LOC")
                geocode(doc)
            for p in g["places"]:
                rec = _owner(doc.places, doc, p["start"], p["end"])
                total += 1
                found += rec is not None
                got_id = getattr(rec, "geonameid", None)
                got_country = getattr(rec, "country", None)
                if p["geonameid"] is not None:
                    exact_n += 1
                    exact += got_id == p["geonameid"]
                country_n += 1
                country += got_country == p["country"]
                if (
                    mode == "resolution"
                    and shown < errors
                    and (got_country != p["country"] or (p["geonameid"] and got_id != p["geonameid"]))
                ):
                    print(
                        f"  place {g['article_id']} {p['text']!r}: gold {p['geonameid']} {p['country']}, "
                        f"got {got_id} {got_country}"
                    )
                    shown += 1
        out[f"{mode}_place_exact"] = exact / exact_n
        out[f"{mode}_place_country"] = country / country_n
        out[f"{mode}_place_found"] = found / total
    out["place_mentions"], out["place_mentions_with_id"] = total, exact_n
    return out


def place_right(kind: str, geonameid: int | None, iso3: str | None, rec: object | None) -> tuple[bool, bool]:
    """(exact, country) of the system's place record for a mention of the real-news golds
    (tests/data/resolution_guidelines_places.md, "Real-news golds"). A region is exact when it
    comes out as a region (a point, no GeoNames id) of the same country (none for one spanning
    several); something that is not a place, when it comes out with no place and no country."""
    got_id, got_country = getattr(rec, "geonameid", None), getattr(rec, "country", None)
    if kind == "not_place":
        right = got_id is None and got_country is None
        return right, right
    country = got_country == iso3
    if kind == "country":
        return country and getattr(rec, "resolution", None) == "country", country
    if kind == "region":
        return country and got_id is None and getattr(rec, "lat", None) is not None, country
    return geonameid is not None and got_id == geonameid, country  # place, missing (None: not in the gazetteer)


def evaluate_frequent_places(docs: dict[str, Document], gold: list[dict], errors: int) -> dict[str, float]:
    """The most frequent place names, each judged in up to three of its sentences, weighted by how
    often the name occurs in ANT: the share of the corpus's place mentions resolved right.

    An example judged by the audit to read otherwise than its name's gold (سلطنة عمان is Oman,
    سوق مالي is no place) is judged by its own `reading`; `name_exact` judges every example by its
    name's gold, as the set was first scored."""
    exact = country = name_exact = weight = 0.0
    shown = 0
    for g in gold:
        examples = g["examples"]
        share = g["count"] / len(examples)
        for ex in examples:
            doc = docs[ex["article_id"]]
            rec = _owner(doc.places, doc, ex["start"], ex["start"] + len(g["name"]))
            reading = ex.get("reading", g)
            ok_exact, ok_country = place_right(reading["kind"], reading["geonameid"], reading["iso3"], rec)
            exact += share * ok_exact
            country += share * ok_country
            name_exact += share * place_right(g["kind"], g["geonameid"], g["iso3"], rec)[0]
            weight += share
            if not ok_exact and shown < errors:
                got = (getattr(rec, "geonameid", None), getattr(rec, "country", None))
                print(f"  frequent {g['name']!r} x{g['count']} in {ex['article_id']}: gold {reading['kind']} "
                      f"{reading['geonameid']} {reading['iso3']}, got {got[0]} {got[1]}")  # fmt: skip
                shown += 1
    return {"exact": exact / weight, "country": country / weight, "name_exact": name_exact / weight, "names": len(gold)}


def evaluate_place_mentions(docs: dict[str, Document], gold: list[dict], errors: int) -> dict[str, float]:
    """Random place mentions in their sentences, every one counted (a mention the system did not
    resolve is wrong unless it is not a place)."""
    exact = country = 0
    for n, g in enumerate(gold):
        doc = docs[g["article_id"]]
        rec = _owner(doc.places, doc, g["start"], g["end"])
        ok_exact, ok_country = place_right(g["kind"], g["geonameid"], g["iso3"], rec)
        exact += ok_exact
        country += ok_country
        if not ok_exact and n < errors:
            got = (getattr(rec, "geonameid", None), getattr(rec, "country", None))
            print(f"  mention {g['text']!r} in {g['article_id']}: gold {g['kind']} {g['geonameid']} {g['iso3']}, "
                  f"got {got[0]} {got[1]}")  # fmt: skip
    return {"exact": exact / len(gold), "country": country / len(gold), "mentions": len(gold)}


def evaluate_actors(docs: dict[str, Document], gold: list[dict], errors: int) -> dict[str, float]:
    out: dict[str, float] = {}
    shown = 0
    for mode in ("resolution", "end_to_end"):
        country = sector = found = total = 0
        for g in gold:
            doc = docs[g["article_id"]]
            if mode == "resolution":
                doc = Document.from_dict(doc.to_dict())
                _replace_mentions(doc, {"PER", "ORG"}, g["actors"], lambda a: a["type"])
                geocode(doc)
                resolve_actors(doc)
            for a in g["actors"]:
                rec = _owner(doc.actors, doc, a["start"], a["end"])
                total += 1
                found += rec is not None
                got_country, got_sector = getattr(rec, "country", None), getattr(rec, "sector", None)
                country += got_country == a["country"]
                sector += got_sector == a["sector"]
                if (
                    mode == "resolution"
                    and shown < errors
                    and (got_country != a["country"] or got_sector != a["sector"])
                ):
                    print(
                        f"  actor {g['article_id']} {a['text']!r}: gold {a['country']} {a['sector']}, "
                        f"got {got_country} {got_sector}"
                    )
                    shown += 1
        out[f"{mode}_actor_country"] = country / total
        out[f"{mode}_actor_sector"] = sector / total
        out[f"{mode}_actor_found"] = found / total
    out["actor_mentions"] = total
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many resolution errors of each kind")
    args = parser.parse_args()
    require_ant()
    places_gold = read_gold("resolution_places_gold.jsonl")
    actors_gold = read_gold("resolution_actors_gold.jsonl")
    actor_sets = {
        n: read_gold(f"resolution_actors_{n}.jsonl") for n in ("dev2", "dev3", "dev4", "dev5", "test2", "test3")
    }
    frequent = read_gold("places_frequency_gold.jsonl")
    mentions = {part: read_gold(f"places_context_gold_{part}.jsonl") for part in ("dev", "test")}
    every = places_gold + actors_gold + [g for gold in actor_sets.values() for g in gold]
    published = {g["article_id"]: g["published"] for g in every}
    ids = {g["article_id"] for g in every}
    ids |= {ex["article_id"] for g in frequent for ex in g["examples"]}
    ids |= {g["article_id"] for part in mentions.values() for g in part}
    texts = texts_by_id(ids)
    published = published_by_id(ids - set(published)) | published
    nlp = Pipeline.default()
    docs = {i: nlp.run(texts[i], published=published.get(i)) for i in ids}
    half_p, half_a = len(places_gold) // 2, len(actors_gold) // 2
    # errors are shown for the development data only
    evaluate_places(docs, places_gold[:half_p], args.errors)
    development = actors_gold[:half_a] + [g for n in ("dev2", "dev3", "dev4", "dev5") for g in actor_sets[n]]
    evaluate_actors(docs, development, args.errors)
    held_p = evaluate_places(docs, places_gold[half_p:], 0)
    held_a = evaluate_actors(docs, actors_gold[half_a:], 0)
    p = evaluate_places(docs, places_gold, 0)
    a = evaluate_actors(docs, actors_gold, 0)
    print(f"\nplaces: {int(p['place_mentions'])} gold mentions ({int(p['place_mentions_with_id'])} with a GeoNames id)")
    print(f"actors: {int(a['actor_mentions'])} gold person/organisation mentions\n")
    print(f"{'measure':<18}{'resolution':>12}{'end to end':>12}{'held-out res.':>15}{'held-out e2e':>14}")
    for key in ("place_exact", "place_country", "place_found", "actor_country", "actor_sector", "actor_found"):
        full, held = (p, held_p) if key.startswith("place") else (a, held_a)
        print(
            f"{key:<18}{full['resolution_' + key]:>12.4f}{full['end_to_end_' + key]:>12.4f}"
            f"{held['resolution_' + key]:>15.4f}{held['end_to_end_' + key]:>14.4f}"
        )
    rows = {
        "gold, first half (dev)": actors_gold[:half_a],
        "gold, second half (held out)": actors_gold[half_a:],
        "dev2 (dev)": actor_sets["dev2"],
        "dev3 (dev)": actor_sets["dev3"],
        "dev4 (dev)": actor_sets["dev4"],
        "dev5 (dev)": actor_sets["dev5"],
        "test2 (held out)": actor_sets["test2"],
        "test3 (held out, real news)": actor_sets["test3"],
        "development, pooled": development,
        "held out, pooled": actors_gold[half_a:] + actor_sets["test2"],
    }
    header = f"{'actor set':<30}{'articles':>9}{'mentions':>9}{'country':>9}{'sector':>8}"
    print(f"\n{header}{'e2e country':>13}{'e2e sector':>12}")
    results = {label: evaluate_actors(docs, gold, 0) for label, gold in rows.items()}
    for label, r in results.items():
        gold = rows[label]
        print(
            f"{label:<30}{len(gold):>9}{int(r['actor_mentions']):>9}{r['resolution_actor_country']:>9.4f}"
            f"{r['resolution_actor_sector']:>8.4f}{r['end_to_end_actor_country']:>13.4f}{r['end_to_end_actor_sector']:>12.4f}"
        )
    print(f"\n{'real-news places':<30}{'items':>9}{'exact':>9}{'country':>9}")
    real = {
        "frequent names (weighted)": evaluate_frequent_places(docs, frequent, args.errors),
        "mentions, development": evaluate_place_mentions(docs, mentions["dev"], args.errors),
        "mentions, held out": evaluate_place_mentions(docs, mentions["test"], 0),
    }
    for label, r in real.items():
        items = int(r.get("names", r.get("mentions", 0)))
        print(f"{label:<30}{items:>9}{r['exact']:>9.4f}{r['country']:>9.4f}")
    by_name = real["frequent names (weighted)"]["name_exact"]
    print(f"  (frequent names judged by each name's one reading, as first scored: exact {by_name:.4f})")
    held = results["held out, pooled"]
    test3 = results["test3 (held out, real news)"]
    frequent_r, dev_r, test_r = real.values()
    print(
        f"RESULT test3_e2e_actor_country={test3['end_to_end_actor_country']:.4f} "
        f"test3_e2e_actor_sector={test3['end_to_end_actor_sector']:.4f} "
        f"freq_place_exact={frequent_r['exact']:.4f} freq_place_name_exact={frequent_r['name_exact']:.4f} "
        f"context_place_exact={dev_r['exact']:.4f} "
        f"heldout_context_place_exact={test_r['exact']:.4f} heldout_context_place_country={test_r['country']:.4f}",
        end=" ",
    )
    print(
        f"place_exact={p['resolution_place_exact']:.4f} place_country={p['resolution_place_country']:.4f} "
        f"actor_country={a['resolution_actor_country']:.4f} actor_sector={a['resolution_actor_sector']:.4f} "
        f"heldout_actor_country={held['resolution_actor_country']:.4f} "
        f"heldout_actor_sector={held['resolution_actor_sector']:.4f} "
        f"e2e_place_exact={p['end_to_end_place_exact']:.4f} e2e_place_country={p['end_to_end_place_country']:.4f} "
        f"e2e_actor_country={a['end_to_end_actor_country']:.4f} e2e_actor_sector={a['end_to_end_actor_sector']:.4f}"
    )


if __name__ == "__main__":
    main()
