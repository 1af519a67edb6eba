"""Internal channels: one JSON POST to an incoming webhook (Slack, Microsoft Teams, Mattermost...).

Slack, Teams' incoming webhooks and Mattermost all accept {"text": ...}; the link is appended
when the text does not carry it, and the chat unfurls it. A webhook has no post ids, no
metrics and no way to look a message up, so an unknown outcome stays unconfirmed.
"""

from __future__ import annotations

from functools import cached_property

import httpx

from publisher.posts.model import Outcome, Published, QueuedPost
from publisher.sending.channels import http
from publisher.sending.channels.base import Channel

_URL_NAMES = "WEBHOOK_URL (the chat revoked or never had this incoming webhook)"


class WebhookChannel(Channel):
    """An incoming webhook URL of a chat (the URL itself is the secret)."""

    network = "webhook"

    def validate_credentials(self) -> None:
        self.url = http.base_url(self.credentials["WEBHOOK_URL"], "https://hooks.slack.com/services/...",
                                 "WEBHOOK_URL", self.name)
        self.timeout = http.timeout_of(self.settings)

    @cached_property
    def client(self) -> httpx.Client:
        return httpx.Client(timeout=self.timeout)

    def close(self) -> None:
        if "client" in self.__dict__:
            self.client.close()

    def send(self, post: QueuedPost) -> Outcome:
        text = post.text if not post.link or post.link in post.text else f"{post.text}\n{post.link}"
        try:
            response = self.client.post(self.url, json={"text": text})
        except Exception as e:
            return http.for_transport_error("webhook", e)
        status = response.status_code
        if 200 <= status < 300:
            return Published(remote_id=f"webhook-{post.id}")
        said = http.detail(response.text or response.reason_phrase)
        if status == 429:
            return http.rate_limited("webhook", http.limit_lifts(response.headers))
        if status in (401, 403, 404, 410):  # Slack: invalid_token / no_service; Teams: gone
            return http.token_refused("webhook", _URL_NAMES, f"{status} {said}")
        return http.for_status("webhook", status, said)
