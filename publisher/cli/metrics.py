"""`publisher metrics`: pull engagement for published posts and store timestamped snapshots."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from publisher.cli.app import Project, cli, now_option, parse_now


@cli.command()
@now_option
@click.option("--channel", "channels", multiple=True, metavar="NAME", help="Only this channel (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def metrics(project: Project, now_text: str | None, channels: tuple[str, ...], as_json: bool) -> None:
    """Pull likes, reposts, replies, quotes, impressions and clicks for published posts.

    Each published post is measured on a decaying schedule (1, 3, 6, 12 and 24 hours after
    publication, then daily for 30 days, then never again); every pull adds a timestamped
    snapshot and keeps the history. Requests are batched (X: 100 posts, Bluesky: 25) and a
    channel stops at its first rate limit; the rest waits for the next run. Run it from cron,
    e.g. hourly. Channels without credentials (dry-run outbox) have nothing to measure.

    \b
    Example:
      publisher metrics
      publisher metrics --channel x --now 2026-03-03T09:00 --json
    """
    from publisher.errors import NotFound
    from publisher.sending.channels.registry import build_channels
    from publisher.sending.metrics import pull_metrics

    settings = project.settings
    unknown = [c for c in channels if c not in settings.plugin.channels]
    if unknown:
        raise NotFound(f"--channel: expected a channel of {settings.config_file.name} "
                       f"({', '.join(sorted(settings.plugin.channels))}), got {unknown[0]!r}")
    now = parse_now(now_text, settings.zone)
    built = build_channels(settings)
    report = pull_metrics(project.store, built.active, now, only=list(channels) or None)
    if as_json:
        click.echo(json.dumps({
            "now": now.isoformat(), "stored": report.stored,
            "channels": {n: {"due": c.due, "stored": c.stored, "requests": c.requests, "note": c.note}
                         for n, c in report.channels.items()},
            "skipped": report.skipped}, indent=2))
        return
    table = Table("channel", "due", "snapshots", "requests", "note", title=f"Engagement pull at {now:%Y-%m-%d %H:%M} UTC")
    for name, pull in report.channels.items():
        table.add_row(name, str(pull.due), str(pull.stored), str(pull.requests), pull.note)
    for name, why in report.skipped.items():
        table.add_row(name, "-", "0", "0", why)
    if not report.channels and not report.skipped:
        click.echo(f"No published post is due for measuring at {now:%Y-%m-%d %H:%M} UTC.")
        return
    Console().print(table)
    click.echo(f"Stored {report.stored} snapshot{'s' if report.stored != 1 else ''}.")
