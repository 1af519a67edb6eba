"""An incoming webhook (Slack, Teams, Mattermost): the team's own channel, not a public network."""

from publisher.networks.descriptor import Network

NETWORK = Network(
    key="webhook", label="Webhook", colour="#f59e0b", order=90,
    limit=4000, counts="characters", unit="characters",  # Slack's advice for one message
    credentials=("WEBHOOK_URL",),
    renew="WEBHOOK_URL (the incoming webhook; the URL itself is the secret)",
    adapter="publisher.sending.channels.webhook:WebhookChannel",
    hand_written=False,
)
