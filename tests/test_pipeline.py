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


def test_stage_contracts_are_checked_when_stages_are_added() -> None:
    with pytest.raises(PipelineError, match=r"'quotes' requires mentions, actors, times.*add entities, places, actors"):
        Pipeline.default(["text", "quotes"])
    nlp = Pipeline.default(["text", "entities", "places"])
    with pytest.raises(PipelineError, match="'actors' requires"):
        nlp.add_builtin("actors", before="places")
    nlp.add_builtin("actors")
    with pytest.raises(PipelineError, match="'actors' requires places"):
        nlp.remove("places")
    assert nlp.names == ["text", "entities", "places", "actors"]
    with pytest.raises(PipelineError, match="colour is not a document field"):
        nlp.add("mine", lambda d: d, requires=("colour",))
    nlp.add("mine", lambda d: d, requires=("actors",), produces=())
    with pytest.raises(PipelineError, match="'mine' requires actors"):
        Pipeline.default(["text"]).add("mine", lambda d: d, requires=("actors",))


def test_documents_given_with_their_mentions_need_no_entity_stage() -> None:
    tagged = marsad.extract("وقال المتحدث باسم الجيش الليبي أحمد المسماري إن الجيش سيطر على درنة.")
    again = Document.from_dict(tagged.to_dict())
    nlp = Pipeline.default(["places", "actors"], given=("sentences", "tokens", "mentions"))
    assert [a.name for a in nlp(again).actors] == [a.name for a in tagged.actors]


def test_pipeline_describes_its_stages() -> None:
    text = Pipeline.default().describe()
    assert "6. quotes:" in text and "requires: sentences, tokens, mentions, actors, times" in text
    assert "uses:     kb, lexicons, taggers" in text
