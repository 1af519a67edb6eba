"""A cover sent as an image carries its alt text (the piece's cover_alt) on every network that takes one.

X (v2 media metadata) and Threads (alt_text) are covered with their doubles in test_doubles_spec.py,
test_e2e_networks.py and test_threads.py; here Mastodon (media_post's description) and Bluesky (an
images embed's alt), which attach the cover only when the channel asks (`cover_image: true`): by
default Mastodon builds its own preview from the page and Bluesky shows a link card, whose thumb has
no alt in its lexicon.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from doubles import DOUBLES, channel_spec, environment

from publisher.posts.model import LinkCard, Published, QueuedPost
from publisher.sending.channels.registry import adapter_class
from publisher.social.render import ChannelInfo

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b1e85b0000000049454e44ae426082")
ALT = "Une salle de serveurs éclairée en bleu, vue de l’allée centrale"


def send(network: str, tmp_path: Path, **settings: object) -> tuple[Published, object]:
    cover = tmp_path / "cover.png"
    cover.write_bytes(PNG)
    link = f"https://newsroom.clairval.example/articles/data/?utm_source={network}"
    shown = "newsroom.clairval.example/articles/data" if network == "bluesky" else link
    post = QueuedPost(id=1, key=f"articles/data:{network}:1", piece="articles/data", channel=network,
                      network=network, text=f"Où vivent vos données ? {shown}", link=link,
                      scheduled_at=dt.datetime.now(dt.UTC), lang="fr", state="sending",
                      card=LinkCard(url=link, title="Données", image=str(cover), image_alt=ALT))
    double = DOUBLES[network]().start()
    try:
        cls = adapter_class(network)
        assert cls is not None
        channel = cls(network, channel_spec(network, timeout_seconds=5, **settings), environment(double))
        out = channel.send(post)
        assert isinstance(out, Published), out
        return out, double
    finally:
        double.stop()


def test_mastodon_attaches_the_cover_with_its_description(tmp_path: Path) -> None:
    _, double = send("mastodon", tmp_path, cover_image=True)
    (media_id, media), = double.media.items()  # type: ignore[attr-defined]
    assert media["bytes"] == PNG and media["description"] == ALT
    (status,) = double.statuses  # type: ignore[attr-defined]
    assert status["form"]["media_ids"] == [media_id]


def test_mastodon_leaves_the_preview_to_the_instance_by_default(tmp_path: Path) -> None:
    _, double = send("mastodon", tmp_path)
    assert double.media == {}  # type: ignore[attr-defined]


def test_bluesky_sends_the_cover_as_an_image_embed_with_its_alt(tmp_path: Path) -> None:
    _, double = send("bluesky", tmp_path, cover_image=True)
    (record,) = double.records  # type: ignore[attr-defined]
    embed = record["record"]["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    assert [image["alt"] for image in embed["images"]] == [ALT]


def test_bluesky_keeps_its_link_card_by_default(tmp_path: Path) -> None:
    _, double = send("bluesky", tmp_path)
    (record,) = double.records  # type: ignore[attr-defined]
    assert record["record"]["embed"]["$type"] == "app.bsky.embed.external"


@pytest.mark.parametrize(("cover_image", "cards"), [(False, False), (True, True)])
def test_a_mastodon_channel_plans_cards_only_when_it_attaches_the_cover(cover_image: bool, cards: bool) -> None:
    channel = ChannelInfo.from_spec("mastodon", channel_spec("mastodon", cover_image=cover_image))
    assert channel.link_card is cards
