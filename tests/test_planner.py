"""The pure planner on real pieces and real configuration: launch burst, follow-ups, evergreen with an
end, caps, quiet hours, blackouts, cooldown, history, campaigns, daylight-saving changes, determinism,
and located messages for bad rules."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import textwrap
from collections import Counter, defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from conftest import ProjectDir

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)
from publisher.config import load_settings
from publisher.content import Library, load_library
from publisher.errors import ConfigError
from publisher.posts.model import Plan, PlannedPost, SentPost
from publisher.social.planner import make_plan, rules_from

PARIS = ZoneInfo("Europe/Paris")

PIECE = """
title: {title}
date: {date}
lang: en
summary: {title}, in one sentence that fits every network.
tags: [cloud, sovereignty]
takeaways:
  - Know where your data lives, {title}.
  - Contracts matter as much as code, {title}.
  - Test your exit every year, {title}.
quotes:
  - text: Sovereignty is a design choice, {title}.
    by: Camille Martin
"""


def local(post: PlannedPost) -> dt.datetime:
    return post.scheduled_at.astimezone(PARIS)


def setup(project: ProjectDir, block: str, pieces: dict[str, str]) -> tuple[Library, object]:
    project.config("timezone: Europe/Paris\n" + textwrap.dedent(block).strip("\n"))
    for slug, date in pieces.items():
        project.piece(f"articles/{slug}.md", PIECE.format(title=slug.replace("-", " ").title(), date=date))
    settings = load_settings(project.config_file)
    library = load_library(settings)
    return library, rules_from(settings, library)


def at(text: str) -> dt.datetime:
    """A wall-clock time in Paris as an aware UTC instant."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS).astimezone(dt.UTC)


def by_role(plan: Plan, role: str) -> list[PlannedPost]:
    return sorted((p for p in plan.posts if p.role == role), key=lambda p: p.scheduled_at)


def test_launch_burst_is_day_zero_on_every_channel_staggered(project: ProjectDir) -> None:
    library, rules = setup(project, "", {"launch": "2026-03-02"})  # a Monday
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    launch = by_role(plan, "launch")
    assert [(p.channel, local(p).strftime("%a %d %H:%M")) for p in launch] == [
        ("x", "Mon 02 09:10"), ("mastodon", "Mon 02 10:10"), ("bluesky", "Mon 02 11:10"), ("linkedin", "Mon 02 12:10")]
    assert [p.key for p in launch] == [f"articles/launch:{c}:launch" for c in ("x", "mastodon", "bluesky", "linkedin")]
    assert all(p.scheduled_at.tzinfo == dt.UTC for p in plan.posts)
    assert {p.state for p in plan.posts} == {"proposed"}


def test_no_two_networks_get_the_same_text_within_the_hour(project: ProjectDir) -> None:
    library, rules = setup(project, "rules: {stagger_minutes: 0}", {"a": "2026-03-02", "b": "2026-03-02"})
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    uses: dict[tuple[str, str], list[PlannedPost]] = defaultdict(list)
    for post in plan.posts:
        uses[(post.piece, post.excerpt_id)].append(post)
    for posts in uses.values():
        for one in posts:
            for other in posts:
                if one.network != other.network:
                    assert abs(one.scheduled_at - other.scheduled_at) >= dt.timedelta(hours=1)


def test_follow_ups_come_n_days_later_with_other_excerpts(project: ProjectDir) -> None:
    library, rules = setup(project, "calendar: {spread_days: 1}", {"launch": "2026-03-02"})
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    for channel in ("x", "mastodon", "bluesky", "linkedin"):
        mine = {p.role: p for p in plan.posts if p.channel == channel}
        # Three slots a day for four networks, and never two networks at the same minute: the
        # last network's follow-up waits for the next day.
        assert local(mine["follow-up-3"]).date() in (dt.date(2026, 3, 5), dt.date(2026, 3, 6))
        assert local(mine["follow-up-10"]).date() in (dt.date(2026, 3, 12), dt.date(2026, 3, 13))
        texts = [mine[r].excerpt_id for r in ("launch", "follow-up-3", "follow-up-10")]
        assert len(set(texts)) == 3


@pytest.mark.parametrize(("first", "switch"), [("2026-03-26", dt.date(2026, 3, 29)),
                                               ("2026-10-22", dt.date(2026, 10, 25))])
