"""Publication dates as sources write them: ISO, RFC 822 (feeds), English and Arabic month names.

Only the date counts, as written: "Thu, 26 Jul 2018 01:00:00 +0300" is 26 July, the day the
source published it, although it is still the 25th in UTC.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import date, datetime

from marsad.temporal.lexicon import MONTHS_ONE_WORD, MONTHS_TWO_WORDS
from marsad.text.normalize import normalize_word

ENGLISH_MONTHS = {
    name: month
    for month, names in enumerate(
        "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug|"
        "september sep sept|october oct|november nov|december dec".split("|"),
        start=1,
    )
    for name in names.split()
}

# After normalize_word, which also turns Arabic-Indic digits into ASCII ones.
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[/()\-]")
_SEPARATORS = frozenset("/(-")


def parse_date(value: str | date | time.struct_time) -> date | None:
    """The date in `value`, or None when it cannot be read.

    Reads 2018-07-26 (with or without a time, also 2018/07/26), RFC 822 as in RSS
    ("Thu, 26 Jul 2018 10:00:00 +0000"), "26 July 2018", "July 26, 2018", Arabic forms with
    Egyptian/Gulf or Levantine month names and Arabic-Indic digits ("الخميس ٢٦ تموز/يوليو ٢٠١٨"),
    a date or datetime, and the time.struct_time feedparser gives.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _day(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = normalize_word(value).strip()
    found = _ISO.search(text)
    if found:
        return _day(*(int(g) for g in found.groups()))
    return _rfc822(value) or _named_month(text)


def _rfc822(value: str) -> date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _named_month(text: str) -> date | None:
    """Day, month name, year ("26 تموز 2018", "26 July 2018") or month, day, year ("July 26, 2018")."""
    tokens = _TOKEN.findall(text.lower())
    for i, token in enumerate(tokens):
        if _is_day(token):
            found = _month(tokens, i + 1)
            if found and _is_year(tokens, found[0]):
                return _day(int(tokens[found[0]]), found[1], int(token))
        else:
            found = _month(tokens, i)
            if found and found[0] + 1 < len(tokens) and _is_day(tokens[found[0]]) and _is_year(tokens, found[0] + 1):
                return _day(int(tokens[found[0] + 1]), found[1], int(tokens[found[0]]))
    return None


def _month(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(end, month) of a month name, also written twice: تموز/يوليو, يوليو (تموز)."""
    found = _one_month(tokens, i)
    if found is None:
        return None
    end, month = found
    if end < len(tokens) and tokens[end] in _SEPARATORS:
        second = _one_month(tokens, end + 1)
        if second is not None and second[1] == month:
            end = second[0] + (second[0] < len(tokens) and tokens[second[0]] == ")")
    return end, month


def _one_month(tokens: list[str], i: int) -> tuple[int, int] | None:
    if i >= len(tokens):
        return None
    word = tokens[i]
    month = MONTHS_ONE_WORD.get(word) or ENGLISH_MONTHS.get(word)
    if month is not None:
        return i + 1, month
    second = MONTHS_TWO_WORDS.get(word)
    if second and i + 1 < len(tokens) and tokens[i + 1] in second:
        return i + 2, second[tokens[i + 1]]
    return None


def _is_day(token: str) -> bool:
    return token.isdigit() and len(token) <= 2


def _is_year(tokens: list[str], i: int) -> bool:
    return i < len(tokens) and tokens[i].isdigit() and len(tokens[i]) == 4


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None
