"""What the network adapters share: timeouts, base URLs, and one truthful mapping to an Outcome.

    answer from the network                      outcome
    ───────────────────────────────────────────  ─────────────────────────────────────────────
    2xx with a readable id                       Published
    2xx whose body cannot be read (truncated)    Unconfirmed (the post exists; reconcile finds it)
    429                                          RetryLater(at=Retry-After or reset, rate_limited=True)
    401, expired or revoked token                Failed(disable_channel=True)
    500, 503 (the server says it failed)         RetryLater (nothing was created)
    502, 504 (a gateway lost the answer)         Unconfirmed (the post may exist)
    connection refused / connect timeout         RetryLater (nothing left this machine)
    read timeout / connection dropped            Unconfirmed (the post may exist)
    other 4xx                                    Failed (the post itself is refused)

Unconfirmed posts are never resent blindly: the channel's reconcile() looks them up by text.
(Mastodon's Idempotency-Key also makes any resend within the hour return the first status.)
Every reason is masked by the outcome that carries it (publisher.posts.model): a secret never
reaches a message, a log or the store.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from collections.abc import Iterator, Mapping

import httpx
import requests
import urllib3

from publisher.errors import ChannelError
from publisher.posts.model import Failed, Outcome, RetryLater, Unconfirmed

DEFAULT_TIMEOUT = 20.0
"""Seconds for one HTTP call when the channel's settings do not say (never wait forever)."""
RATE_LIMIT_FALLBACK = dt.timedelta(minutes=15)
"""When a 429 names no reset time: X and Mastodon windows are 15 and 5 minutes."""
SERVER_ERROR_RETRY = dt.timedelta(minutes=2)
"""First retry after a 5xx; the dispatcher backs off further on repeated failures."""
RECONCILE_SLACK = dt.timedelta(minutes=10)
"""A post found by text counts as ours only if created after its slot minus this (clock skew)."""

