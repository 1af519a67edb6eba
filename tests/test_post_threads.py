"""Threads of posts (issue 17, item 7), end to end: a piece's takeaways planned as a thread, sent
through the real client libraries to the network doubles as a chain of replies (X, Mastodon,
Bluesky) and as a post with its link in the first comment (LinkedIn), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ProjectDir
from doubles import BlueskyDouble, Double, LinkedInDouble, MastodonDouble, XDouble, environment

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.content import load_library
from publisher.networks.counting import fits, measure
from publisher.posts.model import Plan
from publisher.sending.channels.registry import build_channels
from publisher.sending.dispatcher import Dispatcher
from publisher.social.planner import make_plan, rules_from
from publisher.store import Store

PUBLISHED = dt.datetime(2026, 11, 16, 8, 0, tzinfo=dt.UTC)  # a Monday
PLAN_AT = dt.datetime(2026, 11, 16, 7, 0, tzinfo=dt.UTC)
RUN_AT = dt.datetime(2026, 11, 16, 18, 0, tzinfo=dt.UTC)
TAKEAWAYS = ["Sovereign hosting halves the legal exposure of customer data.",
             "Reversibility clauses cost nothing to write and a fortune to miss.",
             "Start with the data your customers would ask about first."]



def threaded_project(project: ProjectDir, thread: str = "{link: last, linkedin_comment: true}",
                     channels: str = "{x: {}, mastodon: {}, bluesky: {}, linkedin: {}}") -> ProjectDir:
    project.config(f"""
        timezone: Europe/Paris
        channels: {channels}
        rules: {{follow_ups: [], evergreen: {{enabled: false}}, stagger_minutes: 30}}
        hashtags: {{from_tags: true}}
        types:
          article: {{folder: articles, thread: {thread}}}
    """)
    project.piece("articles/sovereign-hosting.md", f"""
        title: What sovereign hosting changes for a mid-size company
        date: {PUBLISHED.date().isoformat()}
        summary: A practical look at sovereign hosting, its costs and its clauses.
        tags: [cloud, sovereignty]
        takeaways:
          - {TAKEAWAYS[0]}
          - {TAKEAWAYS[1]}
          - {TAKEAWAYS[2]}
    """)
    return project


def plan_of(project: ProjectDir) -> Plan:
    settings = load_settings(project.config_file)
    library = load_library(settings)
    return make_plan(library.visible(PLAN_AT), rules_from(settings, library), PLAN_AT, parallel=False)


def dispatcher(project: ProjectDir, store: Store, **more: Any) -> Dispatcher:
    built = build_channels(load_settings(project.config_file))
    assert not built.outbox, built.notices
    return Dispatcher(store, built.active, clock=lambda: RUN_AT, **more)


def test_a_piece_goes_out_as_a_reply_chain_and_a_first_comment(tmp_path: Any, any_store: Store,
                                                                doubles: dict[str, Double]) -> None:
    project = threaded_project(ProjectDir(tmp_path))
    plan = plan_of(project)
    by_channel: dict[str, list[Any]] = {}
    for post in plan.posts:
        by_channel.setdefault(post.channel, []).append(post)
    for name in ("x", "mastodon", "bluesky"):
        parts = by_channel[name]
        assert [p.text.split(" ", 1)[0] for p in parts] == ["1/4", "2/4", "3/4", "4/4"], [p.text for p in parts]
        assert len({p.scheduled_at for p in parts}) == 1  # one slot: the launch's
        assert "What sovereign hosting changes" in parts[0].text and "#" in parts[0].text
        assert all("#" not in p.text for p in parts[1:]) and all(t in parts[k + 1].text for k, t in enumerate(TAKEAWAYS))
        assert [bool(p.link) for p in parts] == [False, False, False, True]  # the link on the last part
        for p in parts:
            assert fits(p.network, measure(p.network, p.text), p.limit, len(p.text.encode())), p.text
    assert len(by_channel["linkedin"]) == 2 and by_channel["linkedin"][0].card is None
    assert by_channel["linkedin"][1].text.startswith("Read more: https://test.example.org/")
    assert {(t.part, t.parts) for t in plan.threads if t.head.endswith(":x:launch")} == {(k, 4) for k in range(1, 5)}

    any_store.apply_plan(plan, PLAN_AT)
    assert any_store.approve(PLAN_AT, ids=[any_store.records(channel="x")[0].post.id]).approved  # the whole thread
    assert {r.post.state for r in any_store.records(channel="x")} == {"approved"}
    any_store.approve(PLAN_AT, everything=True)
    run = dispatcher(project, any_store)
    report = run.run_once()
    run.close()
    assert report.counts["published"] == 14, report

    x: XDouble = doubles["x"]  # type: ignore[assignment]
    stored = [r.post for r in any_store.records(channel="x")]
    assert x.sent_texts() == [p.text for p in stored]
    assert x.replied_to() == [None, *[p.remote_id for p in stored[:-1]]]  # each part answers the one before

    mastodon: MastodonDouble = doubles["mastodon"]  # type: ignore[assignment]
    stored = [r.post for r in any_store.records(channel="mastodon")]
    assert mastodon.replied_to() == [None, *[p.remote_id for p in stored[:-1]]]
    assert [t.split(" ", 1)[0] for t in mastodon.sent_texts()] == ["1/4", "2/4", "3/4", "4/4"]

    # The replies as X's OpenAPI spec writes TweetCreateRequest (reply.in_reply_to_tweet_id, a TweetId).
    from test_doubles_spec import X_SPECS, x_errors, x_operation, x_spec
    for spec_name in X_SPECS:
        spec = x_spec(spec_name)
        body = x_operation(spec, "/2/tweets", "post")["requestBody"]["content"]["application/json"]["schema"]
        sent = [q.json for q in x.requests if q.method == "POST" and q.path == "/2/tweets"]
        assert len(sent) == 4 and [x_errors(spec, body, b) for b in sent] == [[]] * 4

    bluesky: BlueskyDouble = doubles["bluesky"]  # type: ignore[assignment]
    records = bluesky.posted()
    from conftest import corpus
    from doubles.lexicon import Lexicons
    lexicons = Lexicons(corpus("social-apis", "bluesky", "lexicons"))
    assert [lexicons.errors(r, "app.bsky.feed.post", "record") for r in records] == [[]] * 4  # replyRef too
    stored = [r.post for r in any_store.records(channel="bluesky")]
    assert "reply" not in records[0]
    for k in range(1, 4):
        reply = records[k]["reply"]
        assert reply["root"]["uri"] == stored[0].remote_id and reply["parent"]["uri"] == stored[k - 1].remote_id
    assert [f["features"][0]["uri"] for f in records[3].get("facets", []) if "uri" in f["features"][0]] == [
        stored[3].link]  # the last part's link facet carries the UTM link

    linkedin: LinkedInDouble = doubles["linkedin"]  # type: ignore[assignment]
    share, comment = (r.post for r in any_store.records(channel="linkedin"))
    assert "content" not in linkedin.sent()[0]  # no article: the link is in the comment
    assert [c["object"] for c in linkedin.comments] == [share.remote_id]
    assert linkedin.comments[0]["message"]["text"] == comment.text and comment.remote_id == linkedin.comments[0]["$URN"]


def test_a_failed_part_fails_the_rest_of_its_thread_without_sending_it(tmp_path: Any, any_store: Store,
                                                                        doubles: dict[str, Double]) -> None:
    project = threaded_project(ProjectDir(tmp_path))
    plan = plan_of(project)
    any_store.apply_plan(Plan(tuple(p for p in plan.posts if p.channel == "x"), threads=plan.threads), PLAN_AT)
    any_store.approve(PLAN_AT, everything=True)
    x: XDouble = doubles["x"]  # type: ignore[assignment]
    x.tweets.append({"id": "1", "sent": plan.posts[0].text, "body": {}, "index": 0,  # X refuses it as a duplicate
                     "created_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC), "born": 0})
    run = dispatcher(project, any_store)
    report = run.run_once()
    run.close()
    states = [(r.post.part, r.post.state) for r in any_store.records(channel="x")]
    assert states == [(1, "failed"), (2, "failed"), (3, "failed"), (4, "failed")], report
    assert len(x.tweets) == 1  # nothing more was sent
    reason = any_store.records(channel="x")[2].last_error or ""
    assert "part 1/4 of its thread" in reason and "not sent alone" in reason


def test_cancelling_a_part_cancels_the_thread_and_a_stop_between_parts_resumes(
        tmp_path: Any, any_store: Store, doubles: dict[str, Double]) -> None:
    project = threaded_project(ProjectDir(tmp_path))
    plan = plan_of(project)
    any_store.apply_plan(plan, PLAN_AT)
    any_store.approve(PLAN_AT, everything=True)
    mastodon = [r.post for r in any_store.records(channel="mastodon")]
    cancelled, _ = any_store.set_aside([mastodon[2].id], PLAN_AT, detail="not this one", actor="lead")
    assert sorted(cancelled) == [p.id for p in mastodon]  # the thread is one unit

    # Stop the worker right after the first part went out: the next pass goes on from part 2.
    import threading
    stop = threading.Event()
    run = dispatcher(project, any_store, on_settled=lambda post, result: stop.set())
    run.run_once(stop)
    run.close()
    x: XDouble = doubles["x"]  # type: ignore[assignment]
    first = len(x.tweets)
    assert first >= 1 and first < 4
    run = dispatcher(project, any_store)
    run.run_once()
    run.close()
    stored = [r.post for r in any_store.records(channel="x")]
    assert len(x.tweets) == 4 and len(set(x.sent_texts())) == 4  # nothing sent twice
    assert x.replied_to() == [None, *[p.remote_id for p in stored[:-1]]]
    assert not doubles["mastodon"].statuses  # type: ignore[attr-defined]


def test_thread_settings_are_located(tmp_path: Any) -> None:
    project = threaded_project(ProjectDir(tmp_path), "{link: middle, max_parts: 1}")
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "check"])
    assert result.exit_code == 1
    assert "types.article.thread.link" in result.output and "'middle'" in result.output
    assert "types.article.thread.max_parts" in result.output
    project = threaded_project(ProjectDir(tmp_path))
    project.piece("articles/other.md", """
        title: Other
        date: 2026-11-10
        thread: sometimes
    """)
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "check"])
    assert result.exit_code == 1
    assert "articles/other.md" in result.output and "thread" in result.output and "'sometimes'" in result.output


def test_a_piece_says_no_thread_and_plans_without_threads_are_unchanged(tmp_path: Any) -> None:
    project = threaded_project(ProjectDir(tmp_path))
    with_thread = plan_of(project)
    text = (project.content / "articles/sovereign-hosting.md").read_text()
    project.write("content/articles/sovereign-hosting.md", text.replace("tags:", "thread: false\ntags:"))
    single = plan_of(project)
    assert not single.threads and len(single.posts) == 4 and len(with_thread.posts) == 14


def test_preview_and_queue_show_the_thread_part_by_part(tmp_path: Any, sqlite_store: Store) -> None:
    project = threaded_project(ProjectDir(tmp_path))
    shown = CliRunner().invoke(cli, ["-f", str(project.config_file), "preview", "sovereign-hosting",
                                     "--channel", "bluesky", "--channel", "linkedin",
                                     "--now", "2026-11-16T07:00"], catch_exceptions=False, terminal_width=200)
    assert shown.exit_code == 0, shown.output
    assert "Thread (link on the last part): 4 parts" in shown.output
    assert [m for m in ("1/4 title", "2/4 takeaway", "3/4 takeaway", "4/4 takeaway") if m in shown.output] == [
        "1/4 title", "2/4 takeaway", "3/4 takeaway", "4/4 takeaway"]
    assert "first comment" in shown.output and "the link in its first comment" in shown.output

    plan = plan_of(project)
    sqlite_store.apply_plan(plan, PLAN_AT)
    from publisher.cli.post_table import role_of
    from publisher.store import PostEdit

    x = [r.post for r in sqlite_store.records(channel="x")]
    assert [role_of(p) for p in x] == ["launch 1/4", "launch 2/4", "launch 3/4", "launch 4/4"]
    later = x[0].scheduled_at + dt.timedelta(hours=3)
    sqlite_store.apply_edits([PostEdit(x[0].id, "desk", scheduled_at=later)], PLAN_AT)
    assert {r.post.scheduled_at for r in sqlite_store.records(channel="x")} == {later}  # the thread moves as one
    # A replan keeps the thread as it is (same keys, same parts) and links nothing twice.
    counts = sqlite_store.apply_plan(plan_of(project), PLAN_AT)
    assert counts.added == 0 and counts.cancelled == 0
    assert [(r.post.part, r.post.parts, r.post.thread_id) for r in sqlite_store.records(channel="x")] == [
        (k, 4, x[0].id) for k in range(1, 5)]


def test_an_emptied_store_learns_every_part_and_the_first_comment(tmp_path: Any, doubles: dict[str, Double]) -> None:
    from test_lost_store import published, truncate

    project = threaded_project(ProjectDir(tmp_path))

    def plan_approve_run() -> str:
        for args in (["plan", "--now", "2026-11-16T07:00"], ["approve", "--all"], ["run", "--now", "2026-11-16T18:00"]):
            result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)
            assert result.exit_code == 0, result.output
        return result.output

    plan_approve_run()
    created = {name: len(double.received("create")) for name, double in doubles.items()}
    before = dict(published(project))
    assert created == {"x": 4, "mastodon": 4, "bluesky": 4, "linkedin": 2} and len(before) == 14
    truncate(project)
    again = plan_approve_run()
    assert {name: len(double.received("create")) for name, double in doubles.items()} == created, again
    assert dict(published(project)) == before  # each part, and the comment, with the network's own id


def test_the_desk_shows_a_thread_part_by_part(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from desk_project import desk_app
    from starlette.testclient import TestClient
    from test_desk import ORIGIN

    for name in ("X_API_KEY", "MASTODON_BASE_URL", "BLUESKY_HANDLE", "LINKEDIN_ACCESS_TOKEN", "PUBLISHER_STORE",
                 "PUBLISHER_DESK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    project = threaded_project(ProjectDir(tmp_path))
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "plan", "--now", "2026-11-16T07:00"])
    assert result.exit_code == 0, result.output
    app = desk_app(project)
    store = app.state.desk.store
    try:
        x = [r.post for r in store.records(channel="x")]
        linkedin = [r.post for r in store.records(channel="linkedin")]
        with TestClient(app, base_url=ORIGIN) as client:
            page = client.get(f"/post/{x[2].id}").text
            assert "part 3 of 4 of a thread" in page and "The whole thread on x (4 parts" in page
            assert all(f'href="/post/{p.id}">{p.part}/4</a>' in page for p in x)
            assert page.count('class="preview net-x"') == 5  # the post itself, then each of the 4 parts
            page = client.get(f"/post/{linkedin[0].id}").text
            assert "the post, then its first comment" in page and ">first comment</a>" in page
            queue = client.get("/queue?view=all").text
            assert "launch 2/4" in queue
    finally:
        store.close()


def test_a_thread_on_threads_answers_each_part(tmp_path: Any, sqlite_store: Store,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from doubles.threads import ThreadsDouble

    double = ThreadsDouble().start()
    try:
        for name, value in environment(double).items():
            monkeypatch.setenv(name, value)
        project = threaded_project(ProjectDir(tmp_path), channels="{threads: {}}")
        plan = plan_of(project)
        assert [p.text.split(" ", 1)[0] for p in plan.posts] == ["1/4", "2/4", "3/4", "4/4"]
        sqlite_store.apply_plan(plan, PLAN_AT)
        sqlite_store.approve(PLAN_AT, everything=True)
        run = dispatcher(project, sqlite_store)
        assert run.run_once().counts["published"] == 4
        run.close()
        stored = [r.post for r in sqlite_store.records(channel="threads")]
        assert [f.get("reply_to_id") for f in double.sent()] == [None, *[p.remote_id for p in stored[:-1]]]
    finally:
        double.stop()


def test_a_part_lost_in_a_timeout_is_found_not_resent_and_a_pause_holds_the_rest(
        tmp_path: Any, any_store: Store, doubles: dict[str, Double]) -> None:
    import threading

    project = threaded_project(ProjectDir(tmp_path), channels="{x: {timeout_seconds: 0.5}}")
    any_store.apply_plan(plan_of(project), PLAN_AT)
    any_store.approve(PLAN_AT, everything=True)
    x: XDouble = doubles["x"]  # type: ignore[assignment]
    stop = threading.Event()
    run = dispatcher(project, any_store, on_settled=lambda post, result: stop.set())
    run.run_once(stop)  # stopped after part 1 (the claim that records it may take part 2 with it)
    run.close()
    sent = len(x.tweets)
    assert 1 <= sent <= 2
    any_store.pause(RUN_AT, channel="x", reason="a crisis", actor="lead")
    run = dispatcher(project, any_store)
    report = run.run_once()
    assert len(x.tweets) == sent and "x" in report.held  # the rest of the thread waits for the channel
    any_store.resume(RUN_AT, channel="x")
    x.fail("timeout")  # the next part is created, but its answer never comes: unconfirmed, never resent blindly
    report = run.run_once()
    run.close()
    assert len(x.tweets) == sent + 1 and report.counts["unconfirmed"] == 1, report
    assert [r.post.state for r in any_store.records(channel="x")][sent + 1:] == ["approved"] * (3 - sent)
    run = dispatcher(project, any_store)  # the next pass finds that part among the account's posts, then goes on
    report = run.run_once()
    run.close()
    stored = [r.post for r in any_store.records(channel="x")]
    assert [p.state for p in stored] == ["published"] * 4, report
    assert len(x.tweets) == 4 and x.replied_to() == [None, *[p.remote_id for p in stored[:-1]]]


def test_the_desk_calendar_shows_a_thread_as_one_slot(tmp_path: Any, sqlite_store: Store) -> None:
    project = threaded_project(ProjectDir(tmp_path))
    sqlite_store.apply_plan(plan_of(project), PLAN_AT)
    rows = sqlite_store.calendar_rows(PLAN_AT, RUN_AT, ("proposed", "approved"))
    assert sorted((r.channel, r.parts) for r in rows) == [("bluesky", 4), ("linkedin", 2), ("mastodon", 4), ("x", 4)]


def test_a_piece_with_too_few_takeaways_launches_as_one_post_and_the_plan_says_why(tmp_path: Any) -> None:
    project = threaded_project(ProjectDir(tmp_path), "{enabled: false}")
    project.piece("articles/short.md", f"""
        title: A short note
        date: {PUBLISHED.date().isoformat()}
        thread: true
        takeaways:
          - Only one thing to say.
    """)
    plan = plan_of(project)
    assert {p.piece for p in plan.posts if p.key.rsplit(":", 1)[-1].startswith("launch#")} == set()
    assert any("articles/short.md: too few takeaways fit" in note for note in plan.notes), plan.notes
    assert not plan.threads  # sovereign-hosting's type turned threads off, and short.md has too few


def test_follow_ups_do_not_repeat_what_the_thread_said(tmp_path: Any) -> None:
    project = threaded_project(ProjectDir(tmp_path), channels="{x: {}, mastodon: {}}")
    text = project.config_file.read_text()
    project.write("mkdocs.yml", text.replace("follow_ups: []", "follow_ups: [3]"))
    plan = plan_of(project)
    threads = {t.key for t in plan.threads}
    follow_ups = [p for p in plan.posts if p.role == "follow-up-3"]
    assert len(follow_ups) == 2 and not {p.key for p in follow_ups} & threads
    said = {p.excerpt_id for p in plan.posts if p.key in threads}
    assert all(p.excerpt_id not in said for p in follow_ups), [p.text for p in follow_ups]
    assert {p.excerpt_kind for p in follow_ups} == {"summary"}  # the one thing the thread did not say


def test_the_link_can_open_the_thread_and_the_summary_can_be_its_hook(tmp_path: Any) -> None:
    project = threaded_project(ProjectDir(tmp_path), "{link: first, hook: summary, max_parts: 3}",
                               channels="{bluesky: {}}")
    parts = plan_of(project).posts
    assert [p.text.split(" ", 1)[0] for p in parts] == ["1/3", "2/3", "3/3"]  # max_parts keeps the first takeaways
    assert parts[0].text.startswith("1/3 A practical look at sovereign hosting")
    assert "Read more: test.example.org/articles/sovereign-hosting" in parts[0].text  # Bluesky shows the short form
    assert parts[0].link.endswith(f"utm_content={parts[0].excerpt_id}") and parts[0].card is not None
    assert [p.link for p in parts[1:]] == ["", ""] and all(p.card is None for p in parts[1:])


def test_a_takeaway_too_long_for_a_part_is_left_out_never_cut(tmp_path: Any) -> None:
    project = threaded_project(ProjectDir(tmp_path), channels="{x: {}, mastodon: {}}")
    long = "Sovereign hosting " + "really " * 45 + "matters."
    path = project.content / "articles/sovereign-hosting.md"
    path.write_text(path.read_text().replace(f"  - {TAKEAWAYS[2]}", f"  - {TAKEAWAYS[2]}\n  - {long}"))
    plan = plan_of(project)
    x = [p for p in plan.posts if p.channel == "x"]
    mastodon = [p for p in plan.posts if p.channel == "mastodon"]
    assert [p.text.split(" ", 1)[0] for p in x] == ["1/4", "2/4", "3/4", "4/4"] and all(long not in p.text for p in x)
    assert len(mastodon) == 5 and long in mastodon[4].text  # 500 characters on Mastodon: it fits there
    assert any(d.channel == "x" and "thread part too long for x" in d.reason for d in plan.dropped)
