"""The built-in pipeline stages, by name, in the order the default pipeline runs them.

A stage is a callable `Document -> Document`, named by "module:function" so
that importing marsad loads no stage (and no data) until a pipeline needs it.
"""

from __future__ import annotations

BUILTIN_STAGES: dict[str, str] = {
    "text": "marsad.text.stage:analyze_text",
    "entities": "marsad.entities.stage:recognize_entities",
}

DEFAULT_STAGES: tuple[str, ...] = tuple(BUILTIN_STAGES)
