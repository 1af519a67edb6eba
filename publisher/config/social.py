"""Schema of the social side of the publisher block: channels, calendar, campaign rules, watched feeds."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from mkdocs.config import base
from mkdocs.config.config_options import BaseConfigOption, ValidationError

from publisher.config.options import (
    Flag,
    ListOf,
    MapOf,
    Nested,
    Number,
    OneOf,
    Section,
    Text,
    TimeOfDay,
    TimeZoneName,
    When,
    Words,
    shown,
)

T = TypeVar("T")

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class RateLimit(base.Config):
    """How many posts an account may send in a window, enforced before the network answers 429."""

    posts = Number(None, minimum=1)
    per_seconds = Number(900, minimum=1)


class ChannelSlots(base.Config):
    """One account's own posting times per weekday; a day not written has no slot for it."""

    mon = ListOf(TimeOfDay(), default=[])
    tue = ListOf(TimeOfDay(), default=[])
    wed = ListOf(TimeOfDay(), default=[])
    thu = ListOf(TimeOfDay(), default=[])
    fri = ListOf(TimeOfDay(), default=[])
    sat = ListOf(TimeOfDay(), default=[])
    sun = ListOf(TimeOfDay(), default=[])


class ChannelSpec(base.Config):
    """One account on one network. The key is the channel's name; `network` defaults to it."""

    network = Text(None, what="a network such as x, mastodon or bluesky")
    """Which network this account is on: the key of a network (the README's credentials table lists
    them; a plugin can add more). An unknown network is refused when the configuration is read."""
    enabled = Flag(True)
    env_prefix = Text("", what="a prefix for the credential variables, such as ACME_")
    """Read credentials from PREFIX + the standard names (ACME_X_API_KEY...), for several accounts."""
    rate_limit = Section(RateLimit)
    max_hashtags = Number(3, minimum=0, maximum=30)
    max_characters = Number(None, minimum=50)
    """Override of the network's length limit (a Mastodon instance with a higher limit, say)."""
    visibility = OneOf(("public", "unlisted", "private", "direct"), "public")
    """Mastodon visibility."""
    api_version = Text("202511", what="a LinkedIn-Version such as 202511")
    """LinkedIn-Version header (YYYYMM)."""
    link_card = Flag(True)
    """Attach a link card / article share (Bluesky, LinkedIn) and upload the cover (X)."""
    cover_image = Flag(False)
    """Mastodon and Bluesky: attach the piece's cover as an image, described by its `cover_alt`, instead
    of the link preview Mastodon builds from the page or Bluesky's link card (the text keeps the link)."""
    timeout_seconds = Number(20, minimum=0.1, maximum=300, whole=False)
    """Seconds to wait for the network on each call; a post whose answer never comes is reconciled."""
    sends_at_once = Number(1, minimum=1, maximum=10)
    """How many posts of this account may be in flight at once (each still claimed before it is sent,
    and counted against rate_limit first). Raise it when the network is slow to answer."""
    shift_minutes = Number(0, minimum=-720, maximum=720)
    """Every slot of `calendar.slots` moved by this many minutes for this account, so each network
    has its own hours (linkedin: -40 posts the 09:10 slot at 08:30). Ignored when `slots` is set."""
    slots = Section(ChannelSlots, optional=True)
    """This account's own posting times per weekday (mon..sun), instead of `calendar.slots`."""
    timezone = TimeZoneName(None)
    """The time zone of this account's audience: its slots, quiet hours and daily cap are read in it
    (an English account for Canada from a Paris team). Default: the team's `timezone`."""
    languages = Words(None, what="language codes such as fr or en")
    """Only pieces in these languages go to this account (default: every language)."""


class QuietHours(base.Config):
    """A daily window in which nothing is posted, e.g. 20:00 to 08:00 (it may cross midnight)."""

    start = TimeOfDay()
    """First quiet minute, in the team's time zone."""
    end = TimeOfDay()
    """First minute posts may go out again."""


class DateSpan(BaseConfigOption[tuple[dt.date, dt.date]]):
    """A blackout: one date (2026-12-25) or a span {from: 2026-08-01, to: 2026-08-15}."""

    def run_validation(self, value: object) -> tuple[dt.date, dt.date]:
        when = When(required=True)
        if isinstance(value, dict) and set(value) <= {"from", "to"} and "from" in value:
            found: dict[str, dt.date | dt.datetime] = {}
            problems: list[tuple[str, str]] = []
            for key in ("from", "to"):
                try:
                    found[key] = when.run_validation(value.get(key, value["from"]))
                except ValidationError as e:
                    problems.append((key, str(e)))
            if problems:
                raise Nested(problems)
            start, end = found["from"], found["to"]
        else:
            if isinstance(value, dict):
                raise ValidationError(f"expected a date or {{from: DATE, to: DATE}}, got {shown(value)}")
            start = end = when.run_validation(value)
        start_d = start.date() if isinstance(start, dt.datetime) else start
        end_d = end.date() if isinstance(end, dt.datetime) else end
        if end_d < start_d:
            raise ValidationError(f"expected 'to' on or after 'from', got {start_d} to {end_d}")
        return (start_d, end_d)


