"""Mastodon (any instance), through Mastodon.py."""

from publisher.networks.descriptor import Network

NETWORK = Network(
    key="mastodon", label="Mastodon", colour="#7c3aed", order=20,
    limit=500, counts="mastodon", unit="characters (URLs count 23)", url_weight=23,
    link_card=False,  # the instance builds its own preview from the page's meta tags
    replies=True,  # a thread goes out as a chain of replies
    credentials=("MASTODON_BASE_URL", "MASTODON_ACCESS_TOKEN"),
    renew="MASTODON_ACCESS_TOKEN (with the write:statuses and read:statuses scopes)",
    adapter="publisher.sending.channels.mastodon:MastodonChannel",
    metrics=("likes", "reposts", "replies"),
    share_url="https://{instance}/share?text={text_and_url}",
    profile_url="https://{host}/@{user}",
    handle_hint="a Mastodon handle such as @camille@mastodon.social",
    default_channel=True, kit_order=4,
)
