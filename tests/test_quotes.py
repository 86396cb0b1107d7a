from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import marsad


def test_example_article_quotes_and_speakers(example_text: str) -> None:
    doc = marsad.extract(example_text, published="2018-07-26")
    mentions = {m.id: m for m in doc.mentions}
    actors = {a.id: a for a in doc.actors}
    direct = [q for q in doc.quotes if q.kind == "direct"]
    speakers = []
    for q in direct:
        assert q.speaker_mention is not None and q.speaker_actor is not None
        assert mentions[q.speaker_mention].id in actors[q.speaker_actor].mentions
        speakers.append(actors[q.speaker_actor].name)
        assert example_text[q.start : q.end] == q.text
        assert example_text[q.cue.start : q.cue.end] == q.cue.text
    assert sum("المسماري" in s for s in speakers) == 3
    assert sum("بوطبنجات" in s for s in speakers) == 3
    assert sum("ستيبانوف" in s for s in speakers) == 1
    assert len(direct) == 7
    first = direct[0]
    assert first.text.startswith("الأزمة الليبية") and first.text.endswith("هذا الشأن")
    assert first.cue.text == "قال"


def test_reported_speech_and_continuations() -> None:
    text = "وأكد وزير الخارجية سامح شكري أن مصر تدعم الحل السياسي، مشيرا إلى أن الحوار هو الطريق. وأضاف: الوضع صعب جدا."
    doc = marsad.extract(text)
    quotes = doc.quotes
    assert [q.kind for q in quotes] == ["reported", "reported", "direct"]
    assert quotes[0].text == "أن مصر تدعم الحل السياسي"
    assert quotes[1].cue.text == "مشيرا"
    assert quotes[2].text == "الوضع صعب جدا"
    speakers = {doc.text[m.start : m.end] for q in quotes for m in doc.mentions if m.id == q.speaker_mention}
    assert speakers == {"سامح شكري"}


def test_names_in_quotation_marks_are_not_quotes() -> None:
    doc = marsad.extract('وقال المسماري في حوار مع وكالة "نوفوستي" الروسية إن الجيش تقدم.')
    assert [q.kind for q in doc.quotes] == ["reported"]
    assert doc.quotes[0].text == "إن الجيش تقدم"


def test_a_quote_over_several_sentences_is_one_quote() -> None:
    doc = marsad.extract("وقال المتحدث: «الجيش تقدم. والمدينة آمنة. ونحن مستعدون». ثم غادر.")
    assert len(doc.quotes) == 1 and doc.quotes[0].text == "الجيش تقدم. والمدينة آمنة. ونحن مستعدون"


WORDS = 'قال أكد أن إن المسماري وسائل إعلام بحسب ما ذكرت بيانا فيه أصدرت وزير الدفاع مصدر عسكري : « » " . ، و'


@settings(max_examples=80, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=st.sampled_from(list('قال أكد أن إن المسماري: «»"“”. ، وأضاف \n')), max_size=150),
        st.lists(st.sampled_from(WORDS.split()), max_size=40).map(" ".join),
    )
)
def test_quotes_point_into_the_text(text: str) -> None:
    doc = marsad.extract(text)
    ids = {m.id for m in doc.mentions}
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
        assert text[q.cue.start : q.cue.end] == q.cue.text
        assert q.speaker_mention is None or q.speaker_mention in ids
        assert q.speaker_phrase is None or text[q.speaker_phrase.start : q.speaker_phrase.end] == q.speaker_phrase.text
        assert q.speaker_phrase is None or q.speaker_mention is None


def _speaker_text(doc: marsad.Document, quote: marsad.model.Quote) -> str | None:
    return next((m.text for m in doc.mentions if m.id == quote.speaker_mention), None)


def test_the_subject_is_right_after_the_verb_and_an_addressee_never_speaks() -> None:
    doc = marsad.extract("وقال الإمام لبي بي سي إن القرية هوجمت ليلا.")
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["الإمام"]
    bbc = [m for m in doc.mentions if m.text == "بي بي سي"]
    assert bbc and bbc[0].label == "ORG"  # the ل the segmenter kept on لبي is not part of the name


