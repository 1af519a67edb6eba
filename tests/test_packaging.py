"""The package ships everything it needs: every code folder is listed, and the theme comes along."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from conftest import ROOT


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "publisher").rglob("__init__.py")
             if "__pycache__" not in p.parts}
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


def test_the_theme_ships_as_publisher_theme() -> None:
    theme = files("publisher.theme")
    for name in ("main.html", "piece.html", "landing.html", "listing.html", "home.html", "kit.html"):
        assert theme.joinpath(name).is_file(), name
    assert theme.joinpath("assets", "stylesheets", "publisher.css").is_file()


def test_the_distribution_is_comms_publisher_and_installs_publisher() -> None:
    """`publisher` on PyPI is an unrelated project: ours is comms-publisher, whose command, import
    package and MkDocs plugin are all called publisher."""
    from importlib import metadata

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "comms-publisher"
    dist = next(d for d in metadata.distributions(name="comms-publisher"))
    points = {(e.group, e.name): e.value for e in dist.entry_points}
    assert points[("console_scripts", "publisher")] == "publisher.cli:main"
    assert points[("mkdocs.plugins", "publisher")] == "publisher.site.plugin:PublisherPlugin"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install comms-publisher" in readme and "pip install publisher" not in readme
