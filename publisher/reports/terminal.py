"""The report as rich tables in the terminal."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from publisher.reports.aggregate import change, network_label
from publisher.reports.model import Advocate, Line, Numbers, Report

PIECES_SHOWN = 20
TITLES = {
    "network": "By network",
    "excerpt_kind": "By excerpt kind",
    "campaign": "By campaign",
    "author": "By author",
    "piece": "By piece",
}
FIRST_COLUMN = {"network": "network", "excerpt_kind": "kind", "campaign": "campaign", "author": "author",
                "piece": "piece"}


def engagement(numbers: Numbers) -> str:
    """The rate a person reads: % of impressions where networks give them, else interactions per post."""
    if numbers.rate is not None:
        return f"{numbers.rate:.1%}"
    if numbers.per_post is not None:
        return f"{numbers.per_post:.1f}/post"
    return "–"


def trend(now: float | None, before: float | None) -> Text:
    delta = change(now, before)
    if delta is None:
        return Text("new" if now and not before else "–", style="dim")
    if abs(delta) < 0.005:
        return Text("= 0%", style="dim")
    arrow, style = ("▲", "green") if delta > 0 else ("▼", "red")
    return Text(f"{arrow} {delta:+.0%}", style=style)


def _count(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _totals(report: Report) -> Panel:
    now, before = report.totals, report.before
    grid = Table.grid(padding=(0, 3))
    cells = [
        ("Posts", _count(now.posts), trend(now.posts, before.posts)),
        ("Interactions", _count(now.interactions), trend(now.interactions, before.interactions)),
        ("Engagement", engagement(now), trend(now.rate if now.rate is not None else now.per_post,
                                              before.rate if now.rate is not None else before.per_post)),
        ("Impressions", _count(now.impressions) if now.impressions else "–", trend(now.impressions, before.impressions)),
        ("Link clicks", _count(now.clicks) if now.clicks else "–", trend(now.clicks, before.clicks)),
        ("Site visits", _count(now.visits) if now.visits else "–", trend(now.visits, before.visits)),
    ]
    for _ in cells:
        grid.add_column(justify="center")
    grid.add_row(*[Text(label, style="dim") for label, _, _ in cells])
    grid.add_row(*[Text(value, style="bold") for _, value, _ in cells])
    grid.add_row(*[t for _, _, t in cells])
    title = f"{report.site_name or 'Report'}: {report.period.label()}"
    subtitle = f"vs {report.previous.label()} · times in {report.period.zone.key}"
    return Panel(grid, title=title, subtitle=subtitle, expand=False)


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", header_style="bold dim",
                 box=box.SIMPLE_HEAD, pad_edge=False)


def breakdown_table(name: str, lines: list[Line], limit: int | None = None, width: int = 120) -> Table:
    """One breakdown; columns nobody fills (impressions, clicks, visits) are left out, and on a narrow
    terminal only visits stay (--format csv has them all)."""
    table = _table(TITLES[name])
    table.add_column(FIRST_COLUMN[name], overflow="fold", min_width=16, max_width=44)
    wanted = ("impressions", "clicks", "visits") if width >= 100 else ("visits",)
    optional = [c for c in wanted if any(getattr(ln.now, c) for ln in lines)]
    for col in ("posts", "interactions", "engagement", *optional, "vs prev."):
        table.add_column(col, justify="right", no_wrap=True)
    shown = lines[:limit] if limit else lines
    for line in shown:
        n, b = line.now, line.before
        extra = [_count(getattr(n, c)) if getattr(n, c) else "–" for c in optional]
        table.add_row(line.label, _count(n.posts), _count(n.interactions), engagement(n), *extra,
                      trend(n.interactions, b.interactions))
    if limit and len(lines) > limit:
        table.caption = f"{len(lines) - limit} more: --format csv lists them all"
    return table


def _top_table(report: Report) -> Table:
    table = _table("Top 10 excerpts")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("excerpt", overflow="fold", min_width=28, max_width=64)
    for col in ("posts", "interactions", "engagement", "visits"):
        table.add_column(col, justify="right", no_wrap=True)
    for i, e in enumerate(report.top_excerpts, start=1):
        text = " ".join(e.text.split())
        short = text if len(text) <= 110 else text[:107].rsplit(" ", 1)[0] + "…"
        where = f"{e.kind} · {e.piece} · {', '.join(network_label(n) for n in e.networks)}"
        table.add_row(str(i), Text.assemble(short, "\n", (where, "dim")), _count(e.numbers.posts),
                      _count(e.numbers.interactions), engagement(e.numbers),
                      _count(e.numbers.visits) if e.numbers.visits else "–")
    return table


def _board(title: str, people: list[Advocate], with_team: bool) -> Table:
    table = _table(title)
    table.add_column("#", justify="right")
    table.add_column("ambassador" if with_team else "team")
    if with_team:
        table.add_column("team")
    table.add_column("visits", justify="right")
    table.add_column("by network")
    for i, person in enumerate(people, start=1):
        name = Text(person.name) if person.known else Text.assemble(person.name, (" (not in ambassadors file)", "dim"))
        nets = ", ".join(f"{network_label(k)} {v}" for k, v in sorted(person.networks.items(), key=lambda kv: -kv[1]))
        row = [str(i), name, *([person.team] if with_team else []), _count(person.visits), nets]
        table.add_row(*row)
    return table


def render(report: Report, console: Console | None = None) -> None:
    """Print the whole report."""
    console = console or Console()
    console.print(_totals(report))
    if not report.totals.posts and not report.totals.visits:
        console.print("No published posts in this period (publisher run sends them, publisher metrics measures them).",
                      style="yellow")
    for name in ("network", "excerpt_kind", "campaign", "author", "piece"):
        lines = report.breakdowns.get(name, [])
        if lines:
            console.print(breakdown_table(name, lines, PIECES_SHOWN if name == "piece" else None, console.width))
    if report.top_excerpts:
        console.print(_top_table(report))
    if report.ambassadors:
        console.print(Group(_board("Advocacy: ambassadors", report.ambassadors, True),
                            _board("Advocacy: teams", report.teams, False)))
    if report.share_buttons:
        shares = ", ".join(f"{network_label(k)} {_count(v)}" for k, v in report.share_buttons.items())
        console.print(f"Visits from readers' share buttons: {shares}")
    if report.unmatched_visits:
        console.print(f"{_count(report.unmatched_visits)} UTM-tagged visits matched no post of ours.", style="dim")
    for note in report.notes:
        console.print(f"Note: {note}", style="dim")
