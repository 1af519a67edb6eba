"""How the queue commands show posts and instants: rich tables, times in the team's zone."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # the store pulls in SQLAlchemy: only commands that use it pay for it
    from publisher.store import PostRecord

STATE_STYLES = {"proposed": "yellow", "approved": "green", "sending": "cyan", "published": "blue",
                "failed": "red", "unconfirmed": "magenta", "cancelled": "dim"}


def local(when: dt.datetime | None, zone: ZoneInfo) -> str:
    """An instant as the team reads it: 2026-03-02 09:10 CET."""
    if when is None:
        return "-"
    return when.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def actor() -> str:
    """Who is acting, for the post events (the OS user; PUBLISHER_ACTOR overrides it)."""
    name = os.environ.get("PUBLISHER_ACTOR")
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "unknown"
    return f"{name} (cli)"


def role_of(post: Any) -> str:
    """A post's role, with its place in its thread (launch 2/4)."""
    return f"{post.role} {post.part}/{post.parts}" if getattr(post, "parts", None) else post.role


WIDE = 110
"""Below this many columns the seven-column table cannot give the text room: posts are listed instead."""


def posts_table(records: Iterable[PostRecord], zone: ZoneInfo, title: str, width: int = WIDE) -> RenderableType:
    """The posts as a table on a wide terminal; on a narrow one (80 columns), one line of facts per
    post with its text wrapped beneath, so no column is squeezed to a few letters."""
    if width < WIDE:
        return _posts_list(records, zone, title)
    table = Table(title=title, title_justify="left")
    for column, width in (("id", 3), ("when", 16), ("channel", 7), ("state", 8), ("role", 6), ("piece", 10)):
        table.add_column(column, min_width=width)
    table.add_column("text", min_width=20, max_width=60)
    for r in records:
        p = r.post
        note = f"  [red]({short(r.last_error, 60)})[/red]" if r.last_error and p.state != "published" else ""
        retry = f" retry {local(r.next_attempt_at, zone)}" if r.next_attempt_at and p.state == "approved" else ""
        style = STATE_STYLES.get(p.state, "")
        table.add_row(str(p.id), local(p.scheduled_at, zone), p.channel, f"[{style}]{p.state}[/{style}]{retry}",
                      role_of(p), p.piece, short(p.text) + note)
    return table


def _posts_list(records: Iterable[PostRecord], zone: ZoneInfo, title: str) -> Group:
    rows: list[RenderableType] = [Text(title, style="italic")]
    for r in records:
        p = r.post
        style = STATE_STYLES.get(p.state, "")
        head = Text.assemble((f"{p.id:>4}  ", "bold"), local(p.scheduled_at, zone), "  ", p.channel, "  ",
                             (p.state, style))
        if r.next_attempt_at and p.state == "approved":
            head.append(f"  retry {local(r.next_attempt_at, zone)}")
        rows.append(head)
        rows.append(Padding(Text(f"{p.piece} · {role_of(p)}", style="dim", overflow="fold"), (0, 0, 0, 6)))
        body = Text(short(p.text, 280))
        if r.last_error and p.state != "published":
            body.append(f"  ({short(r.last_error, 120)})", style="red")
        rows.append(Padding(body, (0, 0, 0, 6)))
    return Group(*rows)


def record_json(r: PostRecord) -> dict[str, Any]:
    """A post for --json output (instants in ISO 8601, UTC)."""
    p = r.post

    def iso(when: dt.datetime | None) -> str | None:
        return when.astimezone(dt.UTC).isoformat() if when else None

    return {
        "id": p.id, "key": p.key, "piece": p.piece, "channel": p.channel, "network": p.network, "role": p.role,
        "state": p.state, "scheduled_at": iso(p.scheduled_at), "attempts": p.attempts, "text": p.text,
        "link": p.link, "remote_id": p.remote_id, "remote_url": p.remote_url, "last_error": r.last_error,
        "next_attempt_at": iso(r.next_attempt_at), "edited_at": iso(r.edited_at),
    }


__all__ = ["STATE_STYLES", "actor", "local", "posts_table", "record_json", "short"]
