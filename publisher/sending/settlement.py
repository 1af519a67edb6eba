"""What one attempt's outcome does to a post: pure functions, no store, no clock of their own.

    settlement(post, outcome, now, policy)   the post's next state after a send
    recovery(post_id, outcome, now, why)     the state of a post whose worker died mid-send

Nothing is ever resent blindly: an outcome that is not known becomes ``unconfirmed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from publisher.posts.model import Failed, Outcome, Published, QueuedPost, RetryLater, Unconfirmed
from publisher.store import Settlement


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


def backoff_delay(attempts: int, policy: DispatchPolicy) -> dt.timedelta:
    return min(policy.backoff * (2 ** max(attempts - 1, 0)), policy.backoff_cap)


def settlement(post: QueuedPost, outcome: Outcome, now: dt.datetime, policy: DispatchPolicy) -> Settlement:
    """The post's next state after one attempt (``post.attempts`` already counts this attempt)."""
    if isinstance(outcome, Published):
        return Settlement(post.id, "published", "published", f"published as {outcome.remote_id}", {
            "remote_id": outcome.remote_id, "remote_url": outcome.url, "last_error": None, "next_attempt_at": None})
    if isinstance(outcome, RetryLater):
        reason = outcome.reason
        if outcome.rate_limited:  # the network refused before doing anything: the attempt does not count
            return Settlement(post.id, "rate-limited", "approved", f"rate limited until {outcome.at:%Y-%m-%d %H:%M:%S}Z: {reason}",
                              {"next_attempt_at": outcome.at, "last_error": reason}, refund_attempt=True,
                              block_channel_until=outcome.at)
        if post.attempts >= policy.max_attempts:
            return Settlement(post.id, "failed", "failed", f"gave up after {post.attempts} attempts: {reason}",
                              {"last_error": reason, "next_attempt_at": None})
        at = max(outcome.at, now + backoff_delay(post.attempts, policy))
        return Settlement(post.id, "retry", "approved", f"retry at {at:%Y-%m-%d %H:%M:%S}Z: {reason}",
                          {"next_attempt_at": at, "last_error": reason})
    if isinstance(outcome, Failed):
        reason = outcome.reason
        if outcome.disable_channel:  # the account is unusable, not the post: keep it for later
            return Settlement(post.id, "channel-disabled", "approved", f"channel disabled: {reason}",
                              {"last_error": reason}, refund_attempt=True, disable_channel=reason)
        return Settlement(post.id, "failed", "failed", f"failed: {reason}", {"last_error": reason, "next_attempt_at": None})
    reason = outcome.reason if isinstance(outcome, Unconfirmed) else f"unexpected outcome {outcome!r}"
    return Settlement(post.id, "unconfirmed", "unconfirmed", f"unconfirmed: {reason}", {"last_error": reason})


def recovery(post_id: int, outcome: Outcome | None, now: dt.datetime, why: str) -> Settlement:
    """The state of a post whose claim went stale (its worker died mid-send), after reconcile."""
    if isinstance(outcome, Published):
        return Settlement(post_id, "published", "published", f"{why}; found on the network as {outcome.remote_id}", {
            "remote_id": outcome.remote_id, "remote_url": outcome.url, "last_error": None})
    if isinstance(outcome, RetryLater):  # the channel proved the post never went out
        return Settlement(post_id, "retry", "approved", f"{why}; {outcome.reason}",
                          {"next_attempt_at": max(outcome.at, now), "last_error": outcome.reason},
                          refund_attempt=True)
    if isinstance(outcome, Failed):
        return Settlement(post_id, "failed", "failed", f"{why}; {outcome.reason}", {"last_error": outcome.reason})
    reason = outcome.reason if isinstance(outcome, Unconfirmed) else "the channel cannot look it up"
    return Settlement(post_id, "unconfirmed", "unconfirmed", f"{why}; outcome unknown: {reason}",
                      {"last_error": f"{why}; outcome unknown: {reason}"})


__all__ = ["DispatchPolicy", "backoff_delay", "recovery", "settlement"]
