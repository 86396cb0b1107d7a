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
