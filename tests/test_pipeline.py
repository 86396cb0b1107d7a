from __future__ import annotations

import pytest

import marsad
from marsad.errors import PipelineError
from marsad.model import Document
from marsad.pipeline import Pipeline


def test_default_pipeline_has_the_text_stage() -> None:
    assert Pipeline.default().names[0] == "text"


def test_stages_can_be_added_around_existing_ones() -> None:
    seen: list[str] = []

    def first(doc: Document) -> Document:
        seen.append("first")
        return doc

    def last(doc: Document) -> Document:
        seen.append(f"last:{len(doc.tokens)}")
        return doc

    nlp = Pipeline.default().add("last", last).add("first", first, before="text")
    assert nlp.names[:2] == ["first", "text"]
    nlp.run("قال المسماري")
    assert seen == ["first", "last:2"]


def test_pipeline_errors_are_specific() -> None:
    nlp = Pipeline.default()
    with pytest.raises(PipelineError, match="already has a stage named 'text'"):
        nlp.add("text", lambda d: d)
    with pytest.raises(PipelineError, match="no stage named 'nope'"):
        nlp.remove("nope")
    with pytest.raises(PipelineError, match="unknown stage 'nope'"):
        Pipeline.default(["nope"])
    with pytest.raises(PipelineError, match="not callable"):
        nlp.add("x", "not a function")  # type: ignore[arg-type]


def test_pipe_streams_documents() -> None:
    docs = (Document(text=t) for t in ["قال", "أكد"])
    out = Pipeline.default().pipe(docs)
    assert next(out).tokens
    assert next(out).tokens


def test_extract_handles_empty_and_non_arabic_text() -> None:
    assert marsad.extract("").sentences == []
    assert marsad.extract("   \n ").tokens == []
    doc = marsad.extract("The army said on Tuesday. Paris, 3.5%!")
    assert [doc.span_text(s) for s in doc.sentences] == ["The army said on Tuesday.", "Paris, 3.5%!"]
    assert all(len(t.segments) == 1 for t in doc.tokens)
