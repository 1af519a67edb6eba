"""Commands about content: check it, and list the front matter fields."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.cli.words import counted
from publisher.content.frontmatter import field_reference


@cli.command()
@now_option
@click.pass_obj
def check(project: Project, now_text: str | None) -> None:
    """Validate mkdocs.yml and every piece under content/; report every problem at once.

    Exits 1 when anything is wrong, naming the file, the field, what was expected and what
    was found.

    \b
    Example:
      publisher check
    """
    library = project.library
    now = parse_now(now_text, project.settings.zone)
    from publisher.content.ambassadors import ambassadors_file
    from publisher.project.placeholders import placeholder_ctas

    placeholders = [f"{where} is still the example {url}: readers who click it reach no one"
                    for where, url in placeholder_ctas(project.settings, library)]
    for warning in (*library.warnings, ambassadors_file(project.settings)[1], *placeholders):
        if warning:
            click.echo(f"warning: {warning}", err=True)
    visible = library.visible(now)
    drafts = sum(1 for p in library if p.draft)
    future = sum(1 for p in library if not p.draft and p.date > now)
    click.echo(f"OK: {counted(len(library), 'piece')} ({len(visible)} published, {future} scheduled, "
               f"{counted(drafts, 'draft')}), {counted(len(library.authors), 'author')}.")


@cli.command()
@click.pass_obj
def fields(project: Project) -> None:
    """List every front matter field a piece may have, with what it means.

    \b
    Example:
      publisher fields
    """
    table = Table("field", "meaning", title="Front matter fields")
    for name, doc in field_reference():
        table.add_row(name, doc)
    Console().print(table)
