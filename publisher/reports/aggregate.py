"""Turn per-post numbers and visit totals into a Report: pure, no store, no clock.

The store does the heavy part in SQL (1,000,000 snapshots -> one latest row per post); what
arrives here is one row per post of the period, so grouping in Python stays cheap and lets us
join authors from the content library by piece key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

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

NETWORK_LABELS = {"x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky", "linkedin": "LinkedIn",
                  "webhook": "Webhook"}
TOP_EXCERPTS = 10
SOCIAL, SHARE_BUTTON, ADVOCACY = "social", "share-button", "advocacy"


@dataclass(frozen=True, slots=True)
class PieceInfo:
    """What the report needs from the content library about a piece."""

    title: str
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExcerptRef:
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


def network_label(network: str) -> str:
    return NETWORK_LABELS.get(network, network)


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


def _keys(post_piece: str, network: str, kind: str, campaign: str | None,
          ctx: Context) -> dict[str, list[str]]:
    info = ctx.pieces.get(post_piece)
    return {
        "network": [network],
        "piece": [post_piece],
        "excerpt_kind": [kind_group(kind)],
        "campaign": [campaign or NO_CAMPAIGN],
        "author": list(info.authors) if info and info.authors else [NO_AUTHOR],
    }


def _social_visits(visits: Iterable[VisitTotal], ctx: Context) -> tuple[list[tuple[str, str, ExcerptRef, int]], int]:
    """Visits that came through our own posts, attributed to (network, excerpt); and the rest's count."""
    matched: list[tuple[str, str, ExcerptRef, int]] = []
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


def _fill(groups: dict[str, _Groups], posts: Iterable[PostNumbers], visits: Iterable[VisitTotal],
          ctx: Context, *, before: bool) -> tuple[Numbers, int]:
    totals = Numbers()
    for post in posts:
        values = post_values(post)
        totals.add_values(values)
        for name, keys in _keys(post.piece, post.network, post.excerpt_kind, post.campaign, ctx).items():
            for key in keys:
                line = groups[name].line(key)
                (line.before if before else line.now).add_values(values)
    matched, unmatched = _social_visits(visits, ctx)
    for network, _excerpt, ref, count in matched:
        totals.visits += count
        for name, keys in _keys(ref.piece, network, ref.kind, ref.campaign, ctx).items():
            for key in keys:
                line = groups[name].line(key)
                (line.before if before else line.now).visits += count
    return totals, unmatched


def _top_excerpts(posts: Iterable[PostNumbers], visits: Iterable[VisitTotal], ctx: Context) -> list[ExcerptLine]:
    lines: dict[str, ExcerptLine] = {}
    for post in posts:
        line = lines.get(post.excerpt_id)
        if line is None:
            line = lines[post.excerpt_id] = ExcerptLine(post.excerpt_id, post.piece, kind_group(post.excerpt_kind),
                                                        post.text, [])
        line.numbers.add_post(post)
        if post.network not in line.networks:
            line.networks.append(post.network)
    for network, excerpt, ref, count in _social_visits(visits, ctx)[0]:
        line = lines.get(excerpt)
        if line is None:
            line = lines[excerpt] = ExcerptLine(excerpt, ref.piece, kind_group(ref.kind), ref.text, [])
        line.numbers.visits += count
        if network not in line.networks:
            line.networks.append(network)
    ranked = sorted(lines.values(), key=lambda e: (-(e.numbers.interactions + e.numbers.visits),
                                                   -e.numbers.interactions, e.excerpt_id))
    return [e for e in ranked if e.numbers.interactions or e.numbers.visits][:TOP_EXCERPTS]


def _timeline(period: Period, posts: Iterable[PostNumbers]) -> tuple[str, dict[str, list[tuple[dt.date, int, int]]]]:
    unit, bins = bins_for(period)
    series: dict[str, dict[dt.date, list[int]]] = {}
    for post in posts:
        day = bin_of(period.local(post.at).date(), unit)
        cell = series.setdefault(post.network, {b: [0, 0] for b in bins}).setdefault(day, [0, 0])
        cell[0] += 1
        cell[1] += post.interactions
    return unit, {net: [(b, *cells[b]) for b in sorted(cells)] for net, cells in sorted(series.items())}


def _heatmap(period: Period, posts: Iterable[PostNumbers]) -> list[list[tuple[int, int]]]:
    grid = [[[0, 0] for _ in range(24)] for _ in range(7)]
    for post in posts:
        local = period.local(post.at)
        cell = grid[local.weekday()][local.hour]
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
    totals, unmatched = _fill(groups, posts, visits, ctx, before=False)
    before, _ = _fill(groups, before_posts, before_visits, ctx, before=True)
    breakdowns = {}
    for name, group in groups.items():
        # Keys seen only in the previous period stay out: the tables describe this period.
        for key in [k for k, ln in group.lines.items() if not ln.now.posts and not ln.now.visits]:
            del group.lines[key]
        breakdowns[name] = _sorted(group, name)
    unit, timeline = _timeline(period, posts)
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
        totals=totals, before=before, breakdowns=breakdowns, top_excerpts=_top_excerpts(posts, visits, ctx),
        timeline_unit=unit, timeline=timeline, heatmap=_heatmap(period, posts), ambassadors=ambassadors,
        teams=teams, share_buttons=buttons, unmatched_visits=unmatched, notes=notes,
    )


def change(now: float | None, before: float | None) -> float | None:
    """Relative change now vs before (0.25 = +25 %); None when there is nothing to compare with."""
    if now is None or before is None or before == 0:
        return None
    return (now - before) / before
