"""Pure link builders of the site: UTM tagging and share buttons."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from publisher.content.utm import with_utm
from publisher.site.share import share_links, share_url


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


# -- share buttons ---------------------------------------------------------------------------------


def test_share_url_of_each_network() -> None:
    url = "https://ex.org/a/?utm_source=x"
    assert share_url("x", url=url, text="Hi & bye") == (
        "https://x.com/intent/post?text=Hi%20%26%20bye&url=https%3A%2F%2Fex.org%2Fa%2F%3Futm_source%3Dx")
    assert share_url("linkedin", url=url, text="t") == (
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fex.org%2Fa%2F%3Futm_source%3Dx")
    assert share_url("mastodon", url=url, text="t", mastodon_instance="https://fosstodon.org/") == (
        "https://fosstodon.org/share?text=t%20https%3A%2F%2Fex.org%2Fa%2F%3Futm_source%3Dx")
    assert share_url("bluesky", url=url, text="t").startswith("https://bsky.app/intent/compose?text=t%20https%3A")
    mail = share_url("email", url=url, text="Subject", summary="Why it matters.", lang="fr")
    subject, body = mail.removeprefix("mailto:?subject=").split("&body=")
    assert subject == "Subject"
    assert unquote(body) == f"Why it matters.\n\nLire la suite\u00a0: {url}"
    with pytest.raises(ValueError):
        share_url("myspace", url=url, text="t")


def test_share_links_tag_each_network_and_speak_the_piece_language() -> None:
    links = share_links("https://ex.org/articles/a/", title="Titre", summary="Résumé", lang="fr", campaign="c1",
                        networks=["x", "email"], medium="share-button")
    assert [link.network for link in links] == ["x", "email"]
    assert [link.title for link in links] == ["Partager sur X", "Partager par e-mail"]
    assert [link.name for link in links] == ["X", "E-mail"]
    shared = parse_qs(urlsplit(links[0].href).query)["url"][0]
    assert _query(shared) == {"utm_source": ["x"], "utm_medium": ["share-button"], "utm_campaign": ["c1"]}
