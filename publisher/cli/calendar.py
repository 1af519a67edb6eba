"""`publisher calendar`: upcoming posts per day and channel, and the queue as .ics and .csv files."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from publisher.cli.app import Project, cli, parse_now
from publisher.cli.post_table import STATE_STYLES, actor
from publisher.cli.words import counted

if TYPE_CHECKING:
    from publisher.posts.model import QueuedPost
    from publisher.social.edits import CheckedText

CALENDAR_STATES = ("proposed", "approved", "sending", "unconfirmed", "published", "failed")


def _text_check(project: Project) -> Callable[[QueuedPost, str], CheckedText]:
    from publisher.networks.counting import limit_for
    from publisher.social.edits import checked_text

    def check(post: QueuedPost, text: str) -> CheckedText:
        return checked_text(post, text, limit_for(post.network, project.settings.plugin.channels.get(post.channel)))

    return check


@cli.command()
@click.option("--from", "start_text", metavar="DATE", default=None,
              help="First day (e.g. 2026-03-02; default: today in the team's zone).")
@click.option("--days", default=14, show_default=True, help="How many days to show or export.")
@click.option("--channel", default=None, help="Only this channel.")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the posts of these days to an iCalendar file (.ics) instead of showing them.")
@click.option("--export", "csv_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the posts of these days to a CSV file for bulk edits.")
@click.option("--import", "csv_in", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Apply the edits of a CSV file (when, state, text); nothing is applied if any row is bad.")
@click.pass_obj
def calendar(project: Project, start_text: str | None, days: int, channel: str | None, ics_path: Path | None,
             csv_out: Path | None, csv_in: Path | None) -> None:
    """Upcoming posts per day and channel; export them to .ics or .csv, or import CSV edits.

    Times are in the team's time zone. In the CSV, people may change the 'when', 'state'
    (proposed, approved, cancelled) and 'text' columns; every bad row is reported with its
    line and column, and nothing is applied unless every row is good.

    \b
    Example:
      publisher calendar --days 7
      publisher calendar --ics posts.ics
      publisher calendar --export posts.csv && publisher calendar --import posts.csv
    """
    from publisher.social.calendar_files import read_edits, to_csv, to_ics

    settings = project.settings
    zone = settings.zone
    store = project.store
    if csv_in is not None:
        current = {r.post.id: r for r in store.records()}
        content = _read_csv(csv_in)
        edits = read_edits(content, csv_in.name, current, zone, _text_check(project))
        changed = store.apply_edits(edits, parse_now(None), actor=actor()) if edits else 0
        click.echo(f"{csv_in.name}: {changed} post{'s' if changed != 1 else ''} changed "
                   f"({len(current)} in the store).")
        return
    now = parse_now(None)
    first_day = _first_day(start_text, now.astimezone(zone).date())
    start = dt.datetime.combine(first_day, dt.time(), zone).astimezone(dt.UTC)
    end = dt.datetime.combine(first_day + dt.timedelta(days=days), dt.time(), zone).astimezone(dt.UTC)
    records = store.records(states=CALENDAR_STATES, channel=channel, start=start, end=end)
    if ics_path is not None:
        ics_path.write_bytes(to_ics(records, calendar_name=f"{settings.site_name}: social posts",
                                    zone_name=settings.plugin.timezone, now=now))
        click.echo(f"{ics_path}: {counted(len(records), 'post')} from {first_day} for {counted(days, 'day')}.")
        return
    if csv_out is not None:
        csv_out.write_text(to_csv(records, zone), encoding="utf-8")
        click.echo(f"{csv_out}: {counted(len(records), 'post')} from {first_day} for {counted(days, 'day')}.")
        return
    channels = sorted({r.post.channel for r in records} | ({channel} if channel else set(settings.plugin.channels)))
    cells: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for r in records:
        p = r.post
        style = STATE_STYLES.get(p.state, "")
        when = p.scheduled_at.astimezone(zone)
        cells[(when.date(), p.channel)].append(f"[{style}]{when:%H:%M} {p.role}[/{style}] {p.piece.rsplit('/', 1)[-1]}")
    table = Table("day", *channels, title=f"Posts from {first_day} for {counted(days, 'day')} "
                  f"({settings.plugin.timezone}); {counted(len(records), 'post')}", title_justify="left", show_lines=True)
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        table.add_row(f"{day:%a %d %b}", *("\n".join(cells[(day, c)]) for c in channels))
    console = Console()
    console.print(table)
    legend = "  ".join(f"[{style}]{state}[/{style}]" for state, style in STATE_STYLES.items() if state in CALENDAR_STATES)
    console.print(f"states: {legend}")


def _read_csv(path: Path) -> str:
    from publisher.errors import ImportProblems, Problem

    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ImportProblems([Problem(f"{path.name}:{line}", "", f"expected UTF-8 text (save the CSV as UTF-8), "
                                      f"found byte {raw[e.start]:#04x} that is not UTF-8")]) from None


def _first_day(text: str | None, today: dt.date) -> dt.date:
    if not text:
        return today
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise click.BadParameter(f"expected a date like 2026-03-02, got {text!r}", param_hint="--from") from None
