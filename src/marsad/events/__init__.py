"""PLOVER event coding: who did what to whom, when, where and how many, each field with its
evidence. `code_events` is the pipeline stage; `ontology` holds the event types, `lexicon` the
Arabic triggers."""

from marsad.events.stage import code_events

__all__ = ["code_events"]
