"""Loopback doubles of the social networks: one small HTTP server per network on 127.0.0.1.

The real client libraries (tweepy, Mastodon.py, atproto, httpx) talk to them through the
base-URL variables our channels support (X_BASE_URL, MASTODON_BASE_URL, BLUESKY_BASE_URL,
LINKEDIN_BASE_URL, WEBHOOK_URL), so no test patches our code. Nothing in publisher/ imports them.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from doubles.base import CREATED_ANYWAY, FAULTS, Double, Reply, Request
from doubles.bluesky import BlueskyDouble
from doubles.linkedin import LinkedInDouble
from doubles.mastodon import MastodonDouble
from doubles.webhook import WebhookDouble
from doubles.x import XDouble


def _discover() -> dict[str, type[Double]]:
    """Every double of this package, by the network it stands for (its ``name``), in the descriptors'
    order: a new network's double is found without anyone listing it."""
    from publisher.networks import keys

    found: dict[str, type[Double]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Double) and value.__module__ == module.__name__:
                found[value.name] = value
    return {key: found[key] for key in keys() if key in found}


DOUBLES: dict[str, type[Double]] = _discover()


def environment(double: Double, prefix: str = "") -> dict[str, str]:
    """The credential variables that point a channel of the double's network at the double."""
    return {prefix + k: v for k, v in double.environment().items()}


def channel_spec(network: str, **values: Any) -> Any:
    """A validated ChannelSpec, as the publisher block of mkdocs.yml would give it."""
    from publisher.config.options import Section
    from publisher.config.social import ChannelSpec

    spec = Section(ChannelSpec).run_validation({"network": network, **values})
    return spec


__all__ = ["CREATED_ANYWAY", "DOUBLES", "FAULTS", "BlueskyDouble", "Double", "LinkedInDouble", "MastodonDouble",
           "Reply", "Request", "WebhookDouble", "XDouble", "channel_spec", "environment"]
