"""X (Twitter) through tweepy and API v2: posting, metrics, and the cover with its alt text.

The cover goes up through v2's POST /2/media/upload (base64 in JSON, media_category tweet_image)
and its alt text through POST /2/media/metadata: X deprecated v1.1's media/upload.json in 2025 and
tweepy has no v2 wrapper yet (tweepy issue #2217), so both are called through tweepy's own
Client.request, with its session and OAuth 1.0a user auth.

tweepy hard-codes https://api.twitter.com and sets no timeout, so every request goes through
`RoutedAdapter`, mounted on the library's own requests session: it applies our timeout and,
when X_BASE_URL is set (a self-hosted proxy, a test server), sends the calls there instead.
X has no idempotency key: a duplicate refusal is checked against the account's recent posts.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import requests
import tweepy
from requests.adapters import HTTPAdapter

from publisher.errors import MetricsUnavailable
from publisher.posts.model import Failed, Outcome, Published, QueuedPost, RetryLater, Snapshot, Unconfirmed
from publisher.sending.channels import http
from publisher.sending.channels.lookup import LooksUp, Recent, RemotePost

HOSTS = ("https://api.twitter.com",)
ALT_TEXT_MAX = 1000  # characters X keeps as an image's description
FIELDS_PRIVATE = ["public_metrics", "non_public_metrics", "organic_metrics", "created_at"]
FIELDS_PUBLIC = ["public_metrics", "created_at"]
_DUPLICATE = "duplicate content"
_TOKEN_NAMES = "X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET (and X_API_KEY / X_API_SECRET)"


class RoutedAdapter(HTTPAdapter):
    """A requests adapter with a default timeout that can send X's hosts to another base URL."""

    def __init__(self, timeout: float, base: str | None = None):
        super().__init__(max_retries=0)
        self.timeout = timeout
        self.base = base

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        if self.base and request.url:
            for host in HOSTS:
                if request.url.startswith(host):
                    request.url = self.base + request.url[len(host):]
        return super().send(request, **kwargs)


