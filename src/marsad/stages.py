"""The built-in pipeline stages, by name, in the order the default pipeline runs them.

A stage is a callable `Document -> Document`, named by "module:function" so
that importing marsad loads no stage (and no data) until a pipeline needs it.
Stages that use the knowledge base take it as a keyword argument `kb`;
`Pipeline.default(kb=...)` passes one in.
"""

from __future__ import annotations

BUILTIN_STAGES: dict[str, str] = {
    "text": "marsad.text.stage:analyze_text",
    "entities": "marsad.entities.stage:recognize_entities",
    "places": "marsad.resolve.places:geocode",
    "actors": "marsad.resolve.actors:resolve_actors",
    "times": "marsad.temporal.stage:resolve_times",
    "quotes": "marsad.quotes:extract_quotes",
}

DEFAULT_STAGES: tuple[str, ...] = tuple(BUILTIN_STAGES)
