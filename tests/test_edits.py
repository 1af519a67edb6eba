"""Hand edits: one set of rules for the CSV import and the desk (publisher.social.edits), and the store's
rule that new words go back to review."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ProjectDir

import publisher.cli.commands  # registers every command
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.posts.model import QueuedPost
from publisher.social.edits import checked_text, little_text, shown_text
from publisher.store import PostEdit, open_store

NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
LINK = "https://news.example.org/articles/alpha/?utm_source=x&utm_medium=social"


def post(network: str, text: str, link: str = LINK) -> QueuedPost:
    return QueuedPost(1, f"articles/alpha:{network}:launch", "articles/alpha", network, network, text, link, NOW,
                      "en", "approved")


@pytest.mark.parametrize(("written", "sent"), [
    ("Said (twice) to the board", r"Said \(twice\) to the board"),
    (r"Said \(twice) to the board", r"Said \(twice\) to the board"),  # one backslash lost in a spreadsheet
    (r"Said \(twice\) to the board", r"Said \(twice\) to the board"),  # already escaped: unchanged
    ("Mail us @ team_news #Cloud", r"Mail us \@ team\_news #Cloud"),  # a real hashtag stays one
    ("See https://example.org/a_b?c=(1 now", r"See https://example.org/a_b?c=(1 now"),  # URLs stay links
    (r"a back\slash", r"a back\\slash"),
])
def test_linkedin_text_is_escaped_exactly_once_whatever_its_origin(written: str, sent: str) -> None:
    assert little_text(written) == sent
    assert little_text(little_text(written)) == sent
    checked = checked_text(post("linkedin", "Old words"), written, 3000)
    assert checked.ok and checked.text == sent
    assert little_text(shown_text("linkedin", sent)) == sent  # what the desk shows, saved unchanged, is the same


def test_a_text_that_drops_the_link_is_refused_with_the_reason() -> None:
    checked = checked_text(post("x", f"Old words {LINK}"), "New words, no link", 280)
    assert not checked.ok
    assert checked.problems == (f"expected the piece's link in the text, as the post had it ({LINK}), "
                                f"got a text without it",)
    # Bluesky shows the short label: keeping the label is keeping the link
    label = "news.example.org/articles/alpha"
    assert checked_text(post("bluesky", f"Old {label}"), f"New {label}", 300).ok
    assert not checked_text(post("bluesky", f"Old {label}"), "New", 300).ok
    # a LinkedIn post carries its link in the card: its text never had it
    assert checked_text(post("linkedin", "Old words"), "New words", 3000).ok


def test_the_limit_is_counted_as_the_network_counts_it() -> None:
    # X counts a URL 23 and an emoji 2: 250 letters + emoji + a long URL fit in 280 there
    text = "a" * 250 + " 🎉 " + LINK
    assert checked_text(post("x", f"old {LINK}"), text, 280).ok
    over = checked_text(post("x", f"old {LINK}"), "a" * 258 + " 🎉 " + LINK, 280)
    assert over.problems == ("expected at most 280 weighted characters (URLs count 23), got 285 (5 too many)",)
    # the same text is 279 graphemes on Bluesky... which counts the URL as written
    assert not checked_text(post("bluesky", "old"), text, 300).ok


def test_control_characters_are_refused() -> None:
    checked = checked_text(post("mastodon", f"old {LINK}"), f"new\x00 words {LINK}", 500)
    assert checked.problems == ("expected text a network can take, got control or invalid characters (U+0000)",)


@pytest.fixture
def team(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> ProjectDir:
    monkeypatch.delenv("PUBLISHER_STORE", raising=False)
    project.config("""
        timezone: Europe/Paris
        channels: {x: {}, linkedin: {}}
        rules: {follow_ups: [], evergreen: {enabled: false}}
    """)
    project.piece("articles/alpha.md", """
        title: Alpha launch
        date: 2026-03-02
        summary: What the alpha launch means for a mid-size company.
    """)
    return project


def publisher(project: ProjectDir, *args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def test_a_csv_edit_of_an_approved_post_goes_back_to_review_escaped(team: ProjectDir, tmp_path: Path) -> None:
    publisher(team, "plan", "--now", "2026-03-02T07:00")
    publisher(team, "approve", "--all")
    exported = tmp_path / "posts.csv"
    publisher(team, "calendar", "--from", "2026-03-02", "--days", "7", "--export", str(exported))
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    li = next(r for r in rows if r["network"] == "linkedin")
    link = li["text"][li["text"].index("https://"):].split()[0]  # LinkedIn's text carries the link (tails.py)
    li["text"] = f"Said it (twice): the alpha is out\n\n{link}"
    out = tmp_path / "edits.csv"
    with open(out, "w", encoding="utf-8", newline="") as fd:
        writer = csv.DictWriter(fd, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert "1 post changed" in publisher(team, "calendar", "--import", str(out)).output
    store = open_store(load_settings(team.config_file).store_url)
    edited = store.post(int(li["id"]))
    assert edited.post.text == "Said it \\(twice\\): the alpha is out\n\n" + link
    assert edited.post.state == "proposed"
    last = store.events(edited.post.id)[-1]
    assert (last.from_state, last.to_state) == ("approved", "proposed")
    assert "new text, back to review" in last.detail
    others = [r for r in store.records() if r.post.id != edited.post.id]
    assert {r.post.state for r in others} == {"approved"}  # the rows nobody touched keep their approval
    # a move in time keeps the approval (it covers the words, not the hour)
    x = next(r for r in others if r.post.network == "x")
    store.apply_edits([PostEdit(x.post.id, "desk", scheduled_at=NOW + dt.timedelta(days=3))], NOW, actor="me")
    assert store.post(x.post.id).post.state == "approved"
    store.close()


def test_a_linkedin_text_stored_raw_goes_out_escaped(team: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    from doubles import LinkedInDouble, environment

    from publisher.sending.channels.registry import build_channels
    from publisher.sending.dispatcher import Dispatcher

    publisher(team, "plan", "--now", "2026-03-02T07:00")
    store = open_store(load_settings(team.config_file).store_url)
    li = next(r.post for r in store.records() if r.post.network == "linkedin")
    # a script (or an older version) stored the words raw, bypassing the checks
    store.apply_edits([PostEdit(li.id, "script", text="Said it (twice) #Cloud", state="approved")], NOW)
    with LinkedInDouble() as double:
        for name, value in environment(double).items():
            monkeypatch.setenv(name, value)
        built = build_channels(load_settings(team.config_file))
        dispatcher = Dispatcher(store, {"linkedin": built.active["linkedin"]}, clock=lambda: NOW + dt.timedelta(days=2))
        dispatcher.run_once()
        dispatcher.close()
        assert [p["body"]["commentary"] for p in double.posts] == [r"Said it \(twice\) #Cloud"]
    assert store.post(li.id).post.state == "published"
    store.close()
