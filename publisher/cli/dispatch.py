"""Commands that send: `run` (once, for cron or CI), `worker` (loop), `pause`/`resume`, and `status`."""

from __future__ import annotations

import datetime as dt
import json
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.cli.post_table import actor, local
from publisher.cli.run_verdict import EXIT_MEANINGS, Verdict, verdict
from publisher.errors import NotFound

if TYPE_CHECKING:  # the store, the dispatcher and the adapters load on use, not for --help
    from publisher.posts.model import QueuedPost
    from publisher.sending.channels.registry import Channels
    from publisher.sending.dispatcher import Dispatcher, RunReport
    from publisher.store import Settlement

Clock = Callable[[], dt.datetime]


def rehearsal_clock(now_text: str | None, zone: Any) -> Clock:
    """The real clock, or one that starts at --now and runs at the real pace (to rehearse a day)."""
    if not now_text:
        return lambda: dt.datetime.now(dt.UTC)
    start, origin = parse_now(now_text, zone), time.monotonic()
    return lambda: start + dt.timedelta(seconds=time.monotonic() - origin)


def _channels(project: Project, clock: Clock, only: tuple[str, ...]) -> Channels:
    from publisher.sending.channels.registry import build_channels

    built = build_channels(project.settings, clock=clock)
    known = set(project.settings.plugin.channels)
    unknown = [name for name in only if name not in known]
    if unknown:
        raise NotFound(f"no channel {', '.join(map(repr, unknown))} in {project.settings.config_file.name}; "
                       f"expected one of {', '.join(sorted(known))}")
    if only:
        built.active = {k: v for k, v in built.active.items() if k in only}
    return built


def _dispatcher(project: Project, built: Channels, clock: Clock, on_settled: Any = None) -> Dispatcher:
    from publisher.sending.catchup import MARK_NAME, CatchUp
    from publisher.sending.dispatcher import Dispatcher, rates_from, sends_at_once_from
    from publisher.social.late import late_policy_from

    catch_up = CatchUp(project.store, built.active, project.settings.state_dir / MARK_NAME, clock, actor=actor())
    return Dispatcher(project.store, built.active, rates=rates_from(project.settings), clock=clock,
                      on_settled=on_settled, sends_at_once=sends_at_once_from(project.settings),
                      late=late_policy_from(project.settings), catch_up=catch_up)


def _fresh(project: Project, now: dt.datetime) -> dt.datetime:
    """The earliest moment a post may have and still go out now (the late_posts grace window)."""
    from publisher.social.late import fresh_after, late_policy_from

    return fresh_after(now, dt.datetime.now(dt.UTC), late_policy_from(project.settings))


