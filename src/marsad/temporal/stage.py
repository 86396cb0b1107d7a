"""The `times` pipeline stage: fills `doc.times`."""

from __future__ import annotations

from marsad.index import index
from marsad.model import Document, Granularity, TimeExpression
from marsad.temporal.parse import find_times


def resolve_times(doc: Document) -> Document:
    """Find time expressions and normalise them against `doc.published` (None: relative values stay None)."""
    ix = index(doc)
    forms = ix.forms
    times: list[TimeExpression] = []
    for a, b in ix.sentence_ranges():
        for span in find_times(forms[a:b], doc.published):
            first, last = a + span.first, a + span.end - 1
            start = doc.tokens[first].start if span.include_proclitic else forms[first].base_start
            end = forms[last].base_end
            granularity: Granularity = span.granularity  # type: ignore[assignment]  # the rules emit only these
            times.append(TimeExpression(f"t{len(times) + 1}", start, end, doc.text[start:end], span.value, granularity))
    doc.times = times
    return doc
