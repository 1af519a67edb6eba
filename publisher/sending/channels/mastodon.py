"""Mastodon through Mastodon.py: status_post with an Idempotency-Key, status() for engagement.

The Idempotency-Key is derived from the post (QueuedPost.idempotency_key): the server keeps it
for an hour, so a resend after a 5xx or a crash returns the status already created instead of a
duplicate. Timeouts still end unconfirmed, and reconcile() looks the text up. Mastodon.py never sleeps here (ratelimit_method="throw"): the dispatcher waits.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonUnauthorizedError,
)

from publisher.errors import MetricsUnavailable
from publisher.posts.model import Failed, Outcome, Published, QueuedPost, RetryLater, Snapshot, Unconfirmed
from publisher.sending.channels import http
from publisher.sending.channels.lookup import LooksUp, Recent, RemotePost

_TOKEN_NAMES = "MASTODON_ACCESS_TOKEN (with the write:statuses and read:statuses scopes)"
_PAGE = 40  # statuses per page when reading the account back: the API's largest
_HREF = re.compile(r'<a\s[^>]*href="([^"]+)"', re.IGNORECASE)


class MastodonChannel(LooksUp):
    """A Mastodon account on any instance (MASTODON_BASE_URL), with an access token."""

    network = "mastodon"
    metrics_batch = 1

    def validate_credentials(self) -> None:
        self.base = http.base_url(self.credentials["MASTODON_BASE_URL"], "https://mastodon.social",
                                  "MASTODON_BASE_URL", self.name)
        self.timeout = http.timeout_of(self.settings)

    @cached_property
    def client(self) -> Mastodon:
        client = Mastodon(access_token=self.credentials["MASTODON_ACCESS_TOKEN"], api_base_url=self.base,
                          ratelimit_method="throw", request_timeout=self.timeout, version_check_mode="none",
                          user_agent="publisher")
        # Mastodon.py's rate limit error carries no answer: keep each thread's last 429 headers to read
        # its Retry-After (the library only reads X-RateLimit-Reset).
        client.session.hooks["response"].append(self._remember_refusal)
        return client

    @cached_property
    def _refusals(self) -> threading.local:
        return threading.local()

    def _remember_refusal(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if response.status_code == 429:
            self._refusals.headers = dict(response.headers)

    def close(self) -> None:
        if "client" in self.__dict__:
            self.client.session.close()

    def send(self, post: QueuedPost) -> Outcome:
        visibility = getattr(self.settings, "visibility", None) or "public"
        media_ids = None
        image = _cover(post) if getattr(self.settings, "cover_image", False) else None
        if image is not None:
            try:  # the cover with its description (alt text), before the status: a failure posts nothing
                media = self.client.media_post(str(image), description=(post.card.image_alt if post.card else "")
                                               or None)
                media_ids = [media["id"]]
            except Exception as e:
                outcome = self._failure(e)
                if isinstance(outcome, Unconfirmed):  # no status was sent yet: a retry is safe
                    return RetryLater(at=http.utc_now() + http.SERVER_ERROR_RETRY,
                                      reason=f"mastodon: the cover upload did not finish: {http.detail(e)}")
                if not isinstance(outcome, Failed) or outcome.disable_channel:
                    return outcome
                # The instance refused this image (format, size): the status goes out without it.
        try:
            status = self.client.status_post(post.text, visibility=visibility, language=_language(post.lang),
                                             idempotency_key=post.idempotency_key, media_ids=media_ids,
                                             in_reply_to_id=post.reply_to)  # a thread's later part
        except Exception as e:
            return self._failure(e)
        if not status.get("id"):
            return http.unreadable("mastodon", status)
        return Published(remote_id=str(status["id"]), url=status.get("url"))

    def _failure(self, e: Exception) -> Outcome:
        if isinstance(e, MastodonRatelimitError):
            return http.rate_limited("mastodon", self._reset())
        if isinstance(e, MastodonUnauthorizedError):
            return http.token_refused("mastodon", _TOKEN_NAMES, _said(e))
        if isinstance(e, MastodonNetworkError):
            return http.for_transport_error("mastodon", e)
        if isinstance(e, MastodonAPIError):
            status = _status(e)
            if status is None:  # a 2xx whose JSON could not be parsed (truncated answer)
                return http.unreadable("mastodon", e)
            if status == 403:  # a token without the write scope: the whole account is unusable
                return http.token_refused("mastodon", _TOKEN_NAMES, _said(e))
            return http.for_status("mastodon", status, _said(e))
        return http.for_transport_error("mastodon", e)

    def _reset(self) -> dt.datetime:
        headers = dict(getattr(self._refusals, "headers", None) or {})
        self._refusals.headers = None
        reset = getattr(self.client, "ratelimit_reset", None)
        if reset and not any(k.lower() == "x-ratelimit-reset" for k in headers):
            headers["x-ratelimit-reset"] = str(reset)  # the library's reading of an earlier answer
        return http.limit_lifts(headers)

    def fetch_metrics(self, remote_ids: Sequence[str]) -> list[Snapshot]:
        snapshots = []
        now = http.utc_now()
        for remote_id in list(remote_ids)[: self.metrics_batch]:
            try:
                status = self.client.status(remote_id)
            except MastodonNotFoundError:
                continue  # deleted on the instance: no more numbers
            except MastodonRatelimitError:
                at = self._reset()
                raise MetricsUnavailable(f"mastodon rate limit reached until {at:%H:%M} UTC", retry_at=at) from None
            except MastodonUnauthorizedError as e:
                raise MetricsUnavailable(f"mastodon refused the token: {_said(e)}", disable_channel=True) from None
            except Exception as e:
                raise MetricsUnavailable(f"mastodon metrics could not be read: {http.detail(e)}") from None
            snapshots.append(_snapshot(status, now))
        return snapshots

    @cached_property
    def account_id(self) -> str:
        return str(self.client.account_verify_credentials()["id"])

    def read_failure(self, error: Exception) -> Outcome:
        outcome = self._failure(error)
        return outcome if not isinstance(outcome, Unconfirmed) else super().read_failure(error)

    def recent_posts(self, since: dt.datetime) -> Recent:
        found: list[RemotePost] = []
        max_id = None
        for page_number in range(1, self.lookup_pages + 1):
            page = self.client.account_statuses(self.account_id, exclude_replies=True, exclude_reblogs=True,
                                                limit=_PAGE, max_id=max_id)
            if not page:
                return Recent(found, True, page_number)
            for status in page:
                created = _created(status.get("created_at"))
                if created is not None and created < since:
                    return Recent(found, True, page_number)
                content = status.get("content") or ""
                card = status.get("card") or {}
                links = tuple(dict.fromkeys([*(html.unescape(h) for h in _HREF.findall(content)),
                                             *([card["url"]] if card.get("url") else [])]))
                found.append(RemotePost(str(status["id"]), status.get("url"), content, created, links))
            max_id = page[-1]["id"]
        return Recent(found, False, self.lookup_pages)


def _language(lang: str) -> str | None:
    """Mastodon wants ISO 639-1: fr-CA -> fr."""
    code = (lang or "").split("-")[0].lower()
    return code if len(code) == 2 else None


def _status(e: MastodonAPIError) -> int | None:
    status = e.args[1] if len(e.args) > 1 else None
    return status if isinstance(status, int) else None


def _said(e: Exception) -> str:
    args = [a for a in getattr(e, "args", ()) if a not in (None, "Mastodon API returned error")]
    return http.detail(" ".join(str(a) for a in args) or e)


def _snapshot(status: Any, now: dt.datetime) -> Snapshot:
    counts = {k: int(status.get(k) or 0) for k in ("favourites_count", "reblogs_count", "replies_count",
                                                   "quotes_count")}
    return Snapshot(remote_id=str(status["id"]), at=now, likes=counts["favourites_count"],
                    reposts=counts["reblogs_count"], replies=counts["replies_count"],
                    quotes=counts["quotes_count"], raw=counts)


def _cover(post: QueuedPost) -> Path | None:
    image = post.card.image if post.card else None
    if image and "://" not in image and Path(image).is_file():
        return Path(image)
    return None


def _created(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None
