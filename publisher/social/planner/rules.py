"""The planner's rules, read once from the configuration: calendar, channels, campaigns.

`rules_from` checks what only makes sense with the content at hand (a campaign naming a missing
piece...) and raises ConfigError naming mkdocs.yml and the dotted field, like every other setting.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from publisher.config.social import WEEKDAYS
from publisher.content.language import base_lang
from publisher.content.model import Library, Piece
from publisher.errors import ConfigError, Problem
from publisher.social.hashtags import DEFAULT_RULES, HashtagRules, campaign_hashtag
from publisher.social.render import ChannelInfo, PieceContext

PREFIX = "plugins.publisher."


@dataclass(frozen=True, slots=True)
class EvergreenRule:
    enabled: bool = True
    after_days: int = 30
    every_days: int = 30
    end_after_days: int = 365
    max_times: int = 6


@dataclass(frozen=True, slots=True)
class ThreadRule:
    """How a piece's launch goes out as a thread (`types.<type>.thread`, or a piece's `thread: true`)."""

    link: str = "last"
    """The part carrying the link: first or last."""
    hook: str = "title"
    min_takeaways: int = 2
    max_parts: int = 6
    linkedin_comment: bool = False


@dataclass(frozen=True, slots=True)
class RuleSet:
    """How a piece becomes posts over time (the `rules` block, or a campaign's version of it)."""

    channels: tuple[str, ...]
    launch: bool = True
    stagger_minutes: int = 60
    follow_ups: tuple[int, ...] = (3, 10)
    evergreen: EvergreenRule = EvergreenRule()
    cooldown_days: int = 30
    auto_approve: str = "none"
    catch_up_days: int = 2
    translation_gap_days: int = 2


@dataclass(frozen=True, slots=True)
class ChannelHours:
    """When one channel may post: its slots per weekday (Monday first, sorted) in its zone."""

    slots: tuple[tuple[dt.time, ...], ...]
    zone: ZoneInfo


@dataclass(frozen=True, slots=True)
class CampaignRule:
    key: str
    hashtag: str | None
    utm_campaign: str
    rules: RuleSet
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    """First instant after the campaign (its end date is included)."""
    configured: bool = True
    hashtags: dict[str, str] = field(default_factory=dict)
    """The campaign's hashtag per language, where it differs from ``hashtag``."""


@dataclass(frozen=True)
class PlanRules:
    """Everything the planner needs besides the pieces and the clock."""

    zone: ZoneInfo
    channels: dict[str, ChannelInfo]
    """Enabled channels, in configuration order."""
    slots: tuple[tuple[dt.time, ...], ...]
    """Posting times per weekday, Monday first, sorted."""
    rules: RuleSet
    cap_per_day: int = 3
    quiet_hours: tuple[tuple[dt.time, dt.time], ...] = ()
    blackout: tuple[tuple[dt.date, dt.date], ...] = ()
    horizon_days: int = 90
    campaigns: dict[str, CampaignRule] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)
    """Piece key -> campaign key, from the campaigns' `pieces` lists."""
    site_url: str = ""
    docs_dir: Path | None = None
    default_image: str | None = None
    hours: dict[str, ChannelHours] = field(default_factory=dict)
    """Channel -> its own slots and zone (`channels.<name>.slots`, `shift_minutes`, `timezone`);
    a channel not listed posts on `slots` in `zone`."""
    languages: dict[str, frozenset[str]] = field(default_factory=dict)
    """Channel -> the languages it takes (`channels.<name>.languages`); not listed: every language."""
    spread_days: int = 1
    hashtag_rules: HashtagRules = DEFAULT_RULES
    threads: dict[str, ThreadRule] = field(default_factory=dict)
    """Content type -> its thread rule (`types.<type>.thread` with enabled: true)."""
    thread_defaults: dict[str, ThreadRule] = field(default_factory=dict)
    """Content type -> the rule a piece of it that says `thread: true` follows (its type's settings)."""
    _derived: dict[str, CampaignRule] = field(default_factory=dict, repr=False, compare=False)

    def thread_rule(self, piece: Piece) -> ThreadRule | None:
        """How ``piece``'s launch goes out as a thread, or None for a single post: its front matter's
        `thread:` wins over its type's setting."""
        if piece.thread is False:
            return None
        if piece.thread:
            return self.thread_defaults.get(piece.type) or ThreadRule()
        return self.threads.get(piece.type)

    def hours_of(self, channel: str) -> ChannelHours:
        return self.hours.get(channel) or ChannelHours(self.slots, self.zone)

    def channels_for(self, piece: Piece) -> tuple[str, ...]:
        """The channels a piece goes to: its rules' channels that take its language."""
        names = self.rules_for(piece).channels
        if not self.languages:
            return names
        return tuple(n for n in names if piece.lang in self.languages.get(n, (piece.lang,)))

    def campaign_of(self, piece: Piece) -> CampaignRule | None:
        """The piece's campaign: its front matter's, else the configured list it is in."""
        key = piece.campaign or self.members.get(piece.key)
        if not key:
            return None
        found = self.campaigns.get(key) or self._derived.get(key)
        if found is None:  # named in front matter only: hashtag and UTM name made from the key
            found = CampaignRule(key, campaign_hashtag(key), key, self.rules, configured=False)
            self._derived[key] = found
        return found

    def rules_for(self, piece: Piece) -> RuleSet:
        campaign = self.campaign_of(piece)
        return campaign.rules if campaign else self.rules

    def context(self, piece: Piece) -> PieceContext:
        """The piece's public URL, UTM campaign, campaign hashtag and card image."""
        campaign = self.campaign_of(piece)
        return PieceContext(
            url=f"{self.site_url.rstrip('/')}/{piece.url}",
            utm_campaign=campaign.utm_campaign if campaign else piece.slug,
            campaign=campaign.key if campaign else None,
            hashtag=campaign.hashtags.get(base_lang(piece.lang), campaign.hashtag) if campaign else None,
            image=self._image(piece.cover) or self._image(self.default_image),
            tag_rules=self.hashtag_rules,
        )

    def _image(self, ref: str | None) -> str | None:
        if not ref:
            return None
        if "://" in ref or self.docs_dir is None:
            return ref
        return str(self.docs_dir / ref.lstrip("/"))


