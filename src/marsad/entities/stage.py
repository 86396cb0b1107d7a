"""The `entities` pipeline stage: fills `doc.mentions`."""

from __future__ import annotations

from typing import Any

from marsad.entities.features import place_name_matcher
from marsad.entities.roles import find_institutions, find_norp, find_titles
from marsad.entities.tagger import model_for, tag_sentences
from marsad.index import index
from marsad.kb.base import KnowledgeBase
from marsad.kb.lexicons import lexicons
from marsad.kb.wordlists import find_member_groups
from marsad.model import Document, Mention, MentionLabel
from marsad.resources import Resources
from marsad.text.clitics import word_counts
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word
from marsad.text.phrases import PhraseMatcher, unsplit_rest

HASHTAG_JOINER = "_"
# A one-word name whose base is one of these is a tagging error: they are
# function words that the gazetteers also list as places or names.
NEVER_NAMES = frozenset("بين من الي علي في عن مع ان او ثم قد لم لن لا ما كان".split())


class _Names:
    """The names found so far, as token ranges, with the name occupying each token.

    Every check (is this token inside a name? which one?) is a list lookup, so the
    stage stays linear in the length of the document.
    """

    def __init__(self, size: int) -> None:
        self.spans: list[tuple[int, int, MentionLabel, float] | None] = []
        self.owner: list[int] = [-1] * size

    def add(self, first: int, end: int, label: MentionLabel, score: float) -> None:
        index = len(self.spans)
        self.spans.append((first, end, label, score))
        for k in range(first, end):
            self.owner[k] = index

    def remove(self, index: int) -> None:
        span = self.spans[index]
        if span is not None:
            for k in range(span[0], span[1]):
                self.owner[k] = -1
            self.spans[index] = None

    def over(self, first: int, end: int) -> set[int]:
        return {self.owner[k] for k in range(first, end) if self.owner[k] >= 0}

    def has(self, first: int, end: int, label: str) -> bool:
        return any((span := self.spans[o]) is not None and span[2] == label for o in self.over(first, end))

    def replace(self, first: int, end: int, label: MentionLabel) -> None:
        """Name [first, end) in place of the shorter names inside it, unless a longer, crossing
        or identical name is already there."""
        overlapping = self.over(first, end)
        for o in overlapping:
            s = self.spans[o]
            if s is not None and (s[0] < first or s[1] > end or (s[0], s[1], s[2]) == (first, end, label)):
                return
        for o in overlapping:
            self.remove(o)
        self.add(first, end, label, 1.0)

    def live(self) -> list[tuple[int, int, MentionLabel, float]]:
        return [s for s in self.spans if s is not None]


def _known_actors(forms: list[WordForm], sentences: list[tuple[int, int]], kb: KnowledgeBase, names: _Names) -> None:
    """Names of knowledge-base actors the tagger missed or cut short (حكومة الوفاق الوطني)."""
    matcher = kb.actor_matcher()
    for a, b in sentences:
        for i, j, actors in matcher.find(forms, a, b):
            names.replace(i, j, "PER" if actors[0].type == "PER" else "ORG")


def _hashtag_names(forms: list[WordForm], kb: KnowledgeBase, names: _Names) -> None:
    """Knowledge-base names and state institutions written as hashtags, their words joined by
    underscores (#التحالف_العربي، #الجيش_اليمني)."""
    if not any(form.norm == HASHTAG_JOINER for form in forms):
        return
    kept = [k for k, form in enumerate(forms) if form.norm != HASHTAG_JOINER]
    view = [forms[k] for k in kept]
    found: list[tuple[int, int, MentionLabel]] = [
        (i, j, "PER" if actors[0].type == "PER" else "ORG") for i, j, actors in kb.actor_matcher().find(view)
    ]
    found += [(i, j, "ORG") for i, j in find_institutions(view, [(0, len(view))])]
    for i, j, label in found:
        first, end = kept[i], kept[j - 1] + 1
        if end - first > j - i:  # a name with an underscore inside; _known_actors saw the others
            names.replace(first, end, label)


def _propagate_names(forms: list[WordForm], names: _Names) -> None:
    """A person named in full is named again by surname alone (أحمد المسماري … وأكد المسماري):
    mark the bare surname wherever no other name covers it."""
    surnames: dict[str, float] = {}  # surname -> score of the full name
    for first, end, label, score in names.live():
        if label == "PER" and end - first > 1 and len(forms[end - 1].base) >= 3:
            surnames[forms[end - 1].base] = max(surnames.get(forms[end - 1].base, 0.0), score)
    _mark_untagged(forms, names, surnames, "PER")


