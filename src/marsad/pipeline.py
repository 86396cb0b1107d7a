"""Pipeline: named stages run in order over documents.

    >>> from marsad import Pipeline
    >>> nlp = Pipeline.default()
    >>> doc = nlp.run("قال المسماري إن الجيش تقدم.", published="2018-07-26")

Stages are plain callables `Document -> Document`; add your own with
`Pipeline.add(name, stage, after="text", requires=("mentions",), produces=())`. The pipeline
checks every stage's `requires` against what the stages before it produce (and what the
input documents are `given` with) whenever a stage is added or removed.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from marsad.errors import PipelineError
from marsad.model import Analysis, Document, analysis_key, parse_published
from marsad.resources import Resources
from marsad.stages import BUILTIN_STAGES, DEFAULT_STAGES, FIELDS
from marsad.version import __version__

if TYPE_CHECKING:
    from marsad.kb.base import KnowledgeBase

Stage = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    stage: Stage
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    summary: str = "(your own stage)"
    uses: tuple[str, ...] = ()


def builtin_function(name: str) -> Callable[..., Document]:
    """Import a built-in stage's entry function by name. Stages load their data on first use."""
    try:
        target = BUILTIN_STAGES[name].target
    except KeyError:
        known = ", ".join(BUILTIN_STAGES)
        raise PipelineError(f"unknown stage {name!r}; built-in stages are: {known}") from None
    module_name, _, func_name = target.partition(":")
    function: Callable[..., Document] = getattr(importlib.import_module(module_name), func_name)
    return function


def _check_fields(name: str, fields: Iterable[str]) -> tuple[str, ...]:
    fields = tuple(fields)
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise PipelineError(f"stage {name!r}: {', '.join(unknown)} is not a document field ({', '.join(FIELDS)})")
    return fields


