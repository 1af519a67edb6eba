"""Late posts (publisher.social.late): a post later than the grace window is never sent with the rest,
whatever left it behind (a pause, an outage, a missed cron): re-slotted on the calendar or back to review."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from conftest import ProjectDir
from stores import planned_post

import publisher.cli.commands  # registers every command
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.sending.channels.outbox import OutboxChannel, read_outbox
from publisher.sending.dispatcher import Dispatcher
from publisher.social.late import LatePolicy, fresh_after, late_moves, late_policy_from
from publisher.store import Store, open_store

PARIS = ZoneInfo("Europe/Paris")
MON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)  # Monday 13:00 in Paris
SLOTS = ((dt.time(9, 10), dt.time(12, 30), dt.time(17, 15)),) * 5 + ((), ())
POLICY = LatePolicy(grace=dt.timedelta(hours=2), action="reslot", zone=PARIS, slots=SLOTS, cap_per_day=3)


def outbox(tmp_path: Path, name: str = "x") -> OutboxChannel:
    return OutboxChannel(name, folder=tmp_path / "outbox", network=name)


def test_fresh_after_a_rehearsal_counts_from_the_real_clock() -> None:
    real = MON
    assert fresh_after(real, real, POLICY) == real - dt.timedelta(hours=2)
    # run --now +7d: what falls due in the rehearsed week is on time in it
    assert fresh_after(real + dt.timedelta(days=7), real, POLICY) == real - dt.timedelta(hours=2)
    # replaying a past evening (run --now 2026-02-01T20:00): as if a worker had run all along, nothing is late
    assert fresh_after(real - dt.timedelta(days=30), real, POLICY) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def test_reslot_takes_the_next_free_slots_in_the_order_of_the_missed_moments() -> None:
    posts = [planned_post(n, "x", at=MON - dt.timedelta(hours=30 - n)) for n in range(4)]
    from publisher.posts.model import QueuedPost

    queued = [(QueuedPost(i + 1, p.key, p.piece, p.channel, p.network, p.text, p.link, p.scheduled_at, "en",
                          "approved"), None) for i, p in enumerate(posts)]
    taken = {"x": [dt.datetime(2026, 3, 2, 16, 15, tzinfo=dt.UTC)]}  # Monday 17:15 Paris is taken
    moves = late_moves(queued, lambda ch: taken[ch], MON, POLICY)
    assert [m.to.astimezone(PARIS).strftime("%a %H:%M") for m in moves if m.to] == [
        "Tue 09:10", "Tue 12:30", "Tue 17:15", "Wed 09:10"]
    assert moves[0].detail \
        == "missed its moment (2026-03-01 07:00 CET) by 30 h: moved to the next free slot, 2026-03-03 09:10 CET"
    review = late_moves(queued, lambda ch: [], MON, LatePolicy(action="review", zone=PARIS))
    assert all(m.to is None and m.detail.endswith("back to review, never sent late") for m in review)


@pytest.mark.parametrize("action", ["reslot", "review"])
def test_the_dispatcher_never_flushes_a_backlog(any_store: Store, tmp_path: Path, action: str) -> None:
    policy = LatePolicy(grace=dt.timedelta(hours=2), action=action, zone=PARIS, slots=SLOTS)
    late = [planned_post(n, "x", at=MON - dt.timedelta(hours=5, minutes=n), state="approved") for n in range(6)]
    fresh = planned_post(10, "x", at=MON - dt.timedelta(minutes=20), state="approved")
    any_store.apply_plan([*late, fresh], MON)
    channel = outbox(tmp_path)
    report = Dispatcher(any_store, {"x": channel}, clock=lambda: MON, real_clock=lambda: MON, late=policy).run_once()
    assert report.counts["published"] == 1
    assert [line["key"] for line in read_outbox(channel.path)] == [fresh.key]
    assert len(report.late) == 6 and all("missed its moment" in line for line in report.late)
    after = {r.post.key: r.post for r in any_store.records()}
    for p in late:
        moved = after[p.key]
        if action == "reslot":
            assert moved.state == "approved" and moved.scheduled_at > MON
        else:
            assert moved.state == "proposed" and moved.scheduled_at == p.scheduled_at
    assert len({after[p.key].scheduled_at for p in late}) == 6  # one slot each, never the same minute
    # the next pass has nothing late and nothing due
    again = Dispatcher(any_store, {"x": channel}, clock=lambda: MON, real_clock=lambda: MON, late=policy).run_once()
    assert not again.late and again.attempts == 0


def test_a_late_post_is_never_claimed_even_before_it_is_moved(any_store: Store) -> None:
    any_store.apply_plan([planned_post(1, "x", at=MON - dt.timedelta(hours=3), state="approved")], MON)
    claim = any_store.claim_next("x", MON, "w", fresh=MON - dt.timedelta(hours=2))
    assert claim.post is None
    assert any_store.claim_next("x", MON, "w").post is not None  # without a window (tests, tools): due


def test_a_paused_channel_keeps_its_backlog_until_resumed(sqlite_store: Store, tmp_path: Path) -> None:
    sqlite_store.apply_plan([planned_post(1, "x", at=MON - dt.timedelta(hours=3), state="approved"),
                             planned_post(2, "mastodon", at=MON - dt.timedelta(hours=3), state="approved")], MON)
    sqlite_store.pause(MON - dt.timedelta(hours=4), channel="x", reason="crisis")
    report = Dispatcher(sqlite_store, {"x": outbox(tmp_path), "mastodon": outbox(tmp_path, "mastodon")},
                        clock=lambda: MON, real_clock=lambda: MON, late=POLICY).run_once()
    assert [line.split(" (")[0] for line in report.late] == ["post 2"]  # mastodon's moved; x's waits for resume
    assert sqlite_store.post(1).post.scheduled_at == MON - dt.timedelta(hours=3)


@pytest.fixture
def team(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> ProjectDir:
    for name in ("X_API_KEY", "MASTODON_ACCESS_TOKEN", "MASTODON_BASE_URL", "PUBLISHER_STORE"):
        monkeypatch.delenv(name, raising=False)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    project.config("""
        timezone: Europe/Paris
        channels: {x: {}, mastodon: {}}
        rules: {follow_ups: [1, 3], evergreen: {enabled: false}}
    """)
    project.piece("articles/alpha.md", f"""
        title: Alpha launch
        date: {today}
        summary: What the alpha launch means for a mid-size company.
    """)
    return project


def publisher(project: ProjectDir, *args: str) -> str:
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_readme_rehearsal_still_sends_the_coming_week(team: ProjectDir) -> None:
    publisher(team, "plan")
    publisher(team, "approve", "--all")
    ran = publisher(team, "run", "--now", "+7d")
    assert "late:" not in ran and "Sent " in ran
    store = open_store(load_settings(team.config_file).store_url)
    week = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    assert not store.records(states=["approved"], end=week - dt.timedelta(minutes=5))
    store.close()


def test_resume_moves_the_backlog_and_says_what_goes_out_next(team: ProjectDir) -> None:
    store = open_store(load_settings(team.config_file).store_url)
    now = dt.datetime.now(dt.UTC)
    store.apply_plan([planned_post(n, "x", at=now - dt.timedelta(hours=6 - n), state="approved") for n in range(3)]
                     + [planned_post(9, "x", at=now + dt.timedelta(hours=30), state="approved")], now)
    publisher(team, "pause", "--reason", "crisis")
    status = json.loads(publisher(team, "status", "--json"))
    assert len(status["late"]) == 3 and status["due_now"] == 0  # late posts are not due: they will not go
    said = publisher(team, "resume")
    assert "3 posts more than 120 min late were moved to the next free slot, not sent late" in said
    assert said.count("missed its moment") == 3 and "Next to go out:" in said
    assert all(r.post.scheduled_at > now for r in store.records(states=["approved"]))
    ran = publisher(team, "run")
    assert "Sent" not in ran
    team.config("""
        timezone: Europe/Paris
        channels: {x: {}, mastodon: {}}
        late_posts: {then: review, grace_minutes: 0}
    """)
    store.apply_plan([planned_post(20, "mastodon", at=now - dt.timedelta(minutes=5), state="approved")], now)
    assert "was sent back to review" in publisher(team, "resume")
    assert store.records(channel="mastodon")[0].post.state == "proposed"
    store.close()


def test_late_posts_settings_are_validated(team: ProjectDir) -> None:
    team.config("""
        channels: {x: {}}
        late_posts: {then: flush, grace_minutes: -5}
    """)
    result = CliRunner().invoke(cli, ["-f", str(team.config_file), "status"])
    assert result.exit_code == 1
    assert "late_posts.then" in result.output and "'flush'" in result.output
    assert "late_posts.grace_minutes" in result.output


def test_reslot_uses_each_channels_own_hours(team: ProjectDir) -> None:
    team.config("""
        timezone: Europe/Paris
        channels: {x: {}, linkedin: {shift_minutes: -40}}
    """)
    policy = late_policy_from(load_settings(team.config_file))
    assert dt.time(8, 30) in policy.hours["linkedin"][0][0] and "x" not in policy.hours
    from publisher.posts.model import QueuedPost

    late = [(QueuedPost(n, f"a:{ch}:launch", "a", ch, ch, "t", "", MON - dt.timedelta(hours=5), "en", "approved"), None)
            for n, ch in enumerate(("x", "linkedin"), start=1)]
    moves = late_moves(late, lambda ch: [], MON, policy)
    assert [m.to.astimezone(PARIS).strftime("%a %H:%M") for m in moves if m.to] == ["Mon 17:15", "Mon 16:35"]
