"""The data model: a Document owns the article text; everything else is a span into it.

Every annotation carries `start`/`end`, character offsets into `Document.text`
(Python string indices, end exclusive). Stages add their own records to the
document; `Document.to_dict()` gives the JSON form documented in
docs/schema/document.schema.json, and `Document.from_dict()` reads it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from marsad.errors import InvalidDocument

SegmentKind = Literal["prefix", "stem", "suffix"]
SEGMENT_KINDS: tuple[str, ...] = ("prefix", "stem", "suffix")


@dataclass(frozen=True, slots=True)
class Segment:
    """A clitic or the stem of a token: و + ب + ال + قاهرة."""

    start: int
    end: int
    kind: SegmentKind

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


# (start, end, kind) of a segment relative to its token's start. Tokens keep
# these instead of Segment objects because the tokenizer shares one tuple
# between all occurrences of a word: a document of 300 tokens then costs 300
# objects, not 700 (the text layer runs at thousands of articles a second).
Pieces = tuple[tuple[int, int, SegmentKind], ...]


@dataclass(slots=True)
class Token:
    """A word, number, punctuation mark or Latin run, with its clitic segments in order."""

    start: int
    end: int
    pieces: Pieces

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The segments with offsets into the document text."""
        start = self.start
        return tuple(Segment(start + s, start + e, kind) for s, e, kind in self.pieces)

    @property
    def stem(self) -> Segment:
        """The stem segment (every token has exactly one)."""
        for seg in self.segments:
            if seg.kind == "stem":
                return seg
        raise AssertionError("token without a stem segment")  # the tokenizer never builds one

    def to_dict(self) -> dict[str, Any]:
        start = self.start
        return {
            "start": start,
            "end": self.end,
            "segments": [{"start": start + s, "end": start + e, "kind": k} for s, e, k in self.pieces],
        }


@dataclass(slots=True)
class Sentence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


MentionLabel = Literal["PER", "ORG", "LOC", "MISC", "NORP", "TITLE"]
MENTION_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC", "NORP", "TITLE")


@dataclass(slots=True)
class Mention:
    """A name (PER, ORG, LOC, MISC), a nationality or group adjective (NORP) or a role (TITLE).

    The span covers the word without attached conjunctions and prepositions
    (درنة in بدرنة). NORP and TITLE mentions come from lexicons and may lie inside
    a name (الليبي in الجيش الوطني الليبي).
    """

    id: str
    start: int
    end: int
    text: str
    label: MentionLabel
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "score": round(self.score, 4),
        }


def document_id(text: str) -> str:
    """Content hash of the text: the same article always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: date | datetime | str | None) -> date | None:
    """Accept a date, a datetime or an ISO `YYYY-MM-DD` string (a time part is ignored)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            raise InvalidDocument(f"published date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    raise InvalidDocument(f"published must be a date or an ISO string, not {type(value).__name__}")


@dataclass(slots=True)
class Document:
    """One article and everything marsad found in it."""

    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    id: str = field(init=False)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # Views that stages compute from the fields above and share (word forms,
    # lookups); never serialised.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InvalidDocument(f"text must be a str, not {type(self.text).__name__}")
        self.published = parse_published(self.published)
        self.id = document_id(self.text)

    def span_text(self, span: Token | Segment | Sentence) -> str:
        """The characters of the original text that a span covers."""
        return self.text[span.start : span.end]

    def to_dict(self, include_tokens: bool = True) -> dict[str, Any]:
        """The JSON form (docs/schema/document.schema.json); `tokens` always comes last."""
        data = {
            "id": self.id,
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "sentences": [s.to_dict() for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if include_tokens:
            data["tokens"] = [t.to_dict() for t in self.tokens]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from `to_dict()` output; offsets are checked against the text.

        The id is always recomputed from the text, never trusted from the record.
        """
        try:
            text = data["text"]
            doc = cls(
                text=text,
                published=parse_published(data.get("published")),
                source=data.get("source"),
                url=data.get("url"),
                title=data.get("title"),
            )
            doc.sentences = [
                Sentence(_offset(s["start"], text), _offset(s["end"], text)) for s in data.get("sentences", [])
            ]
            doc.tokens = [_token_from_dict(t, text) for t in data.get("tokens", [])]
            doc.mentions = [_mention_from_dict(m, text) for m in data.get("mentions", [])]
        except (KeyError, TypeError) as exc:
            raise InvalidDocument(f"document record is missing or has a malformed field: {exc}") from None
        return doc


def _token_from_dict(data: dict[str, Any], text: str) -> Token:
    start, end = _offset(data["start"], text), _offset(data["end"], text)
    pieces = []
    for seg in data["segments"]:
        s, e = _offset(seg["start"], text), _offset(seg["end"], text)
        if not start <= s <= e <= end:
            raise InvalidDocument(f"segment ({s}, {e}) lies outside its token ({start}, {end})")
        pieces.append((s - start, e - start, _kind(seg["kind"])))
    return Token(start, end, tuple(pieces))


def _mention_from_dict(data: dict[str, Any], text: str) -> Mention:
    start, end = _offset(data["start"], text), _offset(data["end"], text)
    if start > end or text[start:end] != data["text"]:
        raise InvalidDocument(f"mention {data.get('id')!r}: text does not match its span ({start}, {end})")
    if data["label"] not in MENTION_LABELS:
        raise InvalidDocument(f"mention label {data['label']!r} is not one of {', '.join(MENTION_LABELS)}")
    return Mention(str(data["id"]), start, end, data["text"], data["label"], float(data["score"]))


def _offset(value: Any, text: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= len(text):
        raise InvalidDocument(f"offset {value!r} is not an integer within the text (length {len(text)})")
    return value


def _kind(value: Any) -> SegmentKind:
    if value not in SEGMENT_KINDS:
        raise InvalidDocument(f"segment kind {value!r} is not one of {', '.join(SEGMENT_KINDS)}")
    kind: SegmentKind = value
    return kind
