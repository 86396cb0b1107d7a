"""The corpus commands of the `marsad` command line: ingest, search, events, actors, stats,
export and watch, over a store (`--db`, default marsad.db or $MARSAD_DB)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from marsad.corpus import default_workers, ingest
from marsad.errors import MarsadError
from marsad.ingest import count_records, read_inputs
from marsad.kb.base import env_files as kb_files_from_env
from marsad.store.db import Store
from marsad.store.export import FORMATS, export
from marsad.store.queries import EventFilter, event_rows, search, stats, top_actors
from marsad.tables import OUTPUT_FORMATS, write_rows
from marsad.watch import parse_interval, watch

EXIT_OK, EXIT_INPUT = 0, 3
READ_FORMATS = ("txt", "jsonl", "json", "html", "feed", "warc")
FIELDS = ("text", "published", "title", "url", "source")


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=os.environ.get("MARSAD_DB", "marsad.db"), help="the store (default: marsad.db or $MARSAD_DB)"
    )


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="table (default), json or csv")


def _event_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", help="PLOVER event type (ASSAULT, PROTEST, ...)")
    parser.add_argument("--actor", help="an actor or recipient: name as written, canonical name or knowledge-base id")
    parser.add_argument("--country", help="ISO3 country of an actor, a recipient or the place")
    parser.add_argument("--sector", help="sector code of an actor or a recipient (GOV, MIL, REB, CVL, ...)")
    parser.add_argument("--place", help="place name or GeoNames id")
    parser.add_argument("--since", help="first date, YYYY-MM-DD")
    parser.add_argument("--until", help="last date, YYYY-MM-DD")


def _record_defaults(parser: argparse.ArgumentParser) -> None:
    """The options that fill what input records leave out or name otherwise."""
    parser.add_argument("--published", help="publication date YYYY-MM-DD for records that give none")
    parser.add_argument("--source", help="source name for records that give none")
    parser.add_argument(
        "--field",
        type=_field,
        action="append",
        default=[],
        metavar="NAME=KEY",
        help="JSON (or Parquet) field mapping, e.g. --field text=body --field published=date",
    )


def _field(value: str) -> tuple[str, str]:
    name, _, key = value.partition("=")
    if name not in FIELDS or not key:
        raise argparse.ArgumentTypeError(f"{value!r}: expected NAME=KEY with NAME one of {', '.join(FIELDS)}")
    return name, key


def add_corpus_commands(commands: Any, common: Any) -> None:
    """Add the corpus commands to the `marsad` parser's subparsers (`common`: adds --kb and --stages)."""
    p = commands.add_parser(
        "ingest",
        help="analyse articles and store them",
        description="Read articles (files, directories, globs, - for stdin: .txt, .jsonl, .json, .html, RSS/Atom, "
        "WARC, and .gz of any), analyse them and store them. A bad record is reported as FILE:LINE and skipped; "
        "a text stored already is not analysed again, so a killed run is finished by running it again.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH")
    _db(p)
    p.add_argument("--workers", type=int, default=default_workers(), help="worker processes (default: the cores)")
    p.add_argument("--input-format", dest="input_format", choices=READ_FORMATS, help="read every input as this")
    _record_defaults(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    common(p)
    p.set_defaults(run=run_ingest)

    p = commands.add_parser(
        "search",
        help="full-text search of stored articles",
        description=(
            "Search stored articles; every word must occur, clitics and spelling variants aside (درنة finds "
            'بدرنة); "quoted words" are a phrase. Prints the best matches with a snippet of the original text.'
        ),
    )
    p.add_argument("query")
    _db(p)
    p.add_argument("--limit", type=int, default=20)
    _output(p)
    p.set_defaults(run=run_search)

    p = commands.add_parser("events", help="list stored events", description="List stored events, newest first.")
    _db(p)
    _event_filters(p)
    p.add_argument("--limit", type=int, default=50)
    _output(p)
    p.set_defaults(run=run_events)

    p = commands.add_parser("actors", help="the actors named in most articles")
    _db(p)
    p.add_argument("--top", type=int, default=20, help="how many (default 20)")
    p.add_argument("--country", help="only actors of this ISO3 country")
    _output(p)
    p.set_defaults(run=run_actors)

    p = commands.add_parser("stats", help="counts of what a store holds")
    _db(p)
    _output(p)
    p.set_defaults(run=run_stats)

    p = commands.add_parser("export", help="export stored events (PLOVER JSONL, CSV, Parquet, GeoJSON)")
    _db(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, help="output file (- for stdout, not for parquet)")
    _event_filters(p)
    p.set_defaults(run=run_export)

    p = commands.add_parser(
        "watch",
        help="poll RSS/Atom feeds and ingest new items",
        description=(
            "Poll feeds (URLs or files) and ingest the items not seen before; a feed that is down or malformed is "
            "logged and tried again at the next poll. Stop with Ctrl-C; started again, it goes on where it was."
        ),
    )
    p.add_argument("feeds", nargs="+", metavar="FEED")
    _db(p)
    p.add_argument("--every", type=_interval, default=900.0, help="poll interval: 30s, 15m, 1h (default 15m)")
    p.add_argument("--rounds", type=int, help="stop after this many polls of every feed (default: never)")
    common(p)
    p.set_defaults(run=run_watch)

    p = commands.add_parser(
        "spark",
        help="analyse an archive on Apache Spark into Parquet tables",
        description=(
            "Run the pipeline on Apache Spark (pip install marsad[spark]): read JSON Lines, text files (one article "
            "each) or Parquet from any path Spark reads, analyse in partitions, link near-duplicates and story "
            "events, and write Parquet tables partitioned by published month under --output (docs/spark.md)."
        ),
    )
    p.add_argument("--input", required=True, help="file, directory or glob (local, hdfs://, s3a://)")
    p.add_argument("--output", required=True, help="directory for the tables (replaced)")
    p.add_argument("--master", help="local[N], spark://HOST:PORT, yarn (default: spark-submit's, else local[*])")
    p.add_argument("--input-format", dest="input_format", choices=("jsonl", "text", "parquet"))
    _record_defaults(p)
    common(p)
    p.set_defaults(run=run_spark)

    p = commands.add_parser(
        "serve",
        help="the REST API and the web app over a store",
        description=(
            "Serve the store: the web app (map, events, actors, reader, paste, briefing) at / and the REST API at "
            "/api (schema at /openapi.json). Read-only unless started with --token (or $MARSAD_TOKEN): then "
            "POST /api/documents with 'Authorization: Bearer TOKEN' stores articles."
        ),
    )
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=os.environ.get("MARSAD_TOKEN"), help="allow writes with this token")
    p.add_argument("--max-body", type=int, default=1_000_000, help="largest request body in bytes (default 1 MB)")
    p.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    p.add_argument(
        "--cache-mb", type=int, default=64, help="memory for answers kept until the store changes (default 64; 0: none)"
    )
    common(p)
    p.set_defaults(run=run_serve)


