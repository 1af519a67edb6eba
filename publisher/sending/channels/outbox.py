"""The dry-run outbox: a network without credentials gets one JSON line per post in a local file.

``.publisher/outbox/<network>.jsonl`` plays the network's part, so the main job runs on a fresh
machine. Each line is appended with one ``write()`` on a descriptor opened with O_APPEND (lines
from several workers never interleave) and, by default, flushed to disk with ``fsync`` before the
post is reported published. Because the file is local, looking a post up in it is proof either
way: found means published; absent after a crash means the write never happened, so the post is
safe to send again (``reconcile`` returns RetryLater(at=now) then).

A post counts as published only when its line is in the file at the outbox's path: the descriptor
is checked against the path (device, inode, link count) before and after each write, so a file
deleted or replaced mid-run (``rm -r .publisher/outbox``) is reopened at its path, and a line that
may have gone into the removed file leaves its post unconfirmed, to be looked up and written again.

fsync policy (``outbox_fsync``): ``always`` flushes every line before the post counts as published;
``second`` flushes at most once a second and on close (a power cut loses at most the last second,
a killed process loses nothing: its lines are already in the kernel); ``never`` leaves it to the system.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from publisher.posts.model import Outcome, Published, QueuedPost, RetryLater, Unconfirmed
from publisher.sending.channels.base import Channel
from publisher.store.types import utc_now

Clock = Callable[[], dt.datetime]
FSYNC_POLICIES = ("always", "second", "never")


def outbox_line(post: QueuedPost, network: str, sent_at: dt.datetime) -> dict[str, Any]:
    """What the outbox records for one post (``id`` first: reconcile looks for it)."""
    card = None
    if post.card is not None:
        card = {"url": post.card.url, "title": post.card.title, "description": post.card.description,
                "image": post.card.image, "image_alt": post.card.image_alt}
    return {
        "id": post.id, "key": post.key, "channel": post.channel, "network": network,
        "piece": post.piece.rsplit("/", 1)[-1], "piece_key": post.piece, "text": post.text, "link": post.link,
        "scheduled_at": post.scheduled_at.astimezone(dt.UTC).isoformat(),
        "sent_at": sent_at.astimezone(dt.UTC).isoformat(), "card": card,
        "lang": post.lang, "role": post.role, "campaign": post.campaign,
        **({"part": f"{post.part}/{post.parts}", "reply_to": post.reply_to} if post.parts else {}),
    }


def read_outbox(path: Path) -> list[dict[str, Any]]:
    """Every complete line of an outbox file (a torn last line after a power cut is skipped)."""
    if not path.exists():
        return []
    lines = []
    with open(path, encoding="utf-8") as fd:
        for raw in fd:
            if raw.endswith("\n"):
                try:
                    lines.append(json.loads(raw))
                except json.JSONDecodeError:
                    continue
    return lines


def _is_line_of(raw: str, post: QueuedPost) -> bool:
    try:
        line = json.loads(raw)
    except ValueError:
        return False
    return isinstance(line, dict) and line.get("id") == post.id and line.get("key") == post.key


def _end_torn_line(path: Path, fd: int, quiet: float = 0.02) -> None:
    """End a last line left without its newline (a writer killed in the middle of its ``write()``: Linux
    stops a write to a file when the process gets SIGKILL), so the next line starts on a line of its own
    instead of continuing the torn one. The torn fragment stays, unreadable, and its post is sent again.

    A line can also look unfinished because another writer is in the middle of it: a write that crosses
    a page boundary makes the file grow page by page, and a look between two pages sees half a line.
    So an unfinished last line is ended only once the file has stopped growing for a moment; if it grows,
    the writer is alive and ends its own line. (Ending it at once put an empty line after the other
    writer's: 1,201 lines for 1,200 posts, under load.)"""
    for _ in range(20):
        size = os.fstat(fd).st_size
        if not size:
            return
        with open(path, "rb") as tail:
            tail.seek(size - 1)
            if tail.read(1) == b"\n":
                return
        time.sleep(quiet)
        if os.fstat(fd).st_size == size:  # nobody is writing: the line was torn
            os.write(fd, b"\n")
            return


class OutboxChannel(Channel):
    """Writes posts to ``<folder>/<network>.jsonl`` instead of sending them."""

    network: ClassVar[str] = "outbox"

    def __init__(self, name: str, settings: Any = None, credentials: Mapping[str, str] | None = None, *,
                 folder: Path, network: str, clock: Clock = utc_now, fsync: str = "second"):
        super().__init__(name, settings, credentials or {})
        self.folder = Path(folder)
        self.target = network
        """The network this outbox stands in for."""
        self.clock = clock
        if fsync not in FSYNC_POLICIES:
            raise ValueError(f"expected an fsync policy among {', '.join(FSYNC_POLICIES)}, got {fsync!r}")
        self.fsync = fsync
        self._fd: int | None = None
        self._synced_at = 0.0
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self.folder / f"{self.target}.jsonl"

    def send(self, post: QueuedPost) -> Outcome:
        data = (json.dumps(outbox_line(post, self.target, self.clock()), ensure_ascii=False) + "\n").encode()
        try:
            with self._lock:
                fd = self._open()
                written = os.write(fd, data)  # one write of one whole line: O_APPEND keeps it in one piece
                if self.fsync == "always" or (self.fsync == "second" and time.monotonic() - self._synced_at >= 1):
                    os.fsync(fd)
                    self._synced_at = time.monotonic()
                still_there = self._is_at_path(fd)
                if not still_there:
                    self._drop()
        except OSError as e:
            # We cannot tell whether bytes reached the file (disk full mid-write): reconcile will look.
            return Unconfirmed(f"outbox {self.path}: {e.strerror or e}")
        if written != len(data):
            return Unconfirmed(f"outbox {self.path}: short write ({written} of {len(data)} bytes)")
        if not still_there:  # deleted or replaced while we wrote: the line may be in a file nobody sees
            return Unconfirmed(f"outbox {self.path} was deleted or replaced while the post was written; "
                               f"it is looked up in the new file and written again if absent")
        return Published(remote_id=f"outbox:{post.id}", url=f"{self.path.as_uri()}#post-{post.id}")

    def reconcile(self, post: QueuedPost) -> Outcome | None:
        marker = f'{{"id": {post.id}, "key": {json.dumps(post.key, ensure_ascii=False)},'
        if self.path.exists():
            with open(self.path, encoding="utf-8", errors="replace") as fd:
                for raw in fd:
                    # The whole line must parse: a line torn by a kill mid-write, then continued by the
                    # next writer's line, starts with the marker too, but the post never fully got out.
                    if raw.startswith(marker) and raw.endswith("\n") and _is_line_of(raw, post):
                        return Published(remote_id=f"outbox:{post.id}", url=f"{self.path.as_uri()}#post-{post.id}",
                                         note="found in the outbox")
        return RetryLater(at=self.clock(), reason=f"not in {self.path.name}: the write never happened; "
                                                  f"safe to send again")

    def _open(self) -> int:
        """The descriptor of the file now at ``path``: a file deleted or replaced since it was opened (the
        outbox folder removed mid-run, a rotation) is closed and the one at the path opened (or made)."""
        if self._fd is not None and not self._is_at_path(self._fd):
            self._drop()
        if self._fd is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            _end_torn_line(self.path, self._fd)
        return self._fd

    def _is_at_path(self, fd: int) -> bool:
        """Whether ``fd`` is still the file at ``path`` (same device and inode, not unlinked)."""
        try:
            here = os.stat(self.path)
        except FileNotFoundError:
            return False
        opened = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (opened.st_dev, opened.st_ino) and opened.st_nlink > 0

    def _drop(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                if self.fsync != "never":
                    os.fsync(self._fd)
                os.close(self._fd)
                self._fd = None

    def __repr__(self) -> str:
        return f"<OutboxChannel {self.name!r} -> {self.path}>"

    __str__ = __repr__


__all__ = ["FSYNC_POLICIES", "OutboxChannel", "outbox_line", "read_outbox"]
