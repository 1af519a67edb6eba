"""A piece's launch as a thread (issue 17, item 7): its takeaways, numbered, one part each.

On a network with replies (X, Mastodon, Bluesky, Threads: the descriptor's ``replies``) the launch
post of a piece that opts in (`types.<type>.thread`, or `thread: true` in its front matter) becomes

    1/4 <the title, or the summary>              the hook, with the hashtags
    2/4 <first takeaway>
    3/4 <second takeaway>
    4/4 <third takeaway>

    Read more: <the piece's link>               on the last part (or the first: `link: first`)

each part fitted to the network as it counts (publisher.networks.counting.fits); a takeaway that does
not fit is left out (and listed as dropped), never cut. On LinkedIn, with `linkedin_comment: true`,
the launch goes without its link and the link goes in the post's first comment. Elsewhere (webhooks,
LinkedIn without it), and when too few takeaways fit, the launch stays the single post it was.

The thread takes the launch's slot: every part has the head's moment, and the dispatcher sends part k
only once part k-1 is published, as a reply to it (publisher.store.threads). The parts are listed in
Plan.threads; a plan without threads goes through none of this.
"""

from __future__ import annotations

import dataclasses
from bisect import insort
from collections.abc import Mapping, Sequence

from publisher.content.model import Piece
from publisher.networks import counting as networks
from publisher.networks import network as descriptor
from publisher.posts.model import Dropped, Excerpt, PlannedPost, ThreadLink
from publisher.social import hashtags
from publisher.social.excerpts import excerpts_for
from publisher.social.planner.calendar import to_minutes
from publisher.social.planner.placement import PieceState, Placer
from publisher.social.planner.rules import PlanRules, ThreadRule
from publisher.social.render import ChannelInfo, PieceContext, body_of, card_for, link_for, wording

PART = "#"
"""A part's key is its head's key, this, and its number: articles/x:bluesky:launch#2."""


@dataclasses.dataclass(frozen=True, slots=True)
class Part:
    """One part of a thread as it will be sent."""

    excerpt: Excerpt
    text: str
    length: int
    link: str
    with_card: bool


def make_threads(posts: Sequence[PlannedPost], pieces: Mapping[str, Piece], rules: PlanRules,
                 notes: set[str], dropped: list[Dropped]) -> tuple[list[PlannedPost], list[ThreadLink]]:
    """The plan's posts with the launches of pieces that go out as threads replaced by their parts."""
    wanted: dict[str, ThreadRule] = {}
    for key, piece in pieces.items():
        rule = rules.thread_rule(piece)
        if rule is not None:
            wanted[key] = rule
    if not wanted:
        return list(posts), []
    out: list[PlannedPost] = []
    links: list[ThreadLink] = []
    for post in posts:
        rule = wanted.get(post.piece) if post.role == "launch" else None
        if rule is None:
            out.append(post)
            continue
        piece = pieces[post.piece]
        channel = rules.channels[post.channel]
        made = thread_of(post, piece, channel, rules.context(piece), rule, notes, dropped)
        out.extend(made)
        if len(made) > 1:
            links.extend(ThreadLink(p.key, post.key, k, len(made)) for k, p in enumerate(made, 1))
    return out, links


def remember_threads(planned: Sequence[PieceState], placer: Placer) -> None:
    """Once the launches are placed: the takeaways each launch's thread will carry count as used on its
    network at the launch's moment, so follow-ups (within cooldown_days) say something else."""
    rules = placer.rules
    launched = {p.key: to_minutes(p.scheduled_at) for p in placer.posts if p.role == "launch"}
    for state in planned:
        rule = rules.thread_rule(state.piece)
        if rule is None:
            continue
        context = None
        for name in state.channels:
            moment = launched.get(f"{state.key}:{name}:launch")
            channel = rules.channels[name]
            if moment is None or not descriptor(channel.network).replies:
                continue
            context = context or rules.context(state.piece)
            for part in numbered_parts(state.piece, channel, context, rule, []) or ():
                insort(state.uses[part.excerpt.id], (moment, channel.network))


def thread_of(post: PlannedPost, piece: Piece, channel: ChannelInfo, context: PieceContext, rule: ThreadRule,
              notes: set[str], dropped: list[Dropped]) -> list[PlannedPost]:
    """The launch ``post`` as the posts of its thread on its channel (itself alone when it cannot be one)."""
    if descriptor(channel.network).replies:
        parts = numbered_parts(piece, channel, context, rule, dropped)
        if parts is None:
            notes.add(f"{piece.src_uri}: too few takeaways fit {channel.name} for a thread (at least "
                      f"{rule.min_takeaways}); its launch goes out as a single post")
            return [post]
    elif channel.network == "linkedin" and rule.linkedin_comment:
        parts = linkedin_parts(post.excerpt_id, post.link, piece, channel, context)
        if parts is None:
            return [post]
    else:
        return [post]
    made = []
    for k, part in enumerate(parts, 1):
        card = card_for(piece, part.link, context) if part.with_card and channel.link_card else None
        made.append(dataclasses.replace(
            post, key=post.key if k == 1 else f"{post.key}{PART}{k}", excerpt_id=part.excerpt.id,
            excerpt_kind=part.excerpt.kind, text=part.text, link=part.link, card=card, length=part.length,
            limit=channel.limit))
    return made


