"""The import order of docs/ARCHITECTURE.md, checked: imports point down the layers, never up,
and no stage imports another stage. Only run-time imports count (a name imported for type
checking alone, under `if TYPE_CHECKING:`, loads nothing)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first. A module may import modules of its own layer and of the layers below.
LAYERS: list[tuple[str, ...]] = [
    ("marsad.errors", "marsad.version", "marsad.data"),
    ("marsad.decode", "marsad.model"),
    ("marsad.text",),
    ("marsad.index",),
    ("marsad.kb",),
    ("marsad.resources",),
    ("marsad.entities", "marsad.resolve", "marsad.temporal", "marsad.quotes", "marsad.events"),
    ("marsad.stages", "marsad.pipeline"),
    ("marsad.ingest", "marsad.jsonio", "marsad.render", "marsad.plover", "marsad.tables"),
    ("marsad.store",),
    ("marsad.corpus",),
    ("marsad.watch",),
    ("marsad.api", "marsad.web", "marsad.spark"),
    ("marsad.cli", "marsad.corpus_commands", "marsad", "marsad.spark.submit"),
]
TOP = "marsad"  # the package itself: a prefix of every module, so matched only exactly

# The stages of the stage layer; none may import another. The resolve package holds two.
STAGES: dict[str, tuple[str, ...]] = {
    "entities": ("marsad.entities",),
    "places": ("marsad.resolve.places",),
    "actors": ("marsad.resolve.actors", "marsad.resolve.names", "marsad.resolve.person_roles",
               "marsad.resolve.organisations"),
    "times": ("marsad.temporal",),
    "quotes": ("marsad.quotes",),
    "events": ("marsad.events",),
}  # fmt: skip


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def layer_of(module: str) -> int:
    best = -1, ""
    for n, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix if prefix == TOP else _within(module, prefix)
            if matches and len(prefix) > len(best[1]):
                best = n, prefix
    if best[0] < 0:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS and to docs/ARCHITECTURE.md")
    return best[0]


def stage_of(module: str) -> str | None:
    for stage, prefixes in STAGES.items():
        if any(_within(module, p) for p in prefixes):
            return stage
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def runtime_imports(source: str, package: str) -> set[str]:
    """The marsad modules a module's source imports when it runs (`package`: the package it is in,
    for relative imports)."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _type_checking_block(node):
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if _within(a.name, "marsad"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            if _within(base, "marsad"):
                for alias in node.names:  # from marsad.temporal import lexicon: the submodule
                    sub = f"{base}.{alias.name}"
                    out.add(sub if sub in MODULES else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return out


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return runtime_imports(path.read_text(encoding="utf-8"), package)


MODULES = {module_name(p): p for p in sorted((SRC / "marsad").rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_and_never_between_stages(module: str) -> None:
    own_layer, own_stage = layer_of(module), stage_of(module)
    for imported in sorted(imports_of(module)):
        if imported == "marsad" and module != "marsad.cli":
            raise AssertionError(f"{module} imports the top-level package marsad")
        assert layer_of(imported) <= own_layer, f"{module} (layer {own_layer}) imports {imported} from above"
        other = stage_of(imported)
        assert other is None or own_stage in (None, other), f"stage {own_stage} ({module}) imports stage {other}"


def test_no_import_cycles() -> None:
    graph = {m: {i for i in imports_of(m) if i in MODULES and i != m} for m in MODULES}
    done: set[str] = set()
    path: list[str] = []

    def walk(m: str) -> None:
        if m in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(m) :], m]))
        if m in done:
            return
        path.append(m)
        for n in sorted(graph[m]):
            walk(n)
        path.pop()
        done.add(m)

    for m in sorted(graph):
        walk(m)


def test_the_checker_sees_a_bad_import() -> None:
    """The rules above can fail: a stage importing another is seen, a type-only import is not."""
    source = "from marsad.quotes.lexicon import VERBS\nif TYPE_CHECKING:\n    from marsad.cli import main\n"
    imported = runtime_imports(source, "marsad.resolve")
    assert imported == {"marsad.quotes.lexicon"}
    assert stage_of("marsad.resolve.person_roles") == "actors" != stage_of("marsad.quotes.lexicon")
    assert layer_of("marsad.kb.base") < layer_of("marsad.resources") < layer_of("marsad.entities.stage")
    with pytest.raises(AssertionError, match="in no layer"):
        layer_of("marsad.newthing")
    assert runtime_imports("from .names import link", "marsad.resolve") == {"marsad.resolve.names"}
