"""The built site, read back from disk: meta tags, feeds, indexes, pagination, tags, translations.

Every test runs the real `mkdocs build` (Material theme, our plugin, our templates from theme/)
on a throwaway project and parses what it wrote with html.parser, json, xml.etree and feedparser.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
from conftest import ROOT, ProjectDir
from mkdocs.commands.build import build
from mkdocs.config import load_config

from publisher.config import load_settings
from publisher.content import load_library
from publisher.networks.sharing import sharing_networks

SITE_URL = "https://test.example.org/"
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
SPECIAL_TITLE = 'R&D <fast> "quoted" </script> & more'
UTM_NETWORKS = (*sharing_networks(), "email")


# -- a small DOM over html.parser ------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}> found"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def meta(doc: Node) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in doc.find_all("meta"):
        key = node.attrs.get("property") or node.attrs.get("name")
        if key:
            out.setdefault(key, []).append(node.attrs.get("content", ""))
    return out


# -- a project with every kind of piece ------------------------------------------------------------


def png(width: int = 4, height: int = 2) -> bytes:
    """A real (tiny) PNG, so covers are files a browser could show."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def with_theme(project: ProjectDir) -> ProjectDir:
    shutil.copytree(ROOT / "theme", project.root / "theme", dirs_exist_ok=True)
    return project


def theme_settings(project: ProjectDir, *lines: str) -> None:
    """Add lines under `theme:` in the project's mkdocs.yml."""
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text.replace("  custom_dir: theme\n", "  custom_dir: theme\n" + "".join(
        f"  {line}\n" for line in lines)), encoding="utf-8")


def run_build(project: ProjectDir, *, now: dt.datetime = NOW, serving: bool = False) -> Path:
    cfg = load_config(config_file=str(project.config_file))
    # MkDocs keeps one plugin instance per process (for `serve`): set, then restore, what we pin.
    plugin = cfg.plugins["publisher"]
    plugin.on_startup(command="serve" if serving else "build", dirty=False)
    plugin.now = now
    try:
        build(cfg)
    finally:
        plugin.now = None
        plugin.on_startup(command="build", dirty=False)
    return project.root / "site"


def day(offset: int) -> str:
    return (NOW + dt.timedelta(days=offset)).strftime("%Y-%m-%d")


