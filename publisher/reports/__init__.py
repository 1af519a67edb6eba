"""Engagement reports: what worked, per network, piece, excerpt kind, campaign and author.

    store rows (publisher.store.reports, .analytics) ──collect──> aggregate ──> Report
        Report ──terminal──> rich tables   ──export──> CSV / JSON   ──html──> one page with SVG charts
    analytics/   Plausible, Matomo and GA4 exports read into visits per day and UTM tuple
    scores       the feedback loop: excerpt scores for the planner's evergreen choice
    period       --since / --from / --to, the previous period, calendar bins

All SQL lives in publisher.store; this package only shapes rows. The numbers and formats are
documented for users in docs/reports.md.
"""
