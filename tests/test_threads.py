"""Threads, the fifth network: what only Threads does, and the whole path from mkdocs.yml to its double.

The shared fault table (tests/test_channels.py) runs Threads like every other network; here:
its counting, its two publishing steps, image posts with alt text, its limits, and `threads: {}`
in mkdocs.yml planned, previewed, rehearsed to the outbox and published to the double.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from conftest import ProjectDir
from doubles import channel_spec, environment
from doubles.threads import ThreadsDouble, threads_length

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.networks import counting
from publisher.posts.model import Failed, LinkCard, Published, QueuedPost, RetryLater
from publisher.sending.channels.threads import ThreadsChannel
from publisher.sending.dispatcher import rates_from
from publisher.store import RateWindow, open_store

TEXTS = ["Plain words", "Où vivent vos données ? « Un choix »", "👍", "❤️", "Launch 🚀🚀 today", "👨‍👩‍👧 family",
         "keycap 1️⃣", "flag 🇫🇷", "© 2026 ™", "日本語のテキスト", "e\u0301", "tabs\tand\nlines", "→ arrows ←"]


@pytest.mark.parametrize("text", TEXTS)
def test_threads_counts_emoji_as_their_utf8_bytes(text: str) -> None:
    """Two implementations (ours and the double's, written apart) agree; an emoji counts its bytes."""
    assert counting.measure("threads", text) == counting.utf8_emoji_length(text) == threads_length(text)


def test_threads_counting_examples() -> None:
    assert counting.measure("threads", "👍") == 4 and counting.measure("threads", "❤️") == 6
    assert counting.measure("threads", "é") == 1 and counting.measure("threads", "日本") == 2
    assert counting.limit_for("threads") == 500


@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ThreadsChannel, ThreadsDouble]]:
    double = ThreadsDouble().start()
    channel = ThreadsChannel("threads", channel_spec("threads", timeout_seconds=1.0), environment(double))
    yield channel, double
    channel.close()
    double.stop()


def post(n: int = 1, text: str | None = None, image: str | None = None, alt: str = "") -> QueuedPost:
    link = f"https://newsroom.clairval.example/articles/data/?utm_source=threads&utm_medium=social&utm_content=q{n}"
    return QueuedPost(id=n, key=f"articles/data:threads:{n}", piece="articles/data", channel="threads",
                      network="threads", text=text or f"Post {n}: où vivent vos données ? #CloudSouverain\n\n{link}",
                      link=link, scheduled_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1), lang="fr",
                      state="sending", card=LinkCard(url=link, title="Données", image=image, image_alt=alt))


def test_a_text_post_is_a_container_then_its_publication(threads: tuple[ThreadsChannel, ThreadsDouble]) -> None:
    channel, double = threads
    out = channel.send(post(1))
    assert isinstance(out, Published) and out.url.startswith("https://www.threads.com/@clairval/post/")
    (container,) = double.received("container")
    (publish,) = double.received("create")
    fields = {k: v[0] for k, v in container.form.items()}
    assert fields["media_type"] == "TEXT" and fields["topic_tag"] == "CloudSouverain"
    assert fields["link_attachment"] == post(1).link and "image_url" not in fields
    assert publish.form["creation_id"] == [double.replies[0][1].body["id"]]
    assert container.header("authorization") == "Bearer " + environment(double)["THREADS_ACCESS_TOKEN"]
    assert double.violations == []


def test_a_public_cover_goes_as_an_image_post_with_its_alt_text(
        threads: tuple[ThreadsChannel, ThreadsDouble]) -> None:
    channel, double = threads
    out = channel.send(post(2, image="https://newsroom.clairval.example/img/data.png",
                            alt="Une carte de l’Europe et ses centres de données"))
    assert isinstance(out, Published)
    (sent,) = double.sent()
    assert sent["media_type"] == "IMAGE" and sent["image_url"] == "https://newsroom.clairval.example/img/data.png"
    assert sent["alt_text"] == "Une carte de l’Europe et ses centres de données"
    assert "link_attachment" not in sent  # Threads takes a link attachment on text posts only
    assert any(r.query.get("fields") == ["status,error_message"] for r in double.received("lookup"))
    assert double.violations == []


def test_a_cover_on_disk_is_not_public_so_the_post_carries_a_link_attachment(
        threads: tuple[ThreadsChannel, ThreadsDouble], tmp_path: Path) -> None:
    channel, double = threads
    cover = tmp_path / "cover.png"
    cover.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert isinstance(channel.send(post(3, image=str(cover), alt="alt")), Published)
    (sent,) = double.sent()
    assert sent["media_type"] == "TEXT" and "alt_text" not in sent and sent["link_attachment"]


