"""Share buttons: one link per network, each carrying the piece's URL tagged with UTM parameters."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from publisher.content.utm import with_utm
from publisher.networks import sharing
from publisher.site.i18n import label



@dataclass(frozen=True, slots=True)
class ShareLink:
    network: str
    """A network with a share link (publisher.networks), or email."""
    name: str
    """The network's name as shown (X, LinkedIn...)."""
    href: str
    title: str
    """Tooltip and accessible name, in the piece's language."""


def _q(value: str) -> str:
    # quote(), not urlencode(): mailto: and the intents want %20, and '+' would show up literally.
    return quote(value, safe="")


def share_url(network: str, *, url: str, text: str, summary: str = "", lang: str = "en",
              mastodon_instance: str = "mastodon.social") -> str:
    """The share link of one network for an already tagged ``url``."""
    if network == "email":
        body = label(lang, "email_body", summary=summary or text, url=url)
        return f"mailto:?subject={_q(text)}&body={_q(body)}"
    return sharing.share_url(network, url=url, text=text, mastodon_instance=mastodon_instance)


def share_links(page_url: str, *, title: str, summary: str, lang: str, campaign: str, networks: list[str],
                medium: str = "share-button", mastodon_instance: str = "mastodon.social") -> list[ShareLink]:
    """Share links for a piece at the absolute ``page_url``; utm_source is the network's key."""
    links: list[ShareLink] = []
    for network in networks:
        tagged = with_utm(page_url, source=network, medium=medium, campaign=campaign)
        name = label(lang, "email") if network == "email" else sharing.label(network)
        title_text = label(lang, "share_by_email") if network == "email" else label(lang, "share_on", network=name)
        href = share_url(network, url=tagged, text=title, summary=summary, lang=lang,
                         mastodon_instance=mastodon_instance)
        links.append(ShareLink(network, name, href, title_text))
    return links


__all__ = ["ShareLink", "share_links", "share_url"]
