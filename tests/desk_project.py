"""A project for the desk's tests: four channels, three pieces (one with a hostile title), planned."""

from __future__ import annotations

import datetime as dt
from typing import Any

from click.testing import CliRunner
from conftest import ProjectDir

PLAN_AT = "2026-03-02T07:00"
NOW = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
ORIGIN = "http://127.0.0.1"


def make_project(project: ProjectDir) -> ProjectDir:
    project.config("""
        timezone: Europe/Paris
        channels: {x: {}, mastodon: {}, bluesky: {}, linkedin: {}}
        rules: {follow_ups: [2], evergreen: {enabled: false}}
    """)
    project.piece("articles/alpha.md", """
        title: Alpha launch (twice as fast)
        date: 2026-03-02
        summary: What the alpha launch means (for a mid-size company), in plain words.
        tags: [cloud]
        takeaways:
          - Know where your data lives (and who holds the keys).
          - Contracts matter as much as code (read them twice).
    """)
    project.piece("articles/hostile.md", f"""
        title: '{HOSTILE}'
        date: 2026-03-02
        summary: A feed entry whose title carries markup.
    """)
    project.piece("articles/beta.md", """
        title: Beta results
        date: 2026-03-02
        summary: The beta results, piece by piece, for the board.
    """)
    from publisher.cli.app import cli

    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "plan", "--now", PLAN_AT],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project


def desk_app(project: ProjectDir, *, clock: Any = None, **more: Any) -> Any:
    from publisher.config import load_settings
    from publisher.desk.app import make_app
    from publisher.store import open_store

    settings = load_settings(project.config_file)
    store = open_store(settings.store_url)
    now = {"at": NOW}
    clock = clock or (lambda: now["at"])
    # the desk lives at NOW: its real clock too (a clock behind the real one would be a replay, where nothing is late)
    app = make_app(settings, store, clock=clock, real_clock=more.pop("real_clock", clock), **more)
    app.state.now = now
    return app
