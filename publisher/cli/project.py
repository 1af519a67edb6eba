"""Commands about the project itself: create one (`init`) and check one (`doctor`)."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.cli.words import counted


def _zone(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"expected an IANA time zone such as Europe/Paris or UTC, got {value!r}") from None
    return value


def _url(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise click.BadParameter(f"expected the site's public address such as https://news.example.org/, "
                                 f"got {value!r}")
    return value


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", "site_name", default=None, help="The site's name (default: from the folder name).")
@click.option("--site-url", default="https://example.org/", show_default=True, callback=_url,
              help="The site's public address; posts link to it.")
@click.option("--timezone", default="UTC", show_default=True, callback=_zone,
              help="The team's IANA time zone: posting slots and publication dates are read in it.")
@click.option("--requirement", default=None, metavar="SPEC",
              help="How CI installs publisher, written to requirements.txt (default: the way this copy "
                   "was installed: comms-publisher==VERSION from an index, or its git URL, archive or folder).")
@click.option("--force", is_flag=True, help="Write into a folder that has files, replacing files of the same name.")
def init(directory: Path, site_name: str | None, site_url: str, timezone: str, requirement: str | None,
         force: bool) -> None:
    """Create a new project in DIRECTORY that builds and plans at once.

    It holds one example piece per type, an authors file, mkdocs.yml with the publisher
    block, a theme/ folder for the team's own overrides (publisher's templates come with the
    package), .gitignore, .env.example (every credential variable), GitHub
    Actions workflows (site on push and nightly, posts every 10 minutes, metrics daily) and a
    README for the team. Nothing is written unless everything is: the project is prepared in a
    temporary folder beside DIRECTORY and moved in by renames. DIRECTORY must be new or empty,
    unless --force.

    \b
    Example:
      publisher init newsroom --name "Acme Newsroom" --timezone Europe/Paris \\
          --site-url https://news.acme.example/
      cd newsroom && mkdocs build && publisher plan
    """
    from publisher.project.scaffold import (
        ProjectOptions,
        project_files,
        site_name_for,
        write_project,
    )

    options = ProjectOptions.defaults(site_name=site_name or site_name_for(directory), site_url=site_url,
                                      timezone=timezone, requirement=requirement)
    files = project_files(options)
    write_project(directory, files, force=force)
    click.echo(f"Created {options.site_name} in {directory} ({counted(len(files), 'file')}).")
    click.echo(f"requirements.txt installs: {options.requirement.spec}")
    if options.requirement.local is not None:
        click.echo("\n".join([
            f"Warning: that is a path on this machine ({options.requirement.local}): it works here, but",
            "  GitHub Actions and your colleagues' machines cannot reach it, so the site and publish",
            "  workflows would fail to install. Before you push, point requirements.txt at a released",
            "  version (comms-publisher==X.Y.Z) or a git URL (comms-publisher @ git+https://...@TAG),",
            "  or run init again with --requirement.",
        ]), err=True)
    click.echo("\n".join([
        "Next:",
        f"  cd {directory}",
        "  mkdocs serve          # preview the site",
        "  publisher plan        # plan the example pieces' social posts",
        "  publisher doctor      # what to set up before the first real post",
        "Then read README.md: credentials, automation, and writing in another language.",
    ]))


@cli.command()
@now_option
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
@click.pass_obj
def doctor(project: Project, now_text: str | None, as_json: bool, strict: bool) -> None:
    """Check the project and say what is wrong, each with its fix.

    Checks the configuration and every piece, each channel's credentials, that the store can be
    reached and has no pending migration, posts whose outcome is unknown (unconfirmed) or held
    by a disabled channel, and pieces that would produce no posts. Exits 1 when something needs
    fixing (with --strict, also on warnings).

    \b
    Example:
      publisher doctor
      publisher doctor --json | jq '.findings[] | select(.severity == "error")'
    """
    from publisher.project.doctor import ERROR, WARNING, diagnose

    report = diagnose(project.config_file, parse_now(now_text))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_report(report)
    failing = {ERROR, WARNING} if strict else {ERROR}
    if any(f.severity in failing for f in report.findings):
        click.get_current_context().exit(1)


def _print_report(report: object) -> None:
    from publisher.project.doctor import ERROR, OK, WARNING, Report

    assert isinstance(report, Report)
    marks = {OK: "ok", WARNING: "warning", ERROR: "ERROR"}
    for finding in report.findings:
        click.echo(f"{marks[finding.severity]:>7}  {finding.check}: {finding.message}")
        if finding.fix and finding.severity != OK:
            click.echo(f"         fix: {finding.fix}")
    errors = sum(1 for f in report.findings if f.severity == ERROR)
    warnings = sum(1 for f in report.findings if f.severity == WARNING)
    click.echo(f"\n{errors} to fix, {warnings} warning{'s' if warnings != 1 else ''}." if errors or warnings
               else "\nEverything looks right.")


__all__ = ["doctor", "init"]
