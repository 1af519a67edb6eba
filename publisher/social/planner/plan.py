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

Future pieces are planned ahead (proposed, for approval before they go live), never before their
date: the static site only has their page after a build that follows it. Their posts keep their keys,
so when the date moves the next plan moves them with it. A launch or follow-up whose moment passed
more than ``catch_up_days`` ago is skipped rather than posted late.

How the week looks (issue 17): a channel may have its own hours (`channels.<name>.slots`,
`shift_minutes`, `timezone`), and a piece never goes out on two networks at the same minute; each
network's launch starts with an excerpt the others' launches did not use; a follow-up or recycle goes
on the quietest day of its window (``spread_days``); a channel takes the languages it is given, and
a piece and its translation stay ``translation_gap_days`` apart on a channel.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from publisher.content.model import Piece
from publisher.performance import gc_paused
from publisher.posts.model import Dropped, Plan, SentPost, ThreadLink
from publisher.social.planner.calendar import ChannelBook, SlotGrid, add_days, build_grid, to_minutes
from publisher.social.planner.fitting import PieceFits, Progress, iter_fits
from publisher.social.planner.placement import (
    DAY,
    Candidate,
    Lane,
    PieceState,
    Placer,
    new_dropped,
    new_tuple,
)
from publisher.social.planner.rules import ChannelHours, PlanRules
from publisher.social.planner.streaming import STREAM_FROM, TELL_EVERY, Lanes, PostSink
from publisher.social.planner.thread_posts import make_threads, remember_threads
from publisher.social.render import Fitted


def make_plan(pieces: Iterable[Piece], rules: PlanRules, now: dt.datetime,
              history: Sequence[SentPost] = (), scores: Mapping[tuple[str, str], float] | None = None, *,
              parallel: bool = True, progress: Progress | None = None,
              booked: Iterable[tuple[str, dt.datetime]] = (), sink: PostSink | None = None) -> Plan:
    """Plan posts for ``pieces`` from ``now`` to the horizon; ``history`` is what the store already sent.

    ``scores`` maps (network, excerpt id) to how well an excerpt did; evergreen recycles prefer higher
    scores. The result depends only on the arguments: ``parallel=False`` fits every candidate in this
    process instead of sharing big plans with a helper process (fitting.py), with the same result.
    ``progress`` (for a progress bar) hears ("fitting", pieces done, pieces), then ("placing", rounds
    of recycles done, rounds) from this thread; it does not change the plan. ``booked`` is (channel,
    moment) of posts the plan does not make but must leave room for: curated shares, manual posts.
    ``sink`` (a store's first load: streaming.py) is told the posts as they are placed, when the plan
    may use a second process and makes no threads (which rewrite posts after placing them); the plan
    is the same with or without it.
    """
    if now.tzinfo is None:
        raise ValueError("make_plan needs an aware 'now'")
    with gc_paused():  # hundreds of thousands of long-lived objects, no cycles: see publisher/performance.py
        return _plan(pieces, rules, now.astimezone(dt.UTC), history, scores or {}, parallel, progress, booked,
                     sink if parallel else None)


