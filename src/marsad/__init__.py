"""marsad (مرصد): Arabic news to auditable political event data.

    >>> import marsad
    >>> doc = marsad.extract("وقال المسماري لروسيا ...", published="2018-07-26")
    >>> [doc.span_text(t) for t in doc.tokens]

Every annotation is a span of character offsets into `doc.text`.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.version import __version__

__all__ = ["Document", "Pipeline", "__version__", "extract"]


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline.default()


def extract(
    text: str,
    published: date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Document:
    """Run the default pipeline on one article and return its Document."""
    return _default_pipeline().run(text, published=published, source=source, url=url, title=title)