_DETAIL_MAX = 300
_URL = re.compile(r"https?://\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"</p>|<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def base_url(value: str, default: str, name: str, channel: str) -> str:
    """A validated base URL (no trailing slash); raises ChannelError naming the variable."""
    url = (value or default).rstrip("/")
    if not re.match(r"https?://[^/\s]+", url):
        raise ChannelError(f"channel {channel!r}: {name}: expected a URL such as {default}, got {url!r}")
    return url


def timeout_of(settings: object) -> float:
    """The channel's HTTP timeout in seconds (settings.timeout_seconds, else DEFAULT_TIMEOUT)."""
    value = getattr(settings, "timeout_seconds", None)
    return float(value) if value else DEFAULT_TIMEOUT


def detail(text: object) -> str:
    """A short, one-line excerpt of what a network answered, for a reason (the outcome masks it)."""
    flat = _SPACE.sub(" ", str(text or "")).strip()
    if len(flat) > _DETAIL_MAX:
        flat = flat[:_DETAIL_MAX] + "..."
    return flat


_RESET_HEADERS = ("x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset")
"""X's (epoch), Bluesky's (epoch; seconds from now in the IETF draft), Mastodon's (an ISO date)."""


def limit_lifts(headers: Mapping[str, str] | None, now: dt.datetime | None = None,
                fallback: dt.timedelta = RATE_LIMIT_FALLBACK) -> dt.datetime:
    """When a 429 lifts, from the answer's headers: Retry-After first (seconds or an HTTP-date: the
    server's word for this very request), then the network's reset header; ``fallback`` only when the
    answer gives no usable time (a time already past is not one)."""
    now = now or utc_now()
    found = {str(k).lower(): str(v).strip() for k, v in (headers or {}).items()}
    for at in (_retry_after(found.get("retry-after", ""), now),
               *(_reset_header(found.get(name, ""), now) for name in _RESET_HEADERS)):
        if at is not None and at > now:
            return at
    return now + fallback


def _retry_after(text: str, now: dt.datetime) -> dt.datetime | None:
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            return email.utils.parsedate_to_datetime(text).astimezone(dt.UTC)
        except (TypeError, ValueError, IndexError):
            return None
    return now + dt.timedelta(seconds=seconds) if 0 <= seconds < 86_400 * 7 else None


def _reset_header(text: str, now: dt.datetime) -> dt.datetime | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    if number < 1_000_000_000:  # the IETF draft's RateLimit-Reset: seconds from now
        return now + dt.timedelta(seconds=number)
    return dt.datetime.fromtimestamp(number, dt.UTC)


def rate_limited(network: str, at: dt.datetime) -> RetryLater:
    return RetryLater(at=at, reason=f"{network} rate limit reached; the account rests until {at:%Y-%m-%d %H:%M} UTC",
                      rate_limited=True)


def token_refused(network: str, names: str, answer: object) -> Failed:
    return Failed(reason=f"{network} refused the credentials ({detail(answer)}); create a new token and set "
                         f"{names}. The channel is disabled and its posts are kept.",
                  disable_channel=True)


def for_status(network: str, status: int, answer: object, now: dt.datetime | None = None) -> Outcome:
    """The outcome of a non-2xx answer that is neither a rate limit nor an auth problem."""
    now = now or utc_now()
    said = detail(answer)
    if status in (502, 504):
        return Unconfirmed(f"{network} answered {status} from a gateway: the post may or may not exist ({said})")
    if status >= 500:
        return RetryLater(at=now + SERVER_ERROR_RETRY, reason=f"{network} server error {status}: {said}")
    return Failed(reason=f"{network} refused the post ({status}): {said}")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        if isinstance(current, requests.exceptions.ConnectionError) and current.args:
            inner = getattr(current.args[0], "reason", None)
            if isinstance(inner, BaseException):
                yield inner
        current = current.__cause__ or current.__context__


def nothing_sent(exc: BaseException) -> bool:
    """True when a transport error proves the request never reached the network."""
    for err in _chain(exc):
        if isinstance(err, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
                      | requests.exceptions.ConnectTimeout | urllib3.exceptions.NewConnectionError
                      | urllib3.exceptions.ConnectTimeoutError | ConnectionRefusedError):
            return True
    return False


def for_transport_error(network: str, exc: BaseException, now: dt.datetime | None = None,
                        sent: bool = True) -> Outcome:
    """A timeout or a broken connection: retry if nothing left this machine, else unconfirmed.

    ``sent=False`` when the failing call was a preliminary one (login, upload): no post can exist.
    """
    now = now or utc_now()
    said = detail(f"{type(exc).__name__}: {exc}")
    if not sent or nothing_sent(exc):
        return RetryLater(at=now + SERVER_ERROR_RETRY, reason=f"{network} could not be reached: {said}")
    return Unconfirmed(f"{network} did not answer after the post was sent (timeout or dropped connection); "
                       f"it may exist: {said}")


def unreadable(network: str, what: object) -> Unconfirmed:
    return Unconfirmed(f"{network} accepted the request but its answer could not be read ({detail(what)}); "
                       f"the post probably exists")


def comparable(text: str) -> str:
    """A text as networks give it back: HTML and entities removed, links dropped, spacing and case folded.

    X returns t.co links and &amp;, Mastodon returns HTML with split links; comparing without
    links and markup finds the same post on every network.
    """
    plain = html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))
    return _SPACE.sub(" ", _URL.sub(" ", plain)).strip().casefold()


def same_text(remote: str, ours: str) -> bool:
    a, b = comparable(remote), comparable(ours)
    return bool(a) and a == b


__all__ = ["DEFAULT_TIMEOUT", "RECONCILE_SLACK", "SERVER_ERROR_RETRY", "base_url", "comparable", "detail", "for_status",
           "for_transport_error", "limit_lifts", "nothing_sent", "rate_limited", "same_text", "timeout_of",
           "token_refused", "unreadable", "utc_now"]
