"""Properties of the whole pipeline on generated Arabic news text.

`st.text()` almost never spells an Arabic date, a name or a reported clause, so properties
checked on it say little about times, mentions and quotes. The generator here assembles
sentences from news fragments (reporting verbs, titled names, places, time expressions,
complementisers, quotation marks), attaches clitics, varies punctuation and whitespace and
mixes in random noise; `test_the_generator_yields_times_mentions_and_quotes` checks that it
does produce what the properties are about.

The grammar is written once against a `Chooser`: hypothesis draws through one (so examples
shrink), a seeded `random.Random` through the other (so the share of documents with times,
mentions and quotes can be counted over a fixed sample).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol

from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

import marsad
from marsad.model import Document

PUBLISHED = "2018-07-26"

VERBS = ("قال", "أكد", "أضاف", "أوضح", "أعلن", "قالت", "ذكرت")
SPEAKERS = (
    "وزير الخارجية الروسي سيرغي لافروف",
    "المتحدث باسم الجيش الوطني الليبي أحمد المسماري",
    "الرئيس الأمريكي دونالد ترامب",
    "المشير خليفة حفتر",
    "الرئيس الفرنسي إيمانويل ماكرون",
    "مصدر عسكري",
    "وسائل إعلام محلية",
)
SURNAMES = ("لافروف", "المسماري", "ترامب", "حفتر", "ماكرون")  # a later mention of a speaker
PLACES = ("طرابلس", "درنة", "موسكو", "باريس", "بغداد", "ليبيا", "روسيا")
TIMES = ("أمس", "يوم الأربعاء", "10 ديسمبر المقبل", "مايو الماضي", "خلال 24 ساعة", "العام المقبل", "اليوم الخميس")
COMPLEMENTISERS = ("إن", "أن")
SUBJECTS = ("الجيش", "القوات", "الحكومة", "الوفد", "المسلحين", "الجيش الليبي")
PREDICATES = ("تقدم", "سيصل", "انسحب", "سيجتمع", "يسيطر", "لن يتراجع")
PREPOSITIONS = ("في", "إلى", "من", "قرب")
CLITICS = ("و", "ب", "ل")
EVENTS = ("واندلعت اشتباكات", "ووصل وفد", "وقتل ثلاثة أشخاص", "وعقد اجتماع")
MARKS = (("«", "»"), ('"', '"'), ("“", "”"))
ENDS = (".", ".", ".", "!", "؟", "،", "")
SPACES = (" ", " ", " ", "  ", "\n", "\t", " \u200f")
# the seeded generator's noise: Arabic and Latin letters, digits, marks, odd whitespace and
# the characters that trip normalisers (tatweel, a harakah, bidi marks, a BOM)
NOISE = 'ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةىabcXYZ0123456789٠١٢٣.,،:؛!؟«»"“”()-_ \n\tـًّ\u200f\u200e\ufeff'


class Chooser(Protocol):
    def pick(self, options: Sequence[str]) -> str: ...

    def maybe(self, percent: int) -> bool: ...

    def between(self, low: int, high: int) -> int: ...

    def noise(self) -> str: ...


class Draws:
    """Choices drawn by hypothesis."""

    def __init__(self, draw: DrawFn) -> None:
        self.draw = draw

    def pick(self, options: Sequence[str]) -> str:
        return self.draw(st.sampled_from(options))

    def maybe(self, percent: int) -> bool:
        return self.draw(st.integers(0, 99)) < percent

    def between(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def noise(self) -> str:
        return self.draw(st.text(max_size=12))


class Seeded:
    """The same choices from a seeded random.Random."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def maybe(self, percent: int) -> bool:
        return self.rng.randrange(100) < percent

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def noise(self) -> str:
        return "".join(self.rng.choice(NOISE) for _ in range(self.rng.randint(0, 12)))


def _place(c: Chooser) -> str:
    place = c.pick(PLACES)
    if c.maybe(40):
        return c.pick(CLITICS) + place  # بطرابلس، لموسكو، ودرنة
    return f"{c.pick(PREPOSITIONS)} {place}"


def _time(c: Chooser) -> str:
    time = c.pick(TIMES)
    return "و" + time if c.maybe(10) else time


