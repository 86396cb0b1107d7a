"""Token features for the entity tagger, shared by training (scripts/train_ner.py) and tagging.

A token's own features depend only on its word form, so they are computed once
per form and cached; a position then concatenates its own list with the cached
"as left/right neighbour" lists of the tokens around it and a few position- and
phrase-dependent features. No string is built per position in the common case.

At tagging time a `Features` builder knows the models' attributes (marsad/data/ner/
attributes.tsv.gz) and keeps only those: CRFsuite ignores an attribute its model never saw,
so the labels and scores are the same, and the rest (a fifth of the strings, most of the
memory of the cache) is never built into a sentence's lists.
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
class _Views:
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


def _views(form: WordForm, lex: Lexicons, counts: dict[str, int]) -> _Views:
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
    return _Views(
        own=own,
        left1=["-1:" + f for f in near],
        right1=["+1:" + f for f in near],
        left2=["-2:" + f for f in far],
        right2=["+2:" + f for f in far],
        base=base,
    )


VIEW_CACHE_LIMIT = 50_000  # word forms; a long-running process keeps at most this many


class Features:
    """Builds the features of sentences, keeping only `known` attributes when given (tagging),
    all of them when not (training). One per set of models, shared by threads."""

    def __init__(self, known: frozenset[str] | None = None) -> None:
        # the model's own string objects, so that cached views share them instead of copies
        self._known = {a: a for a in known} if known is not None else None
        self._cache: dict[tuple[str, str, str, str, str], _Views] = {}

    def _keep(self, features: list[str]) -> list[str]:
        known = self._known
        if known is None:
            return features
        return [k for f in features if (k := known.get(f)) is not None]

    def views(self, form: WordForm) -> _Views:
        key = (form.norm, form.base, form.stem, form.proclitics, form.suffix)
        views = self._cache.get(key)
        if views is None:
            if len(self._cache) >= VIEW_CACHE_LIMIT:
                self._cache.clear()
            v = _views(form, lexicons(), word_counts())
            keep = self._keep
            views = _Views(keep(v.own), keep(v.left1), keep(v.right1), keep(v.left2), keep(v.right2), v.base)
            self._cache[key] = views
        return views

    def bigram(self, feature: str) -> list[str]:
        known = self._known
        return [feature] if known is None or feature in known else []

    def sentence(self, forms: Sequence[WordForm]) -> list[list[str]]:
        """Feature lists for the tokens of one sentence (`forms` are that sentence's word forms)."""
        n = len(forms)
        views = [self.views(f) for f in forms]
        phrase_tags: list[list[str]] = [[] for _ in range(n)]
        for i, j, kind in _name_matcher().find(forms):
            phrase_tags[i].append("mw=B-" + kind)
            for k in range(i + 1, j):
                phrase_tags[k].append("mw=I-" + kind)
        bigram = self.bigram
        out = []
        for i, v in enumerate(views):
            feats = list(v.own)
            if i == 0:
                feats.append("BOS")
            else:
                feats += views[i - 1].left1
                feats += bigram("bg-=" + views[i - 1].base + "|" + v.base)
                if i > 1:
                    feats += views[i - 2].left2
            if i == n - 1:
                feats.append("EOS")
            else:
                feats += views[i + 1].right1
                feats += bigram("bg+=" + v.base + "|" + views[i + 1].base)
                if i < n - 2:
                    feats += views[i + 2].right2
            feats += phrase_tags[i]
            out.append(feats)
        return out


_ALL = Features()


@cache
def _name_matcher() -> PhraseMatcher[str]:
    """Multi-word country and place names (single words are covered by the gazetteer features)."""
    lex = lexicons()
    phrases = [(n, "ctry") for n in lex.countries if " " in n]
    phrases += [(n, "place") for n in lex.places if " " in n]
    return PhraseMatcher(phrases)


def sentence_features(forms: Sequence[WordForm]) -> list[list[str]]:
    """Every feature of the tokens of one sentence, as training sees them."""
    return _ALL.sentence(forms)


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


def with_memory(features: list[list[str]], forms: Sequence[WordForm], memory: dict[str, str]) -> list[list[str]]:
    """Add the document-memory features of one sentence (see `document_memory`)."""
    out = []
    for i, (feats, form) in enumerate(zip(features, forms, strict=True)):
        extra = []
        kind = memory.get(form.base)
        if kind is not None:
            extra.append("doc=" + kind)
        if i > 0 and (prev := memory.get(forms[i - 1].base)) is not None:
            extra.append("doc-1=" + prev)
        if i + 1 < len(forms) and (nxt := memory.get(forms[i + 1].base)) is not None:
            extra.append("doc+1=" + nxt)
        out.append(feats + extra if extra else feats)
    return out
