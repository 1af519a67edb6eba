"""Secrets never leave in any form: not whole, not as a URL's path segment or query value, not
percent-encoded. Every network's double echoes the whole request (path, query, headers, body) in its
error answers, and nothing of a credential may reach the output, the logs or any table of the store."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from urllib.parse import quote, quote_plus

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from conftest import ProjectDir
from doubles import DOUBLES, Double, environment

from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.errors import ChannelError, StoreError
from publisher.posts.model import Failed, RetryLater, Unconfirmed
from publisher.secrets import mask, secret_parts, secret_values
from publisher.store import open_store

HOOK = "http://hooks.chat.example/hooks/T000/B000/SECRET"


@pytest.fixture(autouse=True)
def _forget_secrets() -> Iterator[None]:
    """credential() remembers every secret it read for the life of the process: this file's made-up ones
    ('SECRET', 'T000') must not mask words in the tests that run after it."""
    from publisher import secrets

    before = set(secrets._extra)
    yield
    secrets._extra.intersection_update(before)


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WEBHOOK_URL", HOOK + "?token=a%2Fb+c%C3%A9&channel=news")
    return HOOK


@pytest.mark.parametrize("text", [
    "404 no route POST /hooks/T000/B000/SECRET",
    "not found: %2Fhooks%2FT000%2FB000%2FSECRET",
    "not found: %2fhooks%2fT000%2fB000%2f%53%45CRET",  # lowercase hex, escaped letters
    "twice: %252Fhooks%252FT000%252FB000%252FSECRET",
    "as JSON: {\"path\": \"\\/hooks\\/T000\\/B000\\/SECRET\"}",
    "the query: token=a%2Fb+c%C3%A9 and decoded a/b cé",
    "the whole URL: http://hooks.chat.example/hooks/T000/B000/SECRET?token=a%2Fb+c%C3%A9&channel=news",
])
def test_every_form_of_a_secret_url_is_masked(hook: str, text: str) -> None:
    shown = mask(text)
    for leak in ("SECRET", "%53%45CRET", "T000", "B000", "a%2Fb", "a/b", "cé", "c%C3%A9"):
        assert leak not in shown, shown
    assert "****" in shown


def test_what_is_not_secret_in_a_secret_url_stays(hook: str) -> None:
    assert mask("POST /hooks/ to hooks.chat.example failed") == "POST /hooks/ to hooks.chat.example failed"
    assert mask("channel=news") == "channel=news"  # a plain word is not a secret
    assert set(secret_parts(HOOK)) == {HOOK, "SECRET", "T000", "B000"}


def test_outcomes_and_errors_mask_themselves(hook: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one place: a network's words become an outcome's reason or a domain error's message."""
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "tok/with+plus=and slash")
    echoed = f"404 {quote('/hooks/T000/B000/SECRET', safe='')} {quote_plus('tok/with+plus=and slash')}"
    for made in (Failed(echoed), RetryLater(dt.datetime.now(dt.UTC), echoed), Unconfirmed(echoed)):
        assert "SECRET" not in made.reason and "tok%2F" not in made.reason and "****" in made.reason
    for error in (ChannelError(echoed), StoreError(echoed)):
        assert "SECRET" not in str(error) and "tok%2F" not in str(error)


def forms(secret: str) -> set[str]:
    """How a secret (or one of its parts) could leak: plain, URL-encoded, as a query value."""
    out = set()
    for part in secret_parts(secret):
        out |= {part, quote(part, safe=""), quote(part, safe="/"), quote_plus(part)}
    return {f for f in out if len(f) >= 4}


@pytest.fixture
def echoing(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Double]]:
    """Every network's double, echoing requests in its errors; a second webhook that is not found."""
    started = {name: cls().start() for name, cls in DOUBLES.items()}
    for double in started.values():
        double.echo = True
        for name, value in environment(double).items():
            monkeypatch.setenv(name, value)
    # The reproduction: a webhook whose server answers 404 with the request path in the page.
    monkeypatch.setenv("LOST_WEBHOOK_URL", started["webhook"].url + "/hooks/T000/B000/SECRET?sig=Zm9vYmFy%2Bc2VjcmV0")
    yield started
    for double in started.values():
        double.stop()


def test_no_secret_reaches_output_logs_or_store_when_every_network_echoes_requests(
        sample_project: ProjectDir, echoing: dict[str, Double], caplog: pytest.LogCaptureFixture) -> None:
    config = sample_project.config_file
    text = config.read_text(encoding="utf-8")
    assert text.count("      channels:\n") == 1, "the sample's mkdocs.yml declares its channels"
    config.write_text(text.replace("      channels:\n", "      channels:\n        webhook: {}\n"
                                   "        lost: {network: webhook, env_prefix: LOST_}\n"), encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    # Refusals that carry the echo: a duplicate, a server error, a rate limit, then an expired token.
    for network, double in echoing.items():
        for fault in ("duplicate" if network in ("x", "linkedin") else "server_error", "server_error",
                      "rate_limit"):
            double.fail(fault)
    echoing["mastodon"].fail("expired_token", on="any", times=5)
    runner = CliRunner()
    base = ["-f", str(config)]
    for args in (["plan", "--now", "2026-11-19T07:00"], ["approve", "--all"], ["run", "--now", "2026-11-21T00:00"],
                 ["run", "--now", "2026-11-22T00:00"], ["status"], ["queue", "--state", "failed"],
                 ["queue", "--state", "approved"], ["doctor"]):
        result = runner.invoke(cli, [*base, *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        caplog.handler.stream.write(result.output)  # one text to search
    used = {spec.network or name for name, spec in load_settings(config).plugin.channels.items()}
    served = {name: [f for f, _ in d.served] for name, d in echoing.items() if name in used}
    assert all(served.values()), served
    assert any("/hooks/T000/B000/SECRET" in said for said in echoing["webhook"].echoed), \
        "the lost webhook's 404 page echoed its secret path"

    settings = load_settings(config)
    store = open_store(settings.store_url)
    stored = []
    with store.reading() as conn:
        for table in sa.inspect(conn).get_table_names():
            stored.extend(str(tuple(row)) for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')))
    store.close()
    assert any("****" in row for row in stored), "the refusals were stored, masked"
    everything = "\n".join([caplog.text, *stored])
    secrets = [v for v in secret_values() if v in {**environment(echoing["x"]), **environment(echoing["mastodon"]),
                                                   **environment(echoing["bluesky"]),
                                                   **environment(echoing["linkedin"]),
                                                   **environment(echoing["webhook"])}.values()
               or v.startswith(echoing["webhook"].url + "/hooks/")]
    assert len(secrets) >= 9
    for secret in secrets:
        for form in forms(secret):
            assert form not in everything, f"{form!r} (a form of a secret) leaked"
