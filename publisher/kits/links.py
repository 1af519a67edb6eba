"""Where kits live and what their links carry, in one place for the site, the digest and kit.js.

    kit page        /share/<type folder>/<slug>/            one static page per published piece
    personal link   /share/<type folder>/<slug>/?a=<key>    what the digest sends each ambassador
    piece link      <piece URL>?utm_source=<network>&utm_medium=advocacy&utm_campaign=<campaign>
                    [&utm_content=<key>]                     utm_content only when the kit knows who

The reports join on exactly these: utm_medium=advocacy, utm_content=<ambassador key> (see
publisher.reports.aggregate). utm_content comes last, so a personal link is the anonymous one plus
``&utm_content=<key>``, and a share URL is the anonymous one with the percent-encoded link grown the
same way. kit.js does that substitution in the browser; `personal_link` and `personal_share_url`
are the same rule in Python (tests hold them equal).
"""

from __future__ import annotations

from urllib.parse import quote

from publisher.content.utm import with_utm
from publisher.networks.sharing import kit_networks, share_url

ADVOCACY = "advocacy"
"""utm_medium of every link in a kit."""
SHARE_DIR = "share"
AMBASSADOR_PARAM = "a"
"""The query parameter of a personal kit link: /share/<piece>/?a=<ambassador key>."""
KIT_NETWORKS = kit_networks()
"""Networks a kit prepares texts for, in the order the page shows them (their descriptors' kit_order:
LinkedIn first, it is where sales people's audience is)."""
CONTENT_JOIN = "&utm_content="


def kit_path(piece_key: str, *, directory_urls: bool = True) -> str:
    """Site-relative URL of a piece's kit: share/<type folder>/<slug>/ (the key is unique by construction),
    or .../index.html without directory URLs (where MkDocs writes `kit_src`)."""
    return f"{SHARE_DIR}/{piece_key}/" if directory_urls else f"{SHARE_DIR}/{piece_key}/index.html"


def kit_src(piece_key: str) -> str:
    """The virtual Markdown file MkDocs builds the kit page from."""
    return f"{SHARE_DIR}/{piece_key}/index.md"


def personal_kit_url(kit_url: str, ambassador: str) -> str:
    """The kit as one ambassador opens it; every link on the page then credits them."""
    return f"{kit_url}{'&' if '?' in kit_url else '?'}{AMBASSADOR_PARAM}={quote(ambassador, safe='')}"


def advocacy_link(piece_url: str, *, network: str, campaign: str) -> str:
    """The piece's absolute URL tagged for a kit on ``network``, without utm_content."""
    return with_utm(piece_url, source=network, medium=ADVOCACY, campaign=campaign)


def personal_link(link: str, ambassador: str | None) -> str:
    """``link`` credited to ``ambassador`` (utm_content last, as with_utm would put it)."""
    return f"{link}{CONTENT_JOIN}{quote(ambassador, safe='')}" if ambassador else link


def post_text(body: str, link: str) -> str:
    """What the copy button copies: the words, a blank line, the link."""
    return f"{body}\n\n{link}"


def kit_share_url(network: str, *, body: str, link: str, mastodon_instance: str = "mastodon.social") -> str:
    """One-click share of a kit text through the network's intent: X (text and url apart), LinkedIn
    share-offsite (the link only: LinkedIn takes no text, the page copies it), Bluesky and Mastodon
    compose (one text: the body, a blank line, the link, as the copy button copies it)."""
    if network not in KIT_NETWORKS:
        raise ValueError(f"unknown kit network {network!r}")
    return share_url(network, url=link, text=body, mastodon_instance=mastodon_instance,
                     text_and_url=post_text(body, link))


def personal_share_url(share: str, link: str, ambassador: str | None) -> str:
    """The share URL of ``link`` rewritten for ``ambassador``: what kit.js does to every share button."""
    if not ambassador:
        return share
    encoded = quote(link, safe="")
    return share.replace(encoded, quote(personal_link(link, ambassador), safe=""))


__all__ = ["ADVOCACY", "AMBASSADOR_PARAM", "CONTENT_JOIN", "KIT_NETWORKS", "SHARE_DIR", "advocacy_link", "kit_path",
           "kit_share_url", "kit_src", "personal_kit_url", "personal_link", "personal_share_url", "post_text"]
