"""Resources: one object for what the stages load; a tagger per thread; a user KB that reloads."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from marsad.pipeline import Pipeline
from marsad.resources import Resources, bundled_data_version

ACTOR = """
actors:
  - id: zayd-test
    type: PER
    name: زيد الاختباري
    country: {country}
    sector: MIL
"""
TEXT = "قال زيد الاختباري إن القوات تقدمت."


def test_each_thread_gets_its_own_taggers() -> None:
    res = Resources()
    assert res.taggers() is res.taggers()
    with ThreadPoolExecutor(2) as pool:
        other = pool.submit(res.taggers).result()
    assert other[0] is not res.taggers()[0] and other[1] is not res.taggers()[1]


def test_threads_sharing_resources_give_the_results_of_one_thread(example_text: str) -> None:
    """pycrfsuite's marginal() reads the tagger's last sequence: a shared tagger would mix scores."""
    texts = [example_text, *example_text.split("\n")[:7]]
    nlp = Pipeline.default(["text", "entities"], resources=Resources())
    alone = [[(m.start, m.end, m.label, m.score) for m in nlp.run(t).mentions] for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(
            pool.map(lambda t: [(m.start, m.end, m.label, m.score) for m in nlp.run(t).mentions], texts * 3)
        )
    assert together == alone * 3


def test_an_edited_user_file_reloads(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(ACTOR.format(country="LBY"), encoding="utf-8")
    res = Resources([path])
    nlp = Pipeline.default(resources=res)
    assert [(a.country, a.sector) for a in nlp.run(TEXT).actors if a.kb_id == "zayd-test"] == [("LBY", "MIL")]
    version = res.data_version
    assert version != bundled_data_version() and res.reload() is False
    time.sleep(0.01)  # a new modification time even on coarse file systems
    path.write_text(ACTOR.format(country="EGY"), encoding="utf-8")
    assert res.reload() is True
    assert [(a.country, a.sector) for a in nlp.run(TEXT).actors if a.kb_id == "zayd-test"] == [("EGY", "MIL")]
    assert res.data_version != version and res.reload() is False


def test_the_default_resources_are_shared_and_versioned() -> None:
    assert Resources.default() is Resources.default()
    assert Resources.default().data_version == bundled_data_version()
    assert len(bundled_data_version()) == 12