def test_a_0910_slot_stays_0910_across_daylight_saving(project: ProjectDir, first: str, switch: dt.date) -> None:
    daily = "\n".join(f"    {d}: ['09:10']" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    library, rules = setup(project, f"channels: {{x: {{}}}}\ncalendar:\n  slots:\n{daily}\n"
                           "rules: {follow_ups: [1, 2, 3, 4, 5], cooldown_days: 0, evergreen: {enabled: false}}",
                           {"dst": first})
    plan = make_plan(library.pieces, rules, at(f"{first}T00:30"))
    assert len(plan.posts) == 6
    assert {local(p).strftime("%H:%M") for p in plan.posts} == {"09:10"}
    utc_hours = {local(p).date(): p.scheduled_at.strftime("%H:%M") for p in plan.posts}
    before, after = utc_hours[switch - dt.timedelta(days=1)], utc_hours[switch + dt.timedelta(days=1)]
    assert before != after and {before, after} == {"08:10", "07:10"}
    assert [local(p).date() for p in plan.posts] == [dt.date.fromisoformat(first) + dt.timedelta(days=n)
                                                     for n in range(6)]


def test_cap_per_channel_per_day(project: ProjectDir) -> None:
    pieces = {f"p{i}": "2026-03-02" for i in range(6)}
    library, rules = setup(project, "channels: {x: {}, mastodon: {}}\ncalendar: {cap_per_day: 2}\n"
                           "rules: {catch_up_days: 3}", pieces)
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    per_day = Counter((p.channel, local(p).date()) for p in plan.posts)
    assert max(per_day.values()) == 2
    assert {p.piece for p in by_role(plan, "launch")} == {f"articles/p{i}" for i in range(6)}
    assert {local(p).date() for p in by_role(plan, "launch")} == {dt.date(2026, 3, 2), dt.date(2026, 3, 3),
                                                                  dt.date(2026, 3, 4)}


def test_launches_that_cannot_go_out_in_time_are_dropped_with_a_reason(project: ProjectDir) -> None:
    pieces = {f"p{i}": "2026-03-02" for i in range(12)}
    library, rules = setup(project, "channels: {x: {}}\ncalendar: {cap_per_day: 2}\nrules: {catch_up_days: 1}", pieces)
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    launched = by_role(plan, "launch")
    assert len(launched) == 4  # two days (Monday and the catch-up day) of two posts
    late = [d for d in plan.dropped if d.reason.startswith("launch: not placed before 2026-03-04 00:00: no free slot")]
    assert len(late) == 8 and all(d.channel == "x" and d.excerpt_id == "" for d in late)


def test_quiet_hours_and_blackout_dates(project: ProjectDir) -> None:
    slots = "\n".join(f"    {d}: ['09:10', '19:30', '22:00']" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    library, rules = setup(project, f"calendar:\n  slots:\n{slots}\n  cap_per_day: 10\n"
                           "  quiet_hours: [{start: '20:00', end: '08:00'}]\n"
                           "  blackout: [2026-03-05, {from: 2026-03-10, to: 2026-03-13}]\n"
                           "rules: {follow_ups: [3, 10], catch_up_days: 3}", {"a": "2026-03-02", "b": "2026-03-02"})
    plan = make_plan(library.pieces, rules, at("2026-03-02T18:00"))
    assert plan.posts
    for post in plan.posts:
        moment = local(post)
        assert dt.time(8) <= moment.time() < dt.time(20), post
        assert moment.date() != dt.date(2026, 3, 5) and not dt.date(2026, 3, 10) <= moment.date() <= dt.date(2026, 3, 13)
    follow = [local(p).date() for p in by_role(plan, "follow-up-3")]
    assert follow and min(follow) == dt.date(2026, 3, 6)  # the 5th is a blackout: the next day (or two)
    assert max(follow) <= dt.date(2026, 3, 8)


def test_evergreen_recycles_with_cooldown_and_an_end(project: ProjectDir) -> None:
    library, rules = setup(project, "channels: {x: {}, bluesky: {}}\n"
                           "rules:\n  follow_ups: []\n  cooldown_days: 20\n"
                           "  evergreen: {after_days: 10, every_days: 7, end_after_days: 70, max_times: 8}\n"
                           "calendar: {horizon_days: 200}", {"old": "2026-01-05"})
    now = at("2026-01-06T07:00")
    plan = make_plan(library.pieces, rules, now)
    end = at("2026-03-16T00:00")  # 70 days after publication
    for channel in ("x", "bluesky"):
        recycled = [p for p in plan.posts if p.channel == channel and p.role.startswith("evergreen")]
        assert 1 <= len(recycled) <= 8
        assert [p.role for p in recycled] == [f"evergreen-{n}" for n in range(1, len(recycled) + 1)]
        assert all(p.scheduled_at <= end for p in recycled)
        assert recycled[0].scheduled_at >= at("2026-01-15T00:00")
        gaps = [b.scheduled_at - a.scheduled_at for a, b in itertools.pairwise(recycled)]
        assert all(g >= dt.timedelta(days=7) - dt.timedelta(hours=1) for g in gaps)
    _assert_cooldown(plan.posts, dt.timedelta(days=20))


def _assert_cooldown(posts: list[PlannedPost] | tuple[PlannedPost, ...], cooldown: dt.timedelta,
                     history: tuple[SentPost, ...] = ()) -> None:
    seen: dict[tuple[str, str], list[dt.datetime]] = defaultdict(list)
    for h in history:
        seen[(h.network, h.excerpt_id)].append(h.at)
    for p in posts:
        seen[(p.network, p.excerpt_id)].append(p.scheduled_at)
    for moments in seen.values():
        moments.sort()
        assert all(b - a >= cooldown for a, b in itertools.pairwise(moments))


def test_history_keys_are_not_replanned_and_count_everywhere(project: ProjectDir) -> None:
    library, rules = setup(project, "channels: {x: {}}\ncalendar: {cap_per_day: 1}\n"
                           "rules: {follow_ups: [3], cooldown_days: 30, evergreen: {after_days: 5, every_days: 5, "
                           "max_times: 3}}", {"a": "2026-03-02"})
    now = at("2026-03-02T07:00")
    first = make_plan(library.pieces, rules, now)
    launch = next(p for p in first.posts if p.role == "launch")
    evergreen = next(p for p in first.posts if p.role == "evergreen-1")
    history = (
        SentPost(launch.key, launch.piece, "x", "x", launch.excerpt_id, launch.text, launch.scheduled_at, "published"),
        SentPost(evergreen.key, evergreen.piece, "x", "x", evergreen.excerpt_id, evergreen.text,
                 evergreen.scheduled_at, "unconfirmed"),
    )
    later = launch.scheduled_at + dt.timedelta(minutes=5)
    again = make_plan(library.pieces, rules, later, history=history)
    keys = {p.key for p in again.posts}
    assert launch.key not in keys and evergreen.key not in keys
    assert "articles/a:x:follow-up-3" in keys
    recycles = [p for p in again.posts if p.role.startswith("evergreen")]
    assert recycles and recycles[0].role == "evergreen-2"
    assert recycles[0].scheduled_at >= evergreen.scheduled_at + dt.timedelta(days=5) - dt.timedelta(hours=1)
    _assert_cooldown(again.posts, dt.timedelta(days=30), history)


def test_the_same_inputs_give_the_same_plan(project: ProjectDir) -> None:
    pieces = {f"p{i}": f"2026-0{1 + i % 3}-0{1 + i % 7}" for i in range(12)}
    library, rules = setup(project, "calendar: {cap_per_day: 2}", pieces)
    now = at("2026-03-04T07:00")
    one = make_plan(library.pieces, rules, now)
    shuffled = list(library.pieces)
    random.Random(1).shuffle(shuffled)
    two = make_plan(shuffled, rules, now)
    assert one == two and len(one.posts) > 20
    assert len({p.key for p in one.posts}) == len(one.posts)


def test_drafts_are_not_planned_and_future_pieces_are_planned_ahead(project: ProjectDir) -> None:
    project.piece("articles/draft.md", "title: Draft\ndate: 2026-03-01\ndraft: true")
    setup(project, "", {"now": "2026-03-02", "later": "2026-03-09"})
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-03-02T07:00"))
    assert {p.piece for p in plan.posts} == {"articles/now", "articles/later"}
    ahead = [p for p in plan.posts if p.piece == "articles/later"]
    assert min(p.scheduled_at for p in ahead) >= at("2026-03-09T00:00")  # never before the piece is live
    assert {p.role for p in ahead} >= {"launch", "follow-up-3", "follow-up-10"}
    assert {p.state for p in ahead} == {"proposed"}  # for approval before the piece goes live
    assert {local(p).date() for p in by_role(plan, "launch") if p.piece == "articles/later"} == {dt.date(2026, 3, 9)}
    # The date moves: the posts move with it (same keys, new moments).
    project.piece("articles/later.md", PIECE.format(title="Later", date="2026-03-16"))
    library = load_library(settings)
    moved = make_plan(library.pieces, rules_from(settings, library), at("2026-03-02T07:00"))
    launches = {p.key: local(p).date() for p in by_role(moved, "launch") if p.piece == "articles/later"}
    assert set(launches) == {p.key for p in by_role(plan, "launch") if p.piece == "articles/later"}
    assert set(launches.values()) == {dt.date(2026, 3, 16)}


def test_passed_launches_are_skipped_not_posted_late(project: ProjectDir) -> None:
    library, rules = setup(project, "channels: {x: {}}\nrules: {evergreen: {enabled: false}}", {"old": "2026-03-02"})
    plan = make_plan(library.pieces, rules, at("2026-03-09T07:00"))
    assert {p.role for p in plan.posts} == {"follow-up-10"}
    assert "2 launch or follow-up posts skipped: their moment passed more than catch_up_days ago" in plan.notes


def test_auto_approve(project: ProjectDir) -> None:
    project.piece("articles/own.md", "title: Own\ndate: 2026-03-02\nsocial: {x: [A post of my own.]}")
    library, rules = setup(project, "channels: {x: {}}\nrules: {auto_approve: hand-written}", {})
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    states = {(p.excerpt_kind, p.state) for p in plan.posts}
    assert ("hand-written", "approved") in states and ("title", "proposed") in states


def test_campaign_dates_overrides_and_one_hashtag_everywhere(project: ProjectDir) -> None:
    library, rules = setup(project, """
        campaigns:
          cloud-week:
            hashtag: "#CloudWeek"
            pieces: [articles/in-campaign]
            start: 2026-03-04
            end: 2026-03-08
            rules: {follow_ups: [1]}
    """, {"in-campaign": "2026-03-02", "outside": "2026-03-02"})
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    mine = [p for p in plan.posts if p.piece == "articles/in-campaign"]
    assert {p.role for p in mine} == {"launch", "follow-up-1"}  # its own follow-ups, none after the end
    assert min(local(p).date() for p in mine) == dt.date(2026, 3, 4)
    assert max(p.scheduled_at for p in mine) < at("2026-03-09T00:00")
    assert all("#CloudWeek" in p.text and p.campaign == "cloud-week" for p in mine)
    assert all("utm_campaign=cloud-week" in p.link for p in mine)
    other = {p.role for p in plan.posts if p.piece == "articles/outside"}
    assert {"launch", "follow-up-3", "follow-up-10"} <= other


def test_too_long_candidates_show_in_the_plan_with_the_reason(project: ProjectDir) -> None:
    project.piece("articles/wordy.md", "title: Wordy\ndate: 2026-03-02\ntakeaways: ['" + "word " * 70 + "end.']")
    library, rules = setup(project, "channels: {x: {}, mastodon: {}}", {})
    plan = make_plan(library.pieces, rules, at("2026-03-02T07:00"))
    (dropped,) = [d for d in plan.dropped if d.excerpt_id]
    assert dropped.channel == "x" and dropped.reason.startswith("too long for x: ")
    # Only the title fits X: the follow-ups cannot repeat it within the cooldown, and say so.
    assert {d.reason.split(":")[0] for d in plan.dropped if not d.excerpt_id} == {"follow-up-3", "follow-up-10"}
    assert any(p.excerpt_id == dropped.excerpt_id and p.channel == "mastodon" for p in plan.posts)


def test_scores_make_recycles_prefer_what_worked(project: ProjectDir) -> None:
    library, rules = setup(project, "channels: {x: {}}\nrules: {follow_ups: [], cooldown_days: 0, "
                           "evergreen: {after_days: 1, every_days: 1, max_times: 4}}", {"a": "2026-03-02"})
    now = at("2026-03-02T07:00")
    plain = make_plan(library.pieces, rules, now)
    best = sorted({p.excerpt_id for p in plain.posts})[-1]
    scored = make_plan(library.pieces, rules, now, scores={("x", best): 9.0})
    assert [p.excerpt_id for p in by_role(scored, "evergreen-1") + by_role(scored, "evergreen-4")] == [best, best]


# -- bad rules: located messages -------------------------------------------------------------------

def test_campaign_naming_a_missing_piece(project: ProjectDir) -> None:
    project.piece("white-papers/sovereign-cloud.md", "title: Guide\ndate: 2026-03-02")
    project.config("campaigns:\n  launch:\n    pieces: [white-papers/sovereign-clod, white-papers/sovereign-cloud]")
    settings = load_settings(project.config_file)
    with pytest.raises(ConfigError) as info:
        rules_from(settings, load_library(settings))
    assert [str(p) for p in info.value.problems] == [
        "mkdocs.yml: 'plugins.publisher.campaigns.launch.pieces[0]': expected an existing piece such as "
        "white-papers/<slug>, got 'white-papers/sovereign-clod' (did you mean 'white-papers/sovereign-cloud'?)"]


@pytest.mark.parametrize(("block", "expected"), [
    ("channels: {tiktok: {}}", "mkdocs.yml: 'plugins.publisher.channels.tiktok': unknown channel; expected a network"),
    ("calendar: {slots: {mon: ['9h10']}}",
     "mkdocs.yml: 'plugins.publisher.calendar.slots.mon[0]': expected a time like 09:30 (24-hour HH:MM), got '9h10'"),
    ("timezone: Europe/Lyon", "mkdocs.yml: 'plugins.publisher.timezone': expected an IANA time zone such as "
                              "Europe/Paris or UTC, got 'Europe/Lyon'"),
    ("campaigns: {c: {pieces: [articles/ghost]}}", "mkdocs.yml: 'plugins.publisher.campaigns.c.pieces[0]': "
                                                   "expected an existing piece such as articles/<slug>, got 'articles/ghost'"),
    ("campaigns: {c: {start: 2026-03-10, end: 2026-03-01}}",
     "mkdocs.yml: 'plugins.publisher.campaigns.c.end': expected a date after 'start' (2026-03-10), got 2026-03-01"),
    ("campaigns: {c: {rules: {channels: [nope]}}}", "mkdocs.yml: 'plugins.publisher.campaigns.c.rules.channels': "
                                                   "expected channel names from 'channels'"),
])
def test_bad_rules_are_located_through_the_cli(project: ProjectDir, block: str, expected: str) -> None:
    project.piece("articles/a.md", "title: A\ndate: 2026-03-02")
    project.config(block)
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "preview", "articles/a"])
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_preview_shows_texts_lengths_links_cards_and_drops(project: ProjectDir) -> None:
    project.piece("articles/wordy.md", "title: Wordy\ndate: 2026-03-02\nsummary: Short summary.\n"
                  "takeaways: ['" + "word " * 70 + "end.']")
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "preview", "wordy", "--channel", "x",
                                      "--channel", "bluesky"], terminal_width=200)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "x (x, limit 280 weighted characters (URLs count 23))" in out
    assert "summary " in out and "/280" in out and "/300" in out
    assert "link: https://test.example.org/articles/wordy/?utm_source=x&utm_medium=social&utm_campaign=wordy" in out
    assert "title: Wordy" in out and "description: Short summary." in out
    assert "dropped takeaway" in out and "too long for x: " in out
    missing = CliRunner().invoke(cli, ["-f", str(project.config_file), "preview", "ghost"])
    assert missing.exit_code == 1 and "no piece 'ghost'" in missing.output



