"""Pauses: the comms lead's crisis switch, for everything or for one channel, optionally until a time.

A pause is active while it is not lifted and its ``until`` (if any) is still ahead. Its start is
not part of that test: a rehearsal with ``--now`` in the past must not send what is paused today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from publisher.store.database import Database
from publisher.store.prepared import Prepared, instant_from_db, instant_to_db
from publisher.store.tables import pauses


@dataclass(frozen=True)
class Pause:
    id: int
    channel: str | None
    """None: every channel."""
    since: dt.datetime
    until: dt.datetime | None
    reason: str
    actor: str

    def describe(self, zone: dt.tzinfo = dt.UTC) -> str:
        """"paused: channel x until 2026-03-02 18:00 CET (reason)", the end in ``zone`` (the team's)."""
        what = f"channel {self.channel}" if self.channel else "everything"
        until = f" until {self.until.astimezone(zone):%Y-%m-%d %H:%M %Z}" if self.until else " until resumed"
        why = f" ({self.reason})" if self.reason else ""
        return f"paused: {what}{until}{why}"


def _active(now: dt.datetime) -> sa.ColumnElement[bool]:
    return sa.and_(pauses.c.lifted_at.is_(None), sa.or_(pauses.c.until.is_(None), pauses.c.until > now))


def _pause(row: sa.Row) -> Pause:
    return Pause(row.id, row.channel, row.since, row.until, row.reason, row.actor)


# Read before every single send, so it runs on the driver (see prepared.py).
_HOLDING = Prepared(
    sa.select(pauses.c.id, pauses.c.channel, pauses.c.since, pauses.c.until, pauses.c.reason, pauses.c.actor)
    .where(pauses.c.lifted_at.is_(None), sa.or_(pauses.c.until.is_(None), pauses.c.until > sa.bindparam("now")),
           sa.or_(pauses.c.channel.is_(None), pauses.c.channel == sa.bindparam("channel")))
    .order_by(pauses.c.channel.is_not(None), pauses.c.id).limit(1))


def active_pause(conn: sa.Connection, channel: str, now: dt.datetime) -> Pause | None:
    """The pause that holds ``channel`` at ``now`` (a global one first), read inside the caller's transaction."""
    row = _HOLDING.run(conn, now=instant_to_db(now, conn.dialect.name == "sqlite"), channel=channel).fetchone()
    if row is None:
        return None
    pause_id, name, since, until, reason, actor = row
    return Pause(pause_id, name, instant_from_db(since), instant_from_db(until), reason, actor)


class PausesStore(Database):
    def pause(self, now: dt.datetime, *, channel: str | None = None, until: dt.datetime | None = None,
              reason: str = "", actor: str = "") -> Pause:
        with self.transaction() as conn:
            new_id = conn.execute(pauses.insert().values(channel=channel, since=now, until=until, reason=reason,
                                                         actor=actor)).inserted_primary_key[0]
            return _pause(conn.execute(sa.select(pauses).where(pauses.c.id == new_id)).one())

    def resume(self, now: dt.datetime, *, channel: str | None = None) -> list[Pause]:
        """Lift the active pauses: all of them, or those of one channel. Returns what was lifted."""
        where = _active(now)
        if channel is not None:
            where = sa.and_(where, pauses.c.channel == channel)
        with self.transaction() as conn:
            lifted = [_pause(r) for r in conn.execute(sa.select(pauses).where(where).order_by(pauses.c.id))]
            if lifted:
                conn.execute(pauses.update().where(pauses.c.id.in_([p.id for p in lifted])).values(lifted_at=now))
        return lifted

    def active_pauses(self, now: dt.datetime) -> list[Pause]:
        with self.reading() as conn:
            return [_pause(r) for r in conn.execute(sa.select(pauses).where(_active(now)).order_by(pauses.c.id))]


__all__ = ["Pause", "PausesStore", "active_pause"]
