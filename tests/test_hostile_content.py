"""Content is hostile until escaped: a site built from pieces whose every text field carries markup
and whose URLs try every trick, read back page by page (HTML, XML, JSON) by a parser.

The rule checked everywhere: nothing a writer or a feed typed becomes an element, an attribute or a
script, and no URL from content reaches an href/src/og:image with a scheme off the allow-list.
"""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectDir
from test_site import run_build, with_theme

from publisher import urls
from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)

# Every payload carries "xss" so anything of it that became markup can be found.
PAYLOAD = ('<img src=x onerror=xss(1)> <script>xss(2)</script> <xss-el onxss="3">" \' & '
           '</title></textarea><svg onload=xss(4)> ')
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "srcset", "cite", "data"}
URL_META = {"og:image", "og:url", "twitter:image", "og:image:secure_url"}
ALLOWED_SCRIPT_TYPES = {"", "text/javascript", "application/ld+json", "application/json"}


def hostile(name: str) -> str:
    return json.dumps(f"{PAYLOAD}{name}")


class Inspector(HTMLParser):
    """Collects what a page made of the payload: elements, attributes, scripts, URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None
        self._script_type = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "xss" in tag:
            self.found.append(f"element <{tag}>")
        for key, value in attrs:
            value = value or ""
            if key.startswith("on") and ("xss" in value or "xss" in key):
                self.found.append(f"attribute {key}={value!r} on <{tag}>")
            if "xss" in key:
                self.found.append(f"attribute {key} on <{tag}>")
            if key in URL_ATTRS and not urls.is_allowed(value):
                self.found.append(f"<{tag} {key}={value!r}>: scheme off the allow-list")
        named = dict(attrs)
        if tag == "meta" and (named.get("property") or named.get("name")) in URL_META \
                and not urls.is_allowed(named.get("content") or ""):
            self.found.append(f"meta {named}: scheme off the allow-list")
        if tag == "script":
            self._script, self._script_type = "", named.get("type") or ""
            if self._script_type not in ALLOWED_SCRIPT_TYPES:
                self.found.append(f"script of type {self._script_type!r}")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text, self._script = self._script, None
            if self._script_type == "application/ld+json":
                json.loads(text)  # whole: the title did not close the element early
                if "<" in text:
                    self.found.append("'<' inside JSON-LD")
            elif "xss" in text:
                self.found.append(f"script running content: {text[:80]!r}")


def inspect_html(text: str) -> list[str]:
    parser = Inspector()
    parser.feed(text)
    parser.close()
    return parser.found


def inspect_json(value: object) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"url", "external_url", "image", "banner_image", "home_page_url", "feed_url", "avatar"} \
                    and isinstance(item, str) and not urls.is_allowed(item):
                found.append(f"JSON {key}={item!r}: scheme off the allow-list")
            if key == "content_html" and isinstance(item, str):
                found += inspect_html(item)
            found += inspect_json(item)
    elif isinstance(value, list):
        for item in value:
            found += inspect_json(item)
    return found


def inspect_xml(text: bytes) -> list[str]:
    found: list[str] = []
    for node in ET.fromstring(text).iter():
        for key, value in node.attrib.items():
            if key in {"href", "url", "src"} and not urls.is_allowed(value):
                found.append(f"XML <{node.tag} {key}={value!r}>")
        tag = node.tag.rsplit("}", 1)[-1]
        if tag in {"description", "content", "encoded", "summary"} and node.text and (
                node.attrib.get("type") in (None, "html")):
            found += inspect_html(node.text)
        if tag in {"link", "loc", "url", "id", "guid"} and node.text and not urls.is_allowed(node.text.strip()):
            found.append(f"XML <{tag}>{node.text!r}")
    return found


def check(project: ProjectDir) -> tuple[int, str]:
    """`publisher check` in-process: its exit code and everything it printed (a traceback included)."""
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "check"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def write_hostile_project(project: ProjectDir) -> None:
    with_theme(project)
    project.write("content/authors.yml", f"""
        camille:
          name: {hostile("author name")}
          role: {hostile("role")}
          bio: {hostile("bio")}
          url: "https://example.org/a?b=\\"><script>xss(5)</script>"
          x: {hostile("handle")}
          linkedin: "javascript://%0aalert(1)"
    """)
    project.write("content/ambassadors.yml", f"""
        jdupont:
          name: {hostile("ambassador")}
          team: {hostile("team")}
          networks: [linkedin, x, mastodon, bluesky]
          lang: en
    """)
    common = f"""
        summary: {hostile("summary")}
        authors: [camille]
        tags: [{hostile("tag")}, cloud]
        cover_alt: {hostile("alt")}
        canonical_url: "https://example.org/?q=\\"><script>xss(6)</script>"
        takeaways: [{hostile("takeaway")}]
        quotes:
          - {{text: {hostile("quote")}, by: {hostile("by")}, role: {hostile("quote role")}}}
        social:
          x: [{hostile("x post")}]
    """
    project.piece("white-papers/guide.md", f"""
        title: {hostile("white paper")}
        date: 2026-05-01
        cover: "https://cdn.example.org/c.png?\\"><img src=x onerror=xss(7)>"
        pdf: "https://cdn.example.org/g.pdf?\\"onmouseover=\\"xss(8)"
        cta: {{label: {hostile("cta")}, url: "mailto:sales@example.org?subject=\\"><script>xss(9)</script>"}}
        {common}""", "A first paragraph of plain prose, long enough to be the piece's opening.\n")
    project.piece("interviews/talk.md", f"""
        title: {hostile("interview")}
        date: 2026-05-02
        lang: fr
        guest: {{name: {hostile("guest")}, role: {hostile("guest role")}, organization: {hostile("org")}}}
        {common}""", "Un premier paragraphe en prose, assez long pour ouvrir la pièce sans souci.\n")
    project.piece("event-reports/summit.md", f"""
        title: {hostile("event report")}
        date: 2026-05-03
        event: {{name: {hostile("event")}, location: {hostile("place")}, date: 2026-04-30}}
        {common}""", "A first paragraph of plain prose, long enough to be the piece's opening.\n")


def test_hostile_text_and_urls_never_become_markup_in_any_built_file(project: ProjectDir) -> None:
    write_hostile_project(project)
    site = run_build(project)
    checked = {".html": 0, ".xml": 0, ".json": 0}
    problems: list[str] = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")) or path.suffix not in checked:
            continue
        checked[path.suffix] += 1
        raw = path.read_bytes()
        if path.suffix == ".html":
            found = inspect_html(raw.decode("utf-8"))
        elif path.suffix == ".xml":
            found = inspect_xml(raw)
        else:
            found = inspect_json(json.loads(raw))
        problems += [f"{rel}: {f}" for f in found]
    assert not problems, "\n".join(problems)
    # Every kind of page was built and read: pieces, kits, indexes, tags, authors, feeds, home, 404.
    for rel in ("index.html", "404.html", "white-papers/guide/index.html", "share/white-papers/guide/index.html",
                "share/interviews/talk/index.html", "tags/index.html", "authors/camille/index.html",
                "white-papers/index.html", "feed.xml", "atom.xml", "feed.json", "sitemap.xml"):
        assert (site / rel).is_file(), rel
    assert checked[".html"] >= 12 and checked[".xml"] >= 3 and checked[".json"] >= 1
    kit = (site / "share/white-papers/guide/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;xss(2)&lt;/script&gt;" in kit.split('class="md-header__topic"', 1)[1][:2000]
    assert "<title>Share kit: &lt;img src=x onerror=xss(1)&gt;" in kit


def test_the_sample_builds_the_same_pages_as_before_escaping(sample_project: ProjectDir) -> None:
    """Titles with ordinary characters reach <title> and the header once escaped, not twice."""
    site = run_build(sample_project)
    page = next(site.glob("articles/*/index.html")).read_text(encoding="utf-8")
    assert "&amp;amp;" not in page and "&amp;#" not in page


@pytest.mark.parametrize(("field", "front", "shown"), [
    ("cta.url", 'cta: {label: Go, url: "javascript:alert(1)"}', "javascript:alert(1)"),
    ("cta.url", 'cta: {label: Go, url: " java\\tscript:alert(1)"}', "java\\tscript:alert(1)"),
    ("cover", 'cover: "javascript://%0aalert(1)"', "javascript://%0aalert(1)"),
    ("cover", 'cover: "file:///etc/passwd"', "file:///etc/passwd"),
    ("pdf", 'pdf: "data:application/pdf;base64,AAAA"', "data:application/pdf;base64,AAAA"),
    ("canonical_url", 'canonical_url: "javascript:alert(1)"', "javascript:alert(1)"),
])
def test_urls_off_the_allow_list_are_located_errors_at_check_time(project: ProjectDir, field: str, front: str,
                                                                   shown: str) -> None:
    project.piece("white-papers/x.md", f"title: X\ndate: 2026-01-01\n{front}")
    code, out = check(project)
    assert code != 0
    assert f"content/white-papers/x.md: '{field}': expected " in out, out
    if field != "canonical_url":
        assert "expected an http, https or mailto URL or a relative path, got" in out
    assert shown.split(":")[0] in out
    assert "Traceback" not in out


def test_an_author_url_off_the_allow_list_is_refused(project: ProjectDir) -> None:
    project.write("content/authors.yml", 'camille:\n  name: C\n  avatar: "javascript:alert(1)"\n')
    code, out = check(project)
    assert code != 0
    assert "content/authors.yml: 'camille.avatar': expected an http, https or mailto URL or a relative path, " \
           "got 'javascript:alert(1)'" in out, out


def test_the_url_filter_of_every_template_refuses_other_schemes(project: ProjectDir) -> None:
    """A value that reaches a template another way (a writer's page meta) meets the same rule."""
    with_theme(project)
    project.write("content/about.md", '---\ntitle: "<b>About</b> & us"\ndescription: "x\\" onload=\\"xss()"\n---\n\n'
                  "Text.\n")
    site = run_build(project)
    page = (site / "about/index.html").read_text(encoding="utf-8")
    assert inspect_html(page) == []
    assert "<title>&lt;b&gt;About&lt;/b&gt; &amp; us" in page
    assert '<meta name="description" content="x&#34; onload=&#34;xss()">' in page or \
           'content="x&#34; onload=&#34;xss()"' in page


def test_the_digest_shows_hostile_pieces_as_text(project: ProjectDir, tmp_path: Path) -> None:
    """The weekly digest (Markdown and the e-mail body) takes titles, summaries and names from content."""
    import markdown

    write_hostile_project(project)
    out = tmp_path / "digest"
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "digest", "--now", "2026-05-04T09:00:00Z",
                                      "--since", "7d", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html_body = next(out.glob("digest-*.html")).read_text(encoding="utf-8")
    assert inspect_html(html_body) == []
    assert "xss(2)" in html_body, "the hostile text is there, as text"
    rendered = markdown.markdown(next(out.glob("digest-*.md")).read_text(encoding="utf-8"), extensions=["tables"])
    assert inspect_html(rendered) == []


def test_a_body_s_script_links_and_handlers_are_located_errors(project: ProjectDir) -> None:
    project.piece("articles/a.md", "title: A\ndate: 2026-01-01", textwrap.dedent("""\
        A paragraph with [a link](javascript:alert(1)) and a fine [one](https://example.org/a_(b)).

        [ref]: data:text/html;base64,PGI+

        <img src="cover.png" onerror="alert(2)"> <a href=' JaVa\tScRiPt:alert(3)'>x</a>

        <script>alert(4)</script>

        `<script>in code is text</script>` and <https://example.org/>

        ```html
        <script>a fenced example is text too</script>
        ```
        """))
    code, out = check(project)
    assert code != 0
    lines = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert set(lines) == {  # lines of the file: the body starts on line 6
        "content/articles/a.md:6: 'body': expected an http, https or mailto URL or a relative path, got "
        "'javascript:alert(1)' as a link target",
        "content/articles/a.md:8: 'body': expected an http, https or mailto URL or a relative path, got "
        "'data:text/html;base64,PGI+' as a link target",
        "content/articles/a.md:10: 'body': expected Markdown or plain HTML, got the event handler onerror= on <img> "
        "(nothing runs from a piece)",
        "content/articles/a.md:10: 'body': expected an http, https or mailto URL or a relative path, got "
        "' JaVa\\tScRiPt:alert(3)' in <a href>",
        "content/articles/a.md:12: 'body': expected Markdown or plain HTML, got a <script> element "
        "(nothing runs from a piece)",
    }, out


def test_the_sample_bodies_pass_the_body_rules() -> None:
    from publisher.config import load_settings
    from publisher.content import load_library

    assert len(load_library(load_settings(ROOT / "mkdocs.yml"))) > 0
