"""The `events` pipeline stage: PLOVER events, each with its evidence, in `doc.events`.

For every trigger of the lexicon in a sentence (قتل، طالب، فرض عقوبات …):
1. its clause (clauses.py) and whether the clause tells news or background: history, totals,
   conditions, negations, questions, examples and purposes are not events; a plan or a future
   tense turns cooperation into AGREE and force into THREATEN, as PLOVER codes intentions;
2. its actor and recipient by Arabic word order, its place, its date (participants.py) and its
   size (size.py); an event told inside a quote keeps the quote and the speaker as its source;
3. one record per happening: the same type told again in the same sentence, or in another with
   the same participants, place and date, adds a trigger to the first record.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from marsad.events.clauses import background, background_marks, clause_of, stale
from marsad.events.filter import FILTERED_TYPES, LABEL_YES, Told, features
from marsad.events.lexicon import Trigger, key, keyed, lexicon, token_keys
from marsad.events.ontology import ontology
from marsad.events.participants import Finder, Named
from marsad.events.size import find_size
from marsad.index import DocumentIndex, index
from marsad.model import Document, Event, EventSize, Participant, Quote, Sentence, TextSpan
from marsad.resources import Resources

# what a plan or a future tense of each type is coded as (None: not an event yet)
FUTURE: dict[str, tuple[str, str | None] | None] = {
    "AGREE": ("AGREE", None),
    "CONSULT": ("CONSULT", None),  # a meeting announced for a day is a meeting, with that day
    "SUPPORT": ("AGREE", None),
    "COOPERATE": ("AGREE", None),
    "AID": ("AGREE", None),
    "RETREAT": ("AGREE", None),
    "CONCEDE": ("AGREE", None),
    "ASSAULT": ("THREATEN", "violence"),
    "COERCE": ("THREATEN", "arrest"),
    "SANCTION": ("THREATEN", "relations"),
    "MOBILIZE": ("MOBILIZE", None),
    "THREATEN": ("THREATEN", None),
    "REQUEST": None,
    "ACCUSE": None,
    "REJECT": None,
    "PROTEST": None,
}
MERGE_SENTENCES = 12  # an article retells a happening within this many sentences
MERGE_CANDIDATES = 20  # earlier events of a type a new one is compared with
ARMED_EVENTS = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
VICTIM_EVENTS = frozenset({"ASSAULT", "COERCE"})
UNARMED_SECTORS = frozenset({"CVL", "MED", "EDU", "JRN", "BUS", "REL", "NGO", "REF", "AGR", "LAB", "HRI", "ELI"})
SIZE_KIND = {"ASSAULT": "dead", "COERCE": "arrested"}
# words in an ASSAULT's clause that say how it was done
ASSAULT_MODES = keyed(
    {
        "aerial": "جوي جوية غارة غارات طائرات طائرة الطيران مقاتلات",
        "drone": "مسيرة مسيرات طيار",
        "suicide-attack": "انتحاري انتحارية",
        "explosives": "مفخخة مفخخ عبوة ناسفة متفجرات لغم ألغام",
        "heavy-weapons": "صاروخ صواريخ قذائف قذيفة مدفعي مدفعية هاون دبابات",
        "firearms": "رصاص الرصاص نار نيران",
    }
)
CONTEXT_WORDS = keyed(
    {
        "election": "انتخابات الانتخابات انتخاب الاقتراع التصويت الانتخابية",
        "terrorism": "إرهاب الإرهاب إرهابي الإرهابية الإرهابيين المتطرفة متطرفين داعش القاعدة",
        "diplomatic": "السفير سفير السفارة الدبلوماسية دبلوماسي",
        "economic": "اقتصادية الاقتصاد التجارة الرسوم الجمركية",
        "human_rights": "حقوق الإنسان",
        "migration": "اللاجئين المهاجرين اللاجئون",
    }
)
SECTOR_CONTEXTS = {"MIL": "military", "JUD": "legal", "LEG": "legislative", "SPY": "intelligence"}
KIND_CONFIDENCE = {"phrase": 0.85, "verb": 0.8, "noun": 0.65}
AGREE_WITH = "اتفق مع"
VERBAL_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN", "AGREE"})
NOUN_BEFORE = frozenset(key(w) for w in "قبل بعد ظل عقب إثر رغم".split())  # قبل رفض طلبهم
DECLINED = frozenset(key(w) for w in "التعليق الإدلاء الكشف الإفصاح الرد".split())  # رفض التعليق
# participles that continue the sentence's subject (أدانت الإمارات الهجوم، داعية المجتمع الدولي …)
CIRCUMSTANTIAL = frozenset(
    key(w) for w in "داعيا داعية مطالبا مطالبة منددا مندده محذرا محذرة متهما متهمة مشيدا مرحبا رافضا مهددا".split()
)
COUNTED_REACH = 4  # tokens after a count where the name of the counted may begin (20 من مسلحي …)
# words a present-tense verb follows as a verb, not as a description of a noun (أن يمنع، لا يمنع)
VERB_PARTICLES = frozenset(
    key(w)
    for w in "أن ان لن لم لا قد كي سوف ثم ما إذا اذا حين عندما بينما حتى لكي كما فيما مما بما إن لكن بل أو او هل ليس"
    " كان كانت يكون تكون بات باتت ظل ظلت أصبح أصبحت بدأ بدأت راح عاد يزال زال أخذ".split()
)
RELATIVES = frozenset(key(w) for w in "الذي التي الذين اللذين اللتين ما من".split())
# the types whose object is an act not yet done (طالب بـ، دعا إلى، تعهد بـ، هدد بـ); not على:
# too many other verbs take it (حصلوا على إفراج مؤقت: a release that happened)
ASKING = frozenset({"REQUEST", "AGREE", "THREATEN"})
OBJECT_PREPOSITIONS = frozenset({key("إلى")})
AGREEMENT_NOUNS = frozenset(key(w) for w in "الاتفاق اتفاق الاتفاقية اتفاقية المعاهدة معاهدة الصفقة".split())
# what a pledge to hit back promises (تعهد برد قوي، تعهد بالانتصار على): a threat, not an agreement
# (برد: the segmenter keeps the ب of برد, a word of its own, cold)
RETALIATION = frozenset(key(w) for w in "رد برد انتقام ثأر انتصار سحق معاقبة عقاب القصاص".split())
PLEDGE_REACH = 20  # tokens after تعهد in which what it promises comes (after its subject, a date …)
PROTESTERS = "متظاهر"  # the lexicon's entry for the words that name protesters
DRONE_NOUNS = frozenset(key(w) for w in ("طائرة", "طائرات"))


@dataclass(slots=True)
class Candidate:
    event: Event
    sentence_index: int
    triggers: list[tuple[Trigger, int]]  # lexicon entry and first token of each telling

    @property
    def told(self) -> Told:
        return Told(tuple(self.triggers), self.sentence_index)


def _quote_at(quotes: list[Quote], starts: list[int], offset: int) -> Quote | None:
    """The quote around an offset (quotes are in text order and do not overlap)."""
    i = bisect_right(starts, offset) - 1
    return quotes[i] if i >= 0 and quotes[i].start <= offset < quotes[i].end else None


def _speaker(ix: DocumentIndex, quote: Quote) -> list[Named]:
    if quote.speaker_mention is not None and quote.speaker_mention in ix.mentions:
        span = ix.mention_tokens[quote.speaker_mention]
        return [Named(span.start, span.stop, ix.mentions[quote.speaker_mention])]
    return []


def _with_suffix_forms(ix: DocumentIndex, keys: list[str], words: dict[str, Trigger]) -> list[str]:
    """A noun in ة or ء before a pronoun is written with ت or ئ (زيارته، لقائه): its key, when
    that is a trigger, is the bare noun's (زياره، لقاء)."""
    for k, form in enumerate(ix.forms):
        if form.suffix and keys[k] not in words and keys[k][-1:] in ("ت", "ئ", "ؤ"):
            bare = keys[k][:-1] + ("ه" if keys[k].endswith("ت") else "ء")
            if bare in words:
                keys[k] = bare
    return keys


