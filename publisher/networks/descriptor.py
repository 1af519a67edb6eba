"""What one network is, in one light record: the single source every other room derives from.

A descriptor imports nothing heavy: its adapter (the client library) is named as ``module:Class``
and imported only when a post is sent. Length rules are named (``counts``) and implemented in
publisher.networks.counting, so measuring a text never needs the adapter either.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Network:
    """One network: limits, links, names, credentials and the adapter that sends to it."""

    key: str
    """Its name in mkdocs.yml (``channels: {x: {}}``), in utm_source and in the store."""
    label: str
    """Its name as people read it (reports, share buttons, kits)."""
    colour: str
    """Its colour in the HTML report's charts (#rrggbb)."""
    order: int
    """Where it comes in every list of networks (lowest first)."""
    limit: int
    """The length limit of a post, in ``unit``."""
    counts: str
    """How a text is measured, a rule of publisher.networks.counting: twitter-text, mastodon, graphemes,
    characters or utf8-emoji."""
    unit: str
    """What ``limit`` counts, as the preview and the refusals say it."""
    max_bytes: int | None = None
    """A second limit in UTF-8 bytes (Bluesky: 3000), or None."""
    url_weight: int | None = None
    """What any URL counts (23 on X and Mastodon); None: as written (or not at all: Bluesky's facets)."""
    link_card: bool = False
    """The network takes a link card from us (X: the cover, Bluesky: an external embed, LinkedIn: an
    article share); others build their own preview from the page or show none."""
    credentials: tuple[str, ...] = ()
    """Environment variables the adapter requires (without a channel's env_prefix)."""
    optional_credentials: tuple[str, ...] = ()
    """Variables it reads when set (a base URL for a self-hosted server or a test double)."""
    renew: str = ""
    """The variable to renew when the network says the token expired or was revoked."""
    adapter: str = ""
    """``module:Class`` of the channel adapter, imported only when sending."""
    rate_limit: tuple[int, int] | None = None
    """Default (posts, seconds) an account may publish, when the network documents a fixed one;
    ``channels.<name>.rate_limit`` overrides it."""
    metrics: tuple[str, ...] = ()
    """The engagement numbers the network gives back (likes, reposts, replies, quotes, impressions, clicks)."""
    default_channel: bool = False
    """A project whose mkdocs.yml lists no channels gets one on this network."""
    hand_written: bool = True
    """Pieces may carry hand-written posts for it (front matter ``social: {<key>: [...]}``)."""
    share_url: str = ""
    """A reader's share link: a pattern with {url}, {text}, {text_and_url} (each percent-encoded) and
    {instance}; empty: no share button."""
    profile_url: str = ""
    """A person's profile from their handle: {handle} (without a leading @), or {user} and {host} for a
    fediverse handle @user@host; a handle that already is a URL is kept. Empty: no profile links."""
    handle_hint: str = ""
    """What a handle looks like, for the authors file's messages (empty: authors have none here)."""
    kit_order: int | None = None
    """Position in share kits (None: kits prepare no texts for it)."""
    utm_aliases: tuple[str, ...] = ()
    """Other utm_source values analytics may show for it (twitter for X)."""
    topic_tags: int | None = None
    """At most this many hashtags a post may carry (Threads: one topic tag); None: the channel decides."""
    replies: bool = False
    """A post can answer one of the account's own posts, so a piece can go out as a thread of posts
    (X, Mastodon, Bluesky, Threads); a network without replies gets a single post instead."""

    def shown(self) -> str:
        return f"{self.label} ({self.key})"


__all__ = ["Network"]
