"""`publisher preview`: every candidate post of one piece, fitted to each channel, before any plan."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from publisher.cli.app import Project, cli, now_option, parse_now
from publisher.errors import NotFound
from publisher.networks import counting as networks
from publisher.networks import network as descriptor
from publisher.social.excerpts import excerpts_for
from publisher.social.render import Fitter, Rejected, compose


@cli.command()
@click.argument("piece_ref", metavar="PIECE")
@click.option("--channel", "channel_names", multiple=True, metavar="NAME",
              help="Only this channel (repeatable); default: every channel the piece's rules post on.")
@now_option
@click.pass_obj
def preview(project: Project, piece_ref: str, channel_names: tuple[str, ...], now_text: str | None) -> None:
    """Show every candidate post of PIECE on each channel, exactly as it would be sent.

    For each channel: each candidate's final text, its length against the limit as the
    network counts it, the link with its UTM parameters and the link card; then the
    candidates that do not fit, with the reason. PIECE is a key (white-papers/my-guide),
    a slug or a path under content/.

    \b
    Example:
      publisher preview white-papers/sovereign-cloud-guide
      publisher preview sovereign-cloud-guide --channel x --now 2026-03-02T09:00
    """
    from publisher.social.planner import rules_from

    settings, library = project.settings, project.library
    piece = library.get(piece_ref)
    if piece is None:
        example = library.pieces[0].key if library.pieces else "articles/<slug>"
        raise NotFound(f"no piece {piece_ref!r}; expected a key such as {example}, a slug or a path under content/")
    rules = rules_from(settings, library)
    names = list(channel_names) or [n for n in rules.channels_for(piece) if n in rules.channels]
    for name in names:
        if name not in rules.channels:
            known = ", ".join(rules.channels) or "none"
            raise NotFound(f"no enabled channel {name!r}; expected one of: {known}")
    now = parse_now(now_text, settings.zone)
    console = Console(highlight=False)
    context = rules.context(piece)
    console.print(f"[bold]{piece.key}[/bold] ({piece.lang}) {piece.title}", markup=True)
    campaign = f"campaign {context.campaign}, {context.hashtag}" if context.campaign else "no campaign"
    console.print(f"{campaign}; utm_campaign={context.utm_campaign}", markup=False)
    if piece.draft:
        console.print("Not planned: the piece is a draft.", markup=False)
    elif not piece.is_visible(now):
        console.print(f"Planned ahead: its posts wait for its publication on "
                      f"{piece.date.astimezone(settings.zone):%Y-%m-%d %H:%M}.", markup=False)
    if not names:
        console.print("No channel: the piece's rules name no enabled channel that takes its language "
                      f"({piece.lang}).")
        return
    candidates = excerpts_for(piece)
    fitter = Fitter(piece, context)
    launch: dict[str, tuple[str, str]] = {}  # the first candidate that fits: what the launch takes
    for name in names:
        channel = rules.channels[name]
        console.rule(f"{name} ({channel.network}, limit {channel.limit} {networks.unit(channel.network)})")
        refused: list[tuple[str, str, str]] = []
        shown = 0
        card = None
        for excerpt in candidates:
            if excerpt.network and excerpt.network != channel.network:
                continue
            result = fitter.fit(excerpt, channel)
            if isinstance(result, Rejected):
                refused.append((excerpt.kind, excerpt.id, result.reason))
                continue
            shown += 1
            post = compose(excerpt, piece, channel, context, result)
            launch.setdefault(name, (excerpt.id, post.link))
            title = f"{excerpt.kind} {excerpt.id}: {post.length}/{post.limit}"
            if networks.max_bytes(channel.network) < networks.NO_BYTE_LIMIT:
                title += f", {networks.utf8_size(post.text)}/{networks.max_bytes(channel.network)} bytes"
            console.print(Panel(Text(post.text), title=title, title_align="left", expand=False))
            console.print(f"  link: {post.link}", markup=False, soft_wrap=True)
            card = post.card
        if card:  # the same for every candidate but its link (the post's own)
            console.print(f"  card: title: {card.title}\n        description: {card.description}\n"
                          f"        image: {card.image or 'none'}", markup=False, soft_wrap=True)
        elif shown:
            console.print("  card: none (link_card: false)" if descriptor(channel.network).link_card
                          else "  card: none (the network makes its own preview)", markup=False)
        if not shown:
            console.print("No candidate fits this channel.")
        for kind, excerpt_id, reason in refused:
            console.print(f"  dropped {kind} {excerpt_id}: {reason}", markup=False, soft_wrap=True)
        rule = rules.thread_rule(piece)
        if rule is not None:
            _thread(console, piece, channel, context, rule, launch.get(name))


def _thread(console: Console, piece: Any, channel: Any, context: Any, rule: Any, launch: tuple[str, str] | None) -> None:
    """The launch as its thread on this channel, part by part (publisher.social.planner.thread_posts)."""
    from publisher.social.planner.thread_posts import preview_parts

    parts, dropped, line = preview_parts(piece, channel, context, rule, launch)
    console.print(line, markup=False)
    for k, part in enumerate(parts or (), 1):
        mark = f"{k}/{len(parts or ())}" if channel.network != "linkedin" else ("post" if k == 1 else "first comment")
        console.print(Panel(Text(part.text), title=f"{mark} {part.excerpt.kind} {part.excerpt.id}: "
                            f"{part.length}/{channel.limit}", title_align="left", expand=False))
        if part.link:
            console.print(f"  link: {part.link}", markup=False, soft_wrap=True)
    for gone in dropped:
        console.print(f"  left out of the thread: {gone.excerpt_id}: {gone.reason}", markup=False, soft_wrap=True)
