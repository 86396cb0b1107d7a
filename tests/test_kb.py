from __future__ import annotations

from pathlib import Path

import pytest

import marsad
from marsad import kb
from marsad.cli import EXIT_INPUT, main
from marsad.errors import InputError
from marsad.model import Mention
from marsad.pipeline import Pipeline
from marsad.resolve.actors import resolve_actors


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bundled_tables_are_complete() -> None:
    base = kb.bundled()
    assert len(base.countries) >= 250
    assert len(base.places) >= 20_000
    assert len(base.actors) >= 500
    assert {"GOV", "MIL", "IGO", "REB", "JRN"} <= {a.sector for a in base.actors.values()}
    assert base.sectors["الجيش"] == "MIL"
    assert base.sectors["الشرطة"] == "COP"
    libya = base.countries["LBY"]
    for form in ("ليبي", "الليبية", "الليبيون", "الليبيين", "ليبيات"):
        assert form in libya.demonyms
    assert "SYR" in {c.iso3 for c in base.countries_by_name()["سورية"]}


def test_common_words_are_not_place_names() -> None:
    names = kb.bundled().places_by_name()
    for word in ("بين", "مان", "دورا", "الحكومة", "مايو", "كان"):
        assert word not in names, word
    assert names["طرابلس"][0].geonameid == 2210247  # the larger Tripoli first


def test_user_yaml_adds_an_actor_and_changes_the_output(tmp_path: Path) -> None:
    text = "قال زيد الاختباري إن القوات تقدمت."
    before = marsad.extract(text)
    assert not any(a.kb_id == "zayd-test" for a in before.actors)
    path = write(
        tmp_path,
        "mine.yaml",
        """
actors:
  - id: zayd-test
    type: PER
    name: زيد الاختباري
    name_latin: Zayd al-Ikhtibari
    aliases: [الاختباري]
    country: LBY
    sector: MIL
    wikidata: Q42
""",
    )
    doc = Pipeline.default(kb=kb.load([path])).run(text)
    actor = next(a for a in doc.actors if a.kb_id == "zayd-test")
    assert (actor.country, actor.sector, actor.name_latin, actor.wikidata) == ("LBY", "MIL", "Zayd al-Ikhtibari", "Q42")


def test_whole_names_link_a_whole_mention_but_are_not_searched_for() -> None:
    assert [a.id for a in kb.bundled().actors_by_whole_name()["القاعدة"]] == ["al-qaeda"]
    doc = marsad.extract("وقصفت الطائرات القاعدة العسكرية قرب المدينة.", published="2018-05-01")
    assert all(a.kb_id != "al-qaeda" for a in doc.actors)  # a base, not al-Qaeda
    text = "وقالت القاعدة في بيان إن الهجوم نفذه مقاتلوها."
    doc = marsad.extract(text, published="2018-05-01")
    doc.mentions = [Mention("m1", 6, 13, text[6:13], "ORG", 1.0)]  # as if the tagger had found it
    assert [a.kb_id for a in resolve_actors(doc).actors] == ["al-qaeda"]


def test_user_csv_adds_places_and_sectors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.csv",
        "table,id,name,aliases,country,lat,lon,population,phrase,sector\n"
        "place,99000001,قرية الاختبار,الاختبار,LBY,32.1,20.1,1500,,\n"
        "sector,,,,,,,,الحراس المحليون,UAF\n",
    )
    base = kb.load([path])
    assert base.places[99000001].country == "LBY"
    assert base.places_by_name()["الاختبار"][0].geonameid == 99000001
    assert base.sectors["الحراس المحليون"] == "UAF"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.yaml",
            "actors:\n  - id: x\n    type: PER\n    name: س\n    sector: SOLDIER\n",
            "bad.yaml:2: actor record, field 'sector'",
        ),
        (
            "bad2.yaml",
            "actors:\n  - id: x\n    type: PER\n    country: Libya\n    name: س\n",
            "field 'country': 'Libya' is not",
        ),
        ("bad3.yaml", "actors:\n  - id: x\n    type: PER\n", "field 'name': is required"),
        ("bad4.yaml", "people:\n  - id: x\n", "unknown table 'people'"),
        ("bad5.yaml", "actors: [\n", "is not valid YAML"),
        ("bad6.csv", "id,name\nx,y\n", "needs a 'table' column"),
        ("bad7.csv", "table,phrase,sector\nsector,الحراس,XYZ\n", "bad7.csv:2: sector record, field 'sector'"),
        ("bad8.txt", "anything", "must end in .yaml"),
        (
            "bad9.yaml",
            "actors:\n  - id: x\n    type: PER\n    name: س\n    roles:\n      - {start: 2014-13}\n",
            "field 'start'",
        ),
    ],
)
def test_malformed_files_name_file_line_and_field(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as info:
        kb.load([path])
    assert message in str(info.value)


def test_cli_kb_option_and_env(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = write(tmp_path, "a.txt", "قال زيد الاختباري إن القوات تقدمت.")
    actors = write(
        tmp_path,
        "mine.yaml",
        "actors:\n  - {id: zayd-test, type: PER, name: زيد الاختباري, country: LBY, sector: MIL}\n",
    )
    assert main(["extract", "--kb", actors, article]) == 0
    assert '"kb_id": "zayd-test"' in capsys.readouterr().out
    monkeypatch.setenv(kb.ENV_VAR, actors)
    assert main(["extract", article]) == 0
    assert '"kb_id": "zayd-test"' in capsys.readouterr().out
    bad = write(tmp_path, "bad.yaml", "actors:\n  - {id: X Y, type: PER, name: س}\n")
    assert main(["extract", "--kb", bad, article]) == EXIT_INPUT
    assert "bad.yaml:2: actor record, field 'id'" in capsys.readouterr().err
