"""Fitting candidates to networks: counts as the networks' own libraries count, UTM links, hashtags,
the piece's language, LinkedIn little text, Bluesky facets. Real twitter-text-parser, graphemeu,
Mastodon.py and atproto; real pieces from the content loader."""

from __future__ import annotations

import random
from urllib.parse import parse_qs, urlsplit

import grapheme
import pytest
import twitter_text
from atproto import client_utils
from conftest import ProjectDir
from mastodon import Mastodon

from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.model import Piece
from publisher.content.typography import typeset
from publisher.content.utm import with_utm
from publisher.networks import counting as networks
from publisher.posts.model import Excerpt
from publisher.social.excerpts import excerpts_for, held_back
from publisher.social.planner import PlanRules, rules_from
from publisher.social.render import NBSP, Rejected, Rendered, body_of, render

LIBRARIES = {
    "x": lambda text: twitter_text.parse_tweet(text).weightedLength,
    "mastodon": Mastodon.get_status_length,
    "bluesky": grapheme.length,
}

TEXTS = [
    "",
    "Plain English text.",
    "Souveraineté : « un choix » — Camille Martin",
    "Emoji 😷 and a family 👨‍👩‍👧 and a flag 🇫🇷 and a skin tone 👍🏽",
    "日本語のテキスト and 한국어",
    "Combining e\u0301 vs é, and CRLF\r\nline ends",
    "A link https://test.example.org/articles/x/?utm_source=x&utm_medium=social&utm_content=0a1b2c3d4e here",
    "An unknown TLD https://newsroom.clairval.example/articles/x/ counts as written",
    "A bare domain example.com, e.g. this, and v2.0 and 3.5 %",
    "Trailing dot https://a.org/x. and parenthesis (https://a.org/y)",
    "Mention @camille@mastodon.social and @sam",
    "Narrow\u202fno-break\u202f! and ellipsis… and dagger † and per mille ‰",
    "A title → https://test.example.org/articles/x/?utm_source=x&utm_content=0a1b2c3d4e and ↔ ↗️",
    "CO₂e and ™ and © and ‼",
    "x" * 400,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("network", ["x", "mastodon", "bluesky"])
def test_measure_counts_as_the_network_library(network: str, text: str) -> None:
    assert networks.measure(network, text) == LIBRARIES[network](text)


def test_measure_agrees_with_the_libraries_on_random_texts() -> None:
    """The plain-text shortcut must never disagree with the libraries (a property over many texts)."""
    words = ["données", "cloud", "«\u00a0test\u00a0»", "“quoted”", "—", "…", "e.g.", "3.5", "15 %", "example.com",
             "https://test.example.org/articles/x/?utm_source=x&utm_medium=social&utm_content=ab12",
             "https://newsroom.clairval.example/a/", "#Cloud", "@camille", "@camille@mastodon.social", "CO₂e",
             "😀", "👍🏽", "日本", "naïve", "x\u202f!", "†", "‰", "(https://a.org/x)", "end.", "\n", "\n\n", "é",
             "e\u0301", "\t", "a\r\nb", "©", "•", "_under_", "a.b", "→", "Title →"]
    rng = random.Random(11)
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        for network, count in LIBRARIES.items():
            assert networks.measure(network, text) == count(text), (network, text)


def test_measure_post_adds_up_like_the_whole_text() -> None:
    head = "“Sovereignty is a design choice, not a label.” — Camille Martin"
    tail = "Read more: https://test.example.org/articles/a/?utm_source=x&utm_content=0123456789\n#Cloud"
    for network in ("x", "mastodon", "bluesky", "linkedin"):
        assert networks.measure_post(network, head, tail) == networks.measure(network, f"{head}\n\n{tail}")


def test_limits_and_channel_override() -> None:
    assert [networks.limit_for(n) for n in ("x", "bluesky", "mastodon", "linkedin")] == [280, 300, 500, 3000]

    class Spec:
        max_characters = 1000

    assert networks.limit_for("mastodon", Spec()) == 1000


@pytest.mark.parametrize(("text", "escaped"), [
    ("Costs (2026) [draft] {x} <b> a|b *bold* _it_ ~s~ @me back\\slash",
     r"Costs \(2026\) \[draft\] \{x\} \<b\> a\|b \*bold\* \_it\_ \~s\~ \@me back\\slash"),
    ("Keep #CloudSouverain and #Réversibilité working", "Keep #CloudSouverain and #Réversibilité working"),
    ("Not a tag: C# or issue#12 or #2026", r"Not a tag: C\# or issue\#12 or \#2026"),
    ("Link https://a.org/x_y?utm_source=linkedin&utm_content=a_b stays", "Link https://a.org/x_y?utm_source=linkedin&utm_content=a_b stays"),
    ("See (https://a.org/x).", r"See \(https://a.org/x\)."),
])
def test_linkedin_little_text_escaping(text: str, escaped: str) -> None:
    assert networks.linkedin_escape(text) == escaped


# -- real pieces ----------------------------------------------------------------------------------

EN = """
title: Digital sovereignty, explained
date: 2026-03-02
lang: en
summary: What sovereignty means for a mid-size company's data, and how to check it (in four questions).
tags: [cloud, digital sovereignty, compliance, 2026]
campaign: sovereign-cloud-2026
takeaways:
  - Know where your data lives.
quotes:
  - text: Sovereignty is a design choice, not a label.
    by: Camille Martin
social:
  x: ["Where does your data live? #Cloud"]
"""

FR = """
title: La souveraineté numérique expliquée
date: 2026-03-02
lang: fr
summary: "La souveraineté change tout pour les données d'une ETI : quatre questions suffisent."
tags: [cloud souverain, réversibilité]
quotes:
  - text: La souveraineté est un choix de conception, pas une étiquette !
    by: Camille Martin
    role: directrice de la communication
"""

LONG = """
title: Long
date: 2026-03-02
lang: en
tags: [elks, yaks, gnus]
takeaways:
  - "{text}"
"""


@pytest.fixture
def world(project: ProjectDir) -> tuple[dict[str, Piece], PlanRules]:
    project.config("""
        timezone: Europe/Paris
        channels: {x: {}, mastodon: {}, bluesky: {}, linkedin: {}, li-text: {network: linkedin, link_card: false}}
        campaigns:
          sovereign-cloud-2026: {utm_campaign: sov26}
        hashtags: {from_tags: true}
    """)
    project.write("content/articles/img/cover.jpg", b"\xff\xd8\xff")
    project.piece("articles/sovereignty.md", EN + "cover: img/cover.jpg\ncover_alt: A cover\n")
    project.piece("articles/souverainete.md", FR)
    settings = load_settings(project.config_file)
    library = load_library(settings)
    return {p.slug: p for p in library}, rules_from(settings, library)


def _render(rules: PlanRules, piece: Piece, channel: str, kind: str) -> Rendered | Rejected:
    excerpt = next(e for e in excerpts_for(piece) if e.kind == kind)
    return render(excerpt, piece, rules.channels[channel], rules.context(piece))


def _post(rules: PlanRules, piece: Piece, channel: str, kind: str) -> Rendered:
    result = _render(rules, piece, channel, kind)
    assert isinstance(result, Rendered), result
    return result


def test_every_rendered_length_is_what_the_network_counts(world: tuple[dict[str, Piece], PlanRules]) -> None:
    pieces, rules = world
    for piece in pieces.values():
        for excerpt in excerpts_for(piece):
            for channel in rules.channels.values():
                result = render(excerpt, piece, channel, rules.context(piece))
                if isinstance(result, Rendered):
                    count = LIBRARIES.get(channel.network, len)  # LinkedIn counts plain characters
                    assert result.length == count(result.text), (channel.name, result.text)
                    assert result.length <= result.limit == channel.limit


@pytest.mark.parametrize("channel", ["x", "mastodon", "bluesky", "linkedin"])
def test_utm_parameters(world: tuple[dict[str, Piece], PlanRules], channel: str) -> None:
    pieces, rules = world
    for slug, campaign in (("sovereignty", "sov26"), ("souverainete", "souverainete")):
        piece = pieces[slug]
        excerpt = next(e for e in excerpts_for(piece) if e.kind == "title")
        post = render(excerpt, piece, rules.channels[channel], rules.context(piece))
        assert isinstance(post, Rendered)
        url = urlsplit(post.link)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"https://test.example.org/articles/{slug}/"
        assert parse_qs(url.query) == {"utm_source": [channel], "utm_medium": ["social"],
                                       "utm_campaign": [campaign], "utm_content": [excerpt.id]}
        assert post.link == with_utm(f"https://test.example.org/articles/{slug}/", source=channel,
                                     medium="social", campaign=campaign, content=excerpt.id)


def test_layout_per_network(world: tuple[dict[str, Piece], PlanRules]) -> None:
    pieces, rules = world
    piece = pieces["sovereignty"]
    x = _post(rules, piece, "x", "quote")
    assert x.text == ("“Sovereignty is a design choice, not a label.” — Camille Martin, Head of Communications\n\n"
                      f"Digital sovereignty, explained → {x.link}\n#SovereignCloud2026 #Cloud #DigitalSovereignty")
    assert x.card is not None and x.card.title == piece.title and x.card.image.endswith("articles/img/cover.jpg")
    sky = _post(rules, piece, "bluesky", "quote")
    assert sky.text.endswith("— Camille Martin, Head of Communications\n\nDigital sovereignty, explained\n#SovereignCloud2026 #Cloud "
                             "#DigitalSovereignty"), "the card carries the link: the title names the piece"
    assert "test.example.org" not in sky.text
    assert sky.card is not None and sky.card.url == sky.link and sky.card.description == typeset(piece.summary, piece.lang)
    masto = _post(rules, piece, "mastodon", "quote")
    assert f"Digital sovereignty, explained → {masto.link}" in masto.text and masto.card is None
    linked = _post(rules, piece, "linkedin", "quote")
    assert linked.card is not None and linked.card.url == linked.link, "the card shows the piece"
    assert f"Digital sovereignty, explained → {linked.link}" in linked.text, "and the text says where to read on"
    assert linked.text.endswith("#SovereignCloud2026 #Cloud #DigitalSovereignty")
    in_text = _post(rules, piece, "li-text", "quote")
    assert in_text.link in in_text.text and in_text.card is None


def test_the_title_itself_says_read_more(world: tuple[dict[str, Piece], PlanRules]) -> None:
    pieces, rules = world
    piece = pieces["sovereignty"]
    x = _post(rules, piece, "x", "title")
    assert x.text.startswith(f"Digital sovereignty, explained\n\nRead more: {x.link}\n")
    sky = _post(rules, piece, "bluesky", "title")
    assert sky.card is not None and "\n\nRead more: test.example.org/articles/sovereignty\n" in sky.text
    assert ("link", "test.example.org/articles/sovereignty") in networks.bluesky_segments(sky.text, sky.link,
                                                                                           sky.card.title)
    linked = _post(rules, piece, "linkedin", "title")
    assert linked.text == (f"Digital sovereignty, explained\n\nRead more: {linked.link}\n"
                           "#SovereignCloud2026 #Cloud #DigitalSovereignty"), "a headline alone reads as a teaser"


def test_an_excerpt_that_says_the_title_or_quotes_under_a_quoted_title_reads_more(project: ProjectDir) -> None:
    project.config("channels: {x: {}, linkedin: {}}")
    project.piece("articles/repeat.md", """
title: "Ana Lima : « Les données ne remplacent pas l'œil du vigneron »"
date: 2026-03-02
lang: fr
takeaways:
  - "Les données ne remplacent pas l'œil du vigneron, elles lui font gagner une nuit."
  - "En 2026, les vignerons suivis ont traité 24 % de moins contre le mildiou."
quotes:
  - text: "Le jour où un vigneron traite parce que l'application le dit, nous avons échoué."
    by: Ana Lima
    role: vigneronne, Domaine des Lys
""")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("repeat")
    posts = {e.text: render(e, piece, rules.channels["x"], rules.context(piece)) for e in excerpts_for(piece)}
    texts = {text[:20]: post.text for text, post in posts.items() if isinstance(post, Rendered)}
    assert f"Lire la suite{NBSP}: https://" in texts["Les données ne rempl"], "it says the title already"
    assert f"Lire la suite{NBSP}: https://" in texts["Le jour où un vigner"], "a quote under a quoted title"
    assert f"vigneron{NBSP}» → https://" in texts["En 2026, les vignero"]


def test_french_typography_and_wording(world: tuple[dict[str, Piece], PlanRules]) -> None:
    pieces, rules = world
    post = _post(rules, pieces["souverainete"], "x", "quote")
    assert post.text.startswith(f"«{NBSP}La souveraineté est un choix de conception, pas une étiquette\u202f!{NBSP}» "
                                "— Camille Martin, directrice de la communication\n\n")
    assert "La souveraineté numérique expliquée → https://" in post.text
    summary = _post(rules, pieces["souverainete"], "mastodon", "summary")
    assert summary.text.startswith(f"La souveraineté change tout pour les données d’une ETI{NBSP}: quatre")
    assert "#CloudSouverain #Réversibilité" in summary.text


def test_hashtags_campaign_first_everywhere_tags_capped_and_not_repeated(
        world: tuple[dict[str, Piece], PlanRules]) -> None:
    pieces, rules = world
    piece = pieces["sovereignty"]
    for channel in ("x", "mastodon", "bluesky", "linkedin"):
        post = _post(rules, piece, channel, "takeaway")
        assert post.hashtags == ("#SovereignCloud2026", "#Cloud", "#DigitalSovereignty")  # max_hashtags: 3
    own = _post(rules, piece, "x", "hand-written")
    assert own.text == f"Where does your data live? #Cloud\n\n{own.link}\n#SovereignCloud2026"  # words kept
    assert _render(rules, piece, "mastodon", "hand-written") == Rejected("written for x, not mastodon")


def test_tag_hashtags_go_before_the_post_is_refused(project: ProjectDir) -> None:
    project.config("channels: {x: {}}\nhashtags: {from_tags: true}")
    # 240 characters: fits with the title and link ("Long → " + 23) but not with every tag.
    project.piece("articles/long.md", LONG.format(text=("word " * 48).strip() + "."))
    project.piece("articles/longer.md", LONG.format(text=("word " * 60).strip() + "."))
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules = rules_from(settings, library)
    fits = _post(rules, library.get("long"), "x", "takeaway")
    assert fits.hashtags == ("#Elks",) and fits.length <= 280
    refused = _render(rules, library.get("longer"), "x", "takeaway")
    assert isinstance(refused, Rejected)
    assert refused.reason == (f"too long for x: {refused.length} weighted characters (URLs count 23), limit 280 "
                              "(with the link)")
    assert refused.length == 300 + 2 + networks.measure("x", "Long → ") + 23  # X weighs the arrow 2


def test_never_a_word_cut_property(world: tuple[dict[str, Piece], PlanRules]) -> None:
    """Whatever the length, a post carries the whole candidate, or the candidate is refused."""
    pieces, rules = world
    piece = pieces["sovereignty"]
    context = rules.context(piece)
    rng = random.Random(5)
    words = ["sovereignty", "données", "cloud", "😷", "日本", "a", "contract", "(draft)", "#tag", "résilience"]
    for i in range(150):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 120))) + "."
        excerpt = Excerpt(f"{i:010x}", piece.key, rng.choice(["takeaway", "quote", "summary"]), text, "en", "Sam Lee")
        for channel in rules.channels.values():
            result = render(excerpt, piece, channel, context)
            if isinstance(result, Rendered):
                body = body_of(excerpt)
                shown = networks.linkedin_escape(body) if channel.network == "linkedin" else body
                assert result.text.startswith(shown + "\n\n")
                assert result.length <= channel.limit
            else:
                assert result.length > channel.limit or result.reason.startswith("too long for bluesky")


