"""End to end: the sample content is planned, the worker publishes it to four network doubles
through the real libraries, and `publisher metrics` pulls engagement twice.

Then we check what each network received (text, facets, link, UTM, escaping, cards) against
what the store holds, and that the store kept both snapshots of every published post.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from conftest import ProjectDir
from doubles import BlueskyDouble, Double, LinkedInDouble, MastodonDouble, XDouble, environment

import publisher.cli.metrics  # noqa: F401  (registers `publisher metrics`)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.content import load_library
from publisher.networks.counting import display_url, shown_title
from publisher.sending.channels.registry import build_channels
from publisher.sending.dispatcher import Dispatcher, rates_from
from publisher.social.planner import make_plan, rules_from
from publisher.store import metrics as metrics_store
from publisher.store import open_store

PLAN_AT = dt.datetime(2026, 11, 19, 7, 0, tzinfo=dt.UTC)
RUN_AT = dt.datetime(2026, 11, 21, 0, 0, tzinfo=dt.UTC)



def utm(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_plan_publish_and_pull_metrics_twice(sample_project: ProjectDir, doubles: dict[str, Double]) -> None:
    settings = load_settings(sample_project.config_file)
    library = load_library(settings)
    plan = make_plan(library.visible(PLAN_AT), rules_from(settings, library), PLAN_AT)
    store = open_store(settings.store_url)
    store.apply_plan(plan, PLAN_AT)
    store.approve(PLAN_AT, everything=True)

    built = build_channels(settings)
    assert set(built.active) == {"x", "mastodon", "bluesky", "linkedin"} and not built.outbox, built.notices
    dispatcher = Dispatcher(store, built.active, rates=rates_from(settings), clock=lambda: RUN_AT)
    report = dispatcher.run_once()
    dispatcher.close()
    published = [r.post for r in store.records(states=["published"])]
    due = [p for p in plan.posts if p.scheduled_at <= RUN_AT]
    assert report.counts["published"] == len(published) == len(due) > 8, report
    assert {p.network for p in published} == {"x", "mastodon", "bluesky", "linkedin"}

    by_network: dict[str, list[Any]] = {}
    for post in sorted(published, key=lambda p: p.id):
        by_network.setdefault(post.network, []).append(post)
    for network, posts in by_network.items():
        for post in posts:
            assert utm(post.link)["utm_source"] == network and utm(post.link)["utm_medium"] == "social"

    # X: the exact text, with its UTM link; the cover went up through v2 media upload, with the
    # piece's cover_alt as its alt text when the piece has one.
    x: XDouble = doubles["x"]  # type: ignore[assignment]
    assert x.sent_texts() == [p.text for p in by_network["x"]]
    assert [t["id"] for t in x.tweets] == [p.remote_id for p in by_network["x"]]
    assert all(p.link in p.text for p in by_network["x"])
    for tweet, post in zip(x.tweets, by_network["x"], strict=True):
        assert ("media" in tweet["body"]) == bool(post.card and post.card.image)
    assert len(x.uploads) == sum(bool(p.card and p.card.image) for p in by_network["x"]) > 0
    alts = {p.card.image_alt for p in by_network["x"] if p.card and p.card.image and p.card.image_alt}
    assert alts and alts == {m["alt_text"] for m in x.media.values() if m["alt_text"]}

    # Mastodon: the exact text, the language, and one idempotency key per post.
    masto: MastodonDouble = doubles["mastodon"]  # type: ignore[assignment]
    assert masto.sent_texts() == [p.text for p in by_network["mastodon"]]
    forms = [s["form"] for s in masto.statuses]
    assert [f["language"] for f in forms] == [p.lang.split("-")[0] for p in by_network["mastodon"]]
    assert len({s["key"] for s in masto.statuses}) == len(masto.statuses)

    # Bluesky: the exact text; the display link's facet points at the full UTM link; tags; a card.
    bsky: BlueskyDouble = doubles["bluesky"]  # type: ignore[assignment]
    records = bsky.posted()
    assert [r["text"] for r in records] == [p.text for p in by_network["bluesky"]]
    for record, post in zip(records, by_network["bluesky"], strict=True):
        text = record["text"].encode("utf-8")
        facets = [(text[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode(), f["features"][0])
                  for f in record["facets"]]
        links = [(shown, feature["uri"]) for shown, feature in facets if "uri" in feature]
        # The short label, or the title under an excerpt, opens the full UTM link.
        label = display_url(post.link) if display_url(post.link) in post.text else shown_title(post.text,
                                                                                                post.card.title)
        assert (label, post.link) in links
        assert all(shown == "#" + feature["tag"] for shown, feature in facets if "tag" in feature)
        assert any("tag" in feature for _, feature in facets)
        external = record["embed"]["external"]
        assert external["uri"] == post.link and external["title"] == post.card.title
        assert ("thumb" in external) == bool(post.card.image)

    # LinkedIn: the escaped commentary as planned, an article share with the UTM link and the cover.
    li: LinkedInDouble = doubles["linkedin"]  # type: ignore[assignment]
    bodies = li.sent()
    assert [b["commentary"] for b in bodies] == [p.text for p in by_network["linkedin"]]
    for body, post in zip(bodies, by_network["linkedin"], strict=True):
        article = body["content"]["article"]
        assert article["source"] == post.link and article["title"] == post.card.title
        assert ("thumbnail" in article) == bool(post.card.image)
        words = re.sub(r"https?://[\w.:/?&=%~-]+", "", body["commentary"])  # a URL stays as it is (linkedin_escape);
        # a bracket glued to it is not part of it and must still be escaped
        unescaped = [c for i, c in enumerate(words) if c in "()[]{}<>@|*_~" and (i == 0 or words[i - 1] != "\\")]
        assert unescaped == [], body["commentary"]

    # Metrics, twice, through the command; the second pull sees grown numbers; history is kept.
    runner = CliRunner()
    args = ["-f", str(sample_project.config_file), "metrics", "--json", "--now"]
    for double in doubles.values():
        double.tick()
    first = runner.invoke(cli, [*args, (RUN_AT + dt.timedelta(days=1)).isoformat()], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    for double in doubles.values():
        double.tick(2)
    second = runner.invoke(cli, [*args, (RUN_AT + dt.timedelta(days=2)).isoformat()], catch_exceptions=False)
    assert second.exit_code == 0, second.output
    # LinkedIn's author is an organisation in the double: it is measured too.
    assert json.loads(first.output)["stored"] == json.loads(second.output)["stored"] == len(published)
    assert metrics_store.count(store) == 2 * len(published)
    for post in published:
        older, newer = metrics_store.history(store, post.id)
        assert older.remote_id == newer.remote_id == post.remote_id
        assert newer.at - older.at == dt.timedelta(days=1)
        assert newer.likes > older.likes > 0
        if post.network in ("x", "linkedin"):
            assert newer.impressions and newer.clicks is not None
        else:
            assert newer.impressions is None


def test_the_worker_keeps_to_the_configured_rate_limit_before_the_network_says_429(
        sample_project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    config = sample_project.config_file
    text = config.read_text(encoding="utf-8")
    assert text.count("\n        x: {}\n") == 1, "the sample mkdocs.yml declares the x channel"
    config.write_text(text.replace("\n        x: {}\n", "\n        x: {rate_limit: {posts: 2, per_seconds: 900}}\n"),
                      encoding="utf-8")
    x = XDouble().start()
    x.limit = 2  # the network's own window: one more post would be a 429
    try:
        for name, value in environment(x).items():
            monkeypatch.setenv(name, value)
        settings = load_settings(config)
        library = load_library(settings)
        store = open_store(settings.store_url)
        store.apply_plan(make_plan(library.visible(PLAN_AT), rules_from(settings, library), PLAN_AT), PLAN_AT)
        store.approve(PLAN_AT, everything=True)
        only_x = {name: channel for name, channel in build_channels(settings).active.items() if name == "x"}
        dispatcher = Dispatcher(store, only_x, rates=rates_from(settings), clock=lambda: RUN_AT)
        report = dispatcher.run_once()
        dispatcher.close()
    finally:
        x.stop()
    assert report.counts["published"] == 2
    assert "rate limit" in report.held["x"]
    assert len(x.received("create")) == 2 and not [f for f, _ in x.served if f == "rate_limit"]
    assert all(status == 201 for q, r in x.replies if q.kind == "create" for status in [r.status])
    waiting = [r.post for r in store.records(states=["approved"]) if r.post.channel == "x"]
    assert waiting, "the rest waits for the next window"
