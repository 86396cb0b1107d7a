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
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from marsad.errors import InvalidDocument

if TYPE_CHECKING:  # the index is built from the model, one layer up; only its type is named here
    from marsad.index import DocumentIndex

SegmentKind = Literal["prefix", "stem", "suffix"]
SEGMENT_KINDS: tuple[str, ...] = ("prefix", "stem", "suffix")


@dataclass(frozen=True, slots=True)
class Segment:
    """A clitic or the stem of a token: و + ب + ال + قاهرة."""

    start: int
    end: int
    kind: SegmentKind


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


Granularity = Literal["day", "week", "month", "year", "season", "duration", "set"]
GRANULARITIES: tuple[str, ...] = ("day", "week", "month", "year", "season", "duration", "set")


class ActorCode(NamedTuple):
    """What CAMEO and PLOVER code an actor by: its country (ISO3) and sector (GOV, MIL, REB …)."""

    country: str | None
    sector: str | None


@dataclass(slots=True)
class TimeExpression:
    """A date, period, duration or recurrence, normalised to ISO relative to the published date.

    value: 2018-07-25 (day), 2018-W30 (week), 2018-05 (month), 2018 (year),
    2018-FA (season), P3D / PT24H (duration), P1W (set: the period). None when
    the expression is relative and the document has no published date, or the
    length is unspecified (أياما).
    """

    id: str
    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
        }


QuoteKind = Literal["direct", "reported"]


