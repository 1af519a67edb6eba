"""Commands that bring content in: `publisher import wordpress|feed`, and `publisher watch`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.errors import ContentError
from publisher.secrets import mask

if TYPE_CHECKING:  # the importer and the content loader load when a command runs, keeping --help fast
    from publisher.content.loader import LoadContext
    from publisher.feeds.importer import ImportResult

_VERBS = {"create": ("created", "would create"), "update": ("updated", "would update")}


def _context(project: Project) -> LoadContext:
    from publisher.content.loader import context_for

    ctx, problems = context_for(project.settings)
    if problems:
        raise ContentError(problems)
    return ctx


def _relative(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.settings.root).as_posix()
    except ValueError:
        return str(path)


def _report(project: Project, result: ImportResult, *, dry_run: bool) -> None:
    """Print what the import did (or would do): files, authors, skipped items, notes, shortcodes."""
    tense = 1 if dry_run else 0
    head = f"Dry run of the import from {result.source}: nothing was written." if dry_run else \
        f"Imported from {result.source}."
    click.echo(mask(head))
    for change in result.to_write:
        click.echo(f"  {_VERBS[change.action][tense]:<12} {_relative(project, change.path)}  <- {change.item.where}")
    if result.authors.added:
        verb = "would add" if dry_run else "added"
        click.echo(f"  {verb} {len(result.authors.added)} author(s) to {_relative(project, result.authors_path)}: "
                   f"{', '.join(result.authors.added)}")
    counts = ", ".join(f"{len(result.of(a))} {label}" for a, label in (
        ("create", "new"), ("update", "updated"), ("unchanged", "unchanged"),
        ("kept", "edited here (kept)"), ("conflict", "not updated (edited here)")))
    click.echo(f"Pieces: {counts}; {len(result.skipped)} skipped.")
    for change in result.of("conflict"):
        click.echo(f"  not updated: {_relative(project, change.path)} was edited here and differs from the source; "
                   "merge by hand (or delete the file to import it again)")
    for line in result.skipped:
        click.echo(f"  skipped: {line}")
    for change in result.changes:
        for note in change.item.notes:
            click.echo(f"  note: {_relative(project, change.path)}: {note}")
    for note in result.notes:
        click.echo(f"  note: {note}")
    for name, where in sorted(result.unknown_shortcodes.items()):
        shown = ", ".join(where[:5]) + (f" and {len(where) - 5} more" if len(where) > 5 else "")
        click.echo(f"  unknown shortcode [{name}] left as text in {shown}")


def _folders(ctx: LoadContext, type_: str, pages: str | None) -> dict[str, str]:
    from publisher.feeds.importer import check_folder

    folders = {"post": check_folder(type_, ctx, option="--type")}
    if pages and pages != "skip":
        folders["page"] = check_folder(pages, ctx, option="--pages")
    return folders


@cli.group("import")
def import_group() -> None:
    """Bring pieces in from a WordPress export or an RSS/Atom feed.

    Each post becomes content/<type folder>/<slug>.md with its front matter; authors are added
    to the authors file. Importing again updates only what nobody edited since.

    \b
    Example:
      publisher import wordpress export.xml --dry-run
      publisher import feed https://blog.example.org/feed/
    """


@import_group.command("wordpress")
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--type", "type_", default="article", show_default=True, metavar="TYPE",
              help="Type of the imported posts (a type key such as article, or its folder).")
@click.option("--pages", default="skip", show_default=True, metavar="skip|TYPE",
              help="What to do with WordPress pages: skip them, or import them as this type.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.pass_obj
def import_wordpress(project: Project, export: Path, type_: str, pages: str, dry_run: bool) -> None:
    """Import a WordPress export (WXR 1.0, 1.1 or 1.2, from Tools > Export).

    Posts become pieces (drafts, private and password-protected posts as drafts); captions,
    galleries, audio, video and embeds become Markdown; other shortcodes are left as text and
    listed. A malformed file is reported with its line and nothing is written.

    \b
    Example:
      publisher import wordpress wordpress.2026-03-01.xml --type article --pages skip
    """
    from publisher.feeds.importer import apply_import, plan_import
    from publisher.feeds.wordpress import export_file_date, items_from_export
    from publisher.feeds.wxr import read_export

    ctx = _context(project)
    folders = _folders(ctx, type_, pages)
    parsed = read_export(export, str(export))
    batch = items_from_export(parsed, str(export), pages="page" in folders, zone=ctx.zone,
                              fallback_date=export_file_date(export))
    result = plan_import(batch, ctx, folder_for=folders, authors_file=project.settings.plugin.authors_file)
    apply_import(result, ctx, authors_file=project.settings.plugin.authors_file, dry_run=dry_run)
    _report(project, result, dry_run=dry_run)


@import_group.command("feed")
@click.argument("source", metavar="URL-OR-FILE")
@click.option("--type", "type_", default="article", show_default=True, metavar="TYPE",
              help="Type of the imported entries (a type key such as article, or its folder).")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@now_option
@click.pass_obj
def import_feed(project: Project, source: str, type_: str, dry_run: bool, now_text: str | None) -> None:
    """Import the entries of an RSS (0.9x, 1.0, 2.0) or Atom feed, from a URL or a file.

    Entries without a date get the feed's date, else the file's (or the server's Last-Modified),
    else today; a later import keeps the date they got the first time.

    \b
    Example:
      publisher import feed https://medium.com/feed/@clairval --type article
      publisher import feed saved-feed.xml --dry-run
    """
    from publisher.feeds.feed import items_from_feed, parse_feed
    from publisher.feeds.fetch import fetch, last_modified_date
    from publisher.feeds.importer import apply_import, plan_import

    ctx = _context(project)
    folders = _folders(ctx, type_, None)
    fetched = fetch(source, base_dir=Path.cwd())
    fallback, what = last_modified_date(fetched), "the file's date" if not fetched.url else "the server's date"
    if fallback is None:
        fallback, what = parse_now(now_text, ctx.zone).replace(microsecond=0), "the import's date"
    batch = items_from_feed(parse_feed(fetched), fallback_date=fallback, fallback_source=what)
    result = plan_import(batch, ctx, folder_for=folders, authors_file=project.settings.plugin.authors_file)
    apply_import(result, ctx, authors_file=project.settings.plugin.authors_file, dry_run=dry_run)
    _report(project, result, dry_run=dry_run)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Fetch and show what would be proposed; store nothing.")
@now_option
@click.pass_obj
def watch(project: Project, dry_run: bool, now_text: str | None) -> None:
    """Fetch the watched feeds and propose a curated share for each new entry.

    Feeds are listed under `watch:` in the publisher block of mkdocs.yml. Each is fetched with
    conditional GET (an unchanged feed costs a 304); each new entry becomes one proposed post per
    channel (comment template + link), never approved automatically: approve them with
    `publisher approve`. An entry is proposed once, even if a run is interrupted.

    \b
    Example:
      publisher watch --dry-run
      publisher watch            # e.g. hourly from cron, before `publisher run`
    """
    from publisher.feeds.watch import watch_all

    settings = project.settings
    if not settings.plugin.watch:
        click.echo("No watched feeds: add them to the publisher block of mkdocs.yml, e.g.\n"
                   "  watch:\n    - url: https://blog.example.org/feed/\n      channels: [linkedin]")
        return
    now = parse_now(now_text, settings.zone)
    reports = watch_all(settings, project.store, now, dry_run=dry_run)
    for report in reports:
        name = report.source or report.url
        if report.error:
            click.echo(mask(f"{report.url}: error: {report.error}"), err=True)
            continue
        if not report.fetched:
            click.echo(mask(f"{name}: not modified since the last check"))
            continue
        verb = "would be proposed" if dry_run else "proposed"
        parts = [f"{report.new} new entr{'y' if report.new == 1 else 'ies'}",
                 f"{len(report.proposals)} share(s) {verb}", f"{report.seen} already seen"]
        if report.old:
            parts.append(f"{report.old} older than the feed's max_age_days (remembered, not proposed)")
        if report.no_link:
            parts.append(f"{report.no_link} without a link (nothing to share)")
        click.echo(mask(f"{name}: " + "; ".join(parts)))
        for post in report.proposals:
            click.echo(mask(f"  [{post.channel}] {post.text.splitlines()[0][:100]}"))
    if not dry_run and any(r.proposals for r in reports):
        click.echo("Curated shares wait as proposed posts: review them with `publisher queue`, then approve.")
    if any(r.error for r in reports):
        raise click.exceptions.Exit(1)


__all__ = ["import_feed", "import_group", "import_wordpress", "watch"]
