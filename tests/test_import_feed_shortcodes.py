"""WordPress shortcodes that leak into RSS feeds take the WXR importer's path: [caption] becomes a
figure, Visual Composer wrappers go and keep their content, unknown ones are reported. Real feeds
without shortcodes convert exactly as before."""

from __future__ import annotations

import html
import re
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from conftest import ProjectDir, corpus

from publisher.cli import commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.content import load_library
from publisher.feeds.html_to_markdown import html_to_markdown, wordpress_to_markdown
from publisher.feeds.shortcodes import ShortcodeContext

THEME_UNIT = ("wxr", "theme-test-data", "themeunittestdata.wordpress.xml")


def texturize(shortcode_text: str) -> str:
    """What wptexturize does to the quotes of a shortcode whose plugin is gone: ”value″, as entities."""
    def tag(m: re.Match[str]) -> str:
        quotes = iter(["&#8221;", "&#8243;"] * 50)
        return re.sub('"', lambda _: next(quotes), m.group(0))
    return re.sub(r"\[[a-z_]+ [^\]]*\]", tag, shortcode_text)


def caption_posts() -> list[tuple[str, str]]:
    """(title, raw content) of the theme unit test posts that use [caption] (real WordPress content)."""
    text = corpus(*THEME_UNIT).read_text(encoding="utf-8")
    posts = []
    for item in re.findall(r"<item>(.*?)</item>", text, re.S):
        content = re.search(r"<content:encoded><!\[CDATA\[(.*?)\]\]></content:encoded>", item, re.S)
        title = re.search(r"<title>(.*?)</title>", item, re.S)
        if content and "[caption" in content.group(1) and title:
            posts.append((html.unescape(title.group(1)), content.group(1)))
    return posts


def leaky_feed(posts: list[tuple[str, str]]) -> str:
    items = []
    for i, (title, content) in enumerate(posts, start=1):
        rendered = "".join(f"<p>{block.strip()}</p>\n" for block in content.split("\n\n") if block.strip())
        items.append(f"""<item><title>{html.escape(title)}</title><link>https://blog.example/{i}/</link>
<guid isPermaLink="false">https://blog.example/?p={i}</guid><pubDate>Mon, 0{i % 9 + 1} Mar 2026 09:00:00 +0000</pubDate>
<content:encoded><![CDATA[{texturize(rendered)}]]></content:encoded></item>""")
    items.append("""<item><title>Page builder leftovers</title><link>https://blog.example/vc/</link>
<guid isPermaLink="false">https://blog.example/?p=99</guid><pubDate>Tue, 10 Mar 2026 09:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>[vc_row full_width=&#8221;stretch_row&#8221;][vc_column width=&#8221;1/2&#8243;][vc_column_text]</p>
<p>Le cœur du sujet&#160;: garder la main sur ses données.</p>
<p>[/vc_column_text][/vc_column][vc_column width=&#8221;1/2&#8243;][vc_single_image image=&#8221;42&#8243;][/vc_column][/vc_row]</p>
<p>[contact-form-7 id=&#8221;12&#8243; title=&#8221;Contact&#8221;]</p>]]></content:encoded></item>""")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Leaky blog</title>'
            '<link>https://blog.example/</link>' + "\n".join(items) + "</channel></rss>\n")


def test_leaked_shortcodes_are_converted_like_the_wxr_importer_does(project: ProjectDir, tmp_path: Path) -> None:
    posts = caption_posts()
    assert len(posts) >= 2, "the theme unit test data should hold posts with [caption]"
    feed = tmp_path / "leaky.rss"
    feed.write_text(leaky_feed(posts), encoding="utf-8")
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "import", "feed", str(feed)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "unknown shortcode [contact-form-7] left as text" in result.output
    library = load_library(load_settings(project.config_file))
    assert len(library) == len(posts) + 1
    for piece in library:
        assert not re.search(r"\\?\[/?(caption|vc_[a-z_]+)", piece.body), (piece.title, piece.body)
        assert "&#8221;" not in piece.body and "”" not in piece.body
    captions = [p for p in library if p.title != "Page builder leftovers"]
    figures = "\n".join(p.body for p in captions)
    assert figures.count("<figure>") >= len(posts)
    assert "<figcaption>Bigger caption than the image usually is.</figcaption>" in figures
    assert 'src="https://wpthemetestdata.files.wordpress.com/2013/03/image-alignment-150x150.jpg"' in figures
    leftovers = next(p for p in library if p.title == "Page builder leftovers")
    assert "Le cœur du sujet" in leftovers.body and "vc_" not in leftovers.body
    assert "contact-form-7" in leftovers.body  # unknown: kept visible as text, and reported above


def test_one_path_for_both_importers(tmp_path: Path) -> None:
    """The same [caption] gives the same Markdown from an export (raw) and from a feed (rendered)."""
    raw = ('[caption id="attachment_906" align="aligncenter" width="580"]<img src="https://img.example/a.jpg" '
           'alt="A" width="580" height="300" /> Look at <a href="https://example.org/">this</a> caption.[/caption]')
    from_export = wordpress_to_markdown(raw, ShortcodeContext()).markdown
    from_feed = wordpress_to_markdown(f"<p>{texturize(raw)}</p>", ShortcodeContext(), rendered=True).markdown
    assert from_export == from_feed
    assert "<figcaption>Look at <a href=\"https://example.org/\">this</a> caption.</figcaption>" in from_feed


@pytest.mark.parametrize("name", ["content-encoded.rss", "feedburner.atom", "guardian.rss", "encoding.rss",
                                  "uolNoticias.rss", "heise.atom", "many-links.rss", "narro.rss",
                                  "reddit-atom.rss", "instant-article.rss", "gulp-atom.atom", "customfields.rss"])
def test_real_feeds_without_shortcodes_convert_as_before(name: str) -> None:
    entries = feedparser.parse(corpus("feeds", "rss-parser", name).read_bytes(), sanitize_html=False).entries
    bodies = [c["value"] for e in entries for c in (e.get("content") or [{"value": e.get("summary", "")}])
              if c.get("value")]
    assert bodies
    for body in bodies:
        converted = wordpress_to_markdown(body, ShortcodeContext(), base_url="https://feed.example/", rendered=True)
        assert converted.markdown == html_to_markdown(body, base_url="https://feed.example/")
        assert converted.unknown_shortcodes == ()
