"""Token features for the entity tagger, shared by training (scripts/train_ner.py) and tagging.

A token's features are its word form's own features (`WordViews.own`), the neighbours'
features as seen from it (`left1` of the word before it, `right1` of the word after, `left2`,
`right2` two words away), the two bigrams of its base with its neighbours', BOS/EOS at the
sentence's ends, the multi-word place names it is part of, and in the second pass what the
first made of the same words elsewhere in the document (`memory_features`). All but the last
three depend only on word forms: training builds the lists (`sentence_features`); the tagger
turns each word form's lists into label scores once and adds them up (tagger.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from marsad.kb.lexicons import Lexicons, lexicons
from marsad.text.clitics import word_counts
from marsad.text.forms import WordForm
from marsad.text.phrases import PhraseMatcher

_ARABIC_RANGE = ("\u0621", "\u06ff")


@dataclass(slots=True)
class WordViews:
    own: list[str]
    left1: list[str]  # the features of this token as seen from the token after it
    right1: list[str]
    left2: list[str]
    right2: list[str]
    base: str


def _shape(word: str) -> str:
    if not word:
        return "empty"
    if word.isdigit():
        return "num" if len(word) != 4 else "num4"
    first = word[0]
    if _ARABIC_RANGE[0] <= first <= _ARABIC_RANGE[1] and first.isalpha():
        return "ar"
    if first.isascii() and first.isalpha():
        return "LAT" if word.isupper() else ("Lat" if first.isupper() else "lat")
    if first.isdigit():
        return "num+"
    return "punct" if not first.isalnum() else "other"


def _gazetteer(form: WordForm, lex: Lexicons) -> list[str]:
    out = []
    base, stem = form.base, form.stem
    if base in lex.countries:
        out.append("gz=ctry")
    if base in lex.demonyms or base in lex.groups:
        out.append("gz=norp")
    population = lex.places.get(base)
    if population is not None:
        out.append("gz=place" + ("+" if population >= 100_000 else ""))
    names = lex.person_tokens.get(stem, 0) or lex.person_tokens.get(base, 0)
    if names:
        out.append(f"gz=per{min(3, int(math.log10(names)))}")
    if base in lex.org_heads:
        out.append("gz=orgh")
    if base in lex.titles:
        out.append("gz=title")
    return out


def _views(form: WordForm, lex: Lexicons, counts: dict[str, int]) -> WordViews:
    base, stem = form.base, form.stem
    shape = _shape(form.norm)
    c64, c256, c1024 = lex.clusters.get(base) or lex.clusters.get(stem) or ("-", "-", "-")
    freq = counts.get(base, 0) or counts.get(form.norm, 0)
    fbucket = str(min(12, int(math.log2(freq + 1))))
    # Names rarely take the article: how often news writes this word with ال
    # (for an indefinite word) is a corpus-wide hint of a proper noun.
    if base == stem and freq:
        definite = counts.get("ال" + stem, 0) / (freq + counts.get("ال" + stem, 0))
        dbucket = "def=" + str(min(4, int(definite * 5)))
    else:
        dbucket = "def=art"
    gaz = _gazetteer(form, lex)
    own = [
        "bias",
        "b=" + base,
        "s=" + stem,
        "p=" + (form.proclitics or "-"),
        "x=" + (form.suffix or "-"),
        "sh=" + shape,
        "w=" + form.norm,
        "s1=" + stem[:1],
        "s2=" + stem[:2],
        "s3=" + stem[:3],
        "s4=" + stem[:4],
        "e1=" + stem[-1:],
        "e2=" + stem[-2:],
        "e3=" + stem[-3:],
        "e4=" + stem[-4:],
        "art=" + str(base != stem),
        "c64=" + c64,
        "c256=" + c256,
        "c1024=" + c1024,
        "f=" + fbucket,
        dbucket,
        *gaz,
    ]
    near = [
        "b=" + base,
        "sh=" + shape,
        "c64=" + c64,
        "c256=" + c256,
        "c1024=" + c1024,
        "p=" + (form.proclitics or "-"),
        "e3=" + stem[-3:],
        *gaz,
    ]
    far = ["b=" + base, "c256=" + c256, *gaz]
    return WordViews(
        own=own,
        left1=["-1:" + f for f in near],
        right1=["+1:" + f for f in near],
        left2=["-2:" + f for f in far],
        right2=["+2:" + f for f in far],
        base=base,
    )


VIEW_CACHE_LIMIT = 50_000  # word forms; a long-running process keeps at most this many
BOS, EOS = "BOS", "EOS"


def word_views(form: WordForm) -> WordViews:
    """The features of one word form: its own, and as each neighbour sees it."""
    return _views(form, lexicons(), word_counts())


def bigram_before(previous: str, base: str) -> str:
    return "bg-=" + previous + "|" + base


def bigram_after(base: str, following: str) -> str:
    return "bg+=" + base + "|" + following


def phrase_tags(forms: Sequence[WordForm]) -> list[list[str]]:
    """Per token of one sentence: the multi-word country and place names it begins or continues."""
    tags: list[list[str]] = [[] for _ in forms]
    for i, j, kind in place_name_matcher().find(forms):
        tags[i].append("mw=B-" + kind)
        for k in range(i + 1, j):
            tags[k].append("mw=I-" + kind)
    return tags


_VIEWS: dict[tuple[str, str, str, str, str], WordViews] = {}


def _cached_views(form: WordForm) -> WordViews:
    key = (form.norm, form.base, form.stem, form.proclitics, form.suffix)
    views = _VIEWS.get(key)
    if views is None:
        if len(_VIEWS) >= VIEW_CACHE_LIMIT:
            _VIEWS.clear()
        views = _VIEWS[key] = word_views(form)
    return views


def sentence_features(forms: Sequence[WordForm]) -> list[list[str]]:
    """Every feature of the tokens of one sentence (`forms` are that sentence's word forms), as
    training sees them. The tagger (tagger.py) scores the same features without building these
    lists; tests/test_entities.py holds the two to the same labels."""
    n = len(forms)
    views = [_cached_views(f) for f in forms]
    tags = phrase_tags(forms)
    out = []
    for i, v in enumerate(views):
        feats = list(v.own)
        if i == 0:
            feats.append(BOS)
        else:
            feats += views[i - 1].left1
            feats.append(bigram_before(views[i - 1].base, v.base))
            if i > 1:
                feats += views[i - 2].left2
        if i == n - 1:
            feats.append(EOS)
        else:
            feats += views[i + 1].right1
            feats.append(bigram_after(v.base, views[i + 1].base))
            if i < n - 2:
                feats += views[i + 2].right2
        feats += tags[i]
        out.append(feats)
    return out


@cache
def place_name_matcher() -> PhraseMatcher[str]:
    """Multi-word country and place names (single words are covered by the gazetteer features)."""
    lex = lexicons()
    phrases = [(n, "ctry") for n in lex.countries if " " in n]
    phrases += [(n, "place") for n in lex.places if " " in n]
    return PhraseMatcher(phrases)


def document_memory(forms: Sequence[WordForm], labels: Sequence[str]) -> dict[str, str]:
    """What a first tagging pass made of each word elsewhere in the document: base form -> type.

    A name tagged in one sentence is usually the same kind of name in the
    next; the second pass sees the majority type as a feature. Words the first
    pass never tagged are absent.
    """
    votes: dict[str, dict[str, int]] = {}
    for form, label in zip(forms, labels, strict=True):
        if label == "O" or len(form.base) < 2:
            continue
        kinds = votes.setdefault(form.base, {})
        kinds[label[2:]] = kinds.get(label[2:], 0) + 1
    return {base: max(kinds, key=lambda k: (kinds[k], k)) for base, kinds in votes.items()}


def memory_features(forms: Sequence[WordForm], memory: dict[str, str]) -> list[list[str]]:
    """Per token of one sentence: the document-memory features (see `document_memory`)."""
    out = []
    for i, form in enumerate(forms):
        extra = []
        kind = memory.get(form.base)
        if kind is not None:
            extra.append("doc=" + kind)
        if i > 0 and (prev := memory.get(forms[i - 1].base)) is not None:
            extra.append("doc-1=" + prev)
        if i + 1 < len(forms) and (nxt := memory.get(forms[i + 1].base)) is not None:
            extra.append("doc+1=" + nxt)
        out.append(extra)
    return out


def with_memory(features: list[list[str]], forms: Sequence[WordForm], memory: dict[str, str]) -> list[list[str]]:
    """Add the document-memory features of one sentence (see `document_memory`)."""
    return [f + extra if extra else f for f, extra in zip(features, memory_features(forms, memory), strict=True)]
