"""A Bluesky PDS (with the few AppView reads we use) as the atproto SDK sees it, on 127.0.0.1.

XRPC shapes follow the lexicons (tests/test_doubles_spec.py validates records and answers):
createSession returns a decodable JWT that expires in two hours and no didDoc (the SDK would
switch to the PDS named there); createRecord stores app.bsky.feed.post records; uploadBlob
returns a blob ref; getPosts and getAuthorFeed return post views with their counts.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import time
from typing import Any

from doubles.base import Double, Reply, Request, Route

HANDLE = "clairval.bsky.social"
DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
_B32 = "abcdefghijklmnopqrstuvwxyz234567"
_TID = "234567abcdefghijklmnopqrstuvwxyz"


def cid_for(data: bytes, codec: int = 0x71) -> str:
    """A real CIDv1 (sha-256; dag-cbor 0x71 for records, raw 0x55 for blobs), base32 as atproto writes it."""
    raw = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    bits = "".join(f"{b:08b}" for b in raw)
    bits += "0" * (-len(bits) % 5)
    return "b" + "".join(_B32[int(bits[i:i + 5], 2)] for i in range(0, len(bits), 5))


def tid(n: int) -> str:
    """A record key in atproto's TID form (13 sortable base32 characters)."""
    value = (int(time.time() * 1_000_000) << 10) | (n % 1024)
    return "".join(_TID[(value >> (5 * (12 - i))) & 31] for i in range(13))


def jwt(did: str, seconds: int, scope: str) -> str:
    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    now = int(time.time())
    return ".".join([part({"typ": "at+jwt", "alg": "ES256K"}),
                     part({"scope": scope, "sub": did, "iat": now, "exp": now + seconds, "aud": "did:web:double"}),
                     "c2lnbmF0dXJl"])