@cli.command()
@now_option
@click.option("--channel", "only", multiple=True, help="Only this channel (repeatable).")
@click.pass_obj
def run(project: Project, now_text: str | None, only: tuple[str, ...]) -> None:
    """Send every approved post that is due, then exit (for cron or CI).

    Networks without credentials go to the dry-run outbox (.publisher/outbox/<network>.jsonl).
    A pause stops it before the next send.

    \b
    Exit codes (for cron and CI):
      0  everything due went out, or waits for a retry, a rate limit or a pause
      4  a post ended failed or unconfirmed in this run (a person must look)
      5  a channel is down: disabled after an authentication failure, or held
         by half-set credentials (5 wins over 4)

    \b
    Example:
      publisher run
      publisher run --now 2026-03-02T09:15 --channel mastodon
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    clock = rehearsal_clock(now_text, project.settings.zone)
    built = _channels(project, clock, only)
    now = clock()
    due = sum(project.store.due_count(now, sorted(built.active), _fresh(project, now)).values())
    trouble: list[tuple[QueuedPost, Settlement]] = []
    to_outbox = 0
    console = Console()
    progress = Progress(TextColumn("sending"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=console, transient=True)
    task = progress.add_task("send", total=due)

    def settled(post: QueuedPost, result: Settlement) -> None:
        nonlocal to_outbox
        progress.advance(task)
        if result.kind != "published":
            trouble.append((post, result))
        elif post.channel in built.outbox:
            to_outbox += 1

    dispatcher = _dispatcher(project, built, clock, settled)
    try:
        with progress if due else nullcontext():
            report = dispatcher.run_once()
    finally:
        dispatcher.close()
    _report(console, report, trouble)
    if to_outbox:
        rehearsal = " (a rehearsal: --now)" if now_text else ""
        console.print(f"Of these, {to_outbox} went to the dry-run outbox{rehearsal}, not to a network: status shows "
                      f"them as 'outbox', and publisher report does not count them.", markup=False)
    _outlook(console, project, clock(), built)
    found = _verdict(project, built, trouble, only, report.behind)
    if found.code:
        for line in found.lines():
            console.print(f"[bold red]alarm[/bold red] {escape(line)}")
        console.print(f"Exit code {found.code}: {EXIT_MEANINGS[found.code]} (see publisher run --help).",
                      markup=False)
        raise SystemExit(found.code)


def _verdict(project: Project, built: Channels, settled: list[tuple[QueuedPost, Settlement]],
             only: tuple[str, ...], behind: dict[str, str] | None = None) -> Verdict:
    """The alarms of a run: channels held by a switch in mkdocs.yml (enabled: false) are the team's choice;
    ``behind``: channels held because the store may be behind and their posts could not be read."""
    served = list(only) or list(project.settings.plugin.channels)
    held = {name: why for name, why in built.held.items()
            if name in served and project.settings.plugin.channels[name].enabled}
    held.update(behind or {})
    disabled = {name: state.disabled_reason for name, state in project.store.channel_states().items()
                if state.disabled}
    return verdict(settled, disabled, held, served)


def _report(console: Console, report: RunReport, trouble: list[tuple[QueuedPost, Settlement]]) -> None:
    counts = report.counts
    if report.learned:
        console.print("Before sending, the store learned what had already gone out:", markup=False)
        for note in report.learned:
            console.print(f"  {note}", markup=False)
    if report.attempts:
        parts = [f"{counts[k]} {label}" for k, label in (
            ("published", "published"), ("retry", "to retry"), ("rate-limited", "rate limited"),
            ("failed", "failed"), ("unconfirmed", "unconfirmed"), ("channel-disabled", "held by a disabled channel"))
            if counts[k]]
        console.print(f"Sent {report.attempts} post{'s' if report.attempts != 1 else ''}: {', '.join(parts)}.")
    for post, result in trouble:
        console.print(f"  post {post.id} ({post.channel}, {post.piece}): {result.detail}", markup=False)
    for note in report.notes:
        console.print(f"recovered: {note}", markup=False)
    for line in report.late:
        console.print(f"late: {line}", markup=False)
    for name, why in sorted(report.held.items()):
        console.print(f"held: {name}: {why}", markup=False)


def _outlook(console: Console, project: Project, now: dt.datetime, built: Channels) -> None:
    """What a person should know after a run: what is due, what comes next, what waits for them."""
    store, zone = project.store, project.settings.zone
    due = sum(store.due_count(now, fresh=_fresh(project, now)).values())
    upcoming = store.next_due(now)
    nxt = (f"next post at {local(upcoming.scheduled_at, zone)} on {upcoming.channel} ({upcoming.piece}, {upcoming.role})"
           if upcoming else "no approved post is scheduled")
    console.print(f"Due now: {due}; {nxt}.", markup=False)
    totals: Counter[str] = Counter()
    for (_, state), n in store.state_counts().items():
        totals[state] += n
    if totals["proposed"]:
        console.print(f"{totals['proposed']} proposed posts await approval: publisher approve --all (or by id).")
    if totals["unconfirmed"]:
        console.print(f"{totals['unconfirmed']} unconfirmed posts need a person: publisher queue --state unconfirmed, "
                      f"then publisher confirm.")
    for pause in store.active_pauses(now):
        console.print(pause.describe(zone), markup=False)
    for name, state in sorted(store.channel_states().items()):
        if state.disabled:
            console.print(f"{name}: disabled ({state.disabled_reason}); fix it, then publisher resume --channel {name}",
                          markup=False)
    for notice in built.notices:
        console.print(notice, markup=False)


@cli.command()
@now_option
@click.option("--poll", default=5.0, show_default=True, metavar="SECONDS", help="Pause between passes.")
@click.option("--channel", "only", multiple=True, help="Only this channel (repeatable).")
@click.pass_obj
def worker(project: Project, now_text: str | None, poll: float, only: tuple[str, ...]) -> None:
    """Send due posts as they come due, until stopped (Ctrl-C or SIGTERM finish the current send).

    Run several workers (on PostgreSQL, on several machines) to share the work: a post is
    claimed before it is sent, so no two workers send the same post.

    \b
    Example:
      publisher worker --poll 10
    """
    clock = rehearsal_clock(now_text, project.settings.zone)
    built = _channels(project, clock, only)
    console = Console()
    for notice in built.notices:
        console.print(notice, markup=False)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    settled: list[tuple[QueuedPost, Settlement]] = []
    dispatcher = _dispatcher(project, built, clock, lambda post, result: settled.append((post, result)))
    held_before: dict[str, str] = {}
    down_before: dict[str, str] = {}

    def on_pass(report: RunReport) -> None:
        nonlocal held_before, down_before
        when = local(clock(), project.settings.zone)
        if not report.error:  # the same alarms as `publisher run`'s exit code, a channel down said once
            found = _verdict(project, built, list(settled), only, report.behind)
            settled.clear()
            news = Verdict(found.failed, found.unconfirmed, {} if found.down == down_before else found.down)
            for line in news.lines():
                console.print(f"{when}: alarm: {line}", markup=False)
            down_before = found.down
        if report.error:
            console.print(f"{when}: store error, retrying in {poll:g} s: {report.error}", markup=False)
        if report.attempts:
            counts = ", ".join(f"{k} {n}" for k, n in sorted(report.counts.items()))
            console.print(f"{when}: {counts}", markup=False)
        for note in report.learned:
            console.print(f"{when}: before sending: {note}", markup=False)
        for note in report.notes:
            console.print(f"{when}: recovered: {note}", markup=False)
        for line in report.late:
            console.print(f"{when}: late: {line}", markup=False)
        if report.held != held_before:
            for name, why in sorted(report.held.items()):
                console.print(f"{when}: held: {name}: {why}", markup=False)
            held_before = dict(report.held)

    console.print(f"Worker {dispatcher.worker} on {', '.join(sorted(built.active)) or 'no channel'}; "
                  f"polling every {poll:g} s.", markup=False)
    try:
        dispatcher.run_forever(stop, poll=poll, on_pass=on_pass)
    finally:
        dispatcher.close()
    console.print("Worker stopped.")


def _until(text: str | None, zone: Any, now: dt.datetime) -> dt.datetime | None:
    if not text:
        return None
    try:
        until = parse_now(text, zone)
    except click.BadParameter as e:
        raise click.BadParameter(e.message, param_hint="--until") from None
    if until <= now:
        raise click.BadParameter(f"expected a moment in the future, got {text!r}", param_hint="--until")
    return until


def _known_channel(project: Project, channel: str | None) -> None:
    known = project.settings.plugin.channels
    if channel is not None and channel not in known:
        raise NotFound(f"no channel {channel!r} in {project.settings.config_file.name}; expected one of "
                       f"{', '.join(sorted(known))}")


@cli.command()
@click.option("--channel", default=None, help="Pause only this channel (default: everything).")
@click.option("--until", "until_text", default=None, metavar="ISO", help="Resume by itself at this moment.")
@click.option("--reason", default="", help="Why, for the team (shown by status and run).")
@click.pass_obj
def pause(project: Project, channel: str | None, until_text: str | None, reason: str) -> None:
    """Stop sending at once: everything, or one channel, until resumed or until a given time.

    Running workers check the pause before every single send.

    \b
    Example:
      publisher pause --reason "breaking news"
      publisher pause --channel x --until 2026-03-02T18:00
    """
    _known_channel(project, channel)
    now = parse_now(None)
    until = _until(until_text, project.settings.zone, now)
    made = project.store.pause(now, channel=channel, until=until, reason=reason, actor=actor())
    said = made.describe(project.settings.zone)
    click.echo(f"{said[:1].upper()}{said[1:]}. Workers stop before their next send; publisher resume starts "
               f"them again.")


@cli.command()
@click.option("--channel", default=None, help="Resume only this channel (default: everything).")
@click.pass_obj
def resume(project: Project, channel: str | None) -> None:
    """Start sending again: lift pauses, and re-enable channels disabled after an auth failure.

    Posts whose moment passed more than late_posts.grace_minutes ago are not sent late: they move
    to their channel's next free slot, or back to review (late_posts.then). The command says where
    each went and which posts go out next, before any worker sends anything.

    \b
    Example:
      publisher resume
      publisher resume --channel x
    """
    _known_channel(project, channel)
    now = parse_now(None)
    store = project.store
    lifted = store.resume(now, channel=channel)
    enabled = store.enable_channels(now, channel)
    for p in lifted:
        click.echo(f"Lifted: {p.describe(project.settings.zone)}")
    for name in enabled:
        click.echo(f"Enabled again: {name}")
    if not lifted and not enabled:
        click.echo("Nothing was paused.")
    still = [p for p in store.active_pauses(now) if p.channel is None] if channel else []
    if still:
        click.echo(f"Still {still[0].describe(project.settings.zone)}: publisher resume (without --channel) lifts it.")
    _backlog(project, now, channel)


def _backlog(project: Project, now: dt.datetime, channel: str | None) -> None:
    """Settle what fell due during the pause before any worker sends it, and say what goes out next."""
    from publisher.social.late import fresh_after, late_policy_from, settle_late, summary

    store, zone = project.store, project.settings.zone
    policy = late_policy_from(project.settings)
    held = {p.channel for p in store.active_pauses(now)}
    names = [] if None in held else [c for c in ([channel] if channel else sorted(project.settings.plugin.channels))
                                     if c not in held]
    moved = settle_late(store, policy, now, now, names, actor())
    if moved:
        minutes = int(policy.grace.total_seconds() // 60)
        what = "moved to the next free slot" if policy.action == "reslot" else "sent back to review"
        click.echo(f"{len(moved)} post{'s' if len(moved) != 1 else ''} more than {minutes} min late "
                   f"{'were' if len(moved) != 1 else 'was'} {what}, not sent late (late_posts in mkdocs.yml):")
        for line in summary(moved):
            click.echo(f"  {line}")
    upcoming = store.upcoming(fresh_after(now, now, policy), 5, names or None)
    if upcoming:
        click.echo("Next to go out:")
        for p in upcoming:
            click.echo(f"  {local(p.scheduled_at, zone)}  {p.channel}  {p.piece} ({p.role}), post {p.id}")
    else:
        click.echo("No approved post is scheduled.")


@cli.command()
@now_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts and dashboards).")
@click.pass_obj
def status(project: Project, now_text: str | None, as_json: bool) -> None:
    """The queue at a glance: posts per channel and state, what is due, pauses, channels.

    \b
    Example:
      publisher status
      publisher status --json | jq .due_now
    """
    from publisher.sending.channels.registry import build_channels
    from publisher.store import shown_url

    settings, store = project.settings, project.store
    now = parse_now(now_text, settings.zone)
    built = build_channels(settings)
    counts = store.state_counts()
    states = store.channel_states()
    upcoming = store.next_due(now)
    fresh = _fresh(project, now)
    due = store.due_count(now, fresh=fresh)
    late = store.late_posts(fresh)
    channels: dict[str, Any] = {}
    for name in sorted(settings.plugin.channels):
        state = states.get(name)
        mode = "outbox" if name in built.outbox else "held" if name in built.held else "network"
        channels[name] = {
            "network": settings.plugin.channels[name].network or name, "sends_to": mode,
            "outbox": str(built.outbox[name]) if name in built.outbox else None, "held": built.held.get(name),
            "disabled": bool(state and state.disabled), "disabled_reason": state.disabled_reason if state else "",
            "blocked_until": state.blocked_until.isoformat() if state and state.blocked_until else None,
            "due_now": due.get(name, 0),
            "posts": {s: n for (c, s), n in sorted(counts.items()) if c == name},
        }
    totals: Counter[str] = Counter()
    for (_, s), n in counts.items():
        totals[s] += n
    data = {
        "now": now.isoformat(), "store": shown_url(settings.store_url), "pending_migrations": store.pending_migrations(),
        "totals": dict(sorted(totals.items())), "due_now": sum(due.values()),
        "next_post": None if upcoming is None else {
            "id": upcoming.id, "channel": upcoming.channel, "piece": upcoming.piece, "role": upcoming.role,
            "scheduled_at": upcoming.scheduled_at.isoformat()},
        "pauses": [{"channel": p.channel, "since": p.since.isoformat(), "until": p.until.isoformat() if p.until else None,
                    "reason": p.reason, "by": p.actor} for p in store.active_pauses(now)],
        "unconfirmed": [r.post.id for r in store.records(states=["unconfirmed"])],
        "late": [post.id for post, _ in late],
        "channels": channels, "notices": built.notices,
    }
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    _print_status(data, settings.zone, upcoming)


def _print_status(data: dict[str, Any], zone: Any, upcoming: QueuedPost | None) -> None:
    console = Console()
    state_names = [s for s in ("proposed", "approved", "sending", "published", "outbox", "failed", "unconfirmed",
                               "cancelled") if data["totals"].get(s)] or ["approved"]
    # The store's URL on a line of its own: as a table title it was folded to the table's width.
    console.print(f"Store: {data['store']}", markup=False, soft_wrap=True)
    table = Table("channel", "sends to", *state_names, "due now")
    for name, ch in data["channels"].items():
        where = ch["sends_to"] + (" (disabled)" if ch["disabled"] else "")
        table.add_row(name, where, *(str(ch["posts"].get(s, 0)) for s in state_names), str(ch["due_now"]))
    console.print(table)
    nxt = (f"{local(upcoming.scheduled_at, zone)} on {upcoming.channel} ({upcoming.piece}, {upcoming.role})"
           if upcoming else "none scheduled")
    console.print(f"Due now: {data['due_now']}; next post: {nxt}.", markup=False)
    if data["totals"].get("outbox"):
        n = data["totals"]["outbox"]
        console.print(f"outbox: {n} post{'s' if n != 1 else ''} went to the dry-run outbox (a rehearsal with --now, or "
                      f"a channel without credentials), not to a network; publisher report does not count them.",
                      markup=False)
    for p in data["pauses"]:
        what = f"channel {p['channel']}" if p["channel"] else "everything"
        until = f" until {local(dt.datetime.fromisoformat(p['until']), zone)}" if p["until"] else " until resumed"
        console.print(f"Paused: {what}{until}" + (f" ({p['reason']})" if p["reason"] else ""), markup=False)
    if data["unconfirmed"]:
        console.print(f"Unconfirmed (need a person): posts {', '.join(map(str, data['unconfirmed']))}", markup=False)
    if data["late"]:
        console.print(f"Late (past the late_posts grace window; the next run or resume moves them, never sends "
                      f"them late): posts {', '.join(map(str, data['late'][:20]))}"
                      + (" ..." if len(data["late"]) > 20 else ""), markup=False)
    if data["pending_migrations"]:
        console.print(f"Pending migrations: {', '.join(data['pending_migrations'])}", markup=False)
    for notice in data["notices"]:
        console.print(notice, markup=False)
