"""Writing documents as JSON Lines without building the whole record in memory.

`Document.to_dict()` is the reference form; `write_jsonl` writes exactly
`json.dumps(doc.to_dict(), ensure_ascii=False)` but a few thousand records at a time, and formats
tokens directly: a 20 MB article costs its records, not a dictionary per record and per segment
on top.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from marsad.model import RECORD_LISTS, Document

_CHUNK = 4096


def _write_records(out: TextIO, name: str, records: list[Any]) -> None:
    out.write(f', "{name}": [')
    for i in range(0, len(records), _CHUNK):
        chunk = json.dumps([r.to_dict() for r in records[i : i + _CHUNK]], ensure_ascii=False)
        out.write((", " if i else "") + chunk[1:-1])
    out.write("]")


def write_jsonl(doc: Document, out: TextIO, include_tokens: bool = True) -> None:
    """Write one document as one line of JSON (without `tokens` when include_tokens is False)."""
    head = json.dumps(doc.head_dict(), ensure_ascii=False)
    out.write(head[:-1])
    for name in RECORD_LISTS:
        _write_records(out, name, doc.records(name))
    if include_tokens:
        out.write(', "tokens": [')
        tokens = doc.tokens
        for i in range(0, len(tokens), _CHUNK):
            parts = []
            for token in tokens[i : i + _CHUNK]:
                start = token.start
                segments = ", ".join(
                    f'{{"start": {start + s}, "end": {start + e}, "kind": "{k}"}}' for s, e, k in token.pieces
                )
                parts.append(f'{{"start": {start}, "end": {token.end}, "segments": [{segments}]}}')
            out.write((", " if i else "") + ", ".join(parts))
        out.write("]")
    out.write("}\n")
