"""Threads, through Meta's Threads API (graph.threads.net) with httpx.

Facts from Meta's Threads documentation (Posts, Web Intents, Insights, Overview > Rate limiting):
text posts are limited to 500 characters with emoji counted as their UTF-8 bytes; one topic tag a
post; at most 5 links; 250 API-published posts per profile in a moving 24 hours; long-lived tokens
last 60 days (GET /refresh_access_token renews them). Threads builds a link preview itself.
"""

from publisher.networks.descriptor import Network

NETWORK = Network(
    key="threads", label="Threads", colour="#000000", order=50,
    limit=500, counts="utf8-emoji", unit="characters (an emoji counts its UTF-8 bytes)",
    link_card=True,  # a cover at a public URL goes as an image post with its alt text; else a link attachment
    replies=True,  # a thread goes out as a chain of replies
    credentials=("THREADS_USER_ID", "THREADS_ACCESS_TOKEN"),
    optional_credentials=("THREADS_BASE_URL",),
    renew="THREADS_ACCESS_TOKEN (a long-lived token lasts 60 days; refresh it with GET /refresh_access_token "
          "before it expires)",
    adapter="publisher.sending.channels.threads:ThreadsChannel",
    rate_limit=(250, 24 * 3600),
    metrics=("likes", "reposts", "replies", "quotes", "impressions"),
    share_url="https://www.threads.com/intent/post?text={text}&url={url}",
    profile_url="https://www.threads.com/@{handle}",
    handle_hint="a Threads handle such as @camille",
    topic_tags=1,
)
