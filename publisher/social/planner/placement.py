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
import gc
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from publisher.content.model import Piece
from publisher.social.excerpts import excerpts_for
from publisher.social.model import Dropped, Excerpt, LinkCard, Plan, PlannedPost, SentPost
from publisher.social.planner.calendar import (
    ChannelBook,
    SlotGrid,
    add_days,
    build_grid,
    to_instant,
    to_minutes,
)
from publisher.social.planner.rules import PlanRules, RuleSet
from publisher.social.render import (
    CARD_NETWORKS,
    ChannelInfo,
    Fitted,
    Fitter,
    PieceContext,
    Rejected,
    card_for,
)

SAME_TEXT_GAP = dt.timedelta(hours=1)
"""No two networks get the same excerpt of a piece within this gap."""
_GAP = 60  # SAME_TEXT_GAP in minutes
_DAY = 24 * 60

Candidate = tuple[int, Excerpt, Fitted]
"""(preference order among the piece's excerpts, excerpt, how it fits the channel)."""


@dataclass
class _Piece:
    """A piece being planned, with its candidates fitted to each of its channels."""

    piece: Piece
    key: str
    rules: RuleSet
    context: PieceContext
    campaign_end: dt.datetime | None
    launch_at: dt.datetime
    fits: dict[str, list[Candidate]] = field(default_factory=dict)
    turn: dict[str, int] = field(default_factory=dict)
    """channel -> position in its candidates where the next follow-up or recycle starts looking."""
    positions: dict[str, dict[str, int]] = field(default_factory=dict)
    """channel -> excerpt id -> position among the channel's candidates."""
    launches: list[tuple[str, int]] = field(default_factory=list)
    """(network, minute) of this piece's launch posts, sent or planned."""
    by_excerpt: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    """excerpt id -> (network, minute) of every post of this piece using it."""
    composed: dict[tuple[str, str], tuple[str, str, LinkCard | None]] = field(default_factory=dict)
    """(channel, excerpt id) -> (text, link, card): a recycled post reuses them."""

    def remember(self, channel: str, network: str, excerpt_id: str, moment: int, launch: bool) -> None:
        self.by_excerpt[excerpt_id].append((network, moment))
        if launch:
            self.launches.append((network, moment))
        position = self.positions.get(channel, {}).get(excerpt_id)
        if position is not None:
            self.turn[channel] = position + 1


@dataclass
class _State:
    rules: PlanRules
    grid: SlotGrid
    books: dict[str, ChannelBook]
    scores: Mapping[tuple[str, str], float]
    seen: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    """(network, excerpt id) -> minutes it went or goes out: the cooldown's memory."""
    posts: list[PlannedPost] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    last_day: int | None = None
    """Local date of the post placed last (saves a time-zone conversion per evergreen step)."""


def make_plan(pieces: Iterable[Piece], rules: PlanRules, now: dt.datetime,
              history: Sequence[SentPost] = (), scores: Mapping[tuple[str, str], float] | None = None) -> Plan:
    """Plan posts for ``pieces`` from ``now`` to the horizon; ``history`` is what the store already sent.

    ``scores`` maps (network, excerpt id) to how well an excerpt did; evergreen recycles prefer higher
    scores. The result depends only on the arguments.
    """
    if now.tzinfo is None:
        raise ValueError("make_plan needs an aware 'now'")
    # A plan allocates hundreds of thousands of long-lived objects and no reference cycles; the cyclic
    # collector would walk them all again and again as they pile up (a third of the time at 200,000
    # posts). Reference counting frees everything as usual; the collector resumes when we return.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _plan(pieces, rules, now.astimezone(dt.UTC), history, scores or {})
    finally:
        if collecting:
            gc.enable()


def _plan(pieces: Iterable[Piece], rules: PlanRules, now: dt.datetime, history: Sequence[SentPost],
          scores: Mapping[tuple[str, str], float]) -> Plan:
    grid = build_grid(rules.slots, rules.zone, now, rules.horizon_days, rules.quiet_hours, rules.blackout)
    state = _State(rules, grid, {name: ChannelBook(grid, rules.cap_per_day) for name in rules.channels}, scores)
    sent_keys: set[str] = set()
    sent_by_piece: dict[str, list[SentPost]] = defaultdict(list)
    for post in sorted(history, key=lambda p: (p.at, p.key)):
        sent_keys.add(post.key)
        sent_by_piece[post.piece].append(post)
        at = to_minutes(post.at)
        state.seen[(post.network, post.excerpt_id)].append(at)
        book = state.books.get(post.channel)
        if book is not None and at >= grid.now - _DAY:  # only today's posts count against today's cap
            book.book(at)
    notes: set[str] = set()
    planned = [_prepare(p, rules, state, notes) for p in sorted(pieces, key=lambda p: p.key) if p.is_visible(now)]
    for entry in planned:
        for post in sent_by_piece.get(entry.key, ()):
            entry.remember(post.channel, post.network, post.excerpt_id, to_minutes(post.at),
                           post.key.endswith(":launch"))
    skipped = _launches_and_follow_ups(planned, state, sent_keys, now)
    _evergreen(planned, state, sent_by_piece, now)
    if skipped:
        notes.add(f"{skipped} launch or follow-up posts skipped: their moment passed more than catch_up_days ago")
    posts = sorted(state.posts, key=lambda p: (p.scheduled_at, p.channel, p.key))
    return Plan(tuple(posts), tuple(state.dropped), tuple(sorted(notes)))