def _plan(pieces: Iterable[Piece], rules: PlanRules, now: dt.datetime, history: Sequence[SentPost],
          scores: Mapping[tuple[str, str], float], parallel: bool, progress: Progress | None,
          booked: Iterable[tuple[str, dt.datetime]], sink: PostSink | None) -> Plan:
    grid = build_grid(rules.slots, rules.zone, now, rules.horizon_days, rules.quiet_hours, rules.blackout)
    grids: dict[ChannelHours, SlotGrid] = {ChannelHours(rules.slots, rules.zone): grid}
    books: dict[str, ChannelBook] = {}
    for name in rules.channels:  # a channel with its own hours gets its own slots (channels alike share them)
        hours = rules.hours_of(name)
        if hours not in grids:
            grids[hours] = build_grid(hours.slots, hours.zone, now, rules.horizon_days, rules.quiet_hours,
                                      rules.blackout)
        books[name] = ChannelBook(grids[hours], rules.cap_per_day)
    placer = Placer(rules, grid, scores)
    sent_keys: set[str] = set()
    sent_by_piece: dict[str, list[SentPost]] = defaultdict(list)
    for post in sorted(history, key=lambda p: (p.at, p.key)):
        sent_keys.add(post.key)
        sent_by_piece[post.piece].append(post)
        at = to_minutes(post.at)
        if post.channel in books and at >= grid.now - DAY:  # only today's posts count against today's cap
            books[post.channel].book(at)
    for channel, moment in sorted(booked):
        at = to_minutes(moment)
        if channel in books and at >= grid.now - DAY and at not in books[channel].taken_at:
            books[channel].book(at)
    notes: set[str] = set()
    ready = sorted((p for p in pieces if not p.draft), key=lambda p: p.key)  # future pieces too: planned ahead
    threaded = bool(rules.threads or any(p.thread for p in ready))  # threads rewrite posts once placed
    planned = [_prepare(piece, fits, rules, books, placer, notes)
               for piece, fits in zip(ready, iter_fits(ready, rules, parallel=parallel, progress=progress), strict=True)]
    _pair_translations(planned)
    for piece in planned:
        for post in sent_by_piece.get(piece.key, ()):
            piece.remember(post.channel, post.network, post.excerpt_id, to_minutes(post.at),
                           post.key.endswith(":launch"))
    tell = _streaming(sink, planned, placer) if sink is not None and not threaded and len(ready) >= STREAM_FROM \
        else None
    skipped = _launches_and_follow_ups(planned, placer, sent_keys, now)
    if tell:
        tell()
    _evergreen(planned, placer, sent_by_piece, now, progress, tell)
    if tell is not None and sink is not None:
        tell()
        sink.complete()
        placer.trace = None
    for piece in planned:  # a piece and its lanes point at each other: let reference counting free them
        for lane in piece.lanes.values():
            lane.partner = None
        piece.lanes.clear()
    if skipped:
        notes.add(f"{skipped} launch or follow-up posts skipped: their moment passed more than catch_up_days ago")
    tagging = rules.hashtag_rules
    if not (tagging.from_tags or tagging.tags or tagging.overrides) and any(p.tags for p in ready):
        notes.add("tags are not posted as hashtags unless named: `hashtags: {tags: [...]}` in the publisher block "
                  "names them, `hashtags: {from_tags: true}` makes every tag one (campaign hashtags are posted)")
    posts = sorted(placer.posts, key=attrgetter("scheduled_at", "channel", "key"))
    links: list[ThreadLink] = []
    if threaded:  # threads are opt-in: a plan without them skips this
        posts, links = make_threads(posts, {p.key: p for p in ready}, rules, notes, placer.dropped)
    plan = Plan(tuple(posts), tuple(placer.dropped), tuple(sorted(notes)), tuple(links))
    if tell is not None and sink is not None:
        sink.made(plan)
    return plan


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
    names = rules.channels_for(piece)
    state = PieceState(piece, key, ruleset, rules.context(piece), campaign.end if campaign else None, launch_at,
                       ruleset.cooldown_days * DAY, names)
    channels = [rules.channels[name] for name in names]
    lanes: list[list[Candidate]] = [[] for _ in names]
    dropped = placer.dropped
    excerpts, results, facts = fits
    state.launch_only = facts.launch_only
    needed = int(ruleset.launch) + (0 if facts.launch_only else len(ruleset.follow_ups))
    if len(excerpts) < needed:  # each follow-up says something new: with fewer texts, fewer posts
        notes.add(few_excerpts(piece.src_uri, len(excerpts), needed))
    state.announces, ending = facts.announces, facts.ends  # asked while fitting (moments.facts_of)
    if ending is not None:
        state.ends = ending[0]
        notes.add(f"{piece.src_uri}: {ending[1]} on {ending[0]:%Y-%m-%d}, so it is not recycled after that day "
                  "(every post carries its title); `evergreen: true` in its front matter recycles it")
    if state.announces:
        notes.add(f"{piece.src_uri}: its title names a date, a month or a time since or announces a start, or its "
                  "summary names a day to come, so it is not recycled as evergreen (every post carries the title); "
                  "`evergreen: true` in its front matter recycles it")
    if ruleset.follow_ups and facts.launch_only:
        notes.add(f"{piece.src_uri}: its title speaks from its day (\"{piece.title}\"), so only its launch is "
                  "planned, no follow-ups; `evergreen: true` in its front matter plans them")
    for order, (excerpt, row) in enumerate(zip(excerpts, results, strict=True)):
        for channel, fitting, result in zip(channels, lanes, row, strict=True):
            if type(result) is Fitted:
                fitting.append(new_tuple(Candidate, (order, excerpt, result)))
            elif excerpt.network in (None, channel.network):  # a post written for another network: no drop
                dropped.append(new_dropped(key, channel.name, excerpt.id, result.reason))  # type: ignore[union-attr]
    for name, channel, fitting in zip(names, channels, lanes, strict=True):
        ids = [c.excerpt.id for c in fitting]
        state.lanes[name] = Lane(state, name, channel, books[name], fitting, {e: i for i, e in enumerate(ids)}, ids,
                                 f"{key}:{name}:", cards=channel.link_card)
        if not fitting:
            dropped.append(Dropped(key, name, "", f"no candidate fits {channel.network}"))
    return state


