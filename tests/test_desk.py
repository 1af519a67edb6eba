"""The desk in process (Starlette's TestClient drives the real app over a real store): every page, every
action, and every refusal (no CSRF token, a foreign origin, no session, a foreign Host, a non-loopback
bind without a token)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ProjectDir
from desk_project import NOW, ORIGIN, desk_app, make_project
from starlette.testclient import TestClient

from publisher.desk.security import DeskRefused, Tokens, check_bind, loopback_only
from publisher.networks.counting import display_url

SECRET = "Sup3rSecretMastodonToken-XYZ"
DESK_SECRET = "correct-horse-battery-staple"


@pytest.fixture
def team(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> ProjectDir:
    for name in ("X_API_KEY", "MASTODON_BASE_URL", "BLUESKY_HANDLE", "LINKEDIN_ACCESS_TOKEN", "PUBLISHER_STORE",
                 "PUBLISHER_DESK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", SECRET)  # half-set: held, and never shown
    return make_project(project)


@pytest.fixture
def app(team: ProjectDir) -> Iterator[Any]:
    app = desk_app(team)
    yield app
    app.state.desk.store.close()


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url=ORIGIN) as c:
        yield c


def csrf_of(client: TestClient, path: str = "/queue") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def post(client: TestClient, path: str, data: dict[str, Any], *, origin: str | None = ORIGIN, csrf: bool = True,
         page: str = "/queue") -> Any:
    body = dict(data)
    if csrf:
        body["csrf"] = csrf_of(client, page)
    headers = {"origin": origin} if origin else {}
    return client.post(path, data=body, headers=headers, follow_redirects=False)


def store_of(client: TestClient) -> Any:
    return client.app.state.desk.store  # type: ignore[attr-defined]


def first(client: TestClient, network: str, state: str = "proposed") -> Any:
    return next(r.post for r in store_of(client).records(states=[state]) if r.post.network == network)


def test_every_page_answers(client: TestClient) -> None:
    pid = first(client, "x").id
    for path in ("/queue", "/queue?view=approved", "/queue?view=attention", "/queue?view=sent", "/queue?view=all",
                 "/queue?channel=bluesky", "/queue?piece=articles/alpha", "/queue?view=nonsense&page=abc",
                 "/calendar", "/calendar?view=month", "/calendar?view=week&start=2026-03-02",
                 "/calendar?view=month&start=2026-03-01&channel=x", "/calendar?start=garbage",
                 f"/post/{pid}", "/pause", "/health", "/report", "/report?since=7d"):
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:300])
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"
    assert client.get("/", follow_redirects=False).headers["location"] == "/queue"
    assert client.get("/post/999999").status_code == 404
    assert client.get("/static/desk.css").status_code == 200
    assert client.get("/static/desk.js").status_code == 200


def test_the_queue_groups_each_piece_and_previews_each_network(client: TestClient) -> None:
    page = client.get("/queue?piece=articles/alpha").text
    for label in ("X", "Mastodon", "Bluesky", "LinkedIn"):
        assert f'<span class="net">{label}</span>' in page
    x = first(client, "x")
    assert re.search(r"\d+ / 280 weighted characters", page)
    # LinkedIn shows the words without the escaping backslashes; the store keeps them
    li = next(r.post for r in store_of(client).records(piece="articles/alpha")
              if r.post.network == "linkedin" and "\\(" in r.post.text)
    shown = li.text.replace("\\(", "(").replace("\\)", ")")
    assert shown.split("\n")[0] in client.get(f"/post/{li.id}").text
    # Bluesky shows the short label of the link
    assert display_url(x.link) in page


def test_a_hostile_title_stays_text_and_no_secret_reaches_any_page(client: TestClient) -> None:
    pages = [client.get(p).text for p in ("/queue?view=all", "/calendar?view=week&start=2026-03-02",
                                           "/calendar?view=month&start=2026-03-01", "/health", "/pause", "/report")]
    hostile = next(r.post for r in store_of(client).records(piece="articles/hostile"))
    pages.append(client.get(f"/post/{hostile.id}").text)
    for text in pages:
        assert "<script>alert" not in text and "<b>bold</b>" not in text
        assert SECRET not in text
    assert "&lt;script&gt;alert(“x”)&lt;/script&gt;" in pages[0]  # escaped (typeset like every text that leaves)
    health = client.get("/health").text
    assert "MASTODON_ACCESS_TOKEN: set" in health and "MASTODON_BASE_URL: missing" in health


def test_a_post_without_its_csrf_token_or_from_another_origin_is_refused(client: TestClient) -> None:
    pid = first(client, "x").id
    assert post(client, f"/post/{pid}/approve", {}, csrf=False).status_code == 403
    assert post(client, f"/post/{pid}/approve", {"csrf": "0" * 64}, csrf=False).status_code == 403
    assert post(client, f"/post/{pid}/approve", {}, origin=None).status_code == 403
    assert post(client, f"/post/{pid}/approve", {}, origin="http://evil.example").status_code == 403
    assert post(client, "/pause", {"reason": "x"}, origin="null").status_code == 403
    assert store_of(client).post(pid).post.state == "proposed"
    assert not store_of(client).active_pauses(NOW)
    # the Referer stands in for a missing Origin (older browsers)
    ok = client.post(f"/post/{pid}/approve", data={"csrf": csrf_of(client)}, headers={"referer": ORIGIN + "/queue"},
                     follow_redirects=False)
    assert ok.status_code == 303


def test_a_request_to_a_foreign_host_name_is_refused(client: TestClient) -> None:
    assert client.get("/queue", headers={"host": "evil.example"}).status_code == 400


def test_approve_one_a_piece_and_a_selection(client: TestClient) -> None:
    store = store_of(client)
    one = first(client, "x")
    done = post(client, f"/post/{one.id}/approve", {"back": "/queue?view=review"})
    assert done.status_code == 303 and done.headers["location"] == "/queue?view=review&said=approved&n=1"
    assert store.post(one.id).post.state == "approved"
    last = store.events(one.id)[-1]
    assert last.actor.endswith("(desk)") and last.detail == "approved"
    assert post(client, "/approve", {"piece": "articles/beta"}).status_code == 303
    assert {r.post.state for r in store.records(piece="articles/beta")} == {"approved"}
    chosen = [r.post.id for r in store.records(piece="articles/hostile")][:2]
    assert post(client, "/approve", {"ids": [str(i) for i in chosen]}).status_code == 303
    assert {store.post(i).post.state for i in chosen} == {"approved"}
    assert "Approved 2 post(s)." in client.get("/queue?said=approved&n=2").text
    assert post(client, "/approve", {"ids": ["abc"]}).status_code == 400
    assert post(client, "/approve", {"ids": ["999999"]}).status_code == 404


def test_an_edit_past_the_limit_or_without_the_link_is_refused_with_the_reason(client: TestClient) -> None:
    store = store_of(client)
    x = first(client, "x")
    long = post(client, f"/post/{x.id}/edit", {"text": "a" * 300 + " " + x.link})
    assert long.status_code == 422
    assert "expected at most 280 weighted characters (URLs count 23), got 324 (44 too many)" in long.text
    assert "a" * 300 in long.text  # the person's words are kept in the form
    nolink = post(client, f"/post/{x.id}/edit", {"text": "Shorter words"})
    assert nolink.status_code == 422 and "expected the piece&#39;s link in the text" in nolink.text
    assert store.post(x.id).post.text == x.text


def test_an_edit_of_an_approved_post_goes_back_to_review_escaped_and_recorded(client: TestClient) -> None:
    store = store_of(client)
    li = first(client, "linkedin")
    post(client, f"/post/{li.id}/approve", {})
    saved = post(client, f"/post/{li.id}/edit", {"text": f"Said (twice): it ships\n\n{li.link}", "why": "tone"})
    assert saved.status_code == 303 and "said=edited" in saved.headers["location"]
    after = store.post(li.id)
    assert after.post.text == "Said \\(twice\\): it ships\n\n" + li.link and after.post.state == "proposed"
    last = store.events(li.id)[-1]
    assert (last.from_state, last.to_state) == ("approved", "proposed")
    assert "why: tone" in last.detail and last.actor.endswith("(desk)")


def test_the_live_fit_check_counts_like_the_network(client: TestClient) -> None:
    x = first(client, "x")
    token = csrf_of(client)
    answer = client.post("/fit", data={"post_id": str(x.id), "text": "🎉" * 10 + " " + x.link, "csrf": token},
                         headers={"origin": ORIGIN})
    data = answer.json()
    assert data["ok"] and data["length"] == 10 * 2 + 1 + 23 and data["limit"] == 280
    over = client.post("/fit", data={"post_id": str(x.id), "text": "b" * 281, "csrf": token},
                       headers={"origin": ORIGIN}).json()
    assert not over["ok"] and any("too many" in p for p in over["problems"])
    assert client.post("/fit", data={"post_id": str(x.id), "text": "b"}, headers={"origin": ORIGIN}).status_code == 403
    assert store_of(client).post(x.id).post.text == x.text  # the check changes nothing


def test_reject_needs_a_reason_and_stays_rejected_after_a_replan(team: ProjectDir, client: TestClient) -> None:
    store = store_of(client)
    b = first(client, "bluesky")
    assert post(client, f"/post/{b.id}/reject", {"reason": "  "}).status_code == 422
    assert store.post(b.id).post.state == "proposed"
    done = post(client, f"/post/{b.id}/reject", {"reason": "Wrong figure: 40 %, not 14 %"})
    assert done.status_code == 303
    assert store.post(b.id).post.state == "cancelled"
    last = store.events(b.id)[-1]
    assert last.detail == "rejected: Wrong figure: 40 %, not 14 %" and last.actor.endswith("(desk)")
    from publisher.cli.app import cli

    CliRunner().invoke(cli, ["-f", str(team.config_file), "plan", "--now", "2026-03-02T07:00"], catch_exceptions=False)
    assert store.post(b.id).post.state == "cancelled"  # a replan keeps the person's decision


def test_reschedule_and_cancel(client: TestClient) -> None:
    store = store_of(client)
    m = first(client, "mastodon")
    post(client, f"/post/{m.id}/approve", {})
    past = post(client, f"/post/{m.id}/reschedule", {"when": "2026-03-01T09:00"})
    assert past.status_code == 422 and "expected a moment in the future" in past.text
    bad = post(client, f"/post/{m.id}/reschedule", {"when": "tomorrow"})
    assert bad.status_code == 422
    moved = post(client, f"/post/{m.id}/reschedule", {"when": "2026-03-05T10:30", "why": "after the board"})
    assert moved.status_code == 303
    after = store.post(m.id).post
    assert after.scheduled_at == dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC) and after.state == "approved"
    assert post(client, f"/post/{m.id}/cancel", {"why": "event postponed"}).status_code == 303
    assert store.post(m.id).post.state == "cancelled"
    assert store.events(m.id)[-1].detail == "cancelled: event postponed"


def test_pause_and_resume_with_a_backlog_sends_nothing_late(app: Any, client: TestClient) -> None:
    store = store_of(client)
    post(client, "/approve", {"piece": "articles/alpha"})
    post(client, "/approve", {"piece": "articles/beta"})
    paused = post(client, "/pause", {"reason": "breaking news", "channel": ""}, page="/pause")
    assert paused.status_code == 303
    assert [p.reason for p in store.active_pauses(NOW)] == ["breaking news"]
    app.state.now["at"] = NOW + dt.timedelta(days=1, hours=3)  # the pause lasted a day
    later = app.state.now["at"]
    due_before = [r.post for r in store.records(states=["approved"], end=later)]
    assert due_before
    outlook = client.get("/pause").text
    assert "If you resume now" in outlook and f"{len(due_before)} late post(s)" in outlook
    resumed = post(client, "/resume", {}, page="/pause")
    assert resumed.status_code == 200
    assert "Sending is back on" in resumed.text and "Next to go out" in resumed.text
    assert not store.active_pauses(later)
    for p in due_before:
        now = store.post(p.id).post
        assert now.state == "approved" and now.scheduled_at > later, (p, now)
        assert "missed its moment" in store.events(p.id)[-1].detail
    assert sum(store.due_count(later).values()) == 0  # nothing to flush


def test_a_paused_channel_only(client: TestClient) -> None:
    assert post(client, "/pause", {"reason": "x account hacked", "channel": "x", "until": "2026-03-09T18:00"},
                page="/pause").status_code == 303
    pauses = store_of(client).active_pauses(NOW)
    assert [(p.channel, p.until) for p in pauses] == [("x", dt.datetime(2026, 3, 9, 17, 0, tzinfo=dt.UTC))]
    assert post(client, "/pause", {"reason": "y", "until": "2020-01-01T00:00"}, page="/pause").status_code == 422
    assert post(client, "/pause", {"reason": "y", "channel": "myspace"}, page="/pause").status_code == 400
    page = post(client, "/resume", {"channel": "x"}, page="/pause")
    assert "Lifted: paused: channel x" in page.text


def test_with_a_token_every_request_needs_it(team: ProjectDir) -> None:
    tokens = Tokens.parse(f"camille:{DESK_SECRET}")
    app = desk_app(team, tokens=tokens, host="0.0.0.0")
    with TestClient(app, base_url="http://desk.internal:8765") as c:
        assert c.get("/queue", follow_redirects=False).headers["location"] == "/login"
        assert c.post("/approve", data={}, headers={"origin": "http://desk.internal:8765"}).status_code == 403
        login = c.get("/login")
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', login.text).group(1)  # type: ignore[union-attr]
        wrong = c.post("/login", data={"csrf": token, "token": "guess"}, headers={"origin": "http://desk.internal:8765"})
        assert wrong.status_code == 403
        ok = c.post("/login", data={"csrf": token, "token": DESK_SECRET}, headers={"origin": "http://desk.internal:8765"},
                    follow_redirects=False)
        assert ok.status_code == 303 and DESK_SECRET not in ok.headers["set-cookie"]
        page = c.get("/queue")
        assert page.status_code == 200 and "camille (desk)" in page.text and DESK_SECRET not in page.text
        pid = next(r.post.id for r in app.state.desk.store.records(states=["proposed"]))
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
        c.post(f"/post/{pid}/approve", data={"csrf": csrf}, headers={"origin": "http://desk.internal:8765"})
        assert app.state.desk.store.events(pid)[-1].actor == "camille (desk)"
    with TestClient(app, base_url="http://desk.internal:8765") as bearer:
        assert bearer.get("/health", headers={"authorization": f"Bearer {DESK_SECRET}"}).status_code == 200
        assert bearer.get("/health", headers={"authorization": "Bearer nope"}, follow_redirects=False).status_code == 303
    app.state.desk.store.close()


def test_a_bind_other_machines_can_reach_needs_a_token(team: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    assert loopback_only("127.0.0.1") and loopback_only("::1") and loopback_only("localhost")
    assert not loopback_only("0.0.0.0") and not loopback_only("192.168.1.10")
    with pytest.raises(DeskRefused, match="PUBLISHER_DESK_TOKEN"):
        check_bind("0.0.0.0", Tokens({}))
    check_bind("0.0.0.0", Tokens.parse(f"camille:{DESK_SECRET}"))
    with pytest.raises(DeskRefused, match="at least 16 characters"):
        Tokens.parse("camille:short")
    from publisher.cli.app import cli

    refused = CliRunner().invoke(cli, ["-f", str(team.config_file), "desk", "--host", "0.0.0.0"])
    assert refused.exit_code == 1 and "PUBLISHER_DESK_TOKEN" in refused.output and "Traceback" not in refused.output
    monkeypatch.setenv("PUBLISHER_DESK_TOKEN", "camille:short")
    bad = CliRunner().invoke(cli, ["-f", str(team.config_file), "desk", "--host", "0.0.0.0"])
    assert bad.exit_code == 1 and "at least 16 characters" in bad.output


@pytest.mark.postgres
def test_the_desk_over_postgresql(team: ProjectDir, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from publisher.config import load_settings
    from publisher.desk.app import make_app
    from publisher.store import open_store

    settings = load_settings(team.config_file)
    local = open_store(settings.store_url)
    plan = [r.post for r in local.records()]
    local.close()
    store = open_store(pg_url)
    from publisher.posts.model import PlannedPost

    store.apply_plan([PlannedPost(p.key, p.piece, p.channel, p.network, p.role, p.excerpt_id, p.excerpt_kind, p.text,
                                  p.link, p.scheduled_at, p.lang, card=p.card) for p in plan], NOW)
    app = make_app(settings, store, clock=lambda: NOW)
    with TestClient(app, base_url=ORIGIN) as c:
        assert c.get("/queue").status_code == 200 and c.get("/calendar?start=2026-03-02").status_code == 200
        pid = next(r.post.id for r in store.records(states=["proposed"]))
        assert post(c, f"/post/{pid}/approve", {}).status_code == 303
        assert store.post(pid).post.state == "approved"
    store.close()


def test_publisher_desk_serves_the_project_on_loopback(team: ProjectDir) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    import httpx

    command = [str(Path(sys.executable).parent / "publisher"), "-f", str(team.config_file), "desk", "--port", "0"]
    env = {k: v for k, v in os.environ.items() if k != "PUBLISHER_DESK_TOKEN"}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        url = f"http://127.0.0.1:{found.group(1)}"
        for _ in range(200):
            try:
                page = httpx.get(f"{url}/queue", timeout=5)
                break
            except httpx.TransportError:
                import time

                time.sleep(0.1)
        assert page.status_code == 200 and "Alpha launch" in page.text
        refused = httpx.post(f"{url}/pause", data={"reason": "x"}, headers={"origin": url})
        assert refused.status_code == 403  # no CSRF token
    finally:
        proc.terminate()
        proc.wait(timeout=20)