def rules_from(settings: Any, library: Library) -> PlanRules:
    """Read the planner's rules from validated settings; ConfigError lists every rule problem."""
    plugin = settings.plugin
    where = Path(settings.config_file).name
    problems: list[Problem] = []
    zone = ZoneInfo(plugin.timezone)
    channels = {name: ChannelInfo.from_spec(name, spec) for name, spec in plugin.channels.items() if spec.enabled}
    base = _rule_set(plugin.rules, channels)
    if channels and not settings.site_url:
        problems.append(Problem(where, "site_url", "expected the site's public address such as "
                                "https://news.example.org/ (posts link to their pieces), got nothing"))
    campaigns: dict[str, CampaignRule] = {}
    members: dict[str, str] = {}
    for key, spec in plugin.campaigns.items():
        field_of = f"{PREFIX}campaigns.{key}"
        for i, ref in enumerate(spec.pieces):
            piece = library.get(ref)
            if piece is None:
                problems.append(Problem(where, f"{field_of}.pieces[{i}]", _missing_piece(ref, settings, library)))
            elif piece.key in members and members[piece.key] != key:
                problems.append(Problem(where, f"{field_of}.pieces[{i}]", f"expected a piece in one campaign only, "
                                        f"got {ref!r}, already in campaign {members[piece.key]!r}"))
            else:
                members[piece.key] = key
        start = _instant(spec.start, zone)
        end = _instant(spec.end, zone, after=True)
        if start and end and end <= start:
            problems.append(Problem(where, f"{field_of}.end", f"expected a date after 'start' ({spec.start}), "
                                    f"got {spec.end}"))
        campaigns[key] = CampaignRule(
            key=key,
            hashtag=campaign_hashtag(key, spec.hashtag),
            hashtags={lang: tag for lang, tag in ((base_lang(k), campaign_hashtag(key, v)) for k, v in spec.hashtags.items())
                      if tag},
            utm_campaign=spec.utm_campaign or key,
            rules=_rule_set(spec.rules, channels, base) if spec.rules else base,
            start=start,
            end=end,
        )
    if problems:
        raise ConfigError(problems)
    calendar = plugin.calendar
    slots = tuple(tuple(sorted(set(calendar.slots[day]))) for day in WEEKDAYS)
    return PlanRules(
        zone=zone,
        channels=channels,
        slots=slots,
        rules=base,
        cap_per_day=calendar.cap_per_day,
        quiet_hours=tuple((q.start, q.end) for q in calendar.quiet_hours),
        blackout=tuple(calendar.blackout),
        horizon_days=calendar.horizon_days,
        campaigns=campaigns,
        members=members,
        site_url=settings.site_url,
        docs_dir=Path(settings.docs_dir),
        default_image=plugin.site.default_image,
        hours=channel_hours(plugin),
        languages={name: frozenset(spec.languages) for name, spec in plugin.channels.items()
                   if spec.enabled and spec.languages},
        spread_days=calendar.spread_days,
        hashtag_rules=HashtagRules(dict(plugin.hashtags.overrides), frozenset(plugin.hashtags.blocklist),
                                   frozenset(plugin.hashtags.tags), plugin.hashtags.from_tags),
        threads={k: r for k, (r, on) in thread_rules(plugin).items() if on},
        thread_defaults={k: r for k, (r, _) in thread_rules(plugin).items()},
    )


