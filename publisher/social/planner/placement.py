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
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from publisher.content.model import Piece
from publisher.performance import fast_constructor
from publisher.posts.model import Dropped, Excerpt, PlannedPost
from publisher.social.excerpting import dated
from publisher.social.planner.calendar import ChannelBook, SlotGrid, to_instant
from publisher.social.planner.composing import Composed, compose
from publisher.social.planner.rules import PlanRules, RuleSet
from publisher.social.render import ChannelInfo, Fitted, PieceContext

SAME_TEXT_GAP = dt.timedelta(hours=1)
"""No two networks get the same excerpt of a piece within this gap."""
GAP = 60  # SAME_TEXT_GAP in minutes
DAY = 24 * 60



class Candidate(NamedTuple):
    """An excerpt that fits a lane's channel."""

    order: int
    """Preference order among the piece's excerpts."""
    excerpt: Excerpt
    fitted: Fitted
    """How it fits the channel (text, length, link)."""


new_tuple = tuple.__new__
"""new_tuple(Candidate, (order, excerpt, fitted)): a NamedTuple made without its Python-level __new__
(a plan makes a few hundred thousand candidates and composed posts)."""


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
    channels: tuple[str, ...] = ()
    """The channels this piece goes to (its rules' channels that take its language), in order."""
    lanes: dict[str, Lane] = field(default_factory=dict)
    launches: list[tuple[str, int]] = field(default_factory=list)
    """(network, minute) of this piece's launch posts."""
    launch_texts: set[str] = field(default_factory=set)
    """Excerpt ids of its launch posts: the next network's launch starts with another one."""
    minutes: set[int] = field(default_factory=set)
    """Every minute this piece goes out at on some network: never two networks at the same minute."""
    uses: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    """excerpt id -> (minute, network) of each post using it, in time order: the cooldown's memory
    (excerpt ids are unique to their piece) and the same-text-within-the-hour rule's."""
    announces: bool = False
    """`moments.announces`, worked out once (while fitting: `moments.facts_of`) when the piece may be recycled."""
    launch_only: bool = False
    """Its title speaks from its day (`moments.of_its_moment`): its launch, no follow-ups."""
    ends: dt.datetime | None = None
    """`lifetime.ends_on`'s day (a retirement, a call's closing day), worked out once (`moments.facts_of`)."""

    def remember(self, channel: str, network: str, excerpt_id: str, moment: int, launch: bool) -> None:
        """Note a post of this piece (from the history or just placed)."""
        insort(self.uses[excerpt_id], (moment, network))
        self.minutes.add(moment)
        if launch:
            self.launches.append((network, moment))
            self.launch_texts.add(excerpt_id)
        lane = self.lanes.get(channel)
        if lane is not None:
            insort(lane.minutes, moment)
            if excerpt_id in lane.positions:
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
    ids: list[str]
    """The excerpt id of each candidate in ``fitting``."""
    prefix: str
    """Start of the post keys: piece:channel:"""
    turn: int = 0
    """Where the next follow-up or recycle starts looking in ``fitting``."""
    composed: dict[str, Composed] = field(default_factory=dict)
    """excerpt id -> what its posts on this lane share: a recycle of the same excerpt reuses it."""
    cards: bool = False
    """Do this channel's posts carry a link card?"""
    skip: frozenset[str] | None = None
    """Ids recycles step over, once worked out (`not_recycled`)."""
    recycling: Recycling | None = None
    """What `Placer.recycle` reads for every post of this lane, gathered on its first recycle."""
    minutes: list[int] = field(default_factory=list)
    """Minutes of this lane's posts, in order, kept when it has a partner (whose lane reads them)."""
    partner: Lane | None = None
    """The piece's translation on the same channel: never within ``gap`` minutes of it."""
    gap: int = 0
    """translation_gap_days in minutes."""
    number: int = -1
    """Its position among the plan's lanes, when a store is told the posts (streaming.py)."""

    def not_recycled(self) -> frozenset[str]:
        """`tied_to_a_moment` of this lane, worked out once."""
        if self.skip is None:
            self.skip = tied_to_a_moment(self.fitting)
        return self.skip

    def recycling_context(self) -> Recycling:
        book, piece = self.book, self.state
        cooldown = piece.cooldown
        grid = book.grid
        return Recycling(self.fitting, self.ids, len(self.fitting), self.not_recycled(), self.channel.network, book,
                         book.taken_at,
                         book.next_slot, book.free_from, book.per_day, book.cap, piece.uses, cooldown,
                         cooldown if cooldown > GAP else GAP, self.composed, self.prefix, grid.instants, grid.days,
                         piece.minutes, self.minutes)


