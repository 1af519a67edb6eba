"""The package import graph, read from the source, runs one way: no package imports one above it.

The layer order is written once, here (CONTRIBUTING.md explains it). Every import counts, lazy ones
inside functions and those under TYPE_CHECKING too: a lazy import still ties the two packages.
Packages of one layer do not import each other either.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "publisher"

# Bottom to top. A package may import its own modules and any package of a lower layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("publisher", "secrets", "urls", "performance"),  # the package itself, masking, the URL allow-list, the speed tricks
    ("errors",),  # the exception tree (its messages are masked when they are made)
    ("posts", "networks"),  # the post vocabulary and what each network is
    ("config",),  # the validated configuration
    ("content",),  # pieces, authors, languages, UTM tags
    ("store",),  # persistence: every SQL statement
    ("social",),  # excerpts, rendering per network, the planner, calendar files
    ("sending",),  # dispatcher, settlement, channels, metrics pull
    ("reports", "feeds", "kits"),  # what is read from the store, imported from feeds, given to ambassadors
    ("site",),  # the MkDocs side
    ("project",),  # init, doctor, schedules
    ("desk",),  # the comms lead's web app
    ("cli",),  # the command line
)
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}


def package_of(module: str) -> str:
    """publisher.social.planner.plan -> social; publisher.errors -> errors; publisher -> publisher."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path) -> tuple[str, bool]:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def imported(path: Path) -> list[tuple[str, int]]:
    """Every module of ours ``path`` imports, with the line, relative imports resolved."""
    module, is_package = module_name(path)
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if node.module is None or target == "publisher":  # from . import x / from publisher import x
                found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((target, node.lineno))
    return [(name, line) for name, line in found if name == "publisher" or name.startswith("publisher.")]


def import_graph() -> dict[tuple[str, str], list[str]]:
    """(importing package, imported package) -> where (file:line), for arrows between packages."""
    graph: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(ROOT.rglob("*.py")):
        source = package_of(module_name(path)[0])
        for name, line in imported(path):
            target = package_of(name)
            if target != source:
                graph[source, target].append(f"{path.relative_to(ROOT.parent)}:{line}")
    return graph


def test_every_package_has_a_layer() -> None:
    packages = {package_of(module_name(p)[0]) for p in ROOT.rglob("*.py")}
    missing = sorted(packages - set(RANK))
    assert not missing, f"packages without a layer: {missing}; add each to LAYERS in {__file__}"


def test_no_package_imports_one_above_it_or_beside_it() -> None:
    wrong = [f"{source} (layer {RANK.get(source)}) imports {target} (layer {RANK.get(target)}): {', '.join(where)}"
             for (source, target), where in sorted(import_graph().items())
             if source in RANK and target in RANK and RANK[target] >= RANK[source]]
    assert not wrong, "upward or sideways imports:\n" + "\n".join(wrong)


@pytest.mark.parametrize(("source", "expected"), [
    ("from publisher.store import open_store", ["publisher.store"]),
    ("from .model import Post", ["publisher.social.model"]),
    ("from .. import errors", ["publisher.errors"]),
    ("from publisher import secrets", ["publisher.secrets"]),
    ("def f():\n    import publisher.site.utm", ["publisher.site.utm"]),
])
def test_imports_are_read_with_their_target(tmp_path: Path, source: str, expected: list[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader itself: relative, lazy and ``from publisher import x`` imports all count."""
    fake_root = tmp_path / "publisher"
    (fake_root / "social").mkdir(parents=True)
    path = fake_root / "social" / "render.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", fake_root)
    assert [name for name, _ in imported(path)] == expected


def test_an_upward_arrow_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_root = tmp_path / "publisher"
    (fake_root / "store").mkdir(parents=True)
    (fake_root / "store" / "posts.py").write_text("from publisher.sending.dispatcher import Dispatcher\n")
    monkeypatch.setattr(f"{__name__}.ROOT", fake_root)
    with pytest.raises(AssertionError, match=rf"store \(layer {RANK['store']}\) imports sending \(layer {RANK['sending']}\)"):
        test_no_package_imports_one_above_it_or_beside_it()
