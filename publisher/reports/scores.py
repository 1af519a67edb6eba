"""The feedback loop: how well each excerpt did on each network, for the planner's evergreen choice.

The rule (an upper confidence bound, deterministic for the same store and clock):

1. Look at the published posts of the last 365 days, leaving out those younger than 3 days (their
   counters are still climbing). Each post's reward is its interactions plus the site visits its
   excerpt brought on that network (shared equally among that excerpt's posts there), divided by
   the network's average per post: 1.0 is an average post on that network.
2. Each excerpt starts with one imaginary average post (reward 1.0), so one lucky or unlucky post
   does not decide its fate: mean = (sum of rewards + 1) / (posts + 1).
3. Its score is mean + 0.5 * sqrt(ln(network posts + 1) / (posts + 1)): the fewer times an excerpt
   was tried, the bigger its benefit of the doubt.
4. Scores are shifted so that an excerpt never posted on a network scores exactly 0.0, which is
   what the planner assumes for an excerpt missing from the mapping. Proven excerpts score above
   0 and are recycled first; excerpts that did worse than an untried one would be expected to do
   score below 0, so new excerpts get their turn before the tired ones come back.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from publisher.reports.model import PostNumbers
from publisher.store import analytics as analytics_store
from publisher.store import reports as report_store
from publisher.store.database import Database

WINDOW_DAYS = 365
SETTLE_DAYS = 3
EXPLORATION = 0.5
PRIOR_POSTS = 1.0


def score_excerpts(posts: Iterable[PostNumbers], visits: Mapping[tuple[str, str], int],
                   exploration: float = EXPLORATION) -> dict[tuple[str, str], float]:
    """Pure: (network, excerpt id) -> score, from measured posts and visits per (network, excerpt)."""
    by_pair: dict[tuple[str, str], list[PostNumbers]] = defaultdict(list)
    for post in posts:
        if post.measured:
            by_pair[(post.network, post.excerpt_id)].append(post)
    gains: dict[tuple[str, str], list[float]] = {}
    for pair, items in by_pair.items():
        share = visits.get(pair, 0) / len(items)
        gains[pair] = [p.interactions + share for p in items]
    per_network: dict[str, list[float]] = defaultdict(list)
    for (network, _), values in gains.items():
        per_network[network].extend(values)
    scores: dict[tuple[str, str], float] = {}
    for (network, excerpt), values in sorted(gains.items()):
        pool = per_network[network]
        average = sum(pool) / len(pool) or 1.0
        spread = math.log(len(pool) + 1)
        mean = (sum(v / average for v in values) + PRIOR_POSTS) / (len(values) + PRIOR_POSTS)
        bound = mean + exploration * math.sqrt(spread / (len(values) + PRIOR_POSTS))
        untried = 1.0 + exploration * math.sqrt(spread / PRIOR_POSTS)
        scores[(network, excerpt)] = round(bound - untried, 9)
    return scores


def excerpt_scores(store: Database, now: dt.datetime) -> dict[tuple[str, str], float]:
    """Scores for `make_plan(..., scores=...)` from what the store measured up to ``now``."""
    start = now - dt.timedelta(days=WINDOW_DAYS)
    settled = now - dt.timedelta(days=SETTLE_DAYS)
    posts = report_store.post_numbers(store, start, settled, measured_until=now)
    visits: dict[tuple[str, str], int] = defaultdict(int)
    for source, medium, _campaign, content, count in analytics_store.visit_totals(store, start.date(), now.date()):
        if medium == "social" and content:
            visits[(source, content)] += count
    return score_excerpts(posts, visits)


__all__ = ["EXPLORATION", "SETTLE_DAYS", "WINDOW_DAYS", "excerpt_scores", "score_excerpts"]
