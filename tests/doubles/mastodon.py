"""A Mastodon instance as Mastodon.py sees it, on 127.0.0.1.

Statuses follow Mastodon's documentation (tests/test_doubles_spec.py parses the documented form
parameters and Status attributes): POST /api/v1/statuses honours the Idempotency-Key (a second
request with the same key returns the first status), GET /api/v1/statuses/:id gives the counts,
the account's statuses come back as HTML, and both instance endpoints answer (Mastodon.py calls
them before media uploads and recurses without them).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from doubles.base import Double, Reply, Request, Route

ACCESS_TOKEN = "mastodon-double-token-0123456789abcdef"
ACCOUNT = {"id": "109000000000000001", "username": "clairval", "acct": "clairval",
           "display_name": "Clairval", "url": "https://social.example/@clairval", "locked": False, "bot": False,
           "created_at": "2024-01-01T00:00:00.000Z", "note": "", "avatar": "", "header": "",
           "followers_count": 10, "following_count": 1, "statuses_count": 0, "emojis": [], "fields": []}
INSTANCE = {"domain": "social.example", "uri": "social.example", "title": "Double", "version": "4.3.0",
            "source_url": "https://github.com/mastodon/mastodon", "description": "A loopback double",
            "configuration": {"statuses": {"max_characters": 500, "max_media_attachments": 4,
                                           "characters_reserved_per_url": 23}}}
_TOKEN = re.compile(r"https?://\S+|(?<!\S)#\w+")


class MastodonDouble(Double):
    name = "mastodon"

    def environment(self) -> dict[str, str]:
        return {"MASTODON_BASE_URL": self.url, "MASTODON_ACCESS_TOKEN": ACCESS_TOKEN}

    def __init__(self, latency: float = 0.0):
        super().__init__(latency)
        self.statuses: list[dict[str, Any]] = []
        self.keys: dict[str, str] = {}
        self.media: dict[str, dict[str, Any]] = {}
        """Uploaded attachments by id: {"bytes", "description", "mime"} (POST /api/v2/media)."""

    def routes(self) -> list[Route]:
        return [
            ("GET", "/api/v1/instance", "public", self.instance),
            ("GET", "/api/v2/instance", "public", self.instance),
            ("POST", "/api/v1/statuses", "create", self.create),
            ("POST", "/api/v2/media", "upload", self.upload),
            ("GET", "/api/v1/statuses/{}", "read", self.status),
            ("GET", "/api/v1/accounts/verify_credentials", "read", self.me),
            ("GET", "/api/v1/accounts/{}/statuses", "read", self.account_statuses),
        ]

    def authorized(self, request: Request) -> bool:
        return request.header("authorization") == f"Bearer {ACCESS_TOKEN}"

    def rate_limited(self, reset: int) -> Reply:
        at = dt.datetime.fromtimestamp(reset, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        return Reply(429, {"error": "Too many requests"},
                     {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": at})

    def expired(self, request: Request) -> Reply:
        return Reply(401, {"error": "The access token is invalid"})

    def server_error(self) -> Reply:
        return Reply(500, {"error": "We're sorry, but something went wrong on our end."})

    # Routes ---------------------------------------------------------------------------------------

    def instance(self, request: Request, _: list[str]) -> Reply:
        return Reply(200, INSTANCE)

    def create(self, request: Request, _: list[str]) -> Reply:
        form = {k: v[-1] for k, v in request.form.items()}
        text = form.get("status", "")
        if not text.strip():
            return Reply(422, {"error": "Validation failed: Text can't be blank"})
        media_ids = request.form.get("media_ids[]", [])
        with self.lock:
            unknown = [m for m in media_ids if m not in self.media]
        if unknown or len(media_ids) > 4:
            return Reply(422, {"error": f"Validation failed: media_ids {unknown or media_ids} are not yours"})
        form["media_ids"] = media_ids  # type: ignore[assignment]
        key = request.header("idempotency-key")
        reply_to = form.get("in_reply_to_id")
        with self.lock:
            if key and key in self.keys:  # the server keeps keys for an hour: same status again
                return Reply(200, self._view(self._get(self.keys[key])))
            # in_reply_to_id must name a status the server knows: Mastodon looks it up and answers 404
            # (StatusesController#create: Status.find) for one that does not exist.
            if reply_to is not None and self._get(reply_to) is None:
                return Reply(404, {"error": "Record not found"})
            status_id = str(110_000_000_000_000_000 + len(self.statuses) + 1)
            self.statuses.append({"id": status_id, "text": text, "form": form, "key": key,
                                  "index": len(self.statuses), "born": self.ticks,
                                  "created_at": dt.datetime.now(dt.UTC)})
            if key:
                self.keys[key] = status_id
            return Reply(200, self._view(self.statuses[-1]))

    def upload(self, request: Request, _: list[str]) -> Reply:
        """POST /api/v2/media: multipart `file` (and `description`, the alt text, up to 1,500 characters)."""
        if not request.header("content-type").startswith("multipart/form-data"):
            return Reply(422, {"error": "Validation failed: File can't be blank"})
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + request.header("content-type").encode() + b"\r\n\r\n" + request.body)
        parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        file = parts.get("file")
        if file is None:
            return Reply(422, {"error": "Validation failed: File can't be blank"})
        raw = parts["description"].get_payload(decode=True) if "description" in parts else None
        description = raw.decode("utf-8") if isinstance(raw, bytes) else None  # form fields are UTF-8
        if description is not None and len(description) > 1500:
            return Reply(422, {"error": "Validation failed: Description is too long (maximum is 1500 characters)"})
        data = file.get_payload(decode=True) or b""
        with self.lock:
            media_id = str(220_000_000 + len(self.media) + 1)
            self.media[media_id] = {"bytes": data, "description": description, "mime": file.get_content_type()}
        return Reply(200, self._attachment(media_id))

    def _attachment(self, media_id: str) -> dict[str, Any]:
        media = self.media[media_id]
        return {"id": media_id, "type": "image",
                "url": f"https://files.social.example/media_attachments/{media_id}/original.png",
                "preview_url": f"https://files.social.example/media_attachments/{media_id}/small.png",
                "remote_url": None, "meta": {"original": {"width": 1200, "height": 630,
                                                                             "size": "1200x630", "aspect": 1.9}},
                "description": media["description"], "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}"}

    def status(self, request: Request, args: list[str]) -> Reply:
        with self.lock:
            found = self._get(args[0])
            return Reply(200, self._view(found)) if found else Reply(404, {"error": "Record not found"})

    def me(self, request: Request, _: list[str]) -> Reply:
        return Reply(200, {**ACCOUNT, "statuses_count": len(self.statuses)})

    def account_statuses(self, request: Request, args: list[str]) -> Reply:
        limit = min(int(request.query.get("limit", ["20"])[0]), 40)
        max_id = request.query.get("max_id", [""])[0]
        with self.lock:
            # exclude_replies: "Filter out statuses in reply to a different account" (Status.without_replies
            # keeps a reply to the account's own status: a thread stays on its profile)
            mine = {s["id"] for s in self.statuses}
            others = request.query.get("exclude_replies", ["false"])[0] in ("true", "1", "True")
            older = [s for s in reversed(self.statuses) if (not max_id or int(s["id"]) < int(max_id))
                     and not (others and s["form"].get("in_reply_to_id") not in (None, *mine))]
            return Reply(200, [self._view(s) for s in older][:limit])

    # Views ------------------------------------------------------------------------------------------

    def _get(self, status_id: str) -> dict[str, Any] | None:
        return next((s for s in self.statuses if s["id"] == status_id), None)

    def metrics(self, status: dict[str, Any]) -> dict[str, int]:
        age, i = self.ticks - status["born"], status["index"]
        return {"favourites_count": age * (3 + i % 2), "reblogs_count": age * (1 + i % 3),
                "replies_count": age, "quotes_count": age // 2}

    def _view(self, status: dict[str, Any]) -> dict[str, Any]:
        form = status["form"]
        return {
            "id": status["id"], "uri": f"https://social.example/users/clairval/statuses/{status['id']}",
            "url": f"https://social.example/@clairval/{status['id']}",
            "created_at": status["created_at"].strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "account": ACCOUNT, "content": as_html(status["text"]), "visibility": form.get("visibility", "public"),
            "sensitive": form.get("sensitive") in ("true", "1", "True"), "spoiler_text": form.get("spoiler_text", ""),
            "media_attachments": [self._attachment(m) for m in form.get("media_ids", [])],
            "application": {"name": "publisher", "website": None},
            "mentions": [], "tags": [{"name": t[1:].lower(), "url": f"https://social.example/tags/{t[1:].lower()}"}
                                     for t in re.findall(r"(?<!\S)#\w+", status["text"])],
            "emojis": [], **self.metrics(status), "in_reply_to_id": form.get("in_reply_to_id"),
            "in_reply_to_account_id": ACCOUNT["id"] if form.get("in_reply_to_id") else None,
            "reblog": None, "poll": None, "card": None, "language": form.get("language"), "edited_at": None,
            "favourited": False, "reblogged": False, "muted": False, "bookmarked": False, "pinned": False,
        }

    def sent_texts(self) -> list[str]:
        with self.lock:
            return [s["text"] for s in self.statuses]

    def replied_to(self) -> list[str | None]:
        """Per status, in order: the id it answers (in_reply_to_id), None for a status on its own."""
        with self.lock:
            return [s["form"].get("in_reply_to_id") for s in self.statuses]


def as_html(text: str) -> str:
    """Content as Mastodon renders it: paragraphs, links split into display spans, hashtag links."""
    def token(match: re.Match[str]) -> str:
        value = match.group(0)
        if value.startswith("#"):
            return (f'<a href="https://social.example/tags/{value[1:].lower()}" class="mention hashtag" '
                    f'rel="tag">#<span>{html.escape(value[1:])}</span></a>')
        scheme, rest = value.split("://", 1)
        shown, hidden = rest[:30], rest[30:]
        return (f'<a href="{html.escape(value)}" target="_blank" rel="nofollow noopener"><span class="invisible">'
                f'{scheme}://</span><span class="{"ellipsis" if hidden else ""}">{html.escape(shown)}</span>'
                f'<span class="invisible">{html.escape(hidden)}</span></a>')

    paragraphs = []
    for para in text.split("\n\n"):
        parts, last = [], 0
        for match in _TOKEN.finditer(para):
            parts.append(html.escape(para[last:match.start()]))
            parts.append(token(match))
            last = match.end()
        parts.append(html.escape(para[last:]))
        paragraphs.append("<p>" + "".join(parts).replace("\n", "<br />") + "</p>")
    return "".join(paragraphs)
