"""X (formerly Twitter), through tweepy and API v2."""

from publisher.networks.descriptor import Network

NETWORK = Network(
    key="x", label="X", colour="#111827", order=10,
    limit=280, counts="twitter-text", unit="weighted characters (URLs count 23)", url_weight=23,
    link_card=True,
    replies=True,  # a thread goes out as a chain of replies
    credentials=("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"),
    optional_credentials=("X_BASE_URL",),
    renew="X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET (and X_API_KEY / X_API_SECRET)",
    adapter="publisher.sending.channels.x:XChannel",
    metrics=("likes", "reposts", "replies", "quotes", "impressions", "clicks"),
    share_url="https://x.com/intent/post?text={text}&url={url}",
    profile_url="https://x.com/{handle}",
    handle_hint="an X handle such as @camille",
    default_channel=True, kit_order=2, utm_aliases=("twitter",),
)