def _streaming(sink: PostSink, planned: list[PieceState], placer: Placer) -> Callable[[], None] | None:
    """Number the lanes and start ``sink`` (streaming.py); what tells it the posts placed since it was last
    told, or None when it declined."""
    lanes = [lane for piece in planned for lane in piece.lanes.values()]
    for number, lane in enumerate(lanes):
        lane.number = number
    if not sink.start(Lanes(lanes)):
        return None
    placer.trace = []

    def tell() -> None:
        if placer.trace:
            sink.add(placer.trace)
            placer.trace = []

    return tell


def _pair_translations(planned: list[PieceState]) -> None:
    """Each lane learns its piece's translation on the same channel, to keep translation_gap_days apart."""
    by_key = {piece.key: piece for piece in planned}
    for piece in planned:
        other = by_key.get(piece.piece.translation or "")
        if other is None or other is piece:
            continue
        for name, lane in piece.lanes.items():
            mate = other.lanes.get(name)
            if mate is None:
                continue
            gap = max(piece.rules.translation_gap_days, other.rules.translation_gap_days) * DAY
            lane.partner, mate.partner = mate, lane  # both ways, even when one piece names the other
            lane.gap = mate.gap = gap


def few_excerpts(where: str, usable: int, needed: int) -> str:
    """What plan and doctor say about a piece with too few texts for its launch and follow-ups."""
    return (f"add takeaways or quotes to {where}: {usable} usable excerpt{'s' if usable != 1 else ''} for "
            f"{needed} posts (launch and follow-ups), so {needed - usable} fewer planned")


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
            if order and piece.launch_only:
                continue  # "This Black Friday, …": true until the day, and every post carries the title
            target = piece.launch_at
            # Days in a zone are never two days long (one may skip a date): well past, no zone arithmetic.
            late = target + dt.timedelta(days=order + ruleset.catch_up_days + 2) < now
            if not late:
                target = add_days(target, order, zone) if order else target
                late = add_days(target, ruleset.catch_up_days, zone) < now
            if late:
                skipped += (sum(f"{piece.key}:{name}:{role}" not in sent for name in piece.channels) if sent
                            else len(piece.channels))
                continue
            earliest = to_minutes(max(target, now))
            # Late by catch_up_days at most: the end of that local day closes the window.
            last_day = add_days(target, ruleset.catch_up_days, zone).astimezone(zone).date()
            end = to_minutes(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tzinfo=zone))
            if piece.campaign_end:
                end = min(end, to_minutes(piece.campaign_end))
            for k, name in enumerate(piece.channels):
                if f"{piece.key}:{name}:{role}" not in sent:
                    requests.append(Request(order, earliest, piece.key, k, role, end, piece.lanes[name]))
    requests.sort(key=attrgetter("days_after_launch", "earliest", "piece", "channel_index"))
    rules = placer.rules
    if rules.threads or any(p.piece.thread for p in planned):  # threads are opt-in: without them, one loop
        cut = next((i for i, r in enumerate(requests) if r.days_after_launch > 0), len(requests))
        _place(requests[:cut], placer)
        remember_threads(planned, placer)  # follow-ups do not repeat what a launch's thread said
        _place(requests[cut:], placer)
    else:
        _place(requests, placer)
    return skipped


def _place(requests: list[Request], placer: Placer) -> None:
    hours, spread = placer.rules.hours, placer.rules.spread_days
    for request in requests:
        lane, role, earliest = request.lane, request.role, request.earliest
        offset = 0
        if role == "launch":  # on shared hours, the n-th network n x stagger later; on its own hours, its slots
            offset = 0 if lane.name in hours else lane.state.rules.stagger_minutes * request.channel_index
        elif spread > 1:  # a follow-up on the quietest day it may still go out on
            earliest = lane.book.quietest(earliest, min(spread, 1 + lane.state.rules.catch_up_days), request.end)
        placer.place(lane, role, earliest, offset, request.end)


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
    grid: SlotGrid
    """The lane's channel's slots."""
    shifts: dict[int, int]
    """Local day -> minutes to the same wall-clock time ``every`` days later (days with one offset)."""
    rank: int = 0
    """Position of (piece, channel_index) among every chain's, in that order (`_rank_chains`)."""
    order: int = 0
    """``earliest * len(chains) + rank``: sorts as (earliest, piece, channel_index) does."""


_chain_order = attrgetter("order")
"""Each round sorts the chains by (earliest, piece, channel_index), never tied (lanes are never compared).
One int per chain instead of a 3-tuple: no tuple built per chain and round, and int comparisons instead of
tuple ones (a plan sorts ~40,000 chains in each of its ~10 rounds: 0.1-0.2 s of the serial placement).
Since 0 <= rank < len(chains), ``earliest * len(chains) + rank`` orders first by earliest, then by rank."""


