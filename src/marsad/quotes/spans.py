"""Where quotes are: reported clauses after a cue and a complementiser, text in quotation
marks attributed to someone, colon speech, and sentences that end with their source."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from marsad.index import DocumentIndex
from marsad.model import Document, QuoteKind, Token
from marsad.quotes.lexicon import (
    ATTRIBUTION_TAIL,
    ATTRIBUTIONS,
    CUE_WINDOW,
    FRAGMENT_LEADS,
    FRAGMENT_REACH,
    FRAGMENT_VERBS,
    MIN_DIRECT_WORDS,
    NAME_HEADS,
    NEXT_CUE_REACH,
    PARTICIPLES,
    QUOTE_PAIRS,
    VERBS,
    complementiser,
    is_cue,
    is_cue_at,
)
from marsad.text.forms import WordForm

_OPENING = re.compile(r'[«“]|(?<![^\s:(،,\-ـبلك])" ?(?=\S)')
_CLOSING = {"«": re.compile("»"), "“": re.compile("”"), '"': re.compile(r'(?<=\S)"(?![^\s.,،:;؛)\-؟!])')}


@dataclass(slots=True)
class Found:
    """A quote's span and kind, and its cue as token indices; the speaker comes later."""

    start: int
    end: int
    kind: QuoteKind
    cue: int  # token index of the cue
    cue_end: int


def _marked_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, within a paragraph.

    A straight " opens only where a word starts after it (a space between is allowed:
    قال الحريري " أنا …") and closes only where a word ends before it, so one stray mark
    does not pair every later quote wrongly.
    """
    out = []
    for paragraph in re.finditer(r"[^\n]+", text):
        pos, end = paragraph.start(), paragraph.end()
        while pos < end:
            m = _OPENING.search(text, pos, end)
            if m is None:
                break
            close = _CLOSING[m.group()[0]].search(text, m.end(), end)
            if close is None:
                pos = m.end()
                continue
            out.append((m.end(), close.start()))
            pos = close.end()
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "،,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,"):
        end -= 1
    return start, end


def find_spans(doc: Document, ix: DocumentIndex) -> list[Found]:
    """Every quote's span, kind and cue token, in text order, without overlaps."""
    tokens, forms, starts = doc.tokens, ix.forms, ix.starts
    text = doc.text
    sentence_end = _sentence_end_finder(doc)
    marked = _marked_spans(text)
    # a name or term in marks (وكالة "نوفوستي") is not speech and does not stop a clause
    in_long_mark = [False] * len(tokens)
    marked = [(s, e) for s, e in marked if not _names_something(forms, bisect_left(starts, s) - 2)]
    for s, e in marked:
        if len(text[s:e].split()) >= MIN_DIRECT_WORDS:
            for k in range(bisect_left(starts, s), bisect_left(starts, e)):
                in_long_mark[k] = True

    # reported speech (and colon speech) first: cue ... complementiser ... end of clause.
    # Quotes come out in text order without overlaps, so only the last one can contain a cue.
    reported: list[Found] = []
    for k in range(len(forms)):
        if not is_cue_at(forms, k) or (reported and tokens[k].start < reported[-1].end):
            continue
        j = k + 1
        limit = min(len(forms), k + CUE_WINDOW)
        while j < limit and not complementiser(forms[j]) and forms[j].norm not in (":", ".", "؟"):
            if j > k + 1 and (forms[j].base in VERBS or forms[j].base in PARTICIPLES):
                break  # another reporting verb starts its own quote
            if in_long_mark[j] and not complementiser(forms[j - 1]):
                break  # a quotation mark before any complementiser: a direct quote, found below
            j += 1
        if j >= limit:
            continue
        if forms[j].norm == ":":
            if j + 1 >= len(tokens) or text[tokens[j + 1].start] in QUOTE_PAIRS:
                continue  # a marked quote, found below
            qs, qe = tokens[j + 1].start, sentence_end(tokens[j + 1].start)
            kind: QuoteKind = "direct"
        elif complementiser(forms[j]):
            qs = forms[j].base_start if forms[j].proclitics == "ب" else tokens[j].start
            qe = _reported_end(forms, tokens, j, sentence_end(qs))
            kind = "reported"
        else:
            continue
        qs, qe = _trim(text, qs, qe)
        if qe - qs >= 2 and not (reported and qs < reported[-1].end):
            reported.append(Found(qs, qe, kind, k, k + 1))

    # quotes in marks
    reported_starts = [f.start for f in reported]
    direct: list[Found] = []
    for s, e in marked:
        i = bisect_right(reported_starts, s) - 1
        inside = reported[i] if i >= 0 and e <= reported[i].end else None
        if inside is not None:
            # the whole clause after the complementiser is quoted: the quote is direct;
            # a marked fragment inside reported speech is part of it
            clause = text[inside.start : s].rstrip('"«“ ').split()
            if len(clause) <= 1 and inside.end - e <= 2:
                inside.start, inside.end = _trim(text, s, e)
                inside.kind = "direct"
            continue
        first = bisect_left(starts, s)
        last = bisect_left(starts, e)
        if last - first < MIN_DIRECT_WORDS:
            cue = _fragment_cue(forms, first)
            if cue is not None:
                direct.append(Found(*_trim(text, s, e), "direct", cue, cue + 1))
            continue
        cue = _cue_before(forms, first - 1)
        if cue is None:
            cue = _cue_after(forms, last)
        if cue is None:
            continue
        qs, qe = _trim(text, s, e)
        nxt = bisect_left(reported_starts, qs)
        overlaps = (i >= 0 and reported[i].end > qs) or (nxt < len(reported) and reported[nxt].start < qe)
        if not overlaps:
            direct.append(Found(qs, qe, "direct", cue, cue + 1))

    found = sorted(reported + direct, key=lambda f: f.start)
    return sorted(found + _attributed_sentences(doc, ix, found), key=lambda f: f.start)