def sniff(data: bytes, declared: str) -> str:
    """The PDS sniffs a blob's type from its bytes, as the real one does (the SDK sends */*)."""
    for magic, mime in ((b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
                        (b"RIFF", "image/webp")):
        if data.startswith(magic):
            return mime
    return declared if declared and "*" not in declared else "application/octet-stream"


class BlueskyDouble(Double):
    name = "bluesky"

    def environment(self) -> dict[str, str]:
        return {"BLUESKY_HANDLE": HANDLE, "BLUESKY_APP_PASSWORD": APP_PASSWORD, "BLUESKY_BASE_URL": self.url}

    def __init__(self, latency: float = 0.0):
        super().__init__(latency)
        self.records: list[dict[str, Any]] = []
        self.blobs: list[dict[str, Any]] = []
        self.sessions: set[str] = set()
        self.logins = 0

    def routes(self) -> list[Route]:
        x = "/xrpc/"
        return [
            ("POST", x + "com.atproto.server.createSession", "session", self.create_session),
            ("POST", x + "com.atproto.server.refreshSession", "session", self.refresh_session),
            ("GET", x + "app.bsky.actor.getProfile", "profile", self.profile),
            ("POST", x + "com.atproto.repo.uploadBlob", "upload", self.upload_blob),
            ("POST", x + "com.atproto.repo.createRecord", "create", self.create_record),
            ("GET", x + "app.bsky.feed.getPosts", "read", self.get_posts),
            ("GET", x + "app.bsky.feed.getAuthorFeed", "read", self.author_feed),
        ]

    def authorized(self, request: Request) -> bool:
        if request.kind == "session":
            return True
        auth = request.header("authorization")
        return auth.startswith("Bearer ") and auth[7:] in self.sessions

    def rate_limited(self, reset: int) -> Reply:
        return Reply(429, {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                     {"ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset),
                      "ratelimit-policy": "5000;w=3600"})

    def expired(self, request: Request) -> Reply:
        if request.kind == "session":
            return Reply(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
        return Reply(400, {"error": "ExpiredToken", "message": "Token has expired"})

    def server_error(self) -> Reply:
        return Reply(500, {"error": "InternalServerError", "message": "Internal Server Error"})

    def revoke_sessions(self) -> None:
        with self.lock:
            self.sessions.clear()

    # Routes ---------------------------------------------------------------------------------------

    def create_session(self, request: Request, _: list[str]) -> Reply:
        body = request.json
        if body.get("identifier") not in (HANDLE, DID) or body.get("password") != APP_PASSWORD:
            return Reply(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
        return self._session()

    def refresh_session(self, request: Request, _: list[str]) -> Reply:
        return self._session()

    def _session(self) -> Reply:
        access = jwt(DID, 7200, "com.atproto.appPass")
        with self.lock:
            self.sessions.add(access)
            self.logins += 1
        return Reply(200, {"accessJwt": access, "refreshJwt": jwt(DID, 90 * 86400, "com.atproto.refresh"),
                           "handle": HANDLE, "did": DID, "active": True})

    def profile(self, request: Request, _: list[str]) -> Reply:
        return Reply(200, {"did": DID, "handle": HANDLE, "displayName": "Clairval", "followersCount": 10,
                           "followsCount": 1, "postsCount": len(self.records)})

    def upload_blob(self, request: Request, _: list[str]) -> Reply:
        blob = {"$type": "blob", "ref": {"$link": cid_for(request.body, 0x55)},
                "mimeType": sniff(request.body, request.header("content-type")), "size": len(request.body)}
        with self.lock:
            self.blobs.append(blob)
        return Reply(200, {"blob": blob})

    def create_record(self, request: Request, _: list[str]) -> Reply:
        body = request.json
        if body.get("repo") not in (DID, HANDLE):
            return Reply(400, {"error": "InvalidRequest", "message": "Input/repo must be the session's account"})
        record = body.get("record") or {}
        with self.lock:
            problem = self._reply_problem(record.get("reply"))
            if problem:
                return Reply(400, {"error": "InvalidRequest", "message": problem})
            rkey = tid(len(self.records))
            uri = f"at://{DID}/{body.get('collection')}/{rkey}"
            cid = cid_for(json.dumps(record, sort_keys=True).encode())
            self.records.append({"uri": uri, "cid": cid, "record": record, "body": body,
                                 "index": len(self.records), "born": self.ticks,
                                 "indexed_at": dt.datetime.now(dt.UTC)})
        return Reply(200, {"uri": uri, "cid": cid, "commit": {"cid": cid_for(uri.encode()), "rev": rkey},
                           "validationStatus": "valid"})

    def _reply_problem(self, reply: Any) -> str:
        """app.bsky.feed.post#replyRef: root and parent, each a com.atproto.repo.strongRef {uri, cid}
        (both required). The PDS validates the shape against the lexicon; the AppView then threads the
        post under the records they name, so a ref to a record that does not exist, or with another
        version's cid, is refused here rather than left dangling."""
        if reply is None:
            return ""
        if not isinstance(reply, dict):
            return "Invalid app.bsky.feed.post record: reply must be an object"
        known = {r["uri"]: r["cid"] for r in self.records}
        for name in ("root", "parent"):
            ref = reply.get(name)
            if not isinstance(ref, dict) or not isinstance(ref.get("uri"), str) or not isinstance(ref.get("cid"), str):
                return f"Invalid app.bsky.feed.post record: reply/{name} must be a strongRef with uri and cid"
            if known.get(ref["uri"]) != ref["cid"]:
                return f"reply/{name} does not name an existing record at this cid: {ref['uri']}"
        return ""

    def get_posts(self, request: Request, _: list[str]) -> Reply:
        uris = request.query.get("uris", [])
        if len(uris) > 25:
            return Reply(400, {"error": "InvalidRequest", "message": "uris must not have more than 25 elements"})
        with self.lock:
            known = {r["uri"]: r for r in self.records}
            return Reply(200, {"posts": [self._view(known[u]) for u in uris if u in known]})

    def author_feed(self, request: Request, _: list[str]) -> Reply:
        limit = min(int(request.query.get("limit", ["50"])[0]), 100)
        cursor = request.query.get("cursor", [""])[0]  # the last indexedAt|rkey served: older ones follow
        wanted = request.query.get("filter", ["posts_with_replies"])[0]
        with self.lock:
            # posts_no_replies leaves every reply out; posts_and_author_threads keeps the replies that
            # answer the author's own posts (a thread); posts_with_replies keeps them all.
            mine = {r["uri"] for r in self.records}
            newest_first = [r for r in reversed(self.records) if not (
                (wanted == "posts_no_replies" and r["record"].get("reply"))
                or (wanted == "posts_and_author_threads" and r["record"].get("reply")
                    and r["record"]["reply"]["parent"]["uri"] not in mine))]
            skip = next((i + 1 for i, r in enumerate(newest_first) if r["uri"].rsplit("/", 1)[-1] == cursor), 0)
            page = newest_first[skip:skip + limit]
            body: dict[str, Any] = {"feed": [{"post": self._view(r)} for r in page]}
            if page and skip + limit < len(newest_first):
                body["cursor"] = page[-1]["uri"].rsplit("/", 1)[-1]
            return Reply(200, body)

    # Views ------------------------------------------------------------------------------------------

    def metrics(self, record: dict[str, Any]) -> dict[str, int]:
        age, i = self.ticks - record["born"], record["index"]
        return {"likeCount": age * (4 + i % 3), "repostCount": age * (1 + i % 2), "replyCount": age,
                "quoteCount": age // 2}

    def _view(self, record: dict[str, Any]) -> dict[str, Any]:
        return {"uri": record["uri"], "cid": record["cid"],
                "author": {"did": DID, "handle": HANDLE, "displayName": "Clairval"},
                "record": record["record"], "indexedAt": record["indexed_at"].strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                **self.metrics(record)}

    def posted(self) -> list[dict[str, Any]]:
        with self.lock:
            return [r["record"] for r in self.records]
