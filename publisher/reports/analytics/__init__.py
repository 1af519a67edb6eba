"""Reading web analytics exports (Plausible, Matomo, GA4) into visits per day and UTM tuple.

    bytes ──decode──> text ──columns──> which column is what ──parse──> VisitRow per day and UTM tuple

Nothing here touches the store: `publisher.store.analytics` keeps the rows, and the report joins
them to posts through the UTM parameters the publisher set on every link.
"""

from publisher.reports.analytics.parse import AnalyticsExport, VisitRow, read_export

__all__ = ["AnalyticsExport", "VisitRow", "read_export"]
