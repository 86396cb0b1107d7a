"""Pipeline: named stages run in order over documents.

    >>> from marsad import Pipeline
    >>> nlp = Pipeline.default()
    >>> doc = nlp.run("قال المسماري إن الجيش تقدم.", published="2018-07-26")

Stages are plain callables `Document -> Document`; add your own with
`Pipeline.add(name, stage, after="text")`.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cache, partial
from typing import TYPE_CHECKING

from marsad.errors import PipelineError
from marsad.model import Document, parse_published
from marsad.stages import BUILTIN_STAGES, DEFAULT_STAGES

if TYPE_CHECKING:
    from marsad.kb.base import KnowledgeBase

Stage = Callable[[Document], Document]


@cache
def builtin_stage(name: str) -> Stage:
    """Import a built-in stage by name (once). Stages load their data on first use, not on import."""
    try:
        target = BUILTIN_STAGES[name]
    except KeyError:
        known = ", ".join(BUILTIN_STAGES)
        raise PipelineError(f"unknown stage {name!r}; built-in stages are: {known}") from None
    module_name, _, func_name = target.partition(":")
    stage: Stage = getattr(importlib.import_module(module_name), func_name)
    return stage


class Pipeline:
    """An ordered list of named stages."""

    def __init__(self, stages: Iterable[tuple[str, Stage]] = ()) -> None:
        self._stages: list[tuple[str, Stage]] = []
        for name, stage in stages:
            self.add(name, stage)

    @classmethod
    def default(cls, names: Iterable[str] = DEFAULT_STAGES, kb: KnowledgeBase | None = None) -> Pipeline:
        """The built-in stages named (all of them by default), in pipeline order.

        Stages that use the knowledge base get `kb` (by default: the bundled one
        plus the files named in MARSAD_KB).
        """
        wanted = set(names)
        for name in wanted:
            builtin_stage(name)  # fails early on an unknown name
        stages: list[tuple[str, Stage]] = []
        for name in DEFAULT_STAGES:
            if name not in wanted:
                continue
            stage = builtin_stage(name)
            if kb is not None and "kb" in inspect.signature(stage).parameters:
                stage = partial(stage, kb=kb)  # type: ignore[call-arg]  # stages that take kb accept it
            stages.append((name, stage))
        return cls(stages)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._stages]

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        """The (name, stage) pairs in running order."""
        return list(self._stages)

    def add(self, name: str, stage: Stage, *, before: str | None = None, after: str | None = None) -> Pipeline:
        """Add a stage at the end, or just before/after a named one; returns the pipeline."""
        if name in self.names:
            raise PipelineError(f"the pipeline already has a stage named {name!r}")
        if not callable(stage):
            raise PipelineError(f"stage {name!r} is not callable")
        if before is not None and after is not None:
            raise PipelineError("give either before= or after=, not both")
        index = len(self._stages)
        if before is not None:
            index = self._index(before)
        elif after is not None:
            index = self._index(after) + 1
        self._stages.insert(index, (name, stage))
        return self

    def remove(self, name: str) -> Pipeline:
        del self._stages[self._index(name)]
        return self

    def _index(self, name: str) -> int:
        for i, (existing, _) in enumerate(self._stages):
            if existing == name:
                return i
        raise PipelineError(f"no stage named {name!r} in this pipeline ({', '.join(self.names) or 'empty'})")

    def __call__(self, doc: Document) -> Document:
        for _, stage in self._stages:
            doc = stage(doc)
        return doc

    def run(
        self,
        text: str,
        *,
        published: date | str | None = None,
        source: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> Document:
        """Make a Document from `text` and its metadata, and run every stage on it."""
        return self(Document(text=text, published=parse_published(published), source=source, url=url, title=title))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process a stream of documents lazily, one at a time."""
        for doc in docs:
            yield self(doc)
