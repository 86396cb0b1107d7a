"""The JSON schema (docs/schema/document.schema.json) against the model: every record kind and
every field is in it, nothing else is, and every object forbids fields it does not name."""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import marsad
from marsad.model import Document

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "schema" / "document.schema.json").read_text())
NOT_SERIALISED = {"index_cache"}


def objects(node: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema node that describes an object, with where it is."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            found.append((where, node))
        for key, value in node.items():
            found += objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found += objects(value, f"{where}/{n}")
    return found


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its $ref (or its one non-null alternative) followed."""
    if "$ref" in node:
        return resolve(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "oneOf" in node:
        (inner,) = [n for n in node["oneOf"] if n.get("type") != "null"]
        return resolve(inner)
    return node


def test_every_object_forbids_unnamed_fields() -> None:
    found = objects(SCHEMA)
    assert len(found) >= 10
    for where, node in found:
        assert node.get("additionalProperties") is False, f"{where} allows fields it does not name"
        assert set(node.get("required", [])) <= set(node["properties"]), where


@pytest.fixture(scope="module")
def full_record(example_text: str) -> dict[str, Any]:
    return marsad.extract(example_text, published="2018-07-26", source="s", url="u", title="t").to_dict()


def test_document_fields_are_the_schema_properties(full_record: dict[str, Any]) -> None:
    fields = {f.name for f in dataclasses.fields(Document)} - NOT_SERIALISED
    assert fields == set(SCHEMA["properties"]) == set(full_record)
    jsonschema.validate(full_record, SCHEMA)


def list_fields() -> list[str]:
    from marsad.index import DocumentIndex  # the annotation of Document.index_cache names it

    hints = typing.get_type_hints(Document, localns={"DocumentIndex": DocumentIndex})
    return [f.name for f in dataclasses.fields(Document) if typing.get_origin(hints[f.name]) is list]


@pytest.mark.parametrize("name", list_fields())
def test_each_record_kind_matches_its_definition(name: str, full_record: dict[str, Any]) -> None:
    """A record kind's definition names exactly the keys its to_dict() writes, all required
    (nested records too: a token's segments, a quote's cue)."""
    records = full_record[name]
    assert records, f"the example article has no {name}: the check needs one"
    definition = resolve(SCHEMA["properties"][name]["items"])

    def check(record: dict[str, Any], node: dict[str, Any], where: str) -> None:
        assert set(record) == set(node["properties"]) == set(node["required"]), where
        for key, value in record.items():
            if isinstance(value, dict):
                check(value, resolve(node["properties"][key]), f"{where}.{key}")
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                check(value[0], resolve(node["properties"][key]["items"]), f"{where}.{key}[]")

    for record in records[:50]:
        check(record, definition, name)


def test_an_unknown_field_is_refused(full_record: dict[str, Any]) -> None:
    record = json.loads(json.dumps(full_record))
    record["mentions"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        jsonschema.validate(record, SCHEMA)
