"""Is a candidate event news? A statistical filter over the events the rules find in a sentence.

The rules find every trigger of the lexicon that no background rule rules out; many still
name violence or a protest without reporting one (ضحايا الانفجار، حقهم في التظاهر). The filter
weighs ASSAULT and PROTEST candidates, the types its training data has enough of. A
maximum-entropy classifier (python-crfsuite, one item per candidate) weighs what the rules do not
see: the trigger's words and form, the words around it, whether the event has participants, a
place, a date close to publication, whether it is told in a quote, where the sentence is.

Trained by scripts/train_event_filter.py on the two development sets of the event gold and the
OEDA GSR development sentences (never on the held-out set); the model and a threshold per type
ship in marsad/data/events. Without a model every candidate is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marsad.events.lexicon import Trigger
from marsad.index import DocumentIndex
from marsad.model import Document, Event

WINDOW = 3  # words either side of a trigger that are features
# the types the filter weighs: those the GSR gives hundreds of examples of; others are kept as found
FILTERED_TYPES = frozenset({"ASSAULT", "PROTEST"})
LABEL_YES = "yes"


@dataclass(frozen=True, slots=True)
class Told:
    """How a candidate was told: its triggers as found (lexicon entry and first token)."""

    triggers: tuple[tuple[Trigger, int], ...]
    sentence_index: int


def _days(doc: Document, value: str | None) -> str:
    if doc.published is None or not value:
        return "none"
    try:
        parts = [int(p) for p in value.split("-")]
        day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return "other"
    delta = (doc.published - day).days
    if delta < 0:
        return "future"
    if delta <= 1:
        return "0-1"
    if delta <= 7:
        return "2-7"
    if delta <= 60:
        return "8-60"
    return "older"


def features(doc: Document, ix: DocumentIndex, event: Event, told: Told) -> list[str]:
    """The features of one candidate event (training and tagging build them alike)."""
    forms = ix.forms
    kind = event.type
    out = [f"type={kind}", f"sentence={min(told.sentence_index, 4)}"]
    for trigger, k in told.triggers:
        form = ix.forms[k]
        tense = "noun" if trigger.kind == "noun" else ("present" if form.base[:1] in "يتن" else "past")
        out += [
            f"lemma={kind}|{trigger.lemma}",
            f"kind={kind}|{trigger.kind}",
            f"tense={kind}|{tense}",
            f"proclitic={form.proclitics or '-'}",
            f"article={form.base.startswith('ال')}",
        ]
        for d in range(1, WINDOW + 1):  # the words' keys (lexicon.token_keys), made for these few alone
            if k - d >= 0:
                out.append(f"w-{d}={forms[k - d].stem.replace('ة', 'ه')}")
            if k + d < len(forms):
                out.append(f"w+{d}={forms[k + d].stem.replace('ة', 'ه')}")
    out += [
        f"triggers={min(len(told.triggers), 3)}",
        f"actor={bool(event.actor)}",
        f"recipient={bool(event.recipient)}",
        f"place={event.place_source}",
        f"date={event.date_source}|{_days(doc, event.date)}",
        f"quote={event.quote is not None}",
        f"size={any(getattr(event.size, k) is not None for k in ('dead', 'injured', 'arrested', 'displaced'))}",
    ]
    sentence = ix.sentence_tokens[ix.token_sentence[told.triggers[0][1]]]
    last = ix.forms[sentence.stop - 1].norm if sentence else ""
    out.append(f"question={last in ('؟', '?')}")
    out.append(f"length={min(len(sentence) // 10, 6)}")
    return out
