"""Pure parts of the site: labels and dates, related pieces, pull quotes, pagination, feed writers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from publisher.content import Piece, Quote
from publisher.content.typography import french_spacing
from publisher.site.feeds import FeedInfo, FeedItem, absolute_html, atom, rss
from publisher.site.i18n import NBSP, NNBSP, format_date, label, og_locale, quoted
from publisher.site.indexes import pagination
from publisher.site.pages import paginate
from publisher.site.pullquotes import paragraph_breaks, place_quotes
from publisher.site.related import index_tags, related

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def piece(slug: str, days: int, tags: tuple[str, ...] = (), lang: str = "en", translation: str | None = None) -> Piece:
    return Piece(path=Path(f"/p/articles/{slug}.md"), src_uri=f"articles/{slug}.md", type="article",
                 folder="articles", slug=slug, title=slug.title(), date=T0 + dt.timedelta(days=days), lang=lang,
                 body="", tags=tags, translation=translation)


# -- languages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "lang", "expected"), [
    (dt.date(2026, 3, 2), "en", "March 2, 2026"),
    (dt.date(2026, 3, 2), "fr", "2 mars 2026"),
    (dt.date(2026, 8, 1), "fr", "1er août 2026"),
    (dt.date(2026, 12, 31), "fr-CA", "31 décembre 2026"),
    (dt.date(2026, 12, 31), "de", "December 31, 2026"),
])
def test_dates_are_written_the_way_each_language_writes_them(day: dt.date, lang: str, expected: str) -> None:
    assert format_date(day, lang) == expected


def test_labels_quotes_and_locales() -> None:
    assert label("fr", "takeaways") == "Points clés"
    assert label("en", "takeaways") == "Key takeaways"
    assert label("de", "takeaways") == "Key takeaways", "unknown languages fall back to English"
    assert label("fr", "reading_time_value", n=4) == f"Temps de lecture{NBSP}: 4{NBSP}min"
    assert quoted("Oui", "fr") == f"«{NBSP}Oui{NBSP}»"
    assert quoted("Yes", "en") == "“Yes”"
    assert (og_locale("fr"), og_locale("en"), og_locale("pt-br")) == ("fr_FR", "en_US", "pt_BR")


def test_french_spacing_puts_back_non_breaking_spaces() -> None:
    assert french_spacing("Pourquoi ? « Parce que » : voilà ; enfin !") == (
        f"Pourquoi{NNBSP}? «{NBSP}Parce que{NBSP}»{NBSP}: voilà{NNBSP}; enfin{NNBSP}!")
    assert french_spacing("https://ex.org/a?b=1") == "https://ex.org/a?b=1"


# -- related pieces --------------------------------------------------------------------------------


def test_related_prefers_more_shared_tags_then_language_then_closeness() -> None:
    pieces = [
        piece("a", 10, ("cloud", "carbon")),
        piece("b", 9, ("cloud",)),
        piece("c", 8, ("Cloud", "carbon"), lang="fr"),
        piece("d", 7, ("cloud", "carbon")),
        piece("e", 6, ("unrelated",)),
        piece("f", 5, ("cloud", "carbon"), lang="fr", translation="articles/a"),
    ]
    index = index_tags(sorted(pieces, key=lambda p: p.date, reverse=True))
    assert [p.slug for p in related(index, pieces[0], 5)] == ["d", "c", "b"]
    assert related(index, pieces[4], 3) == []
    assert related(index, pieces[0], 0) == []


def test_related_looks_at_a_bounded_window_when_a_tag_is_everywhere() -> None:
    pieces = [piece(f"p{i:04d}", -i, ("everywhere",)) for i in range(3000)]
    index = index_tags(pieces)
    middle = pieces[1500]
    found = related(index, middle, 4, window=10)
    assert [p.slug for p in found] == ["p1499", "p1501", "p1498", "p1502"]
    assert all(abs(index.position[p.key] - 1500) <= 10 for p in found)


# -- pull quotes -----------------------------------------------------------------------------------

BODY = """<p>One.</p>
<ul>
<li>
<p>Inside a list.</p>
</li>
<li>
<p>Still inside.</p>
</li>
</ul>
<p>Two.</p>
<div class="admonition note">
<p class="admonition-title">Note</p>
<p>Inside an admonition.</p>
</div>
<p>Three.</p>
<h2 id="x">Section</h2>
<p>Four.</p>
<p>Five.</p>
"""


def test_quotes_go_between_top_level_paragraphs_only() -> None:
    breaks = paragraph_breaks(BODY)
    before = [BODY[:b].rstrip().rsplit("\n", 1)[-1] for b in breaks]
    assert before == ["<p>Three.</p>", "<p>Four.</p>"]
    html = place_quotes(BODY, [Quote("Small <steps>", "Ann", "CTO"), Quote("Big & bold")], "en")
    assert html.count('<figure class="pub-pullquote">') == 2
    assert "“Small &lt;steps&gt;”" in html and "“Big &amp; bold”" in html
    assert html.index("Small") > html.index("Three.") and html.index("Big") > html.index("Four.")
    assert '<span class="pub-pullquote__role">CTO</span>' in html


def test_quotes_without_room_go_at_the_end() -> None:
    html = place_quotes("<p>Only one paragraph.</p>\n", [Quote("Q")], "fr")
    assert html.endswith(f"<blockquote><p>«{NBSP}Q{NBSP}»</p></blockquote></figure>\n")
    assert place_quotes("<p>x</p>", [], "en") == "<p>x</p>"


# -- pagination ------------------------------------------------------------------------------------


def test_paginate_and_page_links_collapse_far_pages() -> None:
    pieces = [piece(f"p{i}", -i) for i in range(95)]
    series = paginate("type", "article", "Articles", "articles", pieces, 10)
    assert [len(p.pieces) for p in series] == [10] * 9 + [5]
    assert [p.src_uri for p in series[:3]] == ["articles/index.md", "articles/page/2/index.md", "articles/page/3/index.md"]
    for i, item in enumerate(series, start=1):
        item.url = "articles/" if i == 1 else f"articles/page/{i}/"
    view = pagination(series[5], "en")
    assert view is not None
    assert [p.number if p else None for p in view.pages] == [1, None, 4, 5, 6, 7, 8, None, 10]
    assert (view.newer, view.older, view.text) == ("articles/page/5/", "articles/page/7/", "Page 6 of 10")
    assert pagination(paginate("tag", "t", "T", "tags/t", pieces[:3], 10)[0], "en") is None
    empty = paginate("type", "interview", "Interviews", "interviews", [], 10)
    assert len(empty) == 1 and empty[0].pieces == []


# -- feed writers ----------------------------------------------------------------------------------

HOSTILE = "Ampersands & <tags> ]]> \x0b control \"quotes\" and émojis 🌍"


def _feed_items() -> list[FeedItem]:
    return [FeedItem(url="https://ex.org/a/", title=HOSTILE, summary=HOSTILE, published=T0, updated=T0, lang="fr",
                     content_html='<p>Body <a href="https://ex.org/">link</a> &amp; <img src="https://ex.org/i.png"></p>',
                     authors=("Ann", "Bob"), tags=("cloud", "R&D"))]


@pytest.mark.parametrize("writer", [rss, atom])
def test_feed_writers_escape_anything_a_writer_can_type(writer) -> None:  # type: ignore[no-untyped-def]
    info = FeedInfo("Site & co", "Desc <b>", "https://ex.org/", "https://ex.org/", "en", "Ex Org")
    data = writer(info, _feed_items(), now=T0)
    parsed = feedparser.parse(data)
    assert parsed.bozo is False, parsed.get("bozo_exception")
    assert parsed.feed.title == "Site & co"
    (entry,) = parsed.entries
    assert entry.title == HOSTILE.replace("\x0b", "")
    assert [t.term for t in entry.tags] == ["cloud", "R&D"]
    assert 'href="https://ex.org/"' in entry.content[0].value


def test_absolute_html_resolves_links_against_the_page_and_drops_permalinks() -> None:
    html = ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
            '<p><a href="../other/">x</a> <img src="../../img/c.png"> <a href="https://elsewhere.org/">y</a>'
            ' <a href="#a">z</a> <a href="mailto:a@b.c">m</a></p>')
    out = absolute_html(html, "https://ex.org/articles/a/")
    assert "headerlink" not in out
    assert 'href="https://ex.org/articles/other/"' in out
    assert 'src="https://ex.org/img/c.png"' in out
    assert 'href="https://elsewhere.org/"' in out
    assert 'href="https://ex.org/articles/a/#a"' in out
    assert 'href="mailto:a@b.c"' in out
