"""Render a Report as one self-contained HTML file (inline CSS and SVG; nothing fetched)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from publisher.reports.aggregate import change, network_label
from publisher.reports.html import charts
from publisher.reports.model import Line, Report
from publisher.reports.terminal import engagement

TEMPLATES = Path(__file__).parent
TOP_PIECES = 8


def _trend(now: float | None, before: float | None) -> dict[str, str]:
    delta = change(now, before)
    if delta is None:
        return {"text": "new" if now and not before else "no comparison", "tone": "flat"}
    if abs(delta) < 0.005:
        return {"text": "= same", "tone": "flat"}
    return {"text": f"{'▲' if delta > 0 else '▼'} {delta:+.0%}", "tone": "up" if delta > 0 else "down"}


def _count(value: int | None) -> str:
    return "–" if not value else f"{value:,}".replace(",", "\u202f")


def _kpis(report: Report) -> list[dict[str, Any]]:
    now, before = report.totals, report.before
    rate_now = now.rate if now.rate is not None else now.per_post
    rate_before = before.rate if now.rate is not None else before.per_post
    return [
        {"label": "Posts", "value": _count(now.posts) if now.posts else "0",
         "trend": _trend(now.posts, before.posts)},
        {"label": "Interactions", "value": _count(now.interactions) if now.interactions else "0",
         "trend": _trend(now.interactions, before.interactions), "hint": "likes, reposts, replies, quotes"},
        {"label": "Engagement", "value": engagement(now), "trend": _trend(rate_now, rate_before),
         "hint": "of impressions" if now.rate is not None else "interactions per post"},
        {"label": "Impressions", "value": _count(now.impressions), "trend": _trend(now.impressions, before.impressions)},
        {"label": "Link clicks", "value": _count(now.clicks), "trend": _trend(now.clicks, before.clicks),
         "hint": "as the networks count them"},
        {"label": "Site visits", "value": _count(now.visits), "trend": _trend(now.visits, before.visits),
         "hint": "from your analytics, via UTM"},
    ]


def _rows(lines: list[Line]) -> list[dict[str, Any]]:
    peak = max((ln.now.interactions for ln in lines), default=0) or 1
    return [{"label": ln.label, "key": ln.key, "posts": ln.now.posts, "interactions": _count(ln.now.interactions) or "0",
             "engagement": engagement(ln.now), "visits": _count(ln.now.visits), "clicks": _count(ln.now.clicks),
             "share": round(100 * ln.now.interactions / peak), "trend": _trend(ln.now.interactions, ln.before.interactions)}
            for ln in lines]


def _piece_bars(report: Report) -> str:
    lines = report.breakdowns.get("piece", [])[:TOP_PIECES]
    return charts.stacked_bars([(ln.label, report.piece_networks.get(ln.key, {})) for ln in lines],
                               "Top pieces by interactions, split by network")


def _kind_columns(report: Report) -> str:
    cols = [(ln.label, ln.now.per_post or 0.0, ln.now.posts) for ln in report.breakdowns.get("excerpt_kind", [])
            if ln.now.posts]
    return charts.column_chart(cols, "Interactions per post by excerpt kind")


def render_html(report: Report) -> str:
    """The whole page as one string."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("report.html.j2")
    networks = sorted(report.timeline) or sorted({ln.key for ln in report.breakdowns.get("network", [])})
    top = []
    for e in report.top_excerpts:
        top.append({"text": " ".join(e.text.split()), "piece": e.piece, "kind": e.kind,
                    "networks": ", ".join(network_label(n) for n in e.networks), "posts": e.numbers.posts,
                    "interactions": _count(e.numbers.interactions) or "0", "engagement": engagement(e.numbers),
                    "visits": _count(e.numbers.visits)})
    peak_amb = max((a.visits for a in report.ambassadors), default=0) or 1
    return template.render(
        report=report,
        title=f"{report.site_name or 'Publisher'} · social report",
        kpis=_kpis(report),
        legend=[{"name": network_label(n), "colour": charts.colour(n, i)} for i, n in enumerate(networks)],
        line_chart=Markup(charts.line_chart(report.timeline, report.timeline_unit)),
        pieces_chart=Markup(_piece_bars(report)),
        kinds_chart=Markup(_kind_columns(report)),
        heatmap=Markup(charts.heatmap(report.heatmap, report.period.zone.key)),
        ramp=Markup(charts.legend_gradient()),
        networks=_rows(report.breakdowns.get("network", [])),
        campaigns=_rows(report.breakdowns.get("campaign", [])),
        authors=_rows(report.breakdowns.get("author", [])),
        top=top,
        ambassadors=[{"rank": i, "name": a.name, "team": a.team, "visits": _count(a.visits), "known": a.known,
                      "share": round(100 * a.visits / peak_amb),
                      "networks": ", ".join(f"{network_label(k)} {v}" for k, v in
                                            sorted(a.networks.items(), key=lambda kv: -kv[1]))}
                     for i, a in enumerate(report.ambassadors, start=1)],
        teams=[{"rank": i, "name": t.name, "visits": _count(t.visits)} for i, t in enumerate(report.teams, start=1)],
        share_buttons=[{"name": network_label(k), "visits": _count(v)} for k, v in report.share_buttons.items()],
        unmatched=_count(report.unmatched_visits),
        unit_label="day" if report.timeline_unit == "day" else "week",
        generated=report.generated_at.astimezone(report.period.zone).strftime("%Y-%m-%d %H:%M"),
    )
