"""Watched feeds: fetch each one (conditional GET), propose a curated share for every new entry.

    fetch (ETag / Last-Modified) ──304──> nothing to do
        │200
        └─> entries not seen before ──> one proposed post per channel ──> store, with the entry, in ONE transaction
                                                                         (validators saved once all entries are handled)

A curated share is the comment template in the feed's language ({title}, {source}) and the link,
fitted to each network's length, on the first free slot of each channel within the feed's
`within_hours`, one network after the other (planner/curated.py). It stays `proposed`: a person
approves it or not. Entries older
than the feed's max_age_days when first seen (a new feed's backlog) are remembered, not proposed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx

from publisher.content.text import shorten, slugify
from publisher.errors import ImportProblems
from publisher.feeds.feed import EntryFacts, entry_facts, parse_feed
from publisher.feeds.fetch import fetch
from publisher.feeds.sanitize import safe_url
from publisher.networks import counting as networks
from publisher.posts.model import LinkCard, PlannedPost
from publisher.social.planner.curated import ShareCalendar, slot_shares
from publisher.store import feeds as feed_store

_PLACEHOLDER = re.compile(r"\{(title|source)\}")


@dataclass(frozen=True, slots=True)
class Target:
    """A channel a feed's shares are proposed on."""

    channel: str
    network: str
    limit: int


@dataclass
class FeedReport:
    """What one feed gave in one run."""

    url: str
    source: str = ""
    fetched: bool = False
    """False when the server (or the file's date) said nothing changed."""
    error: str = ""
    new: int = 0
    posts: int = 0
    old: int = 0
    seen: int = 0
    no_link: int = 0
    proposals: list[PlannedPost] = field(default_factory=list)


def targets(spec: Any, settings: Any) -> list[Target]:
    """The enabled channels of a watched feed: those it names, or all of them."""
    channels = settings.plugin.channels
    out = []
    for name in spec.channels or list(channels):
        ch = channels[name]
        if not ch.enabled:
            continue  # a disabled account gets no proposals, even when the feed names it
        network = ch.network or name
        out.append(Target(name, network, networks.limit_for(network, ch)))
    return out


def template_for(spec: Any, lang: str, default_lang: str) -> tuple[str, str]:
    """(language, template): the comment in the feed's language, else the site's, else any.

    The post is tagged with the template's language, since the comment is what the post says.
    """
    comments = dict(spec.comment or {})
    for code in (lang, default_lang):
        if comments.get(code):
            return code, comments[code]
    return next(iter(comments.items()), (default_lang, "{title}"))


def fill(template: str, *, title: str, source: str) -> str:
    """The template with {title} and {source} filled in; other braces are left as written."""
    return _PLACEHOLDER.sub(lambda m: title if m.group(1) == "title" else source, template)


def share_text(template: str, *, title: str, source: str, link: str, target: Target,
               tags: tuple[str, ...] = ()) -> tuple[str, int]:
    """The post for one network and its length as the network counts it; the title is shortened to fit."""
    hashtags = " ".join("#" + re.sub(r"\W+", "", t) for t in tags if re.sub(r"\W+", "", t))
    shown = networks.display_url(link) if target.network == "bluesky" else link
    best: tuple[str, int] | None = None
    for limit in (len(title), *range(len(title) - 10, 0, -10), 0):
        words = shorten(title, limit) if 0 < limit < len(title) else (title if limit else "")
        comment = fill(template, title=words, source=source).strip()
        if target.network == "linkedin":
            comment = networks.linkedin_escape(comment)
        for tail in ([f"{shown}\n{hashtags}"] if hashtags else []) + [shown]:
            text = f"{comment}\n\n{tail}" if comment else tail
            length = networks.measure(target.network, text)
            best = best or (text, length)
            if length <= target.limit:
                return text, length
    return best or (shown, networks.measure(target.network, shown))


def proposals(facts: EntryFacts, *, spec: Any, feed_slug: str, source: str, lang: str, template: str,
              channels: list[Target], now: dt.datetime) -> list[PlannedPost]:
    """One proposed curated post per channel for an entry (none when it has no link)."""
    if not facts.link:
        return []
    digest = feed_store.entry_key(facts.entry_id)
    card = LinkCard(url=facts.link, title=facts.title or source, description=shorten(facts.summary, 200),
                    image=safe_url(facts.cover) if facts.cover else None)
    out = []
    for target in channels:
        text, length = share_text(template, title=facts.title, source=source, link=facts.link, target=target,
                                  tags=tuple(spec.tags or ()))
        out.append(PlannedPost(
            key=f"curated/{feed_slug}/{digest[:20]}:{target.channel}:curated",
            piece=f"curated/{feed_slug}", channel=target.channel, network=target.network, role="curated",
            excerpt_id=digest[:12], excerpt_kind="curated", text=text, link=facts.link, scheduled_at=now,
            lang=lang, card=card, length=length, limit=target.limit, state="proposed",
        ))
    return out


