"""Loopback doubles of the social networks: one small HTTP server per network on 127.0.0.1.

The real client libraries (tweepy, Mastodon.py, atproto, httpx) talk to them through the
base-URL variables our channels support (X_BASE_URL, MASTODON_BASE_URL, BLUESKY_BASE_URL,
LINKEDIN_BASE_URL, WEBHOOK_URL), so no test patches our code. Nothing in publisher/ imports them.
"""

from __future__ import annotations

from typing import Any

from doubles import bluesky, linkedin, mastodon, x
from doubles.base import CREATED_ANYWAY, FAULTS, Double, Reply, Request
from doubles.bluesky import BlueskyDouble
from doubles.linkedin import LinkedInDouble
from doubles.mastodon import MastodonDouble
from doubles.webhook import WebhookDouble
from doubles.x import XDouble

DOUBLES: dict[str, type[Double]] = {"x": XDouble, "mastodon": MastodonDouble, "bluesky": BlueskyDouble,
                                    "linkedin": LinkedInDouble, "webhook": WebhookDouble}


def environment(double: Double, prefix: str = "") -> dict[str, str]:
    """The credential variables that point a channel of the double's network at the double."""
    env: dict[str, str]
    if isinstance(double, XDouble):
        env = {"X_API_KEY": "xdoubleconsumerkey0001", "X_API_SECRET": "xdoubleconsumersecret0001",
               "X_ACCESS_TOKEN": x.ACCESS_TOKEN, "X_ACCESS_TOKEN_SECRET": "xdoubleaccesssecret0001",
               "X_BASE_URL": double.url}
    elif isinstance(double, MastodonDouble):
        env = {"MASTODON_BASE_URL": double.url, "MASTODON_ACCESS_TOKEN": mastodon.ACCESS_TOKEN}
    elif isinstance(double, BlueskyDouble):
        env = {"BLUESKY_HANDLE": bluesky.HANDLE, "BLUESKY_APP_PASSWORD": bluesky.APP_PASSWORD,
               "BLUESKY_BASE_URL": double.url}
    elif isinstance(double, LinkedInDouble):
        env = {"LINKEDIN_ACCESS_TOKEN": linkedin.ACCESS_TOKEN, "LINKEDIN_AUTHOR_URN": linkedin.ORGANIZATION,
               "LINKEDIN_BASE_URL": double.url}
    else:
        assert isinstance(double, WebhookDouble)
        env = {"WEBHOOK_URL": double.hook_url}
    return {prefix + k: v for k, v in env.items()}


def channel_spec(network: str, **values: Any) -> Any:
    """A validated ChannelSpec, as the publisher block of mkdocs.yml would give it."""
    from publisher.config.options import Section
    from publisher.config.social import ChannelSpec

    spec = Section(ChannelSpec).run_validation({"network": network, **values})
    return spec


__all__ = ["CREATED_ANYWAY", "DOUBLES", "FAULTS", "BlueskyDouble", "Double", "LinkedInDouble", "MastodonDouble",
           "Reply", "Request", "WebhookDouble", "XDouble", "channel_spec", "environment"]
