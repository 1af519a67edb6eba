"""`publisher run` fails loudly (exit 4 or 5) when a post failed or a channel is down; the worker logs the same."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ProjectDir
from doubles import MastodonDouble, environment

import publisher.cli.commands  # registers every command
from publisher.cli.app import cli
from publisher.cli.run_verdict import EXIT_CHANNEL_DOWN, EXIT_POSTS
from publisher.secrets import SECRET_VARIABLES

PLAN_AT = "2026-03-02T07:00"
EVENING = "2026-03-02T20:00"
PUBLISHER = str(Path(sys.executable).parent / "publisher")


@pytest.fixture
def team(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> ProjectDir:
    for name in (*SECRET_VARIABLES, "X_BASE_URL", "MASTODON_BASE_URL", "BLUESKY_HANDLE", "LINKEDIN_AUTHOR_URN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PUBLISHER_STORE", raising=False)
    project.config("""
        timezone: Europe/Paris
        channels: {x: {}, mastodon: {}}
        rules: {follow_ups: [], evergreen: {enabled: false}}
    """)
    project.piece("articles/alpha.md", """
        title: Alpha launch
        date: 2026-03-02
        summary: What the alpha launch means for a mid-size company.
        takeaways:
          - Know where your data lives.
    """)
    return project


@pytest.fixture
def mastodon(monkeypatch: pytest.MonkeyPatch) -> Iterator[MastodonDouble]:
    double = MastodonDouble().start()
    for name, value in environment(double).items():
        monkeypatch.setenv(name, value)
    yield double
    double.stop()


def publisher(project: ProjectDir, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args])
    assert "Traceback" not in result.output, result.output
    return result


def planned(project: ProjectDir) -> None:
    assert publisher(project, "plan", "--now", PLAN_AT).exit_code == 0
    assert publisher(project, "approve", "--all").exit_code == 0


def test_a_run_to_the_outbox_exits_0(team: ProjectDir) -> None:
    planned(team)
    ran = publisher(team, "run", "--now", EVENING)
    assert ran.exit_code == 0, ran.output
    assert "alarm" not in ran.output


def test_half_set_credentials_hold_a_channel_and_exit_5(team: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    planned(team)
    monkeypatch.setenv("X_API_KEY", "only-one-of-four")
    ran = publisher(team, "run", "--now", EVENING)
    assert ran.exit_code == EXIT_CHANNEL_DOWN, ran.output
    assert "channel down: x: held" in ran.output and "only-one-of-four" not in ran.output
    assert "Exit code 5: a channel is down" in ran.output
    # --channel mastodon does not serve x: nothing down there
    assert publisher(team, "run", "--now", EVENING, "--channel", "mastodon").exit_code == 0


def test_a_channel_switched_off_in_mkdocs_yml_is_no_alarm(team: ProjectDir) -> None:
    team.config("""
        timezone: Europe/Paris
        channels: {x: {enabled: false}, mastodon: {}}
        rules: {follow_ups: [], evergreen: {enabled: false}}
    """)
    planned(team)
    assert publisher(team, "run", "--now", EVENING).exit_code == 0


def test_an_expired_token_disables_the_channel_and_exits_5_until_resumed(team: ProjectDir,
                                                                       mastodon: MastodonDouble) -> None:
    planned(team)
    mastodon.fail("expired_token", on="any", times=10)
    ran = publisher(team, "run", "--now", EVENING, "--channel", "mastodon")
    assert ran.exit_code == EXIT_CHANNEL_DOWN, ran.output
    assert "channel down: mastodon: disabled" in ran.output and "publisher resume --channel mastodon" in ran.output
    again = publisher(team, "run", "--now", EVENING, "--channel", "mastodon")
    assert again.exit_code == EXIT_CHANNEL_DOWN  # still down: cron keeps failing until a person acts
    assert publisher(team, "resume", "--channel", "mastodon").exit_code == 0
    mastodon.faults.clear()
    assert publisher(team, "run", "--now", EVENING, "--channel", "mastodon").exit_code == 0


def test_a_post_left_unconfirmed_exits_4_and_names_it(team: ProjectDir, mastodon: MastodonDouble) -> None:
    planned(team)
    mastodon.fail("drop")  # the post is created, the answer never comes
    ran = publisher(team, "run", "--now", EVENING, "--channel", "mastodon")
    assert ran.exit_code == EXIT_POSTS, ran.output
    assert "unconfirmed: post" in ran.output and "publisher confirm" in ran.output
    assert "Exit code 4" in ran.output


def test_a_server_error_is_retried_without_an_alarm(team: ProjectDir, mastodon: MastodonDouble) -> None:
    planned(team)
    mastodon.fail("server_error", times=100)
    ran = publisher(team, "run", "--now", EVENING, "--channel", "mastodon")
    assert ran.exit_code == 0, ran.output
    assert "to retry" in ran.output


def test_the_worker_logs_the_alarm_once(team: ProjectDir) -> None:
    planned(team)
    env = {**os.environ, "X_API_KEY": "only-one-of-four"}
    proc = subprocess.Popen([PUBLISHER, "-f", str(team.config_file), "worker", "--poll", "0.2", "--now", EVENING],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    reader.start()
    deadline = time.monotonic() + 90  # start-up is slow on a loaded machine
    while not any("alarm:" in line for line in lines) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    time.sleep(2)  # ten more passes of 0.2 s
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    reader.join(timeout=10)
    out = "".join(lines)
    assert out.count("alarm: channel down: x: held") == 1 and "Worker stopped." in out, out