def _propagate_places(forms: list[WordForm], names: _Names) -> None:
    """A gazetteer place the tagger found in a document is the place wherever else its name stands
    untagged (الحديدة tagged in the lead, left out of «عملية تحرير الحديدة»)."""
    lex = lexicons()
    found: dict[str, float] = {}  # name -> score where the tagger found it
    for first, end, label, score in names.live():
        name = forms[first].base
        if label == "LOC" and end - first == 1 and (name in lex.countries or name in lex.places):
            found[name] = max(found.get(name, 0.0), score)
    _mark_untagged(forms, names, found, "LOC")


def _mark_untagged(forms: list[WordForm], names: _Names, known: dict[str, float], label: MentionLabel) -> None:
    """Mark every word no name covers whose base is known (base -> score) as a name of `label`."""
    if not known:
        return
    for k, form in enumerate(forms):
        score = known.get(form.base)
        if score is not None and names.owner[k] < 0:
            names.add(k, k + 1, label, score)


def _whole_place_name(
    forms: list[WordForm], span: tuple[int, int, MentionLabel, float], names: _Names
) -> tuple[int, int, MentionLabel, float]:
    """A place cut short of a longer gazetteer name it begins (القدس of القدس الشرقية، جمهورية
    كوريا of جمهورية كوريا الشعبية الديموقراطية) takes the whole name, where no other name
    holds the words after it."""
    first, end, label, score = span
    if label != "LOC":
        return span
    hit = place_name_matcher().match_at(forms, first)
    if hit is None or hit[0] <= end or any(names.owner[k] >= 0 for k in range(end, hit[0])):
        return span
    return first, hit[0], label, score


WHOLE_NAME_MIN_COUNT = 10  # times a word must occur as written in ANT to be a name without a clitic


def _name_start(
    doc: Document,
    forms: list[WordForm],
    first: int,
    end: int,
    label: str,
    known: PhraseMatcher[Any],
    after_role: set[int],
) -> int:
    """Where a name starts: after its conjunction or preposition (درنة in بدرنة), unless the
    "clitic" is the name's own first letter (فيصل, not ف + يصل): the whole word is a known name
    and what is left is not, or the word right before the name ends a title or nationality
    (المتحدث باسم الرئاسة بسام راضي, not ب + سام). A known name of several words behind a letter
    the segmenter did not split off (لبي بي سي: لبي is a word too) starts after that letter."""
    form = forms[first]
    unsplit = unsplit_rest(form)
    if unsplit and end - first > 1 and label in ("PER", "ORG"):
        phrase = " ".join([unsplit] + [f.norm for f in forms[first + 1 : end]])
        if known.match_exact(phrase) and not known.starts_a_phrase(form.norm):
            start = doc.tokens[first].start + 1
            while start < form.base_end and (doc.text[start] == "ـ" or not doc.text[start].isalpha()):
                start += 1  # a diacritic or tatweel on the letter
            return start
    if label in ("PER", "ORG") and form.proclitics and "ال" not in form.proclitics:
        names = lexicons().person_tokens
        whole = form.norm in names or known.starts_a_phrase(form.norm)
        rest = form.base in names or known.starts_a_phrase(form.base)
        if whole and not rest:
            return doc.tokens[first].start
        if (
            label == "PER"
            and len(form.proclitics) == 1
            and first - 1 in after_role
            and word_counts().get(form.norm, 0) >= WHOLE_NAME_MIN_COUNT
        ):
            return doc.tokens[first].start  # المتحدث باسم الرئاسة بسام راضي: a name written as is
    return form.base_start


def _adjective_or_place(
    forms: list[WordForm], span: tuple[int, int, MentionLabel, float]
) -> tuple[int, int, MentionLabel, float]:
    """A country's name that follows a feminine or plural noun it agrees with is an adjective:
    السلطات السعودية، مقاتلات سورية، بالعاصمة السعودية are Saudi, Syrian (NORP), not the
    countries (LOC); زار الوزير السعودية does not agree, and is the country."""
    first, end, label, score = span
    if label != "LOC" or end - first != 1 or first == 0:
        return span
    word, before = forms[first], forms[first - 1]
    demonyms = lexicons().demonyms
    if word.proclitics or word.base not in demonyms:
        return span
    if not before.base.endswith(("ة", "ه", "ات")):  # بالعاصمة السعودية: a preposition does not matter
        return span
    definite = before.base.startswith("ال")
    if definite != word.base.startswith("ال"):
        return span  # بقيادة السعودية, "led by Saudi Arabia": a construct, not an adjective
    if definite and before.base in demonyms:
        return span
    if not definite and not word.norm.endswith(("ة", "ه")):
        return span  # an indefinite noun takes the indefinite adjective: أهداف عسكرية سورية
    return first, end, "NORP", score