def thread_rules(plugin: Any) -> dict[str, tuple[ThreadRule, bool]]:
    """Content type -> (its thread rule, whether it is on) for the types with a `thread` block."""
    out = {}
    for key, spec in plugin.types.items():
        found = spec.thread
        if found is not None:
            out[key] = (ThreadRule(str(found.link), str(found.hook), int(found.min_takeaways), int(found.max_parts),
                                   bool(found.linkedin_comment)), bool(found.enabled))
    return out


def channel_hours(plugin: Any) -> dict[str, ChannelHours]:
    """Each enabled channel's slots and zone, for those with hours of their own (slots, shift, zone)."""
    zone = ZoneInfo(plugin.timezone)
    team = tuple(tuple(sorted(set(plugin.calendar.slots[day]))) for day in WEEKDAYS)
    out: dict[str, ChannelHours] = {}
    for name, spec in plugin.channels.items():
        if not spec.enabled or (spec.slots is None and not spec.shift_minutes and not spec.timezone):
            continue
        if spec.slots is not None:
            slots = tuple(tuple(sorted(set(spec.slots[day]))) for day in WEEKDAYS)
        else:
            slots = tuple(tuple(sorted({_shifted(t, spec.shift_minutes) for t in day})) for day in team)
        out[name] = ChannelHours(slots, ZoneInfo(spec.timezone) if spec.timezone else zone)
    return out


def _shifted(moment: dt.time, minutes: int) -> dt.time:
    """A wall-clock time moved by ``minutes``, kept within its day (a slot never changes days)."""
    total = min(max(moment.hour * 60 + moment.minute + minutes, 0), 24 * 60 - 1)
    return dt.time(total // 60, total % 60)


def _rule_set(spec: Any, channels: dict[str, ChannelInfo], base: RuleSet | None = None) -> RuleSet:
    """A RuleSet from a `rules` block, or from a campaign's overrides on top of ``base``."""

    def pick(name: str, default: Any) -> Any:
        value = spec[name]
        return default if value is None else value

    chosen = pick("channels", None) if base is not None else (spec.channels or None)
    names = tuple(n for n in (chosen or (base.channels if base else channels)) if n in channels)
    if spec.evergreen is not None:
        ev = spec.evergreen
        evergreen = EvergreenRule(ev.enabled, ev.after_days, ev.every_days, ev.end_after_days, ev.max_times)
    else:
        evergreen = base.evergreen if base else EvergreenRule()
    return RuleSet(
        channels=names,
        launch=bool(pick("launch", base.launch if base else True)),
        stagger_minutes=int(pick("stagger_minutes", base.stagger_minutes if base else 60)),
        follow_ups=tuple(sorted(set(pick("follow_ups", base.follow_ups if base else ())))),
        evergreen=evergreen,
        cooldown_days=int(pick("cooldown_days", base.cooldown_days if base else 30)),
        auto_approve=str(pick("auto_approve", base.auto_approve if base else "none")),
        catch_up_days=int(pick("catch_up_days", base.catch_up_days if base else 2)),
        translation_gap_days=int(pick("translation_gap_days", base.translation_gap_days if base else 2)),
    )


def _instant(value: dt.date | dt.datetime | None, zone: ZoneInfo, *, after: bool = False) -> dt.datetime | None:
    """A campaign date as an instant: a plain date starts at local midnight (or ends at the next one)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)).astimezone(dt.UTC)
    day = value + dt.timedelta(days=1) if after else value
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)


def _missing_piece(ref: str, settings: Any, library: Library) -> str:
    folders = [t.folder.strip("/") for t in settings.plugin.types.values()]
    folder = ref.split("/", 1)[0] if "/" in ref and ref.split("/", 1)[0] in folders else (
        "white-papers" if "white-papers" in folders else (folders[0] if folders else "articles"))
    message = f"expected an existing piece such as {folder}/<slug>, got {ref!r}"
    close = difflib.get_close_matches(ref.removesuffix(".md"), [p.key for p in library], n=1)
    return message + (f" (did you mean {close[0]!r}?)" if close else "")


__all__ = ["CampaignRule", "ChannelHours", "EvergreenRule", "PlanRules", "RuleSet", "ThreadRule", "channel_hours",
           "rules_from", "thread_rules"]