def watch_feed(spec: Any, settings: Any, store: Any, now: dt.datetime, *, dry_run: bool = False,
               transport: httpx.BaseTransport | None = None) -> FeedReport:
    """Fetch one watched feed and propose shares for its new entries. Errors are reported, not raised."""
    report = FeedReport(spec.url)
    check = feed_store.last_check(store, spec.url)
    try:
        fetched = fetch(spec.url, etag=check.etag, last_modified=check.last_modified, base_dir=settings.root,
                        transport=transport)
        parsed = parse_feed(fetched) if fetched.changed else None
    except ImportProblems as e:
        report.error = "; ".join(p.message for p in e.problems)
        if not dry_run:
            feed_store.record_check(store, feed_store.FeedCheck(spec.url, check.etag, check.last_modified, now,
                                                                f"error: {report.error}"))
        return report
    if parsed is None:
        if not dry_run:
            feed_store.record_check(store, feed_store.FeedCheck(spec.url, check.etag, check.last_modified, now,
                                                                "not modified"))
        return report
    report.fetched = True
    report.source = spec.name or parsed.title
    site = safe_url(parsed.parsed.feed.get("link")) or spec.url
    lang, template = template_for(spec, _short(spec.lang or parsed.lang) or settings.plugin.lang,
                                  settings.plugin.lang)
    channels = targets(spec, settings)
    feed_slug = slugify(spec.name or spec.url)[:60]  # from the configuration: stable across runs
    facts = [entry_facts(e, site) for e in reversed(parsed.entries)]  # oldest first, as they were published
    known = feed_store.known_entries(store, spec.url, [f.entry_id for f in facts])
    oldest = now - dt.timedelta(days=spec.max_age_days)
    calendar, within = ShareCalendar.from_plugin(settings.plugin), dt.timedelta(hours=spec.within_hours)
    booked = _booked(store, now, within)
    for fact in facts:
        if fact.entry_id in known:
            report.seen += 1
            continue
        known.add(fact.entry_id)
        too_old = fact.published is not None and fact.published < oldest
        posts = [] if too_old else proposals(fact, spec=spec, feed_slug=feed_slug, source=report.source,
                                              lang=lang, template=template,
                                              channels=channels, now=now)
        posts = slot_shares(posts, calendar, now, within, booked)
        for post in posts:
            booked[post.channel].append(post.scheduled_at)
        report.old += too_old
        report.no_link += not too_old and not fact.link
        if dry_run:
            report.new += 1
            report.proposals.extend(posts)
            continue
        inserted = feed_store.remember_entry(store, spec.url, feed_store.SeenEntry(
            fact.entry_id, fact.title, fact.link or ""), posts, now)
        if inserted is None:
            report.seen += 1  # another watcher got there first
            continue
        report.new += 1
        report.posts += inserted
        report.proposals.extend(posts)
    if not dry_run:
        feed_store.record_check(store, feed_store.FeedCheck(
            spec.url, fetched.etag, fetched.last_modified, now, f"ok: {len(facts)} entries"))
    return report


def _booked(store: Any, now: dt.datetime, within: dt.timedelta) -> dict[str, list[dt.datetime]]:
    """Channel -> when its posts go out around the shares' window (anything not cancelled or failed)."""
    booked: dict[str, list[dt.datetime]] = defaultdict(list)
    for record in store.records(start=now - dt.timedelta(days=1), end=now + within + dt.timedelta(days=2)):
        if record.post.state not in ("cancelled", "failed"):
            booked[record.post.channel].append(record.post.scheduled_at)
    return booked


def _short(code: str | None) -> str:
    return (code or "").replace("_", "-").split("-")[0].strip().lower()


def watch_all(settings: Any, store: Any, now: dt.datetime, *, dry_run: bool = False,
              transport: httpx.BaseTransport | None = None) -> list[FeedReport]:
    """Every watched feed of the configuration, one after the other (one feed's error stops only it)."""
    return [watch_feed(spec, settings, store, now, dry_run=dry_run, transport=transport)
            for spec in settings.plugin.watch]


__all__ = ["FeedReport", "Target", "fill", "proposals", "share_text", "targets", "template_for", "watch_all",
           "watch_feed"]