def _prepare(piece: Piece, rules: PlanRules, state: _State, notes: set[str]) -> _Piece:
    campaign = rules.campaign_of(piece)
    ruleset = campaign.rules if campaign else rules.rules
    if campaign and not campaign.configured:
        notes.add(f"{piece.key}: campaign {campaign.key!r} is not in mkdocs.yml; using {campaign.hashtag} "
                  f"and utm_campaign={campaign.key}")
    launch_at = piece.date.astimezone(dt.UTC)
    if campaign and campaign.start and campaign.start > launch_at:
        launch_at = campaign.start
    entry = _Piece(piece, piece.key, ruleset, rules.context(piece), campaign.end if campaign else None, launch_at)
    candidates = excerpts_for(piece)
    fitter = Fitter(piece, entry.context)
    for name in ruleset.channels:
        channel = rules.channels[name]
        fitting: list[Candidate] = []
        for order, excerpt in enumerate(candidates):
            if excerpt.network and excerpt.network != channel.network:
                continue
            result = fitter.fit(excerpt, channel)
            if isinstance(result, Rejected):
                state.dropped.append(Dropped(entry.key, name, excerpt.id, result.reason))
            else:
                fitting.append((order, excerpt, result))
        entry.fits[name] = fitting
        entry.positions[name] = {c[1].id: i for i, c in enumerate(fitting)}
        if not fitting:
            state.dropped.append(Dropped(entry.key, name, "", f"no candidate fits {channel.network}"))
    return entry


def _launches_and_follow_ups(planned: list[_Piece], state: _State, sent: set[str], now: dt.datetime) -> int:
    zone = state.rules.zone
    requests: list[tuple[int, int, str, int, str, int, _Piece]] = []
    skipped = 0
    for entry in planned:
        ruleset = entry.rules
        roles: list[tuple[str, dt.datetime, int]] = []
        if ruleset.launch:
            roles.append(("launch", entry.launch_at, 0))
        roles += [(f"follow-up-{n}", add_days(entry.launch_at, n, zone), n) for n in ruleset.follow_ups]
        for role, target, order in roles:
            if add_days(target, ruleset.catch_up_days, zone) < now:
                skipped += sum(f"{entry.key}:{name}:{role}" not in sent for name in ruleset.channels)
                continue
            earliest = to_minutes(max(target, now))
            # Late by catch_up_days at most: the end of that local day closes the window.
            last_day = add_days(target, ruleset.catch_up_days, zone).astimezone(zone).date()
            end = to_minutes(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tzinfo=zone))
            if entry.campaign_end:
                end = min(end, to_minutes(entry.campaign_end))
            for k, name in enumerate(ruleset.channels):
                if f"{entry.key}:{name}:{role}" not in sent:
                    requests.append((order, earliest, entry.key, k, role, end, entry))
    requests.sort(key=lambda r: r[:4])
    for _, earliest, _, k, role, end, entry in requests:
        offset = entry.rules.stagger_minutes * k if role == "launch" else 0
        _place(state, entry, entry.rules.channels[k], role, earliest, offset, end)
    return skipped


def _evergreen(planned: list[_Piece], state: _State, sent_by_piece: dict[str, list[SentPost]],
               now: dt.datetime) -> None:
    """Recycle in rounds: every piece's n-th recycle is placed before anyone's (n+1)-th."""
    zone, grid = state.rules.zone, state.grid
    chains: list[list] = []  # [earliest minute, piece key, channel index, n, end minute, entry]
    for entry in planned:
        rule = entry.rules.evergreen
        if not rule.enabled or rule.max_times <= 0:
            continue
        end = add_days(entry.piece.date, rule.end_after_days, zone)
        if entry.campaign_end and entry.campaign_end < end:
            end = entry.campaign_end
        if end < now:
            continue
        start = max(add_days(entry.piece.date, rule.after_days, zone), now)
        sent = [p for p in sent_by_piece.get(entry.key, ()) if ":evergreen-" in p.key]
        for k, name in enumerate(entry.rules.channels):
            done = [p for p in sent if p.channel == name]
            n = 1 + max((int(p.key.rsplit("-", 1)[1]) for p in done), default=0)
            earliest = start
            if done:
                earliest = max(earliest, add_days(max(p.at for p in done), rule.every_days, zone))
            if n <= rule.max_times and earliest <= end:
                chains.append([to_minutes(earliest), entry.key, k, n, to_minutes(end), entry])
    while chains:
        chains.sort()  # by earliest, piece key, channel index: never ties, so entries are never compared
        alive = []
        for chain in chains:
            earliest, _, k, n, end, entry = chain
            rule = entry.rules.evergreen
            placed = _place(state, entry, entry.rules.channels[k], f"evergreen-{n}", earliest, 0, end)
            if placed is None or n >= rule.max_times:
                continue
            chain[0] = grid.add_days(placed, rule.every_days, state.last_day)
            chain[3] = n + 1
            if chain[0] <= end:
                alive.append(chain)
        chains = alive


