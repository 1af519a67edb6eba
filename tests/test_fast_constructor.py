"""fast_constructor: the planner's quick way to make PlannedPosts and LinkCards gives exactly the objects
the dataclasses' own constructors give (equal, same hash, still frozen)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from publisher.performance import fast_constructor
from publisher.posts.model import LinkCard, PlannedPost


def test_fast_constructor_makes_the_same_frozen_objects() -> None:
    card = LinkCard("https://x.example/a/?utm_content=1", "Title", "Summary", "img/a.jpg", "Alt")
    assert fast_constructor(LinkCard)(*dataclasses.astuple(card)) == card
    post = PlannedPost("a:x:launch", "a", "x", "x", "launch", "e1", "quote", "Text", "https://x.example/a/",
                       dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), "en", "camp", card, 120, 280, "approved")
    fast = fast_constructor(PlannedPost)(*(getattr(post, f.name) for f in dataclasses.fields(PlannedPost)))
    assert type(fast) is PlannedPost and fast == post and hash(fast) == hash(post) and repr(fast) == repr(post)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "changed"  # type: ignore[misc]


def test_fast_constructor_refuses_classes_without_slots() -> None:
    @dataclasses.dataclass(frozen=True)
    class Loose:
        a: int

    with pytest.raises(TypeError, match="slotted dataclass"):
        fast_constructor(Loose)


def test_fast_constructor_builds_through_a_twin_and_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick path (a plain twin class switched to the dataclass) and the fallback (the slots' setters)
    give the same objects; the twin never shows."""
    from publisher import performance

    card = LinkCard("https://x.example/a/", "Title", "Summary", None, "")
    quick = fast_constructor(LinkCard)
    assert quick.__globals__["_twin"] is not None
    monkeypatch.setattr(performance, "_twin", lambda cls: None)
    plain = fast_constructor(LinkCard)
    assert plain.__globals__["_twin"] is None
    for make in (quick, plain):
        made = make(*dataclasses.astuple(card))
        assert type(made) is LinkCard and made == card and hash(made) == hash(card)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.title = "changed"  # type: ignore[misc]
