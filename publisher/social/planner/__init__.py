"""The planner: a pure function from pieces, rules and a clock to a plan of posts per channel.

    rules = rules_from(settings, library)          # ConfigError for rule problems
    plan = make_plan(library.pieces, rules, now, history=store.history())

`rules` reads the configuration once (rules.py); the calendar of slots and each channel's book of
taken slots live in calendar.py; plan.py orders launches, follow-ups and evergreen recycles, and
placement.py puts each on a slot with a free candidate (`Placer.place`; `Placer.recycle` is the same
search written out for evergreen recycles, most of a plan's posts, and tests/test_planner_recycle.py
pins it to `place`). fitting.py fits every candidate to its channels first (and reads each piece's
moment: moments.py); streaming.py tells a store's first-load writer the posts as they are placed. The
three tricks that keep a 10,000-piece plan fast (fast constructors, the collector paused, a forked
fitting helper) live in publisher/performance.py with the measurements that justify them.
"""

from publisher.social.planner.placement import SAME_TEXT_GAP
from publisher.social.planner.plan import make_plan
from publisher.social.planner.rules import CampaignRule, EvergreenRule, PlanRules, RuleSet, rules_from

__all__ = ["SAME_TEXT_GAP", "CampaignRule", "EvergreenRule", "PlanRules", "RuleSet", "make_plan", "rules_from"]
