"""Material's own tags and social plugins beside ours: one tag system, one set of card tags.

Tags: a piece's front matter is read by publisher.content, and MkDocs only sees its body, so
Material's tags plugin found no tags at all. When that plugin is on, each piece hands it the same
tags our /tags/ pages use, before it collects them (its on_page_markdown runs at priority -50).

Social cards: Material's social plugin writes its own og:image, og:title, twitter:card... into every
page, after ours: two conflicting og:image tags. A page for which we have an image (the piece's
cover, or site.default_image) keeps ours and is left out of the plugin's cards; on the others the
plugin's generated card is the only image, and we leave out the tags it writes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from publisher.site.meta import Head

CARD_KEYS = frozenset({
    "og:type", "og:title", "og:description", "og:url", "og:image", "og:image:type", "og:image:width",
    "og:image:height", "og:image:alt", "twitter:card", "twitter:title", "twitter:description", "twitter:image",
    "twitter:image:alt",
})
"""What the social plugin's layouts write (material/plugins/social/templates/default.yml)."""


def enabled_plugin(config: MkDocsConfig, *names: str) -> Any | None:
    """The first of ``names`` among the site's plugins, when it is on."""
    for name in names:
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.get("enabled", True):
            return plugin
    return None


def tags_plugin(config: MkDocsConfig) -> Any | None:
    return enabled_plugin(config, "material/tags", "tags")


def social_plugin(config: MkDocsConfig) -> Any | None:
    return enabled_plugin(config, "material/social", "social")


def hand_tags(page: Page, tags: tuple[str, ...], plugin: Any) -> None:
    """Give Material's tags plugin the piece's tags, under the name it reads them from."""
    page.meta[plugin.config.get("tags_name_property", "tags")] = list(tags)


def keep_our_card(page: Page) -> None:
    """Leave this page out of the social plugin's cards: it has an image of its own."""
    social = page.meta.get("social")
    page.meta["social"] = {**(social if isinstance(social, dict) else {}), "cards": False}


def card_left_to_social(page: Page) -> bool:
    social = page.meta.get("social")
    return not (isinstance(social, dict) and social.get("cards") is False)


def without_card_tags(head: Head) -> Head:
    return dataclasses.replace(head, tags=[t for t in head.tags if t.key not in CARD_KEYS])


__all__ = ["CARD_KEYS", "card_left_to_social", "enabled_plugin", "hand_tags", "keep_our_card", "social_plugin",
           "tags_plugin", "without_card_tags"]