@dataclass(slots=True)
class TextSpan:
    """A stretch of the text: a quote's cue (قال، أكد، مشيرا إلى، بحسب), or the words that name
    a speaker no mention names (مصدر عسكري، وسائل إعلام إسرائيلية)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Quote:
    """Direct or reported speech. The speaker is a mention id (and its actor id when actors
    were resolved) or, when no mention names the speaker, the phrase that does (speaker_phrase)."""

    id: str
    start: int
    end: int
    text: str
    speaker_mention: str | None
    speaker_actor: str | None
    cue: TextSpan
    kind: QuoteKind
    speaker_phrase: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker_mention": self.speaker_mention,
            "speaker_actor": self.speaker_actor,
            "speaker_phrase": self.speaker_phrase.to_dict() if self.speaker_phrase else None,
            "cue": self.cue.to_dict(),
            "kind": self.kind,
        }


PlaceResolution = Literal["country", "region", "admin", "city", "locality"]


@dataclass(slots=True)
class ResolvedPlace:
    """A place the document names, with every mention of it; unresolved when geonameid is None."""

    id: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    resolution: PlaceResolution | None
    mentions: list[str]  # mention ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "resolution": self.resolution,
            "mentions": list(self.mentions),
        }


@dataclass(slots=True)
class ResolvedActor:
    """A person, organisation or group the document names, with every mention of it.

    kb_id is None for an actor not in the knowledge base; its country and
    sector were then inferred from the text (nationality adjectives, titles,
    the organisation a spokesman speaks for).
    """

    id: str
    name: str
    name_latin: str | None
    country: str | None  # ISO3
    sector: str | None
    kb_id: str | None
    wikidata: str | None
    mentions: list[str]  # mention ids

    @property
    def code(self) -> ActorCode:
        return ActorCode(self.country, self.sector)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_latin": self.name_latin,
            "country": self.country,
            "sector": self.sector,
            "kb_id": self.kb_id,
            "wikidata": self.wikidata,
            "mentions": list(self.mentions),
        }


@dataclass(slots=True)
class Participant:
    """An actor or recipient of an event, with the words that name it in the event's clause (the
    evidence): the mention and its actor record when there are; the place when a country is named
    as the one acting (طالب المسماري روسيا); or neither for a phrase no mention covers (سلطات شرق
    ليبيا، مسلحون مجهولون), coded from its agent noun and the country named with it."""

    start: int
    end: int
    text: str
    mention: str | None  # mention id
    actor: str | None  # actor id
    place: str | None  # place id, for a country named as a participant
    country: str | None  # ISO3
    sector: str | None

    @property
    def code(self) -> ActorCode:
        return ActorCode(self.country, self.sector)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "mention": self.mention,
            "actor": self.actor,
            "place": self.place,
            "country": self.country,
            "sector": self.sector,
        }


@dataclass(slots=True)
class Count:
    """How many, with the words that say it: exactly `low` when high == low (قتل عنصرين → 2);
    a range for a vague amount (عشرات → 20–99); open above when high is None (أكثر من 20)."""

    low: int
    high: int | None
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "start": self.start, "end": self.end, "text": self.text}


SIZE_KINDS: tuple[str, ...] = ("dead", "injured", "arrested", "displaced")


@dataclass(slots=True)
class EventSize:
    dead: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    displaced: Count | None = None

    def to_dict(self) -> dict[str, Any]:
        return {kind: (c.to_dict() if (c := getattr(self, kind)) else None) for kind in SIZE_KINDS}


PlaceSource = Literal["clause", "sentence", "dateline", "document"]
DateSource = Literal["clause", "sentence", "published"]
PLACE_SOURCES: tuple[str, ...] = ("clause", "sentence", "dateline", "document")
DATE_SOURCES: tuple[str, ...] = ("clause", "sentence", "published")


@dataclass(slots=True)
class Event:
    """A PLOVER event: who did what to whom, when, where and how many, each field with its evidence.

    `triggers` are the words that say it happened (two when the article tells it twice);
    `actor` / `recipient` are empty when the text names no one (an attack by unknown gunmen);
    `place_source` says whether the place came from the event's clause, its sentence, the
    dateline or, for an event that names none, the place the article's first sentence names;
    `date_source` whether the date came from a time expression of the clause or the
    sentence or is the published date; `quote` is set when the event is told inside a quote, and
    `source` is then the speaker's actor: who claims it, kept apart from who did it.
    """

    id: str
    type: str  # PLOVER event type
    mode: str | None
    context: list[str]
    triggers: list[TextSpan]
    sentence: Sentence
    actor: list[Participant]
    recipient: list[Participant]
    place: str | None  # place id
    place_mention: str | None
    place_source: PlaceSource | None
    date: str | None  # ISO: 2018-07-25, 2018-05 or 2018
    date_time: str | None  # time id
    date_source: DateSource | None
    size: EventSize
    quote: str | None  # quote id
    source: str | None  # the quote's speaker, an actor id
    cameo_root: str | None
    quad: int
    goldstein: float | None
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "triggers": [t.to_dict() for t in self.triggers],
            "sentence": self.sentence.to_dict(),
            "actor": [p.to_dict() for p in self.actor],
            "recipient": [p.to_dict() for p in self.recipient],
            "place": self.place,
            "place_mention": self.place_mention,
            "place_source": self.place_source,
            "date": self.date,
            "date_time": self.date_time,
            "date_source": self.date_source,
            "size": self.size.to_dict(),
            "quote": self.quote,
            "source": self.source,
            "cameo_root": self.cameo_root,
            "quad": self.quad,
            "goldstein": self.goldstein,
            "confidence": round(self.confidence, 4),
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


@dataclass(frozen=True, slots=True)
class Analysis:
    """Which analysis made a document's records. The same article analysed again by the same
    marsad, data and stages gives the same records, so `key` identifies them: a store keeps
    one analysis per key, and a new marsad or knowledge base gives a new key, not a collision.

    key: a hash of the text's id, the published date, `marsad` (the version), `data` (a hash of
    the bundled data and the user's knowledge-base files) and the stages run.
    """

    key: str
    marsad: str
    data: str
    stages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "marsad": self.marsad, "data": self.data, "stages": list(self.stages)}


def analysis_key(doc: Document, marsad: str, data: str, stages: tuple[str, ...]) -> str:
    published = doc.published.isoformat() if doc.published else ""
    parts = "\n".join([doc.id, published, marsad, data, ",".join(stages)])
    return hashlib.sha256(parts.encode("utf-8")).hexdigest()[:16]


# The lists of records in the JSON form, in order, between the document's own fields and tokens.
RECORD_LISTS: tuple[str, ...] = ("sentences", "mentions", "actors", "places", "times", "quotes", "events")


@dataclass(slots=True)
class Document:
    """One article and everything marsad found in it."""

    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    id: str = field(init=False)
    analysis: Analysis | None = field(default=None, init=False)  # set by the pipeline that ran
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[ResolvedActor] = field(default_factory=list)
    places: list[ResolvedPlace] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # The lookups stages share (marsad.index), built on first use and rebuilt where the
    # lists above change; never serialised.
    index_cache: DocumentIndex | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InvalidDocument(f"text must be a str, not {type(self.text).__name__}")
        self.published = parse_published(self.published)
        self.id = document_id(self.text)

    def span_text(self, span: Token | Segment | Sentence) -> str:
        """The characters of the original text that a span covers."""
        return self.text[span.start : span.end]

    def head_dict(self) -> dict[str, Any]:
        """The fields of the JSON form that are not lists of records."""
        return {
            "id": self.id,
            "analysis": self.analysis.to_dict() if self.analysis else None,
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "title": self.title,
        }

    def records(self, name: str) -> list[Any]:
        """One of the lists of records, by its name in RECORD_LISTS."""
        lists: dict[str, list[Any]] = {
            "sentences": self.sentences,
            "mentions": self.mentions,
            "actors": self.actors,
            "places": self.places,
            "times": self.times,
            "quotes": self.quotes,
            "events": self.events,
        }
        return lists[name]

    def to_dict(self, include_tokens: bool = True) -> dict[str, Any]:
        """The JSON form (docs/schema/document.schema.json); `tokens` always comes last."""
        data = self.head_dict()
        for name in RECORD_LISTS:
            data[name] = [r.to_dict() for r in self.records(name)]
        if include_tokens:
            data["tokens"] = [t.to_dict() for t in self.tokens]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from `to_dict()` output. Offsets are checked against the text, ids
        must be unique, and every reference (an actor's or place's mentions, a quote's speaker)
        must name a record of the document.

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
            mentions = _ids("mention", doc.mentions)
            doc.actors = [ResolvedActor(**_with_known_mentions(a, mentions)) for a in data.get("actors", [])]
            doc.places = [ResolvedPlace(**_with_known_mentions(p, mentions)) for p in data.get("places", [])]
            actors = _ids("actor", doc.actors)
            places = _ids("place", doc.places)
            doc.times = [_time_from_dict(t, text) for t in data.get("times", [])]
            times = _ids("time", doc.times)
            doc.quotes = [_quote_from_dict(q, text, mentions, actors) for q in data.get("quotes", [])]
            quotes = _ids("quote", doc.quotes)
            known = _Known(mentions, actors, places, times, quotes)
            doc.events = [_event_from_dict(e, text, known) for e in data.get("events", [])]
            _ids("event", doc.events)
            if data.get("analysis") is not None:
                doc.analysis = _analysis_from_dict(data["analysis"], doc)
        except (KeyError, TypeError, AttributeError) as exc:
            raise InvalidDocument(f"document record is missing or has a malformed field: {exc}") from None
        return doc


def _ids(kind: str, records: list[Any]) -> set[str]:
    """The ids of a document's records of one kind; two records may not share one."""
    seen: set[str] = set()
    for record in records:
        if not isinstance(record.id, str) or not record.id:
            raise InvalidDocument(f"{kind} record has no id: {record!r}")
        if record.id in seen:
            raise InvalidDocument(f"two {kind} records share the id {record.id!r}")
        seen.add(record.id)
    return seen


