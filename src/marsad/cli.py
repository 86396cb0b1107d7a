"""The `marsad` command line. Thin: it parses arguments and calls library functions.

Exit status: 0 success; 2 bad usage; 3 at least one input could not be read
(the others are still processed); 1 an unexpected internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TextIO

from marsad.corpus_commands import add_corpus_commands
from marsad.errors import InputError, InvalidDocument, MarsadError, PipelineError
from marsad.ingest import read_documents
from marsad.jsonio import write_jsonl
from marsad.kb.base import env_files as kb_files_from_env
from marsad.model import Document, parse_published
from marsad.pipeline import Pipeline
from marsad.plover import write_plover
from marsad.render import render_pretty
from marsad.resources import Resources
from marsad.stages import DEFAULT_STAGES
from marsad.store.queries import QueryError
from marsad.store.schema import StoreError
from marsad.version import __version__

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3


def _published_arg(value: str) -> date:
    try:
        published = parse_published(value)
    except InvalidDocument:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    assert published is not None
    return published


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad",
        description="Arabic news to auditable political event data.",
        epilog="Exit status: 0 ok, 2 bad usage, 3 an input could not be read, 1 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    extract = commands.add_parser(
        "extract",
        help="analyse articles and print one document per article",
        description=(
            "Analyse articles and print one document per article. A file is one UTF-8 article; "
            "a .jsonl file holds one JSON article per line "
            '({"text": ..., "published": "YYYY-MM-DD", "source": ..., "url": ..., "title": ...}); '
            '"-" reads stdin.'
        ),
    )
    extract.add_argument("inputs", nargs="*", default=["-"], metavar="FILE", help="input files (default: stdin)")
    extract.add_argument("--published", type=_published_arg, help="publication date YYYY-MM-DD (anchors dates)")
    extract.add_argument("--source", help="source name recorded with each document (e.g. an outlet)")
    _kb_argument(extract)
    _stages_argument(extract)
    extract.add_argument(
        "--format",
        choices=("json", "jsonl", "pretty", "plover"),
        default="jsonl",
        help="jsonl: one JSON document per line (default); json: a JSON array; pretty: for reading; "
        "plover: one PLOVER event record per line",
    )
    extract.add_argument(
        "--no-tokens",
        action="store_true",
        help="leave tokens out of JSON output (they are most of its size); the other records keep their offsets",
    )
    extract.set_defaults(run=run_extract)

    pipeline = commands.add_parser(
        "pipeline",
        help="list the pipeline's stages with what each requires, produces and uses",
        description="List the stages in running order with their contracts: the document fields each "
        "requires and produces, and the resources it loads.",
    )
    _stages_argument(pipeline)
    pipeline.set_defaults(run=run_pipeline)

    def common(command: argparse.ArgumentParser) -> None:
        _kb_argument(command)
        _stages_argument(command)

    add_corpus_commands(commands, common)
    return parser


def _kb_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kb",
        action="append",
        default=[],
        metavar="FILE",
        help="a YAML or CSV file of your own actors, places, countries or sectors (repeatable; "
        "added to the files named in the MARSAD_KB environment variable)",
    )


def _stages_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stages",
        type=lambda v: [s.strip() for s in v.split(",") if s.strip()],
        default=list(DEFAULT_STAGES),
        metavar="NAMES",
        help=f"comma-separated stages to run (default: all, {','.join(DEFAULT_STAGES)})",
    )


def _documents(args: argparse.Namespace, failures: list[InputError]) -> Iterator[Document]:
    def report(exc: InputError) -> None:
        failures.append(exc)
        print(f"marsad: error: {exc}", file=sys.stderr)

    for path in args.inputs:
        try:
            # a bad JSONL line is reported and the lines after it are still read
            yield from read_documents(path, published=args.published, source=args.source, bad_line=report)
        except InputError as exc:
            report(exc)


def run_pipeline(args: argparse.Namespace, out: TextIO) -> int:
    out.write(Pipeline.default(args.stages).describe())
    return EXIT_OK


def run_extract(args: argparse.Namespace, out: TextIO) -> int:
    resources = Resources([*kb_files_from_env(), *args.kb])
    pipeline = Pipeline.default(args.stages, resources=resources)
    failures: list[InputError] = []
    first = True
    if args.format == "json":
        out.write("[")
    for doc in pipeline.pipe(_documents(args, failures)):
        if not doc.text.strip():
            print(f"marsad: warning: document {doc.id} has no text", file=sys.stderr)
        unresolved = [t.text for t in doc.times if t.value is None and t.granularity not in ("duration", "set")]
        if doc.published is None and unresolved:
            print(
                f"marsad: warning: document {doc.id}: relative dates ({'، '.join(unresolved[:3])}) left unresolved:"
                ' no published date (give --published, or a "published" field)',
                file=sys.stderr,
            )
        if args.format == "jsonl":
            write_jsonl(doc, out, include_tokens=not args.no_tokens)
        elif args.format == "plover":
            write_plover(doc, out)
        elif args.format == "json":
            record = doc.to_dict(include_tokens=not args.no_tokens)
            out.write(("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False, indent=2))
        else:
            out.write(("" if first else "\n") + render_pretty(doc))
        first = False
    if args.format == "json":
        out.write("\n]\n")
    return EXIT_INPUT if failures else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args, sys.stdout)
    except (PipelineError, QueryError) as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return EXIT_USAGE  # stages that cannot run in that order; a query that cannot be run
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except MarsadError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return EXIT_INPUT if isinstance(exc, InputError) else EXIT_INTERNAL
    except BrokenPipeError:
        return EXIT_OK  # the reader (head, less) went away
    return code


if __name__ == "__main__":
    sys.exit(main())
