"""WordPress markup to Markdown: shortcodes, Gutenberg comments, wpautop, captions, and text that stays text."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from publisher.feeds.autop import autop
from publisher.feeds.html_to_markdown import escape_text, html_to_markdown, wordpress_to_markdown
from publisher.feeds.shortcodes import Attachment, ShortcodeContext, parse_attributes

IMG = '<img src="https://cdn.example.org/bell.jpg" alt="Bell on the wharf" width="300" />'
MEDIA = {
    "11": Attachment("11", "https://cdn.example.org/a.jpg", title="First", alt="Alt one", mime="image/jpeg",
                     parent="5", order=2),
    "12": Attachment("12", "https://cdn.example.org/b.jpg", title="Second", caption="Second caption",
                     mime="image/jpeg", parent="5", order=1),
    "13": Attachment("13", "https://cdn.example.org/song.mp3", title="Our song", mime="audio/mpeg", parent="5"),
    "14": Attachment("14", "https://cdn.example.org/c.jpg", title="Elsewhere", mime="image/jpeg", parent="9"),
}


def wp(content: str, post_id: str = "5"):
    return wordpress_to_markdown(content, ShortcodeContext(post_id, MEDIA), base_url="https://blog.example.org/p/")


def render(md: str) -> str:
    """The Markdown as the site renders it (the extensions of this project's mkdocs.yml)."""
    return markdown.markdown(md, extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])


@pytest.mark.parametrize("shortcode", [
    f'[caption id="attachment_1" align="alignright" width="300" caption="Bell in San Francisco"]{IMG}[/caption]',
    f'[caption id="attachment_1" align="alignright" width="300"]{IMG} Bell in San Francisco[/caption]',
])
def test_caption_both_forms_become_an_image_with_its_caption(shortcode: str) -> None:
    md = wp(f"Before.\n\n{shortcode}\n\nAfter.").markdown
    assert '<img src="https://cdn.example.org/bell.jpg" alt="Bell on the wharf">' in md
    assert "<figcaption>Bell in San Francisco</figcaption>" in md
    assert md.index("Before.") < md.index("<figure>") < md.index("After.")
    assert "[caption" not in md and "[/caption]" not in md
    html = render(md)
    assert "<figcaption>Bell in San Francisco</figcaption>" in html and 'alt="Bell on the wharf"' in html


def test_caption_with_a_link_around_the_image_and_markup_in_the_caption() -> None:
    linked = f'<a href="https://cdn.example.org/full.jpg">{IMG}</a>'
    md = wp(f'[caption width="300"]{linked} Photo by <a href="https://ex.org/">Sam</a> <em>2024</em>[/caption]').markdown
    assert '<a href="https://cdn.example.org/full.jpg"><img src="https://cdn.example.org/bell.jpg"' in md
    assert '<figcaption>Photo by <a href="https://ex.org/">Sam</a> <em>2024</em></figcaption>' in md


def test_an_image_without_caption_stays_a_markdown_image_with_its_alt() -> None:
    md = wp(f"[caption]{IMG}[/caption]").markdown
    assert md.strip() == "![Bell on the wharf](https://cdn.example.org/bell.jpg)"


def test_visual_composer_wrappers_are_removed_and_their_content_kept() -> None:
    content = ('[vc_row full_width="stretch_row"][vc_column width="1/2"][vc_column_text css=".vc_custom{}"]'
               "<p>Inside the column.</p>[/vc_column_text][vc_single_image image=\"11\"][/vc_column]"
               "[vc_column][vc_column_text]Second column.[/vc_column_text][/vc_column][/vc_row]")
    result = wp(content)
    assert "vc_" not in result.markdown
    assert "Inside the column." in result.markdown and "Second column." in result.markdown
    assert "![Alt one](https://cdn.example.org/a.jpg)" in result.markdown
    assert result.unknown_shortcodes == ()


def test_gallery_lists_the_attached_images_in_menu_order_or_the_given_ids() -> None:
    attached = wp("[gallery columns=\"3\"]").markdown
    assert attached.index("b.jpg") < attached.index("a.jpg")  # menu order 1 then 2
    assert "<figcaption>Second caption</figcaption>" in attached and "c.jpg" not in attached
    chosen = wp('[gallery ids="14,11"]').markdown
    assert chosen.index("c.jpg") < chosen.index("a.jpg") and "b.jpg" not in chosen


