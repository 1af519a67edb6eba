"""`publisher doctor`: every check finds what is wrong, says how to fix it, and sets the exit code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ProjectDir
from stores import planned_post

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)
from publisher.config import load_settings
from publisher.networks import keys
from publisher.project.doctor import ERROR, OK, WARNING, Report, diagnose
from publisher.project.scaffold import ProjectOptions, project_files, write_project
from publisher.sending.channels.registry import adapter_class
from publisher.store import Store, open_store
from publisher.store.migrations import discover

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
CREDENTIAL_NAMES = sorted({n for net in keys() if (cls := adapter_class(net))
                           for n in (*cls.credential_names, *cls.optional_names)})


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from a machine without credentials or store override."""
    for name in [*CREDENTIAL_NAMES, "PUBLISHER_STORE"]:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A project just made by `publisher init`; returns its mkdocs.yml."""
    options = ProjectOptions.defaults(site_name="Acme News", site_url="https://news.acme.example/",
                                      timezone="Europe/Paris", today=dt.date(2026, 3, 4),
                                      requirement="comms-publisher==0.1.0")
    write_project(tmp_path / "p", project_files(options))
    return tmp_path / "p" / "mkdocs.yml"


def _doctor(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-f", str(config), "doctor", "--now", NOW.isoformat(), *args])


def _found(report: Report, check: str, severity: str) -> list[str]:
    return [f.message for f in report.findings if f.check == check and f.severity == severity]


def _seed_store(config: Path) -> Store:
    return open_store(load_settings(config).store_url)


def test_fresh_project_has_nothing_to_fix_and_doctor_creates_no_store(fresh: Path) -> None:
    result = _doctor(fresh)
    assert result.exit_code == 0, result.output
    assert "0 to fix" in result.output
    assert "x: no credentials; posts go to the dry-run outbox (.publisher/outbox/x.jsonl)" in result.output
    assert "fix: to post for real, set X_API_KEY, X_API_SECRET" in result.output
    assert "not created yet" in result.output
    assert not (fresh.parent / ".publisher").exists()
    assert _doctor(fresh, "--strict").exit_code == 1  # dry-run channels are warnings


def test_json_output_lists_findings_with_fixes(fresh: Path) -> None:
    data = json.loads(_doctor(fresh, "--json").output)
    assert data["ok"] is True and data["errors"] == 0 and data["warnings"] >= 4
    checks = {f["check"] for f in data["findings"]}
    assert {"configuration", "content", "credentials", "store", "pieces"} <= checks
    assert all(f["fix"] for f in data["findings"] if f["severity"] != OK)


def test_configuration_errors_stop_the_other_checks(project: ProjectDir) -> None:
    project.config("timezone: Paris/Mars\nchannels: {x: {}, myspace: {}}")
    result = _doctor(project.config_file, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    messages = [f["message"] for f in data["findings"]]
    assert any("mkdocs.yml: 'plugins.publisher.timezone': expected an IANA time zone" in m for m in messages)
    assert {f["check"] for f in data["findings"]} == {"configuration"}
    assert "Traceback" not in result.output


def test_content_errors_name_the_file_and_the_other_checks_still_run(project: ProjectDir) -> None:
    project.piece("articles/bad.md", "title: Bad\ndate: tomorrow")
    report = diagnose(project.config_file, NOW)
    (message,) = _found(report, "content", ERROR)
    assert message.startswith("content/articles/bad.md: 'date': expected a date")
    assert "edit content/articles/bad.md ('date')" in next(f.fix for f in report.findings if f.check == "content")
    assert _found(report, "credentials", WARNING) and _found(report, "store", OK)


def test_missing_and_malformed_credentials_per_channel(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    project.config("channels:\n  x: {}\n  mastodon: {}\n  bluesky: {}\n  team-x: {network: x, env_prefix: TEAM_}")
    monkeypatch.setenv("X_API_KEY", "key-value-0123456789")  # one of four: incomplete
    monkeypatch.setenv("MASTODON_BASE_URL", "not a url")
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "token-value-0123456789")
    for name in ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"):
        monkeypatch.setenv(f"TEAM_{name}", f"team-{name.lower()}-0123456789")
    result = _doctor(project.config_file)
    assert result.exit_code == 1
    report = diagnose(project.config_file, NOW)
    errors = _found(report, "credentials", ERROR)
    assert any(m.startswith("x: X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET not set while X_API_KEY is")
               for m in errors)
    assert any(m.startswith("mastodon: ") and "MASTODON_BASE_URL" in m for m in errors)
    assert any(m.startswith("bluesky: no credentials") for m in _found(report, "credentials", WARNING))
    assert any(m.startswith("team-x (x): credentials set (TEAM_X_API_KEY") for m in _found(report, "credentials", OK))
    for secret in ("key-value-0123456789", "token-value-0123456789", "team-x_api_key-0123456789"):
        assert secret not in result.output


def test_unreachable_store_is_an_error_and_its_password_is_never_shown(project: ProjectDir,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLISHER_STORE", "postgresql://postgres:hunter2-secret@127.0.0.1:1/nothing")
    result = _doctor(project.config_file)
    assert result.exit_code == 1
    assert "cannot reach the store" in result.output
    assert "PUBLISHER_STORE variable" in result.output
    assert "hunter2-secret" not in result.output


@pytest.mark.postgres
def test_store_on_postgresql_is_reachable(project: ProjectDir, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(pg_url).close()
    monkeypatch.setenv("PUBLISHER_STORE", pg_url)
    report = diagnose(project.config_file, NOW)
    assert any("reachable (postgresql)" in m for m in _found(report, "store", OK))
    assert _found(report, "migrations", OK) == ["every migration is applied"]


def test_pending_migrations_are_named(project: ProjectDir) -> None:
    store = Store(load_settings(project.config_file).store_url)
    store.prepare()
    everything = discover()
    store.migrate(everything[:1])
    store.close()
    report = diagnose(project.config_file, NOW)
    (message,) = _found(report, "migrations", ERROR)
    assert message == f"{len(everything) - 1} migrations not applied: {', '.join(m.name for m in everything[1:])}"
    assert "publisher plan" in next(f.fix for f in report.findings if f.check == "migrations")


def test_unconfirmed_posts_disabled_channels_and_pauses_wait_for_a_person(project: ProjectDir) -> None:
    project.config("channels: {x: {}, mastodon: {}}")
    store = _seed_store(project.config_file)
    try:
        before = NOW - dt.timedelta(hours=2)
        store.apply_plan([planned_post(1, "x", at=before, state="approved"),
                          planned_post(2, "mastodon", at=before, state="approved"),
                          planned_post(3, "x", at=NOW + dt.timedelta(hours=3), role="follow-up-3")], before)
        sent = store.claim_next("x", before, "w1").post
        assert sent is not None
        store.settle(sent.id, "w1", before, "unconfirmed", "timeout after the request")
        refused = store.claim_next("mastodon", before, "w1").post
        assert refused is not None
        store.settle(refused.id, "w1", before, "approved", "401", refund_attempt=True,
                     disable_channel="401 Unauthorized (token expired)")
        store.pause(before, channel="x", reason="breaking news", actor="lead")
    finally:
        store.close()
    result = _doctor(project.config_file)
    assert result.exit_code == 1
    report = diagnose(project.config_file, NOW)
    (unconfirmed,) = _found(report, "posts", ERROR)
    assert unconfirmed.startswith(f"post {sent.id} (x, articles/piece-1) was sent but its outcome is unknown")
    assert f"publisher confirm {sent.id} --published" in result.output
    assert _found(report, "posts", WARNING) == ["1 proposed post due within 24 hours (or overdue) not approved yet"]
    assert _found(report, "channels", ERROR) == ["mastodon: disabled after 401 Unauthorized (token expired); its posts wait"]
    assert "publisher resume --channel mastodon" in result.output
    assert any("breaking news" in m for m in _found(report, "channels", WARNING))


LONG = ("This sentence is deliberately long so that it cannot fit on a network with a short limit, and it keeps "
        "going with more words about sovereignty, reversibility, budgets, hardware lifetimes and the people who "
        "run the infrastructure every day, until it is well past any short limit.")


def test_pieces_that_would_make_no_posts(project: ProjectDir) -> None:
    project.config("channels: {x: {}, linkedin: {}}")
    project.piece("articles/too-long.md", f"title: {LONG}\ndate: 2026-03-01\nsummary: {LONG}\ntakeaways: ['{LONG}']")
    project.piece("articles/fine.md", "title: Short and fine\ndate: 2026-03-01\nsummary: A short summary.")
    project.piece("articles/draft.md", f"title: {LONG}\ndate: 2026-03-01\ndraft: true\nsummary: {LONG}")
    report = diagnose(project.config_file, NOW)
    warnings = _found(report, "pieces", WARNING)
    assert [w for w in warnings if w.startswith("content/articles/too-long.md: nothing fits x (x: ")]
    few = "content/articles/fine.md: 2 usable excerpts for 3 posts (launch and follow-ups): fewer posts are planned"
    assert few in warnings
    fix = next(f.fix for f in report.findings if f.message == few)
    assert fix.startswith("add takeaways or quotes to content/articles/fine.md")
    assert not _found(report, "pieces", ERROR)
    # Said next to that warning, the summary line must not claim that all is well.
    assert _found(report, "pieces", OK) == ["every piece can make at least one post on its channels (3 checked; "
                                            "2 with fewer posts than their plan asks, above)"]

    project.config("channels: {x: {}}")
    report = diagnose(project.config_file, NOW)
    (error,) = _found(report, "pieces", ERROR)
    assert error.startswith("content/articles/too-long.md: no candidate post fits any channel (x: ")
    fix = next(f.fix for f in report.findings if f.check == "pieces" and f.severity == ERROR)
    assert "social:" in fix
    assert _doctor(project.config_file).exit_code == 1


def test_a_credential_written_into_mkdocs_yml_is_an_error(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "mastodon-token-4242424242")
    project.config("lang: en", extra="site_description: mastodon-token-4242424242\n")
    result = _doctor(project.config_file)
    assert result.exit_code == 1
    assert "contains the value of a credential" in result.output
    assert "mastodon-token-4242424242" not in result.output


def test_gitignore_must_keep_env_and_store_out(project: ProjectDir) -> None:
    def about_git(report: Report) -> list[str]:
        return sorted(m for m in _found(report, "site", WARNING) if m.startswith(".gitignore"))

    assert about_git(diagnose(project.config_file, NOW)) == [
        ".gitignore does not list .env (credentials)", ".gitignore does not list .publisher/ (the store and the outbox)"]
    project.write(".gitignore", ".env\n.publisher/\n")
    assert about_git(diagnose(project.config_file, NOW)) == []


def test_placeholder_site_url_is_flagged(project: ProjectDir, fresh: Path) -> None:
    project.write("mkdocs.yml", project.config_file.read_text(encoding="utf-8").replace(
        "https://test.example.org/", "https://news.clairval.fr/"))
    assert not [m for m in _found(diagnose(project.config_file, NOW), "site", WARNING) if "site_url" in m]
    (warning,) = [m for m in _found(diagnose(fresh, NOW), "site", WARNING) if "site_url" in m]
    assert warning == "mkdocs.yml: 'site_url' is still the placeholder https://news.acme.example/; posts would link there"


def test_a_store_migrated_by_a_newer_publisher_is_an_error(project: ProjectDir) -> None:
    from publisher.store.migrations import Migration

    store = _seed_store(project.config_file)
    try:
        store.migrate([*discover(), Migration(9999, "future_tables", "m9999_future_tables", lambda conn: None)])
    finally:
        store.close()
    report = diagnose(project.config_file, NOW)
    (message,) = _found(report, "migrations", ERROR)
    assert message.startswith("the store was migrated by a newer publisher (future_tables)")


def test_a_malformed_ambassadors_file_is_reported_with_its_field(project: ProjectDir) -> None:
    project.write("ambassadors.yml", "jdupont:\n  team: Sales West\n  networks: [linkedin, fax]\n")
    report = diagnose(project.config_file, NOW)
    messages = _found(report, "content", ERROR)
    assert any(m.startswith("ambassadors.yml: 'jdupont.name': is required") for m in messages), messages
    assert _doctor(project.config_file).exit_code == 1


def test_requirements_that_install_the_unrelated_publisher_project_are_an_error(fresh: Path) -> None:
    """Projects made before the rename say publisher==0.1.0: on PyPI that is someone else's project."""
    requirements = fresh.parent / "requirements.txt"
    assert _found(diagnose(fresh, NOW), "install", OK) == ["requirements.txt: installs comms-publisher==0.1.0"]
    requirements.write_text("# comment\nPublisher==0.1.0  # ours\nfeedparser\n", encoding="utf-8")
    (message,) = _found(diagnose(fresh, NOW), "install", ERROR)
    assert message.startswith("requirements.txt:2: 'Publisher==0.1.0' installs 'publisher' from the package index, "
                              "an unrelated project")
    assert _doctor(fresh).exit_code == 1
    requirements.write_text("comms-publisher @ file:///home/me/publisher\n", encoding="utf-8")
    (message,) = _found(diagnose(fresh, NOW), "install", WARNING)
    assert "is a path on one machine; CI and other people's machines cannot install it" in message


