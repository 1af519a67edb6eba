"""The pure planner: pieces + rules + a clock (+ what was already sent) -> a plan.

Each piece that is visible at ``now`` (not a draft, publication date reached) gets, on each of its
channels, the posts its rules ask for; each is a *role* with a stable key piece:channel:role:

- ``launch``: on publication day on every channel, the first free slot at or after publication
  (or the campaign's start). The n-th channel goes ``n x stagger_minutes`` after the slot, so no two
  networks get the piece in the same hour.
- ``follow-up-N``: N calendar days after the launch moment, with the next candidate in turn (not the
  launch's text).
- ``evergreen-n``: from ``after_days`` after publication, every ``every_days``, at most
  ``max_times``, never after ``end_after_days`` (nor after the campaign's end).

Future pieces are not planned: the static site only has their page after a build that follows their
date, so a post made earlier would link to a missing page; the plan made once ``now`` reaches the
date places the launch at the next slot. A launch or follow-up whose moment passed more than
``catch_up_days`` ago is skipped rather than posted late.

Placement goes launches first, then follow-ups, then evergreen rounds (every piece's first recycle
before anyone's second), each in time order and then by piece key, so the same inputs always give
the same plan. A slot is used when the channel has no post there, the day's cap is not reached, and
an excerpt is free: not on the same network within ``cooldown_days``, and not on another network
for this piece within the hour. When every excerpt is blocked, the search jumps to the first moment
one is free instead of trying slot after slot.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from publisher.content.model import Piece
from publisher.performance import gc_paused
from publisher.posts.model import Dropped, Plan, SentPost
from publisher.social.planner.calendar import ChannelBook, add_days, build_grid, to_minutes
from publisher.social.planner.fitting import PieceFits, Progress, fit_pieces
from publisher.social.planner.placement import (
    DAY,
    Candidate,
    Lane,
    PieceState,
    Placer,
    new_candidate,
    new_dropped,
)
from publisher.social.planner.rules import PlanRules
from publisher.social.render import Fitted


def make_plan(pieces: Iterable[Piece], rules: PlanRules, now: dt.datetime,
              history: Sequence[SentPost] = (), scores: Mapping[tuple[str, str], float] | None = None, *,
              parallel: bool = True, progress: Progress | None = None) -> Plan:
    """Plan posts for ``pieces`` from ``now`` to the horizon; ``history`` is what the store already sent.

    ``scores`` maps (network, excerpt id) to how well an excerpt did; evergreen recycles prefer higher
    scores. The result depends only on the arguments: ``parallel=False`` fits every candidate in this
    process instead of sharing big plans with a helper process (fitting.py), with the same result.
    ``progress`` (for a progress bar) hears ("fitting", pieces done, pieces), then ("placing", rounds
    of recycles done, rounds) from this thread; it does not change the plan.
    """
    if now.tzinfo is None:
        raise ValueError("make_plan needs an aware 'now'")
    with gc_paused():  # hundreds of thousands of long-lived objects, no cycles: see publisher/performance.py
        return _plan(pieces, rules, now.astimezone(dt.UTC), history, scores or {}, parallel, progress)


def _plan(pieces: Iterable[Piece], rules: PlanRules, now: dt.datetime, history: Sequence[SentPost],
          scores: Mapping[tuple[str, str], float], parallel: bool, progress: Progress | None) -> Plan:
    grid = build_grid(rules.slots, rules.zone, now, rules.horizon_days, rules.quiet_hours, rules.blackout)
    placer = Placer(rules, grid, scores)
    books = {name: ChannelBook(grid, rules.cap_per_day) for name in rules.channels}
    sent_keys: set[str] = set()
    sent_by_piece: dict[str, list[SentPost]] = defaultdict(list)
    for post in sorted(history, key=lambda p: (p.at, p.key)):
        sent_keys.add(post.key)
        sent_by_piece[post.piece].append(post)
        at = to_minutes(post.at)
        if post.channel in books and at >= grid.now - DAY:  # only today's posts count against today's cap
            books[post.channel].book(at)
    notes: set[str] = set()
    visible = sorted((p for p in pieces if p.is_visible(now)), key=lambda p: p.key)
    planned = [_prepare(piece, fits, rules, books, placer, notes)
               for piece, fits in zip(visible, fit_pieces(visible, rules, parallel=parallel, progress=progress), strict=True)]
    for piece in planned:
        for post in sent_by_piece.get(piece.key, ()):
            piece.remember(post.channel, post.network, post.excerpt_id, to_minutes(post.at),
                           post.key.endswith(":launch"))
    skipped = _launches_and_follow_ups(planned, placer, sent_keys, now)
    _evergreen(planned, placer, sent_by_piece, now, progress)
    for piece in planned:  # a piece and its lanes point at each other: let reference counting free them
        piece.lanes.clear()
    if skipped:
        notes.add(f"{skipped} launch or follow-up posts skipped: their moment passed more than catch_up_days ago")
    posts = sorted(placer.posts, key=attrgetter("scheduled_at", "channel", "key"))
    return Plan(tuple(posts), tuple(placer.dropped), tuple(sorted(notes)))


def _prepare(piece: Piece, fits: PieceFits, rules: PlanRules, books: dict[str, ChannelBook], placer: Placer,
             notes: set[str]) -> PieceState:
    """The piece's state and one lane per channel with the candidates that fit it (the others noted as
    dropped)."""
    campaign = rules.campaign_of(piece)
    ruleset = campaign.rules if campaign else rules.rules
    if campaign and not campaign.configured:
        notes.add(f"{piece.key}: campaign {campaign.key!r} is not in mkdocs.yml; using {campaign.hashtag} "
                  f"and utm_campaign={campaign.key}")
    launch_at = piece.date.astimezone(dt.UTC)
    if campaign and campaign.start and campaign.start > launch_at:
        launch_at = campaign.start
    key = piece.key
    state = PieceState(piece, key, ruleset, rules.context(piece), campaign.end if campaign else None, launch_at,
                       ruleset.cooldown_days * DAY)
    names = ruleset.channels
    channels = [rules.channels[name] for name in names]
    lanes: list[list[Candidate]] = [[] for _ in names]
    dropped = placer.dropped
    excerpts, results = fits
    for order, (excerpt, row) in enumerate(zip(excerpts, results, strict=True)):
        for channel, fitting, result in zip(channels, lanes, row, strict=True):
            if type(result) is Fitted:
                fitting.append(new_candidate(Candidate, (order, excerpt, result)))
            elif excerpt.network in (None, channel.network):  # a post written for another network: no drop
                dropped.append(new_dropped(key, channel.name, excerpt.id, result.reason))  # type: ignore[union-attr]
    for name, channel, fitting in zip(names, channels, lanes, strict=True):
        ids = [c.excerpt.id for c in fitting]
        state.lanes[name] = Lane(state, name, channel, books[name], fitting, {e: i for i, e in enumerate(ids)}, ids,
                                 f"{key}:{name}:", cards=channel.link_card)
        if not fitting:
            dropped.append(Dropped(key, name, "", f"no candidate fits {channel.network}"))
    return state


def _launches_and_follow_ups(planned: list[PieceState], placer: Placer, sent: set[str], now: dt.datetime) -> int:
    """Launches first, then follow-ups, each in time order; returns how many were skipped as late."""
    zone = placer.rules.zone
    requests: list[Request] = []
    skipped = 0
    roles_of: dict[int, list[tuple[str, int]]] = {}
    for piece in planned:
        ruleset = piece.rules
        roles = roles_of.get(id(ruleset))
        if roles is None:
            roles = roles_of[id(ruleset)] = ([("launch", 0)] if ruleset.launch else []) + [
                (f"follow-up-{n}", n) for n in ruleset.follow_ups]
        for role, order in roles:
            target = piece.launch_at
            # Days in a zone are never two days long (one may skip a date): well past, no zone arithmetic.
            late = target + dt.timedelta(days=order + ruleset.catch_up_days + 2) < now
            if not late:
                target = add_days(target, order, zone) if order else target
                late = add_days(target, ruleset.catch_up_days, zone) < now
            if late:
                skipped += (sum(f"{piece.key}:{name}:{role}" not in sent for name in ruleset.channels) if sent
                            else len(ruleset.channels))
                continue
            earliest = to_minutes(max(target, now))
            # Late by catch_up_days at most: the end of that local day closes the window.
            last_day = add_days(target, ruleset.catch_up_days, zone).astimezone(zone).date()
            end = to_minutes(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tzinfo=zone))
            if piece.campaign_end:
                end = min(end, to_minutes(piece.campaign_end))
            for k, name in enumerate(ruleset.channels):
                if f"{piece.key}:{name}:{role}" not in sent:
                    requests.append(Request(order, earliest, piece.key, k, role, end, piece.lanes[name]))
    requests.sort(key=attrgetter("days_after_launch", "earliest", "piece", "channel_index"))
    for request in requests:
        lane, role = request.lane, request.role
        offset = lane.state.rules.stagger_minutes * request.channel_index if role == "launch" else 0
        placer.place(lane, role, request.earliest, offset, request.end)
    return skipped


class Request(NamedTuple):
    """A launch or follow-up to place on one lane."""

    days_after_launch: int
    earliest: int
    piece: str
    channel_index: int
    """The channel's position in the piece's rules (a launch goes stagger_minutes x this later)."""
    role: str
    end: int
    """Last minute it may go out (catch_up_days, the campaign's end)."""
    lane: Lane


@dataclass(slots=True)
class Chain:
    """One lane's evergreen recycles: the next one's number and earliest minute, and their limits."""

    earliest: int
    piece: str
    channel_index: int
    n: int
    end: int
    every: int
    most: int
    lane: Lane


_chain_order = attrgetter("earliest", "piece", "channel_index")  # never ties: lanes are never compared


def _evergreen(planned: list[PieceState], placer: Placer, sent_by_piece: dict[str, list[SentPost]],
               now: dt.datetime, progress: Progress | None) -> None:
    """Recycle in rounds: every piece's n-th recycle is placed before anyone's (n+1)-th."""
    zone, grid = placer.rules.zone, placer.grid
    chains: list[Chain] = []
    for piece in planned:
        rule = piece.rules.evergreen
        if not rule.enabled or rule.max_times <= 0:
            continue
        end = add_days(piece.piece.date, rule.end_after_days, zone)
        if piece.campaign_end and piece.campaign_end < end:
            end = piece.campaign_end
        if end < now:
            continue
        start = max(add_days(piece.piece.date, rule.after_days, zone), now)
        sent = [p for p in sent_by_piece.get(piece.key, ()) if ":evergreen-" in p.key]
        for k, name in enumerate(piece.rules.channels):
            done = [p for p in sent if p.channel == name]
            n = 1 + max((int(p.key.rsplit("-", 1)[1]) for p in done), default=0)
            earliest = start
            if done:
                earliest = max(earliest, add_days(max(p.at for p in done), rule.every_days, zone))
            if n <= rule.max_times and earliest <= end:
                chains.append(Chain(to_minutes(earliest), piece.key, k, n, to_minutes(end), rule.every_days,
                                    rule.max_times, piece.lanes[name]))
    recycle, add, offsets, horizon = placer.recycle, grid.add_days, grid.offsets, grid.end
    roles = [f"evergreen-{n}" for n in range(1 + max((chain.most for chain in chains), default=0))]
    # grid.add_days for `every` days from each local day where neither day changes its UTC offset
    # (every day but a few a year): the minutes to add, worked out once per day and `every`.
    shifts: dict[int, dict[int, int]] = {}
    for every in {chain.every for chain in chains}:
        shifts[every] = {day: every * 1440 + offset - offsets[day + every]
                         for day, offset in offsets.items() if day + every in offsets}
    rounds, done = len(roles) - 1, 0  # a chain's n grows by one a round, up to its max_times
    while chains:
        if progress:
            progress("placing", done, rounds)
        done += 1
        chains.sort(key=_chain_order)
        alive = []
        for chain in chains:
            n, end, every = chain.n, chain.end, chain.every
            placed = recycle(chain.lane, roles[n], chain.earliest, end)
            if placed is None or n >= chain.most:
                continue
            shift = shifts[every].get(placer.last_day)  # type: ignore[arg-type]
            after = placed + shift if shift is not None else add(placed, every, placer.last_day)
            chain.earliest = after
            chain.n = n + 1
            if after <= end and after <= horizon:  # past the horizon: the next plan places it
                alive.append(chain)
        chains = alive
    if progress:
        progress("placing", rounds, rounds)


__all__ = ["make_plan"]
