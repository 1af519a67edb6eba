"""Commands about the posts in the queue: plan them, list them, approve them, settle unconfirmed ones."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.cli.post_table import actor, local, posts_table, record_json, short
from publisher.cli.progress import plan_progress
from publisher.cli.words import counted
from publisher.posts.model import OPEN_STATES, STATES

OPEN_VIEW = ("proposed", "approved", "sending", "unconfirmed")


def store_exists(project: Project) -> bool:
    """False for a SQLite store not created yet (a dry run must not create it)."""
    url = project.settings.store_url
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).exists()
    return True


@cli.command()
@now_option
@click.option("--dry-run", is_flag=True, help="Print the plan; store nothing.")
@click.option("--show", "show", default=15, show_default=True, metavar="N", help="How many upcoming posts to list.")
@click.pass_obj
def plan(project: Project, now_text: str | None, dry_run: bool, show: int) -> None:
    """Plan posts for every published piece and store them (new posts start as proposed).

    Planning again after content edits updates the posts not sent yet, cancels those no
    longer planned and never touches what was sent. Rule problems (an unknown channel, a
    slot that is not a time, a campaign naming a missing piece) stop it before the store
    is touched.

    \b
    Example:
      publisher plan --dry-run
      publisher plan --now 2026-03-02T08:00
    """
    from publisher.reports.scores import excerpt_scores
    from publisher.social.excerpting import memo
    from publisher.social.planner import make_plan, rules_from

    settings = project.settings
    now = parse_now(now_text, settings.zone)
    library = project.library
    rules = rules_from(settings, library)
    console = Console()
    measured = not dry_run or store_exists(project)
    history = project.store.history() if measured else []
    # Curated shares and manual posts are not the plan's, but their slots are taken.
    booked = [(r.post.channel, r.post.scheduled_at) for r in project.store.records(states=OPEN_STATES, start=now)
              if r.post.role in ("curated", "manual")] if measured else []
    # The feedback loop: evergreen recycling prefers excerpts that did well (docs/reports.md).
    scores = excerpt_scores(project.store, now) if measured else None
    console.print(f"Planning {counted(len(library), 'piece')}…")
    # A big first plan is written while it is made, by a second process (store/first_load.py).
    first_load = None if dry_run else project.store.first_load(now)
    try:
        # Bodies read at the last plan are not read again (.publisher/excerpts.json, by content and rules).
        with plan_progress(console) as told, memo.opened(settings.state_dir / memo.FILE_NAME,
                                                                    write=not dry_run):
            result = make_plan(library.pieces, rules, now, history=history, scores=scores, progress=told,
                               booked=booked, sink=first_load)
        _print_plan(console, result, settings.zone, now, show)
        if dry_run:
            console.print("Dry run: nothing stored.")
            return
        with console.status(f"Storing {counted(len(result.posts), 'post')}…"):
            counts = project.store.apply_plan(result, now, actor=actor(), first_load=first_load)
    finally:
        if first_load is not None:  # an error or Ctrl-C while planning: the writer rolls back and leaves
            first_load.close()
    console.print(f"Stored: {counts.added} new, {counts.updated} updated, {counts.cancelled} cancelled, "
                  f"{counts.restored} back in the plan, {counts.unchanged} unchanged, {counts.kept} kept as they "
                  f"are (sent, sending, failed, unconfirmed or edited by hand).")
    proposed = sum(n for (_, state), n in project.store.state_counts().items() if state == "proposed")
    if proposed:
        console.print(f"{proposed} proposed posts await approval: publisher approve --all (or one by one).")


def _print_plan(console: Console, result: Any, zone: Any, now: Any, show: int) -> None:
    posts = sorted(result.posts, key=lambda p: (p.scheduled_at, p.channel))
    console.print(f"Plan at {local(now, zone)}: {counted(len(posts), 'post')} on "
                  f"{counted(len({p.channel for p in posts}), 'channel')}.")
    if posts:
        table = Table("channel", "posts", "launch", "follow-ups", "evergreen", "first", "last", title_justify="left")
        for channel in sorted({p.channel for p in posts}):
            mine = [p for p in posts if p.channel == channel]
            roles = Counter(p.role.split("-")[0] for p in mine)
            table.add_row(channel, str(len(mine)), str(roles["launch"]), str(roles["follow"]), str(roles["evergreen"]),
                          local(mine[0].scheduled_at, zone), local(mine[-1].scheduled_at, zone))
        console.print(table)
    if show and posts:
        upcoming = Table(title=f"Next {min(show, len(posts))} posts", title_justify="left")
        for column, width in (("when", 16), ("channel", 7), ("role", 6), ("piece", 10), ("state", 8)):
            upcoming.add_column(column, min_width=width)
        upcoming.add_column("text", min_width=20, max_width=60)
        for p in posts[:show]:
            upcoming.add_row(local(p.scheduled_at, zone), p.channel, p.role, p.piece, p.state, short(p.text, 60))
        console.print(upcoming)
    if result.dropped:
        per_channel = Counter(d.channel for d in result.dropped)
        console.print(f"Dropped {len(result.dropped)} candidate excerpts that cannot be used "
                      f"({', '.join(f'{c}: {n}' for c, n in sorted(per_channel.items()))}), e.g.:", markup=False)
        for d in result.dropped[:3]:
            console.print(f"  {d.piece} on {d.channel}: {d.reason}", markup=False)
        console.print("  publisher preview PIECE shows every candidate and why it was dropped.")
    for note in result.notes:
        console.print(f"note: {note}", markup=False)


@cli.command()
@click.option("--state", "states", multiple=True, type=click.Choice(STATES), help="Only posts in this state (repeatable).")
@click.option("--channel", default=None, help="Only this channel.")
@click.option("--piece", default=None, help="Only this piece (folder/slug or slug).")
@click.option("--all", "everything", is_flag=True, help="Every state, sent and cancelled posts included.")
@click.option("--post", "post_id", type=int, default=None, help="Show one post in full, with its history.")
@click.option("--limit", default=50, show_default=True, help="At most this many posts (0: no limit).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def queue(project: Project, states: tuple[str, ...], channel: str | None, piece: str | None, everything: bool,
          post_id: int | None, limit: int, as_json: bool) -> None:
    """List the posts in the queue, in time order (by default those not settled yet).

    Unconfirmed posts (sent, outcome unknown) are listed here for a person to check and
    settle with `publisher confirm`.

    \b
    Example:
      publisher queue
      publisher queue --state unconfirmed
      publisher queue --post 42
    """
    store = project.store
    if post_id is not None:
        _show_post(project, post_id, as_json)
        return
    wanted = list(states) or (None if everything else list(OPEN_VIEW))
    piece_key = _piece_key(project, piece) if piece else None
    records = store.records(states=wanted, channel=channel, piece=piece_key, limit=limit + 1 if limit else None)
    more = bool(limit) and len(records) > limit
    records = records[:limit] if more else records
    if as_json:
        click.echo(json.dumps([record_json(r) for r in records], indent=2, ensure_ascii=False))
        return
    shown = ", ".join(wanted) if wanted else "every state"
    console = Console()
    if not records:
        console.print(f"No posts ({shown}{f', channel {channel}' if channel else ''}"
                      f"{f', piece {piece_key}' if piece_key else ''}).", markup=False)
        return
    title = f"The first {counted(len(records), 'post')} ({shown})" if more else f"{counted(len(records), 'post')} ({shown})"
    console.print(posts_table(records, project.settings.zone, title, console.width))
    if more:
        console.print(f"More posts follow: --limit {limit * 4} (or --limit 0 for all) shows them.")


def _show_post(project: Project, post_id: int, as_json: bool) -> None:
    store = project.store
    record = store.post(post_id)
    events = store.events(post_id)
    if as_json:
        data = record_json(record)
        data["events"] = [{"at": e.at.isoformat(), "from": e.from_state, "to": e.to_state, "detail": e.detail,
                           "actor": e.actor} for e in events]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    zone = project.settings.zone
    p = record.post
    console = Console()
    console.print(f"Post {p.id} · {p.key}\n  {p.channel} ({p.network}), {p.state}, {local(p.scheduled_at, zone)}, "
                  f"{p.attempts} attempts", markup=False)
    console.print(f"  link: {p.link}", markup=False)
    if p.remote_id:
        console.print(f"  remote: {p.remote_id} {p.remote_url or ''}", markup=False)
    if record.last_error:
        console.print(f"  last error: {record.last_error}", markup=False)
    console.print("\n" + p.text + "\n", markup=False)
    table = Table("at", "from", "to", "detail", "by", title="History", title_justify="left")
    for e in events:
        table.add_row(local(e.at, zone), e.from_state or "-", e.to_state, e.detail, e.actor)
    console.print(table)


def _piece_key(project: Project, ref: str) -> str:
    from publisher.errors import NotFound

    found = project.store.pieces_in_store(ref)
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"no posts for a piece {ref!r} in the store; expected a piece key such as articles/<slug>")
    raise NotFound(f"{ref!r} matches several pieces ({', '.join(found)}); give the folder too")


@cli.command()
@click.argument("post_ids", nargs=-1, type=int)
@click.option("--piece", default=None, help="Approve every proposed post of this piece.")
@click.option("--channel", default=None, help="With --piece or --all: only this channel.")
@click.option("--all", "everything", is_flag=True, help="Approve every proposed post.")
@click.pass_obj
def approve(project: Project, post_ids: tuple[int, ...], piece: str | None, channel: str | None,
            everything: bool) -> None:
    """Approve proposed posts: some by id, all of one piece, or all of them.

    Only approved posts are sent. To approve automatically, set rules.auto_approve in
    mkdocs.yml (hand-written or all).

    \b
    Example:
      publisher approve 12 13
      publisher approve --piece white-papers/sovereign-cloud
      publisher approve --all --channel linkedin
    """
    chosen = sum([bool(post_ids), piece is not None, everything])
    if chosen != 1:
        raise click.UsageError("give post ids, or --piece PIECE, or --all (exactly one of them)")
    now = parse_now(None)
    piece_key = _piece_key(project, piece) if piece else None
    result = project.store.approve(now, ids=post_ids, piece=piece_key, channel=channel, everything=everything,
                                   actor=actor())
    click.echo(f"Approved {len(result.approved)} post{'s' if len(result.approved) != 1 else ''}.")
    for post_id, state in result.skipped:
        click.echo(f"  post {post_id} is {state}: only proposed posts can be approved")


@cli.command()
@click.argument("post_id", type=int)
@click.option("--published", "outcome", flag_value="published", help="It did go out.")
@click.option("--not-sent", "outcome", flag_value="not-sent", help="It did not go out: send it again.")
@click.option("--cancel", "outcome", flag_value="cancel", help="It did not go out: drop it.")
@click.option("--url", default=None, help="With --published: the post's address on the network.")
@click.option("--remote-id", default=None, help="With --published: the network's id for it.")
@click.pass_obj
def confirm(project: Project, post_id: int, outcome: str | None, url: str | None, remote_id: str | None) -> None:
    """Settle an unconfirmed post (sent, but its outcome is unknown) after checking the network.

    The publisher never resends an unconfirmed post on its own: a person (or the channel's
    reconcile) says whether it went out.

    \b
    Example:
      publisher confirm 42 --published --url https://mastodon.social/@acme/1123
      publisher confirm 43 --not-sent
    """
    if outcome is None:
        raise click.UsageError("say what happened: --published, --not-sent or --cancel")
    if outcome != "published" and (url or remote_id):
        raise click.UsageError("--url and --remote-id go with --published")
    store = project.store
    record = store.post(post_id)
    if record.post.state != "unconfirmed":
        raise click.ClickException(f"post {post_id} is {record.post.state}; only unconfirmed posts are settled "
                                   f"with confirm")
    now = parse_now(None)
    who = actor()
    if outcome == "published":
        done = store.settle_unconfirmed(post_id, record.updated_at, now, "published", "confirmed published by hand",
                                        who, remote_id=remote_id or url or "confirmed-by-hand", remote_url=url,
                                        last_error=None)
    elif outcome == "not-sent":
        done = store.settle_unconfirmed(post_id, record.updated_at, now, "approved", "confirmed not sent: send again",
                                        who, next_attempt_at=None, last_error=None)
    else:
        done = store.settle_unconfirmed(post_id, record.updated_at, now, "cancelled", "confirmed not sent: dropped",
                                        who)
    if not done:
        raise click.ClickException(f"post {post_id} changed meanwhile (a worker reconciled it); see "
                                   f"publisher queue --post {post_id}")
    click.echo(f"Post {post_id}: {'published' if outcome == 'published' else 'approved again' if outcome == 'not-sent' else 'cancelled'}.")