@dataclass(frozen=True, slots=True)
class _Known:
    """The ids an event may refer to."""

    mentions: set[str]
    actors: set[str]
    places: set[str]
    times: set[str]
    quotes: set[str]


def _ref(value: Any, known: set[str], what: str, where: str) -> str | None:
    if value is not None and value not in known:
        raise InvalidDocument(f"{where} refers to an unknown {what} {value!r}")
    return None if value is None else str(value)


def _choice(value: Any, allowed: tuple[str, ...], what: str) -> Any:
    if value is not None and value not in allowed:
        raise InvalidDocument(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return value


def _participant_from_dict(data: dict[str, Any], text: str, known: _Known, where: str) -> Participant:
    span = _text_span(data, text)
    if text[span.start : span.end] != span.text:
        raise InvalidDocument(f"{where}: participant ({span.start}, {span.end}) does not match its span")
    return Participant(
        span.start,
        span.end,
        span.text,
        _ref(data["mention"], known.mentions, "mention", where),
        _ref(data["actor"], known.actors, "actor", where),
        _ref(data["place"], known.places, "place", where),
        data["country"],
        data["sector"],
    )


def _count_from_dict(data: dict[str, Any] | None, text: str) -> Count | None:
    if data is None:
        return None
    span = _text_span(data, text)
    if text[span.start : span.end] != span.text:
        raise InvalidDocument(f"count ({span.start}, {span.end}): text does not match its span")
    return Count(int(data["low"]), None if data["high"] is None else int(data["high"]), span.start, span.end, span.text)


def _event_from_dict(data: dict[str, Any], text: str, known: _Known) -> Event:
    where = f"event {data.get('id')!r}"
    triggers = [_text_span(t, text) for t in data["triggers"]]
    if not triggers or any(text[t.start : t.end] != t.text for t in triggers):
        raise InvalidDocument(f"{where}: a trigger does not match its span (or there is none)")
    sentence = Sentence(_offset(data["sentence"]["start"], text), _offset(data["sentence"]["end"], text))
    size = data["size"]
    return Event(
        id=data["id"],
        type=data["type"],
        mode=data["mode"],
        context=list(data["context"]),
        triggers=triggers,
        sentence=sentence,
        actor=[_participant_from_dict(p, text, known, where) for p in data["actor"]],
        recipient=[_participant_from_dict(p, text, known, where) for p in data["recipient"]],
        place=_ref(data["place"], known.places, "place", where),
        place_mention=_ref(data["place_mention"], known.mentions, "mention", where),
        place_source=_choice(data["place_source"], PLACE_SOURCES, "place_source"),
        date=data["date"],
        date_time=_ref(data["date_time"], known.times, "time", where),
        date_source=_choice(data["date_source"], DATE_SOURCES, "date_source"),
        size=EventSize(*(_count_from_dict(size[kind], text) for kind in SIZE_KINDS)),
        quote=_ref(data["quote"], known.quotes, "quote", where),
        source=_ref(data["source"], known.actors, "actor", where),
        cameo_root=data["cameo_root"],
        quad=int(data["quad"]),
        goldstein=data["goldstein"],
        confidence=float(data["confidence"]),
    )


def _analysis_from_dict(data: dict[str, Any], doc: Document) -> Analysis:
    analysis = Analysis(str(data["key"]), str(data["marsad"]), str(data["data"]), tuple(data["stages"]))
    if analysis_key(doc, analysis.marsad, analysis.data, analysis.stages) != analysis.key:
        raise InvalidDocument(
            f"analysis key {analysis.key!r} does not match the text, date, versions and stages of the record"
        )
    return analysis


def _token_from_dict(data: dict[str, Any], text: str) -> Token:
    start, end = _offset(data["start"], text), _offset(data["end"], text)
    pieces = []
    for seg in data["segments"]:
        s, e = _offset(seg["start"], text), _offset(seg["end"], text)
        if not start <= s <= e <= end:
            raise InvalidDocument(f"segment ({s}, {e}) lies outside its token ({start}, {end})")
        pieces.append((s - start, e - start, _kind(seg["kind"])))
    return Token(start, end, tuple(pieces))


def _with_known_mentions(record: dict[str, Any], known: set[str]) -> dict[str, Any]:
    missing = [m for m in record.get("mentions", []) if m not in known]
    if missing:
        raise InvalidDocument(f"record {record.get('id')!r} refers to unknown mentions {missing}")
    return dict(record)


def _quote_from_dict(data: dict[str, Any], text: str, mentions: set[str], actors: set[str]) -> Quote:
    start, end = _offset(data["start"], text), _offset(data["end"], text)
    cue = _text_span(data["cue"], text)
    phrase = _text_span(data["speaker_phrase"], text) if data.get("speaker_phrase") else None
    if text[start:end] != data["text"] or text[cue.start : cue.end] != cue.text:
        raise InvalidDocument(f"quote ({start}, {end}): text or cue does not match its span")
    if phrase is not None and text[phrase.start : phrase.end] != phrase.text:
        raise InvalidDocument(f"quote ({start}, {end}): speaker_phrase does not match its span")
    if data["kind"] not in ("direct", "reported"):
        raise InvalidDocument(f"quote kind {data['kind']!r} is not direct or reported")
    if data.get("speaker_mention") is not None and data["speaker_mention"] not in mentions:
        raise InvalidDocument(f"quote ({start}, {end}) refers to an unknown mention {data['speaker_mention']!r}")
    if data.get("speaker_actor") is not None and data["speaker_actor"] not in actors:
        raise InvalidDocument(f"quote ({start}, {end}) refers to an unknown actor {data['speaker_actor']!r}")
    return Quote(
        data["id"],
        start,
        end,
        data["text"],
        data.get("speaker_mention"),
        data.get("speaker_actor"),
        cue,
        data["kind"],
        phrase,
    )


def _text_span(data: dict[str, Any], text: str) -> TextSpan:
    return TextSpan(_offset(data["start"], text), _offset(data["end"], text), data["text"])


def _time_from_dict(data: dict[str, Any], text: str) -> TimeExpression:
    start, end = _offset(data["start"], text), _offset(data["end"], text)
    if text[start:end] != data["text"] or data["granularity"] not in GRANULARITIES:
        raise InvalidDocument(f"time expression ({start}, {end}): text or granularity does not match")
    return TimeExpression(data["id"], start, end, data["text"], data["value"], data["granularity"])


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
