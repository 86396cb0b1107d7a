"""Bundled data files (lexicons, models), built by the scripts in scripts/; see DATA.md.

`read_text` is the one way code reads them: a missing or corrupt file is a DataError (the
installation is broken), never a bare OSError from deep inside a stage.
"""

from __future__ import annotations

import gzip
from importlib import resources

from marsad.errors import DataError


def read_text(*parts: str) -> str:
    """The text of a bundled file (gunzipped when its name ends in .gz)."""
    name = "/".join(parts)
    try:
        raw = resources.files("marsad.data").joinpath(*parts).read_bytes()
        return (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    except (OSError, ValueError, EOFError) as exc:
        raise DataError(f"bundled data file marsad/data/{name} is unreadable: {exc}") from None


def read_bytes(*parts: str) -> bytes:
    """The bytes of a bundled file."""
    try:
        return resources.files("marsad.data").joinpath(*parts).read_bytes()
    except OSError as exc:
        raise DataError(f"bundled data file marsad/data/{'/'.join(parts)} is unreadable: {exc}") from None


def data_lines(*parts: str) -> list[str]:
    """The non-empty lines of a bundled file that are not comments (#)."""
    return [line for line in read_text(*parts).splitlines() if line and not line.startswith("#")]
