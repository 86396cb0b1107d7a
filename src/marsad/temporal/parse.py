"""Recognising and normalising Arabic time expressions over a sentence's word forms.

Each `_try_*` function looks for one kind of expression starting at a token and
returns a `_Hit` (end token, value, granularity) or None; `find_times` keeps
the longest hit at each position, left to right. Values are ISO strings:
2018-07-25 (day), 2018-W30 (week), 2018-05 (month), 2018 (year), 2018-FA
(season), P1D/PT24H (duration, set). Relative expressions need the published
date; without it their value is None, never guessed.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Hijri

from marsad.temporal import lexicon as lx
from marsad.text.forms import WordForm
from marsad.text.normalize import normalize_word

FUTURE_MARKERS = frozenset(normalize_word(w) for w in "سوف المقرر المزمع المرتقب المنتظر يعتزم تعتزم".split())
YEAR_CONTEXT = frozenset(
    normalize_word(w) for w in "في منذ حتى عام العام بين مطلع نهاية أواخر أوائل منتصف قبل بعد".split()
)


@dataclass(frozen=True, slots=True)
class _Hit:
    end: int  # token index, exclusive
    value: str | None
    granularity: str


@dataclass(frozen=True, slots=True)
class TimeSpan:
    first: int  # token indices of the expression, end exclusive
    end: int
    value: str | None
    granularity: str
    include_proclitic: bool = False  # لمدة: the span starts at the token, not its base


class _Sentence:
    """One sentence's word forms and what the rules need to know about them."""

    def __init__(self, forms: list[WordForm], published: date | None) -> None:
        self.forms = forms
        self.published = published
        self._future = [
            f.base in FUTURE_MARKERS or f.norm in FUTURE_MARKERS or f.proclitics.endswith("س") for f in forms
        ]
        self.future = False  # set per position by find_times

    def future_near(self, i: int, window: int = 6) -> bool:
        """Whether the clause before token i speaks of the future (سيعقد، المقرر)."""
        return any(self._future[max(0, i - window) : i + 1])

    def base(self, i: int) -> str:
        return self.forms[i].base if i < len(self.forms) else ""

    def norm(self, i: int) -> str:
        return self.forms[i].norm if i < len(self.forms) else ""

    def bare(self, i: int) -> bool:
        """No conjunction or preposition attached: the word continues the expression."""
        return i < len(self.forms) and not self.forms[i].proclitics


# ---- numbers -------------------------------------------------------------------------


def _number(s: _Sentence, i: int) -> tuple[int, int] | None:
    """(end, value) of a number written in digits or words (خمسة وعشرين)."""
    word = s.base(i)
    if word.isdigit() and len(word) <= 6:
        return i + 1, int(word)
    if word in lx.NUMBER_WORDS:
        n, j = lx.NUMBER_WORDS[word], i + 1
        if n < 10 and s.norm(j) == lx.TEENS_ORDINAL:
            return j + 1, n + 10
        nxt = s.forms[j] if j < len(s.forms) else None
        if (
            nxt is not None
            and nxt.proclitics == "و"
            and nxt.base in lx.NUMBER_WORDS
            and lx.NUMBER_WORDS[nxt.base] >= 20
        ):
            return j + 1, n + lx.NUMBER_WORDS[nxt.base]
        return j, n
    return None


def _ordinal(s: _Sentence, i: int) -> tuple[int, int] | None:
    """(end, day) of an ordinal day: الثالث، الحادي عشر، الخامس والعشرين."""
    word = s.base(i)
    if word == normalize_word("الحادي") and s.norm(i + 1) == lx.TEENS_ORDINAL:
        return i + 2, 11
    if word not in lx.ORDINALS:
        return None
    n, j = lx.ORDINALS[word], i + 1
    if n < 10 and s.norm(j) == lx.TEENS_ORDINAL:
        return j + 1, n + 10
    nxt = s.forms[j] if j < len(s.forms) else None
    if nxt is not None and nxt.proclitics == "و" and nxt.base in lx.ORDINALS and lx.ORDINALS[nxt.base] >= 20:
        return j + 1, n + lx.ORDINALS[nxt.base]
    return j, n


def _year(s: _Sentence, i: int) -> tuple[int, int] | None:
    word = s.base(i)
    if len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2100:
        return i + 1, int(word)
    return None