def _clause(c: Chooser) -> list[str]:
    words = [c.pick(SUBJECTS), c.pick(PREDICATES)]
    if c.maybe(60):
        words.append(_place(c))
    if c.maybe(50):
        words.append(_time(c))
    if c.maybe(10):
        words.insert(c.between(0, len(words)), c.noise())
    return words


def _cue(c: Chooser) -> list[str]:
    verb = c.pick(VERBS)
    words = ["و" + verb if c.maybe(60) else verb]
    if c.maybe(85):
        words.append(c.pick(SPEAKERS) if c.maybe(70) else c.pick(SURNAMES))
    if c.maybe(30):
        words.append(_time(c))
    return words


def _sentence(c: Chooser) -> list[str]:
    kind = c.between(0, 9)
    if kind < 4:  # reported: وقال X إن …
        return [*_cue(c), c.pick(COMPLEMENTISERS), *_clause(c)]
    if kind < 7:  # direct: وقال X: «…»
        opening, closing = MARKS[c.between(0, len(MARKS) - 1)]
        words = _cue(c)
        words[-1] += ":" if c.maybe(70) else ""
        quoted = _clause(c) + (["،", *_clause(c)] if c.maybe(30) else [])
        return [*words, opening + quoted[0], *quoted[1:-1], quoted[-1] + closing]
    if kind < 9:  # an event at a place and a time
        words = [c.pick(EVENTS), _place(c)]
        if c.maybe(70):
            words.append(_time(c))
        if c.maybe(40):
            words += ["بحضور", c.pick(SPEAKERS)]
        return words
    return [c.noise()]


def article(c: Chooser) -> str:
    """One generated article: an optional dateline and one to five sentences."""
    parts: list[str] = []
    if c.maybe(30):
        parts.append(f"{c.pick(PLACES)} (وكالات) -")
    for _ in range(c.between(1, 5)):
        parts.append(c.pick(SPACES).join(w for w in _sentence(c) if w) + c.pick(ENDS))
    return "".join(part + c.pick(SPACES) for part in parts)


@st.composite
def articles(draw: DrawFn) -> str:
    return article(Draws(draw))


def _extract(text: str) -> Document:
    doc = marsad.extract(text, published=PUBLISHED)
    event(f"times: {bool(doc.times)}")
    event(f"mentions: {bool(doc.mentions)}")
    event(f"quotes: {bool(doc.quotes)}")
    return doc


@settings(max_examples=60, deadline=None)
@given(articles())
def test_every_span_lies_in_the_text_and_matches_it(text: str) -> None:
    doc = _extract(text)
    n = len(text)
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= n
    for t in doc.tokens:
        assert 0 <= t.start < t.end <= n
        segments = t.segments
        assert [s.kind for s in segments].count("stem") == 1
        for seg in segments:
            assert t.start <= seg.start <= seg.end <= t.end
    for span in [*doc.mentions, *doc.times, *doc.quotes]:
        assert 0 <= span.start <= span.end <= n and text[span.start : span.end] == span.text
    for q in doc.quotes:
        for part in (q.cue, q.speaker_phrase):
            assert part is None or (0 <= part.start <= part.end <= n and text[part.start : part.end] == part.text)


@settings(max_examples=60, deadline=None)
@given(articles())
def test_every_reference_resolves(text: str) -> None:
    doc = _extract(text)
    mentions = {m.id for m in doc.mentions}
    actors = {a.id: a for a in doc.actors}
    assert len(mentions) == len(doc.mentions) and len(actors) == len(doc.actors)
    for record in [*doc.actors, *doc.places]:
        assert record.mentions and set(record.mentions) <= mentions
    for q in doc.quotes:
        assert q.speaker_mention is None or q.speaker_mention in mentions
        assert q.speaker_actor is None or q.speaker_mention in actors[q.speaker_actor].mentions
        assert q.speaker_phrase is None or q.speaker_mention is None


@settings(max_examples=60, deadline=None)
@given(articles())
def test_the_record_reads_back_unchanged(text: str) -> None:
    data = _extract(text).to_dict()
    assert Document.from_dict(data).to_dict() == data


def test_the_generator_yields_times_mentions_and_quotes() -> None:
    docs = [marsad.extract(article(Seeded(seed)), published=PUBLISHED) for seed in range(200)]
    for field in ("times", "mentions", "quotes", "actors", "places"):
        share = sum(bool(getattr(doc, field)) for doc in docs) / len(docs)
        assert share >= 0.5, f"only {share:.0%} of generated documents have {field}"
