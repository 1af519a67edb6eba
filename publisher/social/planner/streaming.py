"""Telling a store the posts of a big plan while they are placed, so that it can write them meanwhile.

A plan of 10,000 pieces places ~258,000 posts in ~3 s on one core, and storing them took ~3 s more on
that core while the other idled. A `PostSink` (store/first_load.py) forks a writer process once every
piece's lanes exist (`start`): the writer holds a copy of them, so the planner only tells it, for each
post, which lane, which of its candidates, which role and which minute (`Placed`: four small values);
the writer reads what a candidate's posts share from its copy (`Lanes.shared`, made by the planner's own
`compose`), ahead of time while it waits (`Lanes.likely`). The planner tells it after the launches and
follow-ups and after each round of recycles (`add`), and once no more come (`complete`): the writer
then builds its indexes while the planner sorts the plan. Sending the shared values instead cost the
planner 1.6 s (165,000 texts pickled); the writer's copy of the lanes costs it ~0.3 s of copied pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from publisher.posts.model import Plan
from publisher.social.planner.composing import composed_values
from publisher.social.planner.placement import Lane

STREAM_FROM = 1000
"""Pieces from which a plan tells a sink its posts (a writer process pays for itself)."""
TELL_EVERY = 8192
"""Recycles placed between two tellings (a round has up to ~40,000): the writer keeps pace, and what it has
left to write when the last one is placed is little."""
Placed = tuple[int, int, str, int]
"""One post as the planner placed it: (lane, candidate, role, minute since the Unix epoch, UTC)."""
Shared = tuple[Any, ...]
"""What the posts of one candidate on one lane share: (key start (piece:channel:, the role follows),
piece, channel, network, excerpt_id, excerpt_kind, text, link, lang, campaign, card, state), the card as
(url, title, description, image, image_alt) or None."""


class Lanes:
    """The plan's lanes, numbered (each lane's `number` is its position), as a writer process reads them."""

    def __init__(self, lanes: Sequence[Lane]):
        self.lanes = lanes

    def shared(self, lane: int, candidate: int) -> Shared:
        """What every post of this candidate on this lane has (`composed_values`, which `compose` makes into
        the posts' values, without the objects: a writer reads 168,000 of them for a 10,000-piece plan)."""
        found = self.lanes[lane]
        piece, channel, network, excerpt_id, kind, text, link, lang, campaign, card, _, _, state = \
            composed_values(found, found.fitting[candidate])
        return found.prefix, piece, channel, network, excerpt_id, kind, text, link, lang, campaign, card, state

    def likely(self) -> Iterator[tuple[int, int]]:
        """(lane, candidate) in the order posts will likely need them: each lane's next candidate, then the
        one after, and so on (follow-ups and recycles take a lane's candidates in turn)."""
        lanes = self.lanes
        for step in range(max((len(lane.fitting) for lane in lanes), default=0)):
            for number, lane in enumerate(lanes):
                count = len(lane.fitting)
                if step < count:
                    yield number, (lane.turn + step) % count


class PostSink(Protocol):
    """Where make_plan tells the posts it places (see the module's docstring)."""

    def start(self, lanes: Lanes) -> bool:
        """Called once, before the first post is placed; False: tell it nothing more."""

    def add(self, placed: Sequence[Placed]) -> None:
        """These posts were placed (after those told before)."""

    def complete(self) -> None:
        """Every post of the plan was told."""

    def made(self, plan: Plan) -> None:
        """The plan whose posts were told (its store takes that one and no other)."""


__all__ = ["STREAM_FROM", "TELL_EVERY", "Lanes", "Placed", "PostSink", "Shared"]
