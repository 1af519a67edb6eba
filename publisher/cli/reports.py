"""Commands about results: `publisher report` and `publisher analytics import`."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.errors import ContentError, ImportProblems
from publisher.secrets import mask

FORMATS = ("table", "csv", "json")
BAD_ROWS_SHOWN = 20


@contextmanager
def _no_collector_pauses() -> Iterator[None]:
    """A report makes tens of thousands of small records and frees none before it ends; the cyclic
    garbage collector would walk every object of every imported library several times for nothing
    (a sixth of a quarter's report at a million snapshots)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _context(project: Project) -> dict[str, Any]:
    """Names the report joins in by key: pieces and authors from content/, ambassadors."""
    from publisher.content.ambassadors import ambassadors_for
    from publisher.reports.aggregate import AmbassadorInfo, PieceInfo

    library = project.library
    people, problems = ambassadors_for(project.settings)
    if problems:
        raise ContentError(problems)
    return {
        "pieces": {p.key: PieceInfo(p.title, p.authors) for p in library},
        "authors": {key: a.name for key, a in library.authors.items()},
        "ambassadors": {key: AmbassadorInfo(a.name, a.team) for key, a in people.items()},
    }


@cli.command()
@click.option("--since", metavar="LENGTH", help="Length of the period up to now: 30d, 12w or 48h.")
@click.option("--from", "start", metavar="DATE", help="First day of the period (team's time zone), e.g. 2026-10-01.")
@click.option("--to", "end", metavar="DATE", help="Last day of the period, included.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Tables for people, or CSV/JSON for spreadsheets and BI tools (columns in docs/reports.md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the CSV or JSON to this file instead of the terminal.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained HTML page with charts to this file.")
@now_option
@click.pass_obj
def report(project: Project, since: str | None, start: str | None, end: str | None, fmt: str,
           output: Path | None, html_file: Path | None, now_text: str | None) -> None:
    """Show what worked: engagement per network, piece, excerpt kind, campaign and author.

    Numbers are each published post's latest engagement snapshot within the period, compared with
    the period just before. Site visits come from imported analytics (`publisher analytics import`).
    The default period is the last 30 days.

    \b
    Example:
      publisher report --since 90d
      publisher report --from 2026-10-01 --to 2026-10-31 --format csv -o october.csv
      publisher report --html report.html
    """
    from publisher.reports import export
    from publisher.reports.collect import make_report
    from publisher.reports.period import period_from

    settings = project.settings
    now = parse_now(now_text, settings.zone)
    period = period_from(now, settings.zone, since=since, start=start, end=end)
    with _no_collector_pauses():
        result = make_report(project.store, period, **_context(project), site_name=settings.site_name, now=now)
    if html_file:
        from publisher.reports.html import render_html

        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(render_html(result), encoding="utf-8")
    if fmt == "table":
        from rich.console import Console  # the tables only: CSV and JSON runs skip rich

        from publisher.reports.terminal import render

        render(result, Console())
        if html_file:
            click.echo(f"HTML report written to {html_file}")
        return
    text = export.to_csv(result) if fmt == "csv" else export.to_json(result)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"{fmt.upper()} report written to {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.group()
def analytics() -> None:
    """Bring site analytics in, so reports count the visits our links brought.

    \b
    Example:
      publisher analytics import imported_sources_20261001_20261031.csv
    """


@analytics.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "start", metavar="DATE", help="First day the export covers, when it has no date column.")
@click.option("--to", "end", metavar="DATE", help="Last day the export covers, when it has no date column.")
@click.option("--tool", type=click.Choice(["plausible", "matomo", "ga4", "csv"]),
              help="Which tool wrote the file (guessed from its columns otherwise).")
@click.option("--dry-run", is_flag=True, help="Read and match, store nothing.")
@now_option
@click.pass_obj
def import_analytics(project: Project, files: tuple[Path, ...], start: str | None, end: str | None,
                     tool: str | None, dry_run: bool, now_text: str | None) -> None:
    """Import CSV exports from Plausible, Matomo or GA4 and match their UTM rows to our posts.

    Encodings are detected (UTF-8 with or without BOM, UTF-16 from GA4, Excel or Matomo, Latin-1).
    Importing the same file twice counts nothing twice: each file is fingerprinted, and visits are
    kept per day and UTM tuple, so a newer export of the same days replaces the older numbers.

    \b
    Example:
      publisher analytics import imported_sources_20261001_20261031.csv
      publisher analytics import ga4-traffic.csv --dry-run
      publisher analytics import matomo-campaigns.tsv --from 2026-10-01 --to 2026-10-31
    """
    from publisher.reports.analytics.importer import import_file, known_keys
    from publisher.reports.period import parse_day

    settings = project.settings
    now = parse_now(now_text, settings.zone)
    period = None
    if start or end:
        if not (start and end):
            raise click.UsageError("--from and --to go together: give both, or neither")
        period = (parse_day(start, "--from"), parse_day(end, "--to"))
    context = _context(project)
    campaigns = [*settings.plugin.campaigns, *(c.utm_campaign for c in settings.plugin.campaigns.values())]
    known = known_keys(context["pieces"], campaigns, context["ambassadors"])
    failed = 0
    for path in files:
        try:
            summary = import_file(project.store, path.read_bytes(), path.name, known=known, now=now, period=period,
                                  tool=tool, dry_run=dry_run)
        except ImportProblems as e:
            click.echo(mask(e.render()), err=True)
            failed += 1
            continue
        days = f", {summary.days[0]} to {summary.days[1]}" if summary.days else ""
        click.echo(f"{path}: {summary.tool}, {summary.encoding}, visits from {summary.metric!r}{days}")
        click.echo(f"  {summary.line()}")
        for problem in summary.bad_rows[:BAD_ROWS_SHOWN]:
            click.echo(f"  skipped {problem}", err=True)
        if len(summary.bad_rows) > BAD_ROWS_SHOWN:
            click.echo(f"  ... and {len(summary.bad_rows) - BAD_ROWS_SHOWN} more unreadable rows", err=True)
        if summary.ignored_columns:
            click.echo(f"  columns not used: {', '.join(summary.ignored_columns)}")
        if summary.already_imported:
            when = summary.already_imported.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M")
            click.echo(f"  already imported on {when}: nothing stored, nothing counted twice")
        elif dry_run:
            click.echo("  dry run: nothing stored")
        else:
            click.echo(f"  stored {summary.added} new day rows, replaced {summary.replaced} already stored")
    if failed:
        raise click.exceptions.Exit(1)
