"""How many were killed, injured, arrested or displaced: counts in digits or words near a trigger.

    مقتل سبعة أشخاص → dead 7; قتل عنصرين → dead 2 (a dual noun); سقوط 3 قتلى → dead 3;
    إصابة العشرات → injured 20–99 (a vague amount is a range, not a number);
    اعتقال أكثر من 20 → arrested 21 and more.

A count belongs to the kind its own words name (قتيل، جريح، معتقل، نازح) or, failing that, to the
kind of the trigger it follows (مقتل → dead, اعتقال → arrested).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.events.lexicon import key, keyed
from marsad.model import Count, EventSize
from marsad.text.forms import WordForm

UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمان": 8,
    "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}  # fmt: skip
TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50,
    "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}  # fmt: skip
HUNDREDS = {"مئه": 100, "مائه": 100, "مئتي": 200, "مئتين": 200, "مائتي": 200, "مائتين": 200, "الف": 1000}
VAGUE = {
    "عشرات": (20, 99), "مئات": (200, 999), "الاف": (2000, 9999), "عده": (2, 9), "بضعه": (3, 9), "بضع": (3, 9),
    "عدد": (2, 9), "العشرات": (20, 99), "المئات": (200, 999), "الالاف": (2000, 9999),
}  # fmt: skip
MORE_THAN = {"اكثر", "يزيد", "يفوق"}  # أكثر من 20 → 21 and more
ABOUT = {"نحو", "حوالي", "قرابه", "زهاء", "ما"}  # approximate: the number itself

# nouns that say which kind a count is, in the forms news uses (singular, dual, plural)
KIND_NOUNS = {
    "dead": "قتيل قتيلا قتيلان قتيلين قتلى ضحيه ضحايا جثه جثث شهيد شهداء",
    "injured": "جريح جريحا جريحان جريحين جرحى مصاب مصابا مصابين مصابون اصابه اصابات",
    "arrested": "معتقل معتقلا معتقلين معتقلون موقوف موقوفين محتجز محتجزين",
    "displaced": "نازح نازحا نازحين نازحون مهجر مهجرين لاجئ لاجئا لاجئين",
}
KIND_OF_NOUN = keyed(KIND_NOUNS)
# triggers whose count is of one kind (مقتل 7 → dead); the trigger's own type decides otherwise
KIND_OF_TRIGGER = keyed(
    {
        "dead": "قتل مقتل اغتيال اعدام ذبح سقوط",
        "injured": "اصابه اصيب جرح اصابت",
        "arrested": "اعتقال اعتقل احتجاز احتجز القبض توقيف",
        "displaced": "نزوح تهجير تشريد",
    }
)
# people a count counts (أشخاص، مدنيين) and whose dual is a number (جنديين → 2)
PEOPLE = {
    key(w)
    for w in "شخص اشخاص اشخاصا مدني مدنيين مدنيا جندي جنود جنديا عنصر عناصر عنصرا مسلح مسلحين مسلحا "
    "طفل اطفال امراه نساء رجل رجال فلسطيني فلسطينيين متظاهر متظاهرين مقاتل مقاتلين ارهابي ارهابيين "
    "شرطي عسكري عسكريين ضابط ضباط مهاجر مهاجرين صحفي صحفيين مواطن مواطنين".split()
}
# duals of people nouns (a plural in ين of a nisba, مدنيين، إرهابيين, is not one)
DUALS = {
    key(w)
    for w in "عنصرين عنصران جنديين جنديان شخصين شخصان طفلين طفلان رجلين رجلان ضابطين ضابطان شرطيين شرطيان".split()
}
REACH = 6  # tokens after a trigger in which its counts are looked for


@dataclass(frozen=True, slots=True)
class _Number:
    low: int
    high: int | None
    first: int  # token range of the words that say it
    end: int


def _stem(form: WordForm) -> str:
    """A token's key: its stem is in matching form already, only ة is left to write as ه."""
    return form.stem.replace("ة", "ه")


