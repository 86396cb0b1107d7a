"""The labelled corpora's readers (marsad.entities.corpus): small files written here, and a few
checks on the real corpora in ../shared (skipped when it is absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import shared_path
from marsad.entities.corpus import (
    WIKIFANE_TYPES,
    caraner_split,
    countries_as_loc,
    heads_outside,
    join_clitics,
    read_caraner,
    read_wikifane,
    read_wojood,
    to_anercorp,
    wikifane_split,
)

CARANER_CSV = """Sentence_ID,Word_ID,Word,Annotator1,Annotator2,Agreed_Label,Revised_Label
7,2,الرياض,B_LOC,B_ORG,No_Agr,B_LOC
7,1,في,O,O,O,O
7,3,وزير,B_TIT,B_TIT,B_TIT,B_TIT
3,1,كلمة,N,N,N,N
"""


def test_caraner_takes_the_revised_label_where_annotators_disagreed(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(CARANER_CSV, encoding="utf-8")
    assert read_caraner(path) == [[("كلمة", "O")], [("في", "O"), ("الرياض", "B-LOC"), ("وزير", "O")]]


def test_caraner_split_is_fixed_and_holds_out_thirty_percent() -> None:
    sentences = [[(str(i), "O")] for i in range(100)]
    train, heldout = caraner_split(sentences)
    assert (len(train), len(heldout)) == (70, 30)
    assert caraner_split(sentences) == (train, heldout)
    assert sorted(train + heldout) == sorted(sentences)


def test_clitics_join_their_word_and_keep_entities_whole() -> None:
    tokens = [
        ("و", "O"),
        ("جوبا", "B-Population-Center"),
        ("عاصمة", "O"),
        ("ها", "O"),
        ("ل", "O"),
        ("الجنوب", "O"),
        ("الشماليين", "O"),
        ("هم", "O"),
        ("و", "B-Nation"),
        ("مصر", "I-Nation"),
    ]
    assert join_clitics(tokens) == [
        ("وجوبا", "B-Population-Center"),
        ("عاصمتها", "O"),
        ("للجنوب", "O"),
        ("الشماليين", "O"),
        ("هم", "O"),
        ("ومصر", "B-Nation"),
    ]


def test_wikifane_marks_and_types(tmp_path: Path) -> None:
    lines = ["\ufeff\u200eجمهورية\tB-Nation", "\u200eمصر\tI-Nation", "\u200eو\tO", "\u200eالعرب\tB-Group", "\t"]
    lines += ["\u200eالشمس\tB-Celestial", "\u200eابل\tB-Commercial"]
    path = tmp_path / "w.txt"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    assert read_wikifane(path) == [
        [("جمهورية", "B-LOC"), ("مصر", "I-LOC"), ("والعرب", "O")],
        [("الشمس", "O"), ("ابل", "B-ORG")],
    ]


def test_wojood_takes_the_outermost_kept_layer(tmp_path: Path) -> None:
    text = "سكرتير B-OCC\nاللجنة I-OCC B-ORG\nفي I-OCC\nنابلس I-OCC B-GPE\n$#$ O\n\nروسيا B-ORG\nعام B-DATE\n"
    path = tmp_path / "w.txt"
    path.write_text(text, encoding="utf-8")
    assert read_wojood(path) == [
        [("سكرتير", "O"), ("اللجنة", "B-ORG"), ("في", "O"), ("نابلس", "B-LOC")],
        [("روسيا", "B-ORG"), ("عام", "O")],
    ]


def test_countries_acting_as_organisations_become_places() -> None:
    sentence = [("المملكة", "B-ORG"), ("تدين", "O"), ("والصين", "B-ORG"), ("الهلال", "B-ORG"), ("الأمم", "B-ORG")]
    sentence.append(("المتحدة", "I-ORG"))
    assert [t for _, t in countries_as_loc(sentence)] == ["B-LOC", "O", "B-LOC", "B-ORG", "B-ORG", "I-ORG"]
    assert to_anercorp(sentence, "anercorp") == sentence


def test_generic_heads_leave_the_name() -> None:
    sentence = [("في", "O"), ("مدينة", "B-LOC"), ("القدس", "I-LOC"), ("جريدة", "B-ORG"), ('"', "I-ORG")]
    sentence += [("فلسطين", "I-ORG"), ("جامعة", "B-ORG"), ("بيرزيت", "I-ORG")]
    assert [t for _, t in heads_outside(sentence)] == ["O", "O", "B-LOC", "O", "O", "B-ORG", "B-ORG", "I-ORG"]


def test_every_wikifane_type_is_mapped() -> None:
    path = shared_path("data/ner/wikifane_gold/WikiFANE_Gold_2014_500K.txt")
    fine = {line.split("\t")[1].strip()[2:] for line in path.read_text(encoding="utf-8").splitlines()}
    assert fine - {""} == set(WIKIFANE_TYPES)  # 51 types in the file (the paper says 50)


def test_real_corpora_read_as_expected() -> None:
    caraner = read_caraner(shared_path("data/ner/caraner/CAraNER.csv"))
    _train, heldout = caraner_split(caraner)
    assert (len(caraner), len(heldout)) == (1278, 383)
    tags = Counter(t for s in caraner for _, t in s)
    assert tags["B-LOC"] == 496  # 325 agreed + the disputed words revised to B_LOC
    wikifane = read_wikifane(shared_path("data/ner/wikifane_gold/WikiFANE_Gold_2014_500K.txt"))
    assert [len(p) for p in wikifane_split(wikifane)] == [12611, 1576, 1576]
    assert not any("\u200e" in w for s in wikifane[:200] for w, _ in s)
    wojood = read_wojood(shared_path("data/ner/wojood_sample/val.txt"))
    assert len(wojood) == 158