def test_a_title_introduces_the_person_named_after_it() -> None:
    doc = marsad.extract("وقالت المتحدثة باسم وزارة الخارجية الروسية، ماريا زخاروفا، إن موسكو لن ترد.")
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["ماريا زخاروفا"]


def test_a_participle_takes_the_subject_of_its_clause() -> None:
    doc = marsad.extract("وأعلنت روسيا طرد دبلوماسيين بريطانيين، مؤكدة أن القرار نهائي.")
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["روسيا"]


def test_a_title_alone_speaks_for_the_person_it_introduced() -> None:
    text = (
        "التقى وزير الدفاع الأمريكي جيمس ماتيس نظيره الفرنسي. "
        "ورفض وزير الدفاع ما جاء في الكتاب، وقال في بيان إن القصة مختلقة."
    )
    doc = marsad.extract(text, published="2018-09-05")
    quote = doc.quotes[-1]
    actor = next(a for a in doc.actors if a.id == quote.speaker_actor)
    assert "ماتيس" in actor.name


def test_a_sentence_that_ends_with_its_source_is_reported_speech() -> None:
    doc = marsad.extract("وقتل 19 شخصا على الأقل في اشتباكات بين الجيش ومجموعة مسلحة، وفق وكالة فرانس برس.")
    assert [q.text for q in doc.quotes] == ["قتل 19 شخصا على الأقل في اشتباكات بين الجيش ومجموعة مسلحة"]
    assert doc.quotes[0].cue.text == "وفق" and _speaker_text(doc, doc.quotes[0]) == "وكالة فرانس برس"


def test_a_reported_clause_ends_before_the_next_cue_or_a_circumstantial_participle() -> None:
    doc = marsad.extract("وأكد الحريري أنه مازال حليفا للرئيس عون، مهنئا القوات اللبنانية على ما حققته.")
    assert [q.text for q in doc.quotes] == ["أنه مازال حليفا للرئيس عون"]
    doc = marsad.extract("وقالت ماي إنها ستبلغ القادة بالأدلة، في وقت قال دبلوماسيون إن القمة ستدعمها.")
    assert [q.text for q in doc.quotes] == ["إنها ستبلغ القادة بالأدلة", "إن القمة ستدعمها"]


def test_marked_fragments_governed_by_an_accusing_verb() -> None:
    doc = marsad.extract('وتتهم أنقرة "بالإرهاب" وحدات حماية الشعب. وتصف أنقرة الحزب كـ"منظمة إرهابية".')
    assert [q.text for q in doc.quotes] == ["بالإرهاب", "منظمة إرهابية"]


def test_a_relayed_quote_belongs_to_its_source_not_the_agency() -> None:
    doc = marsad.extract('ونقلت وكالة الصحافة الفرنسية عن نتانياهو قوله "سنرد بقوة على أي هجوم من غزة".')
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["نتانياهو"]


def test_a_ministry_named_by_its_portfolio_speaks() -> None:
    doc = marsad.extract("وقتل 18 شخصا في انفجار، قالت وزارة الداخلية إنه ناتج عن مستودع للذخيرة.")
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["وزارة الداخلية"]


def test_a_nameless_subject_is_the_speaker_phrase() -> None:
    doc = marsad.extract("وقتل جندي في الهجوم. وذكرت وسائل إعلام إسرائيلية أن الجيش رد على مصادر النيران.")
    quote = doc.quotes[0]
    assert quote.speaker_mention is None and quote.speaker_phrase is not None
    assert quote.speaker_phrase.text == "وسائل إعلام إسرائيلية"
    assert doc.text[quote.speaker_phrase.start : quote.speaker_phrase.end] == quote.speaker_phrase.text
    again = marsad.Document.from_dict(doc.to_dict())
    assert again.quotes[0].speaker_phrase == quote.speaker_phrase


