"""Turn per-post numbers and visit totals into a Report: pure, no store, no clock.

The store does the heavy part in SQL (1,000,000 snapshots -> one latest row per post); what
arrives here is one row per post of the period, so grouping in Python stays cheap and lets us
join authors from the content library by piece key.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from publisher.networks import sharing
from publisher.reports.model import (
    KIND_ORDER,
    NO_AUTHOR,
    NO_CAMPAIGN,
    NO_TEAM,
    Advocate,
    ExcerptLine,
    Line,
    Numbers,
    PostNumbers,
    Report,
    VisitTotal,
    kind_group,
    post_values,
)
from publisher.reports.period import Period, bin_of, bins_for

TOP_EXCERPTS = 10
SOCIAL, SHARE_BUTTON, ADVOCACY = "social", "share-button", "advocacy"


@dataclass(frozen=True, slots=True)
class PieceInfo:
    """What the report needs from the content library about a piece."""

    title: str
    authors: tuple[str, ...] = ()


class ExcerptRef(NamedTuple):
    """What the store knows about an excerpt posted on a network (to attribute visits)."""

    piece: str
    kind: str
    campaign: str | None
    text: str


@dataclass(frozen=True, slots=True)
class AmbassadorInfo:
    name: str
    team: str = ""


@dataclass
class Context:
    """Names and relations from outside the store, joined in Python by key."""

    pieces: Mapping[str, PieceInfo]
    authors: Mapping[str, str]
    """author key -> name"""
    ambassadors: Mapping[str, AmbassadorInfo]
    excerpts: Mapping[tuple[str, str], ExcerptRef]
    """(network, excerpt id) -> where the excerpt came from."""
    site_name: str = ""


_LINK = re.compile(r"\s*https?://\S+")


def shown_text(text: str) -> str:
    """A post's words as a report shows them: without the link (and its UTM tail), on one line."""
    return " ".join(_LINK.sub("", text).split())


def network_label(network: str) -> str:
    """A network's name as people read it (its descriptor's label; a key no descriptor knows, as is)."""
    return sharing.label(network)


class _Groups:
    """Lines of one breakdown, created on first use."""

    def __init__(self, label: Callable[[str], str]):
        self.lines: dict[str, Line] = {}
        self.label = label

    def line(self, key: str) -> Line:
        found = self.lines.get(key)
        if found is None:
            found = self.lines[key] = Line(key, self.label(key))
        return found


Matched = list[tuple[str, str, ExcerptRef, int]]


def _social_visits(visits: Iterable[VisitTotal], ctx: Context) -> tuple[Matched, int]:
    """Visits that came through our own posts, attributed to (network, excerpt); and the rest's count."""
    matched: Matched = []
    unmatched = 0
    for v in visits:
        if v.medium != SOCIAL:
            if v.medium not in (SHARE_BUTTON, ADVOCACY):
                unmatched += v.visits
            continue
        ref = ctx.excerpts.get((v.source, v.content))
        if ref is None:
            unmatched += v.visits
        else:
            matched.append((v.source, v.content, ref, v.visits))
    return matched, unmatched


