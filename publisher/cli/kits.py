"""Commands about share kits: `publisher digest`, the weekly list of new kits for the comms lead."""

from __future__ import annotations

from pathlib import Path

import click

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.errors import ConfigError, ContentError, Problem


@cli.command()
@click.option("--since", metavar="LENGTH", default="7d", show_default=True,
              help="How far back a kit counts as new: 7d, 2w or 48h, up to now.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the two files (default: .publisher/digest beside mkdocs.yml).")
@click.option("--lang", metavar="CODE", help="Language of the digest's own words (default: the site's 'lang').")
@now_option
@click.pass_obj
def digest(project: Project, since: str, out_dir: Path | None, lang: str | None, now_text: str | None) -> None:
    """Write the weekly digest of new share kits, as Markdown and as an HTML e-mail body.

    Lists every piece published in the period with its title, summary, kit link and the personal
    link of each ambassador it is for ('ambassadors' in mkdocs.yml): the comms lead sends it round, and
    visits from links shared through a personal link are credited in `publisher report`. The HTML
    is safe to paste into an e-mail (tables and inline styles, no script, no stylesheet).

    \b
    Example:
      publisher digest --since 7d
      publisher digest --since 14d --lang fr --out digests/
      publisher digest --now 2026-11-23T08:00 --out /tmp/digest
    """
    from publisher.content.ambassadors import ambassadors_for
    from publisher.kits.digest import build_digest, render_markdown
    from publisher.kits.email import render_html
    from publisher.reports.period import parse_length

    settings = project.settings
    lang = (lang or settings.plugin.lang).strip()
    if lang not in settings.plugin.languages:
        raise click.BadParameter(f"expected one of the site's languages ({', '.join(settings.plugin.languages)}), "
                                 f"got {lang!r}", param_hint="--lang")
    site_url = settings.site_url.strip()
    if not site_url:
        raise ConfigError([Problem(settings.config_file.name, "site_url", "expected the site's address "
                                   "(https://...) so the digest can link to the kits, found nothing")])
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    people, problems = ambassadors_for(settings)
    if problems:
        raise ContentError(problems)
    now = parse_now(now_text, settings.zone)
    start = now - parse_length(since)
    result = build_digest(project.library, people, site_url=site_url, site_name=settings.site_name, start=start,
                          end=now, zone=settings.zone, lang=lang,
                          type_names={k: dict(t.name) for k, t in settings.plugin.types.items()},
                          directory_urls=settings.directory_urls)
    if not result.kits:
        click.echo(result.empty_text + " Nothing written.")
        return
    folder = out_dir or settings.state_dir / "digest"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"digest-{result.last_day.isoformat()}"
    markdown, html = folder / f"{stem}.md", folder / f"{stem}.html"
    markdown.write_text(render_markdown(result), encoding="utf-8")
    html.write_text(render_html(result), encoding="utf-8")
    links = sum(len(kit.people) for kit in result.kits)
    click.echo(f"{len(result.kits)} new kit{'s' if len(result.kits) != 1 else ''}, {links} personal links.")
    click.echo(f"Markdown: {markdown}")
    click.echo(f"HTML e-mail body: {html}")
