"""Which column of an export is what, for each tool's real column names.

- Plausible CSV export (Settings > Imports & Exports, `imported_sources_YYYYMMDD_YYYYMMDD.csv`):
  date, source, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term, pageviews,
  visitors, visits, visit_duration, bounces. A Stats API breakdown saved as CSV has the utm_* columns
  and visitors/visits/pageviews.
- GA4 (Reports or Explore > Download file > CSV): comment lines starting with `#` (with "Start date:
  20261001" / "End date: 20261031"), then columns such as Date (20261001), Session source, Session
  medium, Session source / medium, Session campaign, Session manual ad content, Sessions, Total users.
- Matomo (Export > CSV/TSV, often UTF-16LE): raw names (label, nb_visits, nb_uniq_visitors, nb_actions)
  or translated ones (Label, Visits, Unique visitors); campaign reports put the dimensions in `label`,
  flattened subtables joined with " - ". The visits log export has campaignSource, campaignMedium,
  campaignName, campaignContent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Canonical field -> header names (normalised: lower case, single spaces), best first.
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "jour", "serverdate", "server date"),
    "source": ("utm_source", "session manual source", "session source", "campaign source", "campaignsource",
               "source"),
    "medium": ("utm_medium", "session manual medium", "session medium", "campaign medium", "campaignmedium",
               "medium"),
    "source_medium": ("session source / medium", "session manual source / medium", "source / medium"),
    "campaign": ("utm_campaign", "session manual campaign name", "session campaign", "session campaign name",
                 "campaign name", "campaignname", "campaign"),
    "content": ("utm_content", "session manual ad content", "session ad content", "campaign content",
                "campaigncontent", "content", "ad content"),
    "label": ("label", "libellé"),
    "visits": ("visits", "sessions", "nb_visits", "visites"),
    "visitors": ("visitors", "unique visitors", "nb_uniq_visitors", "total users", "users", "active users",
                 "visiteurs uniques"),
    "pageviews": ("pageviews", "views", "nb_pageviews", "nb_actions", "actions", "screen page views"),
}
# Columns each tool is known to write that we read nothing from (so they are not called unknown).
KNOWN_UNUSED = frozenset({
    "source", "referrer", "utm_term", "visit_duration", "bounces", "bounce_rate", "engaged sessions", "engagement rate",
    "average engagement time per session", "events per session", "event count", "key events", "conversions",
    "session key event rate", "total revenue", "new users", "session default channel group",
    "session primary channel group", "nb_uniq_visitors", "nb_actions", "max_actions", "sum_visit_length",
    "bounce_count", "nb_visits_converted", "nb_conversions", "revenue", "goals", "sum_daily_nb_uniq_visitors",
    "avg_time_on_site", "bounce rate", "actions per visit", "avg. time on website", "conversion rate",
    "session manual term", "campaignkeyword", "campaign keyword", "visitid", "idvisit", "visitorid",
})


def normalise(header: str) -> str:
    text = header.replace("\ufeff", "").replace("\u00a0", " ").strip().strip('"').strip()
    return re.sub(r"\s+", " ", text).lower()


@dataclass
class ColumnMap:
    """Where each canonical field sits in the header row (index), and what was left unread."""

    index: dict[str, int] = field(default_factory=dict)
    metric: str = ""
    """The header the visit counts were read from (Sessions, visits, nb_visits...)."""
    metric_field: str = ""
    """Which canonical field that is: visits, else visitors, else pageviews."""
    unknown: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.index

    @property
    def has_utm(self) -> bool:
        return any(self.has(n) for n in ("source", "medium", "campaign", "content", "source_medium", "label"))


def map_columns(header: list[str]) -> ColumnMap:
    names = [normalise(h) for h in header]
    found = ColumnMap()
    for canonical, aliases in ALIASES.items():
        for alias in aliases:
            if alias in names:
                found.index[canonical] = names.index(alias)
                break
    # Plausible's plain `source` is the referrer ("Twitter"), not utm_source: prefer utm_source.
    if "utm_source" in names:
        found.index["source"] = names.index("utm_source")
    for metric in ("visits", "visitors", "pageviews"):
        if metric in found.index:
            found.metric = header[found.index[metric]].strip().strip("\ufeff")
            found.metric_field = metric
            break
    used = set(found.index.values())
    found.unknown = [header[i].strip() for i, n in enumerate(names)
                     if i not in used and n and n not in KNOWN_UNUSED]
    return found


def guess_tool(names: list[str], comments: list[str], file_name: str) -> str:
    low = [normalise(n) for n in names]
    if comments or any(n.startswith("session ") for n in low):
        return "ga4"
    if "nb_visits" in low or "label" in low or any(n.startswith("campaign") and " " not in n for n in low):
        return "matomo"
    if "utm_source" in low or file_name.startswith("imported_sources"):
        return "plausible"
    return "csv"
