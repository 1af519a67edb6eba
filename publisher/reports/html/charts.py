"""Inline SVG charts drawn in Python: a page that renders offline, with no script and no CDN.

Every drawn data mark carries class="mark" (and a <title> tooltip), so a browser test can count
what was actually rendered. Functions are pure: data in, SVG text out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from publisher.networks import known
from publisher.networks import network as network_descriptor

FALLBACK_COLOURS = ("#10b981", "#ef4444", "#f97316", "#64748b")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HEAT_LOW, HEAT_HIGH = (224, 231, 255), (55, 48, 163)
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\""


def colour(network: str, index: int = 0) -> str:
    """The network's colour (its descriptor's); a key no descriptor knows gets a fallback by position."""
    return network_descriptor(network).colour if known(network) else FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)]


def nice_ceiling(value: float) -> float:
    """The round number a person expects at the top of an axis (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def short_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def _fmt(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    if value >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" {FONT}>' + "".join(body) + "</svg>")


def empty(label: str, message: str, width: int = 760) -> str:
    return _svg(width, 120, [f'<text x="{width // 2}" y="64" text-anchor="middle" font-size="14" fill="#6b7280">'
                             f'{escape(message)}</text>'], label)


def line_chart(series: dict[str, list[tuple[dt.date, int, int]]], unit: str) -> str:
    """Interactions per bin (day or week), one line per network."""
    label = "Interactions over time per network"
    bins = sorted({day for points in series.values() for day, _, _ in points})
    if not bins or not any(n for points in series.values() for _, _, n in points):
        return empty(label, "No interactions measured in this period yet.")
    width, height, left, right, top, bottom = 760, 290, 52, 18, 18, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = nice_ceiling(max(n for points in series.values() for _, _, n in points))
    step = plot_w / max(1, len(bins) - 1)

    def x(i: int) -> float:
        return left + (i * step if len(bins) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - v / peak * plot_h

    body: list[str] = []
    for k in range(5):
        value = peak * k / 4
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                    f'stroke="#e5e7eb" stroke-width="1"/>')
        body.append(f'<text x="{left - 8}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11" '
                    f'fill="#6b7280">{_fmt(value)}</text>')
    every = max(1, math.ceil(len(bins) / 8))
    for i, day in enumerate(bins):
        if i % every == 0:
            text = short_date(day) if unit == "day" else f"wk {short_date(day)}"
            body.append(f'<text x="{x(i):.1f}" y="{height - 14}" text-anchor="middle" font-size="11" '
                        f'fill="#6b7280">{text}</text>')
    index = {day: i for i, day in enumerate(bins)}
    for n, (network, points) in enumerate(sorted(series.items())):
        c = colour(network, n)
        coords = [(x(index[day]), y(v), day, posts, v) for day, posts, v in points]
        path = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (px, py, *_rest) in enumerate(coords))
        body.append(f'<path class="mark line" data-network="{escape(network)}" d="{path}" fill="none" '
                    f'stroke="{c}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>')
        for px, py, day, posts, v in coords:
            if posts or v:
                body.append(f'<circle class="mark point" cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="#fff" '
                            f'stroke="{c}" stroke-width="2"><title>{escape(network)} · {short_date(day)}: '
                            f'{v} interactions from {posts} posts</title></circle>')
    return _svg(width, height, body, label)


def stacked_bars(rows: Sequence[tuple[str, dict[str, int]]], label: str, unit: str = "interactions",
                 width: int = 520) -> str:
    """Horizontal bars (top pieces), each split by network, the name written above its bar."""
    rows = [r for r in rows if sum(r[1].values())]
    if not rows:
        return empty(label, "Nothing to rank in this period yet.", width)
    left, right, row_h, top = 4, 52, 46, 4
    height = top + row_h * len(rows)
    peak = max(sum(v.values()) for _, v in rows)
    scale = (width - left - right) / peak
    order = sorted({net for _, v in rows for net in v})
    limit = int(width / 7.2)
    body: list[str] = []
    for i, (name, values) in enumerate(rows):
        y0 = top + i * row_h
        text = name if len(name) <= limit else name[:limit - 1].rstrip() + "…"
        body.append(f'<text x="{left}" y="{y0 + 13}" font-size="13" fill="#1f2937">'
                    f'<title>{escape(name)}</title>{escape(text)}</text>')
        x0 = float(left)
        for n, net in enumerate(order):
            v = values.get(net, 0)
            if not v:
                continue
            w = v * scale
            body.append(f'<rect class="mark bar" x="{x0:.1f}" y="{y0 + 19}" width="{max(w, 1.5):.1f}" height="16" '
                        f'fill="{colour(net, n)}"><title>{escape(name)} · {escape(net)}: {v} {unit}'
                        f'</title></rect>')
            x0 += w
        body.append(f'<text x="{x0 + 7:.1f}" y="{y0 + 32}" font-size="12.5" font-weight="600" fill="#374151">'
                    f'{_fmt(sum(values.values()))}</text>')
    return _svg(width, height, body, label)


def column_chart(columns: Sequence[tuple[str, float, int]], label: str, width: int = 520) -> str:
    """Vertical bars: (name, value, posts) — interactions per post for each excerpt kind."""
    if not columns or not any(v for _, v, _ in columns):
        return empty(label, "No measured posts to compare yet.", width)
    height, left, right, top, bottom = 340, 8, 8, 26, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = nice_ceiling(max(v for _, v, _ in columns))
    slot = plot_w / len(columns)
    bar_w = min(64, slot * 0.62)
    body: list[str] = [f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
                       f'stroke="#d1d5db"/>']
    palette = ("#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ec4899", "#64748b")
    for i, (name, value, posts) in enumerate(columns):
        cx = left + slot * i + slot / 2
        h = value / peak * plot_h
        y0 = top + plot_h - h
        if value:
            body.append(f'<rect class="mark bar" x="{cx - bar_w / 2:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" '
                        f'height="{max(h, 1.5):.1f}" rx="4" fill="{palette[i % len(palette)]}"><title>{escape(name)}: '
                        f'{value:.1f} interactions per post over {posts} posts</title></rect>')
        body.append(f'<text x="{cx:.1f}" y="{y0 - 7:.1f}" text-anchor="middle" font-size="13" font-weight="600" '
                    f'fill="#1f2937">{value:.1f}</text>')
        body.append(f'<text x="{cx:.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12.5" '
                    f'fill="#1f2937">{escape(name)}</text>')
        body.append(f'<text x="{cx:.1f}" y="{top + plot_h + 34}" text-anchor="middle" font-size="11" '
                    f'fill="#6b7280">{posts} post{"s" if posts != 1 else ""}</text>')
    return _svg(width, height, body, label)


def _heat(ratio: float) -> str:
    r, g, b = (round(lo + (hi - lo) * ratio) for lo, hi in zip(HEAT_LOW, HEAT_HIGH, strict=True))
    return f"rgb({r},{g},{b})"


def heatmap(grid: list[list[tuple[int, int]]], zone: str) -> str:
    """Weekday x hour in the team's zone: colour = interactions per post, cells without posts blank."""
    label = f"Posting hours ({zone})"
    used = [h for row in grid for h, cell in enumerate(row) if cell[0]]
    if not used:
        return empty(label, "No posts in this period.")
    first, last = min(min(used), 7), max(max(used), 20)
    hours = list(range(first, last + 1))
    width, left, top = 760, 46, 24
    cell_w = (width - left - 8) / len(hours)
    cell_h = 30
    height = top + cell_h * 7 + 10
    best = max((c[1] / c[0] for row in grid for c in row if c[0]), default=0) or 1
    body: list[str] = []
    for j, hour in enumerate(hours):
        if hour % 2 == 0:
            body.append(f'<text x="{left + cell_w * j + cell_w / 2:.1f}" y="{top - 8}" text-anchor="middle" '
                        f'font-size="11" fill="#6b7280">{hour:02d}h</text>')
    for d, row in enumerate(grid):
        y0 = top + d * cell_h
        body.append(f'<text x="{left - 8}" y="{y0 + cell_h / 2 + 4:.1f}" text-anchor="end" font-size="12" '
                    f'fill="#374151">{WEEKDAY_NAMES[d]}</text>')
        for j, hour in enumerate(hours):
            posts, interactions = row[hour]
            x0 = left + cell_w * j
            if not posts:
                body.append(f'<rect x="{x0 + 1:.1f}" y="{y0 + 1}" width="{cell_w - 2:.1f}" height="{cell_h - 2}" '
                            f'rx="3" fill="#f3f4f6"/>')
                continue
            avg = interactions / posts
            fill = _heat(avg / best)
            ink = "#ffffff" if avg / best > 0.55 else "#1e1b4b"
            body.append(f'<rect class="mark cell" x="{x0 + 1:.1f}" y="{y0 + 1}" width="{cell_w - 2:.1f}" '
                        f'height="{cell_h - 2}" rx="3" fill="{fill}"><title>{WEEKDAY_NAMES[d]} {hour:02d}:00–'
                        f'{hour:02d}:59: {posts} post{"s" if posts != 1 else ""}, {avg:.1f} interactions per post'
                        f'</title></rect>')
            body.append(f'<text x="{x0 + cell_w / 2:.1f}" y="{y0 + cell_h / 2 + 4:.1f}" text-anchor="middle" '
                        f'font-size="10.5" fill="{ink}" pointer-events="none">{_fmt(avg)}</text>')
    return _svg(width, height, body, label)


def legend_gradient() -> str:
    return f'<span class="ramp" style="background:linear-gradient(90deg,{_heat(0)},{_heat(1)})"></span>'