def test_audio_video_and_embed_become_links() -> None:
    md = wp("[audio https://cdn.example.org/blues.mp3]\n\n[audio]\n\n"
            '[video width="640" mp4="https://cdn.example.org/clip.mp4" poster="https://cdn.example.org/poster.jpg"]'
            "[/video]\n\n[embed width=\"500\"]https://www.youtube.com/watch?v=abc[/embed]\n\n"
            "https://vimeo.com/12345\n\nText.").markdown
    assert "[Audio: blues.mp3](https://cdn.example.org/blues.mp3)" in md
    assert "[Audio: Our song](https://cdn.example.org/song.mp3)" in md  # [audio] plays the attached file
    assert "[![Video: clip.mp4](https://cdn.example.org/poster.jpg)](https://cdn.example.org/clip.mp4)" in md
    assert "<https://www.youtube.com/watch?v=abc>" in md
    assert "<https://vimeo.com/12345>" in md  # a URL alone on its line is an embed in WordPress


def test_unknown_shortcodes_stay_visible_and_are_listed() -> None:
    result = wp('Price: [price sku="X1"] and [contact-form-7 id="3" /] and [note]Hi[/note] but [[caption]] '
                "and a [simple boat] in prose.")
    assert list(result.unknown_shortcodes) == ["price", "contact-form-7", "note"]
    html = render(result.markdown)
    assert '[price sku="X1"]' in html and "[note]Hi[/note]" in html
    assert "[caption]" in html  # WordPress's escaped literal [[caption]]


def test_gutenberg_block_comments_are_dropped_and_no_autop_is_applied() -> None:
    content = ('<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n\n'
               '<!-- wp:image {"id":12,"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large">'
               '<img src="https://cdn.example.org/x.jpg" alt="X"/><figcaption>A caption</figcaption></figure>\n'
               '<!-- /wp:image -->\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->')
    md = wp(content).markdown
    assert "wp:" not in md and "more" not in md
    assert md.startswith("One.\n\n<figure>")
    assert "<figcaption>A caption</figcaption>" in md


def test_wpautop_turns_blank_lines_into_paragraphs_and_single_newlines_into_breaks() -> None:
    html = autop("First paragraph\nsame paragraph.\n\nSecond paragraph.\n<pre>keep\n\nthis</pre>")
    assert html.startswith("<p>First paragraph<br />\nsame paragraph.</p>")
    assert "<p>Second paragraph.</p>" in html and "<pre>keep\n\nthis</pre>" in html
    md = wp("first paragraph\n\nsecond paragraph").markdown
    assert md == "first paragraph\n\nsecond paragraph\n"
    assert render(md).count("<p>") == 2


def test_text_that_looks_like_markup_is_escaped_for_python_markdown() -> None:
    hostile = ("<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2)) {: onclick=alert(3) } "
               "a | b &amp;copy; C:\\temp *not emphasis*</p><p># not a heading</p><p>1. not a list</p>"
               "<p>~~~</p><p>!!! note</p><p>&gt; not a quote</p>")
    md = html_to_markdown(hostile)
    soup = BeautifulSoup(render(md), "html.parser")
    assert [t.name for t in soup.find_all(True)] == ["p"] * 6  # paragraphs only: no link, heading, list...
    assert all(not t.attrs for t in soup.find_all(True))
    text = soup.get_text()
    for literal in ("<script>alert(1)</script>", "[x](javascript:alert(2))", "{: onclick=alert(3) }", "a | b",
                    "&copy;", "C:\\temp", "*not emphasis*", "# not a heading", "1. not a list", "~~~",
                    "!!! note", "> not a quote"):
        assert literal in text, (literal, md)


def test_escape_text_leaves_plain_words_alone() -> None:
    assert escape_text("Plain words, AT&T & co > 3.") == "Plain words, AT&T & co > 3."


def test_urls_are_checked_and_made_safe_for_markdown() -> None:
    md = html_to_markdown('<a href="javascript:alert(1)">a</a> <a href="/relative path(1)">b</a> '
                          '<img src="data:image/png;base64,AAAA" alt="data"> <a href="mailto:x@example.org">m</a>',
                          base_url="https://blog.example.org/post/")
    assert md.strip() == "a [b](https://blog.example.org/relative%20path%281%29) data [m](mailto:x@example.org)"


def test_shortcode_attributes_are_read_like_wordpress() -> None:
    named, positional = parse_attributes(' id="a b" width=300 caption=\'It&#8217;s\' https://x.org/a.mp3 flag')
    assert named == {"id": "a b", "width": "300", "caption": "It’s"}
    assert positional == ["https://x.org/a.mp3", "flag"]
