"""The document index: the lookups between a document's records that every stage needs.

    ix = index(doc)
    ix.forms[k]                 # matching forms of token k (text.forms.WordForm)
    ix.sentence_tokens[s]       # the tokens of sentence s, a range
    ix.token_sentence[k]        # the sentence of token k (-1 for a token outside every sentence)
    ix.mention_tokens[m.id]     # the tokens a mention covers, a range
    ix.token_mention[k]         # the mention that owns token k (see below), or None
    ix.mention_actor[m.id]      # the actor a mention refers to
    ix.mention_place[m.id]      # the place a mention names

It is computed once and cached on the Document (`Document.index_cache`). A stage that
replaces a list (`doc.mentions = [...]`) makes the parts built from that list stale, and the
next `index(doc)` rebuilds only those: the token part when tokens or sentences change, the
mention part when mentions change, the links when actors or places change. Stages replace
their lists; they never edit another stage's list in place.

Which mention owns a token: the longest mention over it (by characters); between mentions of
the same length, the first in `doc.mentions`. A name owns its words, so a nationality adjective
inside a name (الليبي in الجيش الوطني الليبي) is reached through the name, and the adjective's
own mention through `mention_tokens`. (The quotes stage reads phrases its own way on top of
this: a title heads the name inside it; see quotes.speakers._phrase_heads.)
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from marsad.model import Document, Mention, ResolvedActor, ResolvedPlace, Sentence, Token
from marsad.text.forms import WordForm, word_forms


@dataclass(frozen=True, slots=True)
class DocumentIndex:
    # what each part was built from: a part is current while these are the document's lists
    built_tokens: list[Token]
    built_sentences: list[Sentence]
    built_mentions: list[Mention]
    built_actors: list[ResolvedActor]
    built_places: list[ResolvedPlace]
    sizes: tuple[int, int, int, int, int]

    forms: list[WordForm]
    starts: list[int]  # token start offsets, for bisecting
    ends: list[int]
    sentence_tokens: list[range]
    token_sentence: array[int]
    mentions: dict[str, Mention]  # by id
    mention_tokens: dict[str, range]
    token_mention: list[Mention | None]
    mention_actor: dict[str, str]
    mention_place: dict[str, str]

    def tokens_of(self, start: int, end: int) -> range:
        """The tokens a character span [start, end) overlaps; for an empty span, the token at start."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return range(first, max(first + 1, last))

    def mention_at(self, k: int) -> Mention | None:
        """The mention that owns token k; None outside the document."""
        return self.token_mention[k] if 0 <= k < len(self.token_mention) else None

    def sentence_ranges(self) -> list[tuple[int, int]]:
        """(first, end) token indices of every sentence that has tokens, in order."""
        return [(r.start, r.stop) for r in self.sentence_tokens if r]

    def sentence_first(self, k: int) -> int:
        """The first token of token k's sentence (0 for a token outside every sentence)."""
        s = self.token_sentence[k]
        return self.sentence_tokens[s].start if s >= 0 else 0


def _sizes(doc: Document) -> tuple[int, int, int, int, int]:
    return len(doc.tokens), len(doc.sentences), len(doc.mentions), len(doc.actors), len(doc.places)


def _sentence_parts(doc: Document) -> tuple[list[range], array[int]]:
    tokens = doc.tokens
    ranges: list[range] = []
    owner = array("q", [-1]) * len(tokens)  # machine integers: no int object per token
    k = 0
    for s, sentence in enumerate(doc.sentences):
        while k < len(tokens) and tokens[k].start < sentence.start:
            k += 1
        first = k
        while k < len(tokens) and tokens[k].start < sentence.end:
            owner[k] = s
            k += 1
        ranges.append(range(first, k))
    return ranges, owner


def _mention_parts(
    doc: Document, starts: list[int], ends: list[int]
) -> tuple[dict[str, Mention], dict[str, range], list[Mention | None]]:
    by_id = {m.id: m for m in doc.mentions}
    spans = {}
    for m in doc.mentions:
        first = bisect_right(ends, m.start)
        spans[m.id] = range(first, max(first + 1, bisect_left(starts, m.end)))
    owner: list[Mention | None] = [None] * len(doc.tokens)
    for m in sorted(doc.mentions, key=lambda m: m.start - m.end):  # longest first; stable for ties
        for k in spans[m.id]:
            if k < len(owner) and owner[k] is None:
                owner[k] = m
    return by_id, spans, owner


def _link_parts(doc: Document) -> tuple[dict[str, str], dict[str, str]]:
    actor = {mid: a.id for a in doc.actors for mid in a.mentions}
    place = {mid: p.id for p in doc.places for mid in p.mentions}
    return actor, place


def _build(doc: Document) -> DocumentIndex:
    starts = [t.start for t in doc.tokens]
    ends = [t.end for t in doc.tokens]
    sentence_tokens, token_sentence = _sentence_parts(doc)
    mentions, mention_tokens, token_mention = _mention_parts(doc, starts, ends)
    mention_actor, mention_place = _link_parts(doc)
    return DocumentIndex(
        doc.tokens,
        doc.sentences,
        doc.mentions,
        doc.actors,
        doc.places,
        _sizes(doc),
        word_forms(doc),
        starts,
        ends,
        sentence_tokens,
        token_sentence,
        mentions,
        mention_tokens,
        token_mention,
        mention_actor,
        mention_place,
    )


def index(doc: Document) -> DocumentIndex:
    """The document's index, rebuilt where the lists it was built from have changed."""
    ix = doc.index_cache
    sizes = _sizes(doc)
    if (
        ix is None
        or ix.built_tokens is not doc.tokens
        or ix.built_sentences is not doc.sentences
        or ix.sizes[:2] != sizes[:2]
    ):
        ix = _build(doc)
    elif ix.built_mentions is not doc.mentions or ix.sizes[2] != sizes[2]:
        mentions, mention_tokens, token_mention = _mention_parts(doc, ix.starts, ix.ends)
        mention_actor, mention_place = _link_parts(doc)
        ix = replace(
            ix,
            built_mentions=doc.mentions,
            built_actors=doc.actors,
            built_places=doc.places,
            sizes=sizes,
            mentions=mentions,
            mention_tokens=mention_tokens,
            token_mention=token_mention,
            mention_actor=mention_actor,
            mention_place=mention_place,
        )
    elif ix.built_actors is not doc.actors or ix.built_places is not doc.places or ix.sizes != sizes:
        mention_actor, mention_place = _link_parts(doc)
        ix = replace(
            ix,
            built_actors=doc.actors,
            built_places=doc.places,
            sizes=sizes,
            mention_actor=mention_actor,
            mention_place=mention_place,
        )
    doc.index_cache = ix
    return ix