def _fill(groups: dict[str, _Groups], posts: Iterable[PostNumbers], matched: Matched, ctx: Context, *,
          before: bool) -> Numbers:
    """Add one period's posts and visits to every breakdown.

    This loop runs for every post of the period, so it only files each post's values under its
    keys; the sums are then taken per key, column by column, in C (Numbers.of).
    """
    rows: list[tuple[int, ...]] = []
    filed: dict[str, dict[str, list[tuple[int, ...]]]] = {name: {} for name in groups}
    by_network, by_piece, by_kind = filed["network"], filed["piece"], filed["excerpt_kind"]
    by_campaign, by_author = filed["campaign"], filed["author"]
    authors_of: dict[str, tuple[str, ...]] = {}

    def authors(piece: str) -> tuple[str, ...]:
        found = authors_of.get(piece)
        if found is None:
            info = ctx.pieces.get(piece)
            found = authors_of[piece] = info.authors if info and info.authors else (NO_AUTHOR,)
        return found

    for post in posts:
        values = post_values(post)
        rows.append(values)
        by_network.setdefault(post.network, []).append(values)
        by_piece.setdefault(post.piece, []).append(values)
        by_kind.setdefault(kind_group(post.excerpt_kind), []).append(values)
        by_campaign.setdefault(post.campaign or NO_CAMPAIGN, []).append(values)
        for author in authors(post.piece):
            by_author.setdefault(author, []).append(values)
    totals = Numbers.of(rows)
    sums = {name: {key: Numbers.of(items) for key, items in table.items()} for name, table in filed.items()}
    visits: dict[str, dict[str, int]] = {name: {} for name in groups}
    v_network, v_piece, v_kind, v_campaign, v_author = (visits[n] for n in (
        "network", "piece", "excerpt_kind", "campaign", "author"))
    for network, _excerpt, ref, count in matched:
        totals.visits += count
        v_network[network] = v_network.get(network, 0) + count
        v_piece[ref.piece] = v_piece.get(ref.piece, 0) + count
        kind = kind_group(ref.kind)
        v_kind[kind] = v_kind.get(kind, 0) + count
        campaign = ref.campaign or NO_CAMPAIGN
        v_campaign[campaign] = v_campaign.get(campaign, 0) + count
        for author in authors(ref.piece):
            v_author[author] = v_author.get(author, 0) + count
    for name, table in visits.items():
        for key, count in table.items():
            sums[name].setdefault(key, Numbers()).visits += count
    for name, table in sums.items():
        for key, numbers in table.items():
            line = groups[name].line(key)
            if before:
                line.before = numbers
            else:
                line.now = numbers
    return totals


def _top_excerpts(posts: Iterable[PostNumbers], matched: Matched) -> list[ExcerptLine]:
    """The 10 excerpts with the most interactions plus visits; only those 10 get full lines."""
    interactions: dict[str, int] = {}
    filed: dict[str, list[PostNumbers]] = {}
    for post in posts:
        interactions[post.excerpt_id] = interactions.get(post.excerpt_id, 0) + post.interactions
        filed.setdefault(post.excerpt_id, []).append(post)
    visited: dict[str, list[tuple[str, ExcerptRef, int]]] = {}
    for network, excerpt, ref, count in matched:
        visited.setdefault(excerpt, []).append((network, ref, count))
        interactions.setdefault(excerpt, 0)
    seen = {e: sum(c for _, _, c in visited.get(e, ())) for e in interactions}
    best = heapq.nsmallest(TOP_EXCERPTS, (e for e in interactions if interactions[e] or seen[e]),
                           key=lambda e: (-(interactions[e] + seen[e]), -interactions[e], e))
    lines = []
    for excerpt in best:
        items = filed.get(excerpt, [])
        refs = visited.get(excerpt, [])
        piece, kind, text = ((items[0].piece, items[0].excerpt_kind, items[0].text) if items
                             else (refs[0][1].piece, refs[0][1].kind, refs[0][1].text))
        numbers = Numbers.of([post_values(p) for p in items])
        numbers.visits = seen[excerpt]
        networks = list(dict.fromkeys([*(p.network for p in items), *(n for n, _, _ in refs)]))
        lines.append(ExcerptLine(excerpt, piece, kind_group(kind), shown_text(text), networks, numbers))
    return lines


def _timeline(period: Period, posts: list[PostNumbers],
              local: list[dt.datetime]) -> tuple[str, dict[str, list[tuple[dt.date, int, int]]]]:
    unit, bins = bins_for(period)
    series: dict[str, dict[dt.date, list[int]]] = {}
    for post, when in zip(posts, local, strict=True):
        day = bin_of(when.date(), unit)
        cells = series.get(post.network)
        if cells is None:
            cells = series[post.network] = {b: [0, 0] for b in bins}
        cell = cells.setdefault(day, [0, 0])
        cell[0] += 1
        cell[1] += post.interactions
    return unit, {net: [(b, *cells[b]) for b in sorted(cells)] for net, cells in sorted(series.items())}


def _heatmap(posts: list[PostNumbers], local: list[dt.datetime]) -> list[list[tuple[int, int]]]:
    grid = [[[0, 0] for _ in range(24)] for _ in range(7)]
    for post, when in zip(posts, local, strict=True):
        cell = grid[when.weekday()][when.hour]
        cell[0] += 1
        cell[1] += post.interactions
    return [[(c[0], c[1]) for c in row] for row in grid]


