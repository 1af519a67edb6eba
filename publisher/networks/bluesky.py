"""Bluesky, through the atproto SDK."""

from publisher.networks.descriptor import Network

NETWORK = Network(
    key="bluesky", label="Bluesky", colour="#0ea5e9", order=30,
    limit=300, counts="graphemes", unit="graphemes", max_bytes=3000,
    link_card=True,  # the link goes in a facet and an external embed
    replies=True,  # a thread goes out as a chain of replies
    credentials=("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"),
    optional_credentials=("BLUESKY_BASE_URL",),
    renew="BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (an app password from Settings > App passwords)",
    adapter="publisher.sending.channels.bluesky:BlueskyChannel",
    metrics=("likes", "reposts", "replies", "quotes"),
    share_url="https://bsky.app/intent/compose?text={text_and_url}",
    profile_url="https://bsky.app/profile/{handle}",
    handle_hint="a Bluesky handle such as camille.bsky.social",
    default_channel=True, kit_order=3,
)
