"""The desk's pages (GET): the queue per piece, one post, the calendar, pause, health, the report."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from publisher.desk.context import Desk
from publisher.desk.preview import preview
from publisher.errors import NotFound
from publisher.secrets import mask
from publisher.social.late import fresh_after, late_moves

QUEUE_VIEWS = {
    "review": ("To review", ("proposed",)),
    "approved": ("Approved", ("approved",)),
    "attention": ("Needs a person", ("failed", "unconfirmed")),
    "sent": ("Sent", ("published", "sending")),
    "all": ("All", ("proposed", "approved", "sending", "published", "failed", "unconfirmed", "cancelled")),
}
PAGE_SIZE = 60
CALENDAR_STATES = ("proposed", "approved", "sending", "unconfirmed", "published", "failed")
CELL_MAX = 6


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value or default), 0)
    except ValueError:
        return default


def _channel(desk: Desk, value: str | None) -> str | None:
    return value if value in desk.settings.plugin.channels else None


async def queue(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    view = request.query_params.get("view", "review")
    if view not in QUEUE_VIEWS:
        view = "review"
    title, states = QUEUE_VIEWS[view]
    channel = _channel(desk, request.query_params.get("channel"))
    piece = request.query_params.get("piece") or None
    page = _int(request.query_params.get("page"), 0)
    records = desk.store.records(states=states, channel=channel, piece=piece, limit=PAGE_SIZE + 1,
                                 offset=page * PAGE_SIZE)
    more = len(records) > PAGE_SIZE
    records = records[:PAGE_SIZE]
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in records:
        groups[r.post.piece].append({"r": r, "p": r.post, "v": preview(r.post, desk.limit(r.post))})
    counts: Counter[str] = Counter()
    for (ch, state), n in desk.store.state_counts().items():
        if channel is None or ch == channel:
            counts[state] += n
    tabs = [(key, label, sum(counts[s] for s in st)) for key, (label, st) in QUEUE_VIEWS.items()]
    return desk.render(request, "queue.html", view=view, title=title, groups=groups, tabs=tabs, channel=channel,
                       piece=piece, page=page, more=more, shown=len(records), page_size=PAGE_SIZE)


def _post_or_404(desk: Desk, post_id: int) -> Any:
    try:
        return desk.store.post(post_id)
    except NotFound:
        raise HTTPException(404, f"No post {post_id} in the store") from None


def post_page_values(desk: Desk, record: Any, text: str | None = None) -> dict[str, Any]:
    post = record.post
    same_piece = desk.store.records(piece=post.piece)
    thread = sorted((s.post for s in same_piece if post.thread_id is not None and s.post.thread_id == post.thread_id),
                    key=lambda p: p.part or 0)
    return {"r": record, "p": post, "v": preview(post, desk.limit(post), desk.settings.root, text),
            "events": desk.store.events(post.id),
            "when_value": post.scheduled_at.astimezone(desk.zone).strftime("%Y-%m-%dT%H:%M"),
            "siblings": [s for s in same_piece if s.post.id != post.id
                         and (post.thread_id is None or s.post.thread_id != post.thread_id)],
            # the whole thread, part by part, as its network will show each one (LinkedIn: post, first comment)
            "thread": [{"p": p, "v": preview(p, desk.limit(p), desk.settings.root)} for p in thread]}


async def post_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    record = _post_or_404(desk, int(request.path_params["post_id"]))
    return desk.render(request, "post.html", **post_page_values(desk, record))


async def post_image(request: Request) -> Response:
    """The cover of a post's card, when it is a file inside the project (never any other file)."""
    desk: Desk = request.app.state.desk
    record = _post_or_404(desk, int(request.path_params["post_id"]))
    v = preview(record.post, desk.limit(record.post), desk.settings.root)
    if v.card is None or not v.card.image or not v.card.image_is_local:
        raise HTTPException(404, "This post's card has no local image")
    path = Path(v.card.image)
    return FileResponse(path if path.is_absolute() else Path(desk.settings.root) / path)


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