def _place(state: _State, entry: _Piece, name: str, role: str, earliest: int, offset: int,
           end: int | None) -> int | None:
    """Put one role on the calendar at the first acceptable minute; return it (None if nowhere).

    ``offset`` (minutes) shifts every slot: the n-th channel of a launch goes n x stagger later.
    """
    fitting = entry.fits.get(name)
    if not fitting:
        return None
    grid, book = state.grid, state.books[name]
    instants, count = grid.instants, len(grid.instants)
    channel = state.rules.channels[name]
    deadline = grid.end if end is None else min(end, grid.end)
    ranked = _ranked(fitting, entry, name, role, channel, state)
    launch = role == "launch"
    cooldown = entry.rules.cooldown_days * _DAY
    stagger = entry.rules.stagger_minutes if launch else 0
    blocked = False
    taken = book.taken_at
    i = book.free_from(min(grid.index_from(earliest - offset), count))
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
        choice, retry = _choose(ranked, entry, channel.network, moment, cooldown, stagger, state)
        if choice is not None:
            _record(state, entry, name, channel, role, choice, moment, None if offset else i)
            return moment
        blocked = True
        if retry > deadline:
            break
        i = book.free_from(min(grid.index_from(retry - offset), count))
    if end is not None and end <= grid.end:  # its window closed inside the horizon: say why
        why = (f"every candidate that fits {channel.network} was used there within "
               f"{entry.rules.cooldown_days} days or goes to another network within the hour" if blocked else
               "no free slot (cap_per_day, quiet hours, blackout or slots all taken)")
        until = to_instant(end).astimezone(grid.zone).strftime("%Y-%m-%d %H:%M")
        state.dropped.append(Dropped(entry.key, name, "", f"{role}: not placed before {until}: {why}"))
    return None


def _ranked(fitting: list[Candidate], entry: _Piece, name: str, role: str, channel: ChannelInfo,
            state: _State) -> list[Candidate]:
    """Candidates in the order this role prefers them. The launch takes the best; later posts take
    the candidates in turn, starting after the last one used here (a follow-up says something new);
    with scores, a recycle prefers the excerpts that did best (in turn among equals)."""
    if role == "launch":
        return fitting
    turn = entry.turn.get(name, 0) % len(fitting)
    ranked = fitting[turn:] + fitting[:turn] if turn else fitting
    if state.scores and role.startswith("evergreen"):
        scores, network = state.scores, channel.network
        ranked = sorted(ranked, key=lambda f: -scores.get((network, f[1].id), 0.0))
    return ranked


def _choose(ranked: list[Candidate], entry: _Piece, network: str, moment: int, cooldown: int, stagger: int,
            state: _State) -> tuple[Candidate | None, int]:
    """The first candidate free at ``moment``; else None and the earliest minute one may be free."""
    if stagger:
        for other, at in entry.launches:
            if other != network and -stagger < at - moment < stagger:
                return None, at + stagger
    retry = -1
    seen = state.seen
    for candidate in ranked:
        excerpt_id = candidate[1].id
        free_at = moment
        if cooldown:
            for at in seen.get((network, excerpt_id), ()):
                if -cooldown < at - moment < cooldown and at + cooldown > free_at:
                    free_at = at + cooldown
        for other, at in entry.by_excerpt.get(excerpt_id, ()):
            if other != network and -_GAP < at - moment < _GAP and at + _GAP > free_at:
                free_at = at + _GAP
        if free_at == moment:
            return candidate, moment
        if retry < 0 or free_at < retry:
            retry = free_at
    return None, retry


def _record(state: _State, entry: _Piece, name: str, channel: ChannelInfo, role: str, candidate: Candidate,
            moment: int, index: int | None) -> None:
    _, excerpt, fitted = candidate
    network = channel.network
    day = state.grid.days[index] if index is not None else None
    state.books[name].book(moment, index, day)
    state.last_day = day
    state.seen[(network, excerpt.id)].append(moment)
    entry.remember(name, network, excerpt.id, moment, role == "launch")
    composed = entry.composed.get((name, excerpt.id))
    if composed is None:
        link = fitted.link_prefix + excerpt.id
        card = card_for(entry.piece, link, entry.context) if channel.link_card and network in CARD_NETWORKS else None
        composed = entry.composed[(name, excerpt.id)] = (fitted.text(excerpt.id), link, card)
    text, link, card = composed
    approve = entry.rules.auto_approve
    approved = approve == "all" or (approve == "hand-written" and excerpt.kind == "hand-written")
    state.posts.append(PlannedPost(
        f"{entry.key}:{name}:{role}", entry.key, name, network, role, excerpt.id, excerpt.kind, text, link,
        to_instant(moment), entry.piece.lang, entry.context.campaign, card, fitted.length, channel.limit,
        "approved" if approved else "proposed",
    ))


__all__ = ["SAME_TEXT_GAP", "make_plan"]