def test_the_credentials_hint_points_to_a_file_the_project_has(project: ProjectDir, fresh: Path) -> None:
    def hints(config: Path) -> set[str]:
        return {f.fix for f in diagnose(config, NOW).findings if f.check == "credentials" and f.severity == WARNING}

    assert all(h.endswith("see .env.example") for h in hints(fresh)) and (fresh.parent / ".env.example").is_file()
    assert not (project.root / ".env.example").exists()
    assert all("docs/guide/reference/credentials.md" in h and ".env.example" not in h
               for h in hints(project.config_file))


def test_placeholder_calls_to_action_are_flagged(fresh: Path) -> None:
    """init's example landing pieces call to mailto:hello@example.org: nobody reads that mailbox."""
    warnings = [m for m in _found(diagnose(fresh, NOW), "site", WARNING) if "call to action" in m or "cta" in m]
    assert any("'cta.url' is still the example mailto:hello@example.org" in m for m in warnings), warnings
    check = CliRunner().invoke(cli, ["-f", str(fresh), "check", "--now", NOW.isoformat()])
    assert "is still the example mailto:hello@example.org: readers who click it reach no one" in check.output
    for piece in (fresh.parent / "content").rglob("*.md"):
        piece.write_text(piece.read_text(encoding="utf-8").replace("mailto:hello@example.org",
                                                                   "https://acme.fr/contact/"), encoding="utf-8")
    config = fresh.read_text(encoding="utf-8")
    fresh.write_text(config.replace("  - publisher:\n", "  - publisher:\n      site: {cta: {url: 'https://acme.fr/contact/'}}\n"),
                     encoding="utf-8")
    assert not [m for m in _found(diagnose(fresh, NOW), "site", WARNING) if "is still the example" in m]
    output = CliRunner().invoke(cli, ["-f", str(fresh), "check", "--now", NOW.isoformat()]).output
    assert output.strip() == "OK: 5 pieces (5 published, 0 scheduled, 0 drafts), 1 author."  # not '1 authors'