def _number_at(forms: list[WordForm], k: int, stop: int) -> _Number | None:
    """A number starting at token k: digits, number words (ثلاثة، خمسة عشر، عشرين، مئة), a vague
    amount (عشرات), a dual noun of people (عنصرين)."""
    form = forms[k]
    word = _stem(form)
    if word.isascii() and word.isdigit():  # not ² or other digit-like signs
        value = int(word)
        return _Number(value, value, k, k + 1)
    if word in VAGUE:
        low, high = VAGUE[word]
        return _Number(low, high, k, k + 1)
    if word in UNITS or word in TENS or word in HUNDREDS:
        value = UNITS.get(word) or TENS.get(word) or HUNDREDS.get(word, 0)
        end = k + 1
        # خمسة عشر، ثلاثة وعشرون
        if end < stop and _stem(forms[end]) in ("عشر", "عشره") and value < 10:
            value, end = value + 10, end + 1
        elif end < stop and forms[end].proclitics == "و" and _stem(forms[end]) in TENS and value < 10:
            value, end = value + TENS[_stem(forms[end])], end + 1
        return _Number(value, value, k, end)
    if word in DUALS and not form.proclitics:
        return _Number(2, 2, k, k + 1)  # عنصرين، جنديين: a dual
    return None


def _qualified(forms: list[WordForm], k: int, stop: int) -> _Number | None:
    """A number, with أكثر من / نحو before it."""
    word = _stem(forms[k])
    if word in MORE_THAN and k + 2 < stop and key(forms[k + 1].norm) == "من":
        n = _number_at(forms, k + 2, stop)
        if n is not None:
            return _Number(n.low + 1 if n.low == n.high else n.low, None, k, n.end)
    if word in ABOUT and k + 1 < stop:
        n = _number_at(forms, k + 1, stop)
        if n is not None:
            return _Number(n.low, n.high, k, n.end)
    return _number_at(forms, k, stop)


def _kind_after(forms: list[WordForm], end: int, stop: int) -> str | None:
    """The kind a count's own noun names (3 قتلى → dead), past a people noun (5 أشخاص قتلى) but
    not into the next conjunct (سبعة أشخاص وإصابة: إصابة is the next count's)."""
    for j in range(end, min(stop, end + 2)):
        if j > end and forms[j].proclitics.startswith("و"):
            break
        kind = KIND_OF_NOUN.get(_stem(forms[j]))
        if kind is not None:
            return kind
        if _stem(forms[j]) not in PEOPLE:
            break
    return None


def find_size(
    text: str, forms: list[WordForm], clause: range, trigger: int, trigger_end: int, default: str | None
) -> EventSize:
    """The counts of an event in its clause: right before a trigger that is itself a kind of
    person (3 قتلى) and in the words after it. `default` is the kind of a count no noun of its
    own names (the event type's: ASSAULT → dead)."""
    size = EventSize()
    stop = clause.stop

    def record(kind: str | None, n: _Number) -> None:
        if kind is not None and getattr(size, kind) is None:
            first, last = forms[n.first].base_start, forms[n.end - 1].base_end
            setattr(size, kind, Count(n.low, n.high, first, last, text[first:last]))

    own_kind = KIND_OF_NOUN.get(_stem(forms[trigger]))
    for j in range(trigger - 1, max(clause.start, trigger - 4) - 1, -1):
        n = _qualified(forms, j, trigger)
        if n is not None and n.end == trigger:
            record(own_kind or default, n)
            break
    kind_of_trigger = KIND_OF_TRIGGER.get(_stem(forms[trigger]), own_kind or default)
    k = trigger_end
    limit = min(stop, trigger_end + REACH)
    while k < limit:
        n = _qualified(forms, k, stop)
        if n is None:
            # a second trigger word of another kind resets what an unnamed count is (وإصابة 5)
            kind_of_trigger = KIND_OF_TRIGGER.get(_stem(forms[k]), kind_of_trigger)
            k += 1
            continue
        record(_kind_after(forms, n.end, stop) or kind_of_trigger, n)
        k = n.end
        limit = min(stop, k + REACH)  # مقتل 3 وإصابة 5: the next count may follow the first
    return size


def counts_people(forms: list[WordForm], k: int) -> bool:
    """Do the words at token k count people (عنصرين، 5 أشخاص، عشرات المدنيين)?"""
    n = _qualified(forms, k, len(forms))
    return n is not None or _stem(forms[k]) in PEOPLE
