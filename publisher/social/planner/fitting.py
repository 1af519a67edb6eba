"""The planner's first step: every candidate of every piece fitted to the piece's channels, on two cores
when the plan is big.

Fitting is a third of a big plan's time and each piece's fits depend on that piece alone, so with
thousands of pieces a forked helper (`publisher.performance.Forked`, where the measurements are) fits
the second half while this one fits the first; the helper sends its results back as plain tuples. The
result is the same list, in the same order, as fitting every piece here: the helper runs the same code
on the same inputs (fork copies them), and when it cannot run or fails, this process fits its half
itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from publisher.content.model import Piece
from publisher.performance import Forked, can_fork, fast_constructor
from publisher.posts.model import Excerpt
from publisher.social.excerpting import memo
from publisher.social.excerpts import excerpts_for
from publisher.social.planner.moments import PieceFacts, facts_of
from publisher.social.planner.rules import PlanRules
from publisher.social.render import Fitted, Fitter, Rejected

PARALLEL_FROM = 1000
"""Pieces from which a helper process pays for itself (forking and pickling cost ~0.1 s)."""
HELPER_SHARE = 47
"""Percent of the pieces the helper fits (it also pickles them; this process builds lanes meanwhile)."""

PieceFits = tuple[list[Excerpt], list[list[Fitted | Rejected]], PieceFacts]
"""A piece's candidates, for each its fit on each of the piece's channels in the rules' order, and what the
planner reads of the piece itself (moments.py)."""
Progress = Callable[[str, int, int], None]
"""Told (step, done, total) now and then by a long plan, to show a progress bar (never a thread:
it would stop the fork below)."""
REPORT_EVERY = 250
"""Pieces fitted between two progress reports."""

_new_excerpt = fast_constructor(Excerpt)
_new_tuple = tuple.__new__


def fit_pieces(pieces: Sequence[Piece], rules: PlanRules, *, parallel: bool = True,
               progress: Progress | None = None) -> list[PieceFits]:
    """`fit_piece` for each piece, in order; the second half in a helper process when it pays.
    ``progress`` hears ("fitting", pieces done, pieces) as they are (the helper's all at once)."""
    return list(iter_fits(pieces, rules, parallel=parallel, progress=progress))


def iter_fits(pieces: Sequence[Piece], rules: PlanRules, *, parallel: bool = True,
              progress: Progress | None = None) -> Iterator[PieceFits]:
    """`fit_pieces`, each piece's fits given as soon as they are made: what the caller does with the first
    pieces' (the planner builds their lanes) runs while the helper is still fitting the last ones. That
    work takes this process a tenth longer per piece, so the helper takes a little more than it did
    (`HELPER_SHARE`): the planner's lanes, 0.45 s after fitting for 10,000 pieces, are half done by then."""
    total = len(pieces)
    if not parallel or total < PARALLEL_FROM or not can_fork():
        yield from _fit_here(pieces, rules, progress, 0, total)
        return
    half = total - total * HELPER_SHARE // 100  # the helper also pickles what it fits: it takes a little less
    theirs_to_fit = pieces[half:]
    try:
        helper = Forked(lambda: ([_flat(fit_piece(piece, rules)) for piece in theirs_to_fit], memo.fresh()))
    except OSError:  # no process or pipe to spare: one process
        yield from _fit_here(pieces, rules, progress, 0, total)
        return
    try:
        yield from _fit_here(pieces[:half], rules, progress, 0, total)
        flat = helper.result()
    finally:
        helper.close()
    if flat is None:  # the helper could not finish: same work, here
        yield from _fit_here(theirs_to_fit, rules, progress, half, total)
    else:  # the helper's fits, and the body analyses it made, to be remembered here
        memo.absorb(flat[1])
        if progress:
            progress("fitting", total, total)
        yield from map(_unflat, flat[0])
        return
    if progress:
        progress("fitting", total, total)


def _fit_here(pieces: Sequence[Piece], rules: PlanRules, progress: Progress | None, before: int,
              total: int) -> Iterator[PieceFits]:
    for start in range(0, len(pieces), REPORT_EVERY):
        yield from (fit_piece(piece, rules) for piece in pieces[start:start + REPORT_EVERY])
        if progress:
            progress("fitting", before + min(start + REPORT_EVERY, len(pieces)), total)


def fit_piece(piece: Piece, rules: PlanRules) -> PieceFits:
    """The piece's candidates (excerpts_for), how each fits each channel of its rules, and its facts."""
    channels = [rules.channels[name] for name in rules.channels_for(piece)]
    fitter = Fitter(piece, rules.context(piece))
    excerpts = excerpts_for(piece)
    return excerpts, [fitter.fit_all(excerpt, channels) for excerpt in excerpts], facts_of(piece, rules.rules_for(piece))


Flat = tuple[list[tuple[Any, ...]], list[list[tuple[Any, ...]]], tuple[Any, ...]]


def _flat(fits: PieceFits) -> Flat:
    """Plain tuples pickle several times faster than dataclasses and named tuples."""
    excerpts, results, facts = fits
    return ([(e.id, e.piece, e.kind, e.text, e.lang, e.attribution, e.network, e.question, e.recycled) for e in excerpts],
            [[tuple(r) if type(r) is Fitted else (r.reason, r.length, r.limit) for r in row]  # type: ignore[union-attr]
             for row in results], tuple(facts))


def _unflat(flat: Flat) -> PieceFits:
    excerpts, results, facts = flat
    return ([_new_excerpt(*e) for e in excerpts],
            [[_new_tuple(Fitted, r) if len(r) == 6 else Rejected(*r) for r in row] for row in results],
            _new_tuple(PieceFacts, facts))


__all__ = ["HELPER_SHARE", "PARALLEL_FROM", "PieceFits", "Progress", "fit_piece", "fit_pieces", "iter_fits"]
