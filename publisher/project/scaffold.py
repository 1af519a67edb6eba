"""The files of a new project, rendered from template/ and written all at once.

    files = project_files(ProjectOptions.defaults(site_name="Acme News", ...))   # pure: path -> bytes
    write_project(Path("newsroom"), files, force=False)                           # all or nothing

Templates are package data under template/. A path part starting with ``dot-`` becomes a dot file
(``dot-gitignore`` -> ``.gitignore``), so packaging globs never skip them. Text templates carry
``%%name%%`` tokens; a token the renderer does not know is an error, never left in a project.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from zoneinfo import ZoneInfo

from publisher.errors import ScaffoldError
from publisher.project import schedule
from publisher.project.credentials import STORE_VARIABLE, all_variable_names, env_example

TEMPLATE_PACKAGE = "publisher.project"
TEMPLATE_DIR = "template"
TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".txt", ".html", ".css", ".xml", ".svg", "")
_TOKEN = re.compile(r"%%([a-z_]+)%%")
PYTHON_VERSION = "3.12"
SITE_BUILD_LOCAL = dt.time(0, 15)
"""Local time of the nightly site build: just after midnight, when pieces dated today become visible."""
METRICS_LOCAL = dt.time(6, 40)
"""Local time of the daily engagement pull: before the team's day starts."""


@dataclass(frozen=True)
class ProjectOptions:
    """What a new project is made of besides the templates."""

    site_name: str
    site_url: str
    timezone: str
    today: dt.date
    """Example pieces are dated around this day, so they are published and planned at once."""
    requirement: Requirement
    """The pip requirement of publisher written to requirements.txt (CI installs it)."""

    @staticmethod
    def defaults(*, site_name: str, site_url: str = "https://example.org/", timezone: str = "UTC",
                 today: dt.date | None = None, requirement: str | Requirement | None = None) -> ProjectOptions:
        zone = ZoneInfo(timezone)
        return ProjectOptions(
            site_name=site_name,
            site_url=site_url if site_url.endswith("/") else site_url + "/",
            timezone=timezone,
            today=today or dt.datetime.now(zone).date(),
            requirement=(Requirement(requirement) if isinstance(requirement, str)
                         else requirement or default_requirement()),
        )


DISTRIBUTION = "comms-publisher"
"""This project's name on package indexes. The import package, the command and the MkDocs plugin are
all called ``publisher``, but that name on PyPI belongs to an unrelated project: a requirement that
says ``publisher`` installs someone else's code."""


@dataclass(frozen=True)
class Requirement:
    """The pip requirement of this project that a new project's requirements.txt holds."""

    spec: str
    local: str | None = None
    """The path on this machine the requirement points to (CI cannot reach it), or None."""


def default_requirement() -> Requirement:
    """How a new project installs publisher: the way this copy was installed, as pip recorded it
    in the distribution's direct_url.json (PEP 610); no such file means it came from an index."""
    # A source checkout installed in editable mode also holds a bare comms_publisher.egg-info, found
    # first when the checkout is on sys.path: the installed copy is the one with direct_url.json.
    found = list(metadata.distributions(name=DISTRIBUTION))
    if not found:
        from publisher import __version__

        return Requirement(f"{DISTRIBUTION}=={__version__}")
    dist = next((d for d in found if d.read_text("direct_url.json") is not None), found[0])
    try:
        origin = json.loads(dist.read_text("direct_url.json") or "{}")
    except ValueError:
        origin = {}
    return requirement_for(origin if isinstance(origin, dict) else {}, dist.version)


def requirement_for(origin: Mapping[str, object], version: str) -> Requirement:
    """A pip requirement from an install's direct_url.json (PEP 610).

    From an index (no direct URL): the exact version. From a VCS: the URL at the commit installed.
    From an archive (wheel or sdist): its URL, with its hash when pip recorded one. From a local
    folder (editable or not): its file URL. A ``file:`` URL is flagged local: CI cannot reach it.
    """
    url = str(origin.get("url", ""))
    if not url:
        return Requirement(f"{DISTRIBUTION}=={version}")
    fragment = ""
    subdirectory = origin.get("subdirectory")
    vcs = origin.get("vcs_info")
    archive = origin.get("archive_info")
    if isinstance(vcs, dict):
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        target = f"{vcs.get('vcs', 'git')}+{url}" + (f"@{revision}" if revision else "")
    elif isinstance(archive, dict):
        target = url
        hashes = archive.get("hashes")
        if isinstance(hashes, dict) and hashes.get("sha256"):
            fragment = f"sha256={hashes['sha256']}"
        elif isinstance(archive.get("hash"), str) and "=" in str(archive["hash"]):
            fragment = str(archive["hash"])
    else:
        target = url
    if isinstance(subdirectory, str) and subdirectory:
        fragment = "&".join(f for f in (fragment, f"subdirectory={subdirectory}") if f)
    spec = f"{DISTRIBUTION} @ {target}" + (f"#{fragment}" if fragment else "")
    local = _local_path(url)
    return Requirement(spec, local)


def _local_path(url: str) -> str | None:
    if not url.startswith("file:"):
        return None
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path) or url


