"""The report as CSV (one tidy table for spreadsheets) and JSON (everything, for BI tools).

Column names and JSON keys are a contract: docs/reports.md lists them; add, never rename.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from publisher.reports.aggregate import change
from publisher.reports.model import Advocate, Numbers, Report

SCHEMA = "publisher.report/1"
NUMBER_COLUMNS = ("posts", "measured_posts", "likes", "reposts", "replies", "quotes", "interactions",
                  "impressions", "clicks", "visits", "engagement_rate", "interactions_per_post")
CSV_COLUMNS = ("section", "rank", "key", "label", "parent", *NUMBER_COLUMNS, "previous_posts",
               "previous_interactions", "previous_visits", "interactions_change", "period_start", "period_end")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _numbers(numbers: Numbers, before: Numbers | None = None) -> dict[str, Any]:
    out: dict[str, Any] = numbers.as_dict()
    if before is not None:
        out["previous_posts"] = before.posts
        out["previous_interactions"] = before.interactions
        out["previous_visits"] = before.visits
        delta = change(numbers.interactions, before.interactions)
        out["interactions_change"] = None if delta is None else round(delta, 4)
    return out


def _advocate(rank: int, person: Advocate, *, team: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"rank": rank, "key": person.key, "name": person.name, "visits": person.visits,
                           "by_network": dict(sorted(person.networks.items()))}
    if not team:
        row["team"] = person.team
        row["in_ambassadors_file"] = person.known
    return row


def as_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain JSON-ready data."""
    return {
        "schema": SCHEMA,
        "site": report.site_name,
        "generated_at": report.generated_at.isoformat(),
        "period": report.period.as_dict(),
        "previous_period": report.previous.as_dict(),
        "totals": _numbers(report.totals, report.before),
        "previous_totals": _numbers(report.before),
        "breakdowns": {
            name: [{"key": ln.key, "label": ln.label, **_numbers(ln.now, ln.before)} for ln in lines]
            for name, lines in report.breakdowns.items()
        },
        "top_excerpts": [
            {"rank": i, "excerpt_id": e.excerpt_id, "piece": e.piece, "kind": e.kind, "text": e.text,
             "networks": e.networks, **_numbers(e.numbers)}
            for i, e in enumerate(report.top_excerpts, start=1)
        ],
        "timeline": {
            "unit": report.timeline_unit,
            "series": {net: [{"start": day.isoformat(), "posts": p, "interactions": n} for day, p, n in points]
                       for net, points in report.timeline.items()},
        },
        "posting_hours": [
            {"weekday": WEEKDAYS[d], "hour": h, "posts": cell[0], "interactions": cell[1]}
            for d, row in enumerate(report.heatmap) for h, cell in enumerate(row) if cell[0]
        ],
        "advocacy": {
            "ambassadors": [_advocate(i, a, team=False) for i, a in enumerate(report.ambassadors, start=1)],
            "teams": [_advocate(i, t, team=True) for i, t in enumerate(report.teams, start=1)],
            "share_buttons": report.share_buttons,
        },
        "unmatched_visits": report.unmatched_visits,
        "notes": report.notes,
    }


def to_json(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def csv_rows(report: Report) -> list[dict[str, Any]]:
    """Every row of the CSV, as dicts keyed by CSV_COLUMNS."""
    period = {"period_start": report.period.start.isoformat(), "period_end": report.period.end.isoformat()}
    rows: list[dict[str, Any]] = [{"section": "total", "rank": "", "key": "total", "label": "All posts",
                                   "parent": "", **_numbers(report.totals, report.before), **period}]
    for name, lines in report.breakdowns.items():
        for i, ln in enumerate(lines, start=1):
            rows.append({"section": name, "rank": i, "key": ln.key, "label": ln.label, "parent": "",
                         **_numbers(ln.now, ln.before), **period})
    for i, e in enumerate(report.top_excerpts, start=1):
        rows.append({"section": "top_excerpt", "rank": i, "key": e.excerpt_id, "label": " ".join(e.text.split()),
                     "parent": e.piece, **_numbers(e.numbers), **period})
    for net, points in report.timeline.items():
        for day, posts, interactions in points:
            rows.append({"section": f"timeline_{report.timeline_unit}", "rank": "", "key": day.isoformat(),
                         "label": day.isoformat(), "parent": net, "posts": posts, "interactions": interactions,
                         **period})
    for section, people in (("ambassador", report.ambassadors), ("team", report.teams)):
        for i, person in enumerate(people, start=1):
            rows.append({"section": section, "rank": i, "key": person.key, "label": person.name,
                         "parent": person.team if section == "ambassador" else "", "visits": person.visits,
                         **period})
    for net, visits in report.share_buttons.items():
        rows.append({"section": "share_button", "rank": "", "key": net, "label": net, "parent": "",
                     "visits": visits, **period})
    return rows


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(report):
        writer.writerow({k: "" if row.get(k) is None else row.get(k, "") for k in CSV_COLUMNS})
    return out.getvalue()