def tied_to_a_moment(fitting: list[Candidate]) -> frozenset[str]:
    """The ids of the candidates a recycle may not post: hand-written posts that name their moment ("This
    weekend, you will be offered 30 percent off", "Saturday 28 and Sunday 29 November"). The author wrote
    them for their launch, and set 15's reader failed both when they went out again two months later.
    Automatic texts with a moment never get this far (excerpts.py), except those that count time up to
    their day ("depuis un an", set 35), which excerpts.py marks as not recycled. Candidates keep their places
    in the lane (its ``turn`` counts them all); recycles step over these."""
    return frozenset(c.excerpt.id for c in fitting if not c.excerpt.recycled or (
        c.excerpt.kind == "hand-written" and dated.moment_in(c.excerpt.text, c.excerpt.lang) is not None))


class Recycling(NamedTuple):
    """What every recycle of one lane reads, gathered once (`Placer.recycle` unpacks it into locals)."""

    fitting: list[Candidate]
    ids: list[str]
    count: int
    skip: frozenset[str]
    """Ids a recycle steps over (`tied_to_a_moment`)."""
    network: str
    book: ChannelBook
    taken: set[int]
    """The book's taken minutes."""
    next_slot: list[int]
    """The book's union-find of free slots."""
    free_from: Callable[[int], int]
    per_day: dict[int, int]
    cap: int
    uses: dict[str, list[tuple[int, str]]]
    cooldown: int
    reach: int
    """How far (minutes) a use of an excerpt can block a post: max(cooldown, GAP)."""
    composed: dict[str, Composed]
    prefix: str
    instants: list[int]
    """The channel's slots (its grid's)."""
    days: list[int]
    piece_minutes: set[int]
    lane_minutes: list[int]


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
    local_times: dict[int, str] = field(default_factory=dict)
    """Minute -> local time as messages show it."""
    trace: list[tuple[int, int, str, int]] | None = None
    """When a store is told the posts as they are placed (streaming.py): (lane number, candidate position,
    role, minute) of each post since it was last told."""

    def place(self, lane: Lane, role: str, earliest: int, offset: int = 0, end: int | None = None) -> int | None:
        """Put one role of a lane on the calendar at the first acceptable minute from ``earliest``;
        return the minute (None if nowhere before ``end`` and the horizon). ``offset`` shifts every
        slot: the n-th channel of a launch goes n x stagger later."""
        if not lane.fitting:
            return None
        book, piece = lane.book, lane.state
        grid = book.grid
        instants = grid.instants
        count = len(instants)
        deadline = grid.end if end is None or end > grid.end else end
        launch = role == "launch"
        network = lane.channel.network
        ranked, start = lane.fitting, 0
        if launch and piece.launch_texts:  # each network's launch says something else, while there is some
            used = piece.launch_texts
            ranked = [c for c in ranked if c.excerpt.id not in used] + [c for c in ranked if c.excerpt.id in used]
        if not launch:  # later posts take the candidates in turn: a follow-up says something new
            start = lane.turn % len(ranked)
            skip = lane.not_recycled() if role.startswith("evergreen") else frozenset()
            if skip:  # in turn, stepping over what may not come back
                ranked, start = [c for c in ranked[start:] + ranked[:start] if c.excerpt.id not in skip], 0
                if not ranked:
                    return None
            if self.scores and role.startswith("evergreen"):  # recycles prefer what did best
                scores = self.scores
                ranked = sorted(ranked[start:] + ranked[:start],
                                key=lambda c: -scores.get((network, c.excerpt.id), 0.0))
                start = 0
        stagger = piece.rules.stagger_minutes if launch else 0
        blocked = spaced = False
        taken, free_from = book.taken_at, book.free_from
        piece_minutes, partner = piece.minutes, lane.partner
        i = free_from(bisect_left(instants, earliest - offset))  # bisect_left never passes count
        while i < count:
            moment = instants[i] + offset
            if moment > deadline:
                break
            if moment in taken:
                if not offset:
                    book.skip(i)
                i = free_from(i + 1)
                continue
            if moment in piece_minutes or (offset and (book.full(grid.local_day(moment)) or not grid.allows(moment))):
                i = free_from(i + 1)
                continue
            if partner is not None:
                later = translation_clear(partner.minutes, lane.gap, moment)
                if later:
                    spaced = True
                    if later > deadline:
                        break
                    i = free_from(bisect_left(instants, later - offset))
                    continue
            choice, retry = choose(ranked, start, piece, network, moment, stagger)
            if choice is not None:
                self.record(lane, role, choice, moment, None if offset else i)
                return moment
            blocked = True
            if retry > deadline:
                break
            i = free_from(bisect_left(instants, retry - offset))
        self._not_placed(lane, role, end, blocked, spaced)
        return None

    def recycle(self, lane: Lane, role: str, earliest: int, end: int, spread: int = 1) -> int | None:
        """`place` for an evergreen recycle (on the slots, candidates in turn), which makes most of a plan's
        posts: the same search with `choose` and `record` written inline, without what only launches and
        scored recycles need, and with what it reads gathered once per lane. ``spread`` > 1: from the
        quietest day (`ChannelBook.quietest`), found from the slot this looks up anyway."""
        context = lane.recycling
        if context is None:
            if not lane.fitting or self.scores:
                return self.place(lane, role, lane.book.quietest(earliest, spread, end) if spread > 1 else earliest,
                                  0, end)
            context = lane.recycling = lane.recycling_context()
        (fitting, ids, n, skip, network, book, taken, nxt, free_from, per_day, cap, uses, cooldown, reach, composed_of,
         prefix, instants, days, piece_minutes, lane_minutes) = context
        if skip and len(skip) >= n:
            return None  # only hand-written posts tied to their moment: nothing to recycle
        partner = lane.partner
        count = len(instants)
        horizon = self.grid.end
        deadline = horizon if end > horizon else end
        start = lane.turn % n
        i = bisect_left(instants, earliest)  # never past count
        if spread > 1 and i < count:
            i = book.quietest_slot(i, spread, end)
        if nxt[i] != i:
            i = free_from(i)
        blocked = spaced = False
        while i < count:
            moment = instants[i]
            if moment > deadline:
                break
            if moment in taken:
                book.skip(i)
                i = free_from(i + 1)
                continue
            if moment in piece_minutes:
                i = free_from(i + 1)
                continue
            if partner is not None:
                later = translation_clear(partner.minutes, lane.gap, moment)
                if later:
                    spaced = True
                    if later > deadline:
                        break
                    i = free_from(bisect_left(instants, later))
                    continue
            since, until = (moment - reach,), moment + reach
            retry = -1
            for k in range(start, start + n):  # choose(), inline
                position = k - n if k >= n else k
                if skip and ids[position] in skip:
                    continue
                used = uses.get(ids[position])
                free_at = moment
                if used:
                    for j in range(bisect_left(used, since), len(used)):
                        at, other = used[j]
                        if at >= until:
                            break
                        gap = cooldown if other == network else GAP
                        if -gap < at - moment < gap and at + gap > free_at:
                            free_at = at + gap
                if free_at == moment:  # record(), inline, on slot i
                    self.last_day = day = days[i]
                    booked = per_day[day] = per_day.get(day, 0) + 1
                    taken.add(moment)
                    nxt[i] = i + 1
                    if booked >= cap:
                        book.close(day)
                    excerpt_id = ids[position]
                    composed = composed_of.get(excerpt_id)
                    if composed is None:
                        composed = composed_of[excerpt_id] = compose(lane, fitting[position])
                    if used is None:
                        used = uses[excerpt_id] = []
                    insort(used, (moment, network))
                    piece_minutes.add(moment)
                    if partner is not None:  # only its translation's lane reads these
                        insort(lane_minutes, moment)
                    lane.turn = position + 1
                    when = self.instants.get(moment)
                    if when is None:
                        when = self.instants[moment] = to_instant(moment)
                    self.posts.append(new_post(prefix + role, role, when, *composed))
                    if self.trace is not None:
                        self.trace.append((lane.number, position, role, moment))
                    return moment
                if retry < 0 or free_at < retry:
                    retry = free_at
            blocked = True
            if retry > deadline:
                break
            i = free_from(bisect_left(instants, retry))
        self._not_placed(lane, role, end, blocked, spaced)
        return None

    def _not_placed(self, lane: Lane, role: str, end: int | None, blocked: bool, spaced: bool = False) -> None:
        """Say why a role found no minute, when its window closed inside the horizon."""
        grid, piece = self.grid, lane.state
        if end is None or end > grid.end:
            return
        why = (f"every candidate that fits {lane.channel.network} was used there within "
               f"{piece.rules.cooldown_days} days or goes to another network within the hour" if blocked
               else f"its translation goes out on {lane.name} within {piece.rules.translation_gap_days} days"
               if spaced else "no free slot (cap_per_day, quiet hours, blackout or slots all taken)")
        until = self.local_times.get(end)  # a piece's recycles share their end: format it once
        if until is None:
            until = self.local_times[end] = to_instant(end).astimezone(self.rules.zone).strftime("%Y-%m-%d %H:%M")
        self.dropped.append(new_dropped(piece.key, lane.name, "", f"{role}: not placed before {until}: {why}"))

    def record(self, lane: Lane, role: str, candidate: Candidate, moment: int, index: int | None) -> None:
        """Book the post and add it to the plan (this runs once for every post of the plan)."""
        book, piece = lane.book, lane.state
        if index is None:
            day = None
            book.book(moment)
        else:  # on a slot: the book's work, inline
            day = book.grid.days[index]
            per_day = book.per_day
            count = per_day.get(day, 0) + 1
            per_day[day] = count
            book.taken_at.add(moment)
            book.next_slot[index] = index + 1  # book.take, inline
            if count >= book.cap:
                book.close(day)
        self.last_day = day
        excerpt_id = candidate.excerpt.id
        position = lane.positions[excerpt_id]
        composed = lane.composed.get(excerpt_id)
        if composed is None:
            composed = lane.composed[excerpt_id] = compose(lane, candidate)
        network = composed.network
        insort(piece.uses[excerpt_id], (moment, network))
        piece.minutes.add(moment)
        if lane.partner is not None:
            insort(lane.minutes, moment)
        if role == "launch":
            piece.launches.append((network, moment))
            piece.launch_texts.add(excerpt_id)
        lane.turn = position + 1
        when = self.instants.get(moment)
        if when is None:
            when = self.instants[moment] = to_instant(moment)
        self.posts.append(new_post(lane.prefix + role, role, when, *composed))
        if self.trace is not None:
            self.trace.append((lane.number, position, role, moment))


