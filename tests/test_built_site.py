"""`publisher doctor` tells a site built by the publisher plugin from one built by an engine that
ignores it (Zensical reading mkdocs.yml, or MkDocs with the plugin off), which publishes drafts,
future pieces, their covers and the ambassadors list."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from conftest import ProjectDir
from test_private_build import NOW, _png
from test_site import run_build

from publisher.project.doctor import ERROR, OK, WARNING, diagnose


def _project(project: ProjectDir) -> None:
    project.write("content/articles/img/draft-cover.png", _png(1))
    project.write("content/articles/img/live.png", _png(2))
    project.write("content/ambassadors.yml", "jdupont: {name: Julie Dupont}\n")
    project.piece("articles/live.md", "title: Live\ndate: 2026-06-01\ncover: img/live.png\n")
    project.piece("articles/secret-draft.md", "title: Secret\ndate: 2026-06-01\ndraft: true\ncover: img/draft-cover.png\n")
    project.piece("articles/embargo.md", "title: Embargo\ndate: 2027-01-10\n")


def _site(project: ProjectDir, severity: str) -> list[str]:
    return [f.message for f in diagnose(project.config_file, NOW).findings if f.check == "site" and f.severity == severity]


def test_a_build_that_ignored_the_plugin_is_found_out(project: ProjectDir) -> None:
    _project(project)
    assert _site(project, ERROR) == [] and not (project.root / "site").exists()  # nothing built: nothing to say
    # What Zensical does with this mkdocs.yml: the plugin's block is read by nobody.
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("  - publisher:\n", "  - publisher:\n      enabled: false\n"),
                                   encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project.root, capture_output=True,
                           text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert built.returncode == 0, built.stderr
    project.config_file.write_text(config, encoding="utf-8")
    errors = _site(project, ERROR)
    assert "site/articles/secret-draft/index.html: articles/secret-draft is a draft, yet its file is in the built site" \
        in errors
    assert "site/articles/img/draft-cover.png: articles/secret-draft is a draft, yet its file is in the built site" \
        in errors
    assert any(e.startswith("site/articles/embargo/index.html: articles/embargo is dated 2027-01-10") for e in errors)
    assert "site/ambassadors.yml: the ambassadors list (colleagues' names and handles) is in the built site" in errors
    assert not any("live" in e for e in errors)
    assert any(w.startswith("site/ was not built by the publisher plugin (no publisher-build.json)")
               for w in _site(project, WARNING))
    report = diagnose(project.config_file, NOW)
    assert all("mkdocs build" in f.fix for f in report.findings if f.check == "site" and f.severity == ERROR)


def test_a_publisher_build_is_recognised(project: ProjectDir) -> None:
    _project(project)
    site = run_build(project, now=NOW)
    marker = json.loads((site / "publisher-build.json").read_text(encoding="utf-8"))
    assert marker["generator"] == "publisher" and marker["pages"] == 1
    assert "Secret" not in (site / "publisher-build.json").read_text(encoding="utf-8")
    assert _site(project, ERROR) == []
    assert any(m.startswith("site/ was built by publisher ") for m in _site(project, OK))
    later = NOW + dt.timedelta(days=300)  # the embargo has passed since this build
    stale = [f.message for f in diagnose(project.config_file, later).findings if f.severity == ERROR]
    assert stale == []  # an embargoed page missing from an old build is not a leak
