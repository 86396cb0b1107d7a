from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import marsad
from marsad.errors import InvalidDocument
from marsad.jsonio import write_jsonl
from marsad.model import Document, document_id

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "schema" / "document.schema.json").read_text())


def test_id_is_a_content_hash() -> None:
    a = Document(text="نص", source="x")
    b = Document(text="نص", source="y")
    assert a.id == b.id == document_id("نص")
    assert Document(text="نص آخر").id != a.id


def test_published_accepts_dates_and_iso_strings() -> None:
    assert marsad.extract("نص", published="2018-07-26").published == date(2018, 7, 26)
    assert marsad.extract("نص", published=date(2018, 7, 26)).published == date(2018, 7, 26)
    with pytest.raises(InvalidDocument, match="not an ISO date"):
        marsad.extract("نص", published="26/07/2018")


def test_text_must_be_a_string() -> None:
    with pytest.raises(InvalidDocument, match="text must be a str"):
        Document(text=b"bytes")  # type: ignore[arg-type]


def test_round_trip_and_schema(example_text: str) -> None:
    doc = marsad.extract(example_text, published="2018-07-26", source="وكالات", title="t", url="http://x")
    data = doc.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert list(data)[:8] == ["id", "analysis", "text", "published", "source", "url", "title", "sentences"]
    assert list(data)[-1] == "tokens"
    again = Document.from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert again.to_dict() == data


def test_from_dict_rejects_offsets_outside_the_text() -> None:
    data = marsad.extract("قال المسماري").to_dict()
    data["tokens"][0]["end"] = 999
    with pytest.raises(InvalidDocument, match="offset 999"):
        Document.from_dict(data)
    data = marsad.extract("قال المسماري").to_dict()
    data["tokens"][0]["segments"][0]["kind"] = "root"
    with pytest.raises(InvalidDocument, match="segment kind"):
        Document.from_dict(data)
    with pytest.raises(InvalidDocument, match="missing"):
        Document.from_dict({"title": "no text"})


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=100))
def test_any_text_round_trips_and_validates(text: str) -> None:
    data = marsad.extract(text).to_dict()
    jsonschema.validate(data, SCHEMA)
    assert Document.from_dict(data).to_dict() == data


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=100))
def test_streamed_jsonl_equals_json_dumps(text: str) -> None:
    doc = marsad.extract(text, published="2018-07-26", title='عنوان "x"')
    out = io.StringIO()
    write_jsonl(doc, out)
    assert out.getvalue() == json.dumps(doc.to_dict(), ensure_ascii=False) + "\n"


def test_from_dict_checks_ids_and_references(example_text: str) -> None:
    data = marsad.extract(example_text, published="2018-07-26").to_dict()
    assert Document.from_dict(data).to_dict() == data
    assert [t["id"] for t in data["times"]] == [f"t{n}" for n in range(1, len(data["times"]) + 1)]
    assert [q["id"] for q in data["quotes"]] == [f"q{n}" for n in range(1, len(data["quotes"]) + 1)]

    def broken(change: str) -> dict[str, object]:
        record = json.loads(json.dumps(data, ensure_ascii=False))
        if change == "duplicate time id":
            record["times"][1]["id"] = record["times"][0]["id"]
        elif change == "unknown speaker actor":
            next(q for q in record["quotes"] if q["speaker_actor"])["speaker_actor"] = "a999"
        elif change == "unknown actor mention":
            record["actors"][0]["mentions"].append("m999")
        elif change == "tampered analysis":
            record["analysis"]["data"] = "someone-else"
        elif change == "unknown actor field":
            record["actors"][0]["colour"] = "red"
        return record

    for change, message in [
        ("duplicate time id", "two time records share the id 't1'"),
        ("unknown speaker actor", "unknown actor 'a999'"),
        ("unknown actor mention", "unknown mentions"),
        ("tampered analysis", "analysis key"),
        ("unknown actor field", "colour"),
    ]:
        with pytest.raises(InvalidDocument, match=message):
            Document.from_dict(broken(change))


def test_the_analysis_key_names_text_date_versions_and_stages() -> None:
    doc = marsad.extract("قال المسماري", published="2018-07-26")
    assert doc.analysis is not None
    assert doc.analysis.marsad == marsad.__version__ and doc.analysis.stages[0] == "text"
    same = marsad.extract("قال المسماري", published="2018-07-26")
    other_day = marsad.extract("قال المسماري", published="2018-07-27")
    assert same.analysis == doc.analysis and same.id == other_day.id
    assert other_day.analysis is not None and other_day.analysis.key != doc.analysis.key
    assert Document(text="قال").analysis is None
