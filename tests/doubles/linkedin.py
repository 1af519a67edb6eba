"""LinkedIn's REST API (Posts, Images, organisation share statistics) as httpx sees it, on 127.0.0.1.

Like LinkedIn it insists on the LinkedIn-Version and Rest.li protocol headers (426 for a version
it no longer serves), refuses a post missing a required field (422) or repeating the author's
text (422 duplicate), answers 201 with an empty body and the URN in x-restli-id, and reads
statistics for the shares listed as Rest.li List(...).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import unquote

from doubles.base import Double, Reply, Request, Route

ACCESS_TOKEN = "AQX-linkedin-double-token-0123456789"
ORGANIZATION = "urn:li:organization:2414183"
OLDEST_VERSION = "202406"
REQUIRED = ("author", "commentary", "visibility", "distribution", "lifecycleState")


class LinkedInDouble(Double):
    name = "linkedin"

    def environment(self) -> dict[str, str]:
        return {"LINKEDIN_ACCESS_TOKEN": ACCESS_TOKEN, "LINKEDIN_AUTHOR_URN": ORGANIZATION,
                "LINKEDIN_BASE_URL": self.url}

    def __init__(self, latency: float = 0.0):
        super().__init__(latency)
        self.posts: list[dict[str, Any]] = []
        self.images: dict[str, bytes] = {}
        self.comments: list[dict[str, Any]] = []

    def routes(self) -> list[Route]:
        return [
            ("POST", "/rest/posts", "create", self.create),
            ("GET", "/rest/posts", "read", self.by_author),
            ("POST", "/rest/images", "upload", self.initialize_upload),
            ("PUT", "/upload/{}", "upload", self.put_image),
            ("GET", "/rest/organizationalEntityShareStatistics", "read", self.statistics),
            ("POST", "/rest/socialActions/{}/comments", "create", self.comment),
            ("GET", "/rest/socialActions/{}/comments", "read", self.comments_of),
        ]

    def authorized(self, request: Request) -> bool:
        return request.header("authorization") == f"Bearer {ACCESS_TOKEN}"

    def rate_limited(self, reset: int) -> Reply:
        return Reply(429, {"status": 429, "message": "Resource level throttle APPLICATION DAY limit for calls to "
                                                     "this resource is reached."})

    def expired(self, request: Request) -> Reply:
        return Reply(401, {"serviceErrorCode": 65601, "code": "EXPIRED_ACCESS_TOKEN", "status": 401,
                           "message": "The token used in the request has expired"})

    def server_error(self) -> Reply:
        return Reply(500, {"status": 500, "message": "Internal Server Error"})

    def duplicate(self, request: Request) -> Reply:
        existing = self.posts[-1]["urn"] if self.posts else "urn:li:share:1"
        return Reply(422, {"status": 422, "message": f"Content is a duplicate of {existing}",
                           "errorDetailType": "com.linkedin.common.error.BadRequest"})

    def _protocol_problem(self, request: Request) -> Reply | None:
        version = request.header("linkedin-version")
        if not re.fullmatch(r"\d{6}", version) or version < OLDEST_VERSION:
            return Reply(426, {"status": 426, "code": "NONEXISTENT_VERSION",
                               "message": f"Requested version {version or '(none)'} is not active"})
        if request.header("x-restli-protocol-version") != "2.0.0":
            return Reply(400, {"status": 400, "message": "X-Restli-Protocol-Version 2.0.0 is required"})
        return None

    # Routes ---------------------------------------------------------------------------------------

    def create(self, request: Request, _: list[str]) -> Reply:
        problem = self._protocol_problem(request)
        if problem:
            return problem
        body = request.json
        missing = [f for f in REQUIRED if f not in body]
        if missing:
            return Reply(422, {"status": 422, "message": f"/{missing[0]} :: field is required but not found"})
        with self.lock:
            same = next((p for p in self.posts if p["body"]["commentary"] == body["commentary"]), None)
            if same:
                return Reply(422, {"status": 422, "message": f"Content is a duplicate of {same['urn']}"})
            urn = f"urn:li:share:{7_100_000_000_000_000_000 + len(self.posts) + 1}"
            self.posts.append({"urn": urn, "body": body, "index": len(self.posts), "born": self.ticks,
                               "created_at": dt.datetime.now(dt.UTC)})
        return Reply(201, None, {"x-restli-id": urn, "Content-Type": "application/json"})

    def by_author(self, request: Request, _: list[str]) -> Reply:
        problem = self._protocol_problem(request)
        if problem:
            return problem
        author = request.query.get("author", [""])[0]
        count = min(int(request.query.get("count", ["10"])[0]), 100)
        start = int(request.query.get("start", ["0"])[0])
        with self.lock:
            mine = [p for p in reversed(self.posts) if p["body"]["author"] == author][start:start + count]
            elements = [{"id": p["urn"], **p["body"], "createdAt": int(p["created_at"].timestamp() * 1000),
                         "lastModifiedAt": int(p["created_at"].timestamp() * 1000)} for p in mine]
        return Reply(200, {"elements": elements, "paging": {"start": start, "count": count, "links": []}})

    def comment(self, request: Request, args: list[str]) -> Reply:
        """Comments API, Create a Comment (learn.microsoft.com/linkedin/marketing/community-management/
        shares/comments-api): POST /rest/socialActions/{URL-encoded share or ugcPost URN}/comments with
        ``actor`` (the person or organisation commenting), ``object`` (the same URN) and ``message.text``;
        201 with the comment, its URN in x-restli-id. A share that does not exist is a 404."""
        problem = self._protocol_problem(request)
        if problem:
            return problem
        target = unquote(args[0])
        body = request.json
        message = body.get("message")
        if not body.get("actor") or not isinstance(message, dict) or not message.get("text"):
            field = "actor" if not body.get("actor") else "message/text"
            return Reply(422, {"status": 422, "message": f"/{field} :: field is required but not found"})
        if body.get("object", target) != target:
            return Reply(400, {"status": 400, "message": f"object {body['object']} is not {target}"})
        with self.lock:
            share = next((p for p in self.posts if p["urn"] == target), None)
            if share is None:
                return Reply(404, {"status": 404, "message": f"Not Found: {target}"})
            activity = target.rsplit(":", 1)[-1]
            urn = f"urn:li:comment:(urn:li:activity:{activity},{7_200_000_000_000_000_000 + len(self.comments) + 1})"
            now = int(dt.datetime.now(dt.UTC).timestamp() * 1000)
            element = {"$URN": urn, "id": urn.rsplit(",", 1)[-1].rstrip(")"), "actor": body["actor"],
                       "object": target, "message": {"text": message["text"]},
                       "created": {"actor": body["actor"], "time": now},
                       "lastModified": {"actor": body["actor"], "time": now}}
            self.comments.append(element)
        return Reply(201, element, {"x-restli-id": urn})

    def comments_of(self, request: Request, args: list[str]) -> Reply:
        problem = self._protocol_problem(request)
        if problem:
            return problem
        target = unquote(args[0])
        with self.lock:
            found = [c for c in self.comments if c["object"] == target]
        return Reply(200, {"elements": found, "paging": {"start": 0, "count": len(found), "links": []}})

    def initialize_upload(self, request: Request, _: list[str]) -> Reply:
        if request.query.get("action") != ["initializeUpload"]:
            return Reply(400, {"status": 400, "message": "action=initializeUpload expected"})
        with self.lock:
            n = len(self.images) + 1
            urn = f"urn:li:image:C4E10AQDouble{n:04d}"
            self.images[urn] = b""
        return Reply(200, {"value": {"uploadUrlExpiresAt": int((dt.datetime.now(dt.UTC).timestamp() + 3600) * 1000),
                                     "uploadUrl": f"{self.url}/upload/{n}", "image": urn}})

    def put_image(self, request: Request, args: list[str]) -> Reply:
        urn = f"urn:li:image:C4E10AQDouble{int(args[0]):04d}"
        with self.lock:
            if urn not in self.images:
                return Reply(404, {"status": 404, "message": "no such upload"})
            self.images[urn] = request.body
        return Reply(201, None)

    def statistics(self, request: Request, _: list[str]) -> Reply:
        problem = self._protocol_problem(request)
        if problem:
            return problem
        if request.query.get("q") != ["organizationalEntity"]:
            return Reply(400, {"status": 400, "message": "q=organizationalEntity expected"})
        entity = request.query.get("organizationalEntity", [""])[0]
        wanted: list[str] = []
        for name in ("shares", "ugcPosts"):
            for value in request.query.get(name, []):
                match = re.fullmatch(r"List\((.*)\)", value)
                if not match:
                    return Reply(400, {"status": 400, "message": f"{name}: expected List(...), got {value}"})
                wanted += [u for u in match.group(1).split(",") if u]
        with self.lock:
            known = {p["urn"]: p for p in self.posts if p["body"]["author"] == entity}
            elements = [{"organizationalEntity": entity, "share": u, "totalShareStatistics": self.metrics(known[u])}
                        for u in wanted if u in known]
        return Reply(200, {"elements": elements, "paging": {"start": 0, "count": 10, "links": []}})

    def metrics(self, post: dict[str, Any]) -> dict[str, Any]:
        age, i = self.ticks - post["born"], post["index"]
        likes, comments, shares, clicks, impressions = age * (5 + i % 2), age, age // 2, age * (6 + i), age * 120
        return {"clickCount": clicks, "commentCount": comments, "likeCount": likes, "shareCount": shares,
                "impressionCount": impressions, "uniqueImpressionsCount": impressions // 2,
                "engagement": round((clicks + comments + likes + shares) / impressions, 4) if impressions else 0.0}

    def sent(self) -> list[dict[str, Any]]:
        with self.lock:
            return [p["body"] for p in self.posts]
