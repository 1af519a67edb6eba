"""The dry-run outbox and the channel registry: what goes to the outbox, why, and in what shape."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import ProjectDir
from stores import T0, planned_post

from publisher.config import load_settings
from publisher.errors import ChannelError
from publisher.networks import keys
from publisher.networks import network as descriptor
from publisher.posts.model import LinkCard, Outcome, Published, QueuedPost, RetryLater
from publisher.secrets import SECRET_VARIABLES
from publisher.sending.channels.base import Channel
from publisher.sending.channels.outbox import OutboxChannel, _end_torn_line, read_outbox
from publisher.sending.channels.registry import adapter_class, build_channels
from publisher.sending.dispatcher import Dispatcher
from publisher.store import Store

SENT = dt.datetime(2026, 3, 2, 9, 10, 30, tzinfo=dt.UTC)


def queued(n: int, channel: str = "x") -> QueuedPost:
    return QueuedPost(id=n, key=f"articles/launch:{channel}:launch", piece="articles/launch", channel=channel,
                      network=channel, text=f"Post {n} «with» unicode ✓", link="https://t.example/articles/launch/",
                      scheduled_at=T0, lang="fr", state="sending", role="launch",
                      card=LinkCard("https://t.example/articles/launch/", "Launch", "Desc", "articles/img.jpg"))


def test_an_outbox_line_has_what_a_person_or_script_needs(tmp_path: Path) -> None:
    box = OutboxChannel("x", None, folder=tmp_path / "out", network="x", clock=lambda: SENT)
    outcome = box.send(queued(7))
    assert outcome == Published("outbox:7", f"{(tmp_path / 'out' / 'x.jsonl').as_uri()}#post-7")
    (line,) = read_outbox(tmp_path / "out" / "x.jsonl")
    assert line == {
        "id": 7, "key": "articles/launch:x:launch", "channel": "x", "network": "x", "piece": "launch",
        "piece_key": "articles/launch", "text": "Post 7 «with» unicode ✓", "link": "https://t.example/articles/launch/",
        "scheduled_at": "2026-03-02T08:00:00+00:00", "sent_at": "2026-03-02T09:10:30+00:00",
        "card": {"url": "https://t.example/articles/launch/", "title": "Launch", "description": "Desc",
                 "image": "articles/img.jpg", "image_alt": ""},
        "lang": "fr", "role": "launch", "campaign": None,
    }
    box.close()


def test_appends_from_many_threads_never_interleave(tmp_path: Path) -> None:
    boxes = [OutboxChannel(f"c{i}", None, folder=tmp_path, network="x", fsync="never") for i in range(4)]

    def write(box: OutboxChannel, base: int) -> None:
        for n in range(base, base + 300):
            box.send(queued(n))

    threads = [threading.Thread(target=write, args=(b, i * 1000)) for i, b in enumerate(boxes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    raw = (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(raw) == 1200
    assert sorted(json.loads(r)["id"] for r in raw) == sorted(n for i in range(4) for n in range(i * 1000, i * 1000 + 300))


def test_a_line_another_writer_is_still_writing_is_not_ended_for_it(tmp_path: Path) -> None:
    """A look at the file between two pages of another writer's line sees half a line: it is not torn."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"id": 1, "text": "')  # a live writer's line, half written

    def finish() -> None:
        with open(path, "ab", buffering=0) as fd:
            for chunk in (b"a", b"b", b"c", b'"}', b"\n"):
                time.sleep(0.01)
                fd.write(chunk)

    writer = threading.Thread(target=finish)
    writer.start()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        _end_torn_line(path, fd, quiet=0.3)
    finally:
        os.close(fd)
    writer.join()
    assert path.read_bytes() == b'{"id": 1, "text": "abc"}\n'  # one whole line: no newline put inside it
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    _end_torn_line(path, fd)  # a finished file is left alone
    os.close(fd)
    assert path.read_bytes().count(b"\n") == 1


