"""What one attempt's outcome does to a post: pure functions, no store, no clock of their own.

    settlement(post, outcome, now, policy)   the post's next state after a send
    recovery(outcome, now, why)              the state of a post whose worker died mid-send

Nothing is ever resent blindly: an outcome that is not known becomes ``unconfirmed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from publisher.secrets import mask
from publisher.social.model import Failed, Outcome, Published, QueuedPost, RetryLater, Unconfirmed
from publisher.store import Finish


@dataclass(frozen=True)
class DispatchPolicy:
    max_attempts: int = 5
    """A post that still cannot go after this many retryable attempts is marked failed."""
    backoff: dt.timedelta = dt.timedelta(minutes=1)
    """Wait after the first retryable failure; doubled after each further one."""
    backoff_cap: dt.timedelta = dt.timedelta(hours=6)
    lease: dt.timedelta = dt.timedelta(minutes=15)
    """A claim older than this is stale even if its worker's host cannot be checked (longer than any send)."""
    reconcile_every: dt.timedelta = dt.timedelta(minutes=5)
    """How often a worker asks channels about unconfirmed posts."""


@dataclass(frozen=True)
class Settlement:
    """How one attempt's outcome changes the post (and maybe its channel)."""

    kind: str
    """published, retry, rate-limited, failed, channel-disabled or unconfirmed."""
    state: str
    detail: str
    values: dict[str, Any] = field(default_factory=dict)
    refund_attempt: bool = False
    disable_channel: str | None = None
    block_channel_until: dt.datetime | None = None

    def finish(self, post_id: int) -> Finish:
        """What the store writes for it."""
        return Finish(post_id, self.state, self.detail, self.values, self.refund_attempt, self.disable_channel,
                      self.block_channel_until)


def backoff_delay(attempts: int, policy: DispatchPolicy) -> dt.timedelta:
    return min(policy.backoff * (2 ** max(attempts - 1, 0)), policy.backoff_cap)


def settlement(post: QueuedPost, outcome: Outcome, now: dt.datetime, policy: DispatchPolicy) -> Settlement:
    """The post's next state after one attempt (``post.attempts`` already counts this attempt)."""
    if isinstance(outcome, Published):
        return Settlement("published", "published", f"published as {outcome.remote_id}", {
            "remote_id": outcome.remote_id, "remote_url": outcome.url, "last_error": None, "next_attempt_at": None})
    if isinstance(outcome, RetryLater):
        reason = mask(outcome.reason)
        if outcome.rate_limited:  # the network refused before doing anything: the attempt does not count
            return Settlement("rate-limited", "approved", f"rate limited until {outcome.at:%Y-%m-%d %H:%M:%S}Z: {reason}",
                              {"next_attempt_at": outcome.at, "last_error": reason}, refund_attempt=True,
                              block_channel_until=outcome.at)
        if post.attempts >= policy.max_attempts:
            return Settlement("failed", "failed", f"gave up after {post.attempts} attempts: {reason}",
                              {"last_error": reason, "next_attempt_at": None})
        at = max(outcome.at, now + backoff_delay(post.attempts, policy))
        return Settlement("retry", "approved", f"retry at {at:%Y-%m-%d %H:%M:%S}Z: {reason}",
                          {"next_attempt_at": at, "last_error": reason})
    if isinstance(outcome, Failed):
        reason = mask(outcome.reason)
        if outcome.disable_channel:  # the account is unusable, not the post: keep it for later
            return Settlement("channel-disabled", "approved", f"channel disabled: {reason}",
                              {"last_error": reason}, refund_attempt=True, disable_channel=reason)
        return Settlement("failed", "failed", f"failed: {reason}", {"last_error": reason, "next_attempt_at": None})
    reason = mask(outcome.reason) if isinstance(outcome, Unconfirmed) else f"unexpected outcome {outcome!r}"
    return Settlement("unconfirmed", "unconfirmed", f"unconfirmed: {reason}", {"last_error": reason})


def recovery(outcome: Outcome | None, now: dt.datetime, why: str) -> Settlement:
    """The state of a post whose claim went stale (its worker died mid-send), after reconcile."""
    if isinstance(outcome, Published):
        return Settlement("published", "published", f"{why}; found on the network as {outcome.remote_id}", {
            "remote_id": outcome.remote_id, "remote_url": outcome.url, "last_error": None})
    if isinstance(outcome, RetryLater):  # the channel proved the post never went out
        return Settlement("retry", "approved", f"{why}; {mask(outcome.reason)}",
                          {"next_attempt_at": max(outcome.at, now), "last_error": mask(outcome.reason)},
                          refund_attempt=True)
    if isinstance(outcome, Failed):
        return Settlement("failed", "failed", f"{why}; {mask(outcome.reason)}", {"last_error": mask(outcome.reason)})
    reason = mask(outcome.reason) if isinstance(outcome, Unconfirmed) else "the channel cannot look it up"
    return Settlement("unconfirmed", "unconfirmed", f"{why}; outcome unknown: {reason}",
                      {"last_error": f"{why}; outcome unknown: {reason}"})


__all__ = ["DispatchPolicy", "Settlement", "backoff_delay", "recovery", "settlement"]