def _skip(ix: DocumentIndex, keys: list[str], first: int, trigger: Trigger) -> bool:
    """Words that are triggers in most places but not here: a stem the lexicon got by reading a
    letter of its word as a proclitic, in a word without that letter; a word inside an organisation's name;
    مسيرة after طائرة is a drone; الداعية is a preacher; a
    statement's verb used as a noun (قبل رفض طلبهم، في ظل الرفض، بعد إدانتها) names no one's act;
    رفض التعليق is declining to comment."""
    form = ix.forms[first]
    if trigger.clipped and not form.proclitics.endswith(trigger.clipped):
        return True  # جرت is not فجرت، الأفق not وافق: the word lacks the letters its entry was read with
    owner = ix.token_mention[first]
    if owner is not None and owner.label in ("ORG", "MISC") and ix.mention_tokens[owner.id].start < first:
        return True  # منظمة حظر الأسلحة الكيميائية: a word of a name
    if trigger.lemma == "مسيرة":
        return first > 0 and keys[first - 1] in DRONE_NOUNS
    if trigger.kind == "noun" and first > 0 and keys[first - 1] in NOUN_BEFORE:
        return True  # إثر القمة، بعد الهجوم: a time given by an event told elsewhere
    if trigger.kind == "verb" and first > 0 and _describes(ix, first):
        return True  # قانون يمنع الشركات، منطقة يمنع فيها الطيران: what a thing does, not an act
    if trigger.lemma == "وصف" and first > 0 and keys[first - 1] in RELATIVES:
        return True  # على من وصفهم بـ"الخوارج": the speaker's word for someone, not an act
    if trigger.lemma == "داعيا":  # with the article a noun or an adjective: الداعية the preacher, القرارات الداعية إلى
        return form.base.startswith("ال")
    if trigger.type in VERBAL_TYPES and trigger.kind == "verb":
        if form.base.startswith("ال") or any(c in form.proclitics for c in "بلك"):
            return True
        if first > 0 and ix.forms[first - 1].norm in NOUN_BEFORE:
            return True
        if form.suffix and keys[first].endswith("ت") and trigger.lemma == "أدان":
            return True  # إدانتها: her conviction, not أدانت
    return trigger.type == "REJECT" and first + 1 < len(keys) and keys[first + 1] in DECLINED


