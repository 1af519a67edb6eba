"""Meta's Threads API (graph.threads.net/v1.0) as httpx sees it, on 127.0.0.1.

Written from Meta's Threads documentation (pages "Posts", "Insights", "Overview > Rate limiting",
"Troubleshooting" and the Graph API's "Handling errors"), and held to it: every request is checked
against SPEC below, and one that breaks it gets the Graph API's error answer (400, OAuthException
code 100) and is recorded in `violations`, so a test fails when our adapter sends something
Threads would refuse. Like Threads it publishes in two steps (a media container, then
threads_publish with its creation_id), counts text as Threads does (500 characters, an emoji as
its UTF-8 bytes), takes one topic tag and at most 5 links, reads image containers as FINISHED
once "fetched", and answers insights as lifetime values.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from doubles.base import Double, Reply, Request, Route

USER_ID = "17841400000000001"
ACCESS_TOKEN = "THAA-threads-double-token-0123456789abcdef"
USERNAME = "clairval"

# What the documentation says each call takes (parameters) and allows (values).
SPEC: dict[str, Any] = {
    "container": {
        "media_type": ("TEXT", "IMAGE", "VIDEO", "CAROUSEL"),  # required
        "optional": ("text", "image_url", "video_url", "is_carousel_item", "alt_text", "link_attachment",
                     "topic_tag", "reply_control", "reply_to_id", "quote_post_id", "children", "access_token"),
        "text_limit": 500,  # "Text posts are limited to 500 characters"; "Emojis are counted as ... UTF-8 bytes"
        "alt_text_limit": 1000,
        "links_limit": 5,  # THREADS_API__LINK_LIMIT_EXCEEDED beyond 5
        "topic_tag": r"[^.&\n\t]{1,50}",  # 1-50 characters, no periods or ampersands
    },
    "publish": {"required": ("creation_id",), "optional": ("access_token",)},
    "metrics": ("views", "likes", "replies", "reposts", "quotes", "shares", "clicks"),
}
_URL = re.compile(r"https?://\S+")


def threads_length(text: str) -> int:
    """Threads' count, written apart from the adapter's: one per character, but a pictograph, its
    variation selector, joiner, skin tone or tag character count their UTF-8 bytes."""
    total = 0
    for ch in text:
        point = ord(ch)
        emoji = (point >= 0x1F000 or unicodedata.category(ch) == "So" or point in (0x200D, 0xFE0F, 0x20E3)
                 or 0xE0020 <= point <= 0xE007F)
        total += len(ch.encode("utf-8")) if emoji else 1
    return total


class ThreadsDouble(Double):
    name = "threads"

    def environment(self) -> dict[str, str]:
        return {"THREADS_USER_ID": USER_ID, "THREADS_ACCESS_TOKEN": ACCESS_TOKEN, "THREADS_BASE_URL": self.url}

    def __init__(self, latency: float = 0.0):
        super().__init__(latency)
        self.containers: dict[str, dict[str, str]] = {}
        self.posts: list[dict[str, Any]] = []
        self.violations: list[str] = []

    def routes(self) -> list[Route]:
        return [
            ("POST", "/v1.0/{}/threads", "container", self.create_container),
            ("POST", "/v1.0/{}/threads_publish", "create", self.publish),
            ("GET", "/v1.0/{}/threads", "lookup", self.user_threads),
            ("GET", "/v1.0/{}/insights", "read", self.insights),
            ("GET", "/v1.0/{}", "lookup", self.node),
        ]

    def authorized(self, request: Request) -> bool:
        given = request.header("authorization").removeprefix("Bearer ")
        given = given or (request.query.get("access_token") or request.form.get("access_token") or [""])[0]
        return given == ACCESS_TOKEN

    # The Graph API's answers ----------------------------------------------------------------------

    @staticmethod
    def error(status: int, code: int, message: str, subcode: int | None = None, kind: str = "OAuthException") -> Reply:
        body: dict[str, Any] = {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEfDouble"}
        if subcode is not None:
            body["error_subcode"] = subcode
        return Reply(status, {"error": body})

    def rate_limited(self, reset: int) -> Reply:
        return self.error(429, 4, "Application request limit reached")

    def expired(self, request: Request) -> Reply:
        return self.error(400, 190, "Error validating access token: Session has expired on Tuesday, 01-Dec-26 "
                                    "09:00:00 PST.", subcode=463)

    def server_error(self) -> Reply:
        return self.error(500, 2, "An unexpected error has occurred. Please retry your request later.",
                          kind="OAuthException")

    def _invalid(self, message: str) -> Reply:
        with self.lock:
            self.violations.append(message)
        return self.error(400, 100, f"Invalid parameter: {message}")

    # Routes ---------------------------------------------------------------------------------------

    def create_container(self, request: Request, args: list[str]) -> Reply:
        if args[0] != USER_ID:
            return self._invalid(f"unknown threads-user-id {args[0]}")
        fields = {k: v[0] for k, v in {**request.query, **request.form}.items()}
        spec = SPEC["container"]
        unknown = sorted(set(fields) - {"media_type", *spec["optional"]})
        if unknown:
            return self._invalid(f"unknown parameters {unknown}")
        kind = fields.get("media_type", "")
        if kind not in spec["media_type"]:
            return self._invalid(f"media_type must be one of {spec['media_type']}, got {kind!r}")
        text = fields.get("text", "")
        if kind == "TEXT" and not text:
            return self._invalid("text is required for media_type=TEXT")
        if kind == "IMAGE" and not fields.get("image_url", "").startswith(("http://", "https://")):
            return self._invalid("image_url (a public URL) is required for media_type=IMAGE")
        if "link_attachment" in fields and kind != "TEXT":
            return self._invalid("link_attachment is only for TEXT posts")
        if "alt_text" in fields and (kind not in ("IMAGE", "VIDEO") or len(fields["alt_text"]) > spec["alt_text_limit"]):
            return self._invalid("alt_text is for IMAGE and VIDEO posts, up to 1000 characters")
        if threads_length(text) > spec["text_limit"]:
            return self._invalid(f"text is {threads_length(text)} characters as Threads counts, limit 500")
        if "topic_tag" in fields and not re.fullmatch(spec["topic_tag"], fields["topic_tag"]):
            return self._invalid(f"topic_tag {fields['topic_tag']!r}: 1-50 characters, no periods or ampersands")
        links = set(_URL.findall(text)) | ({fields["link_attachment"]} if "link_attachment" in fields else set())
        if len(links) > spec["links_limit"]:
            return self.error(400, 100, "THREADS_API__LINK_LIMIT_EXCEEDED")
        with self.lock:
            # reply_to_id: "the ID of a reply's parent post" (Threads API, Reply Management): a published post
            if "reply_to_id" in fields and fields["reply_to_id"] not in {p["id"] for p in self.posts}:
                return self.error(400, 100, "The requested reply_to_id does not exist")
            container = f"1790{len(self.containers) + 1:011d}"
            self.containers[container] = fields
        return Reply(200, {"id": container})

    def publish(self, request: Request, args: list[str]) -> Reply:
        if args[0] != USER_ID:
            return self._invalid(f"unknown threads-user-id {args[0]}")
        fields = {k: v[0] for k, v in {**request.query, **request.form}.items()}
        unknown = sorted(set(fields) - {*SPEC["publish"]["required"], *SPEC["publish"]["optional"]})
        if unknown or "creation_id" not in fields:
            return self._invalid(f"creation_id is required; unknown parameters {unknown}")
        with self.lock:
            container = self.containers.get(fields["creation_id"])
            if container is None:
                return self.error(400, 24, "The requested resource does not exist", subcode=4279009,
                                  kind="THApiException")
            if container.get("published"):
                return self.error(400, 10, "The media container has already been published", kind="THApiException")
            container["published"] = "yes"
            media = f"1800{len(self.posts) + 1:011d}"
            self.posts.append({"id": media, "fields": dict(container), "born": self.ticks, "index": len(self.posts),
                               "timestamp": dt.datetime.now(dt.UTC)})
        return Reply(200, {"id": media})

    def node(self, request: Request, args: list[str]) -> Reply:
        wanted = (request.query.get("fields") or ["id"])[0].split(",")
        with self.lock:
            if args[0] in self.containers:
                found = {"id": args[0], "status": "PUBLISHED" if self.containers[args[0]].get("published")
                         else "FINISHED"}
            else:
                post = next((p for p in self.posts if p["id"] == args[0]), None)
                if post is None:
                    return self.error(400, 100, f"Object with ID '{args[0]}' does not exist", subcode=33,
                                      kind="GraphMethodException")
                found = self._public(post)
        return Reply(200, {k: v for k, v in found.items() if k in wanted or k == "id"})

    def user_threads(self, request: Request, args: list[str]) -> Reply:
        if args[0] != USER_ID:
            return self._invalid(f"unknown threads-user-id {args[0]}")
        limit = min(int((request.query.get("limit") or ["25"])[0]), 100)
        wanted = (request.query.get("fields") or ["id"])[0].split(",")
        after = (request.query.get("after") or [""])[0]  # cursors are opaque to clients, as Meta's are
        skip = int(after.removeprefix("QVFIU") or 0) if after.startswith("QVFIU") else 0
        with self.lock:
            newest_first = list(reversed(self.posts))
            data = [{k: v for k, v in self._public(p).items() if k in wanted or k == "id"}
                    for p in newest_first[skip:skip + limit]]
            more = skip + limit < len(newest_first)
        paging: dict[str, Any] = {"cursors": {"before": f"QVFIU{skip}", "after": f"QVFIU{skip + limit}"}}
        if more:
            paging["next"] = f"{self.url}/v1.0/{USER_ID}/threads?limit={limit}&after=QVFIU{skip + limit}"
        return Reply(200, {"data": data, "paging": paging})

    def insights(self, request: Request, args: list[str]) -> Reply:
        metrics = (request.query.get("metric") or [""])[0].split(",")
        bad = [m for m in metrics if m not in SPEC["metrics"]]
        if bad or not metrics[0]:
            return self._invalid(f"metric must be among {SPEC['metrics']}, got {bad or metrics}")
        with self.lock:
            post = next((p for p in self.posts if p["id"] == args[0]), None)
            if post is None:
                return self.error(400, 100, f"Object with ID '{args[0]}' does not exist", subcode=33,
                                  kind="GraphMethodException")
            counts = self.metrics(post)
        data = [{"name": m, "period": "lifetime", "values": [{"value": counts[m]}], "title": m.title(),
                 "description": f"The number of {m} of your post.", "id": f"{args[0]}/insights/{m}/lifetime"}
                for m in metrics]
        return Reply(200, {"data": data})

    def metrics(self, post: dict[str, Any]) -> dict[str, int]:
        age, i = self.ticks - post["born"], post["index"]
        return {"views": age * 90, "likes": age * (4 + i % 3), "replies": age, "reposts": age // 2,
                "quotes": age // 3, "shares": age // 4, "clicks": age * 2}

    def _public(self, post: dict[str, Any]) -> dict[str, Any]:
        fields = post["fields"]
        return {"id": post["id"], "text": fields.get("text", ""), "media_type": fields.get("media_type", "TEXT"),
                "permalink": f"https://www.threads.com/@{USERNAME}/post/D{post['id'][-6:]}",
                "timestamp": post["timestamp"].strftime("%Y-%m-%dT%H:%M:%S+0000"), "username": USERNAME,
                "topic_tag": fields.get("topic_tag"), "link_attachment_url": fields.get("link_attachment")}

    def sent(self) -> list[dict[str, str]]:
        with self.lock:
            return [p["fields"] for p in self.posts]
