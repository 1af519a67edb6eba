"""The desk in Debian's chromium through Playwright, served by uvicorn on a free loopback port: approve a
post, edit one past its limit (refused, shown why), reject with a reason, pause and resume with a backlog
(nothing flushed). DESK_SCREENSHOTS=docs/images keeps the calendar, queue and preview screenshots."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import launched
from conftest import ProjectDir
from desk_project import NOW, desk_app, make_project

pytestmark = pytest.mark.browser


@pytest.fixture
def served(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any]]:
    import uvicorn

    for name in ("X_API_KEY", "MASTODON_ACCESS_TOKEN", "BLUESKY_HANDLE", "LINKEDIN_ACCESS_TOKEN", "PUBLISHER_STORE",
                 "PUBLISHER_DESK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    team = make_project(project)
    app = desk_app(team)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", app
    server.should_exit = True
    thread.join(timeout=10)
    app.state.desk.store.close()


def shot(page: Any, name: str) -> None:
    folder = os.environ.get("DESK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"desk-{name}.png"), full_page=False)


def test_the_comms_lead_reviews_edits_rejects_pauses_and_resumes(served: tuple[str, Any]) -> None:
    base, app = served
    store = app.state.desk.store
    with launched() as browser:
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "422" not in m.text else None)

        # The queue: each piece's posts side by side, as each network shows them
        page.goto(f"{base}/queue")
        assert page.locator("section.piece").count() >= 3
        assert page.locator("section.piece h2").first.is_visible()
        hostile = page.locator("section.piece h2 a", has_text="<script>")
        assert hostile.count() == 1  # the feed's title shows as text
        shot(page, "queue")

        # Approve one post from its own page
        x = next(r.post for r in store.records(states=["proposed"]) if r.post.network == "x")
        page.goto(f"{base}/post/{x.id}")
        shot(page, "preview")
        page.get_by_role("button", name="Approve").click()
        page.wait_for_url(f"**/post/{x.id}?said=approved&n=1")
        assert store.post(x.id).post.state == "approved"
        assert page.locator(".said").inner_text() == "Approved 1 post(s)."

        # Edit one past its limit: the live check says so as one types, the server refuses it and says why
        m = next(r.post for r in store.records(states=["proposed"]) if r.post.network == "mastodon")
        page.goto(f"{base}/post/{m.id}")
        area = page.locator("textarea[name=text]")
        area.fill("z" * 520 + " " + m.link)
        page.wait_for_selector("[data-fit-output].over")
        assert "too many" in page.locator("[data-fit-output]").inner_text()
        assert page.get_by_role("button", name="Save the words").is_disabled()
        page.locator("form.edit button").evaluate("b => { b.disabled = false; }")  # as if the script never ran
        page.get_by_role("button", name="Save the words").click()
        page.wait_for_selector(".refused")
        assert "expected at most 500 characters (URLs count 23), got 544" in page.locator(".refused").inner_text()
        assert store.post(m.id).post.text == m.text

        # Reject with a reason
        b = next(r.post for r in store.records(states=["proposed"]) if r.post.network == "bluesky")
        page.goto(f"{base}/post/{b.id}")
        page.get_by_label("Reason").fill("The quote is not approved by the client")
        page.get_by_role("button", name="Reject").click()
        page.wait_for_selector(".said")
        assert store.post(b.id).post.state == "cancelled"
        assert "rejected: The quote is not approved by the client" in page.locator(".history").inner_text()

        # Approve a whole piece from the queue, then pause everything
        page.goto(f"{base}/queue?piece=articles/alpha")
        page.get_by_role("button", name="Approve every proposed post of this piece").click()
        page.wait_for_selector(".said")
        page.goto(f"{base}/pause")
        page.get_by_label("Why").fill("Breaking news")
        page.get_by_role("button", name="Pause now").click()
        page.wait_for_selector(".pauses")
        assert "paused: everything until resumed (Breaking news)" in page.locator(".pauses").inner_text()

        # A day later: resuming shows where each late post went and what goes out next; nothing is due
        app.state.now["at"] = later = NOW + dt.timedelta(days=1, hours=2)
        late = [r.post.id for r in store.records(states=["approved"], end=later)]
        assert late
        page.goto(f"{base}/pause")
        assert f"{len(late)} late post(s) waiting" in page.locator(".outlook").inner_text()
        page.get_by_role("button", name="Resume everything").click()
        page.wait_for_selector(".resumed")
        said = page.locator(".resumed").inner_text()
        assert "Sending is back on" in said and f"{len(late)} late post(s) not sent late" in said
        assert sum(store.due_count(later).values()) == 0
        assert all(store.post(i).post.scheduled_at > later for i in late)

        # The calendar, week and month
        page.goto(f"{base}/calendar?view=week&start=2026-03-02")
        assert page.locator("table.week .item").count() > 0
        shot(page, "calendar-week")
        page.goto(f"{base}/calendar?view=month&start=2026-03-01")
        assert page.locator("table.month .item").count() > 0
        shot(page, "calendar-month")
        assert not errors, errors