def test_bluesky_segments_rebuild_the_text_with_atproto(world: tuple[dict[str, Piece], PlanRules]) -> None:
    pieces, rules = world
    piece = pieces["souverainete"]
    post = _post(rules, piece, "bluesky", "quote")
    assert post.card is not None
    segments = networks.bluesky_segments(post.text, post.link, post.card.title)
    assert "".join(networks.segment_text(k, v) for k, v in segments) == post.text
    assert ("link", "La souveraineté numérique expliquée") in segments, "the title opens the piece"
    assert ("tag", "CloudSouverain") in segments
    builder = client_utils.TextBuilder()
    for kind, value in segments:
        if kind == "link":
            builder.link(value, value if value.startswith(("http://", "https://")) else post.link)
        elif kind == "tag":
            builder.tag("#" + value, value)
        else:
            builder.text(value)
    assert builder.build_text() == post.text
    raw = post.text.encode("utf-8")
    facets = {raw[f.index.byte_start:f.index.byte_end].decode(): f.features[0] for f in builder.build_facets()}
    assert facets["La souveraineté numérique expliquée"].uri == post.link
    assert facets["#Réversibilité"].tag == "Réversibilité"


def test_bluesky_segments_link_urls_written_by_hand() -> None:
    text = "See https://docs.example.org/guide, and #Cloud.\n\nnews.example.org/articles/a\n#Tag2026"
    segments = networks.bluesky_segments(text, "https://news.example.org/articles/a/?utm_source=bluesky")
    assert segments == [
        ("text", "See "), ("link", "https://docs.example.org/guide"), ("text", ", and "), ("tag", "Cloud"),
        ("text", ".\n\n"), ("link", "news.example.org/articles/a"), ("text", "\n"), ("tag", "Tag2026")]


