"""One fault table, run against every network: the real client library talks to its loopback double.

Each row arms a fault on the double, makes one attempt through the real adapter, and checks the
structured outcome (and, where a post may exist, that reconcile() finds it by its text).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from doubles import DOUBLES, Double, channel_spec, environment

from publisher.errors import ChannelError, MetricsUnavailable
from publisher.networks import network as descriptor
from publisher.posts.model import Failed, LinkCard, Published, QueuedPost, RetryLater, Unconfirmed
from publisher.secrets import MaskingFilter, credential, install_log_masking, secret_values
from publisher.sending.channels.base import Channel
from publisher.sending.channels.registry import adapter_class
from publisher.sending.settlement import recovery

# Every network with an adapter and a double: a new network joins the table by existing.
CLASSES: dict[str, type[Channel]] = {n: cls for n in DOUBLES if (cls := adapter_class(n)) is not None}
NETWORKS = list(CLASSES)
READERS = [n for n in NETWORKS if descriptor(n).metrics]  # networks that give engagement back
TIMEOUT = 1.0  # generous: a loaded 2-core CI box must not turn a slow answer into a timeout
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b1e85b0000000049454e44ae426082")

# fault -> network -> what one attempt must return. "published*" = published, and the double
# shows the fault did not stop it; "unconfirmed+" = unconfirmed, and reconcile() finds the post.
TABLE: dict[str, dict[str, str]] = {
    "rate_limit": dict.fromkeys(NETWORKS, "rate_limited"),
    "server_error": dict.fromkeys(NETWORKS, "retry"),
    # A network that can be read back finds the post; a webhook cannot be asked.
    "gateway_timeout": {**dict.fromkeys(NETWORKS, "unconfirmed"), **dict.fromkeys(READERS, "unconfirmed+")},
    "timeout": {**dict.fromkeys(NETWORKS, "unconfirmed"), **dict.fromkeys(READERS, "unconfirmed+")},
    "drop": {**dict.fromkeys(NETWORKS, "unconfirmed"), **dict.fromkeys(READERS, "unconfirmed+")},
    # LinkedIn answers a create with an empty body and webhooks with "ok": nothing to truncate.
    "truncated": {**dict.fromkeys(NETWORKS, "unconfirmed+"), "linkedin": "published", "webhook": "published"},
    "slow": dict.fromkeys(NETWORKS, "published"),
    "expired_token": dict.fromkeys(NETWORKS, "disabled"),
    # Only X and LinkedIn refuse duplicates; the others publish the text again.
    "duplicate": {**dict.fromkeys(NETWORKS, "published"), "x": "failed", "linkedin": "failed"},
}


def make_post(network: str, n: int = 1, image: Path | None = None, text: str | None = None) -> QueuedPost:
    url = "https://newsroom.clairval.example/articles/sovereign-cloud"
    link = f"{url}?utm_source={network}&utm_medium=social&utm_campaign=launch&utm_content=q{n}"
    if text is None:
        shown = "newsroom.clairval.example/articles/sovereign-cloud" if network == "bluesky" else link
        text = f"Post {n}: where does your data live? #Cloud #Sovereignty {shown}"
        if network == "linkedin":
            text = f"Post {n}: where does your data live? \\(a guide\\) #Cloud"
    card = LinkCard(url=url, title="Sovereign cloud guide", description="What sovereignty means for your data.",
                    image=str(image) if image else None)
    return QueuedPost(id=n, key=f"articles/sovereign-cloud:{network}:launch-{n}", piece="articles/sovereign-cloud",
                      channel=network, network=network, text=text, link=link,
                      scheduled_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1), lang="en", state="sending",
                      card=card)


@pytest.fixture
def net(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Channel, Double]]:
    """A started double and a channel built the way the registry builds it: credentials from the env."""
    network = request.param
    double = DOUBLES[network]()
    double.stall = 2.5
    double.start()
    for name, value in environment(double).items():
        monkeypatch.setenv(name, value)
    cls = CLASSES[network]
    creds = {n: credential(n) for n in (*cls.credential_names, *cls.optional_names) if credential(n)}
    yield cls(network, channel_spec(network, timeout_seconds=TIMEOUT), creds), double
    double.stop()


def check(expected: str, outcome: Any, channel: Channel, double: Double, post: QueuedPost) -> None:
    before = dt.datetime.now(dt.UTC)
    if expected == "published":
        assert isinstance(outcome, Published), outcome
        assert outcome.remote_id
    elif expected == "rate_limited":
        assert isinstance(outcome, RetryLater) and outcome.rate_limited, outcome
        if channel.network == "linkedin":  # no reset header: daily quotas reset at midnight UTC
            assert outcome.at == (before + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        else:  # the double resets its window in 900 s
            assert abs((outcome.at - before).total_seconds() - 900) < 5, outcome.at
    elif expected == "retry":
        assert isinstance(outcome, RetryLater) and not outcome.rate_limited, outcome
        assert outcome.at > before
    elif expected.startswith("unconfirmed"):
        assert isinstance(outcome, Unconfirmed), outcome
        found = channel.reconcile(post)
        if expected.endswith("+"):
            assert isinstance(found, Published), f"reconcile did not find the post: {found}"
        else:
            assert found is None
    elif expected == "disabled":
        assert isinstance(outcome, Failed) and outcome.disable_channel, outcome
        assert "disabled" in outcome.reason and "set" in outcome.reason
    elif expected == "failed":
        assert isinstance(outcome, Failed) and not outcome.disable_channel, outcome
        assert "duplicate" in outcome.reason
    else:
        raise AssertionError(expected)


@pytest.mark.parametrize("fault", list(TABLE))
@pytest.mark.parametrize("net", NETWORKS, indirect=True)
def test_fault_table(net: tuple[Channel, Double], fault: str) -> None:
    channel, double = net
    post = make_post(channel.network)
    double.fail(fault, on="any" if fault == "expired_token" else "create", times=3 if fault == "expired_token" else 1)
    outcome = channel.send(post)
    check(TABLE[fault][channel.network], outcome, channel, double, post)
    # The fault reached the network's first call that could refuse it (the post itself, a login, a container).
    assert fault in {served for served, _ in double.served}, double.served


@pytest.mark.parametrize("net", NETWORKS, indirect=True)
def test_publish_then_recover_from_a_fault(net: tuple[Channel, Double], tmp_path: Path) -> None:
    """A clean send carries the text, the link and the card; after a 5xx the same post goes through."""
    channel, double = net
    cover = tmp_path / "cover.png"
    cover.write_bytes(PNG)
    first = make_post(channel.network, 1, cover)
    assert isinstance(channel.send(first), Published)
    double.fail("server_error")
    second = make_post(channel.network, 2, cover)
    assert isinstance(channel.send(second), RetryLater)
    assert isinstance(channel.send(second), Published)
    created = double.received("create")
    assert len(created) == 3  # two accepted, one refused by the 5xx


@pytest.mark.parametrize("net", ["x", "linkedin"], indirect=True)
def test_duplicate_of_our_own_earlier_attempt_is_published(net: tuple[Channel, Double]) -> None:
    """The first attempt went through but its answer was lost; the resend is refused as a duplicate."""
    channel, double = net
    post = make_post(channel.network)
    double.fail("drop")
    assert isinstance(channel.send(post), Unconfirmed)
    again = channel.send(post)  # a person chose to resend it
    assert isinstance(again, Published), again
    assert "duplicate" in again.note
    assert len(double.received("create")) == 2


@pytest.mark.parametrize("net", ["mastodon"], indirect=True)
def test_mastodon_resend_with_same_idempotency_key_creates_nothing(net: tuple[Channel, Double]) -> None:
    channel, double = net
    post = make_post("mastodon")
    double.fail("timeout")
    assert isinstance(channel.send(post), Unconfirmed)
    again = channel.send(post)
    assert isinstance(again, Published)
    keys = {r.header("idempotency-key") for r in double.received("create")}
    assert keys == {post.idempotency_key}
    assert len(double.statuses) == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("net", ["bluesky"], indirect=True)
def test_bluesky_logs_in_again_when_the_session_expires(net: tuple[Channel, Double]) -> None:
    channel, double = net
    assert isinstance(channel.send(make_post("bluesky", 1)), Published)
    double.revoke_sessions()  # type: ignore[attr-defined]
    assert isinstance(channel.send(make_post("bluesky", 2)), Published)
    assert double.logins == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize("net", ["x"], indirect=True)
def test_x_reads_public_metrics_when_private_ones_are_refused(net: tuple[Channel, Double]) -> None:
    channel, double = net
    double.private_metrics = False  # type: ignore[attr-defined]
    out = channel.send(make_post("x"))
    assert isinstance(out, Published)
    double.tick(3)
    (snap,) = channel.fetch_metrics([out.remote_id])
    assert snap.likes > 0 and snap.impressions and snap.clicks is None
    assert "non_public_metrics" not in snap.raw


@pytest.mark.parametrize("net", READERS, indirect=True)
def test_metrics_grow_and_are_batched(net: tuple[Channel, Double]) -> None:
    channel, double = net
    ids = []
    for n in range(1, 4):
        out = channel.send(make_post(channel.network, n))
        assert isinstance(out, Published), out
        ids.append(out.remote_id)
    double.tick()
    first = {s.remote_id: s for s in channel.fetch_metrics(ids[: channel.metrics_batch])}
    double.tick(2)
    second = {s.remote_id: s for s in channel.fetch_metrics(ids[: channel.metrics_batch])}
    assert set(first) == set(ids[: channel.metrics_batch]) == set(second)
    for rid in first:
        assert second[rid].likes > first[rid].likes > 0
        assert second[rid].replies >= first[rid].replies
    reads = double.received("read")
    assert len(reads) == 2  # one request per batch, never one per post where the network batches


@pytest.mark.parametrize("fault", ["rate_limit", "expired_token", "truncated", "server_error"])
@pytest.mark.parametrize("net", READERS, indirect=True)
def test_metrics_faults_raise_metrics_unavailable(net: tuple[Channel, Double], fault: str) -> None:
    channel, double = net
    out = channel.send(make_post(channel.network))
    assert isinstance(out, Published)
    double.fail(fault, on="read", times=3)
    with pytest.raises(MetricsUnavailable) as info:
        channel.fetch_metrics([out.remote_id])
    if fault == "rate_limit":
        assert info.value.retry_at and info.value.retry_at > dt.datetime.now(dt.UTC)
    assert info.value.disable_channel == (fault == "expired_token")


@pytest.mark.parametrize("network", NETWORKS)
def test_missing_and_malformed_credentials_are_named(network: str) -> None:
    cls = CLASSES[network]
    with pytest.raises(ChannelError, match=cls.credential_names[0]):
        cls(network, channel_spec(network), {})
    bad = dict.fromkeys(cls.credential_names, "not a url")
    base_urls = [n for n in cls.optional_names if n.endswith("_BASE_URL")]
    if base_urls:
        bad[base_urls[0]] = "not a url"
    if network == "linkedin":
        bad["LINKEDIN_AUTHOR_URN"] = "urn:li:person:1"
    if network != "x" or bad:
        with pytest.raises(ChannelError, match="expected a URL"):
            cls(network, channel_spec(network), bad)


@pytest.mark.parametrize("net", NETWORKS, indirect=True)
def test_no_secret_in_output_logs_or_errors(net: tuple[Channel, Double], caplog: pytest.LogCaptureFixture,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    channel, double = net
    caplog.set_level(logging.DEBUG)
    install_log_masking()
    seen = [repr(channel), str(channel)]
    for fault in ("expired_token", "rate_limit", "server_error", "timeout"):
        double.fail(fault, on="any", times=3 if fault == "expired_token" else 1)
        seen.append(repr(channel.send(make_post(channel.network))))
    try:
        channel.fetch_metrics(["1"])
    except MetricsUnavailable as e:
        seen.append(str(e))
    secrets = [v for v in secret_values() if v in environment(double).values()]
    assert secrets, "the double's credentials must count as secrets"
    out = capsys.readouterr()
    text = "\n".join([*seen, caplog.text, out.out, out.err])
    for secret in secrets:
        assert secret not in text
    root = logging.getLogger()
    for added in [f for f in root.filters if isinstance(f, MaskingFilter)]:
        root.removeFilter(added)


def _http_date(at: dt.datetime) -> str:
    return email.utils.format_datetime(at.astimezone(dt.UTC), usegmt=True)


@pytest.mark.parametrize("said", ["retry-after seconds", "retry-after date", "retry-after and reset",
                                  "reset only", "nothing"])
@pytest.mark.parametrize("net", NETWORKS, indirect=True)
def test_a_429_rests_the_account_as_long_as_the_network_says(net: tuple[Channel, Double], said: str) -> None:
    """Retry-After: 5 once blocked a channel for 15 minutes. Retry-After (seconds or an HTTP-date) wins,
    then the network's reset header (X's x-rate-limit-reset...), and the default only when neither is sent."""
    channel, double = net
    lifts = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=120)).replace(microsecond=0)
    double.retry_after = {"retry-after seconds": "5", "retry-after date": _http_date(lifts),
                          "retry-after and reset": "5"}.get(said)
    double.reset_header = said in ("retry-after and reset", "reset only")
    if channel.network == "webhook" and said == "reset only":
        pytest.skip("a webhook says Retry-After or nothing")
    double.fail("rate_limit")
    before = dt.datetime.now(dt.UTC)
    outcome = channel.send(make_post(channel.network))
    after = dt.datetime.now(dt.UTC)
    assert isinstance(outcome, RetryLater) and outcome.rate_limited, outcome
    if double.retry_after == "5":
        assert before + dt.timedelta(seconds=5) <= outcome.at <= after + dt.timedelta(seconds=5), outcome.at
    elif said == "retry-after date":
        assert outcome.at == lifts
    elif said == "reset only" and channel.network != "linkedin":  # the double resets in 900 s
        assert abs((outcome.at - before).total_seconds() - 900) < 5, outcome.at
    elif channel.network == "linkedin":  # daily quotas: midnight UTC
        assert outcome.at == (before + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    else:
        assert abs((outcome.at - before).total_seconds() - 15 * 60) < 5, outcome.at


@pytest.mark.parametrize("net", READERS, indirect=True)
def test_reconcile_pages_back_past_the_first_page_and_says_what_it_read(net: tuple[Channel, Double]) -> None:
    """A post older than the account's last page (Mastodon: 40 statuses) was never found again, and the
    note said 'the channel cannot look it up' although it looked."""
    channel, double = net
    ours = make_post(channel.network, 1)
    sent = channel.send(ours)
    assert isinstance(sent, Published), sent
    for n in range(2, 113):  # more than a page on every network (X's is 100)
        assert isinstance(channel.send(make_post(channel.network, n)), Published)
    found = channel.reconcile(ours)
    assert isinstance(found, Published) and found.remote_id == sent.remote_id, found
    assert len([r for r in double.requests if r.method == "GET"]) >= 2  # it read more than one page

    never = make_post(channel.network, 999)
    looked = channel.reconcile(never)
    assert isinstance(looked, Unconfirmed) and "not found among the account's 112 posts" in looked.reason, looked
    note = recovery(never.id, looked, dt.datetime.now(dt.UTC), "worker w died mid-send")
    assert "cannot look it up" not in note.detail and "not found" in note.detail

    channel.lookup_pages = 1  # type: ignore[misc]  # the bound: one page, then it says so
    bounded = channel.reconcile(ours)
    assert isinstance(bounded, Unconfirmed) and "the look-up's bound" in bounded.reason, bounded
