from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.sentences import split_sentences


def sents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_splits_on_arabic_and_latin_terminals() -> None:
    assert sents("هل انتهى؟ نعم! انتهى؛ ثم بدأ… وانتهى.") == ["هل انتهى؟", "نعم!", "انتهى؛", "ثم بدأ…", "وانتهى."]


def test_never_inside_numbers() -> None:
    assert sents("ارتفع بنسبة 3.5 في المئة يوم 10.12.2018 بعد الظهر.") == [
        "ارتفع بنسبة 3.5 في المئة يوم 10.12.2018 بعد الظهر."
    ]


def test_never_after_initials_and_abbreviations() -> None:
    text = "نقلت وكالة أ.ف.ب عن د. أحمد أن ج.م.ع وافقت. وانتهى الأمر."
    assert sents(text) == ["نقلت وكالة أ.ف.ب عن د. أحمد أن ج.م.ع وافقت.", "وانتهى الأمر."]


def test_not_inside_domain_names() -> None:
    assert sents("نشر موقع alarabiya.net الخبر. ثم حذفه.") == ["نشر موقع alarabiya.net الخبر.", "ثم حذفه."]


def test_quotation_keeps_its_sentences_together() -> None:
    text = 'وقال: "الأزمة صعبة. على الدبلوماسية أن تلعب دورا". وفي وقت سابق اتهم الجيش قطر.'
    assert sents(text) == ['وقال: "الأزمة صعبة. على الدبلوماسية أن تلعب دورا".', "وفي وقت سابق اتهم الجيش قطر."]
    text = "قال ستيبانوف: «روسيا تصر... كما أن روسيا تسعى. وهذا مهم». ثم غادر."
    assert sents(text) == ["قال ستيبانوف: «روسيا تصر... كما أن روسيا تسعى. وهذا مهم».", "ثم غادر."]
    assert sents("قال “هذا صحيح. تماما” وانصرف.") == ["قال “هذا صحيح. تماما” وانصرف."]


def test_a_quotation_can_end_the_sentence() -> None:
    assert sents('قال: "ليبيا تحتاج لروسيا." وأضاف أن الوضع صعب.') == [
        'قال: "ليبيا تحتاج لروسيا."',
        "وأضاف أن الوضع صعب.",
    ]


def test_missing_space_after_period_before_arabic() -> None:
    text = 'وقال إن "قوات الجيش فقامت بقتلهم".وأوضح بوطبنجات أن'
    assert sents(text) == ['وقال إن "قوات الجيش فقامت بقتلهم".', "وأوضح بوطبنجات أن"]


def test_paragraph_breaks_split_long_unpunctuated_runs() -> None:
    text = "عنوان بلا ترقيم\nفقرة أولى طويلة بلا نقطة\n\nفقرة ثانية"
    assert sents(text) == ["عنوان بلا ترقيم", "فقرة أولى طويلة بلا نقطة", "فقرة ثانية"]


def test_unbalanced_quote_is_reset_at_paragraph_break() -> None:
    text = 'قال "هذا خطأ. وذاك\nفقرة جديدة. وجملة أخرى.'
    assert sents(text) == ['قال "هذا خطأ. وذاك', "فقرة جديدة.", "وجملة أخرى."]


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


def test_example_article_quotes_are_not_broken(example_text: str) -> None:
    sentences = sents(example_text)
    # each quoted passage lies inside one sentence
    for quote in (
        "الأزمة الليبية بحاجة إلى تدخل",
        "ليبيا تحتاج لروسيا أكثر فأكثر",
        "فرنسا تقف مع إجراء الانتخابات",
        "روسيا تصر على تشكيل حكومة وفاق",
    ):
        start = example_text.index(quote)
        opener = example_text[start - 1]
        closer = {"«": "»"}.get(opener, opener)
        end = example_text.index(closer, start) + 1
        inside = [s for s in split_sentences(example_text) if s.start <= start - 1 and end <= s.end]
        assert len(inside) == 1, quote
    assert any(s.startswith("وأوضح بوطبنجات") for s in sentences)
    assert any(s.endswith('بقتلهم".') for s in sentences)


@given(st.text(alphabet=st.sampled_from(list('قال ليبيا.؟!؛…"«»“”\n 3')), max_size=200))
def test_sentences_are_ordered_trimmed_and_in_bounds(text: str) -> None:
    previous_end = 0
    for s in split_sentences(text):
        assert previous_end <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        previous_end = s.end
