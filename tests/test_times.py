from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import marsad


def times(text: str, published: str | None = "2018-07-26") -> list[tuple[str, str | None, str]]:
    return [(t.text, t.value, t.granularity) for t in marsad.extract(text, published=published).times]


def test_example_article_with_and_without_a_date(example_text: str) -> None:
    found = times(example_text)
    assert ("أمس الاربعاء", "2018-07-25", "day") in found
    assert ("مايو الماضي", "2018-05", "month") in found
    assert ("10 ديسمبر المقبل", "2018-12-10", "day") in found
    assert ("العام المقبل", "2019", "year") in found
    assert ("نهاية العام الحالي", "2018", "year") in found
    assert ("24 ساعة", "PT24H", "duration") in found
    undated = times(example_text, None)
    assert ("أمس الاربعاء", None, "day") in undated
    assert ("مايو الماضي", None, "month") in undated
    assert ("24 ساعة", "PT24H", "duration") in undated  # a length needs no anchor


def test_relative_days_and_weekdays() -> None:
    # 2018-07-26 is a Thursday
    assert times("قال أمس ويعود غدا") == [("أمس", "2018-07-25", "day"), ("غدا", "2018-07-27", "day")]
    assert times("اجتمع الأربعاء الماضي") == [("الأربعاء الماضي", "2018-07-25", "day")]
    assert times("سيجتمع الأربعاء المقبل") == [("الأربعاء المقبل", "2018-08-01", "day")]
    assert times("وصل صباح اليوم الخميس") == [("صباح اليوم الخميس", "2018-07-26", "day")]
    assert times("قتل قبل ثلاثة أيام") == [("قبل ثلاثة أيام", "2018-07-23", "day")]


def test_periods_and_parts() -> None:
    assert times("خلال الأسبوع الماضي") == [("الأسبوع الماضي", "2018-W29", "week")]
    assert times("في الشهر المقبل") == [("الشهر المقبل", "2018-08", "month")]
    assert times("منذ العام الحالي") == [("العام الحالي", "2018", "year")]
    assert times("في منتصف الشهر") == [("منتصف الشهر", "2018-07", "month")]
    assert times("في مطلع الأسبوع") == [("مطلع الأسبوع", "2018-W30", "week")]


def test_month_names_of_every_region() -> None:
    assert times("في كانون الثاني الماضي") == [("كانون الثاني الماضي", "2018-01", "month")]
    assert times("في آذار الماضي") == [("آذار الماضي", "2018-03", "month")]
    assert times("في جانفي الماضي") == [("جانفي الماضي", "2018-01", "month")]
    assert times("في جويلية المقبل") == [("جويلية المقبل", "2019-07", "month")]
    assert times("في أوت المقبل") == [("أوت المقبل", "2018-08", "month")]
    assert times("في يوليو (تموز) الماضي") == [("يوليو (تموز) الماضي", "2017-07", "month")]


def test_numbers_in_words_and_ordinals() -> None:
    assert times("على مدى عشرين عاما") == [("على مدى عشرين عاما", "P20Y", "duration")]
    assert times("في الثالث من مارس") == [("الثالث من مارس", "2018-03-03", "day")]
    assert times("منذ الخامس والعشرين من ديسمبر الماضي") == [("الخامس والعشرين من ديسمبر الماضي", "2017-12-25", "day")]


def test_numeric_dates_years_and_hijri() -> None:
    assert times("في 10/12/2018") == [("10/12/2018", "2018-12-10", "day")]
    assert times("في 2018-12-10") == [("2018-12-10", "2018-12-10", "day")]
    assert times("منذ عام 2002") == [("عام 2002", "2002", "year")]
    assert times("في 15 رمضان 1445 هـ") == [("15 رمضان 1445 هـ", "2024-03-25", "day")]


def test_durations_and_sets() -> None:
    assert times("خلال 24 ساعة") == [("خلال 24 ساعة", "PT24H", "duration")]
    assert times("لمدة ثلاثة أشهر") == [("لمدة ثلاثة أشهر", "P3M", "duration")]
    assert times("يجتمعون يوميا") == [("يوميا", "P1D", "set")]
    assert times("يجتمعون كل أسبوع") == [("كل أسبوع", "P1W", "set")]


def test_ages_and_vague_words_are_not_times() -> None:
    assert times("توفي الرجل (48 عاما) مؤخرا") == []
    assert times("وما زال الوضع كما هو حتى اليوم") == []


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("أمس اليوم الأربعاء الماضي 10 ديسمبر 2018 قبل ثلاثة أيام / ( ) .")), max_size=120
    )
)
def test_times_point_into_the_text(text: str) -> None:
    for published in ("2018-07-26", None):
        doc = marsad.extract(text, published=published)
        for t in doc.times:
            assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
