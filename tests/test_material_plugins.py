"""Material's own tags and social plugins beside ours, in a real build: pieces' tags reach Material's
tags index, and a page carries one og:image, never two that disagree."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ProjectDir

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _offline_fonts(project: ProjectDir) -> None:
    """The social plugin downloads its font from Google Fonts into its cache: give it DejaVu there
    (Debian's fonts-dejavu-core, which .ci/run installs), so the build needs no network."""
    if not (DEJAVU / "DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed")
    fonts = project.root / ".cache" / "social" / "fonts" / "Roboto"
    fonts.mkdir(parents=True)
    shutil.copy(DEJAVU / "DejaVuSans.ttf", fonts / "Regular.ttf")
    shutil.copy(DEJAVU / "DejaVuSans-Bold.ttf", fonts / "Bold.ttf")


def _with_material_plugins(project: ProjectDir, block: str = "lang: en") -> None:
    project.config(block)
    text = project.config_file.read_text(encoding="utf-8")
    text = text.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - tags\n"
                        "  - social:\n      cache_dir: .cache/social\n")
    project.config_file.write_text(text, encoding="utf-8")
    project.write("content/all-tags.md", "# All tags\n\n<!-- material/tags -->\n")


def _meta(page: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page)


def _pieces(project: ProjectDir) -> None:
    project.write("content/articles/img/cover.png", (Path(__file__).parent.parent / "content" / "assets" / "authors"
                                                     / "claire.png").read_bytes())
    project.piece("articles/with-cover.md", """
        title: With a cover
        date: 2026-06-01
        authors: [camille]
        tags: [sovereign cloud, costs]
        cover: img/cover.png
    """)
    project.piece("articles/no-cover.md", """
        title: Without a cover
        date: 2026-06-02
        authors: [camille]
        tags: [costs]
    """)


@pytest.mark.slow
def test_one_tag_system_and_one_og_image(project: ProjectDir) -> None:
    pytest.importorskip("cairosvg")
    _offline_fonts(project)
    _with_material_plugins(project)
    _pieces(project)
    # The real command: MkDocs' CLI starts the social plugin's worker pool (on_startup).
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert built.returncode == 0, built.stderr
    site = project.root / "site"

    index = (site / "all-tags" / "index.html").read_text(encoding="utf-8")  # Material's tags index
    for tag in ("sovereign cloud", "costs"):
        assert tag in index, f"Material's tags index should list {tag!r}"
    assert "With a cover" in index and "Without a cover" in index

    covered = (site / "articles" / "with-cover" / "index.html").read_text(encoding="utf-8")
    assert _meta(covered, "og:image") == ["https://test.example.org/articles/img/cover.png"]
    assert len(_meta(covered, "twitter:card")) == 1 and len(_meta(covered, "og:title")) == 1

    plain = (site / "articles" / "no-cover" / "index.html").read_text(encoding="utf-8")
    (card,) = _meta(plain, "og:image")  # the social plugin's generated card, alone
    assert card.startswith("https://test.example.org/assets/images/social/") and card.endswith(".png")
    assert (site / card.removeprefix("https://test.example.org/")).is_file()
    assert _meta(plain, "twitter:card") == ["summary_large_image"]
    assert len(_meta(plain, "og:title")) == len(_meta(plain, "twitter:image")) == 1
    assert _meta(plain, "article:tag") == ["costs"]  # what only we write stays
