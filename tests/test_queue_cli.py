"""The queue commands end to end through click, on a real project, a real SQLite file and the outbox."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ProjectDir

import publisher.cli.commands  # registers every command
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.secrets import SECRET_VARIABLES
from publisher.sending.channels.outbox import read_outbox
from publisher.store import Store, open_store

MY_COMMANDS = ("plan", "queue", "calendar", "approve", "run", "worker", "pause", "resume", "status", "confirm")
BEFORE = "2026-03-02T07:00"  # team zone (Europe/Paris)
EVENING = "2026-03-02T20:00"


@pytest.fixture
def team(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> ProjectDir:
    for name in (*SECRET_VARIABLES, "X_BASE_URL", "MASTODON_BASE_URL", "BLUESKY_HANDLE", "LINKEDIN_AUTHOR_URN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PUBLISHER_STORE", raising=False)
    project.config("""
        timezone: Europe/Paris
        channels: {x: {}, mastodon: {}}
        rules: {follow_ups: [3], evergreen: {enabled: false}}
    """)
    for slug, title in (("alpha", "Alpha launch"), ("beta", "Beta results")):
        project.piece(f"articles/{slug}.md", f"""
            title: {title}
            date: 2026-03-02
            summary: What {title} means for a mid-size company.
            tags: [cloud]
            takeaways:
              - Know where your data lives.
              - Contracts matter as much as code.
        """)
    return project


def publisher(project: ProjectDir, *args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def store_of(project: ProjectDir) -> Store:
    return open_store(load_settings(project.config_file).store_url)


@pytest.mark.parametrize("command", MY_COMMANDS)
def test_every_queue_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"publisher {command}" in result.output.split("Example:")[1]
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"`publisher {command}`" in readme


def test_the_main_job_on_a_fresh_project(team: ProjectDir) -> None:
    dry = publisher(team, "plan", "--dry-run", "--now", BEFORE)
    assert "Dry run: nothing stored." in dry.output
    assert not (team.root / ".publisher" / "publisher.db").exists()
    planned = publisher(team, "plan", "--now", BEFORE)
    assert "Stored: 8 new" in planned.output
    assert (team.root / ".publisher" / "publisher.db").is_file()
    ran = publisher(team, "run", "--now", EVENING)
    assert "Due now: 0; no approved post is scheduled." in ran.output
    assert "8 proposed posts await approval" in ran.output
    assert "x: no credentials (X_API_KEY" in ran.output and ".publisher/outbox/x.jsonl" in ran.output
    again = publisher(team, "plan", "--now", BEFORE)
    assert "0 new, 0 updated, 0 cancelled, 0 back in the plan, 8 unchanged" in " ".join(again.output.split())


def test_approve_run_and_the_outbox(team: ProjectDir) -> None:
    publisher(team, "plan", "--now", BEFORE)
    assert "Approved 8 posts." in publisher(team, "approve", "--all").output
    ran = publisher(team, "run", "--now", EVENING)
    assert "Sent 4 posts: 4 published." in ran.output
    lines = read_outbox(team.root / ".publisher" / "outbox" / "x.jsonl")
    assert {line["piece"] for line in lines} == {"alpha", "beta"}
    for line in lines:
        assert line["channel"] == "x" and line["link"].startswith("https://test.example.org/articles/")
        assert line["text"] and line["scheduled_at"].startswith("2026-03-02T")
    status = json.loads(publisher(team, "status", "--json", "--now", EVENING).output)
    assert status["totals"] == {"approved": 4, "outbox": 4}  # the outbox is no network: not "published"
    assert status["channels"]["x"]["sends_to"] == "outbox"
    assert status["next_post"]["scheduled_at"].startswith("2026-03-05")
    listed = json.loads(publisher(team, "queue", "--all", "--json").output)
    assert sorted(p["state"] for p in listed) == ["approved"] * 4 + ["published"] * 4


def test_queue_says_when_it_shows_only_the_first_posts_or_none(team: ProjectDir) -> None:
    publisher(team, "plan", "--now", BEFORE)
    cut = publisher(team, "queue", "--limit", "3").output
    assert "The first 3 posts (proposed, approved, sending, unconfirmed)" in cut
    assert "More posts follow: --limit 12 (or --limit 0 for all) shows them." in cut
    whole = publisher(team, "queue", "--limit", "8").output
    assert "8 posts (proposed" in whole and "More posts follow" not in whole
    assert len(json.loads(publisher(team, "queue", "--limit", "3", "--json").output)) == 3
    none = publisher(team, "queue", "--state", "unconfirmed", "--channel", "x").output
    assert none.strip() == "No posts (unconfirmed, channel x)."


def test_now_accepts_an_offset_from_the_real_clock() -> None:
    from publisher.cli.app import parse_now

    real = dt.datetime.now(dt.UTC)
    assert abs(parse_now("+7d") - (real + dt.timedelta(days=7))) < dt.timedelta(seconds=5)
    assert abs(parse_now("-12h") - (real - dt.timedelta(hours=12))) < dt.timedelta(seconds=5)
    assert abs(parse_now("+90m") - (real + dt.timedelta(minutes=90))) < dt.timedelta(seconds=5)
    assert abs(parse_now("+2w") - (real + dt.timedelta(weeks=2))) < dt.timedelta(seconds=5)
    for bad in ("7d", "+7y", "+0d", "tomorrow"):
        result = CliRunner().invoke(cli, ["plan", "--dry-run", "--now", bad])
        assert result.exit_code == 2 and "offset from now like +7d" in result.output and "Traceback" not in result.output


def test_pause_and_resume_from_the_command_line(team: ProjectDir) -> None:
    publisher(team, "plan", "--now", BEFORE)
    publisher(team, "approve", "--all")
    paused = publisher(team, "pause", "--channel", "x", "--reason", "breaking news")
    assert paused.output.startswith("Paused: channel x until resumed (breaking news).")
    ran = publisher(team, "run", "--now", EVENING)
    assert "Sent 2 posts" in ran.output and "held: x: paused: channel x until resumed" in ran.output
    assert json.loads(publisher(team, "status", "--json").output)["pauses"][0]["channel"] == "x"
    resumed = publisher(team, "resume", "--channel", "x").output
    assert "Lifted: paused: channel x" in resumed
    # resumed months after those March slots (the real clock): they move to x's next free slots, never flushed
    assert "4 posts more than 120 min late were moved to the next free slot, not sent late" in resumed
    assert "Next to go out:" in resumed
    assert "Sent" not in publisher(team, "run", "--now", EVENING).output
    assert all(r.post.scheduled_at > dt.datetime.now(dt.UTC)
               for r in store_of(team).records(channel="x", states=["approved"]))
    bad = publisher(team, "pause", "--channel", "tiktok", code=1)
    assert "no channel 'tiktok' in mkdocs.yml; expected one of mastodon, x" in bad.output
    late = publisher(team, "pause", "--until", "2020-01-01T00:00", code=2)
    assert "expected a moment in the future" in late.output


def test_a_pause_until_a_time_is_told_in_the_teams_zone_with_the_reason_as_written(team: ProjectDir) -> None:
    said = publisher(team, "pause", "--until", "2099-07-14T18:00", "--reason", "Annonce AMF").output
    assert said.startswith("Paused: everything until 2099-07-14 18:00 CEST (Annonce AMF).")
    assert "Lifted: paused: everything until 2099-07-14 18:00 CEST" in publisher(team, "resume").output


def test_approve_one_post_or_one_piece(team: ProjectDir) -> None:
    publisher(team, "plan", "--now", BEFORE)
    store = store_of(team)
    first = store.records(piece="articles/alpha")[0].post
    assert "Approved 1 post." in publisher(team, "approve", str(first.id)).output
    assert f"post {first.id} is approved: only proposed posts can be approved" in publisher(
        team, "approve", str(first.id)).output
    assert "Approved 4 posts." in publisher(team, "approve", "--piece", "beta").output
    assert "Approved 1 post." in publisher(team, "approve", "--piece", "articles/alpha", "--channel", "x").output
    assert "give post ids, or --piece PIECE, or --all" in publisher(team, "approve", code=2).output
    assert "no post with id 999" in publisher(team, "approve", "999", code=1).output
    store.close()


def test_confirm_settles_an_unconfirmed_post(team: ProjectDir) -> None:
    publisher(team, "plan", "--now", BEFORE)
    publisher(team, "approve", "--all")
    store = store_of(team)
    from stores import T0

    post = store.claim_next("x", T0.replace(hour=20), "crashed-worker").post
    assert post is not None
    store.settle(post.id, "crashed-worker", T0.replace(hour=20), "unconfirmed", "timeout")
    assert [post.id] == json.loads(publisher(team, "status", "--json").output)["unconfirmed"]
    shown = publisher(team, "queue", "--post", str(post.id))
    assert "unconfirmed" in shown.output and "History" in shown.output
    done = publisher(team, "confirm", str(post.id), "--published", "--url", "https://x.example/acme/1")
    assert done.output.strip() == f"Post {post.id}: published."
    record = store.post(post.id)
    assert (record.post.state, record.post.remote_url) == ("published", "https://x.example/acme/1")
    again = publisher(team, "confirm", str(post.id), "--not-sent", code=1)
    assert f"post {post.id} is published; only unconfirmed posts are settled with confirm" in again.output
    store.close()


def test_calendar_table_and_ics(team: ProjectDir, tmp_path: Path) -> None:
    from icalendar import Calendar

    publisher(team, "plan", "--now", BEFORE)
    table = publisher(team, "calendar", "--from", "2026-03-02", "--days", "7")
    assert "Mon 02 Mar" in table.output and "launch" in table.output and "8 posts" in table.output
    ics = tmp_path / "posts.ics"
    publisher(team, "calendar", "--from", "2026-03-02", "--days", "7", "--ics", str(ics))
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 8
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart").isoformat() == "2026-03-02T08:10:00+00:00"  # 09:10 in Paris
    assert first["status"] == "TENTATIVE" and "[" in str(first["summary"])
    assert "utm_source=" in str(first["description"])


def test_csv_round_trip_applies_good_edits_and_refuses_any_bad_row(team: ProjectDir, tmp_path: Path) -> None:
    publisher(team, "plan", "--now", BEFORE)
    exported = tmp_path / "posts.csv"
    publisher(team, "calendar", "--from", "2026-03-02", "--days", "7", "--export", str(exported))
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert len(rows) == 8
    store = store_of(team)
    before = {r.post.id: r.post for r in store.records()}

    def write(edited: list[dict[str, str]]) -> Path:
        out = tmp_path / "edits.csv"
        with open(out, "w", encoding="utf-8", newline="") as fd:
            writer = csv.DictWriter(fd, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(edited)
        return out

    bad = [dict(r) for r in rows]
    bad[0]["text"] = f"Rewritten by the comms lead {rows[0]['link']}"  # good on its own
    bad[1]["when"] = "tomorrow"
    bad[2]["state"] = "sent"
    bad[3]["text"] = ("x" * 400 if bad[3]["network"] == "x" else "y" * 600) + " " + rows[3]["link"]
    bad[4]["id"] = "abc"
    bad[5]["channel"] = "linkedin"
    result = publisher(team, "calendar", "--import", str(write(bad)), code=1)
    assert result.output.startswith("5 import problems found:")
    for row, column, message in ((3, "when", "expected a date-time like 2026-03-02 09:10"),
                                 (4, "state", "expected one of proposed, approved, cancelled, got 'sent'"),
                                 (5, "text", "expected at most"),
                                 (6, "id", "expected a post id (a whole number), got 'abc'"),
                                 (7, "channel", "expected '")):
        located = rf"edits\.csv:(\d+ \(row {row}\)|{row}): '{column}': {re.escape(message)}"
        assert re.search(located, result.output), (located, result.output)
    assert {r.post.id: r.post for r in store.records()} == before  # nothing applied

    good = [dict(r) for r in rows]
    good[0]["text"] = f"Rewritten by the comms lead {rows[0]['link']}"
    good[1]["when"] = "2026-03-04 11:00"
    good[2]["state"] = "approved"
    done = publisher(team, "calendar", "--import", str(write(good)))
    assert "3 posts changed" in done.output
    after = {r.post.id: r for r in store.records()}
    assert after[int(rows[0]["id"])].post.text == f"Rewritten by the comms lead {rows[0]['link']}"
    assert after[int(rows[1]["id"])].post.scheduled_at.isoformat() == "2026-03-04T10:00:00+00:00"
    assert after[int(rows[2]["id"])].post.state == "approved"
    assert after[int(rows[0]["id"])].edited_at is not None and after[int(rows[3]["id"])].edited_at is None
    replanned = publisher(team, "plan", "--now", BEFORE)
    assert "3 kept as they are" in " ".join(replanned.output.split())  # hand edits survive a replan
    store.close()