async def calendar(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    zone = desk.zone
    view = "month" if request.query_params.get("view") == "month" else "week"
    channel = _channel(desk, request.query_params.get("channel"))
    today = desk.clock().astimezone(zone).date()
    try:
        anchor = dt.date.fromisoformat(request.query_params.get("start", "")[:10])
    except ValueError:
        anchor = today
    if view == "week":
        first = _week_start(anchor)
        days = [first + dt.timedelta(days=i) for i in range(7)]
        prev, nxt = first - dt.timedelta(days=7), first + dt.timedelta(days=7)
    else:
        month = anchor.replace(day=1)
        first = _week_start(month)
        following = (month + dt.timedelta(days=32)).replace(day=1)
        days = []
        day = first
        while day < following or day.weekday() != 0:
            days.append(day)
            day += dt.timedelta(days=1)
        prev, nxt = (month - dt.timedelta(days=1)).replace(day=1), following
    start = dt.datetime.combine(days[0], dt.time(), zone).astimezone(dt.UTC)
    end = dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time(), zone).astimezone(dt.UTC)
    records = desk.store.calendar_rows(start, end, CALENDAR_STATES, channel)
    cells: dict[tuple[dt.date, str], list[Any]] = defaultdict(list)
    per_day: dict[dt.date, list[Any]] = defaultdict(list)
    titles: dict[str, str] = {}
    offsets: dict[int, dt.timedelta] = {}
    for r in records:
        # the local day and time, with one zone look-up per hour of the period instead of one per post
        hour = int(r.scheduled_at.timestamp()) // 3600
        offset = offsets.get(hour)
        if offset is None:
            offset = offsets[hour] = r.scheduled_at.astimezone(zone).utcoffset() or dt.timedelta()
        local = (r.scheduled_at + offset).replace(tzinfo=None)
        role = f"{r.role} (thread of {r.parts})" if r.parts else r.role
        item = {"id": r.id, "channel": r.channel, "network": r.network, "role": role, "state": r.state,
                "piece": r.piece, "time": f"{local:%H:%M}"}
        if view == "week":
            cells[(local.date(), r.channel)].append(item)
        per_day[local.date()].append(item)
        if r.title and r.piece not in titles:
            titles[r.piece] = r.title
    shown_channels = [channel] if channel else sorted(desk.settings.plugin.channels)
    return desk.render(request, "calendar.html", view=view, days=days, cells=cells, per_day=per_day,
                       shown_channels=shown_channels, channel=channel, today=today, prev=prev, nxt=nxt,
                       month=anchor.replace(day=1), total=len(records), cell_max=CELL_MAX, titles=titles)


def resume_outlook(desk: Desk, channel: str | None = None, limit: int = 10) -> dict[str, Any]:
    """What resuming now would do: where each late post goes, and the next posts to go out."""
    now = desk.clock()
    fresh = fresh_after(now, desk.real_clock(), desk.late)
    names = [channel] if channel else None
    late = desk.store.late_posts(fresh, names)
    moves = late_moves(late, lambda ch: desk.store.taken_slots(ch, now), now, desk.late)
    upcoming = desk.store.upcoming(fresh, limit, names)
    return {"moves": moves, "upcoming": upcoming, "grace_minutes": int(desk.late.grace.total_seconds() // 60),
            "late_action": desk.late.action, "now": now}


async def pause_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    now = desk.clock()
    return desk.render(request, "pause.html", pauses=desk.store.active_pauses(now), resumed=None,
                       default_until="", **resume_outlook(desk))


def _health(desk: Desk) -> list[dict[str, Any]]:
    from publisher.networks import known
    from publisher.networks import network as descriptor
    from publisher.secrets import credential
    from publisher.sending.channels.registry import build_channels

    settings, store = desk.settings, desk.store
    now = desk.clock()
    built = build_channels(settings)
    states = store.channel_states()
    counts = store.state_counts()
    pauses = store.active_pauses(now)
    rows = []
    for name, spec in sorted(settings.plugin.channels.items()):
        network = spec.network or name
        state = states.get(name)
        names = descriptor(network).credentials if known(network) else ()
        creds = [{"name": spec.env_prefix + n, "set": bool(credential(n, spec.env_prefix))} for n in names]
        blocked = state.blocked_until if state and state.blocked_until and state.blocked_until > now else None
        paused = next((p for p in pauses if p.channel in (None, name)), None)
        rows.append({
            "name": name, "network": network, "enabled": spec.enabled, "credentials": creds,
            "sends_to": "outbox" if name in built.outbox else "held" if name in built.held else "network",
            "held": mask(built.held.get(name, "")),
            "disabled": bool(state and state.disabled), "disabled_reason": mask(state.disabled_reason if state else ""),
            "blocked_until": blocked, "paused": paused.describe(desk.zone) if paused else "",
            "unconfirmed": counts.get((name, "unconfirmed"), 0), "failed": counts.get((name, "failed"), 0),
            "approved": counts.get((name, "approved"), 0), "proposed": counts.get((name, "proposed"), 0),
        })
    return rows


async def health(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    return desk.render(request, "health.html", rows=_health(desk))


async def report(request: Request) -> Response:
    """The report's own page (publisher/reports/html): charts drawn inline, nothing fetched."""
    from publisher.content import load_library
    from publisher.content.ambassadors import ambassadors_for
    from publisher.reports.aggregate import AmbassadorInfo, PieceInfo
    from publisher.reports.collect import make_report
    from publisher.reports.html import render_html
    from publisher.reports.period import period_from

    desk: Desk = request.app.state.desk
    settings = desk.settings
    since = request.query_params.get("since", "30d")
    if since not in ("7d", "30d", "90d", "365d"):
        since = "30d"
    library = load_library(settings)
    people, _ = ambassadors_for(settings)
    now = desk.clock()
    result = make_report(desk.store, period_from(now, settings.zone, since=since), site_name=settings.site_name,
                         now=now, pieces={p.key: PieceInfo(p.title, p.authors) for p in library},
                         authors={k: a.name for k, a in library.authors.items()},
                         ambassadors={k: AmbassadorInfo(a.name, a.team) for k, a in people.items()})
    page = render_html(result)
    bar = desk.templates.get_template("report_bar.html").render(since=since)
    return HTMLResponse(page.replace("<body>", "<body>" + bar, 1) if "<body>" in page else bar + page)


__all__ = ["calendar", "health", "pause_page", "post_image", "post_page", "queue", "report", "resume_outlook"]
