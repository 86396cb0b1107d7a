"""How a person's or organisation's name is matched against the knowledge base: the forms it
may be listed under (لحوثيين → الحوثيين، إف.بي.آي → إف بي آي) and the actor it links to."""

from __future__ import annotations

from collections import Counter

from marsad.kb.base import KnowledgeBase
from marsad.kb.records import Actor
from marsad.kb.wordlists import find_member_groups
from marsad.text.forms import WordForm


def name_key(forms: list[WordForm], span: range) -> str:
    """The matching form of a mention's name: first word without clitics, then the words as written."""
    words = [forms[span[0]].base] + [forms[k].norm for k in span[1:]]
    if len(span) > 1:
        words[-1] = forms[span[-1]].norm[: len(forms[span[-1]].norm) - len(forms[span[-1]].suffix) or None]
    return " ".join(words)


def key_variants(key: str) -> list[str]:
    """A name as written and the forms the knowledge base may list it under: the article's
    alif restored (لحوثيين → الحوثيين) or added (حوثيون، خميني), the other case of a sound
    plural (الحوثيين ↔ الحوثيون), a hashtag's words (التحالف_العربي)."""
    keys = [key, key.replace(" - ", " ")] if " - " in key else [key]  # دياز - كانيل
    if " . " in key:
        keys.append(key.replace(" . ", " "))  # إف.بي.آي = إف بي آي
    if "_" in key:
        keys.append(key.replace(" _ ", " ").replace("_", " "))  # #التحالف_العربي
    if key.startswith("ل") and not key.startswith("ال"):
        keys.append("ا" + key)
    elif " " not in key and not key.startswith("ال") and key.endswith(("ي", "يون", "يين")):
        keys.append("ال" + key)  # حوثيون، خميني: a group or nisba name written without the article
    for k in list(keys):
        if k.endswith("ين"):
            keys.append(k[:-2] + "ون")
        elif k.endswith("ون"):
            keys.append(k[:-2] + "ين")
        elif k.endswith("ي"):
            keys += [k + "ون", k + "ين"]  # الحوثي → الحوثيون: the group named by its members
    return keys + [k.lower() for k in keys if k.isascii()]


def link(
    key: str, kb: KnowledgeBase, about: Counter[str], written: str | None = None, person: bool = False
) -> Actor | None:
    names = kb.actors_by_whole_name()
    for variant in key_variants(key) + ([written] if written else []):
        hit = names.get(variant)
        if hit:
            return max(hit, key=lambda a: about[a.country or ""])
    words = key.split()
    if person and len(words) >= 3:  # a name with middle names the knowledge base does not write out
        hit = kb.actors_by_first_and_last_word().get((words[0], words[-1]), ())
        if len(hit) == 1:
            return hit[0]
    return None


def link_with_adjective(
    key: str, adjective: str, kb: KnowledgeBase, about: Counter[str], written: str | None = None
) -> Actor | None:
    """An organisation's name followed by a nationality adjective. مجلس الأمن الروسي is not مجلس
    الأمن (the UN's): the longer name links, or the name alone when it is a national actor's
    (حزب الله اللبناني; ميليشيات الحوثي الإيرانية, where the adjective is a charge, not the
    group's country)."""
    actor = link(key + " " + adjective, kb, about)
    if actor is None:
        bare = link(key, kb, about, written)
        actor = bare if bare is not None and bare.country is not None else None
    return actor


def group_by_adjective(forms: list[WordForm], span: range, kb: KnowledgeBase) -> Actor | None:
    """A kind of group and a member's adjective name the group (المليشيا الحوثية، الجماعة
    الإخوانية → the Houthis, the Brotherhood)."""
    adjectives = kb.actors_by_adjective()
    if find_member_groups(forms[span.start : span.stop], adjectives) == [(0, len(span))]:
        return adjectives[forms[span[-1]].norm][0]
    return None
