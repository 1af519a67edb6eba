"""A Slack-style incoming webhook on 127.0.0.1: 200 "ok", 429 with Retry-After, 403 invalid_token."""

from __future__ import annotations

from typing import Any

from doubles.base import Double, Reply, Request, Route

PATH = "/services/T0DOUBLE/B0DOUBLE/webhookdoublesecret0001"


class WebhookDouble(Double):
    name = "webhook"

    def environment(self) -> dict[str, str]:
        return {"WEBHOOK_URL": self.hook_url}

    def __init__(self, latency: float = 0.0):
        super().__init__(latency)
        self.messages: list[dict[str, Any]] = []

    @property
    def hook_url(self) -> str:
        return self.url + PATH

    def routes(self) -> list[Route]:
        return [("POST", PATH, "create", self.create)]

    def rate_limited(self, reset: int) -> Reply:
        return Reply(429, "rate_limited", {"Retry-After": "900", "Content-Type": "text/plain"})

    def expired(self, request: Request) -> Reply:
        return Reply(403, "invalid_token", {"Content-Type": "text/plain"})

    def server_error(self) -> Reply:
        return Reply(500, "internal_error", {"Content-Type": "text/plain"})

    def create(self, request: Request, _: list[str]) -> Reply:
        body = request.json
        if not isinstance(body, dict) or not str(body.get("text", "")).strip():
            return Reply(400, "no_text", {"Content-Type": "text/plain"})
        with self.lock:
            self.messages.append(body)
        return Reply(200, "ok", {"Content-Type": "text/plain"})
