from __future__ import annotations

from datetime import date

import marsad
from marsad.kb.records import Actor, Role
from marsad.model import Mention
from marsad.resolve.actors import resolve_actors


def test_example_article_resolves(example_text: str) -> None:
    doc = marsad.extract(example_text, published="2018-07-26")
    texts = {m.id: m.text for m in doc.mentions}
    places = {texts[mid]: p for p in doc.places for mid in p.mentions}
    assert places["طرابلس"].geonameid == 2210247  # Tripoli, Libya, not Lebanon
    assert places["درنة"].geonameid == 87205
    assert places["ليبيا"].resolution == "country" and places["ليبيا"].country == "LBY"
    assert places["موسكو"].country == "RUS"
    actors = {texts[mid]: a for a in doc.actors for mid in a.mentions}
    haftar = actors["حفتر"]
    assert (haftar.country, haftar.sector) == ("LBY", "MIL")
    assert actors["خليفة حفتر"] is haftar and actors["خليفة بالقاسم حفتر"] is haftar
    putin = actors["فلاديمير بوتين"]
    assert (putin.country, putin.sector) == ("RUS", "GOV")
    mismari = actors["أحمد المسماري"]
    assert (mismari.country, mismari.sector) == ("LBY", "MIL")
    assert actors["المسماري"] is mismari
    assert (actors["الجيش الوطني الليبي"].country, actors["الجيش الوطني الليبي"].sector) == ("LBY", "MIL")
    stepanov = actors["أندريه ستيبانوف"]
    assert stepanov.country == "RUS" and stepanov.sector in ("ELI", "EDU")
    for a in doc.actors:
        assert a.mentions and all(mid in texts for mid in a.mentions)


def test_tripoli_in_a_lebanon_story() -> None:
    text = "بيروت (وكالات) اندلعت اشتباكات في مدينة طرابلس شمال لبنان بين مسلحين، وقال الجيش اللبناني إنه تدخل."
    doc = marsad.extract(text)
    texts = {m.id: m.text for m in doc.mentions}
    places = {texts[mid]: p for p in doc.places for mid in p.mentions}
    assert places["طرابلس"].country == "LBN"


def _places(text: str) -> dict[str, object]:
    doc = marsad.extract(text)
    texts = {m.id: m.text for m in doc.mentions}
    return {texts[mid]: p for p in doc.places for mid in p.mentions}


def test_capitals_and_world_cities_beat_small_homonyms_in_their_country() -> None:
    # a story from the United States: its small towns called Washington and Moscow are not meant
    places = _places(
        "واشنطن (رويترز) - قال مسؤولون أمريكيون في واشنطن إن موسكو رفضت الاقتراح، "
        "وإن الولايات المتحدة ستواصل الضغط على روسيا."
    )
    assert getattr(places["واشنطن"], "geonameid", None) == 4140963  # Washington, D.C.
    assert getattr(places["موسكو"], "geonameid", None) == 524901  # Moscow, Russia


def test_a_place_no_gazetteer_knows_gets_no_country() -> None:
    text = "القاهرة (وكالات) قتل ثلاثة أشخاص في انفجار قرب قرية كفر الزقازيقية بمحافظة الشرقية المصرية."
    doc = marsad.extract(text)
    unresolved = [p for p in doc.places if p.geonameid is None and p.lat is None]
    assert unresolved, "the test needs a name the gazetteer does not know"
    assert all(p.country is None for p in unresolved)


def test_attributes_inferred_from_titles_and_adjectives() -> None:
    doc = marsad.extract("وقال العميد سامي الفلاني إن قوات الأمن الليبية سيطرت على المدينة.")
    texts = {m.id: m.text for m in doc.mentions}
    actors = {texts[mid]: a for a in doc.actors for mid in a.mentions}
    assert actors["سامي الفلاني"].sector == "MIL"
    doc = marsad.extract("أعلنت وزارة الخارجية الروسية في بيان أن الاجتماع انتهى.")
    org = next(a for a in doc.actors if "الخارجية" in a.name)
    assert (org.country, org.sector) == ("RUS", "GOV")
    # an ambassador works for the state that sends her, not for the body she is posted to
    doc = marsad.extract("وقالت سفيرة الولايات المتحدة لدى الأمم المتحدة ليلى أحمد إن الاجتماع انتهى.")
    envoy = next(a for a in doc.actors if "ليلى" in a.name)
    assert (envoy.country, envoy.sector) == ("USA", "GOV")


