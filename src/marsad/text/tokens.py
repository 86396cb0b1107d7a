"""Tokenization: words, numbers, punctuation and Latin runs, with clitic segments.

Tokens are found on the matching form of the text (so diacritics and tatweel
never break a word) and mapped back to the original characters. Arabic words
are split into clitics by `clitics.segment_word`; every other token is a single
stem segment.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.model import Pieces, Token
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

_ARABIC = _TOKEN.groupindex["arabic"]


@lru_cache(maxsize=1024)
def _stem_pieces(length: int) -> Pieces:
    return ((0, length, "stem"),)


def tokenize(text: str, normalized: Normalized | None = None) -> list[Token]:
    """Tokens of `text` with offsets into `text` itself."""
    norm = normalized if normalized is not None else normalize(text)
    spelled = norm.spelled
    tokens: list[Token] = []
    append = tokens.append
    starts, ends = norm.starts, norm.ends
    for m in _TOKEN.finditer(spelled):
        start, end = m.span()
        pieces = segment_word(spelled[start:end]) if m.lastindex == _ARABIC else _stem_pieces(end - start)
        if starts is None or ends is None:
            append(Token(start, end, pieces))
            continue
        ostart, oend = starts[start], ends[end - 1]
        if oend - ostart != end - start:
            # diacritics or a ligature inside this token: map every piece
            pieces = tuple((starts[start + s] - ostart, ends[start + e - 1] - ostart, k) for s, e, k in pieces)
        append(Token(ostart, oend, pieces))
    return tokens
