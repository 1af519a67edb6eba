"""LinkedIn, through the Posts API with httpx."""

from publisher.networks.descriptor import Network

NETWORK = Network(
    key="linkedin", label="LinkedIn", colour="#0a66c2", order=40,
    limit=3000, counts="characters", unit="characters",
    link_card=True,  # an article share: LinkedIn does not scrape the link
    credentials=("LINKEDIN_ACCESS_TOKEN", "LINKEDIN_AUTHOR_URN"),
    optional_credentials=("LINKEDIN_BASE_URL",),
    renew="LINKEDIN_ACCESS_TOKEN (tokens last 60 days; w_member_social or w_organization_social scope)",
    adapter="publisher.sending.channels.linkedin:LinkedInChannel",
    metrics=("likes", "reposts", "replies", "impressions", "clicks"),
    share_url="https://www.linkedin.com/sharing/share-offsite/?url={url}",
    profile_url="https://www.linkedin.com/in/{handle}",
    handle_hint="a LinkedIn profile URL or vanity name",
    default_channel=True, kit_order=1,
)