def _attributed_sentences(doc: Document, ix: DocumentIndex, found: list[Found]) -> list[Found]:
    """A sentence that ends by naming its source is reported speech of that source:
    "قتل 19 شخصا في اشتباكات، وفق وكالة فرانس برس"، "…، وذلك وفق ما أعلنته الشرطة"،
    "استهدفت غارة مطار دمشق بحسب ما أوردت وكالة سانا". The quote is the sentence before the
    attribution, without its leading و; only where no other quote is."""
    out = []
    tokens, forms = doc.tokens, ix.forms
    taken = [(f.start, f.end) for f in found]
    for a, b in ix.sentence_ranges():
        for k in range(a + 1, b):
            if forms[k].base not in ATTRIBUTIONS:
                continue
            lead = k - 1 if forms[k - 1].norm not in ("وذلك", "ذلك") else k - 2
            after_comma = lead > a and forms[lead].norm in ("،", ",")
            explicit = k + 2 < b and forms[k + 1].norm == "ما" and is_cue(forms[k + 2])  # بحسب ما أوردت
            if not (after_comma or explicit):
                continue
            if b - k > ATTRIBUTION_TAIL:
                break  # the source is not the end of the sentence
            first = forms[a].base_start if forms[a].proclitics == "و" else tokens[a].start
            start, end = _trim(doc.text, first, tokens[lead if after_comma else k].start)
            if end - start >= 2 and not any(s < end and start < e for s, e in taken):
                out.append(Found(start, end, "reported", k, k + 1))
            break
    return out


def _names_something(forms: list[WordForm], before: int) -> bool:
    """Marks right after a medium or a kind of thing hold its name, not speech: صحيفة "ذا تايمز
    أوف إسرائيل"، وكالة "رويترز"، عملية "غصن الزيتون"."""
    return before >= 0 and forms[before].base in NAME_HEADS