def test_the_issuer_of_a_statement_speaks_in_it() -> None:
    doc = marsad.extract("وأصدرت وزارة الأمن العام الصينية بيانا، الإثنين، أعلنت فيه أن التحقيق مستمر.")
    quote = doc.quotes[0]
    assert quote.speaker_phrase is not None or quote.speaker_mention is not None
    named = quote.speaker_phrase.text if quote.speaker_phrase else _speaker_text(doc, quote)
    assert named is not None and "وزارة الأمن العام" in named


def test_a_title_before_the_verb_speaks_not_the_ministry_inside_it() -> None:
    doc = marsad.extract("إلا أن وزير الخارجية الأميركي حذر بأن الولايات المتحدة ستطلب آلية تحقق صارمة.")
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["وزير الخارجية"]


def test_an_adviser_is_not_the_president_he_advises() -> None:
    doc = marsad.extract(
        "وقال مستشار الرئيس الأمريكي دونالد ترامب للأمن القومي، جون بولتون، إن العقوبات ستعود.",
        published="2018-08-07",
    )
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["جون بولتون"]


def test_the_object_of_a_describing_verb_is_not_its_speaker() -> None:
    doc = marsad.extract('وقال ترامب إن مانافورت رجل جيد، ووصف المحاكمة بأنها "محزنة جدا للغاية".')
    assert [_speaker_text(doc, q) for q in doc.quotes] == ["ترامب", "ترامب"]


def test_the_one_accused_right_after_the_verb_is_not_its_speaker() -> None:
    doc = marsad.extract(
        'وقال الناطق باسم وزارة الدفاع الروسية إيغور كوناشينكوف إن لدى الجيش "أدلة". '
        'واتهم لندن بأنها "مارست ضغوطا قوية" على الخوذ البيضاء.'
    )
    speakers = [
        next((a.name for a in doc.actors if a.id == q.speaker_actor), None) or _speaker_text(doc, q) for q in doc.quotes
    ]
    assert len(speakers) == 2 and all(s and "كوناشينكوف" in s for s in speakers), speakers


def test_a_marked_fragment_after_the_verbal_noun_an_accusing_verb_governs() -> None:
    doc = marsad.extract('واتهمت الخارجية الروسية لندن بممارسة "ضغوط قوية" على المنظمة.')
    assert [(q.text, q.kind) for q in doc.quotes] == [("ضغوط قوية", "direct")]
    doc = marsad.extract('وقال الوزير بضرورة "الحوار" مع الجميع.')  # قال governs no fragment this way
    assert [q.text for q in doc.quotes if q.text == "الحوار"] == []


def test_insisting_and_a_coordinated_cue_that_starts_the_next_quote() -> None:
    doc = marsad.extract("وأصر محاميه على أنه لم يفعل شيئا خاطئا.")
    assert [(q.cue.text, q.text) for q in doc.quotes] == [("أصر", "أنه لم يفعل شيئا خاطئا")]
    doc = marsad.extract('وقالت الكتائب في بيانها إن جميع الخيارات مفتوحة وشددت على أن "الدم بالدم والقصف بالقصف".')
    assert [q.text for q in doc.quotes] == ["إن جميع الخيارات مفتوحة", "الدم بالدم والقصف بالقصف"]


def test_attributions_with_a_verb_and_names_in_marks() -> None:
    doc = marsad.extract("استهدفت غارة جوية منطقة قرب مطار دمشق الدولي بحسب ما أوردت وكالة الأنباء الرسمية.")
    assert [q.text for q in doc.quotes] == ["استهدفت غارة جوية منطقة قرب مطار دمشق الدولي"]
    doc = marsad.extract('وكشفت صحيفة "ذا تايمز أوف إسرائيل" الإسرائيلية أن قطر دفعت مئة ألف دولار.')
    assert [q.text for q in doc.quotes] == ["أن قطر دفعت مئة ألف دولار"]
