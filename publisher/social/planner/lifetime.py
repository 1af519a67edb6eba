"""When what every post of a piece says stops being true: the day the person it presents leaves their post,
the day the call it makes closes. The planner (planner.plan) ends the piece's recycles there; a piece that
says `evergreen: true` or `false` decides for itself.
"""

from __future__ import annotations

import datetime as dt

from publisher.content.model import Piece
from publisher.social.excerpting import announcing, deadlines


def ends_on(piece: Piece) -> tuple[dt.datetime, str] | None:
    """The earlier of leaves_on and closes_on, with what happens that day (for `publisher plan`), or None."""
    days = [(day, why) for day, why in ((leaves_on(piece), "the person it presents leaves their post"),
                                        (closes_on(piece), "the call it makes closes")) if day is not None]
    return min(days, default=None)  # type: ignore[arg-type]


def leaves_on(piece: Piece) -> dt.datetime | None:
    """When the person a piece presents (an interview's guest, or whoever its summary speaks of) leaves their
    post ("part à la retraite en décembre", "retires at the end of December"): its posts name them by that
    role (the title line does), so its recycles stop there. Readers of sets 14, 49 and 104 failed every
    recycle of such portraits that went out after the day. None when the piece says no such thing."""
    presented = piece.type == "interview" or piece.guest is not None
    text = f"{piece.summary}\n\n{piece.body}" if presented else piece.summary
    if not text:
        return None
    day = announcing.leaving_date(text, piece.lang, piece.date.date())
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(0), tzinfo=piece.date.tzinfo or dt.UTC)


def closes_on(piece: Piece) -> dt.datetime | None:
    """The closing day of the call the piece's title, summary or a takeaway makes ("… recrute huit personnes", "is
    hiring", "appel à bénévoles"), when the summary or body names it ("jusqu’au vendredi 11 décembre",
    "applications close on 11 December"): a recycle after it invites readers to something that is over
    (set 116's reader failed every recycle of such a recruitment sent in January). None when the piece
    makes no call or names no day."""
    if not deadlines.makes_a_call("\n".join((piece.title, piece.summary or "", *piece.takeaways)), piece.lang):
        return None  # a takeaway too: "The service is recruiting twelve listening volunteers for 2027." (set 141)
    day = deadlines.closing_day(f"{piece.summary or ''}\n\n{piece.body}", piece.lang, piece.date.date())
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(0), tzinfo=piece.date.tzinfo or dt.UTC)


__all__ = ["closes_on", "ends_on", "leaves_on"]
