"""Bluesky through the atproto SDK: an app password, rich text facets and an external link card.

The text is rebuilt with atproto's TextBuilder so link and hashtag facets carry the right UTF-8
byte offsets; the link shown in the text is a short display form and its facet points at the
full URL with UTM parameters. The card (app.bsky.embed.external) carries the cover as a blob.
The session is created once per channel and reused (createSession is tightly rate limited).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx
from atproto import Client, client_utils, models
from atproto_client import exceptions as atx
from atproto_client.request import Request

from publisher.errors import MetricsUnavailable
from publisher.networks.counting import bluesky_segments
from publisher.posts.model import Failed, Outcome, Published, QueuedPost, Snapshot
from publisher.sending.channels import http
from publisher.sending.channels.lookup import LooksUp, Recent, RemotePost

BLOB_MAX = 1_000_000  # app.bsky.embed.external#external.thumb maxSize
_TOKEN_NAMES = "BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (an app password from Settings > App passwords)"
_AUTH_ERRORS = {"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AccountTakedown", "AuthMissing"}
_PAGE = 100  # getAuthorFeed's largest page


class BlueskyChannel(LooksUp):
    """A Bluesky account: its handle and an app password (never the main password)."""

    network = "bluesky"
    metrics_batch = 25

    def validate_credentials(self) -> None:
        self.base = http.base_url(self.credentials.get("BLUESKY_BASE_URL", ""), "https://bsky.social",
                                  "BLUESKY_BASE_URL", self.name)
        self.timeout = http.timeout_of(self.settings)
        self._session_did: str | None = None

    @cached_property
    def client(self) -> Client:
        return Client(base_url=self.base, request=Request(timeout=httpx.Timeout(self.timeout)))

    def _login(self, again: bool = False) -> str:
        """The account's DID, logging in once (or again after the server refused the session)."""
        if self._session_did is None or again:
            profile = self.client.login(self.credentials["BLUESKY_HANDLE"], self.credentials["BLUESKY_APP_PASSWORD"])
            self._session_did = profile.did if profile else self.client._session.did  # type: ignore[union-attr]
        return self._session_did

    def close(self) -> None:
        if "client" in self.__dict__:
            self.client.request.close()

    # Publishing ------------------------------------------------------------------------------------

    def send(self, post: QueuedPost) -> Outcome:
        builder = rich_text(post.text, post.link, post.card.title if post.card else "")
        try:
            did = self._login()
            embed = self._card(post)
            reply = self._reply_ref(post)
        except LookupError as e:  # the thread's earlier part was deleted: this part cannot answer it
            return Failed(str(e))
        except Exception as e:  # nothing was posted yet
            return self._failure(e, sent=False)
        for attempt in (1, 2):
            try:
                created = self.client.send_post(builder, profile_identify=did, embed=embed,
                                                langs=[post.lang or "en"], reply_to=reply)
                break
            except atx.RequestErrorBase as e:
                if attempt == 1 and _session_refused(e):
                    try:  # the server refused the session before creating anything: log in again once
                        did = self._login(again=True)
                        continue
                    except Exception as again:
                        return self._failure(again, sent=False)
                return self._failure(e, sent=True)
            except Exception as e:
                return self._failure(e, sent=True)
        uri = getattr(created, "uri", None)
        if not uri:
            return http.unreadable("bluesky", created)
        handle = self.credentials["BLUESKY_HANDLE"].lstrip("@")
        return Published(remote_id=uri, url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}")

    def _reply_ref(self, post: QueuedPost) -> models.AppBskyFeedPost.ReplyRef | None:
        """A thread's later part answers the part before it and names the thread's first post as its root
        (app.bsky.feed.post#replyRef: two com.atproto.repo.strongRef, uri and cid). The store keeps a
        post's at:// URI as its remote id, as metrics and look-ups read it; the cids are read back here
        with getPosts, before anything is posted."""
        if not post.reply_to:
            return None
        root_uri = post.thread_root or post.reply_to
        views = {view.uri: view for view in self.client.get_posts(list(dict.fromkeys([root_uri, post.reply_to]))).posts}
        missing = [uri for uri in (root_uri, post.reply_to) if uri not in views]
        if missing:
            raise LookupError(f"the post this part answers is not on bluesky any more: {missing[0]}")

        def strong(uri: str) -> models.ComAtprotoRepoStrongRef.Main:
            return models.ComAtprotoRepoStrongRef.Main(uri=uri, cid=views[uri].cid)

        return models.AppBskyFeedPost.ReplyRef(root=strong(root_uri), parent=strong(post.reply_to))

    def _card(self, post: QueuedPost) -> models.AppBskyEmbedExternal.Main | models.AppBskyEmbedImages.Main | None:
        card = post.card
        if not card or not getattr(self.settings, "link_card", True):
            return None
        thumb = None
        image = Path(card.image) if card.image and "://" not in card.image else None
        fits = bool(image and image.is_file() and image.stat().st_size <= BLOB_MAX)
        if fits and image and getattr(self.settings, "cover_image", False):
            # The cover as an image, with its alt text (required by app.bsky.embed.images; an external
            # card's thumb has no alt): the text keeps its link facet.
            blob = self.client.upload_blob(image.read_bytes()).blob
            return models.AppBskyEmbedImages.Main(images=[models.AppBskyEmbedImages.Image(
                alt=card.image_alt or "", image=blob)])
        if fits and image:
            thumb = self.client.upload_blob(image.read_bytes()).blob
        return models.AppBskyEmbedExternal.Main(external=models.AppBskyEmbedExternal.External(
            uri=post.link or card.url, title=card.title, description=card.description or "", thumb=thumb))

    def _failure(self, e: Exception, sent: bool) -> Outcome:
        if _rate_limited(e):
            return http.rate_limited("bluesky", _lifts(e))
        if isinstance(e, atx.UnauthorizedError) or (isinstance(e, atx.RequestErrorBase) and _session_refused(e)):
            return http.token_refused("bluesky", _TOKEN_NAMES, e)
        if isinstance(e, atx.RequestErrorBase) and e.response is not None:
            status = e.response.status_code
            if not sent and status >= 500:  # a gateway error on login or upload: no post can exist
                return http.for_transport_error("bluesky", e, sent=False)
            return http.for_status("bluesky", status, e)
        if not sent or isinstance(e, atx.NetworkError):  # a timeout or a dropped connection
            return http.for_transport_error("bluesky", e, sent=sent)
        return http.unreadable("bluesky", e)  # created, but the answer could not be parsed

    # Reading -----------------------------------------------------------------------------------------

    def fetch_metrics(self, remote_ids: Sequence[str]) -> list[Snapshot]:
        uris = list(remote_ids)[: self.metrics_batch]
        if not uris:
            return []
        try:
            self._login()
            found = self.client.get_posts(uris)
        except atx.RequestErrorBase as e:
            if _rate_limited(e):
                at = _lifts(e)
                raise MetricsUnavailable(f"bluesky rate limit reached until {at:%H:%M} UTC", retry_at=at) from None
            refused = isinstance(e, atx.UnauthorizedError) or _session_refused(e)
            raise MetricsUnavailable(f"bluesky metrics could not be read: {http.detail(e)}",
                                     disable_channel=refused) from None
        except Exception as e:
            raise MetricsUnavailable(f"bluesky metrics could not be read: {http.detail(e)}") from None
        now = http.utc_now()
        return [_snapshot(p, now) for p in found.posts]

    def read_failure(self, error: Exception) -> Outcome:
        return self._failure(error, sent=False)

    def recent_posts(self, since: dt.datetime) -> Recent:
        did = self._login()
        handle = self.credentials["BLUESKY_HANDLE"].lstrip("@")
        found: list[RemotePost] = []
        cursor = None
        for page_number in range(1, self.lookup_pages + 1):
            # the account's posts and its own threads (posts_no_replies would hide a thread's later parts)
            feed = self.client.get_author_feed(did, filter="posts_and_author_threads", limit=_PAGE, cursor=cursor)
            for item in feed.feed:
                if getattr(item, "reason", None) is not None:  # a repost of someone else's post
                    continue
                record = item.post.record
                created = _instant(getattr(record, "created_at", ""))
                if created is not None and created < since:
                    return Recent(found, True, page_number)
                uri = item.post.uri
                found.append(RemotePost(uri, f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}",
                                        getattr(record, "text", "") or "", created, _links(record)))
            cursor = feed.cursor
            if not cursor or not feed.feed:
                return Recent(found, True, page_number)
        return Recent(found, False, self.lookup_pages)

    def is_ours(self, remote: RemotePost, post: QueuedPost) -> bool:
        return remote.text == rich_text(post.text, post.link).build_text() or super().is_ours(remote, post)


