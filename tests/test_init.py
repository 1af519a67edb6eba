"""`publisher init`: a new project builds and plans at once, is written all or nothing, and its CI
workflows are valid (YAML, cron expressions, steps, secrets)."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)
from publisher.config import load_settings
from publisher.content import load_library
from publisher.errors import ScaffoldError
from publisher.networks import keys
from publisher.project import schedule
from publisher.project.scaffold import ProjectOptions, project_files, template_files, write_project
from publisher.sending.channels.registry import adapter_class
from publisher.store import open_store

BIN = Path(sys.executable).parent
TODAY = dt.date(2026, 3, 4)


def _options(**changes: object) -> ProjectOptions:
    base = {"site_name": "Acme News", "site_url": "https://news.acme.example/", "timezone": "Europe/Paris",
            "today": TODAY, "requirement": "comms-publisher==0.1.0"}
    base.update(changes)
    return ProjectOptions.defaults(**base)  # type: ignore[arg-type]


def _clean_env() -> dict[str, str]:
    """The environment of a fresh machine: no store override, no credentials."""
    names = {"PUBLISHER_STORE", "PUBLISHER_CONFIG", *_credential_names()}
    env = {k: v for k, v in os.environ.items() if k not in names}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def _credential_names() -> set[str]:
    """Read independently of publisher.project: straight from each adapter class."""
    names: set[str] = set()
    for network in keys():
        cls = adapter_class(network)
        if cls is not None:
            names.update(cls.credential_names, cls.optional_names)
    return names


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=180)


@pytest.mark.slow
def test_new_project_builds_and_plans_at_once(tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    init = CliRunner().invoke(cli, ["init", str(root), "--name", "Acme: News & Views", "--timezone", "Europe/Paris",
                                    "--site-url", "https://news.acme.example/"])
    assert init.exit_code == 0, init.output
    assert not [p.name for p in tmp_path.iterdir() if p.name != "newsroom"], "staging folder left behind"

    build = _run([str(BIN / "mkdocs"), "build", "--strict"], root)
    assert build.returncode == 0, build.stdout + build.stderr
    page = (root / "site" / "articles" / "welcome-to-the-newsroom" / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/publisher.css" in page  # publisher's theme came along
    assert "Acme: News &amp; Views" in page

    plan = _run([str(BIN / "publisher"), "plan"], root)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    settings = load_settings(root / "mkdocs.yml")
    store = open_store(settings.store_url)
    try:
        planned = {r.post.piece for r in store.records()}
    finally:
        store.close()
    pieces = {p.key for p in load_library(settings)}
    assert planned == pieces, "every example piece should get posts"
    assert str(root / ".publisher") in settings.store_url


def test_one_example_piece_per_type_all_published_and_valid(tmp_path: Path) -> None:
    write_project(tmp_path / "p", project_files(_options()))
    settings = load_settings(tmp_path / "p" / "mkdocs.yml")
    library = load_library(settings)
    assert sorted(p.type for p in library) == sorted(settings.plugin.types)
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=ZoneInfo("Europe/Paris"))
    assert len(library.visible(now)) == len(library)
    assert all(p.authors == ("editor",) and p.lang == "en" for p in library)
    assert settings.plugin.timezone == "Europe/Paris"
    assert settings.site_url == "https://news.acme.example/"


def test_no_template_token_is_left(tmp_path: Path) -> None:
    files = project_files(_options())
    leftovers = {path for path, data in files.items() if re.search(rb"%%[a-z_]+%%", data)}
    assert not leftovers


def test_refuses_a_folder_with_files_and_leaves_it_alone(tmp_path: Path) -> None:
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(dest)])
    assert result.exit_code == 1
    assert "expected an empty or new folder" in result.output and str(dest) in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in dest.iterdir()) == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_force_writes_into_a_git_checkout_and_keeps_other_files(tmp_path: Path) -> None:
    dest = tmp_path / "repo"
    (dest / ".git").mkdir(parents=True)
    (dest / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (dest / "README.md").write_text("old readme", encoding="utf-8")
    (dest / "content" / "articles").mkdir(parents=True)
    (dest / "content" / "articles" / "mine.md").write_text("kept", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(dest), "--force"])
    assert result.exit_code == 0, result.output
    assert (dest / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (dest / "content" / "articles" / "mine.md").read_text(encoding="utf-8") == "kept"
    assert (dest / "README.md").read_text(encoding="utf-8") != "old readme"
    assert (dest / "mkdocs.yml").is_file() and (dest / ".github" / "workflows" / "publish.yml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    files = project_files(_options())
    files["mkdocs.yml/impossible"] = b"a file cannot also be a folder"
    with pytest.raises(OSError):
        write_project(tmp_path / "half", files)
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="expected a folder for the new project, found a file"):
        write_project(tmp_path / "file", {"a.md": b""})


def test_bad_options_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    runner = CliRunner()
    bad_zone = runner.invoke(cli, ["init", str(tmp_path / "a"), "--timezone", "Paris"])
    assert bad_zone.exit_code == 2 and "expected an IANA time zone" in bad_zone.output
    bad_url = runner.invoke(cli, ["init", str(tmp_path / "b"), "--site-url", "news.acme.example"])
    assert bad_url.exit_code == 2 and "expected the site's public address" in bad_url.output
    assert list(tmp_path.iterdir()) == []


def test_gitignore_keeps_the_store_and_env_out_of_git(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_project(root, project_files(_options()))
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".publisher").mkdir()
    for rel in (".env", ".publisher/publisher.db", ".publisher/outbox/x.jsonl", "site/index.html", ".env.local"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    ignored = subprocess.run(["git", "check-ignore", ".env", ".publisher/publisher.db", ".publisher/outbox/x.jsonl",
                              "site/index.html", ".env.local", ".env.example", "mkdocs.yml", "content/authors.yml"],
                             cwd=root, capture_output=True, text=True)
    assert ignored.stdout.split() == [".env", ".publisher/publisher.db", ".publisher/outbox/x.jsonl",
                                      "site/index.html", ".env.local"]


def test_env_example_lists_every_credential_of_every_adapter() -> None:
    text = project_files(_options())[".env.example"].decode("utf-8")
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, re.M))
    assert listed == _credential_names() | {"PUBLISHER_STORE"}


def test_secrets_in_the_environment_never_reach_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _credential_names():
        monkeypatch.setenv(name, f"secret-value-of-{name.lower()}")
    for path, data in project_files(_options()).items():
        assert b"secret-value-of-" not in data, path


# -- CI workflows --------------------------------------------------------------------------------

CRON_FIELDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))


def _valid_cron(expr: str) -> bool:
    """Five fields of numbers, ranges, lists, * and */step, each within its bounds."""
    fields = expr.split()
    if len(fields) != 5:
        return False
    for text, (low, high) in zip(fields, CRON_FIELDS, strict=True):
        for part in text.split(","):
            m = re.fullmatch(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?", part)
            if not m:
                return False
            numbers = [int(g) for g in (m.group(2), m.group(3)) if g is not None]
            if any(not low <= n <= high for n in numbers) or (m.group(4) is not None and int(m.group(4)) < 1):
                return False
    return True


def test_cron_checker_rejects_bad_expressions() -> None:
    assert _valid_cron("*/10 * * * *") and _valid_cron("15 23 * * 1-5")
    for bad in ("60 * * * *", "* 24 * * *", "*/0 * * * *", "* * * *", "every day", "5 4 * * 8"):
        assert not _valid_cron(bad), bad


def _workflow(name: str, options: ProjectOptions | None = None) -> dict:
    data = yaml.safe_load(project_files(options or _options())[f".github/workflows/{name}"])
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def test_site_workflow_deploys_on_push_and_nightly_after_local_midnight() -> None:
    wf = _workflow("site.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    (cron,) = [s["cron"] for s in wf["on"]["schedule"]]
    assert _valid_cron(cron)
    assert schedule.local_times(cron, ZoneInfo("Europe/Paris"), TODAY.year) == ["00:15", "01:15"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = _steps(wf["jobs"]["build"])
    uses = [s.get("uses", "").split("@")[0] for s in build]
    assert "actions/upload-pages-artifact" in uses
    runs = [s.get("run", "") for s in build]
    assert "pip install -r requirements.txt" in runs and "mkdocs build --strict" in runs
    assert next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))["with"]["path"] == "site"
    assert wf["jobs"]["deploy"]["needs"] == "build"
    assert _steps(wf["jobs"]["deploy"])[0]["uses"].startswith("actions/deploy-pages@")
    assert "secrets." not in project_files(_options())[".github/workflows/site.yml"].decode()


def test_publish_workflow_runs_every_ten_minutes_serialised_with_credentials_from_secrets() -> None:
    wf = _workflow("publish.yml")
    crons = [s["cron"] for s in wf["on"]["schedule"]]
    assert all(_valid_cron(c) for c in crons)
    assert "*/10 * * * *" in crons
    (daily,) = [c for c in crons if c != "*/10 * * * *"]
    assert wf["concurrency"] == {"group": "publisher-store", "cancel-in-progress": False}
    job = wf["jobs"]["publish"]
    env = job["env"]
    assert set(env) == _credential_names() | {"PUBLISHER_STORE"}
    assert all(value == f"${{{{ secrets.{name} }}}}" for name, value in env.items())
    steps = _steps(job)
    runs = [s.get("run", "") for s in steps]
    order = [next(i for i, r in enumerate(runs) if r.startswith(cmd)) for cmd in
             ("pip install", "publisher plan", "publisher run", "publisher metrics", "publisher doctor")]
    assert order == sorted(order)
    metrics = next(s for s in steps if s.get("run") == "publisher metrics")
    assert metrics["if"] == f"github.event.schedule == '{daily}'"
    restore = next(s for s in steps if s.get("uses", "").startswith("actions/cache/restore@"))
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save@"))
    assert restore["with"]["path"] == save["with"]["path"] == ".publisher"
    assert save["if"].startswith("always()") and "PUBLISHER_STORE == ''" in save["if"]
    assert steps.index(save) == len(steps) - 1
    choices = wf["on"]["workflow_dispatch"]["inputs"]["action"]["options"]
    action = next(s for s in steps if s.get("env", {}).get("ACTION"))
    assert "${{" not in action["run"]  # the input reaches the shell as a variable, never as code
    assert all(f'"{choice}")' in action["run"] for choice in choices if choice != "nothing")


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney", "UTC"])
def test_nightly_build_is_after_local_midnight_all_year(zone: str) -> None:
    cron = _workflow("site.yml", _options(timezone=zone))["on"]["schedule"][0]["cron"]
    minute, hour = (int(x) for x in cron.split()[:2])
    start = dt.datetime(2026, 1, 1, hour, minute, tzinfo=dt.UTC)
    for day in range(0, 365, 5):
        local = (start + dt.timedelta(days=day)).astimezone(ZoneInfo(zone))
        assert dt.time(0, 15) <= local.time() <= dt.time(1, 15), (zone, local)


# -- packaging and theme ---------------------------------------------------------------------------

def test_every_template_file_is_package_data() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["publisher"]
    package = ROOT / "publisher"
    shipped = {Path(p).resolve() for pattern in patterns for p in glob.glob(str(package / pattern), recursive=True)}
    template = package / "project" / "template"
    missing = [rel for rel in template_files() if (template / rel).resolve() not in shipped]
    assert not missing


def test_a_team_override_in_theme_wins_over_publishers_packaged_templates(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_project(root, project_files(_options()))
    assert not (root / "theme" / "piece.html").exists()  # publisher's templates come with the package
    card = root / "theme" / "partials" / "publisher" / "card.html"
    card.parent.mkdir(parents=True)
    card.write_text('<p class="team-card">{{ c.title }}</p>', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert done.returncode == 0, done.stderr
    listing = next((root / "site").glob("articles/index.html")).read_text(encoding="utf-8")
    assert 'class="team-card"' in listing
    piece = next(p for p in (root / "site" / "articles").glob("*/index.html"))
    assert "assets/stylesheets/publisher.css" in piece.read_text(encoding="utf-8")


@pytest.mark.parametrize(("origin", "expected", "local"), [
    ({}, "comms-publisher==0.1.0", None),
    ({"url": "https://github.com/acme/publisher", "vcs_info": {"vcs": "git", "commit_id": "0a1b2c",
                                                               "requested_revision": "v0.1.0"}},
     "comms-publisher @ git+https://github.com/acme/publisher@0a1b2c", None),
    ({"url": "ssh://git@gitlab.acme.example/comms/publisher.git", "vcs_info": {"vcs": "git", "commit_id": "9f8e"},
      "subdirectory": "src"},
     "comms-publisher @ git+ssh://git@gitlab.acme.example/comms/publisher.git@9f8e#subdirectory=src", None),
    ({"url": "https://files.acme.example/comms_publisher-0.1.0.tar.gz",
      "archive_info": {"hashes": {"sha256": "ab12"}, "hash": "sha256=ab12"}},
     "comms-publisher @ https://files.acme.example/comms_publisher-0.1.0.tar.gz#sha256=ab12", None),
    ({"url": "https://files.acme.example/comms_publisher-0.1.0-py3-none-any.whl", "archive_info": {}},
     "comms-publisher @ https://files.acme.example/comms_publisher-0.1.0-py3-none-any.whl", None),
    ({"url": "file:///home/me/dist/comms_publisher-0.1.0-py3-none-any.whl", "archive_info": {"hash": "sha256=cd"}},
     "comms-publisher @ file:///home/me/dist/comms_publisher-0.1.0-py3-none-any.whl#sha256=cd",
     "/home/me/dist/comms_publisher-0.1.0-py3-none-any.whl"),
    ({"url": "file:///home/me/publisher", "dir_info": {"editable": True}},
     "comms-publisher @ file:///home/me/publisher", "/home/me/publisher"),
    ({"url": "file:///home/me/my%20code/publisher", "dir_info": {}},
     "comms-publisher @ file:///home/me/my%20code/publisher", "/home/me/my code/publisher"),
])
def test_requirements_install_publisher_the_way_it_was_installed(origin: dict, expected: str,
                                                                 local: str | None) -> None:
    from publisher.project.scaffold import requirement_for

    requirement = requirement_for(origin, "0.1.0")
    assert (requirement.spec, requirement.local) == (expected, local)


def test_the_requirement_never_names_the_unrelated_publisher_distribution(tmp_path: Path) -> None:
    """`publisher` on PyPI is someone else's project: the default requirement is read from how this
    copy is installed (here: an editable folder), under the distribution name comms-publisher."""
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    lines = [line for line in (tmp_path / "p" / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines == [f"comms-publisher @ {ROOT.as_uri()}"]
    assert f"a path on this machine ({ROOT})" in result.output
    assert "GitHub Actions" in result.output and "--requirement" in result.output
    text = (tmp_path / "p" / "requirements.txt").read_text(encoding="utf-8")
    assert "# Warning: the line below points to a path on the machine" in text


def test_a_given_requirement_is_written_as_is_without_warning(tmp_path: Path) -> None:
    spec = "comms-publisher @ git+https://github.com/acme/publisher@v0.1.0"
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "p"), "--requirement", spec])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    assert (tmp_path / "p" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == spec


@pytest.mark.slow
def test_a_new_project_installs_from_its_requirements_in_a_fresh_venv(tmp_path: Path) -> None:
    """The whole first contact: init, a fresh virtual environment, `pip install -r requirements.txt`
    as the workflows do, then every `run:` step of the site workflow and the publish workflow's
    plan / run / doctor steps, with nothing but that venv's commands on PATH."""
    root = tmp_path / "newsroom"
    init = CliRunner().invoke(cli, ["init", str(root), "--timezone", "Europe/Paris"])
    assert init.exit_code == 0, init.output
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env = _clean_env()
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    # pip caches the wheel it builds from a local folder under the folder's URL: a second run would
    # install the first run's code. A CI runner starts with an empty cache; so does this test.
    env["PIP_NO_CACHE_DIR"] = "1"

    def step(command: str) -> str:
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=root, env=env, capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    site = yaml.safe_load((root / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    publish = yaml.safe_load((root / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    site_runs = [s["run"] for s in site["jobs"]["build"]["steps"] if "run" in s]
    publish_runs = [s["run"] for s in publish["jobs"]["publish"]["steps"] if "run" in s and "if" not in s]
    assert site_runs[0] == publish_runs[0] == "pip install -r requirements.txt"
    step("python -m pip install -q -r requirements.txt")
    # The commands come from the venv, and the code from the project's requirement, not from this checkout's venv.
    assert step("command -v mkdocs publisher").split() == [str(venv / "bin" / "mkdocs"), str(venv / "bin" / "publisher")]
    shown = step("python -m pip show comms-publisher")
    assert f"Location: {venv}" in shown
    for command in site_runs[1:]:
        step(command)
    assert (root / "site" / "articles" / "welcome-to-the-newsroom" / "index.html").is_file()
    for command in publish_runs[1:]:
        step(command)
    assert "proposed" in step("publisher status") or "approved" in step("publisher status")

