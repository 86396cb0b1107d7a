"""The `entities` pipeline stage: fills `doc.mentions`."""

from __future__ import annotations

from marsad.entities.roles import find_institutions, find_norp, find_titles
from marsad.entities.tagger import tag_sentences
from marsad.model import Document, Mention, MentionLabel
from marsad.text.forms import word_forms

# A one-word name whose base is one of these is a tagging error: they are
# function words that the gazetteers also list as places or names.
NEVER_NAMES = frozenset("بين من الي علي في عن مع ان او ثم قد لم لن لا ما كان".split())


def sentence_ranges(doc: Document) -> list[tuple[int, int]]:
    """Each sentence as a range of token indices."""
    ranges = []
    k = 0
    tokens = doc.tokens
    for sentence in doc.sentences:
        while k < len(tokens) and tokens[k].start < sentence.start:
            k += 1
        first = k
        while k < len(tokens) and tokens[k].start < sentence.end:
            k += 1
        if k > first:
            ranges.append((first, k))
    return ranges


def recognize_entities(doc: Document) -> Document:
    """Find names (PER, ORG, LOC, MISC), nationality adjectives (NORP) and roles (TITLE)."""
    forms = word_forms(doc)
    sentences = sentence_ranges(doc)
    found: list[tuple[int, int, MentionLabel, float]] = []
    place_tokens: set[int] = set()
    for span in tag_sentences(forms, sentences):
        if span.end - span.first == 1 and forms[span.first].base in NEVER_NAMES:
            continue
        label: MentionLabel = span.label  # type: ignore[assignment]  # the models emit only these four
        found.append((forms[span.first].base_start, forms[span.end - 1].base_end, label, span.score))
        if label == "LOC":
            place_tokens.update(range(span.first, span.end))
    taken = [(f, e) for f, e, label, _ in found if label == "ORG"]
    for i, j in find_institutions(forms, sentences):
        start, end = forms[i].base_start, forms[j - 1].base_end
        if not any(s < end and start < e for s, e in taken):
            found.append((start, end, "ORG", 1.0))
    for i in find_norp(forms):
        if i not in place_tokens:
            found.append((forms[i].base_start, forms[i].base_end, "NORP", 1.0))
    for i, j in find_titles(forms, sentences):
        found.append((forms[i].base_start, forms[j - 1].base_end, "TITLE", 1.0))
    found.sort(key=lambda m: (m[0], -m[1]))
    doc.mentions = [
        Mention(f"m{n}", start, end, doc.text[start:end], label, score)
        for n, (start, end, label, score) in enumerate(found, start=1)
    ]
    return doc
