"""What the browser tests share: Debian's chromium, its flags, and a quiet local HTTP server for a built site."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> Path:
    """Debian's chromium; on CI its absence is a failure (a skipped browser test proves nothing)."""
    if CHROMIUM.is_file():
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


@contextmanager
def launched() -> Iterator[Any]:
    """Debian's chromium, headless, through Playwright (closed on the way out)."""
    path = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path, handler_class: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL (with a trailing slash)."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join(timeout=5)


__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "QuietHandler", "chromium", "launched", "serving"]