def test_a_takeaway_that_is_not_posted_is_named_with_the_fix(project: ProjectDir) -> None:
    project.config("channels: {x: {}}")
    project.piece("case-studies/bakery.md", "title: Westgate Bakeries gets paid on time\ndate: 2026-03-01\n"
                  "takeaways:\n  - Invoices overdue by 60 days fell from £38,400 to £4,100.\n"
                  "  - Westgate Bakeries now gets paid in 19 days instead of 47.")
    report = diagnose(project.config_file, NOW)
    held = [w for w in _found(report, "pieces", WARNING) if "is not posted" in w]
    assert held == ["content/case-studies/bakery.md: takeaway 'Invoices overdue by 60 days fell from £38,400 to "
                    "£4,100.' is not posted: a figure that does not say whose it is"], held
    fix = next(f.fix for f in report.findings if f.message == held[0])
    assert "name who the figure belongs to" in fix


def test_a_title_that_quotes_words_nobody_says_is_named_with_the_fix(project: ProjectDir) -> None:
    project.config("channels: {x: {}}")
    project.piece("interviews/hamel.md", "title: \"Armelle Hamel: “The pager doesn’t care that it’s Christmas”\"\n"
                  "date: 2026-03-01\nguest: {name: Armelle Hamel, role: Station Chief, organization: Port-Vauquelin "
                  "Coastguard}\n", body="“People just get more confident after lunch,” says Armelle Hamel.\n")
    report = diagnose(project.config_file, NOW)
    said = [w for w in _found(report, "pieces", WARNING) if "the title quotes" in w]
    assert said == ["content/interviews/hamel.md: the title quotes words the piece never gives its speaker; posts "
                    "leave the title out (the link card still shows it)"], said