def _rank_chains(chains: list[Chain]) -> int:
    """Give each chain its rank and first `order`; returns the multiplier (len(chains)). Chains that tie on
    (piece, channel_index) keep their order (a stable sort), as the tuple key's stable sorts kept it."""
    count = len(chains)
    for rank, chain in enumerate(sorted(chains, key=attrgetter("piece", "channel_index"))):
        chain.rank = rank
        chain.order = chain.earliest * count + rank
    return count


def _evergreen(planned: list[PieceState], placer: Placer, sent_by_piece: dict[str, list[SentPost]],
               now: dt.datetime, progress: Progress | None, tell: Callable[[], None] | None = None) -> None:
    """Recycle in rounds: every piece's n-th recycle is placed before anyone's (n+1)-th. ``tell`` (streaming.py)
    hears every TELL_EVERY recycles."""
    zone = placer.rules.zone
    chains: list[Chain] = []
    # grid.add_days for `every` days from each local day where neither day changes its UTC offset
    # (every day but a few a year): the minutes to add, worked out once per day, grid and `every`.
    shifts: dict[tuple[int, int], dict[int, int]] = {}

    def shifts_for(grid: SlotGrid, every: int) -> dict[int, int]:
        found = shifts.get((id(grid), every))
        if found is None:
            offsets = grid.offsets
            found = shifts[(id(grid), every)] = {day: every * 1440 + offset - offsets[day + every]
                                                 for day, offset in offsets.items() if day + every in offsets}
        return found

    for piece in planned:
        rule = piece.rules.evergreen
        if not rule.enabled or rule.max_times <= 0 or piece.piece.evergreen is False:  # event reports, by default
            continue
        if piece.piece.evergreen is None and piece.announces:  # _prepare asked announces(), same rules
            continue  # "Collecte des biodéchets : ce qui change à partir du 1er décembre", in January
        end = add_days(piece.piece.date, rule.end_after_days, zone)
        if piece.campaign_end and piece.campaign_end < end:
            end = piece.campaign_end
        if piece.ends is not None and piece.ends < end:
            end = piece.ends  # a retirement day, a call's closing day: what every post says is false after it
        if end < now:
            continue
        start = max(add_days(piece.piece.date, rule.after_days, zone), now)
        sent = [p for p in sent_by_piece.get(piece.key, ()) if ":evergreen-" in p.key]
        for k, name in enumerate(piece.channels):
            done = [p for p in sent if p.channel == name]
            n = 1 + max((int(p.key.rsplit("-", 1)[1]) for p in done), default=0)
            earliest = start
            if done:
                earliest = max(earliest, add_days(max(p.at for p in done), rule.every_days, zone))
            if n <= rule.max_times and earliest <= end:
                lane = piece.lanes[name]
                grid = lane.book.grid
                chains.append(Chain(to_minutes(earliest), piece.key, k, n, to_minutes(end), rule.every_days,
                                    rule.max_times, lane, grid, shifts_for(grid, rule.every_days)))
    recycle, horizon, spread = placer.recycle, placer.grid.end, placer.rules.spread_days
    roles = [f"evergreen-{n}" for n in range(1 + max((chain.most for chain in chains), default=0))]
    rounds, done = len(roles) - 1, 0  # a chain's n grows by one a round, up to its max_times
    scale = _rank_chains(chains)
    while chains:
        if progress:
            progress("placing", done, rounds)
        done += 1
        chains.sort(key=_chain_order)
        alive = []
        step = TELL_EVERY if tell else len(chains) or 1  # a writer told as it goes writes while this places
        for first in range(0, len(chains), step):
            for chain in chains[first:first + step]:
                n, end, every, lane = chain.n, chain.end, chain.every, chain.lane
                # on the quietest day of the next spread_days (when > 1): an even week, no lockstep
                placed = recycle(lane, roles[n], chain.earliest, end, spread)
                if placed is None or n >= chain.most:
                    continue
                shift = chain.shifts.get(placer.last_day)  # type: ignore[arg-type]
                after = placed + shift if shift is not None else chain.grid.add_days(placed, every, placer.last_day)
                chain.earliest = after
                chain.order = after * scale + chain.rank
                chain.n = n + 1
                if after <= end and after <= horizon:  # past the horizon: the next plan places it
                    alive.append(chain)
            if tell:
                tell()
        chains = alive
    if progress:
        progress("placing", rounds, rounds)


__all__ = ["few_excerpts", "make_plan"]
