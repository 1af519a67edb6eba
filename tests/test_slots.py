"""`publisher slots --suggest`: slots learnt from real published posts and their snapshots, with the
evidence, printed as YAML that the configuration schema accepts."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from click.testing import CliRunner
from conftest import ProjectDir
from report_data import planned, publish, snap

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)
from publisher.config import load_settings
from publisher.store import open_store

PARIS = ZoneInfo("Europe/Paris")


def at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=PARIS).astimezone(dt.UTC)


def test_slots_suggested_from_engagement_with_evidence(project: ProjectDir, tmp_path: Path) -> None:
    project.config(textwrap.dedent("""
        timezone: Europe/Paris
        channels: {x: {}, mastodon: {}}
        calendar:
          slots: {mon: ['09:10', '12:30', '17:15'], tue: ['09:10', '12:30', '17:15']}
    """).strip())
    store = open_store(load_settings(project.config_file).store_url)
    posts = []
    mondays = [dt.date(2026, 9, 7) + dt.timedelta(weeks=w) for w in range(6)]
    for w, monday in enumerate(mondays):
        for hhmm in ("09:10", "12:30", "17:15", "20:05"):
            posts.append(planned(len(posts), f"articles/p{w}", "x", f"e{len(posts)}", "quote", at(monday, hhmm)))
    ids = publish(store, posts, tmp_path / "outbox", at(mondays[-1], "21:00"))
    likes = {"09:10": 2, "12:30": 30, "17:15": 4, "20:05": 25}  # lunch and evening do best on X
    for post in posts:
        hhmm = post.scheduled_at.astimezone(PARIS).strftime("%H:%M")
        snap(store, ids[post.key], "x", post.scheduled_at + dt.timedelta(hours=6), likes=likes[hhmm], reposts=1)
    store.close()
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "slots", "--suggest", "--per-day", "2",
                                      "--now", "2026-10-20T08:00"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Posting hours now" in out and "24 measured posts" in out
    assert "12:30: 6 posts, 31.0;" in out and "26.0" in out  # the evidence
    assert "kept: fewer than 3 measured" in out  # Tuesday: no history, slots kept
    assert "mastodon: no measured posts since 2026-07-22" in out  # nothing learnt, nothing suggested
    pasted = out[out.index("channels:"):]
    block = yaml.safe_load(pasted)
    assert block == {"channels": {"x": {"slots": {"mon": ["12:30", "20:05"], "tue": ["09:10", "12:30", "17:15"],
                                                  "wed": ["09:10", "12:30", "17:15"],
                                                  "thu": ["09:10", "12:30", "17:15"], "fri": ["09:10", "12:30"]}}}}
    # Pasted into mkdocs.yml, the schema takes it: X's Mondays now post at 12:30 and 20:05.
    project.config(textwrap.dedent("""
        timezone: Europe/Paris
        calendar:
          slots: {mon: ['09:10', '12:30', '17:15'], tue: ['09:10', '12:30', '17:15']}
    """).strip() + "\n" + textwrap.dedent(pasted).strip())
    settings = load_settings(project.config_file)
    assert [str(t) for t in settings.plugin.channels["x"].slots["mon"]] == ["12:30:00", "20:05:00"]


def test_slots_without_suggest_shows_each_channels_hours(project: ProjectDir) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}, linkedin: {shift_minutes: -40}}")
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "slots"])
    assert result.exit_code == 0, result.output
    assert "  x (Europe/Paris): Mon 09:10 12:30 17:15; " in result.output
    assert "  linkedin (Europe/Paris): Mon 08:30 11:50 16:35; " in result.output
    assert "Fri 08:30 11:50\n" in result.output