def _interval(value: str) -> float:
    try:
        return parse_interval(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _kb_files(args: argparse.Namespace) -> list[str]:
    return [*kb_files_from_env(), *args.kb]


def _report(line: str) -> None:
    print(f"marsad: {line}", file=sys.stderr)


def run_ingest(args: argparse.Namespace, out: TextIO) -> int:
    from marsad.model import parse_published

    published = parse_published(args.published) if args.published else None
    reads = read_inputs(
        args.inputs, published=published, source=args.source, fields=dict(args.field) or None, fmt=args.input_format
    )
    progress = not args.quiet and sys.stderr.isatty()
    total = count_records(args.inputs, args.input_format) if progress else None  # for the bar's ETA
    with Store(args.db) as store:
        summary = ingest(
            reads,
            store,
            stages=args.stages,
            kb_files=_kb_files(args),
            workers=max(1, args.workers),
            progress=progress,
            total=total,
            report=_report,
        )
    for line in summary.lines():
        print(line, file=sys.stderr)
    return EXIT_INPUT if summary.skipped else EXIT_OK


def run_search(args: argparse.Namespace, out: TextIO) -> int:
    with Store(args.db, readonly=True) as store:
        hits = search(store, args.query, args.limit)
    rows = [{**{f: getattr(h, f) for f in h.__slots__}, "score": round(h.score, 3)} for h in hits]
    write_rows(rows, ["doc_id", "published", "title", "score", "snippet", "start", "end"], args.format, out)
    return EXIT_OK


def _filter(args: argparse.Namespace, limit: int | None) -> EventFilter:
    return EventFilter(args.type, args.actor, args.country, args.sector, args.place, args.since, args.until, limit)


EVENT_COLUMNS = ["date", "type", "mode", "actors", "recipients", "place_name", "dead", "trigger_text", "doc_id", "id"]


def run_events(args: argparse.Namespace, out: TextIO) -> int:
    with Store(args.db, readonly=True) as store:
        rows = event_rows(store, _filter(args, args.limit))
    if args.format != "table":
        for row in rows:
            row["record"] = json.loads(row["record"]) if args.format == "json" else row["record"]
        write_rows(rows, list(rows[0]) if rows else EVENT_COLUMNS, args.format, out)
    else:
        write_rows(rows, EVENT_COLUMNS, args.format, out)
    return EXIT_OK


def run_actors(args: argparse.Namespace, out: TextIO) -> int:
    with Store(args.db, readonly=True) as store:
        rows = top_actors(store, args.top, args.country)
    write_rows(rows, ["name", "country", "sector", "kb_id", "documents", "mentions", "events"], args.format, out)
    return EXIT_OK


def run_stats(args: argparse.Namespace, out: TextIO) -> int:
    with Store(args.db, readonly=True) as store:
        counts = stats(store)
    if args.format == "json":
        json.dump(counts, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    rows = [{"what": k, "count": v} for k, v in counts.items() if not isinstance(v, dict)]
    rows += [{"what": f"events {t}", "count": n} for t, n in counts["events_by_type"].items()]
    rows += [{"what": f"source {s}", "count": n} for s, n in counts["sources"].items()]
    write_rows(rows, ["what", "count"], args.format, out)
    return EXIT_OK


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    with Store(args.db, readonly=True) as store:
        target: Path | TextIO = out if args.out == "-" else Path(args.out)
        n = export(store, args.format, target, _filter(args, None))
    print(f"exported {n} events", file=sys.stderr)
    return EXIT_OK


def run_watch(args: argparse.Namespace, out: TextIO) -> int:
    with Store(args.db) as store:
        try:
            watch(
                store,
                args.feeds,
                every_s=args.every,
                stages=args.stages,
                kb_files=_kb_files(args),
                rounds=args.rounds,
                report=_report,
            )
        except KeyboardInterrupt:
            print("marsad: watch stopped", file=sys.stderr)
    return EXIT_OK


def run_serve(args: argparse.Namespace, out: TextIO) -> int:
    import dataclasses
    import threading

    import uvicorn

    from marsad.api.app import SETTINGS_VARIABLE, Settings, create_app

    if args.token and not Path(args.db).exists():
        Store(args.db).close()  # a server that may write can start on a new store
    elif Path(args.db).exists():
        Store(args.db).close()  # an older store gets the newest schema's indexes (refused if not a store)
    settings = Settings(
        Path(args.db),
        token=args.token,
        max_body=args.max_body,
        kb_files=_kb_files(args),
        stages=args.stages,
        cache_bytes=args.cache_mb * 1_000_000,
    )
    app = create_app(settings)  # a missing or foreign store fails here, with a message
    print(f"marsad: serving {args.db} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    if args.workers > 1:
        os.environ[SETTINGS_VARIABLE] = json.dumps({**dataclasses.asdict(settings), "db": str(settings.db)})
        uvicorn.run("marsad.api.app:app_from_environment", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level="warning")  # fmt: skip
        return EXIT_OK
    threading.Thread(target=app.state.extractor.warm, daemon=True).start()  # the first pasted article is quick
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def run_spark(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from marsad.spark.job import Options, run, session
    except ImportError as exc:
        raise MarsadError(f"marsad spark needs pyspark: pip install 'marsad[spark]' ({exc})") from None
    from marsad.model import parse_published

    options = Options(
        args.input, args.output, input_format=args.input_format, fields=dict(args.field),
        published=parse_published(args.published) if args.published else None, source=args.source,
        stages=args.stages, kb_files=_kb_files(args),
    )  # fmt: skip
    spark = session(args.master)
    try:
        summary = run(spark, options)
    finally:
        spark.stop()
    for line in summary.lines():
        print(line, file=sys.stderr)
    return EXIT_INPUT if summary.rejected else EXIT_OK
