"""Take the desk's screenshots for the guide (docs/guide/images/desk-*.png) from the sample newsroom.

    .venv/bin/python docs/desk_screenshots.py

Copies this repository's project (mkdocs.yml, content/, theme/) to a temporary folder, plans it,
approves one piece, serves the desk on a free loopback port and photographs the queue, a post's
preview and the week calendar in Debian's chromium. A person looks at them before they are committed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "guide" / "images"
sys.path.insert(0, str(ROOT))


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from publisher.config import load_settings
    from publisher.desk.app import make_app
    from publisher.store import open_store

    work = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    try:
        for part in ("content", "theme"):
            shutil.copytree(ROOT / part, work / part)
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        env = {k: v for k, v in os.environ.items() if not k.endswith(("_TOKEN", "_PASSWORD", "_SECRET", "_KEY"))}
        publisher = str(Path(sys.executable).parent / "publisher")
        subprocess.run([publisher, "-f", str(work / "mkdocs.yml"), "plan", "--show", "0"], env=env, check=True,
                       capture_output=True)
        settings = load_settings(work / "mkdocs.yml")
        store = open_store(settings.store_url)
        first = store.records(states=["proposed"])[0].post
        store.approve(first.scheduled_at, piece=first.piece, actor="camille (desk)")
        app = make_app(settings, store)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        OUT.mkdir(parents=True, exist_ok=True)
        week = (first.scheduled_at.astimezone(settings.zone).date() + dt.timedelta(days=7)).isoformat()
        preview = next((r.post for r in store.records(states=["proposed"])
                        if r.post.network == "linkedin" and r.post.card and r.post.card.image), first)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            extra = Path(os.environ.get("DESK_MORE_SHOTS", "")) if os.environ.get("DESK_MORE_SHOTS") else None
            for name, path in (("queue", "/queue"), ("preview", f"/post/{preview.id}"),
                               ("calendar", f"/calendar?view=week&start={week}"), ("pause", "/pause"),
                               ("health", "/health"), ("month", f"/calendar?view=month&start={week}")):
                if name in ("pause", "health", "month") and extra is None:
                    continue
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                target = (OUT if name in ("queue", "preview", "calendar") else extra) / f"desk-{name}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target}")
            browser.close()
        server.should_exit = True
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
