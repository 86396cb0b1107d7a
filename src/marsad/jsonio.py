"""Writing documents as JSON Lines without building the whole record in memory.

`Document.to_dict()` is the reference form; `write_jsonl` writes exactly
`json.dumps(doc.to_dict(), ensure_ascii=False)` but formats tokens directly,
so a 20 MB article costs its tokens, not a dictionary per segment on top.
"""

from __future__ import annotations

import json
from typing import TextIO

from marsad.model import Document

_CHUNK = 4096


def write_jsonl(doc: Document, out: TextIO, include_tokens: bool = True) -> None:
    """Write one document as one line of JSON (without `tokens` when include_tokens is False)."""
    record = doc.to_dict(include_tokens=False)
    head = json.dumps(record, ensure_ascii=False)
    if not include_tokens:
        out.write(head + "\n")
        return
    out.write(head[:-1] + ', "tokens": [')
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
    out.write("]}\n")
