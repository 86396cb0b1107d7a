"""The `quotes` pipeline stage: direct and reported speech, each with its cue and speaker.

- direct: words in «…» "…" “…” attributed to someone (a reporting verb or noun
  just before the marks, with or without a colon, or just after them:
  "…"، قال X), and speech after a reporting verb and a colon without marks;
- reported: a complement clause after a reporting expression (أكد X أن …،
  قال إن …، أشار إلى أن …), from the complementiser to the end of the
  sentence or to the next cue (، مضيفا أن …).
The speaker is the subject of the cue: the first person (else organisation) named
between the cue and the quote (وقال المسماري إن، قالت وزارة الخارجية في بيان إن),
else the one named just before the cue (المسماري قال). A cue with no subject
of its own (وأضاف، وتابع، مشيرا إلى) continues the last speaker. A quote
spanning several sentences inside one pair of marks is one quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from marsad.entities.stage import sentence_ranges
from marsad.model import Document, Mention, Quote, QuoteKind, TextSpan, Token
from marsad.text.forms import WordForm, word_forms
from marsad.text.normalize import normalize_word


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize_word(w) for w in text.split())


# Reporting verbs in the forms news uses (past, present, feminine, plural) and
# the participles that attach a further quote to the same speaker.
VERBS = _words(
    """قال قالت قالوا يقول تقول يقولون أكد أكدت أكدوا يؤكد تؤكد أوضح أوضحت يوضح أشار أشارت يشير تشير أضاف أضافت
    يضيف تضيف صرح صرحت لفت لفتت اعتبر اعتبرت يعتبر تعتبر رأى رأت يرى ترى شدد شددت نفى نفت ينفي تنفي حذر حذرت يحذر
    تحذر طالب طالبت أعلن أعلنت يعلن تعلن تابع تابعت ذكر ذكرت يذكر تذكر كشف كشفت أفاد أفادت زعم زعمت ادعى ادعت
    أبلغ أبلغت أعرب أعربت اتهم اتهمت يتهم تتهم دعا دعت وصف وصفت يصف تصف توعد ندد نددت كتب كتبت غرد غردت
    أردف أردفت استطرد أوردت أورد نقل نقلت أقر أقرت رجح رجحت توقع توقعت قالا أكدا تساءل تساءلت نبه نبهت
    أخبر أخبرت طلب طلبت طلبوا يزعم تزعم يزعمون خلص خلصت توصل توصلت تعهد تعهدت نوه نوهت علق علقت قرر
    قررت أعلنوا اعتبروا"""
)
PARTICIPLES = _words(
    "مشيرا مشيرة مضيفا مضيفة مؤكدا مؤكدة موضحا موضحة معتبرا معتبرة لافتا لافتة محذرا محذرة مشددا مشددة قائلا قائلة"
    " زاعما زاعمة منوها منوهة"
)
NOUNS = _words("قوله قولها القول تصريح تصريحات بيان حوار مقابلة رسالة تغريدة")
# verbs that take a quoted word or phrase as their object: وصفه بـ"…"، نددت بـ"…"
FRAGMENT_VERBS = _words("وصف وصفت وصفه وصفها يصف تصف ندد نددت استنكر استنكرت توعد نعت اتهم اتهمت يتهم تتهم نفى نفت")
FRAGMENT_LEADS = _words("بـ ب كـ ك أي بأنه بأنها بوصفه")
FRAGMENT_REACH = 8  # tokens between a fragment's verb and its marks (اتهمت الوزارة، الثلاثاء، الفلسطينيين بـ"…")
ATTRIBUTIONS = _words("بحسب حسب وفق وفقا حسبما")
COMPLEMENTISERS = _words("أن إن")
QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
MIN_DIRECT_WORDS = 3
NEXT_CUE_REACH = 3  # tokens after a comma in which a new cue ends the reported clause before it
ATTRIBUTION_TAIL = 10  # tokens from an attribution (، وفق X) to the end of its sentence
CUE_WINDOW = 20  # tokens between a cue and its quote (a speaker with a long title fits)
SPEAKER_LABELS = ("PER", "ORG")
SUBJECT_WINDOW = 16  # tokens after a cue in which its subject is looked for
CLAUSE_WINDOW = 60  # tokens before a participle in which its clause's subject is looked for
PREPOSITIONS = _words("إلى في مع عن على أمام لدى من عبر ضد مخاطبا مخاطبة")  # and who is addressed
RELAY_VERBS = _words("نقل نقلت ينقل تنقل")
CUES_BEFORE_COMPLEMENTISER = _words("بين بينت")
# a document as a subject (وأضاف البيان) speaks for its issuer: the speaker goes on
DOCUMENTS = _words("البيان بيان التقرير تقرير الكتاب كتاب الرسالة رسالة الوثيقة وثيقة المذكرة مذكرة البرقية برقية")
ISSUED_DOCUMENTS = _words("بيانا بيان تقريرا رسالة تصريحا تغريدة")  # أصدر X بيانا قال فيه
# words between a cue and its subject that are not the subject
ADVERBS = _words(
    "أيضا كذلك مجددا حينها لاحقا بدوره بدورها وقتها آنذاك قد فيما هو هي هم إنه أنه إنها أنها له لها لهم"
    " ما من الذي التي الذين اللذين اللتين اللواتي"
)
QUOTE_MARKS = frozenset('"«“')
# titles of a relation to someone else: the person right after them is that someone
RELATIONAL_TITLES = _words("محامي محامية المحامي مستشار مستشارة المستشار مساعد مساعدة نائب نائبة زوجة زوج ابن ابنة")
NAME_HEADS = _words(
    "صحيفة الصحيفة جريدة الجريدة وكالة الوكالة قناة القناة موقع الموقع مجلة المجلة شبكة الشبكة"
    " إذاعة برنامج البرنامج عملية العملية حملة الحملة مؤتمر منتدى كتاب الكتاب فيلم الفيلم حزب حركة"
    " منظمة جماعة تنظيم ائتلاف تحالف مجموعة هاشتاغ وسم"
)
# particles before a sentence's topic (لكن محللين يقولون، إلا أن اللجنة ردت)
TOPIC_PARTICLES = _words("إلا أن لكن ولكن غير كما كان كانت وكان وكانت بينما فيما")
NOUN_SOURCE_REACH = 3  # tokens from a statement noun to its عن (بيان صادر عن الشرطة)
NAMELESS_WORDS = 4  # the longest nameless subject taken (وسائل إعلام رسمية سورية)


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: QuoteKind
    cue: int  # token index of the cue
    cue_end: int


def _is_cue(form: WordForm) -> bool:
    return form.base in VERBS or form.base in PARTICIPLES or form.base in NOUNS or form.norm in VERBS


def _is_cue_at(forms: list[WordForm], k: int) -> bool:
    """A cue, or a verb that is one only before its complementiser (بين أن "made clear that";
    بين alone is "between")."""
    if forms[k].base in CUES_BEFORE_COMPLEMENTISER:
        return k + 1 < len(forms) and _complementiser(forms[k + 1])
    return _is_cue(forms[k])


def _complementiser(form: WordForm) -> bool:
    """أن، إن، أنه، إنها، بأن، بأنه (the base of the token without its pronoun)."""
    return form.base in COMPLEMENTISERS or normalize_word(form.stem) in COMPLEMENTISERS


_OPENING = re.compile(r'[«“]|(?<![^\s:(،,\-ـبلك])" ?(?=\S)')
_CLOSING = {"«": re.compile("»"), "“": re.compile("”"), '"': re.compile(r'(?<=\S)"(?![^\s.,،:;؛)\-؟!])')}


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


def find_quotes(doc: Document) -> list[Quote]:
    forms = word_forms(doc)
    tokens = doc.tokens
    starts = [t.start for t in tokens]
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
    reported: list[_Found] = []
    for k in range(len(forms)):
        if not _is_cue_at(forms, k) or (reported and tokens[k].start < reported[-1].end):
            continue
        j = k + 1
        limit = min(len(forms), k + CUE_WINDOW)
        while j < limit and not _complementiser(forms[j]) and forms[j].norm not in (":", ".", "؟"):
            if j > k + 1 and (forms[j].base in VERBS or forms[j].base in PARTICIPLES):
                break  # another reporting verb starts its own quote
            if in_long_mark[j] and not _complementiser(forms[j - 1]):
                break  # a quotation mark before any complementiser: a direct quote, found below
            j += 1
        if j >= limit:
            continue
        if forms[j].norm == ":":
            if j + 1 >= len(tokens) or text[tokens[j + 1].start] in QUOTE_PAIRS:
                continue  # a marked quote, found below
            qs, qe = tokens[j + 1].start, sentence_end(tokens[j + 1].start)
            kind: QuoteKind = "direct"
        elif _complementiser(forms[j]):
            qs = forms[j].base_start if forms[j].proclitics == "ب" else tokens[j].start
            qe = _reported_end(forms, tokens, j, sentence_end(qs))
            kind = "reported"
        else:
            continue
        qs, qe = _trim(text, qs, qe)
        if qe - qs >= 2 and not (reported and qs < reported[-1].end):
            reported.append(_Found(qs, qe, kind, k, k + 1))

    # quotes in marks
    reported_starts = [f.start for f in reported]
    direct: list[_Found] = []
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
                direct.append(_Found(*_trim(text, s, e), "direct", cue, cue + 1))
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
            direct.append(_Found(qs, qe, "direct", cue, cue + 1))

    found = sorted(reported + direct, key=lambda f: f.start)
    found = sorted(found + _attributed_sentences(doc, forms, found), key=lambda f: f.start)
    return _attribute(doc, forms, found)


def _attributed_sentences(doc: Document, forms: list[WordForm], found: list[_Found]) -> list[_Found]:
    """A sentence that ends by naming its source is reported speech of that source:
    "قتل 19 شخصا في اشتباكات، وفق وكالة فرانس برس"، "…، وذلك وفق ما أعلنته الشرطة"،
    "استهدفت غارة مطار دمشق بحسب ما أوردت وكالة سانا". The quote is the sentence before the
    attribution, without its leading و; only where no other quote is."""
    out = []
    tokens = doc.tokens
    taken = [(f.start, f.end) for f in found]
    for a, b in sentence_ranges(doc):
        for k in range(a + 1, b):
            if forms[k].base not in ATTRIBUTIONS:
                continue
            lead = k - 1 if forms[k - 1].norm not in ("وذلك", "ذلك") else k - 2
            after_comma = lead > a and forms[lead].norm in ("،", ",")
            explicit = k + 2 < b and forms[k + 1].norm == "ما" and _is_cue(forms[k + 2])  # بحسب ما أوردت
            if not (after_comma or explicit):
                continue
            if b - k > ATTRIBUTION_TAIL:
                break  # the source is not the end of the sentence
            first = forms[a].base_start if forms[a].proclitics == "و" else tokens[a].start
            start, end = _trim(doc.text, first, tokens[lead if after_comma else k].start)
            if end - start >= 2 and not any(s < end and start < e for s, e in taken):
                out.append(_Found(start, end, "reported", k, k + 1))
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
    if _is_cue(word):
        return before
    # the verb's own preposition before or inside the marks: بـ"…"، كـ"…"، "بالإرهاب"
    if word.norm in FRAGMENT_LEADS:
        lead = before - 1
    elif forms[first].proclitics.startswith(("ب", "ك")):
        lead = before
    else:
        return None
    for k in range(lead, max(-1, lead - FRAGMENT_REACH), -1):
        if _is_cue(forms[k]) or forms[k].base in FRAGMENT_VERBS:
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
        if nearest is None and _is_cue(forms[i]):
            nearest = i
    return nearest


def _cue_after(forms: list[WordForm], last: int) -> int | None:
    """ "…"، قال X: a cue right after the closing mark."""
    for i in range(last, min(len(forms), last + 4)):
        if _is_cue(forms[i]) or forms[i].base in ATTRIBUTIONS:
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
        if forms[i].norm not in ("،", ","):
            continue
        for nxt in forms[i + 1 : i + 1 + NEXT_CUE_REACH]:
            if nxt.base in PARTICIPLES or nxt.base in ATTRIBUTIONS or nxt.base in VERBS or nxt.norm in VERBS:
                return tokens[i].start
        if i + 1 < len(forms) and _circumstantial(forms[i + 1]):
            return tokens[i].start
    return end


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


def _mentions_by_token(doc: Document) -> dict[int, Mention]:
    """Token index -> the longest PER/ORG/LOC/TITLE/NORP mention over it. A name that starts
    inside a title is the title's complement (وزير [الخارجية الأميركي]): its tokens belong to
    the title, the head of the phrase."""
    starts = [t.start for t in doc.tokens]
    out: dict[int, Mention] = {}
    for m in sorted(doc.mentions, key=lambda m: (m.label != "TITLE", m.start - m.end)):
        if m.label not in (*SPEAKER_LABELS, "LOC", "TITLE", "NORP"):
            continue
        tokens = range(max(0, bisect_right(starts, m.start) - 1), bisect_left(starts, m.end))
        if tokens:
            owner = out.get(tokens[0])
            if owner is not None and owner.label == "TITLE" and owner.start < m.start:
                m = owner
        for k in tokens:
            out.setdefault(k, m)
    return out


@dataclass(slots=True)
class _Context:
    """What speaker finding looks up, built once per document."""

    starts: list[int]  # token start offsets
    by_token: dict[int, Mention]
    sentence_first: list[int]  # token index -> first token of its sentence
    quote_cues: set[int]  # token indexes of the cues of found quotes
    in_time: list[bool]  # token index -> inside a time expression (وقال اليوم الخميس)
    text: str


def _attribute(doc: Document, forms: list[WordForm], found: list[_Found]) -> list[Quote]:
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    sentence_first = [0] * len(tokens)
    for a, b in sentence_ranges(doc):
        for k in range(a, b):
            sentence_first[k] = a
    in_time = [False] * len(tokens)
    for t in doc.times:
        for k in range(bisect_right(starts, t.start) - 1, bisect_left(starts, t.end)):
            in_time[max(k, 0)] = True
    context = _Context(starts, _mentions_by_token(doc), sentence_first, {f.cue for f in found}, in_time, doc.text)
    actor_of = {mid: a.id for a in doc.actors for mid in a.mentions}
    quotes = []
    last_speaker: Mention | TextSpan | None = None
    for f in found:
        cue_token = tokens[f.cue]
        cue_start = forms[f.cue].base_start
        cue = TextSpan(cue_start, cue_token.end, doc.text[cue_start : cue_token.end])
        # a source named after its quote ("…، وفق رويترز") is looked for up to the sentence end
        bound = f.start if f.start > cue_start else len(doc.text)
        speaker = _speaker(f.cue, bound, forms, context) or last_speaker or _nearest_person(f.cue, context)
        if forms[f.cue].base not in ATTRIBUTIONS:  # a source named in passing (، بحسب رويترز) is not who speaks on
            last_speaker = speaker  # وأضاف، وتابع: the same speaker goes on
        mention = speaker if isinstance(speaker, Mention) else None
        quotes.append(
            Quote(
                start=f.start,
                end=f.end,
                text=doc.text[f.start : f.end],
                speaker_mention=mention.id if mention else None,
                speaker_actor=actor_of.get(mention.id) if mention else None,
                cue=cue,
                kind=f.kind,
                speaker_phrase=speaker if isinstance(speaker, TextSpan) else None,
            )
        )
    return quotes


def _nearest_person(cue_index: int, context: _Context) -> Mention | None:
    """A cue with no subject and no speaker before it ("وتحدث نافالني إلى الصحفيين … . وقال:")
    continues the person named last before it."""
    for k in range(cue_index - 1, max(-1, cue_index - CLAUSE_WINDOW), -1):
        m = context.by_token.get(k)
        if m is not None and m.label == "PER":
            return m
    return None


def _speaker(
    cue_index: int,
    quote_start: int,
    forms: list[WordForm],
    context: _Context,
) -> Mention | TextSpan | None:
    """The subject of a cue, or None when it has none of its own (a continuation).

    Arabic puts the verb first, and its subject right after it: the first name after
    the cue that no preposition governs ("قال الإمام لبي بي سي": الإمام, not the
    addressee). A title there introduces the person named after it, if any ("قالت
    المتحدثة باسم وزارة الخارجية الروسية، ماريا زخاروفا"). Else the subject comes
    before the verb: a name just before the cue ("المسماري قال"), or the subject of
    the clause the cue is coordinated with ("وأعلنت روسيا …، مؤكدة"; "رفض X …، وقال").
    A country right after the verb speaks for its government ("وقالت بريطانيا إن"). A
    subject no mention covers is returned as its words ("وقال مجلس القضاء الأعلى في بيان").
    """
    by_token = context.by_token
    sentence_first = context.sentence_first[cue_index]
    issuer = _issuing_verb(cue_index, forms, context)
    if issuer is not None:
        verb, document = issuer
        return _speaker(verb, context.starts[document], forms, context)
    cue = forms[cue_index]
    if (
        cue.base in ATTRIBUTIONS
        and cue_index + 2 < len(forms)
        and forms[cue_index + 1].norm == "ما"
        and _is_cue(forms[cue_index + 2])
    ):
        return _speaker(cue_index + 2, quote_start, forms, context)  # بحسب ما ذكرت وسائل إعلام
    if cue.base in RELAY_VERBS and cue.suffix:
        return None  # بحسب صور نقلها التلفزيون الرسمي: the channel relays what the last speaker said
    if cue.base in NOUNS:
        # في بيان صادر عن الشرطة: the one after عن; "ونعت الكنيسة الراهب في بيان": the clause's subject
        source = _relayed_source(cue_index, quote_start, forms, context)
        if source is not None:
            return source
        clause_verb = _clause_start(cue_index, forms, sentence_first)
        if clause_verb is not None and forms[clause_verb].base not in PREPOSITIONS:
            return _speaker(clause_verb, context.starts[cue_index], forms, context)
        return _clause_subject(cue_index, forms, context, max(sentence_first, cue_index - CLAUSE_WINDOW))
    if cue.base not in PARTICIPLES:
        after: list[tuple[int, Mention]] = []
        seen: set[str] = set()
        k = cue_index + 1
        while k < len(forms) and forms[k].base_start < quote_start and k <= cue_index + SUBJECT_WINDOW:
            if forms[k].norm in (".", "؟", "!"):
                break
            m = by_token.get(k)
            if m is not None and m.id not in seen:
                seen.add(m.id)
                if not _governed(k, m, forms, context.starts):
                    after.append((k, m))
            k += 1
        subject = _subject_phrase(cue_index, after, context.text)
        source = _relayed_source(cue_index, quote_start, forms, context)
        if source is not None:
            return source  # نقلت وكالة الصحافة الفرنسية عن نتانياهو قوله: the agency only relays
        nameless = _nameless_subject(cue_index, quote_start, forms, context)
        if nameless is not None and not _object_of(cue, nameless, forms, context):
            return nameless
        if subject is not None and subject.label in ("TITLE", "NORP"):
            return _title_and_unknown_name(subject, quote_start, forms, context)
        if subject is not None:
            return subject
        for k in (cue_index - 1, cue_index - 2):
            if k < 0 or forms[k].norm in (".", "؟", "!", ":", '"', "»", "،", ","):
                break
            m = by_token.get(k)
            if m is not None and m.label in (*SPEAKER_LABELS, "LOC", "TITLE"):
                return m
        fronted = _fronted_subject(cue_index, forms, context)
        if fronted is not None:
            return fronted
    return _clause_subject(cue_index, forms, context, max(sentence_first, cue_index - CLAUSE_WINDOW))


def _fronted_subject(cue_index: int, forms: list[WordForm], context: _Context) -> TextSpan | None:
    """A clause that is only a noun phrase and the cue puts the subject first: "صحيفة الحياة
    كتبت أن …" (the phrase, when no mention covers it)."""
    first = _clause_start(cue_index, forms, context.sentence_first[cue_index])
    if first is None or cue_index - first > NAMELESS_WORDS or forms[first].proclitics:
        return None
    for k in range(first, cue_index):
        m = context.by_token.get(k)
        if m is not None and m.label not in ("NORP", "LOC"):
            return None
        if m is None and not _nominal(forms[k]):
            return None
    start, end = forms[first].base_start, forms[cue_index - 1].base_end
    return TextSpan(start, end, context.text[start:end])


def _issuing_verb(cue_index: int, forms: list[WordForm], context: _Context) -> tuple[int, int] | None:
    """In "وأصدرت وزارة الأمن العام الصينية بيانا، الإثنين، أعلنت فيه" the speaker is the subject
    of the verb that issued the statement: (that verb's index, the statement noun's index)."""
    first = context.sentence_first[cue_index]
    d = cue_index - 1
    while d > first and (forms[d].norm in ("،", ",") or context.in_time[d]):
        d -= 1
    if d < 1 or forms[d].base not in ISSUED_DOCUMENTS:
        return None
    k = _clause_start(d, forms, first)
    return (k, d) if k is not None else None


def _clause_start(k: int, forms: list[WordForm], sentence_first: int) -> int | None:
    """The first word of the clause before token k (after the last comma or colon), taken as its
    verb; None when nothing stands between."""
    j = k - 1
    while j > sentence_first and forms[j - 1].norm not in ("،", ",", ":", ".", "؟", "!"):
        j -= 1
    return j if j < k - 1 else None


def _nameless_subject(cue_index: int, quote_start: int, forms: list[WordForm], context: _Context) -> TextSpan | None:
    """The words right after a cue when they are a noun phrase no mention covers: the subject
    is then a nameless or unrecognised one ("وذكرت وسائل إعلام إسرائيلية"، "وقال أحدهم"،
    "وقالت الشبكة في بيان"), and no later name may stand in for it. Adverbs and time
    expressions before it are skipped (وقال أيضا، وقالت الخميس); nationality adjectives and
    places inside it are part of it (قائد شرطة كابول); a name in marks after it
    belongs to it (وذكرت وكالة "رويترز"); a name just after it makes it a title (دعا رجل
    الدين الشيعي مقتدى الصدر): then the name is the subject, found by the caller."""
    n = len(forms)
    k = cue_index + 1
    while k < n and (forms[k].norm in ADVERBS or context.in_time[k]):
        k += 1
    first = k
    while (
        k < n
        and k - first < NAMELESS_WORDS
        and forms[k].base_start < quote_start
        and (k not in context.by_token or (k > first and context.by_token[k].label in ("NORP", "LOC")))
        and not context.in_time[k]
        and _nominal(forms[k])
    ):
        k += 1
    if k == first or forms[first].norm in DOCUMENTS:
        return None
    if k < n and forms[k].norm[:1] in QUOTE_MARKS:
        close = next((j for j in range(k + 1, min(n, k + 8)) if forms[j].norm[:1] in QUOTE_MARKS), None)
        if close is not None:
            k = close + 1  # وكالة "رويترز": the name in marks is part of the subject
    after = [k, k + 1] if k < n and forms[k].norm in ("،", ",") else [k]  # right after, or after a comma
    for j in (j for j in after if j < n):
        m = context.by_token.get(j)
        if m is not None and m.label in SPEAKER_LABELS and not _governed(j, m, forms, context.starts):
            return None
    start, end = forms[first].base_start, forms[k - 1].base_end
    return TextSpan(start, end, context.text[start:end])


def _object_of(cue: WordForm, phrase: TextSpan, forms: list[WordForm], context: _Context) -> bool:
    """After a verb that takes an object and a ب complement (وصف المحاكمة بأنها، اتهم الحكومة
    بـ), a definite noun followed by that complement is the object; the subject is omitted."""
    if cue.base not in FRAGMENT_VERBS and cue.norm not in FRAGMENT_VERBS:
        return False
    k = bisect_left(context.starts, phrase.end)
    followed = k < len(forms) and "ب" in forms[k].proclitics
    return followed and normalize_word(phrase.text).startswith("ال")


def _nominal(form: WordForm) -> bool:
    """Could this word be (part of) a noun phrase that is a verb's subject? Not punctuation,
    a preposition, a complementiser, a cue, an adverb, a word with ب/ل/ك attached, nor an
    indefinite accusative (آسفا، مؤكدا: how the speaker spoke, not who)."""
    word = form.norm.rstrip("ً")
    return (
        len(word) >= 2
        and word.isalpha()
        and "ـ" not in word
        and not any(c in form.proclitics for c in "بلك")
        and form.base not in PREPOSITIONS
        and form.norm not in ADVERBS
        and not (word.endswith("ا") and not word.startswith("ال") and len(word) >= 4)
        and not _complementiser(form)
        and not _is_cue(form)
    )


def _relayed_source(
    cue_index: int, quote_start: int, forms: list[WordForm], context: _Context
) -> Mention | TextSpan | None:
    """After نقل/نقلت (or a statement noun: بيان صادر عن), the one named after عن is the
    speaker; the subject is the channel."""
    if forms[cue_index].base in NOUNS:
        reach = NOUN_SOURCE_REACH  # بيان صادر عن، not a later عن of the clause (دافع عن)
    elif forms[cue_index].base in RELAY_VERBS:
        reach = SUBJECT_WINDOW
    else:
        return None
    k = cue_index + 1
    while k < len(forms) and forms[k].base_start < quote_start and k <= cue_index + reach:
        if forms[k].norm in (".", "؟", "!"):
            return None
        if forms[k].norm == "عن":
            if k + 1 < len(forms) and k + 1 in context.by_token:
                return context.by_token[k + 1]
            return _nameless_subject(k, quote_start, forms, context)  # صادر عن الشرطة
        k += 1
    return None


def _title_and_unknown_name(
    title: Mention, quote_start: int, forms: list[WordForm], context: _Context
) -> Mention | TextSpan:
    """A title followed by words no mention covers (وأضافت دكتورة أخيلة، وأفاد قائد شرطة كابول
    داوود أمين) names someone the tagger missed: the title with those words is the speaker
    phrase. Else the title speaks."""
    k = bisect_left(context.starts, title.end)
    if (
        k < len(forms)
        and k not in context.by_token
        and forms[k].base_start < quote_start
        and not context.in_time[k]
        and _nominal(forms[k])
        and not forms[k].norm.startswith("ال")  # an adjective (الرئيس السابق), not a name
    ):
        rest = _nameless_subject(k - 1, quote_start, forms, context)
        end = rest.end if rest is not None else forms[k].base_end
        return TextSpan(title.start, end, context.text[title.start : end])
    return title


def _governed(k: int, mention: Mention, forms: list[WordForm], starts: list[int]) -> bool:
    """A name after a preposition, or with ل attached (لبي بي سي، للصحفيين، إلى مجلس
    الأمن), is an addressee or a circumstance, never a subject. An attached ب counts
    only for organisations and places: in a person's name it is often the first letter
    (بكير بوزداغ)."""
    attached = forms[k].proclitics
    if mention.start > starts[k] and not attached:
        attached = forms[k].norm[0]  # a letter the tagger left out of the name
    if "ل" in attached or ("ب" in attached and mention.label != "PER"):
        return True
    return k > 0 and forms[k - 1].norm in PREPOSITIONS


def _subject_phrase(cue_index: int, after: list[tuple[int, Mention]], text: str) -> Mention | None:
    """The subject among the ungoverned names after a cue: the first person or organisation;
    a country only right after the cue; a title or nationality first introduces the person
    named after it, else is the (nameless) subject itself."""
    for n, (k, m) in enumerate(after):
        if m.label in SPEAKER_LABELS:
            return m
        if m.label == "LOC":
            if k <= cue_index + 2:
                return m
            continue
        if m.label in ("TITLE", "NORP"):
            holder = _title_holder(after[n + 1 :])
            return _relation_holder(m, holder, after, text) if holder is not None else m
    return None


def _title_holder(rest: list[tuple[int, Mention]]) -> Mention | None:
    """The person a title introduces among the names after it: the first person, unless
    another title comes before that person and a further person follows ("مستشار الرئيس
    الأمريكي دونالد ترامب للأمن القومي، جون بولتون": Trump holds the second title; Bolton
    is the adviser)."""
    people = [(n, m) for n, (_, m) in enumerate(rest) if m.label == "PER"]
    if not people:
        return None
    n, first = people[0]
    titled = any(m.label == "TITLE" for _, m in rest[:n])
    return people[1][1] if titled and len(people) > 1 else first


def _relation_holder(title: Mention, holder: Mention, after: list[tuple[int, Mention]], text: str) -> Mention:
    """After a title of relation the first person is whose lawyer (adviser, deputy, wife …) is
    meant; the person after the comma holds it ("محامي ستورمي دانيلز، مايكل أفيناتي")."""
    if normalize_word(title.text).split()[0] not in RELATIONAL_TITLES:
        return holder
    later = [m for _, m in after if m.start > holder.end and m.label == "PER"]
    if later and text[holder.end : later[0].start].strip() in ("،", ","):
        return later[0]
    return holder


def _clause_subject(cue_index: int, forms: list[WordForm], context: _Context, first: int) -> Mention | TextSpan | None:
    """The subject of the clause a participle or a coordinated verb hangs on: the first
    ungoverned person or organisation (else country) of its sentence ("ووجه ترامب إنذارا … قائلا";
    "وأعلنت روسيا اتخاذ …، مؤكدة"), else a nameless one ("وأكد مصدر عسكري …، مشيرا").
    A reporting verb before it without a quote of its own ("ودعا غوتيريس إيران …، معتبرا")
    gives its subject; one with a quote, None: the cue continues that quote's speaker."""
    earlier = [k for k in range(first, cue_index) if _is_cue(forms[k])]
    if any(k in context.quote_cues for k in earlier):
        return None
    if earlier:
        return _speaker(earlier[-1], context.starts[cue_index], forms, context)
    ungoverned = [
        m
        for k in range(first, cue_index)
        if (m := context.by_token.get(k)) is not None and not _governed(k, m, forms, context.starts)
    ]
    for labels in (SPEAKER_LABELS, ("LOC",), ("TITLE",)):  # a dateline's place is no subject
        found = next((m for m in ungoverned if m.label in labels), None)
        if found is not None:
            return found
    # a nameless topic the sentence opens with: "لكن محللين يقولون"، "إلا أن لجنة الانتخابات ردت"
    k = first
    while k < cue_index and forms[k].norm in TOPIC_PARTICLES:
        k += 1
    return _nameless_subject(k - 1, context.starts[cue_index], forms, context) if k > first else None


def extract_quotes(doc: Document) -> Document:
    """Fill `doc.quotes`."""
    doc.quotes = find_quotes(doc)
    return doc
