"""Every error marsad raises on purpose, in one place.

Messages name what was wrong and where (file, line, field), so that a user can
fix the input without reading the code. The CLI turns these into one line on
stderr and an exit status (see README, "Exit status").
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base class of marsad's own errors."""


class InvalidDocument(MarsadError, ValueError):
    """A document, or a record meant to become one, is malformed."""


class InputError(MarsadError):
    """An input file cannot be read as marsad input (encoding, binary data, bad record)."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class PipelineError(MarsadError):
    """The pipeline was assembled wrongly (unknown or duplicate stage name)."""


class DataError(MarsadError):
    """A bundled data file (lexicon, model) is missing or corrupt: the installation is broken."""
