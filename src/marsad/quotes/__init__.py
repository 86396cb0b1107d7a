"""The `quotes` pipeline stage: direct and reported speech, each with its cue and speaker.

- `spans`: where quotes are — reported clauses (أكد X أن …، قال إن …، أشار إلى أن …) from
  the complementiser to the end of the clause or the next cue; words in «…» "…" “…"
  attributed to someone (a cue before or after the marks, or a short fragment after an
  accusing or describing verb); colon speech; sentences that end with their source
  (، وفق X). A quote spanning several sentences inside one pair of marks is one quote.
- `speakers`: who speaks — the subject of the cue (a mention, or the phrase that names a
  speaker no mention names); a cue with no subject of its own (وأضاف، وتابع، مشيرا إلى)
  continues the last speaker.
- `lexicon`: the words and window sizes both use.
"""

from __future__ import annotations

from marsad.index import index
from marsad.model import Document, Quote
from marsad.quotes.spans import find_spans
from marsad.quotes.speakers import attribute


def find_quotes(doc: Document) -> list[Quote]:
    """The document's quotes with their speakers, in text order."""
    ix = index(doc)
    return attribute(doc, ix, find_spans(doc, ix))


def extract_quotes(doc: Document) -> Document:
    """Fill `doc.quotes`."""
    doc.quotes = find_quotes(doc)
    return doc