def test_an_excerpt_that_says_the_title_without_its_names_keeps_the_title(project: ProjectDir) -> None:
    # "A drainage board on the edge of the estuary…" says most of the title's words, not which board.
    project.config("channels: {x: {}}")
    project.piece("case-studies/levelmoor.md", """
title: "Levelmoor Drainage Board: 64 sensors, and pumps that start before the water does"
date: 2026-03-02
lang: en
summary: A drainage board on the edge of the estuary used to hear of high water when a farmer rang. Its pumps now start on the forecast.
""")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("levelmoor")
    summary = next(e for e in excerpts_for(piece) if e.kind == "summary")
    post = render(summary, piece, rules.channels["x"], rules.context(piece))
    assert isinstance(post, Rendered) and "\n\nLevelmoor Drainage Board: 64 sensors" in post.text, post


def test_a_summary_that_gives_the_title_s_figures_reads_more(project: ProjectDir) -> None:
    # set 116: "…costs €48,000…" then "Where the money goes in a €48,000 harpsichord": "adds nothing"
    project.config("channels: {x: {}}")
    project.piece("articles/harpsichord.md", """
title: "Where the money goes in a €48,000 harpsichord"
date: 2026-03-02
lang: en
summary: A new double-manual harpsichord from the Atelier Hennebert costs €48,000 before VAT. We went through the accounts.
takeaways:
  - "Materials account for only 12.5 percent of the price of a harpsichord; labour for 57 percent."
  - "Each instrument costs 48,000 euros and takes 1,900 hours, of which the harpsichord's keyboard takes 300."
""")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("harpsichord")
    posts = {e.text[:12]: render(e, piece, rules.channels["x"], rules.context(piece)) for e in excerpts_for(piece)}
    texts = {start: post.text for start, post in posts.items() if isinstance(post, Rendered)}
    assert "VAT. We went through the accounts.\n\nRead more: https://" in texts["A new double"], texts
    assert "\n\nWhere the money goes" in texts["Materials ac"], "another figure: the title stays"
    assert "Each instrum" not in texts, "the headline's figure, not saying whose: held back (sets 137, 140)"
    assert dict(held_back(piece))["Each instrument costs 48,000 euros and takes 1,900 hours, of which the "
                                  "harpsichord's keyboard takes 300."].startswith("it repeats the headline's count")