def _month(s: _Sentence, i: int) -> tuple[int, int] | None:
    """(end, month) of a month name, with a second name for the same month (يوليو (تموز)، تموز/يوليو)."""
    found = _one_month(s, i)
    if found is None:
        return None
    j, month = found
    k = j
    if s.norm(k) in ("(", "/", "-"):
        second = _one_month(s, k + 1)
        if second is not None and second[1] == month:
            k = second[0]
            if s.norm(k) == ")":
                k += 1
            j = k
    return j, month


def _one_month(s: _Sentence, i: int) -> tuple[int, int] | None:
    word = s.base(i)
    if word in lx.MONTHS_ONE_WORD:
        return i + 1, lx.MONTHS_ONE_WORD[word]
    second = lx.MONTHS_TWO_WORDS.get(word)
    if second and s.base(i + 1) in second:
        return i + 2, second[s.base(i + 1)]
    return None


# ---- dates -----------------------------------------------------------------------------


def _weekday_date(published: date, weekday: int, reading: str) -> date:
    """The date of a weekday seen from the published date: past, strictly past, future, strictly future."""
    delta = (published.weekday() - weekday) % 7
    if reading == "past":
        return published - timedelta(days=delta)
    if reading == "strict_past":
        return published - timedelta(days=delta or 7)
    ahead = (weekday - published.weekday()) % 7
    if reading == "future":
        return published + timedelta(days=ahead)
    return published + timedelta(days=ahead or 7)


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_months(day: date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def _modifier(s: _Sentence, i: int) -> tuple[int, str] | None:
    word = s.norm(i)
    if word in lx.PAST:
        return i + 1, "past"
    if word in lx.NEXT:
        return i + 1, "next"
    if word in lx.CURRENT:
        return i + 1, "current"
    return None


def _try_deictic(s: _Sentence, i: int) -> _Hit | None:
    """أمس، اليوم، غدا, with a day part before (صباح اليوم) and a weekday after (أمس الأربعاء)."""
    j = i
    if s.base(j) in lx.DAY_PARTS and s.norm(j + 1) in lx.DEICTIC_DAYS:
        j += 1
    word = s.base(j) if j == i else s.norm(j)
    if word not in lx.DEICTIC_DAYS:
        return None
    if i > 0 and s.base(i - 1) == lx.UNTIL and word == normalize_word("اليوم"):
        return None  # حتى اليوم: "to this day", not the publication day
    offset = lx.DEICTIC_DAYS[word]
    j += 1
    if s.norm(j) in lx.WEEKDAYS:
        j += 1
    elif s.norm(j) == normalize_word("نفسه"):
        return None  # اليوم نفسه refers back to another date
    value = (s.published + timedelta(days=offset)).isoformat() if s.published else None
    return _Hit(j, value, "day")


def _try_weekday(s: _Sentence, i: int) -> _Hit | None:
    """[صباح] [يوم] الأربعاء [الماضي|المقبل] [10 مارس 2018]."""
    j = i
    if s.base(j) in lx.DAY_PARTS:
        j += 1
    day_word = s.norm(j) in lx.DAY_WORDS if j > i else s.base(j) in lx.DAY_WORDS
    if day_word:
        j += 1
    word = s.base(j) if j == i else s.norm(j)
    if word not in lx.WEEKDAYS or not (day_word or word in lx.SAFE_WEEKDAYS or j > i):
        return None
    weekday = lx.WEEKDAYS[word]
    j += 1
    explicit = _try_date(s, j, allow_bare_month=True)
    if explicit is not None and explicit.granularity == "day":
        return _Hit(explicit.end, explicit.value, "day")
    reading = "future" if s.future else "past"
    mod = _modifier(s, j)
    if mod is not None and mod[1] in ("past", "next"):
        j, reading = mod[0], "strict_past" if mod[1] == "past" else "strict_future"
    value = _weekday_date(s.published, weekday, reading).isoformat() if s.published else None
    return _Hit(j, value, "day")


def _year_for_month(s: _Sentence, month: int, day: int | None, reading: str) -> int | None:
    """The year of a month named without one: by its modifier, else by the sentence's tense."""
    p = s.published
    if p is None:
        return None
    if reading == "current":
        return p.year
    if reading == "past":
        return p.year if month < p.month else p.year - 1
    if reading == "next":
        return p.year if month > p.month else p.year + 1
    if reading == "future":
        if month > p.month or (month == p.month and (day is None or day >= p.day)):
            return p.year
        return p.year + 1
    # past by default: the most recent occurrence on or before the published date
    if month < p.month or (month == p.month and (day is None or day <= p.day)):
        return p.year
    return p.year - 1


def _try_date(s: _Sentence, i: int, allow_bare_month: bool = False) -> _Hit | None:
    """[10|العاشر من] [شهر] مايو [2018|الماضي|المقبل|الجاري] [من العام 2014]."""
    j = i
    day = None
    number = _number(s, j)
    ordinal = _ordinal(s, j)
    if number is not None and 1 <= number[1] <= 31 and _month(s, number[0]) is not None:
        j, day = number
    elif ordinal is not None:
        k = ordinal[0] + 1 if s.norm(ordinal[0]) == lx.OF else ordinal[0]
        if _month(s, k) is None:
            return None
        j, day = k, ordinal[1]
    if s.base(j) in lx.MONTH_WORDS and _month(s, j + 1) is not None:
        j += 1
    found = _month(s, j)
    if found is None:
        return None
    j, month = found
    year = None
    reading = ""
    y = _year(s, j)
    if y is not None:
        j, year = y
    elif s.norm(j) == lx.OF and s.norm(j + 1) in lx.YEAR_WORDS and _year(s, j + 2) is not None:
        j, year = _year(s, j + 2)  # type: ignore[misc]
    else:
        mod = _modifier(s, j)
        if mod is not None:
            j, reading = mod
        elif s.base(i) in lx.AMBIGUOUS_MONTHS and day is None and not allow_bare_month and s.base(i) == s.base(j - 1):
            return None  # ماي، آب alone are as often a name or "father" as a month
        reading = reading or ("future" if s.future else "")
        year = _year_for_month(s, month, day, reading)
    if day is not None:
        if year is None:
            return _Hit(j, None, "day")
        if day > calendar.monthrange(year, month)[1]:
            return None
        return _Hit(j, date(year, month, day).isoformat(), "day")
    return _Hit(j, f"{year:04d}-{month:02d}" if year else None, "month")


def _try_numeric_date(s: _Sentence, i: int) -> _Hit | None:
    """10/12/2018, 10.12.2018, 2018-12-10 (day first, as Arabic news writes it)."""
    word = s.base(i)
    parts = word.replace(".", "/").split("/")
    j = i + 1
    if len(parts) == 1 and _year(s, i) is not None and s.norm(i + 1) == "-" and s.norm(i + 3) == "-":
        month, day = s.norm(i + 2), s.norm(i + 4)
        if month.isdigit() and day.isdigit():
            parts, j = [day, month, word], i + 5
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    d, m, y = (int(p) for p in parts)
    if y < 100:
        y += 2000
    try:
        return _Hit(j, date(y, m, d).isoformat(), "day")
    except ValueError:
        return None


def _try_year(s: _Sentence, i: int) -> _Hit | None:
    """عام 2002، العام 2002، سنة 1995, and a bare year where a year is expected."""
    j = i
    if s.base(j) in lx.YEAR_WORDS:
        j += 1
    y = _year(s, j)
    if y is None:
        return None
    if j == i:
        previous = s.forms[i - 1] if i > 0 else None
        context = previous is not None and (previous.base in YEAR_CONTEXT or previous.norm in YEAR_CONTEXT)
        coordinated = bool(s.forms[i].proclitics)
        if not (context or coordinated or not s.base(i + 1).isalpha()):
            return None
    return _Hit(y[0], str(y[1]), "year")


def _try_period(s: _Sentence, i: int) -> _Hit | None:
    """الأسبوع/الشهر/العام الماضي/المقبل/الحالي، هذا العام، and (with a part) منتصف الشهر."""
    j = i
    this = s.base(j) in lx.THIS
    if this:
        j += 1
    word = s.base(j) if j == i else s.norm(j)
    unit = lx.PERIOD_NOUNS.get(word)
    if unit is None:
        return None
    j += 1
    reading = "current" if this else None
    mod = _modifier(s, j)
    if mod is not None and not this:
        j, reading = mod
    if reading is None:
        return None
    p = s.published
    if p is None:
        return _Hit(j, None, {"W": "week", "M": "month", "Y": "year"}[unit])
    step = {"past": -1, "next": 1, "current": 0}[reading]
    if unit == "W":
        return _Hit(j, _iso_week(p + timedelta(weeks=step)), "week")
    if unit == "M":
        y, m = _shift_months(p, step)
        return _Hit(j, f"{y:04d}-{m:02d}", "month")
    return _Hit(j, str(p.year + step), "year")


def _try_part(s: _Sentence, i: int) -> _Hit | None:
    """نهاية/مطلع/منتصف + a period, month or year: the granularity of what follows."""
    if s.base(i) not in lx.PARTS:
        return None
    k = i + 1
    if s.norm(k) in lx.YEAR_WORDS and _year(s, k + 1) is None and _modifier(s, k + 1) is None:
        # مطلع العام with no modifier: the current year
        y = str(s.published.year) if s.published else None
        return _Hit(k + 1, y, "year")
    if s.norm(k) in lx.PERIOD_NOUNS and _modifier(s, k + 1) is None:
        unit = lx.PERIOD_NOUNS[s.norm(k)]
        p = s.published
        if unit == "W":
            return _Hit(k + 1, _iso_week(p) if p else None, "week")
        if unit == "M":
            return _Hit(k + 1, f"{p.year:04d}-{p.month:02d}" if p else None, "month")
        return _Hit(k + 1, str(p.year) if p else None, "year")
    for rule in (_try_period, _try_date, _try_year):
        hit = rule(s, k)
        if hit is not None:
            return hit
    return None


def _quantity(s: _Sentence, i: int) -> tuple[int, int, str] | None:
    """(end, count, unit) of "N units" or a dual (يومين), with نحو/حوالي/أكثر من before."""
    j = i
    if s.base(j) in lx.APPROXIMATORS:
        j += 1
    elif (s.base(j), s.norm(j + 1)) == lx.MORE_THAN:
        j += 2
    word = s.base(j) if j == i else s.norm(j)
    if word in lx.DUALS:
        return j + 1, 2, lx.DUALS[word]
    number = _number(s, j)
    if number is None:
        return None
    k, n = number
    unit = lx.UNITS.get(s.norm(k))
    if unit is None:
        return None
    return k + 1, n, unit


def _duration(n: int, unit: str) -> str:
    if unit == "H":
        return f"PT{n}H"
    if unit == "MIN":
        return f"PT{n}M"
    if unit == "DEC":
        return f"P{n * 10}Y"
    return f"P{n}{unit}"


def _try_ago(s: _Sentence, i: int) -> _Hit | None:
    """قبل ثلاثة أيام، قبل أسبوع: a point in the past with the unit's granularity."""
    if s.base(i) != lx.AGO:
        return None
    q = _quantity(s, i + 1)
    if q is None:
        unit = lx.UNITS.get(s.norm(i + 1))
        if unit not in ("D", "W", "M", "Y"):
            return None
        q = (i + 2, 1, unit)
    end, n, unit = q
    p = s.published
    if unit == "D":
        return _Hit(end, (p - timedelta(days=n)).isoformat() if p else None, "day")
    if unit == "W":
        return _Hit(end, _iso_week(p - timedelta(weeks=n)) if p else None, "week")
    if unit == "M":
        if p is None:
            return _Hit(end, None, "month")
        y, m = _shift_months(p, -n)
        return _Hit(end, f"{y:04d}-{m:02d}", "month")
    if unit == "Y":
        return _Hit(end, str(p.year - n) if p else None, "year")
    return None


def _try_duration(s: _Sentence, i: int) -> _Hit | None:
    """خلال 24 ساعة، لمدة ثلاثة أشهر، على مدى سبع سنوات، منذ عامين, or a bare "ثلاث سنوات"."""
    j = i
    if s.base(i) in lx.DURATION_LEADS or s.base(i) == lx.SINCE:
        j = i + 1
    elif (s.base(i), s.norm(i + 1)) == lx.OVER:
        j = i + 2
    q = _quantity(s, j)
    if q is None:
        # بعد أسبوع من …: a bare unit after بعد is a length of one unit
        unit = lx.UNITS.get(s.base(i))
        if i > 0 and s.base(i - 1) == lx.AFTER and unit in ("W", "M", "Y") and not s.base(i).startswith("ال"):
            return _Hit(i + 1, _duration(1, unit), "duration")
        return None
    end, n, unit = q
    if (
        j == i
        and unit == "Y"
        and any(s.norm(k) in lx.AGE_CUES or s.base(k) in lx.AGE_CUES for k in (i - 1, i - 2) if k >= 0)
    ):
        return None  # an age: (48 عاما)، البالغ من العمر 30 عاما
    if s.norm(end) == normalize_word("الأخيرة"):
        end += 1
    return _Hit(end, _duration(n, unit), "duration")


def _try_set(s: _Sentence, i: int) -> _Hit | None:
    """يوميا، سنويا، كل يوم/أسبوع/شهر/عام."""
    if s.base(i) in lx.SETS:
        return _Hit(i + 1, lx.SETS[s.base(i)], "set")
    if s.base(i) == lx.EVERY:
        unit = lx.UNITS.get(s.norm(i + 1))
        if unit in ("D", "W", "M", "Y"):
            return _Hit(i + 2, f"P1{unit}", "set")
    return None


def _try_season(s: _Sentence, i: int) -> _Hit | None:
    """الخريف، صيف 2017، الشتاء الماضي."""
    season = lx.SEASONS.get(s.base(i))
    if season is None:
        return None
    j = i + 1
    y = _year(s, j)
    p = s.published
    if y is not None:
        return _Hit(y[0], f"{y[1]}-{season}", "season")
    if not s.base(i).startswith("ال"):
        return None  # ربيع، صيف alone are names or nouns
    year = p.year if p else None
    mod = _modifier(s, j)
    if mod is not None:
        j = mod[0]
        if year is not None:
            year += {"past": -1, "next": 1, "current": 0}[mod[1]]
    return _Hit(j, f"{year}-{season}" if year else None, "season")


def _try_hijri(s: _Sentence, i: int) -> _Hit | None:
    """15 رمضان 1445 [هـ]."""
    number = _number(s, i)
    if number is None or not 1 <= number[1] <= 30:
        return None
    j = number[0]
    name = s.norm(j)
    two = f"{name} {s.norm(j + 1)}"
    if two in lx.HIJRI_MONTHS:
        month, j = lx.HIJRI_MONTHS[two], j + 2
    elif name in lx.HIJRI_MONTHS:
        month, j = lx.HIJRI_MONTHS[name], j + 1
    else:
        return None
    y = s.base(j)
    if not (y.isdigit() and 1300 <= int(y) <= 1500):
        return None
    j += 1
    if s.norm(j) in lx.HIJRI_MARK:
        j += 1
    try:
        g = Hijri(int(y), month, number[1]).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return _Hit(j, date(g.year, g.month, g.day).isoformat(), "day")


RULES: tuple[Callable[[_Sentence, int], _Hit | None], ...] = (
    _try_deictic,
    _try_weekday,
    _try_hijri,
    _try_date,
    _try_numeric_date,
    _try_part,
    _try_period,
    _try_ago,
    _try_duration,
    _try_year,
    _try_set,
    _try_season,
)


# Words an expression can start with; every other token is skipped without trying the rules.
_STARTS = frozenset(
    [*lx.DEICTIC_DAYS, *lx.WEEKDAYS, *lx.DAY_PARTS, *lx.DAY_WORDS, *lx.MONTHS_ONE_WORD, *lx.MONTHS_TWO_WORDS,
     *lx.MONTH_WORDS, *lx.YEAR_WORDS, *lx.PERIOD_NOUNS, *lx.THIS, *lx.PARTS, *lx.DUALS, *lx.UNITS, *lx.SEASONS,
     *lx.SETS, *lx.DURATION_LEADS, *lx.APPROXIMATORS, *lx.NUMBER_WORDS, *lx.ORDINALS, lx.EVERY, lx.AGO, lx.SINCE,
     lx.OVER[0], lx.MORE_THAN[0], normalize_word("الحادي")]
)  # fmt: skip


def _may_start(form: WordForm) -> bool:
    return form.base in _STARTS or form.base[:1].isdigit()


def find_times(forms: list[WordForm], published: date | None) -> list[TimeSpan]:
    """Time expressions in one sentence, as token ranges, left to right, longest first."""
    s = _Sentence(forms, published)
    out: list[TimeSpan] = []
    i = 0
    while i < len(forms):
        if not _may_start(forms[i]):
            i += 1
            continue
        best: _Hit | None = None
        s.future = s.future_near(i)
        for rule in RULES:
            try:
                hit = rule(s, i)
            except (ValueError, OverflowError):
                hit = None  # a date outside the calendar (a malformed text): not an expression
            if hit is not None and (best is None or hit.end > best.end):
                best = hit
        if best is None:
            i += 1
            continue
        keep_proclitic = forms[i].base == normalize_word("مدة") and forms[i].proclitics == "ل"
        out.append(TimeSpan(i, best.end, best.value, best.granularity, keep_proclitic))
        i = best.end
    return out
