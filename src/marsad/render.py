"""Human-readable rendering of a Document (`marsad extract --format pretty`)."""

from __future__ import annotations

from marsad.model import Document, Token


def _token(doc: Document, token: Token) -> str:
    if len(token.segments) == 1:
        return doc.span_text(token)
    return "+".join(doc.span_text(s) for s in token.segments)


def render_pretty(doc: Document) -> str:
    lines = [f"document {doc.id}"]
    for label, value in (("title", doc.title), ("published", doc.published), ("source", doc.source), ("url", doc.url)):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append(f"  {len(doc.sentences)} sentences, {len(doc.tokens)} tokens")
    tokens = iter(doc.tokens)
    pending = next(tokens, None)
    for number, sentence in enumerate(doc.sentences, start=1):
        words = []
        while pending is not None and pending.start < sentence.end:
            if pending.start >= sentence.start:
                words.append(_token(doc, pending))
            pending = next(tokens, None)
        lines.append(f"  [{number}] {sentence.start}-{sentence.end}: {' '.join(words)}")
    return "\n".join(lines) + "\n"