def _mode(
    ix: DocumentIndex, keys: list[str], clause: range, trigger: Trigger, type_: str, mode: str | None
) -> str | None:
    if type_ != "ASSAULT" or trigger.type != "ASSAULT" or mode not in (None, "firearms", "heavy-weapons"):
        return mode
    for k in clause:
        found = ASSAULT_MODES.get(keys[k])
        if found is not None:
            return found
    return mode


def _contexts(participants: list[str | None], worded: tuple[str, ...]) -> list[str]:
    """The contexts of an event: its participants' sectors', then those its sentence's words
    name (`worded`: _worded_contexts of the sentence)."""
    found: list[str] = []
    for context in [*(SECTOR_CONTEXTS.get(sector or "") for sector in participants), *worded]:
        if context and context not in found:
            found.append(context)
    return found


def _worded_contexts(keys: list[str], sentence: range) -> tuple[str, ...]:
    return tuple(c for c in (CONTEXT_WORDS.get(keys[k]) for k in sentence) if c)


def _first_person(base: str, words: dict[str, Trigger]) -> bool:
    """نرحب، رحبنا: the speaker's own act. A verb in the first person plural is a trigger's
    present with ن for ي, or its past with نا (a past verb that starts with ن, نفى، ندد, is not)."""
    k = key(base)
    return (k.startswith("ن") and "ي" + k[1:] in words) or (k.endswith("نا") and k[:-2] in words)


def code_events(doc: Document, resources: Resources | None = None) -> Document:
    """Fill `doc.events` from the triggers in the text and everything the earlier stages found."""
    res = resources or Resources.default()
    # a stream through filter and merge: a retelling merged away is freed at once
    doc.events = [c.event for c in _merge(_filtered(doc, res, candidates(doc, res)), within_sentences=False)]
    for n, event in enumerate(doc.events, start=1):
        event.id = f"e{n}"
    return doc


