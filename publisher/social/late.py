"""Late posts: what happens to an approved post whose moment passed more than a grace window ago.

A pause, a worker outage or a missed cron leaves posts behind. Sent together when sending resumes,
ten of them would go out in the same minute, hours after their moment. Instead (``late_posts`` in
the publisher block):

    reslot   each goes to its channel's next free slot on the calendar (slots, quiet hours,
             blackout dates, cap per day), in the order of the moments they missed; still approved
    review   each goes back to proposed, for a person to approve again (and the plan to re-place)

``late_moves`` is pure: the posts, what each channel already has, the rules and the clock in,
the moves out. The dispatcher applies them before every pass (the claim never takes a late post),
and `publisher resume` applies them at once, so it can say where each one went before anything
is sent.

Lateness is a fact of the real clock. A rehearsal ahead of it (``--now +7d``) fast-forwards time as
if a worker had run all along: what falls due in the rehearsed week is on time, what was already
late on the real clock stays late. A rehearsal of a past moment replays it, as if a worker had run
all along up to it: nothing in it is late (see ``fresh_after``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from publisher.posts.model import QueuedPost
from publisher.social.planner.calendar import ChannelBook, SlotGrid, build_grid, to_instant, to_minutes

ACTIONS = ("reslot", "review")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
REPLAY_SLACK = dt.timedelta(minutes=1)
"""A clock this much behind the real one is a replay (less: the same moment read twice)."""
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class LatePolicy:
    """The late_posts settings and the calendar a re-slotted post is placed on."""

    grace: dt.timedelta = dt.timedelta(hours=2)
    action: str = "reslot"
    zone: ZoneInfo = dt.UTC  # type: ignore[assignment]
    slots: tuple[tuple[dt.time, ...], ...] = ((dt.time(9, 10), dt.time(12, 30), dt.time(17, 15)),) * 5 + ((), ())
    cap_per_day: int = 3
    quiet_hours: tuple[tuple[dt.time, dt.time], ...] = ()
    blackout: tuple[tuple[dt.date, dt.date], ...] = ()
    horizon_days: int = 90
    hours: Mapping[str, tuple[tuple[tuple[dt.time, ...], ...], ZoneInfo]] = field(default_factory=dict)
    """Channel -> its own slots and zone (channels.<name>.slots, shift_minutes, timezone), for those
    that have them; the others use ``slots`` in ``zone``."""


def late_policy_from(settings: Any) -> LatePolicy:
    from publisher.social.planner.rules import channel_hours

    plugin = settings.plugin
    calendar = plugin.calendar
    late = plugin.late_posts
    return LatePolicy(
        grace=dt.timedelta(minutes=int(late.grace_minutes)), action=late.then, zone=ZoneInfo(plugin.timezone),
        slots=tuple(tuple(sorted(set(calendar.slots[day]))) for day in WEEKDAYS), cap_per_day=calendar.cap_per_day,
        quiet_hours=tuple((q.start, q.end) for q in calendar.quiet_hours), blackout=tuple(calendar.blackout),
        horizon_days=calendar.horizon_days,
        hours={name: (h.slots, h.zone) for name, h in channel_hours(plugin).items()})


def fresh_after(now: dt.datetime, real_now: dt.datetime, policy: LatePolicy) -> dt.datetime:
    """The earliest moment a post may have and still go out at ``now``.

    ``now`` is the real clock, or ahead of it in a rehearsal: the window counts from the real clock,
    so the posts due in a rehearsed week are on time in it. ``now`` behind the real clock replays a
    past moment: nothing is late in a replay (the earliest moment is then the epoch).
    """
    if now < real_now - REPLAY_SLACK:
        return EPOCH
    return real_now - policy.grace


@dataclass(frozen=True)
class Move:
    """Where one late post goes (``to`` None: back to review) and the sentence for its history."""

    post: QueuedPost
    next_attempt_at: dt.datetime | None
    to: dt.datetime | None
    detail: str


def _late_by(moment: dt.datetime, now: dt.datetime) -> str:
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} days"


def late_moves(late: Sequence[tuple[QueuedPost, dt.datetime | None]], taken: Callable[[str], Sequence[dt.datetime]],
               now: dt.datetime, policy: LatePolicy) -> list[Move]:
    """Where each late post goes. ``late``: (post, its retry time) in the order of their moments;
    ``taken(channel)``: the instants from ``now`` on where the channel already has a post."""
    moves: list[Move] = []
    books: dict[str, ChannelBook] = {}
    grids: dict[Any, SlotGrid] = {}
    for post, retry in late:
        moment = retry or post.scheduled_at
        local = moment.astimezone(policy.zone)
        missed = f"missed its moment ({local:%Y-%m-%d %H:%M %Z}) by {_late_by(moment, now)}"
        if policy.action == "review":
            moves.append(Move(post, retry, None, f"{missed}: back to review, never sent late"))
            continue
        slots, zone = policy.hours.get(post.channel, (policy.slots, policy.zone))
        grid = grids.get((slots, zone))
        if grid is None:
            grid = grids[(slots, zone)] = build_grid(slots, zone, now, policy.horizon_days, policy.quiet_hours,
                                                     policy.blackout)
        book = books.get(post.channel)
        if book is None:
            book = books[post.channel] = ChannelBook(grid, policy.cap_per_day)
            for at in taken(post.channel):
                book.book(to_minutes(at))
        index = book.free_from(grid.index_from(grid.now))
        if index >= len(grid.instants):
            moves.append(Move(post, retry, None, f"{missed}; no free slot in the next {policy.horizon_days} days: "
                                                 f"back to review"))
            continue
        book.book(grid.instants[index], index)
        to = to_instant(grid.instants[index])
        moves.append(Move(post, retry, to, f"{missed}: moved to the next free slot, "
                                           f"{to.astimezone(policy.zone):%Y-%m-%d %H:%M %Z}"))
    return moves


def settle_late(store: Any, policy: LatePolicy, now: dt.datetime, real_now: dt.datetime,
                channels: Sequence[str] | None, actor: str) -> list[Move]:
    """Find the late posts of ``channels`` (None: all), decide where each goes, and write it; returns
    the moves written (a post claimed or changed meanwhile is left alone)."""
    from publisher.store.late import LateMove

    if channels is not None and not channels:
        return []
    late = store.late_posts(fresh_after(now, real_now, policy), channels)
    if not late:
        return []
    moves = late_moves(late, lambda channel: store.taken_slots(channel, now), now, policy)
    done = {m.post_id for m in store.move_late(
        [LateMove(m.post.id, m.post.scheduled_at, m.next_attempt_at, m.to, m.detail) for m in moves], now, actor)}
    return [m for m in moves if m.post.id in done]


def summary(moves: Sequence[Move]) -> list[str]:
    """One line per move, for `publisher run`, `resume` and the worker's log."""
    return [f"post {m.post.id} ({m.post.channel}, {m.post.piece}): {m.detail}" for m in moves]


__all__ = ["ACTIONS", "LatePolicy", "Move", "fresh_after", "late_moves", "late_policy_from", "settle_late", "summary"]

