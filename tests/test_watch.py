"""`publisher watch`: conditional GET on a loopback server, curated shares kept proposed, each entry once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from email.utils import format_datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from conftest import ProjectDir, corpus
from test_import_feed import FeedServer, feed_server  # noqa: F401  (the loopback feed server fixture)

from publisher.cli import commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.errors import StoreError
from publisher.feeds.watch import Target, share_text, targets, template_for, watch_feed
from publisher.networks import counting as networks
from publisher.posts.model import PlannedPost
from publisher.store import Store, open_store
from publisher.store import feeds as feed_store
from publisher.store.tables import posts

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
CHANNELS = "channels: {x: {}, mastodon: {}, bluesky: {}, linkedin: {}}"


def rss(entries: list[tuple[str, str, dt.datetime]], *, lang: str = "en", title: str = "Partner blog") -> str:
    """An RSS 2.0 feed of (id, title, published) entries, newest first like real feeds."""
    items = "".join(
        f"<item><title>{t}</title><link>https://partner.example/{i}</link><guid>urn:partner:{i}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate><description>About {t}.</description></item>"
        for i, t, when in sorted(entries, key=lambda e: e[2], reverse=True))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://partner.example/</link><language>{lang}</language>{items}</channel></rss>")


def entries(n: int, *, start: int = 1) -> list[tuple[str, str, dt.datetime]]:
    return [(f"e{i}", f"Entry number {i} on sovereign infrastructure", NOW - dt.timedelta(minutes=i))
            for i in range(start, start + n)]


def configure(project: ProjectDir, watch: str, *, extra: str = "") -> None:
    project.config(f"lang: en\n{CHANNELS}\n{extra}\nwatch:\n" + textwrap.indent(textwrap.dedent(watch).strip(), "  "))


def run(project: ProjectDir, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)


def db(project: ProjectDir) -> sqlite3.Connection:
    return sqlite3.connect(project.root / ".publisher" / "publisher.db")


# Conditional GET ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("validator", ["etag", "last-modified"])
def test_conditional_get_skips_unchanged_feeds_and_proposes_only_new_entries(
        project: ProjectDir, feed_server: FeedServer, validator: str) -> None:  # noqa: F811
    feed_server.etags = validator == "etag"
    url = feed_server.publish("/feed.xml", rss(entries(3)))
    configure(project, f"- url: {url}\n  channels: [x, linkedin]")
    first = run(project, "watch", "--now", NOW.isoformat())
    assert first.exit_code == 0, first.output
    assert "3 new entries; 6 share(s) proposed" in first.output

    second = run(project, "watch", "--now", (NOW + dt.timedelta(hours=1)).isoformat())
    assert second.exit_code == 0 and "not modified since the last check" in second.output
    _, headers, status = feed_server.requests[-1]
    assert status == 304
    assert ("If-None-Match" in headers) == (validator == "etag") and "If-Modified-Since" in headers

    feed_server.publish("/feed.xml", rss(entries(4)), modified=1_767_100_000)  # one more entry
    third = run(project, "watch", "--now", (NOW + dt.timedelta(hours=2)).isoformat())
    assert "1 new entry; 2 share(s) proposed; 3 already seen" in third.output
    with db(project) as conn:
        rows = conn.execute("SELECT state, role, excerpt_kind, channel FROM posts").fetchall()
    assert len(rows) == 8 and {r[:3] for r in rows} == {("proposed", "curated", "curated")}
    assert {r[3] for r in rows} == {"x", "linkedin"}


def test_watch_reports_a_broken_feed_and_still_watches_the_others(project: ProjectDir,
                                                                  feed_server: FeedServer) -> None:  # noqa: F811
    good = feed_server.publish("/good.xml", rss(entries(2)))
    configure(project, f"- url: {feed_server.url}/gone.xml\n- url: {good}")
    result = run(project, "watch", "--now", NOW.isoformat())
    assert result.exit_code == 1
    assert f"{feed_server.url}/gone.xml: error: expected HTTP 200 with a feed, got 404 Not Found" in result.output
    assert "2 new entries; 8 share(s) proposed" in result.output and "Traceback" not in result.output


# What is proposed ------------------------------------------------------------------------------------


def test_curated_shares_are_proposed_in_the_feed_language_and_fit_each_network(
        project: ProjectDir, tmp_path: Path, any_store: Store) -> None:
    long_title = "Souveraineté numérique : " + "pourquoi les hôpitaux régionaux reprennent la main " * 5
    feed = tmp_path / "partenaire.xml"
    feed.write_text(rss([("fr1", long_title.strip(), NOW - dt.timedelta(days=1)),
                         ("fr2", "Un article ancien", NOW - dt.timedelta(days=40))], lang="fr-FR"), encoding="utf-8")
    configure(project, f"""
        - url: {feed}
          name: Partenaire
          tags: [cloud]
          comment: {{en: "Worth a read: {{title}}", fr: "À lire chez {{source}} : {{title}}"}}
        """)
    settings = load_settings(project.config_file)
    (spec,) = settings.plugin.watch
    report = watch_feed(spec, settings, any_store, NOW)
    assert (report.new, report.old, report.posts) == (2, 1, 4)
    stored = any_store.records(states=["proposed"])
    assert {r.post.channel for r in stored} == {"x", "mastodon", "bluesky", "linkedin"}
    for record in stored:
        post = record.post
        assert (post.role, post.excerpt_kind, post.state, post.lang) == ("curated", "curated", "proposed", "fr")
        assert post.text.startswith("À lire chez Partenaire : Souveraineté numérique")
        assert post.link == "https://partner.example/fr1" and post.card.url == post.link
        limit = networks.limit_for(post.network)
        assert networks.measure(post.network, post.text) <= limit, (post.network, post.text)
    x_post = next(r.post for r in stored if r.post.channel == "x")
    assert "…" in x_post.text  # the long title was shortened to fit 280
    assert [e.title for e in feed_store.entries_seen(any_store, str(feed))] == ["Un article ancien", long_title.strip()]


def test_each_entry_is_proposed_once_even_by_two_watchers(project: ProjectDir, tmp_path: Path,
                                                          any_store: Store) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(entries(5)), encoding="utf-8")
    configure(project, f"- url: {feed}\n  channels: [mastodon]")
    settings = load_settings(project.config_file)
    (spec,) = settings.plugin.watch
    first = watch_feed(spec, settings, any_store, NOW)
    feed_store.record_check(any_store, feed_store.FeedCheck(str(feed), status="forgotten"))  # no validators
    second = watch_feed(spec, settings, any_store, NOW + dt.timedelta(minutes=5))
    assert (first.new, second.new, second.seen) == (5, 0, 5)
    post = PlannedPost(key="k", piece="curated/x", channel="mastodon", network="mastodon", role="curated",
                       excerpt_id="e", excerpt_kind="curated", text="t", link="https://x.example/",
                       scheduled_at=NOW, lang="en")
    again = feed_store.remember_entry(any_store, str(feed), feed_store.SeenEntry("urn:partner:e1"), [post], NOW)
    assert again is None  # a racing watcher finds the entry taken and writes nothing
    assert len(any_store.records()) == 5


def test_the_store_refuses_a_curated_share_that_is_not_proposed(any_store: Store) -> None:
    approved = PlannedPost(key="curated/a:x:curated", piece="curated/a", channel="x", network="x", role="curated",
                           excerpt_id="e", excerpt_kind="curated", text="t", link="https://x.example/",
                           scheduled_at=NOW, lang="en", state="approved")
    with pytest.raises(StoreError, match="curated shares start proposed"):
        any_store.apply_plan([approved], NOW)  # even the planner's path cannot insert one approved
    assert any_store.records() == []


def test_replanning_leaves_curated_shares_alone(project: ProjectDir, tmp_path: Path, any_store: Store) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(entries(2)), encoding="utf-8")
    configure(project, f"- url: {feed}\n  channels: [x]")
    settings = load_settings(project.config_file)
    watch_feed(settings.plugin.watch[0], settings, any_store, NOW)
    counts = any_store.apply_plan([], NOW + dt.timedelta(hours=1))  # a plan without them
    assert counts.cancelled == 0
    assert [r.post.state for r in any_store.records()] == ["proposed", "proposed"]


def test_share_text_shortens_the_title_and_keeps_the_link() -> None:
    title = "A very long title " * 30
    text, length = share_text("Worth a read: {title} via {source} {unknown}", title=title, source="Partner",
                              link="https://partner.example/a", target=Target("x", "x", 280), tags=("cloud",))
    assert length <= 280 and length == networks.measure("x", text)
    assert text.endswith("https://partner.example/a\n#cloud") and "{unknown}" in text and "via Partner" in text


def test_dry_run_stores_nothing(project: ProjectDir) -> None:
    configure(project, f"- url: {corpus('feeds', 'rss-parser', 'heise.atom')}\n  max_age_days: 3650")
    result = run(project, "watch", "--dry-run", "--now", "2016-02-02T00:00")
    assert result.exit_code == 0 and "15 new entries; 60 share(s) would be proposed" in result.output
    store = open_store(load_settings(project.config_file).store_url)
    assert store.records() == [] and feed_store.entries_seen(store) == []
    assert feed_store.last_check(store, str(corpus("feeds", "rss-parser", "heise.atom"))).checked_at is None


# Crash safety: kill -9 in the middle of a run --------------------------------------------------------


@pytest.mark.slow
def test_killed_mid_run_the_watcher_never_proposes_an_entry_twice(project: ProjectDir, tmp_path: Path) -> None:
    total = 150
    feed = tmp_path / "big.xml"
    feed.write_text(rss(entries(total)), encoding="utf-8")
    configure(project, f"- url: {feed}\n  channels: [x, mastodon]")
    database = project.root / ".publisher" / "publisher.db"
    command = [sys.executable, "-c", "from publisher.cli import main; main()", "-f", str(project.config_file),
               "watch", "--now", NOW.isoformat()]
    kills = 0
    for _ in range(3):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=project.root)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            done = _count(database, "watched_entries")
            if 0 < done < total:
                os.kill(proc.pid, signal.SIGKILL)  # in the middle of the run
                kills += 1
                break
            time.sleep(0.005)
        proc.wait(timeout=60)
    final = subprocess.run(command, capture_output=True, text=True, cwd=project.root, timeout=120)
    assert final.returncode == 0, final.stderr
    assert kills >= 1
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.connect() as conn:
        seen = conn.execute(sa.text("SELECT entry_id, proposed FROM watched_entries")).all()
        keys = conn.execute(sa.select(posts.c.key, posts.c.state)).all()
    engine.dispose()
    assert len(seen) == len({e for e, _ in seen}) == total  # every entry once
    assert all(n == 2 for _, n in seen)
    assert len(keys) == len({k for k, _ in keys}) == 2 * total  # its two posts, never a duplicate
    assert {s for _, s in keys} == {"proposed"}


def _count(database: Path, table: str) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.1) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet, or locked for a moment


def test_a_feed_in_a_language_without_template_gets_the_site_language(project: ProjectDir) -> None:
    configure(project, "- url: feed.xml\n  comment: {en: 'Read: {title}', fr: 'À lire : {title}'}")
    (spec,) = load_settings(project.config_file).plugin.watch
    assert template_for(spec, "fr", "en") == ("fr", "À lire : {title}")
    assert template_for(spec, "de", "en") == ("en", "Read: {title}")  # the post says what its comment says


def test_disabled_channels_get_no_proposals(project: ProjectDir) -> None:
    project.config("lang: en\nchannels: {x: {}, linkedin: {enabled: false}, team: {network: mastodon}}\n"
                   "watch:\n  - url: feed.xml\n    channels: [x, linkedin]\n  - url: other.xml")
    settings = load_settings(project.config_file)
    named, every = (targets(spec, settings) for spec in settings.plugin.watch)
    assert [t.channel for t in named] == ["x"]
    assert [(t.channel, t.network, t.limit) for t in every] == [("x", "x", 280), ("team", "mastodon", 500)]