@pytest.mark.parametrize(("title", "text", "same"), [
    ("Where the money goes in a €48,000 harpsichord", "It costs 48 000 € before VAT.", True),
    ("Brackley Lido: 48 hours to save the summer season", "Rated 4.8 by swimmers last summer.", False),
    ("Brackley Lido: €1.2m to reopen the swimming pool", "The pool will close for 12 months.", False),
    ("Hallam Ropewalk hires 12 apprentices for spring", "The ropewalk opens its applications on 12 January.", False),
    ("Le Bon Coin : 3,5 tonnes de vêtements triés", "35 sacs de vêtements triés en un jour.", False),
    ("Le Bon Coin : 12,5 % de dons en plus", "Les dons ont augmenté de 12.5 %.", True),
])
def test_a_figure_is_the_same_figure_only_when_it_is(title: str, text: str, same: bool) -> None:
    from publisher.social.headlines import figures as _figures
    assert (bool(_figures(title)) and _figures(title) <= _figures(text)) is same


def test_a_summary_that_names_what_the_title_names_reads_more(project: ProjectDir) -> None:
    # set 119: the standfirst over its own headline, and the card a third time
    project.config("channels: {x: {}, bluesky: {}}")
    project.piece("articles/oven.md", """
title: "Book a place on the hearth: Saint-Aubin’s 1847 oven opens its winter bakes to everyone"
date: 2026-03-02
lang: en
summary: On four Saturdays between January and March, the communal oven of Saint-Aubin-des-Crêts will be fired for anyone who wants to bake.
takeaways:
  - "Each baker brings their own dough; the oven takes forty loaves a firing."
""")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("oven")
    for channel in ("x", "bluesky"):
        posts = {e.kind: render(e, piece, rules.channels[channel], rules.context(piece)) for e in excerpts_for(piece)}
        summary, takeaway = posts["summary"], posts["takeaway"]
        assert isinstance(summary, Rendered) and "bake.\n\nRead more: " in summary.text, summary
        assert isinstance(takeaway, Rendered) and "\n\nBook a place on the hearth" in takeaway.text, takeaway