def test_a_name_with_its_own_nationality_links_and_another_country_does_not() -> None:
    doc = marsad.extract("وقال حزب الله اللبناني إن الهجوم فشل.", published="2018-05-01")
    assert [(a.kb_id, a.country) for a in doc.actors] == [("hezbollah", "LBN")]
    doc = marsad.extract("وقال مجلس الأمن الروسي إن الاجتماع انتهى.", published="2018-05-01")
    assert all(a.kb_id != "un-security-council" for a in doc.actors)


def test_a_role_after_the_name() -> None:
    doc = marsad.extract("وقال يوسف الفلاني، المتحدث باسم وزارة الصحة الجزائرية، إن الوضع تحت السيطرة.")
    person = next(a for a in doc.actors if "يوسف" in a.name)
    assert (person.country, person.sector) == ("DZA", "GOV")


def test_names_with_middle_names_and_family_names_first() -> None:
    doc = marsad.extract("وقال مهدي محمد حسين المشاط إن الحرب مستمرة.", published="2018-04-23")
    assert "mahdi-al-mashat" in {a.kb_id for a in doc.actors}
    doc = marsad.extract("وقتل 33 فلسطينيا، وفق وزارة الصحة الفلسطينية.", published="2018-04-20")
    assert "palestinian-mfa" not in {a.kb_id for a in doc.actors}  # organisations need their own name
    doc = marsad.extract("والتقى كيم جونغ أون الرئيس الصيني. وقال كيم إن اللقاء كان مثمرا.", published="2018-06-12")
    kim = [a for a in doc.actors if "كيم" in a.name]
    assert len(kim) == 1 and len(kim[0].mentions) == 2


def test_a_former_official_is_eli() -> None:
    doc = marsad.extract("وقال الرئيس الأمريكي السابق جون الفلاني إن الاتفاق جيد.", published="2018-05-01")
    assert [(a.country, a.sector) for a in doc.actors if "الفلاني" in a.name] == [("USA", "ELI")]


def test_a_person_with_no_role_in_sight_is_cvl() -> None:
    doc = marsad.extract("وقالت سعاد الفلانية إن منزلها دمر في القصف على غزة.", published="2018-05-01")
    person = next(a for a in doc.actors if "سعاد" in a.name)
    assert person.sector == "CVL"


def test_the_kind_of_thing_before_a_name_gives_its_sector() -> None:
    text = 'ونشرت صحيفة "عدالت" الإيرانية تقريرا عن الاحتجاجات.'
    doc = marsad.extract(text, published="2018-02-28")
    start = text.index("عدالت")
    doc.mentions = [Mention("m1", start, start + 5, "عدالت", "ORG", 1.0)]  # as a tagger would mark it
    paper = resolve_actors(doc).actors
    assert [(a.country, a.sector) for a in paper] == [("IRN", "JRN")]


def _attributes(text: str, name: str) -> tuple[str | None, str | None]:
    doc = marsad.extract(text, published="2018-08-09")
    actor = next(a for a in doc.actors if a.name == name)
    return actor.country, actor.sector


def test_what_the_words_around_a_name_say() -> None:
    # the head of a body takes the body's sector
    assert _attributes("وقال رئيس الكتلة النيابية سليم الحسني إن الاتفاق انتهى.", "سليم الحسني")[1] == "LEG"
    # a member's adjective gives the movement's country and sector
    assert _attributes("وقال القيادي الحوثي محمد عبدالله الفلاني إن", "محمد عبدالله الفلاني") == ("YEM", "REB")
    doc = marsad.extract("ودان التحالف هجمات المليشيا الحوثية على المدنيين.", published="2018-08-09")
    assert "houthis" in {a.kb_id for a in doc.actors}
    # an agent noun before a list of names gives each its sector, a nationality adjective its country
    text = "وقتل الصحفيان الأميركيان جيمس الفلاني وستيفن العلاني في سوريا."
    assert _attributes(text, "جيمس الفلاني") == ("USA", "JRN")
    assert _attributes(text, "ستيفن العلاني") == ("USA", "JRN")
    # a role in the accusative after the name, as appointments are written
    assert _attributes("ونص المرسوم على تعيين إبراهيم محمود وزيرا للداخلية.", "إبراهيم محمود")[1] == "GOV"
    # an institution named by its country, wherever it sits
    assert _attributes("وقالت سفارة الولايات المتحدة في بغداد إن", "سفارة الولايات المتحدة") == ("USA", "GOV")
    # a body named bare and with its nationality is one actor
    doc = marsad.extract("وقالت وزارة الصحة إن 33 قتلوا. وأكدت وزارة الصحة الفلسطينية ذلك.", published="2018-04-13")
    ministry = [a for a in doc.actors if "الصحة" in a.name]
    assert len(ministry) == 1 and len(ministry[0].mentions) == 2 and ministry[0].country == "PSE"
    # where an organisation is, and what it is said to be in apposition
    text = "وقالت الهيئة العامة للطيران المدني في قطر إن الطائرة هبطت."
    assert _attributes(text, "الهيئة العامة للطيران المدني") == ("QAT", "GOV")


