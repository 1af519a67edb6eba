"""`publisher slots`: each channel's posting hours, and `--suggest` better ones from the engagement history."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.cli.post_table import local

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@cli.command()
@click.option("--suggest", is_flag=True, help="Suggest slots per channel and weekday from the engagement history.")
@click.option("--since", default="90d", show_default=True, metavar="LENGTH",
              help="How far back the history goes: 90d, 26w.")
@click.option("--per-day", type=click.IntRange(1, 12), default=None,
              help="Slots per weekday to suggest (default: as many as each weekday has now).")
@click.option("--min-posts", type=click.IntRange(1, 1000), default=3, show_default=True,
              help="Posts an hour needs before it counts as evidence.")
@now_option
@click.pass_obj
def slots(project: Project, suggest: bool, since: str, per_day: int | None, min_posts: int,
          now_text: str | None) -> None:
    """Show each channel's posting hours; with --suggest, better ones learnt from engagement.

    The suggestion reads published posts and their latest engagement snapshots (the report's weekday
    x hour data, per channel): for each weekday a channel posts on, the hours whose posts drew the
    most interactions on average become its slots. A weekday with too few posts keeps its slots.
    Each suggested hour comes with its evidence, and the whole is printed as YAML to paste under
    `channels:` in the publisher block of mkdocs.yml: the command never edits mkdocs.yml itself, so
    its comments and layout stay as they are.

    \b
    Example:
      publisher slots
      publisher slots --suggest --since 180d
      publisher slots --suggest --per-day 2 --min-posts 5
    """
    from publisher.reports.best_times import slots_yaml, suggest_slots
    from publisher.reports.period import period_from
    from publisher.social.planner.curated import ShareCalendar
    from publisher.store import reports as report_store

    settings = project.settings
    calendar = ShareCalendar.from_plugin(settings.plugin)
    channels = [name for name, spec in settings.plugin.channels.items() if spec.enabled]
    console = Console(highlight=False)
    console.print("Posting hours now:", markup=False)
    for name in channels:
        hours = calendar.hours_of(name)
        week = "; ".join(f"{WEEKDAYS[k]} {' '.join(f'{t:%H:%M}' for t in day)}"
                         for k, day in enumerate(hours.slots) if day) or "no slot"
        console.print(f"  {name} ({hours.zone}): {week}", markup=False, soft_wrap=True)
    if not suggest:
        return
    now = parse_now(now_text, settings.zone)
    period = period_from(now, settings.zone, since=since)
    posts = report_store.post_numbers(project.store, period.start, period.end)
    current = {name: (calendar.hours_of(name).slots, calendar.hours_of(name).zone) for name in channels}
    suggestions = suggest_slots(posts, current, per_day=per_day, min_posts=min_posts)
    for suggestion in suggestions:
        if not suggestion.posts:
            console.print(f"{suggestion.channel}: no measured posts since {local(period.start, settings.zone)}: "
                          "nothing to learn from (publisher metrics pulls engagement).", markup=False)
            continue
        console.rule(f"{suggestion.channel}: {suggestion.posts} measured posts, "
                     f"{suggestion.mean:.1f} interactions per post on average")
        evidence = Table("day", "now", "suggested", "evidence (hour: posts, mean interactions)")
        for day in suggestion.days:
            now_slots = " ".join(f"{t:%H:%M}" for t in day.current)
            if not day.learnt:
                evidence.add_row(WEEKDAYS[day.weekday], now_slots, now_slots,
                                 f"kept: fewer than {min_posts} measured posts in enough hours")
                continue
            why = "; ".join(f"{e.time:%H:%M}: {e.posts} posts, {e.mean:.1f}" for e in day.evidence)
            evidence.add_row(WEEKDAYS[day.weekday], now_slots, " ".join(f"{t:%H:%M}" for t in day.slots), why)
        console.print(evidence)
    if not any(s.changed for s in suggestions):
        console.print("The history does not suggest other hours: keep the slots as they are.")
        return
    console.print("Paste under the publisher block of mkdocs.yml (each channel's `slots` replaces the "
                  "calendar's for it; mkdocs.yml is not edited by this command):")
    click.echo(slots_yaml([s for s in suggestions if s.changed]))


__all__ = ["slots"]