class WeeklySlots(base.Config):
    """Posting times per weekday in the team's time zone."""

    mon = ListOf(TimeOfDay(), default=["09:10", "12:30", "17:15"])
    tue = ListOf(TimeOfDay(), default=["09:10", "12:30", "17:15"])
    wed = ListOf(TimeOfDay(), default=["09:10", "12:30", "17:15"])
    thu = ListOf(TimeOfDay(), default=["09:10", "12:30", "17:15"])
    fri = ListOf(TimeOfDay(), default=["09:10", "12:30"])
    sat = ListOf(TimeOfDay(), default=[])
    sun = ListOf(TimeOfDay(), default=[])


class CalendarSpec(base.Config):
    """When posts may go out. Every time is wall-clock time in the team's time zone (`timezone`), so a
    09:10 slot stays 09:10 on both sides of a daylight-saving change."""

    slots = Section(WeeklySlots)
    """Posting times per weekday (mon..sun). A channel gets at most one post per slot."""
    cap_per_day = Number(3, minimum=0, maximum=100)
    """At most this many posts per channel per day."""
    quiet_hours = ListOf(Section(QuietHours), default=[])
    """Daily windows with no posts, e.g. [{start: "20:00", end: "08:00"}]."""
    blackout = ListOf(DateSpan(), default=[])
    """Dates (or spans) with no posts at all: holidays, a crisis, a quiet period."""
    horizon_days = Number(90, minimum=1, maximum=3650)
    """How far ahead `publisher plan` places posts."""
    spread_days = Number(7, minimum=1, maximum=28)
    """A recycle goes on the quietest day (fewest posts on its channel) among the day it is due and
    the spread_days - 1 days after; a follow-up likewise within its catch_up_days. 1: the day it is due."""


class LatePosts(base.Config):
    """Posts whose moment passed long ago (a pause, a worker outage, a missed cron) are never sent
    together when sending resumes."""

    grace_minutes = Number(120, minimum=0, maximum=10080)
    """How late an approved post may still go out. One later than this is handled as `then` says."""
    then = OneOf(("reslot", "review"), "reslot")
    """reslot: move it to its channel's next free slot on the calendar (it stays approved); review:
    send it back to proposed, for a person to approve again."""


class Evergreen(base.Config):
    """Recycling of older pieces: re-share their best excerpts, with a cooldown and an end."""

    enabled = Flag(True)
    after_days = Number(30, minimum=1)
    """A piece becomes evergreen this many days after publication."""
    every_days = Number(30, minimum=1)
    """Days between two recycled posts of one piece on one channel."""
    end_after_days = Number(365, minimum=1)
    """Stop recycling a piece this many days after publication."""
    max_times = Number(6, minimum=0)
    """At most this many recycled posts per piece and channel."""


class Rules(base.Config):
    """How a piece becomes posts over time. Campaigns may override any of these."""

    channels = Words(None, what="channel names from 'channels'")
    """Channels to post on (default: every enabled channel)."""
    launch = Flag(True)
    """Post on every channel on the day a piece is published."""
    stagger_minutes = Number(60, minimum=0, maximum=720)
    """Minimum gap between the launch posts of one piece on two networks."""
    follow_ups = ListOf(Number(minimum=1, maximum=365), default=[3, 10])
    """Days after launch for follow-up posts with other excerpts."""
    evergreen = Section(Evergreen)
    cooldown_days = Number(30, minimum=0)
    """Never repeat the same text on the same network within this many days."""
    auto_approve = OneOf(("none", "hand-written", "all"), "none")
    """Which planned posts start approved instead of proposed."""
    catch_up_days = Number(2, minimum=0, maximum=365)
    """A launch or follow-up whose moment has passed (the planner did not run, the posts waited for
    approval) is still placed at the next free slot for this many days; after that it is skipped."""
    translation_gap_days = Number(2, minimum=1, maximum=60)
    """A piece and its translation never go out on the same channel less than this many days apart
    (so never the same day)."""


class Maybe(BaseConfigOption[T]):
    """An option that stays None when not written, so a campaign overrides only what it sets."""

    def __init__(self, option: BaseConfigOption[T]):
        super().__init__()
        self.option = option
        self.default = None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self.option.pre_validation(config, key_name)

    def run_validation(self, value: object) -> T | None:
        return None if value is None else self.option.run_validation(value)