def _stages_filling(fields: Iterable[str], available: set[str]) -> list[str]:
    """The built-in stages that fill `fields`, and those their own requirements need, in order."""
    needed: set[str] = set()
    wanted = [f for f in fields if f not in available]
    while wanted:
        field = wanted.pop()
        for info in BUILTIN_STAGES.values():
            if field in info.produces and info.name not in needed:
                needed.add(info.name)
                wanted += [f for f in info.requires if f not in available]
    return [name for name in DEFAULT_STAGES if name in needed]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Stages allocate hundreds of thousands of small objects and make no reference cycles, and
    Python's cycle collector, run every few hundred allocations, walks every tracked object at
    each full collection (the loaded knowledge base among them): on a 5 MB article that was a
    fifth of the time. Reference counting still frees everything as it goes; any cycle a stage
    makes is collected once the document is done."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class Pipeline:
    """An ordered list of named stages and the resources the built-in ones load."""

    def __init__(
        self,
        stages: Iterable[tuple[str, Stage]] = (),
        *,
        resources: Resources | None = None,
        given: Iterable[str] = (),
    ) -> None:
        self.resources = resources or Resources.default()
        self.given = _check_fields("input", given)
        self._steps: list[Step] = []
        for name, stage in stages:
            self.add(name, stage)

    @classmethod
    def default(
        cls,
        names: Iterable[str] = DEFAULT_STAGES,
        kb: KnowledgeBase | None = None,
        *,
        resources: Resources | None = None,
        given: Iterable[str] = (),
    ) -> Pipeline:
        """The built-in stages named (all of them by default), in pipeline order.

        Stages load what they need from `resources` (by default: the bundled data plus the
        files named in MARSAD_KB); `kb` is a shortcut for `Resources(kb=kb)`. `given` names the
        fields the input documents already have (a pipeline of `actors` alone over documents
        read back with their mentions and places).
        """
        wanted = list(names)
        for name in wanted:
            builtin_function(name)  # fails early on an unknown name
        if resources is None:
            resources = Resources(kb=kb) if kb is not None else Resources.default()
        pipeline = cls(resources=resources, given=given)
        for name in DEFAULT_STAGES:
            if name in wanted:
                pipeline.add_builtin(name)
        return pipeline

    @property
    def names(self) -> list[str]:
        return [step.name for step in self._steps]

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        """The (name, stage) pairs in running order."""
        return [(step.name, step.stage) for step in self._steps]

    @property
    def steps(self) -> list[Step]:
        """The stages with their contracts, in running order."""
        return list(self._steps)

    def add_builtin(self, name: str, *, before: str | None = None, after: str | None = None) -> Pipeline:
        """Add a built-in stage by name, bound to this pipeline's resources."""
        info = BUILTIN_STAGES.get(name)
        function = builtin_function(name)
        assert info is not None  # builtin_function has checked the name
        stage: Stage = partial(function, resources=self.resources) if info.uses else function
        step = Step(name, stage, info.requires, info.produces, info.summary, info.uses)
        return self._insert(step, before, after)

    def add(
        self,
        name: str,
        stage: Stage,
        *,
        before: str | None = None,
        after: str | None = None,
        requires: Iterable[str] = (),
        produces: Iterable[str] = (),
    ) -> Pipeline:
        """Add a stage at the end, or just before/after a named one; returns the pipeline.

        `requires` and `produces` name document fields (sentences, tokens, mentions, places,
        actors, times, quotes); the order of the stages must satisfy them.
        """
        if not callable(stage):
            raise PipelineError(f"stage {name!r} is not callable")
        return self._insert(
            Step(name, stage, _check_fields(name, requires), _check_fields(name, produces)), before, after
        )

    def _insert(self, step: Step, before: str | None, after: str | None) -> Pipeline:
        if step.name in self.names:
            raise PipelineError(f"the pipeline already has a stage named {step.name!r}")
        if before is not None and after is not None:
            raise PipelineError("give either before= or after=, not both")
        index = len(self._steps)
        if before is not None:
            index = self._index(before)
        elif after is not None:
            index = self._index(after) + 1
        steps = [*self._steps[:index], step, *self._steps[index:]]
        self._check(steps)
        self._steps = steps
        return self

    def remove(self, name: str) -> Pipeline:
        steps = list(self._steps)
        del steps[self._index(name)]
        self._check(steps)
        self._steps = steps
        return self

    def _index(self, name: str) -> int:
        for i, step in enumerate(self._steps):
            if step.name == name:
                return i
        raise PipelineError(f"no stage named {name!r} in this pipeline ({', '.join(self.names) or 'empty'})")

    def _check(self, steps: list[Step]) -> None:
        available = set(self.given)
        for step in steps:
            missing = [f for f in step.requires if f not in available]
            if missing:
                producers = [p for p in _stages_filling(missing, available) if p not in (s.name for s in steps)]
                hint = (
                    f"add {', '.join(producers)} before it" if producers else "move the stages that fill them before it"
                )
                raise PipelineError(
                    f"stage {step.name!r} requires {', '.join(missing)}, which no stage before it fills; {hint} "
                    "(or name them in given= when the input documents already have them)"
                )
            available.update(step.produces)

    def analysis(self, doc: Document) -> Analysis:
        """What identifies this pipeline's analysis of `doc` (see model.Analysis)."""
        version = self.resources.data_version
        names = tuple(self.names)
        return Analysis(analysis_key(doc, __version__, version, names), __version__, version, names)

    def __call__(self, doc: Document) -> Document:
        with collector_paused():
            for step in self._steps:
                doc = step.stage(doc)
        doc.analysis = self.analysis(doc)
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

    def describe(self) -> str:
        """The stages in order with their contracts, one per line (`marsad pipeline`)."""
        lines = []
        for n, step in enumerate(self._steps, start=1):
            lines.append(f"{n}. {step.name}: {step.summary}")
            lines.append(f"   requires: {', '.join(step.requires) or '-'}")
            lines.append(f"   produces: {', '.join(step.produces) or '-'}")
            lines.append(f"   uses:     {', '.join(step.uses) or '-'}")
        return "\n".join(lines) + "\n"
