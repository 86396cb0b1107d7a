"""Named entities: a CRF tagger for PER, ORG, LOC, MISC (ANERcorp scheme) plus lexicon
matches for nationality/group adjectives (NORP) and roles (TITLE).

`recognize_entities` is the pipeline stage.
"""

from marsad.entities.stage import recognize_entities

__all__ = ["recognize_entities"]