def rich_text(text: str, link: str, title: str = "") -> client_utils.TextBuilder:
    """The post as a TextBuilder that rebuilds ``text`` exactly, with link and hashtag facets.

    The renderer's contract (networks.bluesky_segments): a link label that is not a URL is the
    piece's display URL, or the piece's ``title`` on the text's last lines, and its facet points at
    ``link``, the full URL with UTM parameters.
    """
    builder = client_utils.TextBuilder()
    for kind, value in bluesky_segments(text, link or None, title):
        if kind == "link":
            builder.link(value, value if value.startswith(("http://", "https://")) else link)
        elif kind == "tag":
            builder.tag("#" + value, value)
        else:
            builder.text(value)
    return builder


def _rate_limited(e: Exception) -> bool:
    """A 429: newer atproto releases raise RateLimitExceededError, older ones (0.0.60) a RequestException."""
    response = getattr(e, "response", None)
    return isinstance(e, atx.RequestErrorBase) and getattr(response, "status_code", None) == 429


def _lifts(e: Exception) -> dt.datetime:
    response = getattr(e, "response", None)
    return http.limit_lifts(getattr(response, "headers", None))


def _session_refused(e: Exception) -> bool:
    response = getattr(e, "response", None)
    content = getattr(response, "content", None)
    return getattr(content, "error", None) in _AUTH_ERRORS


def _links(record: Any) -> tuple[str, ...]:
    """The link facets' targets and the external card's URL of a post record."""
    links = [feature.uri for facet in (getattr(record, "facets", None) or [])
             for feature in (getattr(facet, "features", None) or []) if getattr(feature, "uri", None)]
    external = getattr(getattr(record, "embed", None), "external", None)
    if getattr(external, "uri", None):
        links.append(external.uri)
    return tuple(dict.fromkeys(links))


def _instant(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _snapshot(view: Any, now: dt.datetime) -> Snapshot:
    counts = {"likeCount": view.like_count or 0, "repostCount": view.repost_count or 0,
              "replyCount": view.reply_count or 0, "quoteCount": view.quote_count or 0}
    return Snapshot(remote_id=view.uri, at=now, likes=counts["likeCount"], reposts=counts["repostCount"],
                    replies=counts["replyCount"], quotes=counts["quoteCount"], raw=counts)