def site_name_for(folder: Path) -> str:
    """A readable default site name from the folder name: acme-newsroom -> Acme Newsroom."""
    words = re.split(r"[-_\s]+", folder.resolve().name)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or "Newsroom"


def tokens(options: ProjectOptions) -> dict[str, str]:
    """The value of every %%token%% the templates may use."""
    zone = ZoneInfo(options.timezone)
    year = options.today.year
    site_cron = schedule.daily_cron(zone, SITE_BUILD_LOCAL, year)
    metrics_cron = schedule.daily_cron(zone, METRICS_LOCAL, year)
    secrets = [STORE_VARIABLE, *all_variable_names()]
    return {
        "site_name": options.site_name,
        # JSON strings are valid YAML scalars: quotes, colons and accents stay safe.
        "site_name_yaml": json.dumps(options.site_name, ensure_ascii=False),
        "site_url_yaml": json.dumps(options.site_url),
        "timezone": options.timezone,
        "today": options.today.isoformat(),
        "yesterday": (options.today - dt.timedelta(days=1)).isoformat(),
        "last_week": (options.today - dt.timedelta(days=7)).isoformat(),
        "requirement": options.requirement.spec,
        "requirement_note": _requirement_note(options.requirement),
        "python": PYTHON_VERSION,
        "site_cron": site_cron,
        "site_cron_local": " or ".join(schedule.local_times(site_cron, zone, year)),
        "metrics_cron": metrics_cron,
        "metrics_cron_local": " or ".join(schedule.local_times(metrics_cron, zone, year)),
        "publish_cron": schedule.EVERY_TEN_MINUTES,
        "secrets_env": "\n".join(f"      {name}: ${{{{ secrets.{name} }}}}" for name in secrets),
    }


def _requirement_note(requirement: Requirement) -> str:
    if requirement.local is None:
        return ""
    return ("# Warning: the line below points to a path on the machine that ran `publisher init`.\n"
            "# GitHub Actions and other people's machines cannot reach it: replace it with a released\n"
            "# version (comms-publisher==X.Y.Z) or a git URL before you push.\n")


def render(text: str, values: Mapping[str, str], where: str) -> str:
    """Fill every %%token%%; an unknown one is a bug in the template, reported with its file."""
    unknown = sorted({m.group(1) for m in _TOKEN.finditer(text)} - set(values))
    if unknown:
        raise ScaffoldError(f"template {where}: unknown tokens {', '.join(unknown)}")
    return _TOKEN.sub(lambda m: values[m.group(1)], text)


def project_path(template_path: str) -> str:
    """Where a template file lands in the project (dot-github/x.yml -> .github/x.yml)."""
    return "/".join("." + part[4:] if part.startswith("dot-") else part for part in template_path.split("/"))


def _walk(node: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                yield from _walk(child, rel + "/")
        else:
            yield rel, child


def template_files() -> dict[str, bytes]:
    """The raw template files, keyed by their path inside template/."""
    root = resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_DIR)
    return {rel: node.read_bytes() for rel, node in _walk(root)}


def project_files(options: ProjectOptions) -> dict[str, bytes]:
    """Every file of a new project, by its path in the project. Touches no project folder."""
    values = tokens(options)
    files: dict[str, bytes] = {}
    for rel, raw in template_files().items():
        data = raw
        if Path(rel).suffix in TEXT_SUFFIXES:
            data = render(raw.decode("utf-8"), values, rel).encode("utf-8")
        files[project_path(rel)] = data
    files[".env.example"] = env_example().encode("utf-8")
    return files


def is_empty_dir(path: Path) -> bool:
    return path.is_dir() and next(path.iterdir(), None) is None


def write_project(dest: Path, files: Mapping[str, bytes], *, force: bool = False) -> None:
    """Write ``files`` under ``dest``, all or nothing.

    Everything is written into a temporary folder beside ``dest`` first. A new folder is then one
    rename; an existing one (empty, or with --force) receives each top-level entry by rename, and
    entries of the same name are replaced. A failure before the renames leaves ``dest`` untouched.
    """
    dest = dest.absolute()
    if dest.exists() and not dest.is_dir():
        raise ScaffoldError(f"{dest}: expected a folder for the new project, found a file")
    if dest.exists() and not is_empty_dir(dest) and not force:
        raise ScaffoldError(f"{dest}: expected an empty or new folder, found files in it "
                            f"(use --force to write the project into it, replacing files of the same name)")
    dest.parent.mkdir(parents=True, exist_ok=True)
    # mkdir (not mkdtemp, which makes a 0700 folder) so the project gets the user's usual permissions.
    staging = dest.parent / f".{dest.name}.init-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        for rel, data in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if not dest.exists():
            os.rename(staging, dest)
            return
        _move_into(staging, dest)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _move_into(staging: Path, dest: Path) -> None:
    """Move each entry of ``staging`` into ``dest``; folders that exist on both sides are merged."""
    for entry in sorted(staging.iterdir()):
        target = dest / entry.name
        if entry.is_dir() and target.is_dir():
            _move_into(entry, target)
        else:
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(entry, target)


__all__ = ["DISTRIBUTION", "ProjectOptions", "Requirement", "default_requirement", "project_files", "project_path", "render", "requirement_for",
           "site_name_for", "template_files", "tokens", "write_project"]
