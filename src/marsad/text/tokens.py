"""Tokenization: words, numbers, punctuation and Latin runs, with clitic segments.

Tokens are found on the matching form of the text (so diacritics and tatweel
never break a word) and mapped back to the original characters. Arabic words
are split into clitics by `clitics.segment_word`; every other token is a single
stem segment.
"""

from __future__ import annotations

import re

from marsad.model import Segment, Token
from marsad.text.clitics import segment_word
from marsad.text.normalize import Normalized, normalize

_ARABIC_LETTERS = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
)
_TOKEN = re.compile(
    rf"(?P<arabic>[{_ARABIC_LETTERS}]+)"
    r"|(?P<number>\d+(?:[.,:/]\d+)*)"
    r"|(?P<latin>[A-Za-z][A-Za-z0-9]*(?:[-'’.][A-Za-z0-9]+)*)"
    rf"|(?P<other>(?:(?![{_ARABIC_LETTERS}])[^\W\d_])+)"
    r"|(?P<punct>\.{2,}|\S)"
)


def tokenize(text: str, normalized: Normalized | None = None) -> list[Token]:
    """Tokens of `text` with offsets into `text` itself."""
    norm = normalized if normalized is not None else normalize(text)
    ntext = norm.text
    spelled = norm.spelled
    tokens: list[Token] = []
    append = tokens.append
    if norm.starts is None:  # identity offset map: no mapping work at all
        for m in _TOKEN.finditer(ntext):
            start, end = m.span()
            if m.lastgroup == "arabic":
                pieces = segment_word(spelled[start:end])
                append(Token(start, end, tuple(Segment(start + s, start + e, k) for s, e, k in pieces)))
            else:
                append(Token(start, end, (Segment(start, end, "stem"),)))
        return tokens
    to_original = norm.to_original
    for m in _TOKEN.finditer(ntext):
        start, end = m.span()
        ostart, oend = to_original(start, end)
        if m.lastgroup == "arabic":
            segments = []
            for s, e, kind in segment_word(spelled[start:end]):
                gs, ge = to_original(start + s, start + e)
                segments.append(Segment(gs, ge, kind))
            append(Token(ostart, oend, tuple(segments)))
        else:
            append(Token(ostart, oend, (Segment(ostart, oend, "stem"),)))
    return tokens