class RuleOverrides(base.Config):
    """The rules a campaign changes for its pieces; anything not written here comes from `rules`."""

    channels = Maybe(Words(None, what="channel names from 'channels'"))
    launch = Maybe(Flag(True))
    stagger_minutes = Maybe(Number(60, minimum=0, maximum=720))
    follow_ups = Maybe(ListOf(Number(minimum=1, maximum=365), default=[]))
    evergreen = Section(Evergreen, optional=True)
    """A whole evergreen block: it replaces the global one (unwritten keys take their defaults)."""
    cooldown_days = Maybe(Number(30, minimum=0))
    auto_approve = Maybe(OneOf(("none", "hand-written", "all"), "none"))
    catch_up_days = Maybe(Number(2, minimum=0, maximum=365))
    translation_gap_days = Maybe(Number(2, minimum=1, maximum=60))


class Campaign(base.Config):
    """A named campaign: a hashtag kept on every network, optional pieces, optional rule overrides.

    A piece joins a campaign with `campaign: KEY` in its front matter or by being listed in `pieces`
    (the front matter wins when both name one).
    """

    hashtag = Text(None, what="a hashtag such as #CloudSouverain")
    """Hashtag added to every post of the campaign on every network; default: made from the key
    (sovereign-cloud-2026 gives #SovereignCloud2026)."""
    hashtags = MapOf(Text(what="a hashtag such as #SovereignCloud"), default={}, key_pattern=r"[a-z]{2}(-[A-Z]{2})?")
    """The campaign's hashtag per language where it differs, e.g. {fr: "#CloudSouverain", en: "#SovereignCloud"};
    a language not listed uses `hashtag`."""
    pieces = Words([], what="pieces as <type folder>/<slug>, e.g. white-papers/sovereign-cloud")
    """Pieces in the campaign, as <type folder>/<slug>."""
    start = When()
    """No post of the campaign before this date (launches wait for it)."""
    end = When()
    """No post of the campaign after this date (inclusive); evergreen recycling stops too."""
    utm_campaign = Text(None, what="a UTM campaign name")
    """utm_campaign of the campaign's links; default: the campaign key."""
    rules = Section(RuleOverrides, optional=True)
    """Rules that differ for this campaign's pieces (same keys as `rules`)."""


class Hashtags(base.Config):
    """Which tags become hashtags, and how (campaign hashtags are set per campaign)."""

    tags = Words([], what="tags that become hashtags")
    """The tags posted as hashtags, spelled from the tag with its accents and the capitals the piece writes
    (green it -> #GreenIT), e.g. [cloud souverain, green it]. A tag not listed (nor in `overrides`) is no
    hashtag unless `from_tags` is on: site tags are often sections, audiences or occasions (#Classes,
    #Recruitment) that read badly under a brand's post."""
    from_tags = Flag(False)
    """Make every tag a hashtag, except generic ones (événement, news, audience and occasion words, the
    commonest words of the language) and `blocklist`: for a team whose tags are all topics."""

    overrides = MapOf(Text("", what="a hashtag such as #GreenIT, or \"\" for none"), default={})
    """A tag's hashtag when the automatic one is wrong, e.g. {green it: "#GreenIT", cloud: ""} ("" gives none).
    Without it a tag keeps its accents and the capitals the piece writes (green IT -> #GreenIT)."""
    blocklist = Words([], what="tags that never become hashtags")
    """Tags never used as hashtags, besides the generic ones built in (événement, event, news, blog…, and
    audience words per language: professionnels, particuliers, customers, professionals…; an override
    brings one back)."""


class WatchedFeed(base.Config):
    """A feed to watch for curated shares."""

    url = Text(required=True, what="a feed URL or file path")
    """RSS or Atom feed: an http(s) URL (fetched with conditional GET) or a file path relative to mkdocs.yml."""
    name = Text(None)
    """How shares name the source ({source}); defaults to the feed's own title."""
    comment = MapOf(Text(), default={"en": "Worth a read: {title}", "fr": "À lire : {title}"})
    """Comment template per language; {title} and {source} are filled in."""
    lang = Text(None, what="a language code such as fr or en")
    """Language of the feed (picks the comment template); defaults to the feed's declared language."""
    channels = Words(None, what="channel names from 'channels'")
    """Channels to propose shares on (default: every enabled channel)."""
    tags = Words([])
    """Hashtags added to every share of this feed (without #), when they fit."""
    max_age_days = Number(14, minimum=1, maximum=3650)
    """Entries older than this when first seen are remembered but not proposed (a new feed's backlog)."""
    within_hours = Number(48, minimum=1, maximum=720)
    """A share goes on the first free slot of each channel within this many hours, one network after
    the other; when every slot in that window is taken, on the first slot whose minute is free."""


__all__ = [
    "WEEKDAYS",
    "CalendarSpec",
    "Campaign",
    "ChannelSlots",
    "ChannelSpec",
    "DateSpan",
    "Evergreen",
    "Hashtags",
    "Maybe",
    "QuietHours",
    "RateLimit",
    "RuleOverrides",
    "Rules",
    "WatchedFeed",
    "WeeklySlots",
]
