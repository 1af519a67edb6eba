"""What a piece's own words say about its moment, read once a piece while its candidates are fitted (on two cores
for a big plan: fitting.py): whether its title speaks from its day (only its launch goes out), whether it
announces a day (never recycled), and the day what it says stops being true (lifetime.py)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from publisher.content.model import Piece
from publisher.social.excerpting import announcing, dated
from publisher.social.planner import lifetime
from publisher.social.planner.rules import RuleSet


class PieceFacts(NamedTuple):
    """`facts_of` one piece: what the planner reads of it besides its candidates."""

    launch_only: bool
    """Its title speaks from its day and it does not opt out (`of_its_moment`): no follow-ups."""
    announces: bool
    """It names a date or a start (`announces`), asked only when it may be recycled."""
    ends: tuple[dt.datetime, str] | None
    """`lifetime.ends_on`, asked only when it may be recycled and announces nothing."""


def facts_of(piece: Piece, rules: RuleSet) -> PieceFacts:
    """The planner's reading of ``piece`` under its rules (its campaign's, if any): the rules decide which
    questions are asked, as `plan._prepare` did when it asked them itself (~0.05 ms a piece)."""
    says, ends = False, None
    if rules.evergreen.enabled and rules.evergreen.max_times > 0 and piece.evergreen is None:
        says = announces(piece)
        ends = None if says else lifetime.ends_on(piece)
    return PieceFacts(piece.evergreen is not True and of_its_moment(piece), says, ends)


def announces(piece: Piece) -> bool:
    """The title names a date or a moment ("ce qui change à partir du 1er décembre", "Route 40 goes
    all-electric, with Sunday service starting December 6") or is the news of a start ("Le Grenier Commun
    lance son épicerie mobile"): an announcement, stale once the day is past,
    and every post of the piece carries its title (social.render). Set 10's reader failed every recycled
    post of two such pieces. A title that names a year to come ("Voice trials 2027: what happens", set 42)
    announces it too: the trials are over by the time it would be recycled. So does a summary that names a
    day to come ("Samedi 14 novembre, notre bourse revient", set 45, recycled after the 14th)."""
    return _titled_moment(piece.title, piece.lang) or (piece.type != "white_paper" and any(
        int(year) > piece.date.year for year in _YEARS.findall(piece.title))) or (
        bool(piece.summary) and (announcing.names_a_day_to_come(piece.summary, piece.lang, piece.date.date())
                                 or announcing.names_a_month_to_come(piece.summary, piece.lang, piece.date.date())))


_YEARS = re.compile(r"(?<![\w/–-])(?<!by )(?<!vision )(?<!horizon )(?<!d’ici )(?<!d'ici )(?<!towards )(?<!to )(?<!en )"
                    r"(20\d\d)(?![\w/–-])", re.I)
"""A year on its own ("Voice trials 2027"), not a span ("2027–2030") nor a target ("by 2035", "Vision 2030")."""


def of_its_moment(piece: Piece) -> bool:
    """The title speaks from its day ("This Black Friday, the best bike deal is probably in your shed",
    "Cette rentrée, …"): only the launch carries it; a follow-up three days later already reads wrong
    (set 15's reader failed every later post of such a piece). `evergreen: true` opts out."""
    return _title_moment(piece.title, piece.lang) == dated.RELATIVE


@lru_cache(maxsize=65536)
def _title_moment(title: str, lang: str) -> str | None:
    return dated.moment_in(title, lang)


@lru_cache(maxsize=65536)
def _titled_moment(title: str, lang: str) -> bool:
    return _title_moment(title, lang) is not None or announcing.announces_a_start(title, lang) or \
        announcing.names_its_month(title, lang)


__all__ = ["PieceFacts", "announces", "facts_of", "of_its_moment"]
