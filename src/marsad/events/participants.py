"""Who did it, to whom, where and when: an event's participants, place and date from its clause.

Arabic puts the verb first and its subject right after it (VSO: قتل الجيش مسلحين) or the subject
first (SVO: الجيش قتل); the subject is the first name after the verb that no preposition governs
(a name that completes a title, المتحدث باسم الجيش، is the title's, and the person named after it
speaks), else the nearest before it in the clause. The recipient is the next name: an object, or
one governed by the preposition the verb takes (هجوم على، فرض عقوبات على، أفرج عن، رحب بـ). A name
joined by و shares the role (حفتر والسراج). A verbal noun takes its actor after على يد / من قبل /
برصاص, from a nationality adjective (غارة إسرائيلية), from the relative clause after it (مهلة
التي أعطاها الجيش) or from the verb it is the object of (شن الجيش هجوما), and its recipient
from the noun after it (مقتل عنصرين). A verb with no subject of its own continues the last
name that acted before it in the sentence (pro-drop). Where no mention covers a participant, an
agent noun of the knowledge base names it (سلطات شرق ليبيا → LBY GOV، مسلحون مجهولون → UAF).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from marsad.events.lexicon import Trigger
from marsad.events.size import counts_people
from marsad.index import DocumentIndex
from marsad.kb.base import KnowledgeBase
from marsad.model import Document, Mention, Participant, ResolvedActor, ResolvedPlace
from marsad.text.normalize import normalize_word, word_set

PREPOSITIONS = word_set(
    "في من إلى الى على عن مع ضد لدى بين حول عبر خلال منذ بعد قبل أمام تجاه بحق داخل قرب شمال جنوب شرق غرب بقيادة باسم"
)
OBJECT = ""  # the preposition slot of a direct object
# what governs the recipient, by event type, and for verbs that differ from their type
RECIPIENT_PREPOSITIONS: dict[str, frozenset[str]] = {
    "ASSAULT": word_set("على ضد ل") | {OBJECT},  # مواقع للحوثيين: the owner of what was hit
    "COERCE": frozenset({OBJECT}),
    "PROTEST": word_set("ضد على"),
    "REQUEST": word_set("من") | {OBJECT},
    "ACCUSE": frozenset({OBJECT}),
    "REJECT": frozenset({OBJECT}),
    "THREATEN": frozenset({OBJECT}),
    "CONSULT": word_set("مع ب") | {OBJECT},
    "SUPPORT": word_set("ب مع") | {OBJECT},
    "AGREE": word_set("مع"),
    "SANCTION": word_set("على") | {OBJECT},
    "AID": word_set("إلى الى ل"),
    "RETREAT": word_set("عن"),
    "COOPERATE": word_set("مع"),
    "CONCEDE": frozenset(),
    "MOBILIZE": frozenset(),
}
LEMMA_PREPOSITIONS: dict[str, frozenset[str]] = {
    normalize_word(lemma): preps
    for lemma, preps in {
        "ندد": word_set("ب"),
        "استنكر": frozenset({OBJECT}),
        "رحب": word_set("ب"),
        "أشاد": word_set("ب"),
        "طالب": frozenset({OBJECT}),
        "دعا": frozenset({OBJECT}),
        "حث": frozenset({OBJECT}),
        "ناشد": frozenset({OBJECT}),
        "طلب": word_set("من"),
    }.items()
}


def conjugated(pairs: str) -> frozenset[str]:
    """The common forms of verbs given as past/present pairs (أعلن/يعلن): أعلنت، أعلنوا، تعلن …"""
    out: set[str] = set()
    for pair in pairs.split():
        past, present = pair.split("/")
        out |= {past + e for e in ("", "ت", "وا", "ا", "تا")}
        out |= {p + present[1:] + e for p in "يتن" for e in ("", "ون", "ان")}
    return frozenset(normalize_word(w) for w in out)


# verbs that report or judge what someone else did: their subject is not the actor of the noun
# they govern (أعلنت وزارة الداخلية مقتل شخص، أدانت فرنسا الهجوم)
REPORTING = conjugated(
    "أعلن/يعلن أكد/يؤكد ذكر/يذكر أفاد/يفيد نقل/ينقل كشف/يكشف نفى/ينفي رصد/يرصد وثق/يوثق أحصى/يحصي"
    " أوضح/يوضح تحدث/يتحدث أدان/يدين ندد/يندد استنكر/يستنكر شجب/يشجب اتهم/يتهم حمل/يحمل"
    " تبنى/يتبنى رجح/يرجح"
)
# what a verb of judgement takes as its object when it judges what someone said or did
STATEMENT_NOUNS = word_set(
    "تصريحات تصريح بيان البيان قرار القرار قرارات موقف سياسة سياسات كلام خطاب تغريدة تغريدات"
    " دعوة دعوات اقتراح مقترح تهديدات اتهامات إجراءات ممارسات"
)
VISITED = word_set("إلى الى ل")  # زيارة أردوغان للمجر، إلى بريطانيا: the visit's host, its recipient
AGENT_MARKERS = word_set("يد قبل برصاص بنيران رصاص نيران")  # على يد، من قبل، برصاص: who did it
RELATIVES = word_set("التي الذي الذين")
LOCATIVES = word_set("في ب قرب داخل شمال جنوب شرق غرب وسط أطراف محيط")
PLACE_WORDS = word_set("مدينة بلدة قرية محافظة ولاية منطقة حي مخيم العاصمة")
TITLE_LINKS = word_set("باسم")
DATELINE_TOKENS = 8
DATELINE_REACH = 7  # tokens after a dateline's place in which its "(" or dash comes
WINDOW = 14  # tokens after a verb in which its subject and object are looked for
JUDGING_TYPES = frozenset({"ACCUSE", "REJECT"})  # their object may be someone's act, named by its owner's adjective
ADJECTIVE_REACH = 4  # tokens after the subject where the judged noun and its adjective come (بشدة التصعيد الإسرائيلي)
FORCE_NOUNS = word_set("تصعيد عدوان هجوم هجمات قصف غارات غارة اعتداء اعتداءات عملية عمليات ضربات ضربة احتلال توغل")
COMPLEMENT_WORDS = 6  # words that may complete a name before the next one joined to it by و
HOLDER_REACH = 10  # tokens after a title in which the person it introduces is named
ACTING_LABELS = ("PER", "ORG", "NORP", "TITLE")
DAY_GRANULARITIES = ("day", "week", "month", "year", "season")
# types whose place is where they happened; a statement's place is where it was made, which news
# seldom says: the dateline stands for it, not a place the statement is about
LOCATED_TYPES = frozenset("ASSAULT PROTEST COERCE MOBILIZE CONSULT AGREE AID RETREAT COOPERATE SANCTION".split())
ARMED_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
KNOWN_RESOLUTIONS = ("city", "admin", "country")
VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
# verbs that, joined by و to an earlier clause with a subject, usually keep that subject
CONTINUED_TYPES = frozenset({"CONSULT", "SUPPORT", "ACCUSE", "REQUEST", "REJECT", "THREATEN"})


@dataclass(frozen=True, slots=True)
class Named:
    """A participant before it becomes a record: a mention, or an agent phrase (سلطات شرق ليبيا)
    with the sector its noun gives and the mention of the country named with it, if any."""

    first: int  # token range of the words that name it
    end: int
    mention: Mention | None
    sector: str | None = None  # an agent noun's sector, before the mention's own


@dataclass(slots=True)
class Found:
    actor: list[Named]
    recipient: list[Named]


class Finder:
    """Finds the participants of the triggers of one document."""

    def __init__(self, doc: Document, ix: DocumentIndex, kb: KnowledgeBase) -> None:
        self.doc, self.ix, self.kb = doc, ix, kb
        self.places = {p.id: p for p in doc.places}
        self.actors = {a.id: a for a in doc.actors}
        self._by_sector: dict[str, list[tuple[int, ResolvedActor]]] | None = None
        self._times: list[tuple[int, int, int, str, str]] | None = None
        self._names: dict[int, tuple[list[Named], list[int]]] = {}
        self._located: list[tuple[int, ResolvedPlace, Mention]] | None = None
        self._located_starts: list[int] = []
        self._time_starts: list[int] = []

    # names ---------------------------------------------------------------------------------
    def governor(self, k: int) -> str | None:
        """The preposition that governs the name starting at token k: attached (بـ، لـ) or the
        word before it; None for a subject or an object."""
        form = self.ix.forms[k]
        attached = form.proclitics.replace("و", "").replace("ف", "")
        if attached in ("ب", "ل", "ك"):
            return attached
        if k > 0 and self.ix.forms[k - 1].norm in PREPOSITIONS:
            return self.ix.forms[k - 1].norm
        return None

    def acting(self, m: Mention | None) -> bool:
        """Can a mention act: a person, an organisation, a group or a title that stands for its
        holder, or a country (a town is where, not who)."""
        if m is None:
            return False
        if m.label in ACTING_LABELS:
            return m.label not in ("TITLE", "NORP") or m.id in self.ix.mention_actor
        place_id = self.ix.mention_place.get(m.id)
        return place_id is not None and self.places[place_id].resolution == "country"

    def completes_title(self, k: int) -> bool:
        """A body or place named right after a title or باسم completes the title (المتحدث باسم
        الجيش، وزير خارجية روسيا): the person named after it is the one meant, while a person
        right after a title holds it (الناشط أحمد ماهر)."""
        if k == 0:
            return False
        here, before = self.ix.mention_at(k), self.ix.mention_at(k - 1)
        if here is not None and here.label == "PER":
            return False
        return self.ix.forms[k - 1].norm in TITLE_LINKS or (before is not None and before.label == "TITLE")

    def _agent(self, k: int, end: int, sector: str) -> Named:
        """An agent phrase of the knowledge base at tokens [k, end) that no mention covers, with
        the country or nationality named right after it (سلطات شرق ليبيا، مسلحون مجهولون)."""
        country = None
        for j in range(end, min(len(self.ix.forms), end + 2)):
            if self.ix.forms[j].base in AGENT_MARKERS:
                break  # مدنيين برصاص قوات الأمن: who shot them, not whose civilians they are
            m = self.ix.mention_at(j)
            if m is not None and (m.label == "NORP" or self.acting(m)) and m.label != "PER":
                country = m
                end = self.ix.mention_tokens[m.id].stop
                break
        return Named(k, end, country, sector)

    def names_in(self, tokens: range) -> list[Named]:
        """The acting names that start in `tokens`, in order: mentions and agent phrases (found
        once per sentence, left to right)."""
        if not tokens:
            return []
        sentences = self.ix.token_sentence
        out: list[Named] = []
        for s in range(sentences[tokens.start], sentences[tokens.stop - 1] + 1):
            names, starts = self._names_of(s)
            out += names[bisect_left(starts, tokens.start) : bisect_left(starts, tokens.stop)]
        return out

    def _names_of(self, sentence: int) -> tuple[list[Named], list[int]]:
        """The acting names of a sentence (-1: of the tokens outside every sentence) and their first tokens."""
        found = self._names.get(sentence)
        if found is None:
            tokens = self.ix.sentence_tokens[sentence] if sentence >= 0 else range(len(self.ix.forms))
            names = self._all_names(tokens)
            if sentence < 0:
                names = [n for n in names if self.ix.token_sentence[n.first] < 0]
            found = self._names[sentence] = (names, [n.first for n in names])
        return found

    def _all_names(self, tokens: range) -> list[Named]:
        matches = self.kb.sector_matcher().find(self.ix.forms, tokens.start, tokens.stop)
        agents = {i: (j, sector) for i, j, sector in matches}
        out: list[Named] = []
        owners = self.ix.token_mention
        k = tokens.start
        while k < tokens.stop:
            m = owners[k]
            if m is not None:
                span = self.ix.mention_tokens[m.id]
                if span.start == k and self.acting(m):
                    out.append(Named(k, span.stop, m))
                k = max(span.stop, k + 1)
                continue
            if k in agents:
                agent = self._agent(k, *agents[k])
                out.append(agent)
                k = agent.end
                continue
            k += 1
        return out

    def with_coordinated(self, first: Named, limit: int) -> list[Named]:
        """A name and those joined to it by و (حفتر والسراج، قطر وتركيا والسودان), with commas and
        the words that complete a name (بقيادة المشير حفتر، في طبرق) skipped between them; a
        title joined by و stands for the person named after it (ورئيس الحكومة فايز السراج)."""
        out = [first]
        k = first.end
        skipped = 0
        after_title = False  # the word before was a title in a complement: a person after it holds it
        while k < limit and skipped <= COMPLEMENT_WORDS:
            form = self.ix.forms[k]
            if form.norm in ("،", ","):
                k += 1
                after_title = False
                continue
            if not form.proclitics.startswith("و"):
                m = self.ix.mention_at(k)
                holds_title = after_title and m is not None and m.label == "PER"
                governed = self.governor(k) is not None or form.norm in PREPOSITIONS
                if not (governed or self.completes_title(k) or holds_title):
                    break
                # بقيادة المشير خليفة حفتر، في طبرق: words that complete the name before
                after_title = m is not None and m.label == "TITLE"
                k = self.ix.mention_tokens[m.id].stop if m is not None else k + 1
                skipped += 1
                continue
            after_title = False
            m = self.ix.mention_at(k)
            if m is not None and m.label == "TITLE" and not self.acting(m):
                person = self._holder(k, limit)
                if person is None:
                    break
                out.append(person)
                k, skipped = person.end, 0
                continue
            nxt = next(iter(self.names_in(range(k, min(limit, k + 4)))), None)
            if nxt is None or nxt.first != k:
                break
            out.append(nxt)
            k, skipped = nxt.end, 0
        return out

    def _holder(self, title_token: int, limit: int) -> Named | None:
        """The person a title introduces: the first person named in the words after it."""
        for name in self.names_in(range(title_token + 1, min(limit, title_token + 1 + HOLDER_REACH))):
            if name.mention is not None and name.mention.label == "PER":
                return name
        return None

    # participants ----------------------------------------------------------------------------
    def participants(
        self, clause: range, trigger: int, trigger_end: int, found: Trigger, first_person: bool = False
    ) -> Found:
        """The actor and recipient of a trigger in its clause. `first_person`: the verb's subject
        is the speaker (ندعو، نرحب), so the first name after it is its object."""
        names = self.names_in(clause)
        after = [n for n in names if n.first >= trigger_end]
        before = [n for n in names if n.end <= trigger]
        allowed = LEMMA_PREPOSITIONS.get(
            normalize_word(found.lemma), RECIPIENT_PREPOSITIONS.get(found.type, frozenset())
        )
        if found.kind == "noun":
            reported = any(self.ix.forms[k].base in REPORTING for k in range(clause.start, trigger))
            return self._of_noun(clause, trigger_end, after, [] if reported else before, allowed, found)
        subject: Named | None = None
        rest = after
        if before and before[0].first == clause.start and self.governor(before[0].first) is None:
            subject = before[0]  # إن الجيش سيهاجم: the subject opens the clause (SVO)
            after = []
        if (
            found.type in CONTINUED_TYPES
            and self.ix.forms[trigger].proclitics.startswith("و")
            and trigger == clause.start
            and self.pro_drop(self._sentence(trigger), trigger)
            and len([n for n in after if self.governor(n.first) is None]) == 1
        ):
            # ووصل ماكرون إلى الجزائر، والتقى الرئيس الجزائري بوتفليقة: the verb continues the
            # sentence's subject, and the one name after it is whom it met
            after = [n for n in after if self.governor(n.first) is not None]
        if found.type in VICTIM_TYPES and trigger_end < clause.stop and counts_people(self.ix.forms, trigger_end):
            after = []  # قتل عنصرين يتبعان الجماعات: the ones killed come first; their words name no subject
        for n, name in enumerate([] if first_person else after):
            if name.first > trigger_end + WINDOW:
                break
            if self.governor(name.first) is not None or self.completes_title(name.first):
                continue
            if found.type == "ASSAULT" and name.mention is not None and name.mention.label == "PER":
                break  # قتل زعيم التنظيم: the one killed, told in the passive
            if any(self.ix.forms[k].base in STATEMENT_NOUNS for k in range(trigger_end, name.first)):
                break  # انتقد تصريحات لودريان: the owner of what is judged, not the subject
            subject, rest = name, after[n + 1 :]
            break
        if subject is None and before and self.governor(before[-1].first) is None:
            subject = before[-1]
        if subject is not None and subject.first < trigger:
            rest = [n for n in names if n.first >= trigger_end]
        actor = self.with_coordinated(subject, clause.stop) if subject is not None else []
        if actor and actor[0].first >= trigger_end:
            last = max(a.end for a in actor)  # the object follows the subject and its complements
            rest = [n for n in after if n.first >= last]
        recipient: list[Named] = []
        for name in rest:
            if name.first > trigger_end + 2 * WINDOW:
                break
            governor = self.governor(name.first) or OBJECT
            if governor in allowed and name not in actor and not self.completes_title(name.first):
                recipient = self.with_coordinated(name, clause.stop)
                break
        if not actor and found.type == "ASSAULT":
            actor = self._agent_after(clause.stop, trigger_end)
        if not recipient and found.type in JUDGING_TYPES:
            start = max([trigger_end, *(a.end for a in actor if a.first >= trigger_end)])
            recipient = self._owner_adjective(start, clause.stop)
        if not recipient and found.type == "ASSAULT":
            recipient = self._town_hit(clause, trigger_end, direct=False)
        return Found(actor, recipient)

    def _owner_adjective(self, start: int, stop: int) -> list[Named]:
        """The country of a nationality adjective on the judged noun (أدانت الإمارات التصعيد
        الإسرائيلي، رفض القرار الأمريكي): its armed forces for an act of force, else its government."""
        for k in range(start + 1, min(stop, start + ADJECTIVE_REACH)):
            m = self.ix.mention_at(k)
            if m is None or m.label != "NORP" or self.ix.mention_tokens[m.id].start != k:
                continue
            noun = self.ix.forms[k - 1]
            if self.ix.mention_at(k - 1) is not None or not noun.base.startswith("ال"):
                return []  # an adjective agrees with a definite noun that names no one
            sector = "MIL" if noun.stem in FORCE_NOUNS else "GOV"
            return [Named(k, self.ix.mention_tokens[m.id].stop, m, sector)]
        return []

    def _sentence(self, k: int) -> range:
        s = self.ix.token_sentence[k]
        return self.ix.sentence_tokens[s] if s >= 0 else range(0, len(self.ix.forms))

    def _agent_after(self, stop: int, start: int) -> list[Named]:
        """على يد X، من قبل X، برصاص X، بنيران X: who did what a passive or a noun tells."""
        forms = self.ix.forms
        for k in range(start, stop):
            if forms[k].base in AGENT_MARKERS or forms[k].stem in AGENT_MARKERS:
                for name in self.names_in(range(k + 1, min(stop, k + 3))):
                    return self.with_coordinated(name, stop)
        return []

    def _relative_agent(self, clause_end: int, trigger_end: int) -> list[Named]:
        """مهلة 24 ساعة التي أعطاها الجيش: the subject of the relative clause after a noun."""
        forms = self.ix.forms
        for k in range(trigger_end, min(len(forms), trigger_end + 4)):
            if forms[k].norm in RELATIVES:
                sentence = self.ix.sentence_tokens[self.ix.token_sentence[k]]
                for name in self.names_in(range(k + 2, min(sentence.stop, k + 6))):
                    if self.governor(name.first) is None:
                        return [name]
                return []
        return []

    def _of_noun(
        self,
        clause: range,
        trigger_end: int,
        after: list[Named],
        before: list[Named],
        allowed: frozenset[str],
        found: Trigger,
    ) -> Found:
        actor = self._agent_after(clause.stop, trigger_end) or self._relative_agent(clause.stop, trigger_end)
        if not actor and after and after[0].first == trigger_end and after[0].mention is not None:
            m = after[0].mention
            if m.label == "NORP" and not self.ix.forms[trigger_end].proclitics:
                actor = [after[0]]  # غارة إسرائيلية
        if not actor and found.type == "CONSULT":
            actor = self._visitor(trigger_end, clause.stop)
            if actor:
                after = [n for n in after if n.first >= max(a.end for a in actor)]
                allowed = allowed | VISITED
        if not actor and before and self.governor(before[-1].first) is None and found.type != "PROTEST":
            actor = self.with_coordinated(before[-1], clause.stop)
        if found.mode == "visit":
            allowed = (
                allowed | VISITED
            )  # من زيارة للمجر، خلال زيارة إلى سيول: where it went, with no visitor named after it
        recipient: list[Named] = []
        for name in after:
            if name in actor:
                continue
            governor = self.governor(name.first)
            if (name.first == trigger_end and governor is None) or (governor is not None and governor in allowed):
                recipient = self.with_coordinated(name, clause.stop)
            break
        if not recipient and found.type == "ASSAULT":
            recipient = self._town_hit(clause, trigger_end, direct=True)
        return Found(actor, recipient)

    def _town_hit(self, clause: range, trigger_end: int, direct: bool) -> list[Named]:
        """The town or district an attack hit (قصف على دوما، استهدفت حرستا، قصف دوما): its people
        are the recipient when no one else is named. `direct`: a verbal noun's object is the
        word right after it; a verb's may come after its subject."""
        ix = self.ix
        for k in range(trigger_end, min(clause.stop, trigger_end + (2 if direct else WINDOW))):
            m = ix.mention_at(k)
            if m is None or ix.mention_tokens[m.id].start != k:
                continue
            place_id = ix.mention_place.get(m.id)
            if m.label != "LOC" or place_id is None or self.places[place_id].resolution == "country":
                continue
            if (self.governor(k) or OBJECT) in ("", "على", "ضد") and not self.completes_title(k):
                return [Named(k, ix.mention_tokens[m.id].stop, m, "CVL")]
            return []
        return []

    def _visitor(self, k: int, stop: int) -> list[Named]:
        """Who makes a visit or holds a meeting, named right after its noun (the actor; PLOVER's
        host is the recipient): زيارة أردوغان للمجر، لقاء ولي العهد بالإعلاميين، زيارة الرئيس التركي
        رجب طيب أردوغان. A country after the noun is where a visit goes (زيارة سنغافورة)."""
        m = self.ix.mention_at(k) if k < stop else None
        if m is None or self.ix.mention_tokens[m.id].start != k or self.governor(k) is not None:
            return []
        if m.label == "TITLE" and not self.acting(m):
            person = self._holder(k, stop)
            return [person] if person is not None else []
        if m.label in ("PER", "ORG") or (m.label == "TITLE" and self.acting(m)):
            return self.with_coordinated(Named(k, self.ix.mention_tokens[m.id].stop, m), stop)
        return []

    def pro_drop(self, sentence: range, before: int) -> list[Named]:
        """The last name that acted before token `before` in the sentence: a subject no preposition
        governs and no title takes (حفتر in "ويقيم حفتر اتصالات …، وزار …")."""
        for name in reversed(self.names_in(range(sentence.start, before))):
            m = name.mention
            governed = self.governor(name.first) is not None or self.completes_title(name.first)
            if m is not None and (m.label in ("PER", "ORG") or self.acting(m)) and not governed:
                return [name]  # أما إيطاليا فأعلنت: a country too
        return []

    def records(self, names: list[Named], event_type: str, acting: bool) -> list[Participant]:
        """Names as participant records, coded from their actor, their country or their agent noun
        (`acting`: the names are the event's actor)."""
        out = []
        demonyms = self.kb.demonyms()
        for name in names:
            start, end = self.ix.forms[name.first].base_start, self.ix.forms[name.end - 1].base_end
            text = self.doc.text[start:end]
            m = name.mention
            actor_id = self.ix.mention_actor.get(m.id) if m is not None else None
            place_id = self.ix.mention_place.get(m.id) if m is not None else None
            country: str | None = None
            sector: str | None = None
            if actor_id is not None:
                country, sector = self.actors[actor_id].code
            elif place_id is not None:
                country = self.places[place_id].country
                # a country named as the one acting is its government (طالب روسيا), its
                # armed forces when it attacks (قصفت إسرائيل)
                sector = "MIL" if acting and event_type in ARMED_TYPES else "GOV"
            elif m is not None and m.label == "NORP":
                hit = demonyms.get(normalize_word(m.text), ())
                country = hit[0].iso3 if hit else None
                sector = "MIL" if event_type in ARMED_TYPES else None  # غارات إسرائيلية
            if m is not None and m.label == "NORP" and sector is None and event_type == "PROTEST":
                sector = "CVL"  # الفلسطينيون تظاهروا: protesters are civilians
            if name.sector is not None:
                sector = name.sector
                if m is None:  # الجيش، قوات الجيش: the army the document named before
                    earlier = self._earlier_actor(name.first, sector)
                    if earlier is not None:
                        actor_id, country = earlier.id, earlier.country
            out.append(
                Participant(start, end, text, m.id if m is not None else None, actor_id, place_id, country, sector)
            )
        return out

    def _earlier_actor(self, token: int, sector: str) -> ResolvedActor | None:
        """The last actor of this sector named before a token, for an agent noun with no name."""
        if self._by_sector is None:
            self._by_sector = {}
            for actor in self.doc.actors:
                if actor.sector is not None and actor.country is not None:
                    for m in actor.mentions:
                        self._by_sector.setdefault(actor.sector, []).append((self.ix.mentions[m].start, actor))
            for mentions in self._by_sector.values():
                mentions.sort(key=lambda sa: sa[0])
        named = self._by_sector.get(sector, [])
        i = bisect_left(named, self.ix.forms[token].base_start, key=lambda sa: sa[0]) - 1
        return named[i][1] if i >= 0 else None

    # place and date --------------------------------------------------------------------------
    def place(
        self, event_type: str, clause: range, sentence: range, trigger: int, taken: set[int]
    ) -> tuple[ResolvedPlace | None, Mention | None, str | None]:
        """Where: for an event that happens somewhere, a place its clause names with a locative
        (في درنة، بدرنة، مدينة درنة), the nearest after the trigger first, else one its sentence
        names so; else, and for a statement, the dateline's. The words of a participant (رئيس
        الحكومة في طرابلس) are not the event's place (`taken`: their tokens). Of a neighbourhood
        and its city (حي المدينة القديمة بدرنة) the city is kept when the gazetteer knows it as one."""
        if event_type in LOCATED_TYPES:
            located = self._located_in(sentence)
            in_clause = [p for p in located if clause.start <= p[0] < clause.stop and p[0] not in taken]
            scopes = [
                ([p for p in in_clause if p[0] >= trigger] + [p for p in in_clause if p[0] < trigger], "clause"),
                ([p for p in located if p[0] not in taken], "sentence"),
            ]
            for found, source in scopes:
                if found:
                    _, place, m = next((f for f in found if f[1].resolution in KNOWN_RESOLUTIONS), found[0])
                    return place, m, source
        if self._dateline is not None:
            return self._dateline[0], self._dateline[1], "dateline"
        if event_type in LOCATED_TYPES:
            lead = self._located_in(self.ix.sentence_tokens[0]) if self.ix.sentence_tokens else []
            if lead:
                return lead[0][1], lead[0][2], "document"
        return None, None, None

    def _located_in(self, tokens: range) -> list[tuple[int, ResolvedPlace, Mention]]:
        """The resolved places named with a locative (في درنة، بدرنة، مدينة درنة) that start in
        `tokens`, as (first token, place, mention), in order (found once per document)."""
        if self._located is None:
            ix = self.ix
            self._located = [
                (k, self.places[ix.mention_place[m.id]], m)
                for k, m in enumerate(ix.token_mention)
                if m is not None
                and m.label == "LOC"
                and m.id in ix.mention_place
                and ix.mention_tokens[m.id].start == k
                and self._locative(k)
            ]
            self._located_starts = [k for k, _, _ in self._located]
        i = bisect_left(self._located_starts, tokens.start)
        j = bisect_left(self._located_starts, tokens.stop)
        return self._located[i:j]

    @cached_property
    def _dateline(self) -> tuple[ResolvedPlace, Mention] | None:
        """The place at the head of the article, before (وكالات) or a dash: طرابلس (وكالات)، دبي،
        الإمارات العربية المتحدة (CNN) –."""
        ix = self.ix
        for k in range(min(len(ix.forms), DATELINE_TOKENS)):
            m = ix.mention_at(k)
            if m is not None and m.label == "LOC" and m.id in ix.mention_place and self._dateline_at(k):
                return self.places[ix.mention_place[m.id]], m
        return None

    def _locative(self, k: int) -> bool:
        form = self.ix.forms[k]
        if "ب" in form.proclitics:
            return True
        previous = self.ix.forms[k - 1] if k > 0 else None
        return previous is not None and (previous.norm in LOCATIVES or previous.base in PLACE_WORDS)

    def _dateline_at(self, k: int) -> bool:
        after = [f.norm for f in self.ix.forms[k + 1 : k + DATELINE_REACH]]
        return "(" in after or "-" in after or "–" in after

    def date(self, clause: range, sentence: range, trigger: int) -> tuple[str | None, str | None, str | None]:
        """When: the clause's time expression nearest the trigger, else the sentence's only dated
        one, else the published date. Returns (value, time id, source)."""
        doc, ix = self.doc, self.ix
        if self._times is None:
            self._times = sorted(
                (t.start, t.end, ix.tokens_of(t.start, t.end).start, t.id, t.value)
                for t in doc.times
                if t.value and t.granularity in DAY_GRANULARITIES
            )
            self._time_starts = [t[0] for t in self._times]

        times, starts = self._times, self._time_starts

        def dated_in(scope: range) -> list[tuple[int, str, str]]:
            first, end = ix.forms[scope.start].base_start, ix.forms[scope.stop - 1].base_end
            i = bisect_left(starts, first)
            out = []
            while i < len(times) and times[i][0] < end:
                _, stop, token, time_id, value = times[i]
                if stop <= end:
                    out.append((abs(token - trigger), time_id, value))
                i += 1
            return out

        clause_times = dated_in(clause)
        if clause_times:
            _, time_id, value = min(clause_times)
            return value, time_id, "clause"
        sentence_times = dated_in(sentence)
        if len({value for _, _, value in sentence_times}) == 1:
            _, time_id, value = sentence_times[0]
            return value, time_id, "sentence"
        if doc.published is not None:
            return doc.published.isoformat(), None, "published"
        return None, None, None