def test_reconcile_looks_the_post_up_in_its_file(tmp_path: Path) -> None:
    box = OutboxChannel("x", None, folder=tmp_path, network="x", clock=lambda: SENT, fsync="always")
    assert box.reconcile(queued(1)) == RetryLater(SENT, "not in x.jsonl: the write never happened; safe to send again")
    box.send(queued(1))
    found = box.reconcile(queued(1))
    assert isinstance(found, Published) and found.remote_id == "outbox:1"
    assert isinstance(box.reconcile(queued(11)), RetryLater)  # id 11 is not id 1
    with open(box.path, "a", encoding="utf-8") as fd:  # a torn line (power cut mid-write) proves nothing
        fd.write('{"id": 2, "key": "articles/launch:x:launch", "te')
    assert isinstance(box.reconcile(queued(2)), RetryLater)
    assert [line["id"] for line in read_outbox(box.path)] == [1]


def test_a_line_torn_by_a_killed_writer_is_not_continued_by_the_next(tmp_path: Path) -> None:
    # A worker killed by SIGKILL in the middle of its write() leaves the start of a line with no newline.
    box = OutboxChannel("x", None, folder=tmp_path, network="x", clock=lambda: SENT, fsync="never")
    box.send(queued(1))
    box.close()
    torn = json.dumps({"id": 2, "key": queued(2).key, "text": "x"}).encode()[:30]
    with open(box.path, "ab") as fd:
        fd.write(torn)
    restarted = OutboxChannel("x", None, folder=tmp_path, network="x", clock=lambda: SENT, fsync="never")
    assert isinstance(restarted.send(queued(3)), Published)
    # Without the repair, post 3's line would continue post 2's fragment: it would read as one line
    # starting with post 2's marker, reconcile would call post 2 published, and post 3's line would be lost.
    assert isinstance(restarted.reconcile(queued(2)), RetryLater)
    assert isinstance(restarted.reconcile(queued(3)), Published)
    assert [line["id"] for line in read_outbox(box.path)] == [1, 3]


def test_reconcile_reads_the_whole_line_not_only_its_start(tmp_path: Path) -> None:
    box = OutboxChannel("x", None, folder=tmp_path, network="x", clock=lambda: SENT, fsync="never")
    whole = json.dumps({"id": 2, "key": queued(2).key, "text": "x"})
    fragment = whole[:whole.index('"text"') + 3]  # past the id and key reconcile looks for
    with open(box.path, "w", encoding="utf-8") as fd:
        fd.write(fragment + json.dumps({"id": 3, "key": queued(3).key}) + "\n")  # two writers' bytes, one line
    assert isinstance(box.reconcile(queued(2)), RetryLater)


@pytest.mark.parametrize("network", keys())
def test_each_adapter_reads_the_credentials_its_descriptor_names(network: str) -> None:
    cls = adapter_class(network)
    found = descriptor(network)
    assert cls is not None and cls.network == network
    assert (cls.credential_names, cls.optional_names) == (found.credentials, found.optional_credentials)


def test_unknown_fsync_policy_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="always, second, never"):
        OutboxChannel("x", None, folder=tmp_path, network="x", fsync="sometimes")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    names = set(SECRET_VARIABLES)
    for network in keys():
        cls = adapter_class(network)
        if cls is not None:
            names.update((*cls.credential_names, *cls.optional_names))
    for name in names:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv("ACME_" + name, raising=False)
    return monkeypatch


def test_networks_without_credentials_go_to_the_outbox_with_a_notice(project: ProjectDir, clean_env: pytest.MonkeyPatch) -> None:
    settings = load_settings(project.config_file)
    built = build_channels(settings)
    assert set(built.outbox) == {"x", "mastodon", "bluesky", "linkedin"}
    assert all(isinstance(c, OutboxChannel) for c in built.active.values())
    assert built.outbox["x"] == project.root / ".publisher" / "outbox" / "x.jsonl"
    x_notice = next(n for n in built.notices if n.startswith("x:"))
    assert x_notice.startswith("x: no credentials (X_API_KEY, X_API_SECRET")
    assert x_notice.endswith("posts go to the dry-run outbox .publisher/outbox/x.jsonl")
    active, notices = build_channels(settings)  # unpacks as (channels, notices) too
    assert set(active) == set(built.active) and len(notices) == 4


