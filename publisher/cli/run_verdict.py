"""What a pass of the dispatcher means for cron and CI: the exit code of `publisher run`, the worker's alarms.

    0  everything due went out (or waits for a retry, a rate limit or a pause the team set)
    4  a post ended failed or unconfirmed in this run: a person must look (publisher queue --state ...)
    5  a channel is down: disabled after an authentication failure, or held by half-set credentials

A channel down is the louder of the two: 5 wins when both happen. Usage errors exit 2 (click),
problems in the configuration or content 1, an unreachable store 3 (publisher.cli.app).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

EXIT_OK = 0
EXIT_POSTS = 4
EXIT_CHANNEL_DOWN = 5
EXIT_MEANINGS = {EXIT_POSTS: "a post failed or is unconfirmed", EXIT_CHANNEL_DOWN: "a channel is down"}


@dataclass
class Verdict:
    """The alarms of one run or pass, each a line a person can act on, and the exit code they make."""

    failed: list[int] = field(default_factory=list)
    unconfirmed: list[int] = field(default_factory=list)
    down: dict[str, str] = field(default_factory=dict)
    """Channel -> why it cannot send (disabled, held by its credentials)."""

    @property
    def code(self) -> int:
        if self.down:
            return EXIT_CHANNEL_DOWN
        if self.failed or self.unconfirmed:
            return EXIT_POSTS
        return EXIT_OK

    def lines(self) -> list[str]:
        out = []
        if self.failed:
            out.append(f"failed: post{'s' if len(self.failed) > 1 else ''} {', '.join(map(str, self.failed))} "
                       f"(publisher queue --state failed)")
        if self.unconfirmed:
            out.append(f"unconfirmed: post{'s' if len(self.unconfirmed) > 1 else ''} "
                       f"{', '.join(map(str, self.unconfirmed))} (publisher queue --state unconfirmed, then "
                       f"publisher confirm)")
        out.extend(f"channel down: {name}: {why}" for name, why in sorted(self.down.items()))
        return out


def verdict(settled: Iterable[tuple[Any, Any]], disabled: Mapping[str, str], held: Mapping[str, str],
            channels: Iterable[str]) -> Verdict:
    """``settled``: (post, Settlement) of this run; ``disabled``: channel -> reason from the store;
    ``held``: channel -> why its credentials hold it; ``channels``: the channels this run served."""
    found = Verdict()
    for post, result in settled:
        if result.kind == "failed":
            found.failed.append(post.id)
        elif result.kind == "unconfirmed":
            found.unconfirmed.append(post.id)
    served = set(channels)
    for name, why in disabled.items():
        if name in served:
            found.down[name] = f"disabled ({why}); fix it, then publisher resume --channel {name}"
    for name, why in held.items():
        if name in served or not served:
            found.down.setdefault(name, f"held: {why}")
    return found
