"""A 90-day rehearsal of the sample's calendar: does the plan look like one a comms lead would make?

    .venv/bin/python bench/calendar_rehearsal.py [--days 90] [--start 2026-11-30] [--project .]

Copies the project's mkdocs.yml and content/ (plus the extra pieces of bench/calendar_pieces/: three
English/French pairs and two single pieces dated inside the window) into a temporary folder, then
lives through the days: every morning at 07:00 (the team's zone) it plans with `make_plan`, as
`publisher plan` does, with what went out so far as history; the posts due before the next morning
go out. Twice a week a watched feed brings an entry, whose curated shares are slotted as `publisher
watch` slots them. From the posts that went out it measures the issue's numbers (issue 17):

- piece-days with the piece on every one of its networks at the same minute (target <= 10 %);
- channel-days carrying a piece and its translation (target 0);
- channel-weeks with three posts on one day while one of the channel's posting weekdays is empty
  (target: at most one week in five);
- pieces dated three days ahead that already have proposed posts (target: all);
- curated shares on one of their channel's slots, one network at a time (target: all);

plus posting days per channel, posts per weekday and channel-days at the cap. tests/test_calendar.py
runs the same rehearsal and checks the targets. Results go in docs/guide/calendar.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from publisher.config import load_settings  # noqa: E402
from publisher.content import load_library  # noqa: E402
from publisher.posts.model import PlannedPost, SentPost  # noqa: E402
from publisher.social.planner import make_plan, rules_from  # noqa: E402
from publisher.social.planner.curated import ShareCalendar, slot_shares  # noqa: E402

EXTRA = HERE / "calendar_pieces"
FEED_DAYS = (1, 3)  # an entry in the watched feed on Tuesdays and Thursdays, at 11:00


@dataclasses.dataclass
class Rehearsal:
    days: int
    posts: list[PlannedPost]
    piece_days: int = 0
    same_minute_piece_days: int = 0
    channel_days_with_translation: int = 0
    channel_weeks: int = 0
    piled_weeks: int = 0
    ahead: int = 0
    ahead_planned: int = 0
    curated: int = 0
    curated_in_slots: int = 0
    curated_apart: int = 0
    posting_days: dict[str, int] = dataclasses.field(default_factory=dict)
    per_weekday: dict[str, int] = dataclasses.field(default_factory=dict)
    at_cap: int = 0

    def lines(self) -> list[str]:
        share = self.same_minute_piece_days / self.piece_days if self.piece_days else 0.0
        piled = self.piled_weeks / self.channel_weeks if self.channel_weeks else 0.0
        return [
            f"{len(self.posts)} posts over {self.days} days",
            f"piece-days on every network at the same minute: {self.same_minute_piece_days} of {self.piece_days} "
            f"({share:.0%}; target <= 10 %)",
            f"channel-days with a piece and its translation: {self.channel_days_with_translation} (target 0)",
            f"channel-weeks with 3 posts on a day while a posting weekday is empty: {self.piled_weeks} of "
            f"{self.channel_weeks} ({piled:.0%}; target <= 20 %)",
            f"pieces dated 3 days ahead with proposed posts: {self.ahead_planned} of {self.ahead}",
            f"curated shares on a slot: {self.curated_in_slots} of {self.curated}; one network at a time: "
            f"{self.curated_apart} of {self.curated}",
            "posting days per channel: " + ", ".join(f"{c} {n}" for c, n in sorted(self.posting_days.items())),
            "posts per weekday: " + ", ".join(f"{d} {n}" for d, n in self.per_weekday.items()),
            f"channel-days at the cap: {self.at_cap}",
        ]


def prepare(project: Path, folder: Path) -> Path:
    """The project's configuration and content, plus the extra pieces, in ``folder``; its mkdocs.yml."""
    shutil.copy(project / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(project / "content", folder / "content")
    if (project / "theme").is_dir():
        shutil.copytree(project / "theme", folder / "theme")
    for piece in sorted(EXTRA.glob("*.md")):
        shutil.copy(piece, folder / "content" / "articles" / piece.name)
    return folder / "mkdocs.yml"


def rehearse(config_file: Path, start: dt.date, days: int) -> Rehearsal:
    settings = load_settings(config_file)
    library = load_library(settings)
    rules = rules_from(settings, library)
    zone = rules.zone
    calendar = ShareCalendar.from_plugin(settings.plugin)
    channels = list(rules.channels)
    sent: list[SentPost] = []
    went: list[PlannedPost] = []
    curated: list[list[PlannedPost]] = []
    waiting: list[PlannedPost] = []  # curated shares not yet due
    ahead = ahead_planned = 0
    for n in range(days):
        day = start + dt.timedelta(days=n)
        now = dt.datetime.combine(day, dt.time(7), tzinfo=zone)
        until = now + dt.timedelta(days=1)
        plan = make_plan(library.pieces, rules, now, tuple(sent), parallel=False,
                         booked=[(p.channel, p.scheduled_at) for p in waiting])
        for piece in library.pieces:  # dated three days ahead: already planned?
            if not piece.draft and piece.date.astimezone(zone).date() == day + dt.timedelta(days=3):
                ahead += 1
                ahead_planned += any(p.piece == piece.key and p.state == "proposed" for p in plan.posts)
        if day.weekday() in FEED_DAYS:
            moment = dt.datetime.combine(day, dt.time(11), tzinfo=zone)
            upcoming = [p for p in plan.posts if p.scheduled_at >= moment] + waiting
            booked: dict[str, list[dt.datetime]] = defaultdict(list)
            for p in upcoming:
                booked[p.channel].append(p.scheduled_at)
            shares = slot_shares(_entry(n, channels, rules, moment), calendar, moment, dt.timedelta(hours=48), booked)
            curated.append(shares)
            waiting.extend(shares)
        due = [p for p in plan.posts if p.scheduled_at < until]
        due += [p for p in waiting if p.scheduled_at < until]
        waiting = [p for p in waiting if p.scheduled_at >= until]
        for post in sorted(due, key=lambda p: (p.scheduled_at, p.channel)):
            sent.append(SentPost(post.key, post.piece, post.channel, post.network, post.excerpt_id, post.text,
                                 post.scheduled_at, "published"))
            went.append(post)
    result = Rehearsal(days, went, ahead=ahead, ahead_planned=ahead_planned)
    _measure(result, went, library, rules, start, days)
    _measure_curated(result, curated, rules)
    return result


def _entry(n: int, channels: list[str], rules: object, moment: dt.datetime) -> list[PlannedPost]:
    """One watched entry's shares, one per channel, as `publisher watch` makes them (before slotting)."""
    out = []
    for name in channels:
        info = rules.channels[name]  # type: ignore[attr-defined]
        out.append(PlannedPost(
            key=f"curated/partner-news/entry-{n}:{name}:curated", piece="curated/partner-news", channel=name,
            network=info.network, role="curated", excerpt_id=f"entry-{n}", excerpt_kind="curated",
            text=f"Worth a read: partner news {n}\n\nhttps://partner.example.org/news/{n}",
            link=f"https://partner.example.org/news/{n}", scheduled_at=moment, lang="en", state="proposed"))
    return out


def _measure(result: Rehearsal, went: list[PlannedPost], library: object, rules: object, start: dt.date,
             days: int) -> None:
    zone = rules.zone  # type: ignore[attr-defined]
    pieces = [p for p in went if p.role != "curated"]
    networks_of: dict[str, set[str]] = defaultdict(set)
    for p in pieces:
        networks_of[p.piece].add(p.network)
    by_piece_day: dict[tuple[str, dt.date], list[PlannedPost]] = defaultdict(list)
    for p in pieces:
        by_piece_day[(p.piece, p.scheduled_at.astimezone(zone).date())].append(p)
    result.piece_days = len(by_piece_day)
    for (piece, _), posts in by_piece_day.items():
        at_minute: dict[dt.datetime, set[str]] = defaultdict(set)
        for p in posts:
            at_minute[p.scheduled_at].add(p.network)
        every = networks_of[piece]
        result.same_minute_piece_days += len(every) > 1 and any(nets == every for nets in at_minute.values())
    translation = {p.key: p.translation for p in library.pieces if p.translation}  # type: ignore[attr-defined]
    per_channel_day: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
    for p in pieces:
        per_channel_day[(p.channel, p.scheduled_at.astimezone(zone).date())].add(p.piece)
    result.channel_days_with_translation = sum(
        any(translation.get(piece) in keys for piece in keys) for keys in per_channel_day.values())
    counts: Counter[tuple[str, dt.date]] = Counter()
    for p in went:
        counts[(p.channel, p.scheduled_at.astimezone(zone).date())] += 1
    result.at_cap = sum(n >= rules.cap_per_day for n in counts.values())  # type: ignore[attr-defined]
    result.posting_days = dict(Counter(channel for channel, _ in counts))
    weekdays = Counter(p.scheduled_at.astimezone(zone).strftime("%a") for p in went)
    result.per_weekday = {d: weekdays[d] for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    blackout = rules.blackout  # type: ignore[attr-defined]
    while monday + dt.timedelta(days=6) < start + dt.timedelta(days=days):
        for channel in rules.channels:  # type: ignore[attr-defined]
            slots = rules.hours_of(channel).slots  # type: ignore[attr-defined]
            open_days = [monday + dt.timedelta(days=k) for k in range(7) if slots[k]
                         and not any(a <= monday + dt.timedelta(days=k) <= b for a, b in blackout)]
            if len(open_days) < 2:
                continue
            week = [counts[(channel, d)] for d in open_days]
            result.channel_weeks += 1
            result.piled_weeks += max(week) >= 3 and min(week) == 0
        monday += dt.timedelta(days=7)


def _measure_curated(result: Rehearsal, entries: list[list[PlannedPost]], rules: object) -> None:
    for shares in entries:
        moments = sorted(p.scheduled_at for p in shares)
        apart = all(b - a >= dt.timedelta(hours=1) for a, b in itertools.pairwise(moments))
        for p in shares:
            hours = rules.hours_of(p.channel)  # type: ignore[attr-defined]
            local = p.scheduled_at.astimezone(hours.zone)
            result.curated += 1
            result.curated_in_slots += local.time().replace(tzinfo=None) in hours.slots[local.weekday()]
            result.curated_apart += apart


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2026, 11, 30))
    parser.add_argument("--project", type=Path, default=HERE.parent)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rehearsal_") as folder:
        result = rehearse(prepare(args.project.resolve(), Path(folder)), args.start, args.days)
    print("\n".join(result.lines()))


if __name__ == "__main__":
    main()
