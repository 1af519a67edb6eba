"""X API v2 as tweepy sees it, on 127.0.0.1, media upload and alt text included.

Shapes follow the X OpenAPI spec (tests/test_doubles_spec.py validates them): POST /2/tweets,
GET /2/tweets, GET /2/users/me, GET /2/users/:id/tweets, POST /2/media/upload, POST /2/media/metadata.
Like X, it refuses a text the account already posted (403 duplicate), gives texts back with t.co
links and HTML entities, checks the OAuth 1.0a access token, refuses an upload that is not a
base64 image of a known category and a post naming media it never received (400), and no longer
serves v1.1's media/upload.json (404), which X retired in 2025.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import html
import re
from typing import Any

from doubles.base import Double, Reply, Request, Route

ACCESS_TOKEN = "1234567890-xDoubleAccessTokenValue0001"
USER = {"id": "2244994945", "name": "Clairval", "username": "clairval"}
_URL = re.compile(r"https?://\S+")
_DUPLICATE = {"detail": "You are not allowed to create a Tweet with duplicate content.", "type": "about:blank",
              "title": "Forbidden", "status": 403}


class XDouble(Double):
    name = "x"

    def environment(self) -> dict[str, str]:
        return {"X_API_KEY": "xdoubleconsumerkey0001", "X_API_SECRET": "xdoubleconsumersecret0001",
                "X_ACCESS_TOKEN": ACCESS_TOKEN, "X_ACCESS_TOKEN_SECRET": "xdoubleaccesssecret0001",
                "X_BASE_URL": self.url}

    def __init__(self, latency: float = 0.0, private_metrics: bool = True):
        super().__init__(latency)
        self.tweets: list[dict[str, Any]] = []
        self.uploads: list[Request] = []
        self.media: dict[str, dict[str, Any]] = {}
        """media id -> {"bytes": ..., "category": ..., "alt_text": ...}"""
        self.private_metrics = private_metrics
        self.limit: int | None = None
        """Posts accepted per window before X answers 429 (None: no limit)."""

    def routes(self) -> list[Route]:
        return [
            ("POST", "/2/tweets", "create", self.create),
            ("GET", "/2/tweets", "read", self.lookup),
            ("GET", "/2/users/me", "read", self.me),
            ("GET", "/2/users/{}/tweets", "read", self.timeline),
            ("POST", "/2/media/upload", "upload", self.upload),
            ("POST", "/2/media/metadata", "upload", self.metadata),
        ]

    def authorized(self, request: Request) -> bool:
        auth = request.header("authorization")
        return auth.startswith("OAuth ") and f'oauth_token="{ACCESS_TOKEN}"' in auth

    def rate_limited(self, reset: int) -> Reply:
        return Reply(429, {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank",
                           "status": 429},
                     {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)})

    def expired(self, request: Request) -> Reply:
        return Reply(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})

    def server_error(self) -> Reply:
        return Reply(500, {"title": "Internal Server Error", "detail": "Internal Server Error",
                           "type": "about:blank", "status": 500})

    def duplicate(self, request: Request) -> Reply:
        return Reply(403, _DUPLICATE)

    # Routes ---------------------------------------------------------------------------------------

    def create(self, request: Request, _: list[str]) -> Reply:
        body = request.json
        text = body.get("text", "")
        media_ids = (body.get("media") or {}).get("media_ids") or []
        with self.lock:
            unknown = [m for m in media_ids if m not in self.media]
            if unknown or len(media_ids) > 4:
                return _invalid(f"Your media IDs are invalid: {unknown or media_ids}")
            if self.limit is not None and len(self.tweets) >= self.limit:
                return self.rate_limited(int(dt.datetime.now(dt.UTC).timestamp()) + 900)
            if any(t["sent"] == text for t in self.tweets):
                return Reply(403, _DUPLICATE)
            reply = body.get("reply")
            if reply is not None:
                # The spec's TweetCreateRequest.reply: an object, in_reply_to_tweet_id required, nothing else
                # but auto_populate_reply_metadata / exclude_reply_user_ids. A reply to a post that does not
                # exist is refused with 403, as X answers for a deleted or invisible post.
                if not isinstance(reply, dict) or not isinstance(reply.get("in_reply_to_tweet_id"), str) or set(
                        reply) - {"in_reply_to_tweet_id", "auto_populate_reply_metadata", "exclude_reply_user_ids"}:
                    return _invalid(f"reply: expected {{'in_reply_to_tweet_id': '<id>'}}, got {reply!r}")
                if reply["in_reply_to_tweet_id"] not in {t["id"] for t in self.tweets}:
                    return Reply(403, {"detail": "You attempted to reply to a Tweet that is deleted or not visible "
                                                 "to you.", "type": "about:blank", "title": "Forbidden",
                                       "status": 403})
            tweet_id = str(1_800_000_000_000_000_000 + len(self.tweets) + 1)
            self.tweets.append({"id": tweet_id, "sent": text, "body": body, "index": len(self.tweets),
                                "created_at": dt.datetime.now(dt.UTC), "born": self.ticks})
        return Reply(201, {"data": {"id": tweet_id, "text": _as_returned(text),
                                    "edit_history_tweet_ids": [tweet_id]}})

    def lookup(self, request: Request, _: list[str]) -> Reply:
        ids = ",".join(request.query.get("ids", [""])).split(",")
        fields = set(",".join(request.query.get("tweet.fields", [""])).split(","))
        if len(ids) > 100:
            return Reply(400, {"title": "Invalid Request", "detail": "ids: at most 100", "status": 400,
                               "type": "https://api.twitter.com/2/problems/invalid-request"})
        if fields & {"non_public_metrics", "organic_metrics"} and not self.private_metrics:
            return Reply(403, {"title": "Forbidden", "status": 403, "type": "about:blank",
                               "detail": "Your access level does not allow non_public_metrics."})
        with self.lock:
            known = {t["id"]: t for t in self.tweets}
            data = [self._view(known[i], fields) for i in ids if i in known]
        reply: dict[str, Any] = {"data": data} if data else {}
        missing = [i for i in ids if i not in known]
        if missing:
            reply["errors"] = [{"value": i, "detail": f"Could not find tweet with ids: [{i}].",
                                "title": "Not Found Error", "resource_type": "tweet", "parameter": "ids",
                                "resource_id": i, "type": "https://api.twitter.com/2/problems/resource-not-found"}
                               for i in missing]
        return Reply(200, reply)

    def me(self, request: Request, _: list[str]) -> Reply:
        return Reply(200, {"data": USER})

    def timeline(self, request: Request, args: list[str]) -> Reply:
        if args[0] != USER["id"]:
            return Reply(404, {"title": "Not Found Error", "detail": "no such user", "status": 404,
                               "type": "https://api.twitter.com/2/problems/resource-not-found"})
        since = request.query.get("start_time", [""])[0]
        start = dt.datetime.fromisoformat(since.replace("Z", "+00:00")) if since else None
        limit = int(request.query.get("max_results", ["10"])[0])
        fields = set(",".join(request.query.get("tweet.fields", [""])).split(","))
        token = request.query.get("pagination_token", [""])[0]
        skip = int(token.removeprefix("7140dibdnow9c7btw4")) if token else 0  # opaque to clients, as X's are
        excluded = set(",".join(request.query.get("exclude", [""])).split(","))
        with self.lock:
            since = [t for t in reversed(self.tweets) if (start is None or t["created_at"] >= start)
                     and not ("replies" in excluded and t["body"].get("reply"))]  # exclude=replies: every reply
            mine = since[skip:skip + limit]
            data = [self._view(t, fields) for t in mine]
        meta: dict[str, Any] = {"result_count": len(data)}
        if data:
            meta.update(newest_id=data[0]["id"], oldest_id=data[-1]["id"])
        if skip + limit < len(since):
            meta["next_token"] = f"7140dibdnow9c7btw4{skip + limit}"
        return Reply(200, {"data": data, "meta": meta} if data else {"meta": meta})

    def upload(self, request: Request, _: list[str]) -> Reply:
        """Simple upload: JSON {media: base64, media_category}; only images (tweet_image) here."""
        try:
            body = request.json
            data = base64.b64decode(body["media"], validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error):
            return _invalid("media: expected base64-encoded bytes in a JSON body")
        if body.get("media_category") != "tweet_image" or set(body) - {"media", "media_category", "additional_owners"}:
            return _invalid(f"media_category: expected tweet_image, got {body.get('media_category')!r}")
        kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg" if data.startswith(b"\xff\xd8") else None
        if kind is None:
            return _invalid("media: not an image X can read")
        with self.lock:
            self.uploads.append(request)
            media_id = str(1_700_000_000_000_000_000 + len(self.uploads))
            self.media[media_id] = {"bytes": data, "category": body["media_category"], "alt_text": None}
        return Reply(200, {"data": {"id": media_id, "media_key": f"3_{media_id}", "size": len(data),
                                    "expires_after_secs": 86400,
                                    "image": {"image_type": kind, "w": 1200, "h": 630}}})

    def metadata(self, request: Request, _: list[str]) -> Reply:
        body = request.json
        media_id = str(body.get("id", ""))
        alt = ((body.get("metadata") or {}).get("alt_text") or {}).get("text")
        with self.lock:
            if media_id not in self.media:
                return _invalid(f"id: no media {media_id!r}")
            if not isinstance(alt, str) or not 0 < len(alt) <= 1000:
                return _invalid("metadata.alt_text.text: expected 1 to 1000 characters")
            self.media[media_id]["alt_text"] = alt
        return Reply(200, {"data": {"id": media_id, "associated_metadata": {"alt_text": {"text": alt}}}})

    # Engagement -------------------------------------------------------------------------------------

    def metrics(self, tweet: dict[str, Any]) -> dict[str, int]:
        age, i = self.ticks - tweet["born"], tweet["index"]
        return {"like_count": age * (2 + i % 3), "retweet_count": age * (1 + i % 2), "reply_count": age,
                "quote_count": age // 2, "bookmark_count": age // 3, "impression_count": age * (40 + i),
                "url_link_clicks": age * (3 + i % 4), "user_profile_clicks": age}

    def _view(self, tweet: dict[str, Any], fields: set[str]) -> dict[str, Any]:
        m = self.metrics(tweet)
        view: dict[str, Any] = {"id": tweet["id"], "text": _as_returned(tweet["sent"]),
                                "edit_history_tweet_ids": [tweet["id"]]}
        if "created_at" in fields:
            view["created_at"] = tweet["created_at"].strftime("%Y-%m-%dT%H:%M:%S.000Z")
        if "entities" in fields:  # each t.co link with the URL it stands for (spec: UrlEntity)
            urls = []
            for short, (begin, end), full in zip(_URL.findall(view["text"]), _spans(view["text"]),
                                                 _URL.findall(tweet["sent"]), strict=False):
                urls.append({"start": begin, "end": end, "url": short, "expanded_url": full,
                             "display_url": full.split("://", 1)[-1][:26]})
            if urls:
                view["entities"] = {"urls": urls}
        if "public_metrics" in fields:
            # The newest X spec renamed retweet_count to repost_count; the older one requires
            # retweet_count. Both are served, as an API in transition would.
            view["public_metrics"] = {k: m[k] for k in ("retweet_count", "reply_count", "like_count",
                                                        "quote_count", "bookmark_count", "impression_count")}
            view["public_metrics"]["repost_count"] = m["retweet_count"]
        if "non_public_metrics" in fields:
            view["non_public_metrics"] = {k: m[k] for k in ("impression_count", "url_link_clicks",
                                                            "user_profile_clicks")}
        if "organic_metrics" in fields:
            view["organic_metrics"] = {k: m[k] for k in ("impression_count", "like_count", "reply_count",
                                                         "retweet_count", "url_link_clicks", "user_profile_clicks")}
        return view

    def replied_to(self) -> list[str | None]:
        """Per tweet, in order: the id it answers (reply.in_reply_to_tweet_id), None for a post on its own."""
        with self.lock:
            return [(t["body"].get("reply") or {}).get("in_reply_to_tweet_id") for t in self.tweets]

    def sent_texts(self) -> list[str]:
        with self.lock:
            return [t["sent"] for t in self.tweets]


def _spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def _as_returned(text: str) -> str:
    """X gives texts back with every link shortened to t.co and &, <, > as entities."""
    counter = iter(range(10**6))
    shortened = _URL.sub(lambda _: f"https://t.co/Ab{next(counter):08d}", text)
    return html.escape(shortened, quote=False)


def _invalid(detail: str) -> Reply:
    return Reply(400, {"title": "Invalid Request", "detail": detail, "status": 400,
                       "type": "https://api.twitter.com/2/problems/invalid-request"})
