"""The HTML report in Debian's headless chromium: every chart renders real marks, offline.

The data is the repository's own sample content (real pieces, authors and excerpts), published
through the real dispatcher into the outbox, measured with snapshots, with site visits imported
from a Plausible export carrying the posts' real UTM parameters.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from browser import launched
from click.testing import CliRunner
from conftest import ProjectDir
from report_data import planned, publish, snap

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli import cli
from publisher.config import load_settings
from publisher.content import load_library
from publisher.social.excerpts import excerpts_for
from publisher.store import open_store

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
NETWORKS = {"x": 9, "mastodon": 5, "bluesky": 7, "linkedin": 16}  # typical interactions per post
SLOTS = ((9, 10), (12, 30), (17, 15))
CHARTS = ("chart-timeline", "chart-pieces", "chart-kinds", "chart-hours")


def _fill_store(project: ProjectDir) -> None:
    """Two months of posts at the calendar's slots, measured, plus a Plausible export of their visits."""
    settings = load_settings(project.config_file)
    zone = ZoneInfo(settings.plugin.timezone)
    pieces = [p for p in load_library(settings) if not p.draft and p.date <= NOW]
    rng = random.Random(20261122)
    posts, gains = [], {}
    n = 0
    for days_ago in range(60, 0, -1):
        day = (NOW - dt.timedelta(days=days_ago)).astimezone(zone).date()
        for hour, minute in SLOTS:
            if rng.random() < 0.25 or day.weekday() == 6:
                continue
            n += 1
            piece = rng.choice(pieces)
            excerpt = rng.choice(excerpts_for(piece))
            network = rng.choice(sorted(NETWORKS))
            at = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone).astimezone(dt.UTC)
            posts.append(planned(n, piece.key, network, excerpt.id, excerpt.kind, at, piece.campaign,
                                 excerpt.text))
            boost = {"quote": 1.8, "hand-written": 1.4, "takeaway": 1.2}.get(excerpt.kind, 0.8)
            boost *= 1.3 if hour == 12 else 1.0
            gains[posts[-1].key] = max(0, round(rng.gauss(NETWORKS[network] * boost, 3)))
    store = open_store(settings.store_url)
    ids = publish(store, posts, project.root / ".publisher" / "outbox", NOW - dt.timedelta(hours=1))
    lines = ["date,source,referrer,utm_source,utm_medium,utm_campaign,utm_content,utm_term,pageviews,visitors,"
             "visits,visit_duration,bounces"]
    for post in posts:
        likes = gains[post.key]
        impressions = likes * rng.randint(40, 90) if post.network in ("x", "linkedin") else None
        clicks = likes // 3 if post.network == "linkedin" else None
        snap(store, ids[post.key], post.channel, post.scheduled_at + dt.timedelta(hours=6), likes=likes // 2)
        snap(store, ids[post.key], post.channel, post.scheduled_at + dt.timedelta(days=2), likes=likes,
             reposts=likes // 5, replies=likes // 9, impressions=impressions, clicks=clicks)
        visits = rng.randint(0, likes)
        if visits:
            day = post.scheduled_at.astimezone(zone).date().isoformat()
            lines.append(f"{day},{post.network},,{post.network},social,{post.campaign or 'x'},{post.excerpt_id},,"
                         f"{visits},{visits},{visits},60,1")
    for key, visits in (("jdupont", 84), ("mlefevre", 51), ("akone", 37), ("tgarnier", 12)):
        lines.append(f"2026-11-12,LinkedIn,,linkedin,advocacy,sovereign-cloud-2026,{key},,{visits},{visits},"
                     f"{visits},30,1")
    store.close()
    project.write("imported_sources_20260920_20261121.csv", "\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("report-browser")
    from conftest import ROOT

    project = ProjectDir(root / "sample")
    shutil.copytree(ROOT / "content", project.content)
    shutil.copytree(ROOT / "theme", project.root / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project.config_file)
    project.use_ambassadors_file("""
        jdupont: {name: Julie Dupont, team: Sales West, networks: [linkedin]}
        mlefevre: {name: Marc Lefèvre, team: Sales East, networks: [linkedin, x]}
        akone: {name: Awa Koné, team: Sales West}
        tgarnier: {name: Thomas Garnier, team: Partners}
    """)
    _fill_store(project)
    runner = CliRunner()
    base = ["-f", str(project.config_file)]
    imported = runner.invoke(cli, [*base, "analytics", "import", str(project.root / "imported_sources_20260920_20261121.csv"),
                                   "--now", NOW.isoformat()], catch_exceptions=False)
    assert imported.exit_code == 0, imported.output
    page = root / "report.html"
    result = runner.invoke(cli, [*base, "report", "--now", NOW.isoformat(), "--html", str(page), "--format", "json"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return page, json.loads(result.output)


def test_every_chart_renders_marks_offline(page_file: tuple[Path, dict], tmp_path: Path) -> None:
    page_path, data = page_file
    requests: list[str] = []
    with launched() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_path.as_uri())
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        if os.environ.get("PUBLISHER_SHOTS"):
            shutil.copy(shot, Path(os.environ["PUBLISHER_SHOTS"]) / "report.png")
            shutil.copy(page_path, Path(os.environ["PUBLISHER_SHOTS"]) / "report.html")
        marks = {chart: page.eval_on_selector_all(
            f"#{chart} svg .mark",
            "els => els.filter(e => { const b = e.getBBox(); return b.width > 0 && b.height > 0; }).length")
            for chart in CHARTS}
        lines = page.eval_on_selector_all("#chart-timeline svg path.line", "els => els.length")
        kpis = page.inner_text("#kpis")
        title = page.title()
    assert shot.stat().st_size > 50_000
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == [], "nothing may come from the network"
    assert title.startswith("Clairval Newsroom")
    series = data["timeline"]["series"]
    assert lines == len(series) == 4
    points = sum(1 for points in series.values() for pt in points if pt["posts"] or pt["interactions"])
    assert marks["chart-timeline"] == lines + points
    assert marks["chart-pieces"] >= min(8, len(data["breakdowns"]["piece"]))
    assert marks["chart-kinds"] == sum(1 for k in data["breakdowns"]["excerpt_kind"] if k["interactions"])
    assert marks["chart-hours"] == len(data["posting_hours"])
    assert f"{data['totals']['interactions']:,}".replace(",", "\u202f") in kpis


def test_the_report_fits_a_phone(page_file: tuple[Path, dict], tmp_path: Path) -> None:
    """At 390 px the KPI grid wraps to two columns; nothing is wider than the screen."""
    page_path, _ = page_file
    with launched() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(page_path.as_uri())
        page.screenshot(path=str(tmp_path / "report-phone.png"), full_page=True)
        if os.environ.get("PUBLISHER_SHOTS"):
            shutil.copy(tmp_path / "report-phone.png", Path(os.environ["PUBLISHER_SHOTS"]) / "report-phone.png")
        page_width = page.evaluate("document.documentElement.scrollWidth")
        overflowing = page.eval_on_selector_all(
            ".kpi", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1 "
                    "|| e.getBoundingClientRect().right > window.innerWidth).map(e => e.innerText)")
        columns = page.eval_on_selector_all(
            ".kpi", "els => new Set(els.map(e => Math.round(e.getBoundingClientRect().left))).size")
    assert page_width <= 390, f"the page is {page_width} px wide on a 390 px screen"
    assert overflowing == []
    assert columns == 2