def _filtered(doc: Document, res: Resources, tellings: Iterable[Candidate]) -> Iterator[Candidate]:
    """The candidates the event filter keeps (those of FILTERED_TYPES it scores below their
    type's threshold are background), with its probability as their confidence."""
    scorer = res.event_filter()
    ix = index(doc)
    for c in tellings:
        if scorer is not None and c.event.type in FILTERED_TYPES:
            tagger, thresholds = scorer
            tagger.set([features(doc, ix, c.event, c.told)])
            probability = tagger.marginal(LABEL_YES, 0)
            if probability < thresholds.get(c.event.type, 0.5):
                continue
            c.event.confidence = probability
        yield c


def candidates(doc: Document, resources: Resources) -> Iterator[Candidate]:
    """The events the rules find, one per happening told in a sentence, before the filter,
    sentence by sentence (a long document's candidates are never all held at once)."""
    ix = index(doc)
    if not ix.forms:
        return
    finder = Finder(doc, ix, resources.kb)
    lex = lexicon()
    keys = _with_suffix_forms(ix, token_keys(ix.forms), lex.words)
    history = background_marks(doc, ix)
    quotes = sorted(doc.quotes, key=lambda q: q.start)
    quote_starts = [q.start for q in quotes]
    types = ontology().types
    last_subject: list[Named] = []
    worded_contexts: dict[range, tuple[str, ...]] = {}  # by sentence
    for sentence_index, (a, b) in enumerate(ix.sentence_ranges()):
        found_events: list[Candidate] = []
        asked = range(0)  # the rest of the clause of the last demand, pledge or threat
        for first, end, trigger in lex.find(keys, a, b):
            if _skip(ix, keys, first, trigger):
                continue
            if first in asked and _asked_for(ix, keys, first, trigger):
                continue  # طالب ترامب بإطلاق سراحه، هدد بفرض عقوبات: what is asked for has not happened
            clause = clause_of(ix, first)
            if trigger.type in ASKING:
                asked = range(end, clause.tokens.stop)
            told = background(ix, clause, first, history)
            if told.reason:
                continue
            type_, mode = trigger.type, trigger.mode
            if trigger.lemma == AGREE_WITH and any(keys[k] == "علي" for k in range(end, clause.tokens.stop)):
                type_ = "AGREE"  # اتفق مع X على: agreed on something, not with someone's view
            if trigger.type == "RETREAT" and _from_agreement(keys, end, clause.tokens.stop):
                type_, mode = "SANCTION", "withdraw"  # الانسحاب من الاتفاق النووي: ending relations
            if trigger.lemma == "تعهد" and any(
                keys[k] in RETALIATION for k in range(end, min(end + PLEDGE_REACH, clause.tokens.stop))
            ):
                type_, mode = "THREATEN", None
            if told.future:
                planned = FUTURE[type_]
                if planned is None:
                    continue
                type_, mode = planned[0], planned[1] or (mode if planned[0] == type_ else None)
            spoken = trigger.kind != "noun" and _first_person(ix.forms[first].base, lex.words)
            found = finder.participants(clause.tokens, first, end, trigger, first_person=spoken)
            trigger_start, trigger_end = ix.forms[first].base_start, ix.forms[end - 1].base_end
            quote = _quote_at(quotes, quote_starts, trigger_start)
            actor = found.actor
            if not actor and quote is not None and spoken:
                actor = _speaker(ix, quote)  # نرحب: the speaker's own act
            passive = type_ == "ASSAULT" and found.recipient and first == clause.tokens.start
            acts = trigger.kind != "noun" or keys[first] in CIRCUMSTANTIAL
            if not actor and acts and not passive:  # قتل عنصرين at a clause's head: passive
                actor = finder.pro_drop(clause.sentence, clause.tokens.start) or last_subject  # pro-drop
            if found.actor:
                last_subject = found.actor
            named = actor + found.recipient
            taken = set(range(min(n.first for n in named), max(n.end for n in named))) if named else set()
            place, place_mention, place_source = finder.place(type_, clause.tokens, clause.sentence, first, taken)
            date, time_id, date_source = finder.date(clause.tokens, clause.sentence, first)
            if date_source in ("clause", "sentence") and stale(doc.published, date):
                # dated months before the news: background. Tested after the participants, as its
                # subject may still be the dropped subject of a later verb (last_subject)
                continue
            actor_records = finder.records(actor, type_, acting=True)
            if type_ in ARMED_EVENTS:
                # who attacks or arrests is armed or a state: a hospital, children or a district
                # named where the attacker would be are the attacked or the place
                actor_records = [p for p in actor_records if p.sector not in UNARMED_SECTORS]
            recipient_records = finder.records(found.recipient, type_, acting=False)
            size = find_size(doc.text, ix.forms, clause.tokens, first, end, SIZE_KIND.get(type_))
            place_country = place.country if place is not None else None
            if type_ in VICTIM_EVENTS and not recipient_records:
                recipient_records = _counted(doc, ix, finder, size, type_, clause.tokens.stop, place_country)
            if type_ == "PROTEST" and not actor_records and trigger.lemma == PROTESTERS:
                # محتجون غاضبون، المتظاهرين: the word that tells the protest names who protested
                actor_records = [Participant(trigger_start, trigger_end, doc.text[trigger_start:trigger_end], None,
                                             None, None, place_country, "CVL")]  # fmt: skip
            for p in actor_records + recipient_records:
                if p.country is None and p.actor is None and p.mention is None and p.sector is not None:
                    p.country = place_country  # امرأة، مسلحون مجهولون: of the place's country
            kind = types[type_]
            if clause.sentence not in worded_contexts:
                worded_contexts[clause.sentence] = _worded_contexts(keys, clause.sentence)
            worded = worded_contexts[clause.sentence]
            confidence = KIND_CONFIDENCE[trigger.kind] * (1.0 if actor_records else 0.8) * (0.9 if quote else 1.0)
            sentence = Sentence(ix.forms[clause.sentence.start].base_start, ix.forms[clause.sentence.stop - 1].base_end)
            mode = _mode(ix, keys, clause.tokens, trigger, type_, mode)
            event = Event(
                id="",
                type=type_,
                mode=mode,
                context=_contexts([p.sector for p in actor_records + recipient_records], worded),
                triggers=[TextSpan(trigger_start, trigger_end, doc.text[trigger_start:trigger_end])],
                sentence=sentence,
                actor=actor_records,
                recipient=recipient_records,
                place=place.id if place is not None else None,
                place_mention=place_mention.id if place_mention is not None else None,
                place_source=place_source,  # type: ignore[arg-type]  # Finder.place gives only these
                date=date,
                date_time=time_id,
                date_source=date_source,  # type: ignore[arg-type]  # Finder.date gives only these
                size=size,
                quote=quote.id if quote is not None else None,
                source=quote.speaker_actor if quote is not None else None,
                cameo_root=kind.cameo_root_of(mode),
                quad=kind.quad,
                goldstein=kind.goldstein_of(mode),
                confidence=confidence,
            )
            found_events.append(Candidate(event, sentence_index, [(trigger, first)]))
        yield from _merge(found_events, within_sentences=True)