ROOF_BODY = """The old roof of the Saint-Amand school was replaced over the summer.

| Part | Area |
|---|---:|
| North wing | 318 m² |
| South wing | 92 m² |

The heating bill went from 41,200 € to 24,300 € in the first winter, and the caretaker counts 62 percent fewer
leaks reported than before.
"""


@pytest.mark.parametrize(("takeaway", "warned"), [
    # set 163: a figure the body never gives, and nothing in it explains
    ("The new roof cost 38,000 € less than a rebuild.", "38,000"),  # as the author wrote it
    ("Pupils lost 12 days of class to leaks in 2025.", "12"),
    # said in the body another way: a sum, a change, a rounding, a figure as written
    ("410 m² of roof replaced in one summer.", None),
    ("The heating bill fell by 41 percent.", None),
    ("About 60 percent fewer leaks reported.", None),
    ("Heating now costs 24 300 € a year.", None),
    ("Three wings, one summer.", None),  # no count of ten or more
])
def test_a_takeaway_figure_the_body_never_gives_is_worth_a_look(project: ProjectDir, takeaway: str,
                                                                  warned: str | None) -> None:
    project.config("channels: {x: {}}")
    project.piece("case-studies/roof.md", f"title: A new roof for Saint-Amand school\ndate: 2026-03-01\n"
                  f"takeaways:\n  - \"{takeaway}\"", body=ROOF_BODY)
    report = diagnose(project.config_file, NOW)
    said = [w for w in _found(report, "pieces", WARNING) if "which the body never writes" in w]
    if warned is None:
        assert said == [], said
    else:
        assert said == [f"content/case-studies/roof.md: takeaway '{takeaway}' gives {warned}, which the body never "
                        "writes; it is posted as written"], said