def test_dated_roles() -> None:
    actor = Actor(
        "x", "PER", "س", None, (), "IRQ", "ELI", None, (Role("IRQ", "GOV", date(2006, 5, 1), date(2014, 9, 8)),)
    )
    assert actor.role_on(date(2010, 1, 1)) == ("IRQ", "GOV")
    assert actor.role_on(date(2016, 1, 1)) == ("IRQ", "ELI")
    assert actor.role_on(None) == ("IRQ", "ELI")


def test_stages_on_empty_and_non_arabic_text() -> None:
    for text in ("", "   ", "Reuters reported clashes in Tripoli on Monday."):
        doc = marsad.extract(text, published="2018-07-26")
        assert doc.actors == [] or all(a.mentions for a in doc.actors)
        assert all(p.mentions for p in doc.places)


def test_regions_continents_and_seas_are_places_with_their_own_country_or_none() -> None:
    places = _places("دعت أوروبا إلى الحوار بعد إعصار ضرب فلوريدا، فيما تصاعد التوتر في البحر الأحمر.")
    europe, florida, red_sea = places["أوروبا"], places["فلوريدا"], places["البحر الأحمر"]
    assert (getattr(europe, "resolution", None), getattr(europe, "country", "?")) == ("region", None)
    assert getattr(europe, "lat", None) is not None
    assert (getattr(florida, "resolution", None), getattr(florida, "country", None)) == ("admin", "USA")
    assert (getattr(red_sea, "resolution", None), getattr(red_sea, "country", "?")) == ("region", None)


def test_a_country_name_agreeing_with_the_noun_before_it_is_an_adjective_not_a_place() -> None:
    doc = marsad.extract("وقالت السلطات السعودية إن الحدود مغلقة.")
    assert [m.label for m in doc.mentions if m.text == "السعودية"] == ["NORP"]
    assert not doc.places
    doc = marsad.extract("زار الوزير السعودية أمس.")  # الوزير does not agree with it: the country
    assert [p.country for p in doc.places] == ["SAU"]
    doc = marsad.extract("شنت إسرائيل غارات على أهداف عسكرية سورية وإيرانية.")
    assert [p.country for p in doc.places] == ["ISR"]
    doc = marsad.extract("وصل الوزير إلى سورية أمس.")
    assert [p.country for p in doc.places] == ["SYR"]


def test_an_area_noun_before_a_name_or_a_list_of_names_says_province_or_town() -> None:
    listed = marsad.extract("وقدم البرنامج مساعدات للملايين في محافظات الحديدة وتعز وصعدة.")
    assert {(p.name, p.resolution) for p in listed.places} == {
        ("الحديدة", "admin"),
        ("تعز", "admin"),
        ("صعدة", "admin"),
    }
    assert [p.resolution for p in marsad.extract("وتواصلت الاشتباكات في محافظة تعز أمس.").places] == ["admin"]
    assert [p.resolution for p in marsad.extract("وسيطر الجيش على مدينة تعز بعد معارك.").places] == ["city"]
    assert [p.resolution for p in marsad.extract("وتواصلت الاشتباكات في تعز أمس.").places] == ["city"]
    # a governorate named like its city: the bare name and ريف X are the city, the area noun says governorate
    assert [p.resolution for p in marsad.extract("وشنت الطائرات غارات على محافظة حلب أمس.").places] == ["admin"]
    assert [p.geonameid for p in marsad.extract("ووصل الوفد إلى حلب أمس.").places] == [170063]
