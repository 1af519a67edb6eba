"""Pure link builders of the site: UTM tagging and share buttons."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from publisher.site.utm import with_utm


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def test_with_utm_adds_the_three_parameters() -> None:
    url = with_utm("https://ex.org/articles/a/", source="x", medium="share-button", campaign="launch")
    assert url.startswith("https://ex.org/articles/a/?")
    assert _query(url) == {"utm_source": ["x"], "utm_medium": ["share-button"], "utm_campaign": ["launch"]}


def test_with_utm_keeps_other_parameters_verbatim_and_the_fragment() -> None:
    url = with_utm("https://ex.org/p/?ref=a%20b&empty=&q=1#part", source="linkedin", medium="social",
                   campaign="c", content="quote-1")
    assert url.startswith("https://ex.org/p/?ref=a%20b&empty=&q=1&")
    assert url.endswith("#part")
    assert _query(url)["utm_content"] == ["quote-1"]


def test_with_utm_replaces_existing_utm_instead_of_duplicating() -> None:
    once = with_utm("https://ex.org/?utm_source=old&utm_content=x&a=1", source="bluesky", medium="m", campaign="c")
    twice = with_utm(once, source="bluesky", medium="m", campaign="c")
    assert once == twice
    assert _query(twice) == {"a": ["1"], "utm_source": ["bluesky"], "utm_medium": ["m"], "utm_campaign": ["c"]}


@pytest.mark.parametrize("campaign", ["Cloud souverain 2026", "a&b=c", "été/2026"])
def test_with_utm_encodes_values(campaign: str) -> None:
    url = with_utm("https://ex.org/", source="email", medium="share-button", campaign=campaign)
    assert _query(url)["utm_campaign"] == [campaign]
