"""The built-in pipeline stages, in the order the default pipeline runs them, with their contracts.

A stage is a function `Document -> Document` that fills some of the document's fields. Each
built-in stage declares the fields it needs filled before it runs (`requires`), the fields it
fills (`produces`) and the resources it loads (`uses`); `Pipeline` checks the order against
them, so a pipeline of `text` and `quotes` alone is refused instead of quietly giving quotes
without speakers. A stage that uses resources takes them as the keyword `resources`.

Stages are named by "module:function", so importing marsad loads no stage (and no data)
until a pipeline needs it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The Document fields stages fill, in the order the record lists them.
FIELDS: tuple[str, ...] = ("sentences", "tokens", "mentions", "places", "actors", "times", "quotes", "events")


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    target: str  # "module:function"
    summary: str
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()  # what it takes from Resources: kb, lexicons, taggers


BUILTIN_STAGES: dict[str, StageInfo] = {
    info.name: info
    for info in (
        StageInfo(
            "text",
            "marsad.text.stage:analyze_text",
            "sentences and tokens with their clitic segments",
            produces=("sentences", "tokens"),
        ),
        StageInfo(
            "entities",
            "marsad.entities.stage:recognize_entities",
            "names (PER ORG LOC MISC), nationality adjectives (NORP) and roles (TITLE)",
            requires=("sentences", "tokens"),
            produces=("mentions",),
            uses=("kb", "lexicons", "taggers"),
        ),
        StageInfo(
            "places",
            "marsad.resolve.places:geocode",
            "place mentions resolved to countries and GeoNames places",
            requires=("tokens", "mentions"),
            produces=("places",),
            uses=("kb",),
        ),
        StageInfo(
            "actors",
            "marsad.resolve.actors:resolve_actors",
            "people, organisations and groups with country and sector codes",
            requires=("sentences", "tokens", "mentions", "places"),
            produces=("actors",),
            uses=("kb",),
        ),
        StageInfo(
            "times",
            "marsad.temporal.stage:resolve_times",
            "time expressions resolved against the published date",
            requires=("sentences", "tokens"),
            produces=("times",),
        ),
        StageInfo(
            "quotes",
            "marsad.quotes:extract_quotes",
            "direct and reported speech with cue and speaker",
            requires=("sentences", "tokens", "mentions", "actors", "times"),
            produces=("quotes",),
        ),
        StageInfo(
            "events",
            "marsad.events.stage:code_events",
            "PLOVER events: who did what to whom, when, where, how many",
            requires=("sentences", "tokens", "mentions", "places", "actors", "times", "quotes"),
            produces=("events",),
            uses=("kb",),
        ),
    )
}

DEFAULT_STAGES: tuple[str, ...] = tuple(BUILTIN_STAGES)
