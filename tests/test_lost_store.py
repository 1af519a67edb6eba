"""A lost store never resends. Truncate a store whose posts were sent (or delete it: the GitHub Actions
cache that holds it was evicted; or restore an older copy), then plan, approve and run again: before
sending, publisher learns what already went out, from the outbox and from each network's own recent
posts, records it as published, and says so. Nothing goes out twice."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from conftest import ProjectDir
from doubles import Double

from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.sending.channels.outbox import read_outbox
from publisher.store import Store, open_store

PLAN_AT = "2026-11-19T07:00"
FIRST_RUN = "2026-11-21T00:00"
LATER_RUN = "2026-11-26T00:00"


def publisher(project: ProjectDir, *args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args])
    assert result.exit_code == code, result.output
    return result


def plan_approve_run(project: ProjectDir, run_at: str) -> Result:
    publisher(project, "plan", "--now", PLAN_AT)
    publisher(project, "approve", "--all")
    return publisher(project, "run", "--now", run_at)


def store_file(project: ProjectDir) -> Path:
    url = load_settings(project.config_file).store_url
    return Path(url.removeprefix("sqlite:///"))


def truncate(project: ProjectDir) -> None:
    """Every row of every table gone, the schema kept: 'TRUNCATE' by hand."""
    store = open_store(load_settings(project.config_file).store_url)
    with store.transaction() as conn:
        meta = sa.MetaData()
        meta.reflect(conn)
        for table in reversed(meta.sorted_tables):
            if table.name != "schema_migrations":
                conn.execute(table.delete())
    store.close()


def published(project: ProjectDir) -> list[tuple[str, str | None]]:
    store = open_store(load_settings(project.config_file).store_url)
    try:
        return [(r.post.key, r.post.remote_id) for r in store.records(states=["published"])]
    finally:
        store.close()


def outbox_keys(project: ProjectDir) -> Counter[str]:
    folder = load_settings(project.config_file).outbox_dir
    return Counter(line["key"] for path in folder.glob("*.jsonl") for line in read_outbox(path))


@pytest.mark.parametrize("lost", ["truncated", "deleted"])
def test_an_emptied_store_learns_from_the_outbox_and_sends_nothing_twice(sample_project: ProjectDir,
                                                                         lost: str) -> None:
    first = plan_approve_run(sample_project, FIRST_RUN)
    sent = outbox_keys(sample_project)
    assert sum(sent.values()) >= 8 and max(sent.values()) == 1, first.output
    if lost == "truncated":
        truncate(sample_project)
    else:  # the CI cache holding the file was evicted; the outbox folder was kept
        store_file(sample_project).unlink()
        for extra in store_file(sample_project).parent.glob("publisher.db-*"):
            extra.unlink()

    again = plan_approve_run(sample_project, FIRST_RUN)
    assert outbox_keys(sample_project) == sent, "nothing went out twice"
    assert "already gone out" in again.output and "not sent again" in again.output, again.output
    learned = published(sample_project)
    assert len(learned) == sum(sent.values())
    assert all(remote_id and remote_id.startswith("outbox:") for _, remote_id in learned)

    later = publisher(sample_project, "run", "--now", LATER_RUN)  # what was not sent still goes out, once
    grown = outbox_keys(sample_project)
    assert sum(grown.values()) > sum(sent.values()) and max(grown.values()) == 1, later.output


def test_a_store_restored_from_an_older_copy_learns_what_went_out_since(sample_project: ProjectDir) -> None:
    plan_approve_run(sample_project, FIRST_RUN)
    path = store_file(sample_project)
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup = path.with_name("backup.db")
    shutil.copy(path, backup)
    publisher(sample_project, "run", "--now", LATER_RUN)
    sent = outbox_keys(sample_project)
    backup.replace(path)  # last week's copy comes back
    for extra in path.parent.glob("publisher.db-*"):
        extra.unlink()

    again = publisher(sample_project, "run", "--now", LATER_RUN)
    assert outbox_keys(sample_project) == sent, again.output
    assert "restored from an older copy" in again.output, again.output



def test_an_emptied_store_learns_from_each_network_and_sends_nothing_twice(sample_project: ProjectDir,
                                                                          doubles: dict[str, Double]) -> None:
    plan_approve_run(sample_project, FIRST_RUN)
    created = {name: len(double.received("create")) for name, double in doubles.items()}
    before = dict(published(sample_project))
    assert all(created.values()) and sum(created.values()) == len(before)

    truncate(sample_project)
    again = plan_approve_run(sample_project, FIRST_RUN)
    assert {name: len(double.received("create")) for name, double in doubles.items()} == created, again.output
    after = dict(published(sample_project))
    assert after == before, "each post recorded with the network's own id"
    for name in doubles:
        assert f"{name}: " in again.output and "recent posts on" in again.output, again.output


def test_a_network_that_cannot_be_read_holds_its_channel_until_it_can(sample_project: ProjectDir,
                                                                     doubles: dict[str, Double]) -> None:
    plan_approve_run(sample_project, FIRST_RUN)
    masto = doubles["mastodon"]
    created = len(masto.received("create"))
    truncate(sample_project)
    masto.fail("server_error", on="read")  # the account cannot be read now
    publisher(sample_project, "plan", "--now", PLAN_AT)
    publisher(sample_project, "approve", "--all")
    held = publisher(sample_project, "run", "--now", FIRST_RUN, code=5)  # a channel down: cron raises the alarm
    assert len(masto.received("create")) == created, "nothing sent while the store may be behind"
    assert "held: mastodon: the store may be behind" in " ".join(held.output.split()), held.output
    again = publisher(sample_project, "run", "--now", FIRST_RUN)
    assert len(masto.received("create")) == created, again.output
    assert "mastodon: " in again.output and "already gone out" in again.output, again.output


def test_a_webhook_says_it_cannot_be_read_back(sample_project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    from doubles import WebhookDouble

    hook = WebhookDouble().start()
    try:
        monkeypatch.setenv("WEBHOOK_URL", hook.hook_url)
        config = sample_project.config_file
        text = config.read_text(encoding="utf-8")
        assert text.count("      channels:\n") == 1, "the sample's mkdocs.yml declares its channels"
        config.write_text(text.replace("      channels:\n", "      channels:\n        webhook: {}\n"), encoding="utf-8")
        plan_approve_run(sample_project, FIRST_RUN)
        truncate(sample_project)
        again = plan_approve_run(sample_project, FIRST_RUN)
    finally:
        hook.stop()
    assert "webhook: a webhook cannot be read back" in " ".join(again.output.split()), again.output


def doctor(project: ProjectDir) -> dict[str, list[dict[str, str]]]:
    import json

    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "doctor", "--json"])
    data = json.loads(result.output)
    return {"store": [f for f in data["findings"] if f["check"] == "store"]}


@pytest.mark.parametrize("lost", ["truncated", "deleted", "damaged"])
def test_doctor_recognises_an_emptied_or_damaged_store_and_says_what_to_do(sample_project: ProjectDir,
                                                                           lost: str) -> None:
    plan_approve_run(sample_project, FIRST_RUN)
    sent = sum(outbox_keys(sample_project).values())
    before = doctor(sample_project)["store"]
    assert not any("emptied" in f["message"] or "damaged" in f["message"] for f in before), before
    path = store_file(sample_project)
    if lost == "truncated":
        truncate(sample_project)
    elif lost == "deleted":
        path.unlink()
    else:
        with sqlite3.connect(path) as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = bytearray(path.read_bytes())
        data[4096:] = b"\xa5" * (len(data) - 4096)
        path.write_bytes(bytes(data))
    findings = doctor(sample_project)["store"]
    said = " ".join(f"{f['message']} {f['fix']}" for f in findings)
    assert "publisher plan to apply" not in said and said.count("run publisher plan") == 0, said
    if lost == "damaged":
        assert any(f["severity"] == "error" and "damaged" in f["message"] for f in findings), findings
        assert f"mv {path}" in said and "backup" in said
    else:
        assert any(f["severity"] == "warning" and f"records {sent}" in f["message"] for f in findings), findings
    assert "learns what already went out" in said


def test_the_ledger_keeps_one_identity_and_what_each_channel_learned(any_store: Store) -> None:
    now = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    first = any_store.ledger(now)
    assert first.new and first.sent == 0 and first.learned == {}
    any_store.mark_learned("x", now)
    any_store.mark_learned("x", now + dt.timedelta(hours=1))  # learned again: one row, the last time
    again = any_store.ledger(now)
    assert not again.new and again.store_id == first.store_id
    assert again.learned == {"x": now + dt.timedelta(hours=1)}
    any_store.forget_learned()
    assert any_store.ledger(now).learned == {}
    with any_store.transaction() as conn:  # emptied: a new identity, so every channel learns again
        conn.execute(sa.text("DELETE FROM store_ledger"))
    assert any_store.ledger(now).new


def test_a_token_refused_while_learning_disables_the_channel_like_a_refused_send(
        sample_project: ProjectDir, doubles: dict[str, Double]) -> None:
    plan_approve_run(sample_project, FIRST_RUN)
    masto = doubles["mastodon"]
    created = len(masto.received("create"))
    truncate(sample_project)
    masto.fail("expired_token", on="any", times=10)
    publisher(sample_project, "plan", "--now", PLAN_AT)
    publisher(sample_project, "approve", "--all")
    ran = publisher(sample_project, "run", "--now", FIRST_RUN, code=5)
    assert "channel down: mastodon: disabled" in " ".join(ran.output.split()), ran.output
    assert len(masto.received("create")) == created
    masto.faults.clear()
    publisher(sample_project, "resume", "--channel", "mastodon")
    again = publisher(sample_project, "run", "--now", FIRST_RUN)
    assert len(masto.received("create")) == created and "already gone out" in again.output, again.output
