"""Kit texts, links and the ambassadors' view, on the sample content and on pieces written for the case.

Lengths are checked with the networks' own libraries (twitter-text, Mastodon.py, grapheme), not with
the shortcut the kits count with, so a kit text that passes here fits the real network.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import grapheme
import pytest
import twitter_text
from conftest import ROOT, ProjectDir
from mastodon import Mastodon

from publisher.config import load_settings
from publisher.content import Library, Piece, load_library
from publisher.content.ambassadors import KEY_MAX, Ambassador, ambassadors_for
from publisher.content.utm import with_utm
from publisher.kits import voice
from publisher.kits.ambassadors import is_for, personal_links
from publisher.kits.links import (
    KIT_NETWORKS,
    advocacy_link,
    kit_path,
    kit_share_url,
    personal_kit_url,
    personal_link,
    personal_share_url,
)
from publisher.kits.texts import KEY_ROOM_MIN, after_colon, candidates, common_words, key_room, kit_texts

SITES = ("https://newsroom.clairval.com/", "https://newsroom.clairval.example/")
"""A host X links (URL = 23) and one it does not (.example: the URL counts as written)."""
QUESTIONS = {"en": voice.EN.questions, "fr": voice.FR.questions}
FIRST_PERSON = {"en": re.compile(r"\b(I|I'm|me|my|My)\b"), "fr": re.compile(r"\b(je|Je|me|mon|ma)\b|j’")}


def real_length(network: str, text: str) -> int:
    """The network's own count, straight from its library."""
    if network == "x":
        return twitter_text.parse_tweet(text).weightedLength
    if network == "mastodon":
        return Mastodon.get_status_length(text)
    if network == "bluesky":
        return grapheme.length(text)
    return len(text)


@pytest.fixture(scope="module")
def sample() -> Library:
    """The repository's own content (read, never written)."""
    return load_library(load_settings(ROOT / "mkdocs.yml"))


def _kit(piece: Piece, site: str, room: int = KEY_MAX, colleagues: set[str] | None = None):
    return kit_texts(piece, url=site + piece.url, campaign=piece.campaign or piece.slug,
                     networks_shown=KIT_NETWORKS, colleagues=colleagues or set(), room=room)


@pytest.mark.parametrize("site", SITES)
def test_every_sample_piece_gets_three_to_five_texts_per_network_that_fit_whole(sample: Library, site: str) -> None:
    names = {a.name for a in sample.authors.values()}
    key = "k" * 9
    for piece in sample:
        kit = _kit(piece, site, room=len(key), colleagues=names)
        assert set(kit) == set(KIT_NETWORKS)
        for network, texts in kit.items():
            assert 3 <= len(texts) <= 5, (piece.key, network, len(texts))
            assert len({t.body for t in texts}) == len(texts), "no text twice"
            for text in texts:
                full = text.text(key)
                assert real_length(network, full) <= text.limit, (piece.key, network, full)
                assert real_length(network, full) == text.length, "the count shown is the network's count"
                if network == "bluesky":
                    assert len(full.encode("utf-8")) <= 3000


def test_texts_speak_in_the_first_person_and_end_on_one_question_of_their_language(sample: Library) -> None:
    for piece in sample:
        lang = piece.lang
        for texts in _kit(piece, SITES[0]).values():
            for text in texts:
                assert FIRST_PERSON[lang].search(text.body), text.body
                assert text.body.count("?") == 1, text.body
                assert any(text.body.endswith(q.replace(" ?", "\u202f?")) for q in QUESTIONS[lang]), text.body
                if lang == "fr":
                    assert " ?" not in text.body and " :" not in text.body, "French spacing is non-breaking"
                    assert "m’a marqué" not in text.body and "m'a marqué" not in text.body


def test_texts_quote_excerpts_whole_never_cut(sample: Library) -> None:
    piece = sample.get("white-papers/sovereign-cloud-guide")
    assert piece is not None
    by_id = {c.excerpt.id: c.excerpt for c in candidates(piece)}
    kit = _kit(piece, SITES[0])
    kinds = set()
    for texts in kit.values():
        for text in texts:
            kinds.add(text.kind)
            if text.kind == voice.TITLE:
                assert piece.title in text.body or "our new white paper" in text.body
                continue
            words = by_id[text.excerpt_id].text
            assert words in text.body, (words, text.body)
    assert {voice.QUOTE, voice.FIGURE, voice.POINT} <= kinds, "kinds take turns: a quote, a figure, an idea"
    linkedin = [t.kind for t in kit["linkedin"]]
    assert linkedin[:3] == [voice.QUOTE, voice.FIGURE, voice.POINT]