# Area nouns a place name follows (ريف حماة، محافظة صعدة): the place is the name after them, as
# ANERcorp's annotators marked it and as the training labels are aligned (corpus.GENERIC_HEADS),
# but the tagger sometimes takes them in.
AREA_HEADS = frozenset(
    normalize_word(w) for w in "ريف ريفي أرياف محافظة محافظتي مدينة منطقة ولاية بلدة قرية مديرية قضاء ناحية".split()
)


def _without_area_head(
    forms: list[WordForm], span: tuple[int, int, MentionLabel, float]
) -> tuple[int, int, MentionLabel, float]:
    first, end, label, score = span
    if label == "LOC" and end - first > 1 and forms[first].base in AREA_HEADS:
        return first + 1, end, label, score
    return span


BIG_PLACE = 100_000  # people: a city this big is what news means by its name
PERSON_NAME = 20  # Wikidata people whose name has this token: جاكسون، هاميلتون stay people


def _person_or_place(
    forms: list[WordForm], span: tuple[int, int, MentionLabel, float], kb: KnowledgeBase
) -> tuple[int, int, MentionLabel, float]:
    """A "person" whose whole name is a country's or a big city's (بيونغ يانغ، حلب) and no known
    person's is the place: the tagger reads a capital as the subject of "agreed", "proposed"."""
    first, end, label, score = span
    if label != "PER":
        return span
    start = first + 1 if end - first > 1 and forms[first].base in AREA_HEADS else first  # ريفي حماة
    name = " ".join([forms[start].base] + [f.norm for f in forms[start + 1 : end]])
    lex = lexicons()
    place = name in lex.countries or lex.places.get(name, 0) >= BIG_PLACE
    if place and lex.person_tokens.get(name, 0) < PERSON_NAME and not kb.actor_matcher().match_exact(name):
        return first, end, "LOC", score
    return span


def recognize_entities(doc: Document, resources: Resources | None = None) -> Document:
    """Find names (PER, ORG, LOC, MISC), nationality adjectives (NORP) and roles (TITLE).

    Names of knowledge-base actors are found even where the tagger missed them.
    """
    res = resources or Resources.default()
    ix = index(doc)
    forms = ix.forms
    sentences = ix.sentence_ranges()
    names = _Names(len(forms))
    for span in tag_sentences(forms, sentences, model_for(res.tagger_weights()), res.taggers()):
        if span.end - span.first == 1 and forms[span.first].base in NEVER_NAMES:
            continue
        label: MentionLabel = span.label  # type: ignore[assignment]  # the models emit only these four
        names.add(span.first, span.end, label, span.score)
    kb = res.kb
    _known_actors(forms, sentences, kb, names)
    if HASHTAG_JOINER in doc.text:  # a substring search in C spares a look at every token
        _hashtag_names(forms, kb, names)
    for i, j in find_institutions(forms, sentences) + find_member_groups(forms, kb.actors_by_adjective()):
        if not names.has(i, j, "ORG"):
            names.add(i, j, "ORG", 1.0)
    _propagate_names(forms, names)
    _propagate_places(forms, names)

    found = [
        _adjective_or_place(
            forms, _without_area_head(forms, _whole_place_name(forms, _person_or_place(forms, span, kb), names))
        )
        for span in names.live()
    ]
    places = {k for first, end, label, _ in found if label in ("LOC", "NORP") for k in range(first, end)}
    found += [(i, i + 1, "NORP", 1.0) for i in find_norp(forms) if i not in places]
    found += [(i, j, "TITLE", 1.0) for i, j in find_titles(forms, sentences)]
    known = kb.actor_matcher()
    after_role = {e - 1 for _, e, label, _ in found if label in ("TITLE", "NORP", "ORG")}
    spans = sorted(
        (
            (_name_start(doc, forms, f, e, label, known, after_role), forms[e - 1].base_end, label, score)
            for f, e, label, score in found
        ),
        key=lambda m: (m[0], -m[1]),
    )
    doc.mentions = [
        Mention(f"m{n}", start, end, doc.text[start:end], label, score)
        for n, (start, end, label, score) in enumerate(spans, start=1)
    ]
    return doc
