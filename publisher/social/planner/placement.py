"""Placing one post: find the first acceptable slot on a channel and pick the candidate that goes there.

A *lane* is one piece on one channel: the candidates that fit the channel, whose turn is next, and
the posts already composed for it. A slot is acceptable when the channel has no post at that exact
minute, its day is under the cap, and a candidate is free: not on the same network within
``cooldown_days``, not on another network within the hour (and, for a launch, no other network's
launch of the piece within ``stagger_minutes``). When every candidate is busy, the search jumps to
the first minute one is free instead of trying slot after slot.

Instants are whole minutes since the epoch (calendar.py): a plan has 200,000 of them.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from publisher.content.model import Piece
from publisher.social.model import Dropped, Excerpt, LinkCard, PlannedPost
from publisher.social.planner.calendar import ChannelBook, SlotGrid, to_instant
from publisher.social.planner.rules import PlanRules, RuleSet
from publisher.social.render import ChannelInfo, Fitted, PieceContext, card_for

SAME_TEXT_GAP = dt.timedelta(hours=1)
"""No two networks get the same excerpt of a piece within this gap."""
GAP = 60  # SAME_TEXT_GAP in minutes
DAY = 24 * 60

Candidate = tuple[int, Excerpt, Fitted]
"""(preference order among the piece's excerpts, excerpt, how it fits the channel)."""


@dataclass(slots=True)
class PieceState:
    """A piece being planned: its rules, and every post it has (sent or planned) by excerpt."""

    piece: Piece
    key: str
    rules: RuleSet
    context: PieceContext
    campaign_end: dt.datetime | None
    launch_at: dt.datetime
    cooldown: int
    """cooldown_days in minutes."""
    lanes: dict[str, Lane] = field(default_factory=dict)
    launches: list[tuple[str, int]] = field(default_factory=list)
    """(network, minute) of this piece's launch posts."""
    uses: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    """excerpt id -> (network, minute) of each post using it: the cooldown's memory (excerpt ids are
    unique to their piece) and the same-text-within-the-hour rule's."""

    def remember(self, channel: str, network: str, excerpt_id: str, moment: int, launch: bool) -> None:
        """Note a post of this piece (from the history or just placed)."""
        self.uses[excerpt_id].append((network, moment))
        if launch:
            self.launches.append((network, moment))
        lane = self.lanes.get(channel)
        if lane is not None and excerpt_id in lane.positions:
            lane.turn = lane.positions[excerpt_id] + 1


@dataclass(slots=True)
class Lane:
    """One piece on one channel."""

    state: PieceState
    name: str
    channel: ChannelInfo
    book: ChannelBook
    fitting: list[Candidate]
    positions: dict[str, int]
    """excerpt id -> position in ``fitting``."""
    prefix: str
    """Start of the post keys: piece:channel:"""
    turn: int = 0
    """Where the next follow-up or recycle starts looking in ``fitting``."""
    composed: dict[str, tuple[str, str, LinkCard | None]] = field(default_factory=dict)
    """excerpt id -> (text, link, card): a recycle of the same excerpt reuses them."""
    cards: bool = False
    """Do this channel's posts carry a link card?"""


@dataclass(slots=True)
class Placer:
    """Everything placing shares: the calendar, the scores, and what was placed so far."""

    rules: PlanRules
    grid: SlotGrid
    scores: Mapping[tuple[str, str], float]
    posts: list[PlannedPost] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    last_day: int | None = None
    """Local date of the post placed last (saves a time-zone conversion per evergreen step)."""
    instants: dict[int, dt.datetime] = field(default_factory=dict)
    """Minute -> aware datetime, made once per minute used (channels share slots)."""

    def place(self, lane: Lane, role: str, earliest: int, offset: int = 0, end: int | None = None) -> int | None:
        """Put one role of a lane on the calendar at the first acceptable minute from ``earliest``;
        return the minute (None if nowhere before ``end`` and the horizon). ``offset`` shifts every
        slot: the n-th channel of a launch goes n x stagger later."""
        fitting = lane.fitting
        if not fitting:
            return None
        grid, book = self.grid, lane.book
        instants = grid.instants
        count = len(instants)
        deadline = grid.end if end is None or end > grid.end else end
        piece = lane.state
        launch = role == "launch"
        if launch:
            ranked = fitting
        else:  # later posts take the candidates in turn: a follow-up says something new
            turn = lane.turn % len(fitting)
            ranked = fitting[turn:] + fitting[:turn] if turn else fitting
            if self.scores and role.startswith("evergreen"):  # recycles prefer what did best
                scores, network = self.scores, lane.channel.network
                ranked = sorted(ranked, key=lambda f: -scores.get((network, f[1].id), 0.0))
        stagger = piece.rules.stagger_minutes if launch else 0
        blocked = False
        taken = book.taken_at
        i = book.free_from(min(bisect_left(instants, earliest - offset), count))
        while i < count:
            moment = instants[i] + offset
            if moment > deadline:
                break
            if moment in taken:
                if not offset:
                    book.skip(i)
                i = book.free_from(i + 1)
                continue
            if offset and (book.full(grid.local_day(moment)) or not grid.allows(moment)):
                i = book.free_from(i + 1)
                continue
            choice, retry = choose(ranked, piece, lane.channel.network, moment, stagger)
            if choice is not None:
                self.record(lane, role, choice, moment, None if offset else i)
                return moment
            blocked = True
            if retry > deadline:
                break
            i = book.free_from(min(bisect_left(instants, retry - offset), count))
        if end is not None and end <= grid.end:  # its window closed inside the horizon: say why
            why = (f"every candidate that fits {lane.channel.network} was used there within "
                   f"{piece.rules.cooldown_days} days or goes to another network within the hour" if blocked
                   else "no free slot (cap_per_day, quiet hours, blackout or slots all taken)")
            until = to_instant(end).astimezone(grid.zone).strftime("%Y-%m-%d %H:%M")
            self.dropped.append(Dropped(piece.key, lane.name, "", f"{role}: not placed before {until}: {why}"))
        return None

    def record(self, lane: Lane, role: str, candidate: Candidate, moment: int, index: int | None) -> None:
        _, excerpt, fitted = candidate
        channel, piece = lane.channel, lane.state
        network, excerpt_id = channel.network, excerpt.id
        if index is None:
            day = None
            lane.book.book(moment)
        else:  # on a slot: the book's work, inline (this runs for every post of the plan)
            book = lane.book
            day = self.grid.days[index]
            count = book.per_day.get(day, 0) + 1
            book.per_day[day] = count
            book.taken_at.add(moment)
            book.take(index, day, count)
        self.last_day = day
        piece.uses[excerpt_id].append((network, moment))
        if role == "launch":
            piece.launches.append((network, moment))
        lane.turn = lane.positions[excerpt_id] + 1
        composed = lane.composed.get(excerpt_id)
        if composed is None:
            link = fitted.link_prefix + excerpt_id
            card = card_for(piece.piece, link, piece.context) if lane.cards else None
            composed = lane.composed[excerpt_id] = (fitted.text(excerpt_id), link, card)
        when = self.instants.get(moment)
        if when is None:
            when = self.instants[moment] = to_instant(moment)
        approve = piece.rules.auto_approve
        approved = approve == "all" or (approve == "hand-written" and excerpt.kind == "hand-written")
        self.posts.append(PlannedPost(
            lane.prefix + role, piece.key, lane.name, network, role, excerpt_id, excerpt.kind, composed[0],
            composed[1], when, piece.piece.lang, piece.context.campaign, composed[2], fitted.length, channel.limit,
            "approved" if approved else "proposed",
        ))


def choose(ranked: list[Candidate], piece: PieceState, network: str, moment: int,
           stagger: int) -> tuple[Candidate | None, int]:
    """The first candidate free at ``moment``; else None and the earliest minute one may be free."""
    if stagger:
        for other, at in piece.launches:
            if other != network and -stagger < at - moment < stagger:
                return None, at + stagger
    cooldown = piece.cooldown
    retry = -1
    uses = piece.uses
    for candidate in ranked:
        free_at = moment
        for other, at in uses.get(candidate[1].id, ()):
            gap = cooldown if other == network else GAP
            if -gap < at - moment < gap and at + gap > free_at:
                free_at = at + gap
        if free_at == moment:
            return candidate, moment
        if retry < 0 or free_at < retry:
            retry = free_at
    return None, retry


__all__ = ["DAY", "SAME_TEXT_GAP", "Candidate", "Lane", "PieceState", "Placer", "choose"]