class NeedsTwo(Channel):
    network: ClassVar[str] = "x"
    credential_names: ClassVar[tuple[str, ...]] = ("X_API_KEY", "X_API_SECRET")

    def send(self, post: QueuedPost) -> Outcome:
        return Published("1")


def test_incomplete_credentials_hold_the_channel_instead_of_faking_a_send(project: ProjectDir,
                                                                         clean_env: pytest.MonkeyPatch) -> None:
    project.config("channels: {x: {}, acme: {network: x, env_prefix: ACME_}, spare: {network: x, enabled: false}}")
    clean_env.setenv("X_API_KEY", "key-1234567890")
    clean_env.setenv("ACME_X_API_KEY", "acme-key-123456")
    clean_env.setenv("ACME_X_API_SECRET", "acme-secret-123456")
    built = build_channels(load_settings(project.config_file), find_adapter=lambda network: NeedsTwo)
    assert set(built.active) == {"acme"} and isinstance(built.active["acme"], NeedsTwo)
    assert built.active["acme"].credentials == {"X_API_KEY": "acme-key-123456", "X_API_SECRET": "acme-secret-123456"}
    assert "missing credentials X_API_SECRET" in built.held["x"]
    assert built.held["spare"] == "disabled in mkdocs.yml (enabled: false)"
    assert not built.outbox
    assert "acme-secret-123456" not in repr(built.active["acme"])


def test_an_adapter_that_cannot_load_holds_only_its_channel(project: ProjectDir, clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("X_API_KEY", "key-1234567890")

    def broken(network: str) -> type[Channel] | None:
        if network == "x":
            raise ChannelError("tweepy is not installed")
        return None

    built = build_channels(load_settings(project.config_file), find_adapter=broken)
    assert built.held["x"] == "adapter cannot be loaded: ChannelError: tweepy is not installed"
    assert set(built.outbox) == {"mastodon", "bluesky", "linkedin"}


@pytest.mark.parametrize("how", ["folder removed", "file replaced"])
def test_an_outbox_deleted_mid_run_never_counts_a_post_whose_line_is_not_at_its_path(
        sqlite_store: Store, tmp_path: Path, how: str) -> None:
    """2,160 posts were once marked published while their lines went into a deleted file."""
    folder = tmp_path / ".publisher" / "outbox"
    box = OutboxChannel("x", None, folder=folder, network="x", clock=lambda: SENT, fsync="never")
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(60)], T0)
    settled: list[int] = []

    def on_settled(post: QueuedPost, result: Any) -> None:
        settled.append(post.id)
        if len(settled) == 20:
            if how == "folder removed":
                shutil.rmtree(folder)
            else:
                replaced = folder / "x.jsonl.new"
                replaced.write_text("", encoding="utf-8")
                replaced.replace(folder / "x.jsonl")

    dispatcher = Dispatcher(sqlite_store, {"x": box}, clock=lambda: SENT, on_settled=on_settled)
    dispatcher.run_once()
    dispatcher.reconcile_unconfirmed(Counter(), force=True)
    dispatcher.run_once()
    dispatcher.close()
    published = {r.post.id for r in sqlite_store.records(states=["published"])}
    in_file = [line["id"] for line in read_outbox(folder / "x.jsonl")]
    assert len(published) == 60
    # Every post counted published has its line in the file at the outbox's path; the first 20 went
    # out before the removal (their lines are gone with it: a person removed the evidence, not us).
    assert published - set(settled[:20]) <= set(in_file), sorted(published - set(in_file))
    assert len(in_file) == len(set(in_file)) == 40
