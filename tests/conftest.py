"""Shared fixtures: temporary projects built from real files, the shared corpora, the store URLs, the
networks' loopback doubles."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from doubles import BlueskyDouble, Double, LinkedInDouble, MastodonDouble, XDouble, environment

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
PG_URL = os.environ.get("PUBLISHER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def corpus(*parts: str) -> Path:
    """A path inside ../shared/corpora; skips the test with a clear reason when it is absent."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus not available: {path} (expected ../shared/corpora beside the project)")
    return path


MINIMAL_MKDOCS = """\
site_name: Test site
site_url: https://test.example.org/
docs_dir: content
theme:
  name: material
  custom_dir: theme
plugins:
  - search
  - publisher:
{block}
"""


class ProjectDir:
    """A throwaway project folder: mkdocs.yml, content/, theme/, with helpers to write pieces."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def piece(self, rel: str, front: str, body: str = "Body text of the piece.\n") -> Path:
        return self.write(f"content/{rel}", "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n\n" + body)

    def config(self, block: str = "lang: en", extra: str = "") -> Path:
        indented = textwrap.indent(textwrap.dedent(block).strip("\n") or "enabled: true", " " * 6)
        return self.write("mkdocs.yml", MINIMAL_MKDOCS.format(block=indented) + textwrap.dedent(extra))

    def use_ambassadors_file(self, text: str) -> Path:
        """Replace the ambassadors listed in mkdocs.yml (the sample's) by ambassadors.yml beside it."""
        lines = self.config_file.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next((i for i, line in enumerate(lines) if line.strip() == "ambassadors:"), None)
        if start is not None:
            indent = len(lines[start]) - len(lines[start].lstrip())
            end = next(i for i in range(start + 1, len(lines))
                       if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent)
            self.config_file.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
        return self.write("ambassadors.yml", text)

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"


@pytest.fixture
def project(tmp_path: Path) -> ProjectDir:
    """An empty project with a default publisher block and an authors file."""
    proj = ProjectDir(tmp_path / "proj")
    proj.content.mkdir(parents=True)
    (proj.root / "theme").mkdir()
    proj.config()
    proj.write("content/index.md", "# Home\n")
    proj.write("content/authors.yml", """
        camille:
          name: Camille Martin
          role: Head of Communications
          x: "@camille"
        sam:
          name: Sam Lee
          role: Solutions Engineer
    """)
    return proj


@pytest.fixture
def sample_project(tmp_path: Path) -> ProjectDir:
    """A copy of this repository's own project (mkdocs.yml, content/, theme/)."""
    dest = tmp_path / "sample"
    dest.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "theme", dest / "theme")
    return ProjectDir(dest)


@pytest.fixture
def doubles(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Double]]:
    """Loopback doubles of X, Mastodon, Bluesky and LinkedIn, their credentials in the environment."""
    started: dict[str, Double] = {"x": XDouble().start(), "mastodon": MastodonDouble().start(),
                                  "bluesky": BlueskyDouble().start(), "linkedin": LinkedInDouble().start()}
    for double in started.values():
        for name, value in environment(double).items():
            monkeypatch.setenv(name, value)
    yield started
    for double in started.values():
        double.stop()


# Real stores (SQLite file, PostgreSQL schema per test): sqlite_store, pg_url, pg_store, any_store.
from stores import any_store, pg_store, pg_url, sqlite_store  # noqa: E402, F401