def _fragment_cue(forms: list[WordForm], first: int) -> int | None:
    """A word or two in marks is a quote when a speaker's verb governs it directly:
    ما وصفته بـ"…"، وتتهم أنقرة "بالإرهاب"، نفت وجود أي "عدوان"، بتوعده بإطلاق "صواريخ ذكية".
    Marks after a noun (وكالة "رويترز"، مؤتمر "جنيف") name something instead."""
    before = first - 2  # the token before the opening mark
    if before < 0:
        return None
    word = forms[before]
    if is_cue(word):
        return before
    # the verb's own preposition before or inside the marks: بـ"…"، كـ"…"، "بالإرهاب"; or the
    # verbal noun it governs with ب, for a verb that accuses or describes: اتهم لندن بممارسة "ضغوط"
    accusing_only = False
    if word.norm in FRAGMENT_LEADS:
        lead = before - 1
    elif forms[first].proclitics.startswith(("ب", "ك")):
        lead = before
    elif word.proclitics == "ب":
        lead, accusing_only = before - 1, True
    else:
        return None
    for k in range(lead, max(-1, lead - FRAGMENT_REACH), -1):
        if forms[k].base in FRAGMENT_VERBS or (is_cue(forms[k]) and not accusing_only):
            return k
        if forms[k].norm in (".", "؟", "!", ":"):
            return None
    return None


def _cue_before(forms: list[WordForm], k: int) -> int | None:
    """The cue before a quote mark: the nearest reporting verb in the clause, else a noun
    or participle (وقال المسماري في حوار مع وكالة نوفوستي: "…" has the cue قال, not حوار)."""
    nearest = None
    for i in range(k, max(-1, k - CUE_WINDOW), -1):
        if forms[i].norm in (".", "؟", "!"):
            break
        if forms[i].base in VERBS or forms[i].norm in VERBS:
            return i
        if nearest is None and is_cue(forms[i]):
            nearest = i
    return nearest


def _cue_after(forms: list[WordForm], last: int) -> int | None:
    """ "…"، قال X: a cue right after the closing mark."""
    for i in range(last, min(len(forms), last + 4)):
        if is_cue(forms[i]) or forms[i].base in ATTRIBUTIONS:
            return i
        if forms[i].norm not in ('"', "»", "”", "،", ",", "و"):
            return None
    return None


def _reported_end(forms: list[WordForm], tokens: list[Token], j: int, end: int) -> int:
    """A reported quote runs to the end of its sentence, or to a comma before the next cue
    (، مضيفا أن؛ ، لكنه أضاف أن؛ ، في وقت قال) or before a circumstantial participle that
    adds what the speaker did (، مهنئا القوات اللبنانية)."""
    for i in range(j + 1, len(forms)):
        if tokens[i].start >= end:
            break
        if _coordinated_cue(forms, i):
            return tokens[i].start  # … مفتوحة وشددتا على أن: the next quote of the same speaker
        if forms[i].norm not in ("،", ","):
            continue
        for nxt in forms[i + 1 : i + 1 + NEXT_CUE_REACH]:
            if nxt.base in PARTICIPLES or nxt.base in ATTRIBUTIONS or nxt.base in VERBS or nxt.norm in VERBS:
                return tokens[i].start
        if i + 1 < len(forms) and _circumstantial(forms[i + 1]):
            return tokens[i].start
    return end


def _coordinated_cue(forms: list[WordForm], i: int) -> bool:
    """و + a reporting verb whose own complementiser follows (وأكد أن، وشددتا على أن)."""
    form = forms[i]
    if not form.proclitics.startswith("و") or (form.base not in VERBS and form.norm not in VERBS):
        return False
    return any(complementiser(f) for f in forms[i + 1 : i + 3])


def _circumstantial(form: WordForm) -> bool:
    """An active participle in the accusative (مهنئا، مشيدا، معربا): م…ا, five letters or more."""
    word = form.norm.rstrip("ً")
    return not form.proclitics and len(word) >= 5 and word.startswith("م") and word.endswith("ا")


def _sentence_end_finder(doc: Document):  # type: ignore[no-untyped-def]
    ends = [s.end for s in doc.sentences]
    starts = [s.start for s in doc.sentences]

    def sentence_end(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        if i < 0:
            return len(doc.text)
        end = ends[i]
        while end > pos and doc.text[end - 1] in ".!?؟":
            end -= 1
        return end

    return sentence_end
