"""LinkedIn through its REST Posts API, with httpx: an article share with the planned commentary.

The text arrives escaped as LinkedIn's "little text" (the renderer and every hand edit escape it);
it is escaped once more on the way out with the idempotent `edits.little_text`, so a text stored
raw by an older version or a script is not cut by LinkedIn at its first parenthesis either.

LinkedIn does not scrape links, so the share carries the article itself (source, title,
description, and the cover uploaded through the Images API as its thumbnail). The new post's URN
comes only in the x-restli-id header. Engagement exists only for organisation pages
(organizationalEntityShareStatistics); a personal author gets no numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from publisher.errors import ChannelError, MetricsUnavailable
from publisher.posts.model import Failed, Outcome, Published, QueuedPost, Snapshot, Unconfirmed
from publisher.sending.channels import http
from publisher.sending.channels.lookup import LooksUp, Recent, RemotePost
from publisher.social.edits import little_text

_TOKEN_NAMES = "LINKEDIN_ACCESS_TOKEN (tokens last 60 days; w_member_social or w_organization_social scope)"
_PAGE = 50  # posts per page when reading the author's posts back


class LinkedInChannel(LooksUp):
    """A LinkedIn member or organisation (LINKEDIN_AUTHOR_URN), with an OAuth access token."""

    network = "linkedin"
    metrics_batch = 20

    def validate_credentials(self) -> None:
        author = self.credentials["LINKEDIN_AUTHOR_URN"]
        if not author.startswith(("urn:li:person:", "urn:li:organization:")):
            raise ChannelError(f"channel {self.name!r}: LINKEDIN_AUTHOR_URN: expected urn:li:person:... or "
                               f"urn:li:organization:..., got {author!r}")
        self.author = author
        self.base = http.base_url(self.credentials.get("LINKEDIN_BASE_URL", ""), "https://api.linkedin.com",
                                  "LINKEDIN_BASE_URL", self.name)
        self.timeout = http.timeout_of(self.settings)
        self.version = str(getattr(self.settings, "api_version", "") or "202511")

    @cached_property
    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=self.timeout, headers={
            "Authorization": f"Bearer {self.credentials['LINKEDIN_ACCESS_TOKEN']}",
            "LinkedIn-Version": self.version,
            "X-Restli-Protocol-Version": "2.0.0",
        })

    def close(self) -> None:
        if "client" in self.__dict__:
            self.client.close()

    # Publishing ------------------------------------------------------------------------------------

    def send(self, post: QueuedPost) -> Outcome:
        if post.reply_to:
            return self._comment(post)
        body: dict[str, Any] = {
            "author": self.author,
            "commentary": little_text(post.text),  # a no-op on text escaped when it was written
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if post.card and getattr(self.settings, "link_card", True):
            try:
                thumbnail = self._upload_cover(post)
            except httpx.HTTPStatusError as e:
                if e.response.status_code in (401, 426, 429) or e.response.status_code >= 500:
                    return self._failure(e, sent=False)
                thumbnail = None  # LinkedIn refused this image: share the article without it
            except Exception as e:  # nothing was posted yet: retry later
                return self._failure(e, sent=False)
            article = {"source": post.link or post.card.url, "title": post.card.title}
            if post.card.description:
                article["description"] = post.card.description
            if thumbnail:
                article["thumbnail"] = thumbnail
            body["content"] = {"article": article}
        try:
            response = self.client.post("/rest/posts", json=body)
        except Exception as e:
            return self._failure(e, sent=True)
        if response.status_code in (200, 201):
            urn = response.headers.get("x-restli-id", "")
            if not urn:
                return http.unreadable("linkedin", "no x-restli-id header in the answer")
            return Published(remote_id=urn, url=f"https://www.linkedin.com/feed/update/{urn}/")
        return self._refusal(response, post)

    def _comment(self, post: QueuedPost) -> Outcome:
        """The first comment of a share (its thread's second part: the link, moved out of the post).

        Comments API (learn.microsoft.com/linkedin/marketing/community-management/shares/comments-api):
        POST /rest/socialActions/{share URN, URL-encoded}/comments with ``actor`` (who comments: the
        author), ``object`` (the share) and ``message.text``; 201, the comment's URN in x-restli-id (and
        its body's ``$URN``)."""
        share = post.reply_to or ""
        body = {"actor": self.author, "object": share, "message": {"text": post.text}}
        try:
            response = self.client.post(f"/rest/socialActions/{quote(share, safe='')}/comments", json=body)
        except Exception as e:
            return self._failure(e, sent=True)
        if response.status_code in (200, 201):
            urn = response.headers.get("x-restli-id", "")
            if not urn:
                try:
                    urn = str(response.json().get("$URN") or "")
                except ValueError:
                    urn = ""
            if not urn:
                return http.unreadable("linkedin", "no comment URN in the answer")
            return Published(remote_id=urn, url=f"https://www.linkedin.com/feed/update/{share}/")
        return self._refusal(response, None)

    def comments(self, share: str) -> list[RemotePost]:
        """The comments on one of the author's shares (GET /rest/socialActions/{urn}/comments)."""
        response = self.client.get(f"/rest/socialActions/{quote(share, safe='')}/comments", params={"count": 100})
        response.raise_for_status()
        found = []
        for element in response.json().get("elements", []):
            if element.get("actor") != self.author:
                continue
            created = (element.get("created") or {}).get("time")
            urn = str(element.get("$URN") or element.get("commentUrn") or element.get("id"))
            text = str((element.get("message") or {}).get("text", ""))
            found.append(RemotePost(urn, f"https://www.linkedin.com/feed/update/{share}/", text,
                                    dt.datetime.fromtimestamp(created / 1000, dt.UTC) if created else None))
        return found

    def _look(self, post: QueuedPost) -> tuple[Published | None, Recent]:
        if not post.reply_to:
            return super()._look(post)
        comments = self.comments(post.reply_to)  # a first comment is looked up on its share
        for remote in comments:
            if http.same_text(remote.text, post.text):
                return Published(remote.remote_id, remote.url), Recent(comments, True, 1)
        return None, Recent(comments, True, 1)

    def _upload_cover(self, post: QueuedPost) -> str | None:
        image = post.card.image if post.card else None
        if not image or "://" in image or not Path(image).is_file():
            return None
        start = self.client.post("/rest/images", params={"action": "initializeUpload"},
                                 json={"initializeUploadRequest": {"owner": self.author}})
        start.raise_for_status()
        value = start.json()["value"]
        self.client.put(value["uploadUrl"], content=Path(image).read_bytes()).raise_for_status()
        return str(value["image"])

    def _failure(self, e: Exception, sent: bool) -> Outcome:
        if isinstance(e, httpx.HTTPStatusError):
            return self._refusal(e.response, None, sent=sent)
        if isinstance(e, httpx.TransportError) or not sent:
            return http.for_transport_error("linkedin", e, sent=sent)
        return http.unreadable("linkedin", e)

    def _refusal(self, response: httpx.Response, post: QueuedPost | None, sent: bool = True) -> Outcome:
        status, said = response.status_code, _said(response)
        if status == 429:
            return http.rate_limited("linkedin", _reset(response))
        if status == 401:
            return http.token_refused("linkedin", _TOKEN_NAMES, said)
        if status == 426:
            return Failed(reason=f"linkedin no longer serves LinkedIn-Version {self.version} ({said}); set a "
                                 f"recent api_version (YYYYMM) in channels.{self.name}", disable_channel=True)
        if status == 422 and post is not None and "duplicate" in said.lower():
            return self._duplicate(post, said)
        if status >= 500 and not sent:
            return http.for_transport_error("linkedin", RuntimeError(said), sent=False)
        return http.for_status("linkedin", status, said)

    def _duplicate(self, post: QueuedPost, said: str) -> Outcome:
        try:
            found = self.find(post)
        except Exception as e:
            return Unconfirmed(f"linkedin refused the text as a duplicate and the author's posts could not be "
                               f"read to check it: {http.detail(e)}")
        if found:
            return Published(found.remote_id, found.url, note="linkedin reported a duplicate; the post was found")
        return Failed(reason=f"linkedin refused the text as a duplicate of an older post ({said})")

    # Reading -----------------------------------------------------------------------------------------

    def fetch_metrics(self, remote_ids: Sequence[str]) -> list[Snapshot]:
        ids = [i for i in remote_ids if not i.startswith("urn:li:comment:")][: self.metrics_batch]  # no share stats
        if not ids or not self.author.startswith("urn:li:organization:"):
            return []  # LinkedIn gives share statistics to organisation pages only
        shares = [i for i in ids if i.startswith("urn:li:share:")]
        ugc = [i for i in ids if not i.startswith("urn:li:share:")]
        query = f"q=organizationalEntity&organizationalEntity={quote(self.author, safe='')}"
        if shares:
            query += "&shares=" + _restli_list(shares)
        if ugc:
            query += "&ugcPosts=" + _restli_list(ugc)
        try:
            response = self.client.get(f"/rest/organizationalEntityShareStatistics?{query}")
        except Exception as e:
            raise MetricsUnavailable(f"linkedin metrics could not be read: {http.detail(e)}") from None
        if response.status_code == 429:
            at = _reset(response)
            raise MetricsUnavailable(f"linkedin rate limit reached until {at:%H:%M} UTC", retry_at=at)
        if response.status_code == 401:
            raise MetricsUnavailable(f"linkedin refused the token: {_said(response)}", disable_channel=True)
        if response.status_code != 200:
            raise MetricsUnavailable(f"linkedin metrics: {response.status_code} {_said(response)}")
        try:
            elements = response.json()["elements"]
        except (ValueError, KeyError) as e:
            raise MetricsUnavailable(f"linkedin metrics answer could not be read: {http.detail(e)}") from None
        now = http.utc_now()
        return [_snapshot(e, now) for e in elements if e.get("share") or e.get("ugcPost")]

    def read_failure(self, error: Exception) -> Outcome:
        return self._failure(error, sent=False)

    def recent_posts(self, since: dt.datetime) -> Recent:
        found: list[RemotePost] = []
        for page_number in range(1, self.lookup_pages + 1):
            response = self.client.get(f"/rest/posts?author={quote(self.author, safe='')}&q=author&count={_PAGE}"
                                       f"&start={(page_number - 1) * _PAGE}&sortBy=CREATED",
                                       headers={"X-RestLi-Method": "FINDER"})
            response.raise_for_status()
            elements = response.json().get("elements", [])
            for element in elements:
                created = dt.datetime.fromtimestamp(element.get("createdAt", 0) / 1000, dt.UTC)
                if created < since:
                    return Recent(found, True, page_number)
                urn = str(element["id"])
                article = ((element.get("content") or {}).get("article") or {}).get("source")
                found.append(RemotePost(urn, f"https://www.linkedin.com/feed/update/{urn}/",
                                        element.get("commentary", ""), created, (article,) if article else ()))
            if len(elements) < _PAGE:
                return Recent(found, True, page_number)
        return Recent(found, False, self.lookup_pages)

    def is_ours(self, remote: RemotePost, post: QueuedPost) -> bool:
        return http.same_text(remote.text, little_text(post.text))  # sent escaped as LinkedIn's little text


def _restli_list(urns: list[str]) -> str:
    return "List(" + ",".join(quote(u, safe="") for u in urns) + ")"


def _reset(response: httpx.Response) -> dt.datetime:
    """LinkedIn's quotas are daily and reset at midnight UTC; Retry-After wins when it is sent."""
    now = http.utc_now()
    midnight = (now + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return http.limit_lifts(response.headers, now=now, fallback=midnight - now)


def _said(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return http.detail(response.text or response.reason_phrase)
    if isinstance(body, dict):
        return http.detail(" ".join(str(body[k]) for k in ("code", "message") if body.get(k)) or body)
    return http.detail(body)


def _snapshot(element: dict[str, Any], now: dt.datetime) -> Snapshot:
    stats = element.get("totalShareStatistics") or {}
    return Snapshot(remote_id=str(element.get("share") or element.get("ugcPost")), at=now,
                    likes=int(stats.get("likeCount", 0)), reposts=int(stats.get("shareCount", 0)),
                    replies=int(stats.get("commentCount", 0)), quotes=0,
                    impressions=stats.get("impressionCount"), clicks=stats.get("clickCount"), raw=stats)
