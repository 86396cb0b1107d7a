"""The `text` pipeline stage."""

from __future__ import annotations

from marsad.model import Document
from marsad.text.normalize import normalize
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize


def analyze_text(doc: Document) -> Document:
    """Fill `doc.sentences` and `doc.tokens`."""
    doc.sentences = split_sentences(doc.text)
    doc.tokens = tokenize(doc.text, normalize(doc.text))
    return doc
