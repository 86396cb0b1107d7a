from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalize import SPELLING_TABLE, TABLE, normalize, normalize_word


def test_strips_tashkeel_tatweel_and_invisible_marks() -> None:
    assert normalize("مُحَمَّدٌ").text == "محمد"
    assert normalize("العـــربية").text == "العربية"
    assert normalize("\ufeffليبيا\u200f").text == "ليبيا"
    assert normalize("روسيا\u061c").text == "روسيا"


def test_unifies_letter_variants_and_digits() -> None:
    assert normalize("أحمد إبراهيم آمال ٱلله").text == "احمد ابراهيم امال الله"
    assert normalize("مستشفى").text == "مستشفي"
    assert normalize("کتاب ی").text == "كتاب ي"
    assert normalize("٢٠١٨ و ۲۰۱۸ و ٣٫٥").text == "2018 و 2018 و 3.5"


def test_presentation_forms_decompose() -> None:
    assert normalize("ﻻ").text == "لا"
    assert normalize("ﷲ").text == "الله"
    assert normalize("ﻷ").text == "لا"


def test_spelled_keeps_hamza_and_has_the_same_length() -> None:
    n = normalize("إلغاءُ الاتفاق مع ألمانيا ﻷن")
    assert n.spelled == "إلغاء الاتفاق مع ألمانيا لأن"
    assert len(n.spelled) == len(n.text)


def test_identity_map_when_nothing_is_removed() -> None:
    n = normalize("قال المسماري 2018")
    assert n.starts is None
    assert n.to_original(4, 12) == (4, 12)


def test_span_maps_back_over_diacritics() -> None:
    original = "قالَ مُحَمَّدٌ"
    n = normalize(original)
    start = n.text.index("محمد")
    s, e = n.to_original(start, start + 4)
    assert original[s:e] == "مُحَمَّدٌ"  # the trailing tanween belongs to the last letter


def test_normalize_word_matches_normalize() -> None:
    assert normalize_word("وَالْقَاهِرَة") == normalize("وَالْقَاهِرَة").text


def test_tables_agree_on_lengths() -> None:
    for cp, rep in TABLE.items():
        assert len(SPELLING_TABLE.get(cp, chr(cp))) == len(rep)


ARABICISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list(" .\n\u200b\u200f\ufeffa1")),
        st.characters(),
    ),
    max_size=80,
)


@given(ARABICISH)
def test_offset_map_is_monotone_and_in_bounds(text: str) -> None:
    n = normalize(text)
    assert len(n.spelled) == len(n.text)
    if n.starts is None:
        assert len(n.text) == len(text)
        return
    assert n.ends is not None
    assert len(n.starts) == len(n.ends) == len(n.text)
    for i in range(len(n.text)):
        assert 0 <= n.starts[i] < n.ends[i] <= len(text)
        if i:
            assert n.starts[i - 1] <= n.starts[i]
            assert n.ends[i - 1] <= n.ends[i]


@given(ARABICISH, st.data())
def test_every_span_maps_back(text: str, data: st.DataObject) -> None:
    n = normalize(text)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    s, e = n.to_original(a, b)
    assert 0 <= s <= e <= len(text)
    # the original characters normalise to (a superset of, at expansion edges) the span
    assert n.text[a:b] in normalize(text[s:e]).text


@given(ARABICISH)
def test_fast_spelling_equals_translate(text: str) -> None:
    assert normalize(text).spelled == text.translate(SPELLING_TABLE)
    assert normalize(text).text == text.translate(TABLE)
