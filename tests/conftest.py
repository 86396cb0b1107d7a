"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE_ARTICLE = SHARED / "examples" / "libya-russia-2018.txt"


def shared_path(relative: str) -> Path:
    """A path under ../shared, or skip the test when the file is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} is not available (it is beside the project only in development and CI)")
    return path


@pytest.fixture(scope="session")
def example_text() -> str:
    return shared_path("examples/libya-russia-2018.txt").read_text(encoding="utf-8")
