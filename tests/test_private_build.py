"""Nothing unpublished or private reaches site/: pages, covers, PDFs and images of drafts and future
pieces, and the ambassadors list, wherever it is kept. Each test runs the real `mkdocs build`."""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectDir
from test_site import run_build

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)
from publisher.config import load_settings
from publisher.content.ambassadors import ambassadors_file, ambassadors_for
from publisher.project.doctor import WARNING, diagnose

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


def _png(seed: int) -> bytes:
    """A real 1x1 PNG whose bytes differ per seed, so each asset can be recognised in site/."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"\x00" + bytes([seed % 256, 40, 200])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PRIVATE = ["articles/img/draft-cover.png", "articles/img/draft-inline.png", "articles/img/draft-html.png",
           "articles/img/draft-ref.png", "articles/files/draft.pdf", "articles/img/future-cover.png",
           "articles/img/future-inline.png"]
PUBLIC = ["articles/img/live-cover.png", "articles/img/shared.png", "img/home.png", "assets/camille.png"]


def _write_project(project: ProjectDir) -> None:
    for i, rel in enumerate(PRIVATE + PUBLIC):
        project.write(f"content/{rel}", b"%PDF-1.4\n%%EOF\n" if rel.endswith(".pdf") else _png(i))
    authors = project.content / "authors.yml"
    authors.write_text(authors.read_text(encoding="utf-8").replace(
        "  role: Head of Communications\n", "  role: Head of Communications\n  avatar: assets/camille.png\n"),
        encoding="utf-8")
    project.write("content/index.md", "# Home\n\n![Our office](img/home.png)\n")
    project.piece("articles/live.md", """
        title: A published piece
        date: 2026-06-01
        authors: [camille]
        cover: img/live-cover.png
    """, "Published.\n\n![shared](img/shared.png)\n")
    project.piece("articles/secret-draft.md", """
        title: Secret draft about the merger
        date: 2026-06-01
        draft: true
        authors: [camille]
        cover: img/draft-cover.png
        pdf: files/draft.pdf
    """, "Draft.\n\n![inline](img/draft-inline.png)\n\n<img src=\"img/draft-html.png\" alt=\"\">\n\n"
         "![ref][r] and the shared one ![s](./img/shared.png)\n\n[r]: img/draft-ref.png\n")
    project.piece("articles/future-launch.md", """
        title: Launch announced next year
        date: 2027-01-10
        authors: [camille]
        cover: img/future-cover.png
    """, "Embargoed.\n\n![inline](img/future-inline.png)\n")


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_no_draft_future_or_private_file_is_in_site(project: ProjectDir) -> None:
    _write_project(project)
    project.write("content/ambassadors.yml", "jdupont: {name: Julie Dupont, team: Sales}\n")
    site = run_build(project, now=NOW)
    built = _site_files(site)
    for rel in PUBLIC:
        assert built.get(rel) == (project.content / rel).read_bytes(), f"{rel} should be published"
    private_bytes = {(project.content / rel).read_bytes() for rel in PRIVATE}
    leaked = sorted(name for name, data in built.items() if data in private_bytes or name in PRIVATE)
    assert leaked == []
    assert "ambassadors.yml" not in {Path(n).name for n in built}
    for name, data in built.items():  # pages, search index, sitemap, feeds, share kits
        for secret in (b"Secret draft about the merger", b"Launch announced next year", b"secret-draft",
                       b"future-launch", b"Julie Dupont", b"jdupont"):
            assert secret not in data, f"{secret!r} in {name}"


def test_serve_shows_drafts_with_their_assets(project: ProjectDir) -> None:
    _write_project(project)
    site = run_build(project, now=NOW, serving=True)
    for rel in PRIVATE:
        assert (site / rel).is_file(), rel


def test_the_sample_site_publishes_no_draft_future_or_private_file(sample_project: ProjectDir) -> None:
    settings = load_settings(sample_project.config_file)
    library = __import__("publisher.content", fromlist=["load_library"]).load_library(settings)
    hidden = [p for p in library if not p.is_visible(NOW.replace(year=2026, month=12, day=1))]
    assert hidden, "the sample should keep a draft or a future piece to prove this"
    site = run_build(sample_project, now=dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
    built = _site_files(site)
    for piece in hidden:
        assert not (site / piece.folder / piece.slug).exists(), piece.key
        if piece.cover and "://" not in piece.cover:
            assert piece.cover not in built, piece.cover
    assert not [n for n in built if n.endswith((".yml", ".yaml"))]
    assert not (sample_project.content / "ambassadors.yml").exists()
    people, problems = ambassadors_for(settings)
    assert problems == [] and len(people) >= 5


def test_ambassadors_in_the_publisher_block(project: ProjectDir) -> None:
    project.config("""
        lang: en
        ambassadors:
          jdupont: {name: Julie Dupont, team: Sales West, networks: [linkedin]}
          Bad: {name: X}
          mlefevre: {team: Sales}
    """)
    people, problems = ambassadors_for(load_settings(project.config_file))
    assert people == {}
    assert sorted(str(p) for p in problems) == [
        "mkdocs.yml: 'ambassadors.Bad': expected a name matching [a-z0-9][a-z0-9_.-]{0,31}: lowercase letters, "
        "digits, '.', '_' or '-', at most 32 characters (links carry it as utm_content, which analytics tools "
        "lower-case), got 'Bad' (try 'bad')",
        "mkdocs.yml: 'ambassadors.mlefevre.name': is required but missing; expected the person's name",
    ]
    project.config("lang: en\nambassadors:\n  jdupont: {name: Julie Dupont, networks: [linkedin]}\n")
    people, problems = ambassadors_for(load_settings(project.config_file))
    assert problems == [] and people["jdupont"].name == "Julie Dupont"
    project.write("ambassadors.yml", "osullivan: {name: Owen Sullivan}\n")
    _, problems = ambassadors_for(load_settings(project.config_file))
    assert [str(p) for p in problems] == ["mkdocs.yml: 'ambassadors': expected the ambassadors in one place, "
                                          "found them here and in ambassadors.yml; keep one"]


def test_an_ambassadors_file_beside_mkdocs_yml_needs_no_notice(project: ProjectDir) -> None:
    project.write("ambassadors.yml", "osullivan: {name: Owen Sullivan}\n")
    settings = load_settings(project.config_file)
    assert ambassadors_file(settings) == (project.root / "ambassadors.yml", "")
    assert list(ambassadors_for(settings)[0]) == ["osullivan"]


def test_the_old_place_is_still_read_with_a_notice_everywhere(project: ProjectDir,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    project.write("content/ambassadors.yml", "jdupont: {name: Julie Dupont}\n")
    settings = load_settings(project.config_file)
    assert list(ambassadors_for(settings)[0]) == ["jdupont"]
    notice = ambassadors_file(settings)[1]
    assert notice.startswith("content/ambassadors.yml: the ambassadors file is inside the docs folder, which a "
                             "build by another engine (Zensical)")
    assert notice in [f.message for f in diagnose(project.config_file, NOW).findings if f.severity == WARNING]
    check = CliRunner().invoke(cli, ["-f", str(project.config_file), "check"])
    assert check.exit_code == 0 and f"warning: {notice}" in check.output
    with caplog.at_level("INFO"):
        run_build(project, now=NOW)
    assert notice in caplog.text
    assert not [r for r in caplog.records if r.levelname == "WARNING" and "ambassadors" in r.getMessage()], \
        "a strict build of a project that has not moved the file yet still passes"


def test_a_new_project_keeps_its_ambassadors_outside_content(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "p"), "--requirement", "comms-publisher==0.1.0"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p" / "ambassadors.yml").is_file()
    assert not (tmp_path / "p" / "content" / "ambassadors.yml").exists()
    shutil.rmtree(tmp_path / "p")
    assert ROOT.joinpath("mkdocs.yml").read_text(encoding="utf-8").count("\n      ambassadors:\n") == 1