def translation_clear(minutes: list[int], gap: int, moment: int) -> int:
    """0 when no post in ``minutes`` (the translation's, on this channel) is within ``gap`` of
    ``moment``; else the first minute after that post's gap."""
    j = bisect_left(minutes, moment - gap + 1)
    if j < len(minutes) and minutes[j] < moment + gap:
        return minutes[j] + gap
    return 0


def choose(ranked: list[Candidate], start: int, piece: PieceState, network: str, moment: int,
           stagger: int) -> tuple[Candidate | None, int]:
    """The first candidate free at ``moment``, trying ``ranked`` from ``start`` round to ``start - 1``;
    else None and the earliest minute one may be free."""
    if stagger:
        for other, at in piece.launches:
            if other != network and -stagger < at - moment < stagger:
                return None, at + stagger
    cooldown = piece.cooldown
    reach = cooldown if cooldown > GAP else GAP  # uses further away than this block nothing
    since, until = (moment - reach,), moment + reach
    retry = -1
    uses = piece.uses
    count = len(ranked)
    for k in range(start, start + count):
        candidate = ranked[k - count if k >= count else k]
        free_at = moment
        used = uses.get(candidate.excerpt.id)
        if used:
            for j in range(bisect_left(used, since), len(used)):
                at, other = used[j]
                if at >= until:
                    break
                gap = cooldown if other == network else GAP
                if -gap < at - moment < gap and at + gap > free_at:
                    free_at = at + gap
        if free_at == moment:
            return candidate, moment
        if retry < 0 or free_at < retry:
            retry = free_at
    return None, retry


new_post = fast_constructor(PlannedPost, first=("key", "role", "scheduled_at"))
new_dropped = fast_constructor(Dropped)
"""PlannedPost(key, role, scheduled_at, *Composed): record() makes one per post of the plan."""


__all__ = [
    "DAY",
    "SAME_TEXT_GAP",
    "Candidate",
    "Lane",
    "PieceState",
    "Placer",
    "Recycling",
    "choose",
    "new_post",
    "new_tuple",
    "translation_clear",
]
