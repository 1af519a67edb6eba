"""The site shows publisher's own logo and favicon, not Material's book icon, in the sample and in a
project made by init (whose theme/ has none: they come with the package)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import ProjectDir
from test_site import run_build

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)


def _identity(site: Path) -> tuple[str, str]:
    page = (site / "index.html").read_text(encoding="utf-8")
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page)
    logo = re.search(r'<a [^>]*class="md-header__button md-logo"[^>]*>\s*<img src="([^"]+)"', page)
    assert icon and logo, "a favicon link and a logo image"
    return icon.group(1), logo.group(1)


def test_the_sample_has_its_own_logo_and_favicon(sample_project: ProjectDir) -> None:
    site = run_build(sample_project)
    icon, logo = _identity(site)
    assert (icon, logo) == ("assets/images/favicon.svg", "assets/images/logo.svg")
    for rel in (icon, logo):
        svg = (site / rel).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "#0f5c6e" in svg  # ours, in the brand colour


def test_a_new_project_gets_them_from_the_package(tmp_path: Path) -> None:
    root = tmp_path / "p"
    assert CliRunner().invoke(cli, ["init", str(root), "--requirement", "comms-publisher==0.1.0"]).exit_code == 0
    assert not (root / "theme" / "assets").exists()
    site = run_build(ProjectDir(root))
    icon, logo = _identity(site)
    assert (site / icon).read_text(encoding="utf-8").startswith("<svg")
    assert (site / logo).read_text(encoding="utf-8").startswith("<svg")
