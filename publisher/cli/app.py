"""The `publisher` command group: thin; turns domain errors into clear messages and exit codes.

Commands live in sibling modules (content, queue, channels, feeds, reports...) and register
themselves on ``cli``. Each has help text with an ``Example:`` block; tests/test_docs.py checks it.
A command's module is imported only when that command runs (``COMMAND_MODULES``), so `publisher
report` does not pay for the dispatcher, the social renderers or the feed importer, and
`publisher --version` for none of them; `publisher --help` imports them all to list them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from functools import cached_property
from pathlib import Path
from typing import Any

import click

from publisher import __version__
from publisher.errors import NotFound, ProblemsError, PublisherError, StoreError
from publisher.secrets import install_log_masking, mask

EXIT_PROBLEMS = 1
EXIT_STORE = 3


class Project:
    """What commands share: the configuration, the content and the store, each loaded on first use."""

    def __init__(self, config_file: Path):
        self.config_file = config_file

    @cached_property
    def settings(self) -> Any:
        from publisher.config import load_settings

        return load_settings(self.config_file)

    @cached_property
    def library(self) -> Any:
        from publisher.content import load_library

        return load_library(self.settings)

    @cached_property
    def store(self) -> Any:
        from publisher.store import open_store

        return open_store(self.settings.store_url)


def parse_now(value: str | None, zone: Any = None) -> dt.datetime:
    """The --now option: an ISO date-time (naive = team's zone), an offset from the real clock such as
    +7d, -12h or +90m, or the real clock when absent."""
    if not value:
        return dt.datetime.now(dt.UTC)
    sign = value.strip()[:1]
    if sign in ("+", "-"):
        from publisher.reports.period import length_of

        delta = length_of(value.strip()[1:])
        if delta is not None:
            return dt.datetime.now(dt.UTC) + (delta if sign == "+" else -delta)
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"expected an ISO date-time like 2026-03-02T09:00 or 2026-03-02T09:00+01:00, "
                                 f"or an offset from now like +7d, -12h, +90m, +2w; got {value!r}",
                                 param_hint="--now") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone or dt.UTC)
    return when.astimezone(dt.UTC)


now_option = click.option(
    "--now", "now_text", metavar="ISO", default=None,
    help="Pretend it is this moment (e.g. 2026-03-02T09:00, in the team's time zone unless it has an offset), "
         "or a shift from now such as +7d, -12h, +90m or +2w.",
)


# Which module registers each top-level command (tests/test_cli_startup.py checks it against them).
COMMAND_MODULES: dict[str, str] = {
    **dict.fromkeys(("check", "fields"), "publisher.cli.content"),
    **dict.fromkeys(("import", "watch"), "publisher.cli.feeds"),
    **dict.fromkeys(("report", "analytics"), "publisher.cli.reports"),
    "metrics": "publisher.cli.metrics",
    **dict.fromkeys(("plan", "queue", "approve", "confirm"), "publisher.cli.queue"),
    "calendar": "publisher.cli.calendar",
    **dict.fromkeys(("run", "worker", "status", "pause", "resume"), "publisher.cli.dispatch"),
    **dict.fromkeys(("init", "doctor"), "publisher.cli.project"),
    "preview": "publisher.cli.social",
    "slots": "publisher.cli.slots",
    "digest": "publisher.cli.kits",
    "desk": "publisher.cli.desk",
}


def load_commands() -> None:
    """Import every command module (each registers its commands on ``cli``)."""
    for module in dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(module)


class Group(click.Group):
    """A click group that prints domain errors as messages (secrets masked), never as tracebacks,
    and imports a command's module when the command is first asked for."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self is cli and cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        if self is cli:
            load_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ProblemsError as e:
            click.echo(mask(e.render()), err=True)
            ctx.exit(EXIT_PROBLEMS)
        except NotFound as e:
            click.echo(f"Error: {mask(str(e))}", err=True)
            ctx.exit(EXIT_PROBLEMS)
        except StoreError as e:
            click.echo(f"Store error: {mask(str(e))}", err=True)
            ctx.exit(EXIT_STORE)
        except PublisherError as e:
            click.echo(f"Error: {mask(str(e))}", err=True)
            ctx.exit(EXIT_PROBLEMS)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml",
              show_default=True, envvar="PUBLISHER_CONFIG", help="The project's mkdocs.yml.")
# The package's own version string: asking the installed metadata (package_name=) costs --version
# 30 ms of importlib.metadata; tests/test_cli_startup.py checks that both agree.
@click.version_option(version=__version__, prog_name="publisher")
@click.pass_context
def cli(ctx: click.Context, config_file: Path) -> None:
    """Publish a team's Markdown pieces as a static site and as social posts.

    Configuration lives in the publisher block of mkdocs.yml; credentials come from
    environment variables (or a .env file beside mkdocs.yml).

    \b
    Example:
      publisher check && publisher plan && publisher run
    """
    _load_dotenv(config_file)
    install_log_masking()
    ctx.obj = Project(config_file)


def _load_dotenv(config_file: Path) -> None:
    env_file = config_file.resolve().parent / ".env"
    if env_file.is_file():
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)


def main() -> None:
    """Console entry point: only the command asked for is imported (see ``Group.get_command``)."""
    cli.main(prog_name="publisher")
    sys.exit(0)