def test_quoted_colleagues_are_named_as_such_and_guests_by_name(sample: Library) -> None:
    names = {a.name for a in sample.authors.values()}
    guide = sample.get("white-papers/sovereign-cloud-guide")
    interview = sample.get("interviews/nadia-roche-belleval")
    assert guide is not None and interview is not None
    guide_texts = [t.body for t in _kit(guide, SITES[0], colleagues=names)["linkedin"]]
    assert any(b.startswith("I keep thinking about what my colleague Thomas Bérard says in our new white paper")
               for b in guide_texts)
    interview_texts = [t.body for t in _kit(interview, SITES[0], colleagues=names)["linkedin"]]
    assert any("Nadia Roche" in b and "colleague" not in b for b in interview_texts)


def _piece(project: ProjectDir, rel: str, front: str, body: str = "Body text of the piece.\n") -> Piece:
    project.piece(rel, front, body)
    library = load_library(load_settings(project.config_file))
    found = next(p for p in library if p.src_uri == rel)
    return found


def test_a_takeaway_too_long_for_x_is_dropped_there_and_kept_whole_elsewhere(project: ProjectDir) -> None:
    long = ("Teams that measure power at the plug, keep servers for six years instead of four, and move batch "
            "jobs to the hours when the grid is cleanest cut the footprint of a typical rack by 41 percent "
            "within eighteen months, without buying a single new machine or changing a provider.")
    piece = _piece(project, "articles/racks.md", f"""
        title: Greener racks
        date: 2026-01-05
        summary: How to cut a rack's footprint.
        takeaways:
          - "{long}"
          - Measure before you buy.
        social:
          x: ["Our brand voice post: do not use it in a kit?"]
        """)
    kit = _kit(piece, SITES[0], room=12)
    assert any(long in t.body for t in kit["linkedin"])
    assert not any(long[:40] in t.body for t in kit["x"]), "never cut to fit"
    assert all("brand voice" not in t.body for texts in kit.values() for t in texts), "hand-written posts are left out"
    assert 3 <= len(kit["x"]) <= 5


def test_a_piece_with_only_a_title_still_gets_three_texts(project: ProjectDir) -> None:
    piece = _piece(project, "articles/short.md", "title: A short note\ndate: 2026-01-05\nsummary: Why ask?", "\n")
    kit = _kit(piece, SITES[0], room=12)
    for network, texts in kit.items():
        assert len(texts) == 3, network
        assert all(t.kind == voice.TITLE for t in texts), "the summary asks a question itself: left out"


def test_french_drops_the_capital_after_a_colon_only_for_common_words() -> None:
    common = common_words("Dans le parc, la plupart des serveurs... Clairval et les ETI sont dans la salle.")
    assert after_colon("Dans la plupart des ETI, 20 %.", common) == "dans la plupart des ETI, 20 %."
    assert after_colon("Clairval mesure tout.", common) == "Clairval mesure tout."
    assert after_colon("ETI : le guide.", common) == "ETI : le guide."


def test_quotation_marks_inside_a_title_become_second_level() -> None:
    assert voice.in_quotes("Pierre-Yves : « La sobriété commence par dire non »", "fr") == (
        "«\u00a0Pierre-Yves : “La sobriété commence par dire non”\u00a0»")
    assert voice.in_quotes("Nadia Roche: “Our milk does not wait”", "en") == "“Nadia Roche: ‘Our milk does not wait’”"


def test_french_texts_elide_de_before_a_vowel() -> None:
    assert voice.de("Amina Diallo") == "d’Amina Diallo" and voice.de("Élodie") == "d’Élodie"
    assert voice.de("Thomas Bérard") == "de Thomas Bérard"


# -- links ----------------------------------------------------------------------------------------

URL = "https://newsroom.clairval.com/white-papers/sovereign-cloud-guide/"


def test_advocacy_links_carry_medium_and_campaign_and_the_key_last() -> None:
    link = advocacy_link(URL, network="linkedin", campaign="sovereign-cloud-2026")
    assert parse_qs(urlsplit(link).query) == {"utm_source": ["linkedin"], "utm_medium": ["advocacy"],
                                              "utm_campaign": ["sovereign-cloud-2026"]}
    personal = personal_link(link, "jdupont")
    assert personal == with_utm(URL, source="linkedin", medium="advocacy", campaign="sovereign-cloud-2026",
                                content="jdupont"), "the same link with_utm would make"
    assert personal_link(link, None) == link and personal_link(link, "") == link


