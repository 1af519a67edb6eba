"""Threads through Meta's Threads API with httpx: a media container, then its publication.

    POST /{user-id}/threads           media_type TEXT (with link_attachment) or IMAGE (image_url, alt_text),
                                      text, topic_tag -> {"id": container}
    GET  /{container-id}?fields=status  an image container is published once FINISHED
    POST /{user-id}/threads_publish   creation_id -> {"id": post}: only this call makes a post

So a container step that fails or times out leaves nothing on Threads (retry); only an unknown
answer to threads_publish makes a post unconfirmed, and reconcile() finds it among the profile's
recent threads by its text. A cover at a public URL is sent as an image post with its alt text;
otherwise the post carries the link as a link attachment and Threads builds the preview from the
page's meta tags. Errors come as Graph API errors: code 190 is an expired or revoked token, codes
4, 17, 32 and 613 (or a 429) are rate limits. Threads has no deletion and no idempotency key.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import httpx

from publisher.errors import ChannelError, MetricsUnavailable
from publisher.networks import network as descriptor
from publisher.posts.model import Failed, Outcome, Published, QueuedPost, RetryLater, Snapshot
from publisher.sending.channels import http
from publisher.sending.channels.lookup import LooksUp, Recent, RemotePost

API_VERSION = "v1.0"
METRICS = ("views", "likes", "replies", "reposts", "quotes", "shares")
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613})
TOKEN_CODE = 190
MAX_LINKS = 5
_RECENT = 100  # threads per page when reading the profile back
_LINK = re.compile(r"https?://\S+")
_READY_POLLS = 5
_TAG = re.compile(r"(?<!\S)#([^\s#.&]{1,50})")
_LINK = re.compile(r"https?://\S+")


class ThreadsChannel(LooksUp):
    """One Threads profile (THREADS_USER_ID) with a long-lived access token."""

    network = "threads"
    metrics_batch = 1  # insights are read one post at a time

    def validate_credentials(self) -> None:
        self.base = http.base_url(self.credentials.get("THREADS_BASE_URL", ""), "https://graph.threads.net",
                                  "THREADS_BASE_URL", self.name)
        user = self.credentials["THREADS_USER_ID"].strip()
        if not user.isdigit():
            raise ChannelError(f"channel {self.name!r}: THREADS_USER_ID: expected the numeric id of the Threads "
                               f"profile (GET /me?fields=id), got {user!r}")
        self.user = user
        self.timeout = http.timeout_of(self.settings)

    @cached_property
    def client(self) -> httpx.Client:
        return httpx.Client(base_url=f"{self.base}/{API_VERSION}", timeout=self.timeout,
                            headers={"Authorization": f"Bearer {self.credentials['THREADS_ACCESS_TOKEN']}"})

    def close(self) -> None:
        if "client" in self.__dict__:
            self.client.close()

    # Publishing ------------------------------------------------------------------------------------

    def send(self, post: QueuedPost) -> Outcome:
        links = set(_LINK.findall(post.text)) | ({post.link} if post.link else set())
        if len(links) > MAX_LINKS:
            return Failed(reason=f"threads takes at most {MAX_LINKS} links a post; this one has {len(links)}")
        try:
            response = self.client.post(f"/{self.user}/threads", data=self._container(post))
        except Exception as e:  # no container, or one nobody will publish: no post exists
            return http.for_transport_error("threads", e, sent=False)
        if response.status_code != 200:
            return self._refusal(response, sent=False)
        try:
            container = str(response.json()["id"])
        except (ValueError, KeyError, TypeError) as e:
            return RetryLater(at=http.utc_now() + http.SERVER_ERROR_RETRY,
                              reason=f"threads made a container but its id could not be read ({http.detail(e)}); "
                                     f"nothing was published")
        if "image_url" in self._container(post):
            waiting = self._wait_ready(container)
            if waiting is not None:
                return waiting
        try:
            response = self.client.post(f"/{self.user}/threads_publish", data={"creation_id": container})
        except Exception as e:
            return http.for_transport_error("threads", e, sent=True)
        if response.status_code != 200:
            return self._refusal(response, sent=True)
        try:
            remote_id = str(response.json()["id"])
        except (ValueError, KeyError, TypeError) as e:
            return http.unreadable("threads", e)
        return Published(remote_id=remote_id, url=self._permalink(remote_id))

    def _container(self, post: QueuedPost) -> dict[str, str]:
        fields = {"text": post.text}
        tag = _TAG.search(post.text)
        if tag:
            fields["topic_tag"] = tag.group(1)  # one topic tag a post: the first hashtag
        card = post.card
        image = card.image if card and getattr(self.settings, "link_card", True) else None
        if image and image.startswith("https://"):  # Threads fetches the image: it must be public
            fields.update(media_type="IMAGE", image_url=image)
            if card and card.image_alt:
                fields["alt_text"] = card.image_alt
        else:
            fields["media_type"] = "TEXT"
            if post.link:
                fields["link_attachment"] = post.link
        if post.reply_to:  # a thread's later part: a reply to the part before it (POST /{user}/threads reply_to_id)
            fields["reply_to_id"] = post.reply_to
        return fields

    def _wait_ready(self, container: str) -> Outcome | None:
        """An image container is published once Threads has fetched the image (FINISHED)."""
        for attempt in range(_READY_POLLS):
            try:
                response = self.client.get(f"/{container}", params={"fields": "status,error_message"})
                body = response.json() if response.status_code == 200 else None
            except Exception as e:
                return http.for_transport_error("threads", e, sent=False)
            if body is None:
                return self._refusal(response, sent=False)
            status = str(body.get("status", ""))
            if status == "FINISHED":
                return None
            if status in ("ERROR", "EXPIRED"):
                return Failed(reason=f"threads could not use the image ({http.detail(body.get('error_message') or status)})")
            time.sleep(min(1.0 * (attempt + 1), self.timeout))
        return RetryLater(at=http.utc_now() + http.SERVER_ERROR_RETRY,
                          reason="threads is still processing the image; nothing was published")

    def _refusal(self, response: httpx.Response, sent: bool) -> Outcome:
        status, code, said = response.status_code, _code(response), _said(response)
        if status == 429 or code in RATE_LIMIT_CODES:
            return http.rate_limited("threads", http.limit_lifts(response.headers))
        if status == 401 or code == TOKEN_CODE:
            return http.token_refused("threads", descriptor(self.network).renew, said)
        if status >= 500 and not sent:
            return RetryLater(at=http.utc_now() + http.SERVER_ERROR_RETRY,
                              reason=f"threads server error {status} before publishing: {said}")
        return http.for_status("threads", status, said)

    def _permalink(self, remote_id: str) -> str:
        try:
            response = self.client.get(f"/{remote_id}", params={"fields": "permalink"})
            return str(response.json().get("permalink") or "") if response.status_code == 200 else ""
        except Exception:
            return ""  # the post exists; only its address is unknown

    # Reading -----------------------------------------------------------------------------------------

    def fetch_metrics(self, remote_ids: Sequence[str]) -> list[Snapshot]:
        out = []
        for remote_id in list(remote_ids)[: self.metrics_batch]:
            try:
                response = self.client.get(f"/{remote_id}/insights", params={"metric": ",".join(METRICS)})
            except Exception as e:
                raise MetricsUnavailable(f"threads insights could not be read: {http.detail(e)}") from None
            if response.status_code != 200:
                code = _code(response)
                if response.status_code == 429 or code in RATE_LIMIT_CODES:
                    at = http.limit_lifts(response.headers)
                    raise MetricsUnavailable(f"threads rate limit reached until {at:%H:%M} UTC", retry_at=at)
                if response.status_code == 401 or code == TOKEN_CODE:
                    raise MetricsUnavailable(f"threads refused the token ({_said(response)}); renew "
                                             f"{descriptor(self.network).renew}", disable_channel=True)
                raise MetricsUnavailable(f"threads insights: {response.status_code} {_said(response)}")
            try:
                values = {item["name"]: _value(item) for item in response.json()["data"]}
            except (ValueError, KeyError, TypeError) as e:
                raise MetricsUnavailable(f"threads insights answer could not be read: {http.detail(e)}") from None
            out.append(Snapshot(remote_id=remote_id, at=http.utc_now(), likes=values.get("likes", 0),
                                reposts=values.get("reposts", 0), replies=values.get("replies", 0),
                                quotes=values.get("quotes", 0), impressions=values.get("views"), clicks=None,
                                raw=values))
        return out

    def read_failure(self, error: Exception) -> Outcome:
        if isinstance(error, httpx.HTTPStatusError):
            return self._refusal(error.response, sent=False)
        return super().read_failure(error)

    def recent_posts(self, since: dt.datetime) -> Recent:
        """The profile's threads, newest first, page after page (Graph API cursors) back to ``since``."""
        found: list[RemotePost] = []
        after = ""
        for page_number in range(1, self.lookup_pages + 1):
            params = {"fields": "id,text,timestamp,permalink", "limit": str(_RECENT)}
            if after:
                params["after"] = after
            response = self.client.get(f"/{self.user}/threads", params=params)
            response.raise_for_status()
            body = response.json()
            for item in body.get("data", []):
                created = _instant(item.get("timestamp", ""))
                if created is not None and created < since:
                    return Recent(found, True, page_number)
                text = str(item.get("text") or "")
                found.append(RemotePost(str(item["id"]), str(item.get("permalink") or "") or None, text, created,
                                        tuple(_LINK.findall(text))))
            paging = body.get("paging") or {}
            after = str((paging.get("cursors") or {}).get("after") or "")
            if not paging.get("next") or not after:
                return Recent(found, True, page_number)
        return Recent(found, False, self.lookup_pages)


def _error(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _code(response: httpx.Response) -> int | None:
    code = _error(response).get("code")
    return code if isinstance(code, int) else None


def _said(response: httpx.Response) -> str:
    error = _error(response)
    if error:
        return http.detail(" ".join(str(error[k]) for k in ("type", "code", "message") if error.get(k) is not None))
    return http.detail(response.text or response.reason_phrase)


def _value(item: dict[str, Any]) -> int:
    values = item.get("values") or []
    if values:
        return int(values[0].get("value", 0))
    return int((item.get("total_value") or {}).get("value", 0))


def _instant(text: str) -> dt.datetime | None:
    """Threads writes 2026-03-02T09:10:00+0000."""
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None