def test_a_summary_with_the_title_s_figure_but_not_its_name_is_no_post(project: ProjectDir) -> None:
    # a fresh reviewer's: the figure alone does not say which board; over the headline, strict readers of sets 141,
    # 142 and 144 failed the count said twice ("plus de 4 200 demandes" over "4 212 demandes"): neither is posted
    project.config("channels: {x: {}}")
    project.piece("case-studies/levelmoor.md", """
title: "Levelmoor Drainage Board: 64 sensors, and pumps that start before the water does"
date: 2026-03-02
lang: en
summary: A drainage board on the edge of the estuary now runs 64 sensors. Its pumps start on the forecast.
""")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    piece = library.get("levelmoor")
    assert [e.kind for e in excerpts_for(piece)] == ["title"]
    project.piece("articles/conciergerie.md", """
title: "Conciergerie du Pré-Rond : un an, 4 212 demandes et une loge qui ne désemplit pas"
date: 2026-03-02
lang: fr
summary: Ouverte en novembre 2025 dans trois résidences de Chambéry, elle a traité plus de 4 200 demandes en un an.
""")
    project.piece("articles/named.md", """
title: "Conciergerie du Pré-Rond : un an, 4 212 demandes"
date: 2026-03-02
lang: fr
summary: En un an, la Conciergerie du Pré-Rond a traité 4 212 demandes.
""")
    library = load_library(load_settings(project.config_file))
    assert "summary" not in [e.kind for e in excerpts_for(library.get("conciergerie"))]  # 4 200 and 4 212: one count
    assert "summary" in [e.kind for e in excerpts_for(library.get("named"))]  # its names: it goes with "Lire la suite"