class XChannel(LooksUp):
    """An X account, with OAuth 1.0a user credentials (needed to post and for private metrics)."""

    network = "x"
    metrics_batch = 100

    def validate_credentials(self) -> None:
        base = self.credentials.get("X_BASE_URL", "")
        self.base = http.base_url(base, "https://api.twitter.com", "X_BASE_URL", self.name) if base else None
        self.timeout = http.timeout_of(self.settings)
        self.private_metrics = True  # cleared when the account's access level refuses them

    def _mount(self, session: requests.Session) -> None:
        adapter = RoutedAdapter(self.timeout, self.base)
        session.mount("https://", adapter)
        session.mount("http://", adapter)

    @cached_property
    def client(self) -> tweepy.Client:
        c = self.credentials
        client = tweepy.Client(consumer_key=c["X_API_KEY"], consumer_secret=c["X_API_SECRET"],
                               access_token=c["X_ACCESS_TOKEN"], access_token_secret=c["X_ACCESS_TOKEN_SECRET"],
                               wait_on_rate_limit=False)  # the dispatcher decides when to wait
        self._mount(client.session)
        return client

    def close(self) -> None:
        """Release the HTTP connections (the dispatcher calls this when it stops)."""
        if "client" in self.__dict__:
            self.client.session.close()

    # Publishing ------------------------------------------------------------------------------------

    def send(self, post: QueuedPost) -> Outcome:
        media_ids: list[str] | None = None
        image = _local_image(post) if getattr(self.settings, "link_card", True) else None
        if image:
            try:
                media_ids = [self._upload(image, post.card.image_alt if post.card else "")]
            except Exception as e:
                outcome = self._failure(e, post, uploading=True)
                if isinstance(outcome, Unconfirmed):  # no post was sent yet: a retry is safe
                    return RetryLater(at=http.utc_now() + http.SERVER_ERROR_RETRY,
                                      reason=f"x: the cover upload did not finish: {http.detail(e)}")
                if not isinstance(outcome, Failed) or outcome.disable_channel:
                    return outcome
                # X refused this image (format, size): the post goes out without it.
        try:
            # a thread's later part answers the part before it (POST /2/tweets reply.in_reply_to_tweet_id)
            response = self.client.create_tweet(text=post.text, media_ids=media_ids, user_auth=True,
                                                in_reply_to_tweet_id=post.reply_to)
        except Exception as e:
            return self._failure(e, post)
        data = response.data or {}
        if not data.get("id"):
            return http.unreadable("x", response)
        return Published(remote_id=str(data["id"]), url=_url(str(data["id"])))

    def _upload(self, image: Path, alt: str) -> str:
        """The cover through v2 (simple upload: a cover is far below the 5 MB image limit), then its alt text."""
        body = {"media": base64.b64encode(image.read_bytes()).decode("ascii"), "media_category": "tweet_image"}
        response = self.client.request("POST", "/2/media/upload", json=body, user_auth=True)
        media_id = str(response.json()["data"]["id"])
        if alt.strip():
            self.client.request("POST", "/2/media/metadata", user_auth=True, json={
                "id": media_id, "metadata": {"alt_text": {"text": alt.strip()[:ALT_TEXT_MAX]}}})
        return media_id

    def _failure(self, e: Exception, post: QueuedPost, uploading: bool = False) -> Outcome:
        if isinstance(e, requests.exceptions.JSONDecodeError | ValueError):
            return http.unreadable("x", e)
        if isinstance(e, tweepy.TooManyRequests):
            return http.rate_limited("x", http.limit_lifts(e.response.headers))
        if isinstance(e, tweepy.Unauthorized):
            return http.token_refused("x", _TOKEN_NAMES, _said(e))
        if isinstance(e, tweepy.Forbidden) and not uploading and _DUPLICATE in _said(e).lower():
            return self._duplicate(post, e)
        if isinstance(e, tweepy.HTTPException):
            return http.for_status("x", e.response.status_code, _said(e))
        return http.for_transport_error("x", e)

    def _duplicate(self, post: QueuedPost, e: tweepy.HTTPException) -> Outcome:
        """X refused the text as a duplicate: published if the account has it since the slot, else failed."""
        try:
            found = self.find(post)
        except Exception as lookup:
            return Unconfirmed(f"x refused the text as a duplicate and the account's recent posts could not "
                               f"be read to check it: {http.detail(lookup)}")
        if found:
            return Published(found.remote_id, found.url, note="x reported a duplicate; the post was found on "
                                                              "the account (an earlier attempt went through)")
        return Failed(reason=f"x refused the text as a duplicate of an older post ({http.detail(_said(e))}); "
                             f"it is not among the account's posts since {post.scheduled_at:%Y-%m-%d %H:%M} UTC")

    # Reading -----------------------------------------------------------------------------------------

    def fetch_metrics(self, remote_ids: Sequence[str]) -> list[Snapshot]:
        ids = list(remote_ids)[: self.metrics_batch]
        if not ids:
            return []
        try:
            response = self._get_tweets(ids)
        except tweepy.TooManyRequests as e:
            at = http.limit_lifts(e.response.headers)
            raise MetricsUnavailable(f"x rate limit reached until {at:%H:%M} UTC", retry_at=at) from None
        except tweepy.Unauthorized as e:
            raise MetricsUnavailable(f"x refused the credentials: {http.detail(_said(e))}",
                                     disable_channel=True) from None
        except Exception as e:
            raise MetricsUnavailable(f"x metrics could not be read: {http.detail(e)}") from None
        now = http.utc_now()
        return [_snapshot(tweet, now) for tweet in response.data or []]

    def _get_tweets(self, ids: list[str]) -> tweepy.Response:
        if self.private_metrics:
            try:
                return self.client.get_tweets(ids, tweet_fields=FIELDS_PRIVATE, user_auth=True)
            except (tweepy.Forbidden, tweepy.BadRequest):
                # The access level (or a post older than 30 days) refuses private metrics: public only.
                self.private_metrics = False
        return self.client.get_tweets(ids, tweet_fields=FIELDS_PUBLIC, user_auth=True)

    @cached_property
    def user_id(self) -> str:
        me = self.client.get_me(user_auth=True)
        return str(me.data["id"])

    def read_failure(self, error: Exception) -> Outcome:
        if isinstance(error, tweepy.TooManyRequests):
            return http.rate_limited("x", http.limit_lifts(error.response.headers))
        if isinstance(error, tweepy.Unauthorized):
            return http.token_refused("x", _TOKEN_NAMES, _said(error))
        return super().read_failure(error)

    def recent_posts(self, since: dt.datetime) -> Recent:
        found: list[RemotePost] = []
        token = None
        for page_number in range(1, self.lookup_pages + 1):
            page = self.client.get_users_tweets(self.user_id, max_results=100, start_time=since,
                                                pagination_token=token, exclude=["retweets"],  # threads are replies
                                                tweet_fields=["created_at", "entities"], user_auth=True)
            for tweet in page.data or []:
                urls = (tweet.get("entities") or {}).get("urls") or []
                links = tuple(u.get("unwound_url") or u.get("expanded_url") or u.get("url") for u in urls)
                found.append(RemotePost(str(tweet["id"]), _url(str(tweet["id"])), tweet["text"],
                                        _created(tweet.get("created_at")), tuple(x for x in links if x)))
            token = (page.meta or {}).get("next_token")
            if not token:
                return Recent(found, True, page_number)
        return Recent(found, False, self.lookup_pages)


def _said(e: Exception) -> str:
    """What X said in an error: its messages, or the body."""
    messages = getattr(e, "api_messages", None) or getattr(e, "api_errors", None)
    if messages:
        return "; ".join(str(m) for m in messages)
    response = getattr(e, "response", None)
    return getattr(response, "text", "") or str(e)


def _url(tweet_id: str) -> str:
    return f"https://x.com/i/web/status/{tweet_id}"


def _local_image(post: QueuedPost) -> Path | None:
    image = post.card.image if post.card else None
    if image and "://" not in image and Path(image).is_file():
        return Path(image)
    return None


def _snapshot(tweet: Any, now: dt.datetime) -> Snapshot:
    public = tweet.get("public_metrics") or {}
    private = tweet.get("non_public_metrics") or {}
    organic = tweet.get("organic_metrics") or {}
    impressions = private.get("impression_count", organic.get("impression_count", public.get("impression_count")))
    raw = {k: tweet[k] for k in ("public_metrics", "non_public_metrics", "organic_metrics") if tweet.get(k)}
    return Snapshot(
        remote_id=str(tweet["id"]), at=now,
        likes=int(public.get("like_count", 0)),
        reposts=int(public.get("repost_count", public.get("retweet_count", 0))),  # renamed in X's newest spec
        replies=int(public.get("reply_count", 0)), quotes=int(public.get("quote_count", 0)),
        impressions=None if impressions is None else int(impressions),
        clicks=private.get("url_link_clicks"), raw=raw,
    )


def _created(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str) and value:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return None