def _describes(ix: DocumentIndex, k: int) -> bool:
    """Is the verb at k in the present tense right after an indefinite noun, a clause that
    describes the noun (قانون يمنع، إجراء يمنع تركيا) rather than tells an act?"""
    form, before = ix.forms[k], ix.forms[k - 1]
    if form.proclitics or form.stem[:1] not in "يت" or ix.token_mention[k - 1] is not None:
        return False
    if before.proclitics.endswith("ل") or before.base.startswith("ال") or before.suffix:
        return False
    return before.base.isalpha() and before.base not in VERB_PARTICLES and len(before.base) > 2


def _asked_for(ix: DocumentIndex, keys: list[str], first: int, trigger: Trigger) -> bool:
    """Is a noun (after بـ or إلى) the object of a demand, pledge or threat earlier in its clause?"""
    if trigger.kind == "verb" or trigger.type in ASKING:
        return False
    return "ب" in ix.forms[first].proclitics or (first > 0 and keys[first - 1] in OBJECT_PREPOSITIONS)


def _from_agreement(keys: list[str], end: int, stop: int) -> bool:
    """Does a withdrawal leave an agreement (انسحاب واشنطن من الاتفاق النووي), not a territory?"""
    for k in range(end, min(stop, end + 3)):
        if keys[k] in ("من", "عن") and k + 1 < stop and keys[k + 1] in AGREEMENT_NOUNS:
            return True
    return False