def test_only_the_title_on_its_own_line_is_bluesky_s_link() -> None:
    text = "The Bus 33 now runs every 20 minutes.\n\nBus 33\n#Transit"
    segments = networks.bluesky_segments(text, "https://a.example.org/articles/bus/?utm_source=bluesky", "Bus 33")
    assert [v for k, v in segments if k == "link"] == ["Bus 33"]
    assert "".join(networks.segment_text(k, v) for k, v in segments) == text
    linked = [i for i, (k, _) in enumerate(segments) if k == "link"]
    assert "".join(networks.segment_text(k, v) for k, v in segments[:linked[0]]).endswith("\n\n")


def test_a_euro_sign_in_a_title_is_counted_by_the_shortcut() -> None:
    assert networks.quick_length("x", "Le plan à 2 M€ → ") == twitter_text.parse_tweet("Le plan à 2 M€ → ").weightedLength
    assert networks.quick_length("bluesky", "Le plan à 2 M€") == grapheme.length("Le plan à 2 M€")


def test_a_place_before_a_colon_is_a_name_the_excerpt_must_say() -> None:
    from publisher.social.headlines import names as _names
    assert _names("Oberwihr : un séchoir à tabac de 1911 devenu maison des associations") == ("Oberwihr",)
    assert _names("Gel : six gestes pour protéger votre compteur d’eau") == ()