def _advocacy(visits: Iterable[VisitTotal], ctx: Context) -> tuple[list[Advocate], list[Advocate], dict[str, int]]:
    people: dict[str, Advocate] = {}
    buttons: dict[str, int] = {}
    for v in visits:
        if v.medium == SHARE_BUTTON:
            buttons[v.source or "(unknown)"] = buttons.get(v.source or "(unknown)", 0) + v.visits
        if v.medium != ADVOCACY:
            continue
        key = v.content or "(unknown)"
        person = people.get(key)
        if person is None:
            info = ctx.ambassadors.get(key)
            person = people[key] = Advocate(key, info.name if info else key, (info.team if info else "") or NO_TEAM,
                                            known=info is not None)
        person.visits += v.visits
        network = v.source or "(unknown)"
        person.networks[network] = person.networks.get(network, 0) + v.visits
    teams: dict[str, Advocate] = {}
    for person in people.values():
        team = teams.setdefault(person.team, Advocate(person.team, person.team, person.team))
        team.visits += person.visits
        for net, n in person.networks.items():
            team.networks[net] = team.networks.get(net, 0) + n

    def board(items: Iterable[Advocate]) -> list[Advocate]:
        return sorted(items, key=lambda a: (-a.visits, a.name.casefold()))

    return board(people.values()), board(teams.values()), dict(sorted(buttons.items()))


def _sorted(groups: _Groups, name: str) -> list[Line]:
    lines = list(groups.lines.values())
    if name == "excerpt_kind":
        order = {k: i for i, k in enumerate(KIND_ORDER)}
        return sorted(lines, key=lambda ln: order.get(ln.key, len(order)))
    return sorted(lines, key=lambda ln: (-ln.now.interactions, -ln.now.visits, -ln.now.posts, ln.label.casefold()))


def build_report(period: Period, posts: list[PostNumbers], visits: list[VisitTotal],
                 before_posts: list[PostNumbers], before_visits: list[VisitTotal], ctx: Context,
                 generated_at: dt.datetime) -> Report:
    """Everything the terminal, CSV/JSON and HTML views show, from the rows of two periods."""

    def piece_label(key: str) -> str:
        info = ctx.pieces.get(key)
        return info.title if info else key

    labels: dict[str, Callable[[str], str]] = {
        "network": network_label,
        "piece": piece_label,
        "excerpt_kind": lambda k: k,
        "campaign": lambda k: k,
        "author": lambda k: ctx.authors.get(k, k),
    }
    groups = {name: _Groups(label) for name, label in labels.items()}
    matched, unmatched = _social_visits(visits, ctx)
    totals = _fill(groups, posts, matched, ctx, before=False)
    before = _fill(groups, before_posts, _social_visits(before_visits, ctx)[0], ctx, before=True)
    breakdowns = {}
    for name, group in groups.items():
        # Keys seen only in the previous period stay out: the tables describe this period.
        for key in [k for k, ln in group.lines.items() if not ln.now.posts and not ln.now.visits]:
            del group.lines[key]
        breakdowns[name] = _sorted(group, name)
    local = [period.local(post.at) for post in posts]  # the team's wall clock, once per post
    unit, timeline = _timeline(period, posts, local)
    ambassadors, teams, buttons = _advocacy(visits, ctx)
    notes = []
    unmeasured = totals.posts - totals.measured
    if totals.posts and unmeasured:
        notes.append(f"{unmeasured} of {totals.posts} posts have no engagement snapshot in the period yet "
                     "(run `publisher metrics`).")
    if not visits:
        notes.append("No site analytics for this period: `publisher analytics import EXPORT.csv` adds link visits.")
    piece_networks: dict[str, dict[str, int]] = {}
    for post in posts:
        nets = piece_networks.setdefault(post.piece, {})
        nets[post.network] = nets.get(post.network, 0) + post.interactions
    return Report(
        piece_networks=piece_networks, period=period, previous=period.previous(), generated_at=generated_at, site_name=ctx.site_name,
        totals=totals, before=before, breakdowns=breakdowns, top_excerpts=_top_excerpts(posts, matched),
        timeline_unit=unit, timeline=timeline, heatmap=_heatmap(posts, local), ambassadors=ambassadors,
        teams=teams, share_buttons=buttons, unmatched_visits=unmatched, notes=notes,
    )


def change(now: float | None, before: float | None) -> float | None:
    """Relative change now vs before (0.25 = +25 %); None when there is nothing to compare with."""
    if now is None or before is None or before == 0:
        return None
    return (now - before) / before