def numbered_parts(piece: Piece, channel: ChannelInfo, context: PieceContext, rule: ThreadRule,
                   dropped: list[Dropped]) -> list[Part] | None:
    """Hook and takeaways numbered k/n, fitted to the channel; None when fewer than the rule's minimum fit."""
    excerpts = excerpts_for(piece)
    takeaways = [e for e in excerpts if e.kind == "takeaway"]
    hooks = {e.kind: e for e in excerpts if e.kind in ("title", "summary")}
    hook = hooks.get(rule.hook) or hooks.get("title")
    if hook is None:
        return None
    link = link_for(hook, channel, context)
    shown = networks.display_url(context.url) if channel.network == "bluesky" else link
    link_line = f"{wording(piece.lang)['read_more']} {shown}"
    spelled = hashtags.spellings(piece.tags, f"{piece.title}\n{piece.summary}\n{piece.body}") if piece.tags else ()
    chosen = takeaways[: rule.max_parts - 1]
    for _ in range(3):  # leaving a takeaway out changes n, and "9/9" is shorter than "10/10"
        n = 1 + len(chosen)
        fitted, refused = [], []
        for k, excerpt in enumerate([hook, *chosen], 1):
            carries_link = k == 1 if rule.link == "first" else k == n
            tags = hashtags.pick(piece.tags, context.hashtag, body_of(excerpt), channel.max_hashtags,
                                 context.tag_rules, spelled) if k == 1 else ()
            part = _fit(excerpt, k, n, channel, link_line if carries_link else "", tags, context.hashtag)
            if part is None and k == 1 and hook.kind != "title" and "title" in hooks:
                hook = hooks["title"]  # the summary is too long for a hook: the title says it shorter
                part = _fit(hook, k, n, channel, link_line if carries_link else "", tags, context.hashtag)
            if part is None:
                if k == 1:
                    return None
                refused.append(excerpt)
                continue
            fitted.append(dataclasses.replace(part, link=link if carries_link else "", with_card=carries_link))
        if not refused:
            break
        for excerpt in refused:
            dropped.append(Dropped(piece.key, channel.name, excerpt.id,
                                   f"thread part too long for {channel.network}: left out of the thread"))
        chosen = [e for e in chosen if e not in refused]
    else:
        return None
    if len(fitted) - 1 < rule.min_takeaways:
        return None
    return fitted


def _fit(excerpt: Excerpt, k: int, n: int, channel: ChannelInfo, link_line: str, tags: tuple[str, ...],
         campaign: str | None) -> Part | None:
    """Part k of n with its link line and hashtags, if it fits (hashtags go first when it does not)."""
    network = channel.network
    body = f"{k}/{n} {body_of(excerpt)}"
    while True:
        tail = "\n".join(x for x in (link_line, " ".join(tags)) if x)
        text = f"{body}\n\n{tail}" if tail else body
        length = networks.measure(network, text)
        if networks.fits(network, length, channel.limit, len(text.encode("utf-8"))):
            return Part(excerpt, text, length, "", False)
        floor = 1 if tags and tags[0] == campaign else 0
        if len(tags) <= floor:
            return None
        tags = tags[:-1]


def linkedin_parts(excerpt_id: str, link: str, piece: Piece, channel: ChannelInfo,
                   context: PieceContext) -> list[Part] | None:
    """LinkedIn's launch (the excerpt ``excerpt_id``) without its link, and the link in its first comment
    (a comment's message is plain text, not the posts' escaped little text)."""
    excerpt = next((e for e in excerpts_for(piece) if e.id == excerpt_id), None)
    if excerpt is None:
        return None
    tags = hashtags.pick(piece.tags, context.hashtag, body_of(excerpt), channel.max_hashtags, context.tag_rules)
    text = networks.linkedin_escape(f"{body_of(excerpt)}\n\n{' '.join(tags)}" if tags else body_of(excerpt))
    comment = f"{wording(piece.lang)['read_more']} {link}"
    if not networks.fits("linkedin", len(text), channel.limit, len(text.encode("utf-8"))):
        return None
    return [Part(excerpt, text, len(text), link, False), Part(excerpt, comment, len(comment), link, False)]


def preview_parts(piece: Piece, channel: ChannelInfo, context: PieceContext, rule: ThreadRule,
                  launch: tuple[str, str] | None) -> tuple[list[Part] | None, list[Dropped], str]:
    """The thread ``publisher preview`` and the desk show for one channel: its parts (None: the launch stays
    a single post), the takeaways left out, and a line saying which. ``launch``: the (excerpt id, link) of
    the post the launch would be (LinkedIn keeps its text)."""
    dropped: list[Dropped] = []
    where = f"link on the {rule.link} part"
    if descriptor(channel.network).replies:
        parts = numbered_parts(piece, channel, context, rule, dropped)
        if parts is None:
            return None, dropped, (f"Thread: too few takeaways fit (at least {rule.min_takeaways}); the launch "
                                   f"goes out as a single post")
        return parts, dropped, f"Thread ({where}): {len(parts)} parts"
    if channel.network == "linkedin" and rule.linkedin_comment and launch is not None:
        parts = linkedin_parts(*launch, piece, channel, context)
        if parts is not None:
            return parts, dropped, "Thread: the launch without its link, then the link in its first comment"
    return None, dropped, f"Thread: {channel.network} has no threads here; the launch is a single post"


__all__ = ["PART", "Part", "linkedin_parts", "make_threads", "numbered_parts", "preview_parts", "remember_threads",
           "thread_of"]