def write_sample(project: ProjectDir) -> None:
    project.config(
        """
        lang: en
        timezone: Europe/Paris
        site:
          per_page: 4
          home_per_type: 2
          twitter_site: "@testsite"
          feeds: {items: 50}
        """,
        # An unlisted page stays out of the nav the MkDocs way.
        extra="not_in_nav: |\n  /hidden-share.md\nmarkdown_extensions:\n  - toc:\n      permalink: true\n",
    )
    theme_settings(project, "features: [navigation.tabs]")
    project.write("content/img/cover.png", png())
    project.write("content/files/guide.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    for i in range(9):
        tags = "[cloud, sovereignty]" if i % 2 == 0 else "[carbon]"
        project.piece(f"articles/note-{i}.md", f"""
            title: Note number {i}
            date: {day(-100 + i * 5)}
            authors: [sam]
            summary: Summary of note {i}.
            tags: {tags}
            """, f"Paragraph one of note {i}, long enough to be a paragraph.\n\nParagraph two.\n")
    project.piece("articles/2026-launch-notes.md", f"""
        title: {json.dumps(SPECIAL_TITLE)}
        slug: launch
        date: {day(-2)}
        authors: [camille, sam]
        summary: "Escaping matters: <b>bold</b> & 'quotes'."
        tags: [cloud, launch]
        cover: /img/cover.png
        cover_alt: An orange rectangle
        campaign: spring-launch
        takeaways:
          - Know where your data lives.
          - Contracts matter as much as code.
        quotes:
          - text: Sovereignty is a design choice.
            by: Camille Martin
            role: Head of Communications
        """, "First paragraph with an ![image](../img/cover.png) inside.\n\n## Details\n\nSecond "
             "paragraph.\n\nThird paragraph [with a link](note-1.md).\n\nFourth paragraph.\n")
    project.piece("articles/souverainete.md", f"""
        title: La souveraineté numérique, expliquée
        date: {day(-1)}
        lang: fr
        authors: [camille]
        summary: Ce que la souveraineté veut dire pour les données d’une ETI.
        translation: articles/sovereignty.md
        tags: [cloud]
        takeaways: [Savoir où sont les données.]
        """, "Un paragraphe en français, assez long pour compter comme un paragraphe.\n\n## Pourquoi ?\n\n"
             "Parce que.\n")
    project.piece("articles/sovereignty.md", f"""
        title: Digital sovereignty, explained
        date: {day(-1)}
        lang: en
        authors: [camille]
        summary: What sovereignty means for a mid-size company's data.
        tags: [cloud, sovereignty]
        """, "An English paragraph, long enough to count as a paragraph.\n")
    project.piece("white-papers/guide.md", f"""
        title: The sovereign cloud guide
        date: {day(-10)}
        authors: [sam]
        summary: A guide.
        cover: /img/cover.png
        pdf: /files/guide.pdf
        cta: {{label: Book a workshop, url: "https://test.example.org/contact/"}}
        tags: [cloud]
        """)
    project.piece("case-studies/acme.md", f"""
        title: How Acme moved
        date: {day(-20)}
        summary: A case.
        guest: {{name: Jane Doe, role: CIO, organization: Acme}}
        """)
    project.piece("articles/future.md", f"title: Not yet\ndate: {day(30)}\ntags: [cloud]\nsummary: Later.")
    project.piece("articles/draft.md", f"title: Work in progress\ndate: {day(-3)}\ndraft: true\ntags: [cloud]")
    project.write("content/hidden-share.md", "---\nunlisted: true\n---\n\n# Share me\n\nA page for one campaign.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the sample project, shared by the read-only tests below."""
    root = tmp_path_factory.mktemp("site") / "proj"
    project = ProjectDir(root)
    project.write("content/index.md", "# Home\n\nWelcome to the test newsroom.\n")
    project.write("content/authors.yml", """
        camille:
          name: Camille Martin
          role: Head of Communications
          x: "@camille"
          avatar: img/cover.png
        sam:
          name: Sam Lee
          role: Solutions Engineer
    """)
    with_theme(project)
    write_sample(project)
    return run_build(project)


# -- pieces ----------------------------------------------------------------------------------------


def test_piece_page_has_social_meta_canonical_and_json_ld(site: Path) -> None:
    doc = parse(site / "articles/launch/index.html")
    tags = meta(doc)
    url = f"{SITE_URL}articles/launch/"
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == [SPECIAL_TITLE]
    assert tags["og:description"] == ["Escaping matters: <b>bold</b> & 'quotes'."]
    assert tags["og:url"] == [url]
    assert tags["og:image"] == [f"{SITE_URL}img/cover.png"]
    assert (site / "img/cover.png").is_file()
    assert tags["article:author"] == ["Camille Martin", "Sam Lee"]
    assert dt.datetime.fromisoformat(tags["article:published_time"][0]) == dt.datetime(2026, 6, 13, tzinfo=dt.UTC) \
        - dt.timedelta(hours=2)
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:site"] == ["@testsite"]
    assert tags["twitter:creator"] == ["@camille"]
    assert [n.attrs["href"] for n in doc.find_all("link", rel="canonical")] == [url]
    (ld_node,) = [n for n in doc.find_all("script") if n.attrs.get("type") == "application/ld+json"]
    ld = json.loads(ld_node.text())
    assert ld["@type"] == "Article"
    assert ld["headline"] == SPECIAL_TITLE
    assert [a["name"] for a in ld["author"]] == ["Camille Martin", "Sam Lee"]
    assert ld["author"][0]["url"] == f"{SITE_URL}authors/camille/"
    assert ld["image"] == [f"{SITE_URL}img/cover.png"]
    assert "</script>" not in ld_node.text()


def test_piece_page_shows_summary_takeaways_quotes_reading_time_and_authors(site: Path) -> None:
    doc = parse(site / "articles/launch/index.html")
    assert doc.find("h1", "pub-title").text() == SPECIAL_TITLE
    assert doc.find(cls="pub-lead").text() == "Escaping matters: <b>bold</b> & 'quotes'."
    box = doc.find("aside", "pub-takeaways")
    assert "Key takeaways" in box.text()
    assert [li.text() for li in box.find_all("li")] == ["Know where your data lives.", "Contracts matter as much as code."]
    quote = doc.find("figure", "pub-pullquote")
    assert quote.find("blockquote").text() == "“Sovereignty is a design choice.”"
    assert "Camille Martin" in quote.find("figcaption").text()
    body = doc.find(cls="pub-body")
    assert quote.parent is body, "pull quotes sit between top-level paragraphs of the body"
    assert "Reading time: 1 min" in doc.find(cls="pub-byline").text()
    assert [a.text() for a in doc.find_all("a", "pub-author")] == ["Camille Martin", "Sam Lee"]


def test_piece_url_comes_from_its_slug_not_its_file_name(site: Path) -> None:
    assert (site / "articles/launch/index.html").is_file()
    assert not (site / "articles/2026-launch-notes").exists()
    doc = parse(site / "articles/launch/index.html")
    link = next(a for a in doc.find(cls="pub-body").find_all("a") if a.text() == "with a link")
    assert link.attrs["href"] == "../note-1/"


def test_share_buttons_link_to_each_network_with_utm_parameters(site: Path) -> None:
    doc = parse(site / "articles/launch/index.html")
    links = {a.attrs["data-network"]: a.attrs["href"] for a in doc.find_all("a", "pub-share__button")}
    assert set(links) == set(UTM_NETWORKS)
    assert links["x"].startswith("https://x.com/intent/post?")
    assert links["linkedin"].startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert links["mastodon"].startswith("https://mastodon.social/share?text=")
    assert links["bluesky"].startswith("https://bsky.app/intent/compose?text=")
    assert links["email"].startswith("mailto:?subject=")
    for network, href in links.items():
        query = parse_qs(urlsplit(href).query) if network != "email" else parse_qs(href.split("?", 1)[1])
        carried = query.get("url") or query.get("text") or query.get("body")
        shared = next(w for w in unquote(carried[0]).split() if w.startswith(SITE_URL))
        assert shared.startswith(f"{SITE_URL}articles/launch/?")
        assert parse_qs(urlsplit(shared).query) == {
            "utm_source": [network], "utm_medium": ["share-button"], "utm_campaign": ["spring-launch"]}
    assert parse_qs(urlsplit(links["x"]).query)["text"] == [SPECIAL_TITLE]


def test_landing_layout_for_white_papers_only(site: Path) -> None:
    paper = parse(site / "white-papers/guide/index.html")
    assert paper.find_all("header", "pub-landing")
    cta = paper.find("a", "pub-cta")
    assert (cta.text(), cta.attrs["href"]) == ("Book a workshop", "https://test.example.org/contact/")
    pdf = paper.find("a", "pub-pdf")
    assert (site / "white-papers/guide" / pdf.attrs["href"]).resolve() == (site / "files/guide.pdf").resolve()
    assert (site / "files/guide.pdf").is_file()
    case = parse(site / "case-studies/acme/index.html")
    assert case.find("a", "pub-cta").text() == "Talk to our team", "the site's default call to action"
    assert "With Jane Doe, CIO, Acme" in case.find(cls="pub-context").text()
    article = parse(site / "articles/note-0/index.html")
    assert not article.find_all("header", "pub-landing") and not article.find_all("a", "pub-cta")


def test_translation_switch_language_and_labels(site: Path) -> None:
    fr = parse(site / "articles/souverainete/index.html")
    assert fr.find("html").attrs["lang"] == "fr"
    assert "Points clés" in fr.find(cls="pub-takeaways").text()
    assert "Temps de lecture\u00a0: 1\u00a0min" in fr.find(cls="pub-byline").text()
    assert fr.find(cls="pub-share").find(cls="pub-share__label").text() == "Partager"
    switch = fr.find("a", "pub-translation")
    assert (switch.text(), switch.attrs["href"], switch.attrs["hreflang"]) == ("Read in English", "../sovereignty/", "en")
    assert meta(fr)["og:locale"] == ["fr_FR"]
    toc = [a.text().strip() for a in fr.find("nav", "md-nav--secondary").find_all("a", "md-nav__link")]
    assert "Pourquoi\u202f?" in toc, "French punctuation keeps its non-breaking space in the table of contents"
    en = parse(site / "articles/sovereignty/index.html")
    assert en.find("html").attrs["lang"] == "en"
    assert en.find("a", "pub-translation").text() == "Lire en français"
    assert "Key takeaways" not in en.find(cls="pub-piece").text()


def test_related_pieces_share_a_tag_and_leave_out_the_translation(site: Path) -> None:
    doc = parse(site / "articles/sovereignty/index.html")
    related = [a.attrs["href"] for a in doc.find(cls="pub-related").find_all("a", "pub-card__link")]
    assert len(related) == 3
    assert "../souverainete/" not in related
    for href in related:
        other = parse((site / "articles/sovereignty" / href / "index.html").resolve())
        their_tags = {a.text() for a in other.find_all("a", "pub-tag")}
        assert their_tags & {"#cloud", "#sovereignty"}


def test_unpublished_pieces_and_the_authors_file_are_not_built(site: Path) -> None:
    assert not (site / "articles/future").exists()
    assert not (site / "articles/draft").exists()
    assert not (site / "authors.yml").exists()
    everything = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "Not yet" not in everything and "Work in progress" not in everything


# -- generated pages -------------------------------------------------------------------------------


def _cards(path: Path) -> list[str]:
    return [n.text() for n in parse(path).find_all("h3", "pub-card__title")]


def test_type_index_is_paginated_newest_first(site: Path) -> None:
    pages = [site / "articles/index.html", site / "articles/page/2/index.html", site / "articles/page/3/index.html"]
    titles = [_cards(p) for p in pages]
    assert [len(t) for t in titles] == [4, 4, 4]  # 12 published articles, 4 per page
    flat = [t for page in titles for t in page]
    # Same date: ties go by key, in reverse like the dates (sovereignty > souverainete).
    assert flat[:3] == ["Digital sovereignty, explained", "La souveraineté numérique, expliquée", SPECIAL_TITLE]
    assert flat[3:] == [f"Note number {i}" for i in range(8, -1, -1)]
    assert not (site / "articles/page/4").exists()
    second = parse(pages[1])
    nav = second.find("nav", "pub-pagination")
    assert nav.find("a", rel="prev").attrs["href"] == "../../"
    assert nav.find("a", rel="next").attrs["href"] == "../3/"
    assert nav.find(cls="pub-pagination__status").text() == "Page 2 of 3"
    assert nav.find("span", "pub-pagination__page--current").text() == "2"


def test_tag_pages_list_exactly_the_published_pieces_with_that_tag(site: Path) -> None:
    titles = set(_cards(site / "tags/sovereignty/index.html"))
    assert titles == {"Digital sovereignty, explained", "Note number 8", "Note number 6", "Note number 4"}
    assert set(_cards(site / "tags/sovereignty/page/2/index.html")) == {"Note number 2", "Note number 0"}
    cloud = [t for p in sorted((site / "tags/cloud").rglob("index.html")) for t in _cards(p)]
    assert "Not yet" not in cloud and "Work in progress" not in cloud
    assert len(cloud) == 9  # 5 notes, launch, souveraineté, sovereignty, the white paper
    index = parse(site / "tags/index.html")
    counts = {a.attrs["href"]: a.find(cls="pub-tag__count").text() for a in index.find_all("a", "pub-tag")}
    assert counts["carbon/"] == "4 pieces" and counts["launch/"] == "1 piece"


def test_author_pages_show_the_author_and_their_pieces(site: Path) -> None:
    doc = parse(site / "authors/camille/index.html")
    assert doc.find("h1").text() == "Camille Martin"
    assert doc.find(cls="pub-profile__role").text() == "Head of Communications"
    assert set(_cards(site / "authors/camille/index.html")) == {
        SPECIAL_TITLE, "La souveraineté numérique, expliquée", "Digital sovereignty, explained"}
    people = {a.attrs["href"] for a in parse(site / "authors/index.html").find_all("a", "pub-person")}
    assert people == {"camille/", "sam/"}


def test_home_shows_the_latest_pieces_of_each_type(site: Path) -> None:
    doc = parse(site / "index.html")
    sections = {s.find("h2").text(): [h.text() for h in s.find_all("h3", "pub-card__title")]
                for s in doc.find_all("section", "pub-home__section")}
    assert list(sections) == ["Articles", "White papers", "Case studies"]
    assert len(sections["Articles"]) == 2 and "Note number 8" not in sections["Articles"]
    assert sections["White papers"] == ["The sovereign cloud guide"]
    assert "Welcome to the test newsroom." in doc.find(cls="pub-hero").text()


def test_navigation_lists_types_not_pieces(site: Path) -> None:
    doc = parse(site / "articles/note-0/index.html")
    nav_text = " ".join(n.text() for n in doc.find_all("nav", "md-nav"))
    tabs = [a.text().strip() for a in doc.find_all("a", "md-tabs__link")]
    assert tabs == ["Home", "Articles", "White papers", "Case studies", "Topics"]
    assert "Note number 3" not in nav_text and "Note number 3" not in " ".join(tabs)
    active = doc.find("li", "md-tabs__item--active")
    assert active.text().strip() == "Articles"


# -- feeds, sitemap, search ------------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["", "articles/"])
@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_rss_and_atom_feeds_parse_cleanly(site: Path, folder: str, name: str) -> None:
    parsed = feedparser.parse((site / folder / name).read_bytes())
    assert parsed.bozo is False, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if name == "feed.xml" else "atom10")
    titles = [e.title for e in parsed.entries]
    assert "Not yet" not in titles and "Work in progress" not in titles
    assert SPECIAL_TITLE in titles
    dates = [e.published_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    launch = next(e for e in parsed.entries if e.title == SPECIAL_TITLE)
    assert launch.link == f"{SITE_URL}articles/launch/"
    html = launch.content[0].value
    assert f'src="{SITE_URL}img/cover.png"' in html, "relative links are made absolute for readers"
    assert "pub-pullquote" in html and "headerlink" not in html
    expected = 12 if folder else 14
    assert len(parsed.entries) == expected


def test_json_feed_follows_the_spec(site: Path) -> None:
    # feedparser 6.0 reads no JSON Feed, so the spec's required fields are checked directly.
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] and data["home_page_url"] == SITE_URL and data["feed_url"] == f"{SITE_URL}feed.json"
    assert len(data["items"]) == 14
    for item in data["items"]:
        assert item["id"] and item["url"].startswith(SITE_URL)
        assert item.get("content_html") or item.get("content_text")
        assert dt.datetime.fromisoformat(item["date_published"]).tzinfo is not None
    launch = next(i for i in data["items"] if i["title"] == SPECIAL_TITLE)
    assert launch["image"] == f"{SITE_URL}img/cover.png"
    assert launch["authors"] == [{"name": "Camille Martin"}, {"name": "Sam Lee"}]
    assert json.loads((site / "white-papers/feed.json").read_text())["items"][0]["title"] == "The sovereign cloud guide"


def test_sitemap_has_generated_pages_and_no_unpublished_or_unlisted_page(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {n.text for n in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    for path in ("", "articles/", "articles/page/2/", "tags/", "tags/cloud/", "authors/sam/", "articles/launch/"):
        assert f"{SITE_URL}{path}" in locs
    assert f"{SITE_URL}articles/future/" not in locs and f"{SITE_URL}articles/draft/" not in locs
    assert f"{SITE_URL}hidden-share/" not in locs
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    pair = {f"{SITE_URL}articles/souverainete/", f"{SITE_URL}articles/sovereignty/"}
    for url in ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        links = {link.get("hreflang"): link.get("href") for link in url.findall(xhtml)}
        if loc in pair:
            assert links == {"fr": f"{SITE_URL}articles/souverainete/", "en": f"{SITE_URL}articles/sovereignty/"}
        else:
            assert links == {}
    assert (site / "hidden-share/index.html").is_file(), "unlisted pages are built, only not listed"


def test_search_index_covers_pieces_but_not_unlisted_pages(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "articles/launch/" in locations and "articles/souverainete/" in locations
    assert "hidden-share/" not in locations
    assert "articles/page/2/" not in locations, "later index pages only repeat the pieces"


# -- builds with other settings --------------------------------------------------------------------


def test_serving_shows_drafts_and_scheduled_pieces_with_a_banner(project: ProjectDir) -> None:
    with_theme(project)
    write_sample(project)
    site = run_build(project, serving=True)
    draft = parse(site / "articles/draft/index.html")
    assert "Draft: shown only in the preview" in draft.find(cls="pub-preview-banner").text()
    assert draft.find(cls="pub-badge--draft").text() == "Draft"
    future = parse(site / "articles/future/index.html")
    assert "Scheduled for July 15, 2026" in future.find(cls="pub-preview-banner").text()
    listed = [t for p in sorted((site / "articles").rglob("index.html")) if "page" in p.parts or p.parent.name == "articles"
              for t in _cards(p)]
    assert "Work in progress" in listed and "Not yet" in listed
    titles = [e.title for e in feedparser.parse((site / "feed.xml").read_bytes()).entries]
    assert "Work in progress" not in titles and "Not yet" not in titles
    assert not parse(site / "articles/note-0/index.html").find_all(cls="pub-preview-banner")


def test_a_later_build_publishes_the_scheduled_piece(project: ProjectDir) -> None:
    with_theme(project)
    write_sample(project)
    site = run_build(project, now=NOW + dt.timedelta(days=31))
    assert (site / "articles/future/index.html").is_file()
    assert "Not yet" in [e.title for e in feedparser.parse((site / "feed.xml").read_bytes()).entries]
    assert not (site / "articles/draft").exists()


def test_french_site_interface(project: ProjectDir) -> None:
    with_theme(project)
    project.config("lang: fr\nlanguages: [fr, en]", extra="")
    theme_settings(project, "language: fr", "features: [navigation.tabs]")
    project.piece("white-papers/guide.md", f"title: Le guide\ndate: {day(-1)}\nsummary: Un guide.")
    project.piece("articles/en.md", f"title: An English piece\ndate: {day(-2)}\nlang: en")
    (project.content / "index.md").unlink()  # the plugin makes the home page itself
    site = run_build(project)
    home = parse(site / "index.html")
    assert home.find("html").attrs["lang"] == "fr"
    assert [h.text() for h in home.find_all("h2", "pub-section-title")] == ["Articles", "Livres blancs"]
    assert "Tout voir" in home.text()
    assert [a.text().strip() for a in home.find_all("a", "md-tabs__link")] == ["Accueil", "Articles", "Livres blancs"]
    assert home.find("h1", "pub-hero__title").text() == "Test site"
    en = parse(site / "articles/en/index.html")
    assert en.find("html").attrs["lang"] == "en"
    assert "Reading time: 1 min" in en.find(cls="pub-byline").text()
    assert "14 juin 2026" in parse(site / "white-papers/index.html").find(cls="pub-card__meta").text()


def test_bad_front_matter_fails_the_build_with_located_messages(project: ProjectDir) -> None:
    with_theme(project)
    project.piece("articles/a.md", "title: A\ndate: tomorrow")
    project.piece("articles/b.md", "title: B\ndate: 2026-01-01\nauthors: [bob]")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project.root, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert "content/articles/a.md: 'date': expected a date like 2026-03-01" in done.stderr
    assert "content/articles/b.md: 'authors': expected author keys from the authors file" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_the_sample_content_builds_into_a_complete_site(sample_project: ProjectDir) -> None:
    now = dt.datetime.now(dt.UTC)
    site = run_build(sample_project, now=now)
    library = load_library(load_settings(sample_project.config_file))
    published = library.visible(now)
    assert published, "the sample content publishes something"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {n.text for n in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo is False
    for piece in library:
        page = site / piece.url / "index.html"
        url = f"https://newsroom.clairval.example.com/{piece.url}"
        if piece in published:
            assert page.is_file() and url in locs, piece.key
            assert parse(page).find("h1", "pub-title").text() == piece.title
        else:
            assert not page.exists() and url not in locs, piece.key
    assert {e.link for e in feed.entries} == {f"https://newsroom.clairval.example.com/{p.url}" for p in published[:20]}


def test_a_disabled_plugin_leaves_a_plain_material_site(project: ProjectDir) -> None:
    with_theme(project)
    project.config("enabled: false")
    project.piece("articles/a.md", "title: A\ndate: 2026-01-01\nslug: other", "# A\n\nText.\n")
    site = run_build(project)
    assert (site / "articles/a/index.html").is_file(), "no slug URLs without the plugin"
    assert not (site / "feed.xml").exists() and not (site / "tags").exists()