def _counted(
    doc: Document, ix: DocumentIndex, finder: Finder, size: EventSize, type_: str, stop: int, country: str | None
) -> list[Participant]:
    """The people an attack or an arrest counts, when no name as its object says who they were:
    the name right after the count (مقتل 20 من مسلحي الحوثي، اعتقال خمسة من عناصر داعش), else
    civilians of the place's country (مقتل سبعة أشخاص، اعتقال 20 متظاهرا), the count's words as
    evidence."""
    count = size.dead or size.injured or size.arrested
    if count is None:
        return []
    after = ix.tokens_of(count.start, count.end).stop
    names = [n for n in finder.names_in(range(after, min(stop, after + COUNTED_REACH))) if n.first >= after]
    named = [r for r in finder.records(names[:1], type_, acting=False) if r.country is not None or r.sector is not None]
    return named or [Participant(count.start, count.end, count.text, None, None, None, country, "CVL")]


def _conflict(a: list[Participant], b: list[Participant]) -> bool:
    """Do two participant lists name different actors (both named, no code in common)?"""
    return bool(a and b) and not ({p.code for p in a} & {p.code for p in b})


def _same_happening(earlier: Candidate, later: Candidate) -> bool:
    """One happening told twice: the same type, in one sentence by actors that do not disagree,
    or in two whose participants, place and date do not disagree (an attack with no one named,
    retold, is the same attack); force used the same day in the same place is one happening,
    whoever each telling names."""
    a, b = earlier.event, later.event
    if a.type != b.type:
        return False
    if earlier.sentence_index == later.sentence_index:
        return not _conflict(a.actor, b.actor)
    dated = a.date_source != "published" and b.date_source != "published"
    placed = a.place_source != "document" and b.place_source != "document"  # an assumed place
    if (dated and a.date != b.date) or (placed and a.place and b.place and a.place != b.place):
        return False
    if a.type in ARMED_EVENTS and placed and a.place is not None and a.place == b.place and a.date == b.date:
        return True  # force the same day in the same place: one happening, whoever each telling names
    return not _conflict(a.actor, b.actor) and not _conflict(a.recipient, b.recipient)


def _merge(candidates: Iterable[Candidate], within_sentences: bool) -> list[Candidate]:
    """The same happening told twice is one event with both triggers; the first telling keeps its
    fields and takes what a later one adds (a recipient, a place, a count). `within_sentences`:
    only tellings in one sentence; else across sentences too, among the events of a type told in
    the last MERGE_SENTENCES sentences."""
    kept: list[Candidate] = []
    by_type: dict[str, list[Candidate]] = {}
    for c in candidates:
        recent = by_type.setdefault(c.event.type, [])
        same = next(
            (
                k
                for k in recent
                if c.sentence_index - k.sentence_index <= (0 if within_sentences else MERGE_SENTENCES)
                and _same_happening(k, c)
            ),
            None,
        )
        if same is None:
            kept.append(c)
            recent.append(c)
            if len(recent) > MERGE_CANDIDATES:
                recent.pop(0)
            continue
        e, new = same.event, c.event
        e.triggers += new.triggers
        same.triggers += c.triggers
        e.actor = e.actor or new.actor
        e.recipient = e.recipient or new.recipient
        if e.place is None:
            e.place, e.place_mention, e.place_source = new.place, new.place_mention, new.place_source
        for kind in ("dead", "injured", "arrested", "displaced"):
            if getattr(e.size, kind) is None:
                setattr(e.size, kind, getattr(new.size, kind))
        e.confidence = max(e.confidence, new.confidence)
    return kept
