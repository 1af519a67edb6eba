"""The publisher block of mkdocs.yml: one schema read by `mkdocs build`, `mkdocs serve` and the CLI.

    plugins:
      - publisher:
          lang: en
          timezone: Europe/Paris
          channels: {x: {}, mastodon: {}, bluesky: {}, linkedin: {}}

Every option has a default, so an empty block is a working configuration.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config.config_options import ValidationError

from publisher.config.options import (
    DatabaseUrl,
    Entries,
    FilePath,
    Flag,
    ListOf,
    MapOf,
    OneOf,
    Section,
    Text,
    TimeZoneName,
    Words,
)
from publisher.config.site import DEFAULT_TYPES, SiteSettings, TypeSpec
from publisher.config.social import (
    CalendarSpec,
    Campaign,
    ChannelSpec,
    Hashtags,
    LatePosts,
    Rules,
    WatchedFeed,
)
from publisher.networks import all_networks
from publisher.networks import keys as network_keys
from publisher.networks import known as known_network

LANG_PATTERN = r"[a-z]{2}(-[A-Z]{2})?"

DEFAULT_CHANNELS: dict[str, dict] = {n.key: {} for n in all_networks() if n.default_channel}


class PublisherConfig(base.Config):
    """The whole publisher block."""

    enabled = Flag(True)
    """Turn the plugin off without removing its settings."""
    lang = Text("en", what="a language code such as en or fr")
    """Language of the site's interface, and of pieces that do not say theirs."""
    languages = Words(["en", "fr"], what="language codes such as en, fr", pattern=LANG_PATTERN)
    """Languages pieces may be written in."""
    timezone = TimeZoneName("UTC")
    """The team's IANA time zone: calendars, slots and publication dates are read in it."""
    authors_file = FilePath("authors.yml", what="a file path under content/")
    """Authors file, relative to content/ (Material's .authors.yml format is accepted too)."""
    ambassadors = Entries(what="a mapping of ambassador keys to {name, team, networks, lang, handle}")
    """People who share company content under their own names (share kits), listed here in
    mkdocs.yml: the one place of the project no site builder publishes. Or use ambassadors_file."""
    ambassadors_file = FilePath("ambassadors.yml", what="a file path relative to mkdocs.yml")
    """Or the ambassadors in a file of their own, relative to mkdocs.yml and outside content/ (MkDocs
    and other builders copy content/ to the site). content/ambassadors.yml, the old place, is still
    read, with a warning to move it."""
    types = MapOf(Section(TypeSpec), default=DEFAULT_TYPES, key_pattern=r"[a-z][a-z0-9_]*")
    """Kinds of pieces, each with its folder under content/. Add press_release, say."""
    site = Section(SiteSettings)
    store = DatabaseUrl("sqlite:///.publisher/publisher.db", what="a database URL (sqlite:///... or postgresql://...)")
    """Where posts, their states and metrics live. Relative SQLite paths are relative to mkdocs.yml."""
    outbox = FilePath(".publisher/outbox", what="a folder path")
    """Dry-run outbox: one JSON line per post for networks without credentials."""
    outbox_fsync = OneOf(("always", "second", "never"), "second")
    """When outbox lines reach the disk: after every line, at most once a second (a power cut loses at
    most the last second; a crashed process loses nothing), or when the system decides."""
    channels = MapOf(Section(ChannelSpec), default=DEFAULT_CHANNELS, key_pattern=r"[a-z][a-z0-9_-]*")
    """Accounts to post on. The key is the channel's name; its network defaults to the key."""
    calendar = Section(CalendarSpec)
    late_posts = Section(LatePosts)
    rules = Section(Rules)
    campaigns = MapOf(Section(Campaign), default={}, key_pattern=r"[A-Za-z0-9][A-Za-z0-9_-]*")
    hashtags = Section(Hashtags)
    watch = ListOf(Section(WatchedFeed), default=[])
    """Feeds watched by `publisher watch` for curated shares."""

    def validate(self):  # type: ignore[override]
        """Report every problem at once (MkDocs stops at the first)."""
        from publisher.config.options import collect

        failed = [(k, ValidationError(m)) for k, m in collect(self)]
        if not failed:
            failed = [(k, ValidationError(m)) for k, m in cross_check(self)]
        return failed, []


def cross_check(cfg: PublisherConfig) -> list[tuple[str, str]]:
    """Checks that need several options at once."""
    problems: list[tuple[str, str]] = []
    if cfg.lang not in cfg.languages:
        problems.append(("lang", f"expected one of the languages {cfg.languages}, got {cfg.lang!r}"))
    folders: dict[str, str] = {}
    for key, spec in cfg.types.items():
        folder = spec.folder.strip("/")
        if folder in folders:
            problems.append((f"types.{key}.folder", f"folder {folder!r} is already used by type {folders[folder]!r}"))
        folders[folder] = key
    for name, spec in cfg.channels.items():
        network = spec.network or name
        if not known_network(network):
            if spec.network:
                problems.append((f"channels.{name}.network",
                                 f"unknown network; expected one of {', '.join(network_keys())}, got {network!r}"))
            else:
                problems.append((f"channels.{name}", f"unknown channel; expected a network among "
                                 f"{', '.join(network_keys())} (or set 'network:'), got {name!r}"))
        spec.network = network
        for lang in spec.languages or []:
            if lang not in cfg.languages:
                problems.append((f"channels.{name}.languages",
                                 f"expected languages from 'languages' ({', '.join(cfg.languages)}), got {lang!r}"))
    known = set(cfg.channels)
    for where, chosen in [("rules.channels", cfg.rules.channels)] + [
        (f"campaigns.{k}.rules.channels", c.rules.channels) for k, c in cfg.campaigns.items() if c.rules
    ] + [(f"watch[{i}].channels", w.channels) for i, w in enumerate(cfg.watch)]:
        for ch in chosen or []:
            if ch not in known:
                problems.append((where, f"expected channel names from 'channels' ({', '.join(sorted(known))}), got {ch!r}"))
    return problems


__all__ = ["DEFAULT_CHANNELS", "DEFAULT_TYPES", "PublisherConfig", "cross_check"]
