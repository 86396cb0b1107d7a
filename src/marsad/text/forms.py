"""Matching forms of tokens, shared by every stage that looks words up in a lexicon.

For each token, `WordForm` gives the matching form of the whole token and of
its *base*: the word without conjunction, preposition and future proclitics
and without a pronoun suffix, article kept (وبالقاهرة → القاهرة, للسلطة →
السلطة with the article's alif restored, رئيسها → رئيس). The base span is where
a mention of the word starts and ends in the original text (درنة in بدرنة).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Document, Pieces, Token
from marsad.text.normalize import normalize_word

ARTICLE = "ال"


@dataclass(slots=True)
class WordForm:
    norm: str  # matching form of the whole token
    base: str  # matching form of the base (article included, alif restored after ل)
    stem: str  # matching form of the stem alone
    proclitics: str  # matching form of what precedes the base (وب in وبالقاهرة)
    suffix: str  # matching form of the pronoun suffix (ها in رئيسها)
    # The base's offsets are kept as the token's start (the Token's own int object) and small
    # offsets from it (Python's cached small ints): a document of two million tokens then
    # allocates no integer per form.
    token_start: int
    rel_start: int
    rel_end: int

    @property
    def base_start(self) -> int:
        """Start of the base in the document text."""
        return self.token_start + self.rel_start

    @property
    def base_end(self) -> int:
        """End of the base in the document text."""
        return self.token_start + self.rel_end


@dataclass(slots=True)
class _Relative:
    norm: str
    base: str
    stem: str
    proclitics: str
    suffix: str
    start: int  # base offsets relative to the token start
    end: int


_CACHE: dict[tuple[str, Pieces], _Relative] = {}
_CACHE_LIMIT = 200_000


def _relative(text: str, pieces: Pieces) -> _Relative:
    key = (text, pieces)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    norms = [normalize_word(text[s:e]) for s, e, _ in pieces]
    stem_index = next(i for i, (_, _, kind) in enumerate(pieces) if kind == "stem")
    base_index = stem_index
    restored = False
    if stem_index > 0:
        before = norms[stem_index - 1]
        if before == ARTICLE:
            base_index = stem_index - 1
        elif before == "ل" and stem_index > 1 and norms[stem_index - 2] == "ل":
            base_index, restored = stem_index - 1, True
    base = "".join(norms[base_index : stem_index + 1])
    if restored:
        base = "ا" + base
    rel = _Relative(
        norm="".join(norms),
        base=base,
        stem=norms[stem_index],
        proclitics="".join(norms[:base_index]),
        suffix="".join(norms[stem_index + 1 :]),
        start=pieces[base_index][0],
        end=pieces[stem_index][1],
    )
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = rel
    return rel


def word_form(doc: Document, token: Token) -> WordForm:
    rel = _relative(doc.text[token.start : token.end], token.pieces)
    return WordForm(rel.norm, rel.base, rel.stem, rel.proclitics, rel.suffix, token.start, rel.start, rel.end)


def word_forms(doc: Document) -> list[WordForm]:
    """The forms of every token of `doc` (stages read them from `marsad.index.index(doc).forms`,
    computed once per document)."""
    return [word_form(doc, t) for t in doc.tokens]
