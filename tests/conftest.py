"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data"
# a copy of ../shared/examples/libya-russia-2018.txt, so that the tests that read it run anywhere
EXAMPLE_ARTICLE = DATA / "libya-russia-2018.txt"


def shared_path(relative: str) -> Path:
    """A path under ../shared, or skip the test when the file is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} is not available (it is beside the project only in development and CI)")
    return path


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE_ARTICLE.read_text(encoding="utf-8")


# Articles whose text, title, source and URL try to run script in the web app (they must not).
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"><svg onload="window.__xss = 3">'
HOSTILE_ARTICLES = [
    {
        "text": f"قتل مسلحون خمسة جنود في هجوم على حاجز للجيش السوري قرب مدينة درعا. {XSS}"
        " وقال المرصد السوري إن الهجوم وقع فجرا.",
        "title": f"هجوم {XSS}",
        "source": f'<b onmouseover="window.__xss = 4">{XSS}</b>',
        "url": "javascript:window.__xss = 5",
        "published": "2018-07-20",
    },
    {
        "text": f'التقى وزير الخارجية الروسي سيرغي لافروف نظيره التركي في أنقرة. "{XSS}" قال لافروف.',
        "title": "javascript:window.__xss = 6",
        "source": "<iframe src=javascript:window.__xss=7>",
        "url": "https://example.org/<script>window.__xss=8</script>",
        "published": "2018-07-21",
    },
]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus (examples/ant-sample.jsonl) and the hostile articles in a store."""
    import json

    from marsad.corpus import ingest
    from marsad.ingest import read_inputs
    from marsad.stages import DEFAULT_STAGES
    from marsad.store.db import Store

    folder = tmp_path_factory.mktemp("demo")
    hostile = folder / "hostile.jsonl"
    hostile.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in HOSTILE_ARTICLES), encoding="utf-8")
    path = folder / "demo.db"
    reads = read_inputs([str(ROOT / "examples" / "ant-sample.jsonl"), str(hostile)])
    with Store(path) as store:
        summary = ingest(reads, store, stages=DEFAULT_STAGES, workers=1, progress=False, report=lambda line: None)
    assert summary.stored == 14, summary.lines()
    return path