@pytest.mark.parametrize("title", ["Vision 2030: a ten-year plan for the river", "Net zero by 2040: our roadmap",
                                   "Students in march for climate", "Our plan for 2027–2030"])
def test_a_target_year_a_span_or_a_lower_case_month_is_no_date_in_a_title(title: str) -> None:
    from publisher.content.model import Piece
    from publisher.social.planner.moments import announces
    piece = Piece(path=Path("x.md"), src_uri="articles/x.md", type="article", folder="articles", slug="x", title=title,
                  date=dt.datetime(2026, 11, 10, tzinfo=dt.UTC), lang="en", body="")
    assert not announces(piece), title


@pytest.mark.parametrize(("title", "lang"), [
    ("Collecte des biodéchets : ce qui change à partir du 1er décembre", "fr"),
    ("Winter timetable: what changes on your bus from Sunday 13 December", "en"),
    ("Le Grenier Commun lance son épicerie mobile", "fr"),  # the news of a start, stale a month later
    ("Un hérisson dans le jardin en décembre : les bons gestes", "fr"),  # seasonal advice, recycled in January
    ("What to plant in March, and what to leave", "en"),
    ("Voice trials 2027: what happens on the day", "en"),  # a year to come (set 42)
    ("Décembre à la cave : 4 200 meules et une radio interdite", "fr"),  # opens on its month (set 57)
])
def test_a_title_that_names_a_date_is_not_recycled_unless_the_piece_opts_in(
        project: ProjectDir, title: str, lang: str) -> None:
    # Every post carries the piece's title: in January, "à partir du 1er décembre" announces a past change.
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 10, every_days: 10, max_times: 3}}")
    body = f"title: \"{title}\"\ndate: 2026-11-10\nlang: {lang}\nsummary: Three bins, 4,000 homes, one calendar.\n"
    project.piece("articles/dated.md", body)
    project.piece("articles/opted.md", body + "evergreen: true\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    recycled = Counter(p.piece for p in plan.posts if p.role.startswith("evergreen"))
    assert recycled["articles/dated"] == 0 and recycled["articles/opted"] > 0, recycled
    assert any(note.startswith("articles/dated.md: its title names a date") for note in plan.notes), plan.notes
    assert not any(note.startswith("articles/opted.md") for note in plan.notes), plan.notes


@pytest.mark.parametrize(("summary", "lang", "recycled"), [
    ("Samedi 14 novembre, notre bourse revient : kits prêtés et dépôt-vente.", "fr", False),  # set 45
    ("Join us on December 5th for the first winter swim.", "en", False),
    ("Le 3 novembre, quarante familles ont déposé leurs kits.", "fr", True),  # a day gone by
    ("Founded on 12 March 1998, the club trains 80 players.", "en", True),
])
def test_a_summary_that_names_a_day_to_come_is_not_recycled(
        project: ProjectDir, summary: str, lang: str, recycled: bool) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 10, every_days: 10, max_times: 3}}")
    project.piece("articles/bourse.md", f"title: \"Équiper un enfant\"\ndate: 2026-11-10\nlang: {lang}\n"
                  f"summary: \"{summary}\"\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    assert any(p.role.startswith("evergreen") for p in plan.posts) is recycled


@pytest.mark.parametrize(("leaving", "lang", "last"), [
    # sets 104, 49: a portrait of someone who leaves their post, recycled after the day with their role
    ("Première d’atelier depuis 2008, elle part à la retraite en janvier, après une dernière production.", "fr",
     "2027-01-01"),
    ("After thirty-one years, our senior bookbinder prepares to retire at the end of December.", "en", "2026-12-31"),
    ("Il prendra sa retraite le 1er février, après quarante hivers de déneigement.", "fr", "2027-02-01"),
])
def test_a_portrait_of_someone_who_leaves_their_post_is_not_recycled_after_the_day(
        project: ProjectDir, leaving: str, lang: str, last: str) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 10, every_days: 10, max_times: 30}}")
    front = (f"date: 2026-11-24\nlang: {lang}\nsummary: A life at the bench, and what she learnt.\n"
             "guest: {name: Odile Sarrazin, role: première d’atelier}\n")
    project.piece("interviews/leaving.md", f"title: Trente ans d’atelier\n{front}", body=f"{leaving}\n")
    project.piece("interviews/staying.md", f"title: Trente ans de métier\n{front}",
                  body="Première d’atelier depuis 2008, elle prépare une dernière production.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-24T07:00"))
    recycles = {key: [p.scheduled_at for p in plan.posts if p.piece == key and p.role.startswith("evergreen")]
                for key in ("interviews/leaving", "interviews/staying")}
    assert recycles["interviews/leaving"] and max(recycles["interviews/leaving"]) < at(f"{last}T00:00"), recycles
    assert max(recycles["interviews/staying"]) > at(f"{last}T00:00"), recycles


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("Elle part à la retraite en décembre, après une dernière production.", "fr", "2026-12-01"),
    ("Yann Quéméner prend sa retraite le 31 décembre.", "fr", "2026-12-31"),
    ("Chantal prépare son départ à la retraite en mars.", "fr", "2027-03-01"),  # next March
    ("Ruth prepares to retire at the end of December.", "en", "2026-12-31"),
    ("Derek steps down on 31 December after 31 years.", "en", "2026-12-31"),
    ("He hands over the Thursday group in January.", "en", "2027-01-01"),
    ("Graham retires at the end of the year.", "en", "2026-12-31"),
    ("She retired in June after thirty years.", "en", None),  # a past
    ("Depuis sa retraite en 2019, il anime l’atelier.", "fr", None),
    ("Retire your old bike in March: it has earned it.", "en", None),  # no "retire … in" after a verb of leaving
])
def test_the_day_someone_leaves_their_post(text: str, lang: str, day: str | None) -> None:
    import datetime as dt

    from publisher.content.typography import typeset
    from publisher.social.excerpting.announcing import leaving_date
    found = leaving_date(typeset(text, lang), lang, dt.date(2026, 11, 24))
    assert (found.isoformat() if found else None) == day
