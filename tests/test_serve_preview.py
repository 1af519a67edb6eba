"""`mkdocs serve` as a writer uses it, in Debian's chromium: a content error shows in the browser
(instead of a page that never reloads), fixing it brings the site back, and theme edits reload too."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from browser import launched
from conftest import ProjectDir

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PIECE = """title: Alpha launch
date: 2026-03-02
summary: What the launch means.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(project: ProjectDir) -> Iterator[str]:
    project.piece("articles/alpha.md", PIECE)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project.root,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(base, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            proc.kill()
            pytest.fail(f"mkdocs serve did not start:\n{proc.communicate()[0]}")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_a_content_error_shows_in_the_browser_and_theme_edits_reload(project: ProjectDir, served: str) -> None:
    with launched() as browser:
        page = browser.new_page()
        page.goto(served + "articles/alpha/")
        assert page.locator("h1").first.inner_text().strip() == "Alpha launch"
        project.piece("articles/alpha.md", PIECE.replace("date: 2026-03-02", "date: tomorrow"))
        page.wait_for_selector("main[role=alert]", timeout=60_000)  # livereload brought the error page
        text = page.inner_text("main")
        assert "content/articles/alpha.md: 'date': expected a date" in text and "'tomorrow'" in text
        missing = httpx.get(served + "no/such/page/", timeout=10)
        assert missing.status_code == 404 and "content/articles/alpha.md" in missing.text
        project.piece("articles/alpha.md", PIECE)
        page.wait_for_selector("h1:has-text('Alpha launch')", timeout=60_000)
        project.write("theme/partials/copyright.html", '<div class="md-copyright">Team footer 42</div>\n')
        page.wait_for_selector("text=Team footer 42", timeout=60_000)