@pytest.mark.parametrize("network", KIT_NETWORKS)
def test_crediting_a_share_url_equals_building_it_with_the_personal_link(network: str) -> None:
    """kit.js grows the encoded link inside each share URL; that must equal a share URL made from scratch."""
    body = "I just read “Sovereign cloud”: 15 to 25 % of workloads & more. How is your team handling it?"
    link = advocacy_link(URL, network=network, campaign="été 2026/cloud")
    anonymous = kit_share_url(network, body=body, link=link, mastodon_instance="mastodon.social")
    for key in ("jdupont", "o.sullivan-2", "k" * KEY_MAX):
        credited = personal_share_url(anonymous, link, key)
        assert credited == kit_share_url(network, body=body, link=personal_link(link, key),
                                         mastodon_instance="mastodon.social")
        query = parse_qs(urlsplit(credited).query)
        carried = query["url"][0] if "url" in query else query["text"][0].split()[-1]
        tagged = parse_qs(urlsplit(carried).query)
        assert tagged["utm_medium"] == ["advocacy"] and tagged["utm_content"] == [key]
        assert tagged["utm_campaign"] == ["été 2026/cloud"]
        assert tagged["utm_source"] == [network]
    assert anonymous.count(quote(link, safe="")) == 1, "the link sits once in each share URL"


def test_share_urls_of_each_network() -> None:
    link = advocacy_link(URL, network="x", campaign="c")
    x = kit_share_url("x", body="Words?", link=link)
    assert x.startswith("https://x.com/intent/post?text=Words%3F&url=https%3A%2F%2Fnewsroom")
    assert kit_share_url("linkedin", body="Words?", link=link) == (
        "https://www.linkedin.com/sharing/share-offsite/?url=" + quote(link, safe=""))
    assert kit_share_url("bluesky", body="Words?", link=link) == (
        "https://bsky.app/intent/compose?text=" + quote("Words?\n\n" + link, safe=""))
    assert kit_share_url("mastodon", body="W", link=link, mastodon_instance="https://fosstodon.org/").startswith(
        "https://fosstodon.org/share?text=W%0A%0Ahttps")


def test_kit_paths_use_the_piece_key_so_equal_slugs_never_collide() -> None:
    assert kit_path("articles/launch") == "share/articles/launch/"
    assert kit_path("case-studies/launch") == "share/case-studies/launch/"
    assert kit_path("articles/launch", directory_urls=False) == "share/articles/launch/index.html"
    kit = "https://n.example.org/share/articles/launch/"
    assert personal_kit_url(kit, "jdupont") == kit + "?a=jdupont"


# -- ambassadors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("JDupont", "'JDupont': expected a name matching [a-z0-9][a-z0-9_.-]{0,31}: lowercase letters"),
        ("a" * 33, "at most 32 characters"),
        ("j dupont", "got 'j dupont'"),
    ],
)
def test_ambassador_keys_must_be_what_analytics_give_back(project: ProjectDir, key: str, expected: str) -> None:
    project.write("ambassadors.yml", f"'{key}': {{name: Julie Dupont}}\nok: {{name: Fine}}\n")
    people, problems = ambassadors_for(load_settings(project.config_file))
    assert people == {}
    messages = [str(p) for p in problems]
    assert len(messages) == 1 and messages[0].startswith("ambassadors.yml: "), messages
    assert expected in messages[0]
    if key == "JDupont":
        assert messages[0].endswith("(try 'jdupont')")


def test_the_sample_ambassadors_file_is_valid_and_varied() -> None:
    people, problems = ambassadors_for(load_settings(ROOT / "mkdocs.yml"))
    assert problems == []
    assert 6 <= len(people) <= 8
    assert {a.lang for a in people.values()} == {"en", "fr"}
    teams = " ".join(a.team for a in people.values()).lower()
    assert "sales" in teams and "presales" in teams and "leadership" in teams


def test_a_kit_is_for_its_language_and_for_those_with_nothing_in_theirs() -> None:
    def person(key: str, lang: str) -> Ambassador:
        return Ambassador(key, key.title(), "Sales", ("linkedin",), lang)

    people = {"fr1": person("fr1", "fr"), "en1": person("en1", "en"), "any": person("any", ""),
              "ca": person("ca", "fr-CA")}
    fr_piece = type("P", (), {"lang": "fr"})()
    assert is_for(people["fr1"], fr_piece, ["fr", "en"]) and is_for(people["ca"], fr_piece, ["fr", "en"])
    assert not is_for(people["en1"], fr_piece, ["fr", "en"]), "the English version is theirs"
    assert is_for(people["en1"], fr_piece, ["fr"]), "no English version: the French kit beats nothing"
    assert is_for(people["any"], fr_piece, ["fr", "en"])
    links = personal_links(fr_piece, "https://n.example.org/share/a/b/", people, ["fr", "en"])  # type: ignore[arg-type]
    assert [p.key for p in links] == ["any", "ca", "fr1"]
    assert links[0].url == "https://n.example.org/share/a/b/?a=any"


def test_texts_leave_room_for_the_longest_key_of_the_file() -> None:
    assert key_room([]) == KEY_ROOM_MIN
    assert key_room(["jdupont", "a" * 20]) == 20
    assert key_room(["a" * 40]) == KEY_MAX
