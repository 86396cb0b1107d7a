"""Who speaks: the subject of each quote's cue, a mention or, when no mention names the
speaker, the phrase that does; a cue without a subject continues the last speaker."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from marsad.index import DocumentIndex
from marsad.model import Document, Mention, Quote, TextSpan
from marsad.quotes.lexicon import (
    ADVERBS,
    ATTRIBUTIONS,
    CLAUSE_WINDOW,
    DOCUMENTS,
    FRAGMENT_VERBS,
    ISSUED_DOCUMENTS,
    NAMELESS_WORDS,
    NOUN_SOURCE_REACH,
    NOUNS,
    PARTICIPLES,
    PREPOSITIONS,
    QUOTE_MARKS,
    RELATIONAL_TITLES,
    RELAY_VERBS,
    SPEAKER_LABELS,
    SUBJECT_WINDOW,
    TOPIC_PARTICLES,
    complementiser,
    is_cue,
)
from marsad.quotes.spans import Found
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word


def _phrase_heads(doc: Document, ix: DocumentIndex) -> dict[int, Mention]:
    """Token index -> the head of the noun phrase over it, as the subject finder reads it.

    Unlike the index's owner of a token (the longest mention), a title heads its phrase:
    a name that starts inside a title is the title's complement (وزير [الخارجية الأميركي]),
    and its tokens belong to the title; a subject is a role or a name, so MISC is left out.
    """
    out: dict[int, Mention] = {}
    for m in sorted(doc.mentions, key=lambda m: (m.label != "TITLE", m.start - m.end)):
        if m.label not in (*SPEAKER_LABELS, "LOC", "TITLE", "NORP"):
            continue
        tokens = ix.mention_tokens[m.id]
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


def attribute(doc: Document, ix: DocumentIndex, found: list[Found]) -> list[Quote]:
    tokens, forms = doc.tokens, ix.forms
    sentence_first = [ix.sentence_first(k) for k in range(len(tokens))]
    in_time = [False] * len(tokens)
    for t in doc.times:
        for k in ix.tokens_of(t.start, t.end):
            in_time[k] = True
    by_token = _phrase_heads(doc, ix)
    context = _Context(ix.starts, by_token, sentence_first, {f.cue for f in found}, in_time, doc.text)
    actor_of = ix.mention_actor
    quotes: list[Quote] = []
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
                id=f"q{len(quotes) + 1}",
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
        and is_cue(forms[cue_index + 2])
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
        if (
            subject is not None
            and context.starts[cue_index + 1] == subject.start
            and _object_of(cue, subject, forms, context)
        ):
            subject = None  # واتهم لندن بممارسة "ضغوط": the one accused, right after the verb, is no speaker
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


def _object_of(cue: WordForm, phrase: TextSpan | Mention, forms: list[WordForm], context: _Context) -> bool:
    """After a verb that takes an object and a ب complement (وصف المحاكمة بأنها، اتهم الحكومة
    بـ، واتهم لندن بممارسة), a name or a definite noun followed by that complement is the
    object; the subject is omitted."""
    if cue.base not in FRAGMENT_VERBS and cue.norm not in FRAGMENT_VERBS:
        return False
    k = bisect_left(context.starts, phrase.end)
    followed = k < len(forms) and "ب" in forms[k].proclitics
    return followed and (isinstance(phrase, Mention) or normalize_word(phrase.text).startswith("ال"))


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
        and not complementiser(form)
        and not is_cue(form)
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
    earlier = [k for k in range(first, cue_index) if is_cue(forms[k])]
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