def test_a_quote_under_a_title_that_misquotes_reads_more(project: ProjectDir) -> None:
    # a fresh reviewer's: the quote posts still ended on the card's misquoting title
    project.config("channels: {x: {}}")
    project.piece("interviews/fabre.md", """
title: "Hélène Fabre : « Nous achetons moins de serveurs, et nous les gardons plus longtemps »"
date: 2026-03-02
lang: fr
guest: {name: Hélène Fabre, role: Directrice des achats, organization: Groupe Cavalier}
quotes:
  - text: "Un poste reconditionné bien choisi tient aussi longtemps qu’un neuf."
    by: Hélène Fabre
""", body="« Un poste reconditionné bien choisi tient aussi longtemps qu’un neuf », dit Hélène Fabre.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("fabre")
    quote = next(e for e in excerpts_for(piece) if e.kind == "quote")
    post = render(quote, piece, rules.channels["x"], rules.context(piece))
    assert isinstance(post, Rendered) and "Lire la suite" in post.text and "serveurs" not in post.text, post.text


def test_a_standfirst_goes_out_without_the_headline_it_was_written_under(project: ProjectDir) -> None:
    # sets 119, 133: the summary over its own headline "tells the story, then announces it"
    project.config("channels: {bluesky: {}}")
    project.piece("articles/night.md", """
title: "What a winter night market teaches a small town"
date: 2026-03-02
lang: en
summary: Forty stalls, three frosty Saturdays and a queue for soup that reached the church. We asked traders what worked.
""")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("night")
    summary = next(e for e in excerpts_for(piece) if e.kind == "summary")
    post = render(summary, piece, rules.channels["bluesky"], rules.context(piece))
    assert isinstance(post, Rendered) and "what worked.\n\nRead more: " in post.text, post.text
    assert "What a winter night market" not in post.text


def test_a_standfirst_that_announces_its_page_keeps_the_headline(project: ProjectDir) -> None:
    # the sample's « Récit d’une panne de climatisation… » says what the page is, the headline what happened
    project.config("channels: {bluesky: {}}")
    project.piece("articles/nuit.md", """
title: "Une nuit au datacenter, le jour où la climatisation a lâché"
date: 2026-03-02
lang: fr
summary: Récit d’une panne de climatisation dans une salle serveurs, et les trois décisions qui ont évité l’arrêt complet.
""")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("nuit")
    summary = next(e for e in excerpts_for(piece) if e.kind == "summary")
    post = render(summary, piece, rules.channels["bluesky"], rules.context(piece))
    assert isinstance(post, Rendered) and "Une nuit au datacenter" in post.text, post.text