@pytest.mark.parametrize("fault", ["timeout", "server_error", "drop", "truncated"])
def test_a_failed_container_step_publishes_nothing_and_is_retried(
        threads: tuple[ThreadsChannel, ThreadsDouble], fault: str) -> None:
    """Only threads_publish makes a post: whatever happens to the container, a retry is safe."""
    channel, double = threads
    double.fail(fault, on="container")
    out = channel.send(post(4))
    assert isinstance(out, RetryLater) and not out.rate_limited, out
    assert double.posts == [] and double.received("create") == []
    assert isinstance(channel.send(post(4)), Published) and len(double.posts) == 1


def test_an_expired_token_disables_the_channel_naming_the_variable(
        threads: tuple[ThreadsChannel, ThreadsDouble]) -> None:
    channel, double = threads
    double.fail("expired_token", on="any")
    out = channel.send(post(5))
    assert isinstance(out, Failed) and out.disable_channel
    assert "THREADS_ACCESS_TOKEN" in out.reason and "refresh_access_token" in out.reason
    assert "Session has expired" in out.reason and double.posts == []


def test_more_than_five_links_is_refused_before_any_request(threads: tuple[ThreadsChannel, ThreadsDouble]) -> None:
    channel, double = threads
    links = " ".join(f"https://e{i}.example/" for i in range(6))
    out = channel.send(post(6, text=f"Sources: {links}"))
    assert isinstance(out, Failed) and "at most 5 links" in out.reason and double.requests == []


def test_malformed_user_id_is_named(threads: tuple[ThreadsChannel, ThreadsDouble]) -> None:
    _, double = threads
    from publisher.errors import ChannelError

    with pytest.raises(ChannelError, match="THREADS_USER_ID: expected the numeric id"):
        ThreadsChannel("threads", channel_spec("threads"), {**environment(double), "THREADS_USER_ID": "@clairval"})


def test_the_250_posts_a_day_limit_is_the_channels_rate_limit(project: ProjectDir) -> None:
    project.config("channels: {threads: {}, th-fr: {network: threads, rate_limit: {posts: 50, per_seconds: 3600}}}")
    rates = rates_from(load_settings(project.config_file))
    assert rates == {"threads": RateWindow(250, 86400), "th-fr": RateWindow(50, 3600)}


# End to end ----------------------------------------------------------------------------------------


def _threads_only(sample: ProjectDir) -> None:
    """The sample's mkdocs.yml with one channel: `threads: {}` (whatever channels it had)."""
    text = sample.config_file.read_text(encoding="utf-8")
    block = re.search(r"^      channels:\n(?:        .*\n)+", text, re.MULTILINE)
    assert block, "the sample's mkdocs.yml has no channels block"
    sample.config_file.write_text(text.replace(block.group(), "      channels:\n        threads: {}\n"),
                                  encoding="utf-8")


def _cli(sample: ProjectDir, *args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, ["-f", str(sample.config_file), *args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_threads_in_mkdocs_yml_plans_previews_rehearses_and_publishes(sample_project: ProjectDir,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _threads_only(sample_project)
    for name in ("THREADS_USER_ID", "THREADS_ACCESS_TOKEN", "THREADS_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(sample_project.root)

    planned = _cli(sample_project, "plan", "--now", "2026-11-19 08:00")
    assert "threads" in planned
    preview = _cli(sample_project, "preview", "white-papers/sovereign-cloud-guide", "--channel", "threads",
                   "--now", "2026-11-19 08:00")
    assert "threads (threads, limit 500 characters (an emoji counts its UTF-8 bytes))" in preview

    _cli(sample_project, "approve", "--all")
    _cli(sample_project, "run", "--now", "2026-11-26 08:00")
    outbox = sample_project.root / ".publisher" / "outbox" / "threads.jsonl"
    lines = [json.loads(line) for line in outbox.read_text(encoding="utf-8").splitlines()]
    assert lines, "nothing was rehearsed"
    for line in lines:
        assert counting.measure("threads", line["text"]) <= 500
        assert parse_qs(urlsplit(line["link"]).query)["utm_source"] == ["threads"]
        assert line["text"].count("#") <= 1  # one topic tag

    # The same plan, sent for real: a fresh store, credentials pointing at the double.
    (sample_project.root / ".publisher" / "publisher.db").unlink()
    with ThreadsDouble() as double:
        for name, value in environment(double).items():
            monkeypatch.setenv(name, value)
        _cli(sample_project, "plan", "--now", "2026-11-19 08:00")
        _cli(sample_project, "approve", "--all")
        _cli(sample_project, "run", "--now", "2026-11-26 08:00")
        store = open_store(load_settings(sample_project.config_file).store_url)
        published = [r.post for r in store.records(states=["published"])]
        assert published and len(published) == len(double.posts) == len(lines)
        assert [p["fields"]["text"] for p in double.posts] == [p.text for p in sorted(published, key=lambda p: p.id)]
        assert double.violations == []
        double.tick(2)
        pulled = _cli(sample_project, "metrics", "--now", "2026-11-26 12:00")
        assert "threads" in pulled
