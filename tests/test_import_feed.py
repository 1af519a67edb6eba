"""`publisher import feed`: real feeds (Medium, FeedBurner, Guardian, non-UTF-8), sanitising, loopback HTTP."""

from __future__ import annotations

import email.utils
import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import markdown
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from conftest import ProjectDir, corpus

from publisher.cli import commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.content import load_library

RSS_PARSER = ("feeds", "rss-parser")
CURATED = ("feeds", "feedparser", "curated")
SANITIZER_CASES = [
    "wellformed__sanitize__item_content_encoded_crazy.xml",
    "wellformed__sanitize__item_content_encoded_script_nested_cdata.xml",
    "wellformed__sanitize__blogger_dollar_sign_in_attribute.xml",
    "wellformed__sanitize__large_atom_feed_that_needs_css_sanitisation.xml",
    "wellformed__atom10__entry_content_div_escaped_markup.xml",
]
HOSTILE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>
<item><title>Hostile &lt;script&gt;alert(0)&lt;/script&gt;</title><link>https://hostile.example/1</link>
<guid>hostile-1</guid><pubDate>Mon, 02 Mar 2026 09:00:00 +0000</pubDate><description><![CDATA[
<p><a href="javascript:alert(1)">a</a> <a href="&#106;avascript:alert(2)">b</a> <a href="java&#09;script:alert(3)">c</a></p>
<img src="x.png" onerror="alert(4)" alt="handler"><img alt='x](javascript:alert(5)) ![y' src='https://ok.example/a.png'>
<a href="https://ok.example/" title='x" onmouseover="alert(6)'>titled</a>
<div style="background:url(javascript:alert(7))">styled</div><style>body{display:none}</style>
<p>&lt;script&gt;alert(8)&lt;/script&gt; [click](javascript:alert(9)) ![i](javascript:alert(10))</p>
<h2>Heading {: onclick="alert(11)" }</h2><p>{: onclick="alert(12)" }</p>
<svg><script>alert(13)</script></svg><iframe src="javascript:alert(14)"></iframe>
<object data="javascript:alert(15)"></object><form action="javascript:alert(16)"><input type="submit"></form>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNyk8L3NjcmlwdD4=">data</a>
<table><tr><td onclick="alert(18)">cell</td></tr></table><p style="color:red">red</p>
]]></description></item></channel></rss>
"""


def run(project: ProjectDir, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def unsafe_parts(html: str) -> list[str]:
    """What in this HTML could run code or restyle the page: tags, handlers, styles, URLs."""
    found = []
    for el in BeautifulSoup(html, "html.parser").find_all(True):
        if el.name in ("script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "meta"):
            found.append(f"<{el.name}>")
        for name, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"{el.name}[{name}]")
            if name in ("href", "src", "poster", "action", "data", "formaction"):
                scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
                if scheme not in ("", "http", "https", "mailto"):
                    found.append(f"{el.name}[{name}={value[:40]}]")
    return found


# A feed server on 127.0.0.1 that honours conditional GET ----------------------------------------------


class FeedServer:
    """Serves feeds from memory with ETag and Last-Modified; answers 304 when the client already has them.

    With ``etags`` False it sends Last-Modified only, like many servers, so If-Modified-Since is tested too.
    """

    def __init__(self) -> None:
        self.etags = True
        self.feeds: dict[str, tuple[bytes, str]] = {}
        self.requests: list[tuple[str, dict[str, str], int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                found = server.feeds.get(self.path)
                if found is None:
                    return self._answer(404, b"not found")
                body, modified = found
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"' if server.etags else ""
                if (etag and self.headers.get("If-None-Match") == etag) or (
                        "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == modified):
                    return self._answer(304, b"", etag=etag, modified=modified)
                return self._answer(200, body, etag=etag, modified=modified)

            def _answer(self, status: int, body: bytes, *, etag: str = "", modified: str = "") -> None:
                server.requests.append((self.path, dict(self.headers), status))
                self.send_response(status)
                if status == 200:
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                if etag:
                    self.send_header("ETag", etag)
                if modified:
                    self.send_header("Last-Modified", modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def publish(self, path: str, body: bytes | str, *, modified: float = 1_767_000_000) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.feeds[path] = (data, email.utils.formatdate(modified, usegmt=True))
        return self.url + path


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


# Real feeds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "checks"), [
    ("content-encoded.rss", {"authors": True, "html": "medium.com"}),       # Medium, content:encoded
    ("feedburner.atom", {"authors": True, "html": "blogger"}),              # Blogger through FeedBurner
    ("guardian.rss", {"authors": True, "cover": True, "tags": True}),       # media:content, dc:creator
    ("encoding.rss", {"title": "Mãe de utente é a nova presidente da Raríssimas"}),  # ISO-8859-1
    ("uolNoticias.rss", {"title": "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"}),
    ("rss-1.rss", {"authors": True}),                                       # RSS 1.0 (RDF)
    ("heise.atom", {}),
])
def test_real_feeds_become_valid_pieces(project: ProjectDir, name: str, checks: dict) -> None:
    path = corpus(*RSS_PARSER, name)
    result = run(project, "import", "feed", str(path))
    assert result.exit_code == 0, result.output
    entries = feedparser.parse(path.read_bytes()).entries
    library = load_library(load_settings(project.config_file))
    assert len(library) == len(entries) > 0
    assert all(p.title and p.date.tzinfo and p.source_id and p.body.strip() for p in library)
    assert {p.source_id for p in library} == {(e.get("id") or e.get("link")) for e in entries}
    if "title" in checks:
        assert checks["title"] in {p.title for p in library}  # decoded from its 8-bit encoding, not mangled
    if checks.get("authors"):
        assert any(p.authors for p in library) and {a for p in library for a in p.authors} <= set(library.authors)
    if checks.get("cover"):
        assert all(p.cover and p.cover.startswith("https://") for p in library)
    if checks.get("tags"):
        assert all(p.tags for p in library)
    if "html" in checks:
        assert any("](http" in p.body for p in library)  # links survived as Markdown links
    again = run(project, "import", "feed", str(path))
    assert f"0 new, 0 updated, {len(entries)} unchanged" in again.output


def test_feed_language_other_than_the_site_is_kept_when_configured(project: ProjectDir) -> None:
    project.config("lang: en\nlanguages: [en, fr, pt]")
    result = run(project, "import", "feed", str(corpus(*RSS_PARSER, "encoding.rss")))
    assert result.exit_code == 0, result.output
    assert {p.lang for p in load_library(load_settings(project.config_file))} == {"pt"}


# Safety -----------------------------------------------------------------------------------------------


def test_sanitiser_cases_and_hostile_html_come_out_clean_in_markdown_and_in_the_built_site(
        project: ProjectDir, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    sources = [corpus(*CURATED, name) for name in SANITIZER_CASES] + [hostile]
    for source in sources:
        result = run(project, "import", "feed", str(source))
        assert result.exit_code == 0, result.output
    library = load_library(load_settings(project.config_file))
    assert len(library) == sum(len(feedparser.parse(s.read_bytes()).entries) for s in sources)
    for piece in library:
        rendered = markdown.markdown(piece.body, extensions=["attr_list", "md_in_html", "tables", "admonition"])
        assert unsafe_parts(rendered) == [], piece.src_uri
        assert "<script" not in piece.body.lower() and "javascript:" not in piece.body.lower().replace(
            "(javascript:alert(9))", "").replace("(javascript:alert(10))", "").replace("(javascript:alert(5))", "")
    hostile_piece = next(p for p in library if p.source_id == "hostile-1")
    assert "![x\\](javascript:alert(5)) !\\[y](https://ok.example/a.png)" in hostile_piece.body  # alt stays alt
    assert "[a]" not in hostile_piece.body and "(https://hostile.example/x.png)" in hostile_piece.body

    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project.config_file)],
                           capture_output=True, text=True, cwd=project.root, timeout=300)
    assert build.returncode == 0, build.stderr
    for piece in library:
        page = BeautifulSoup((project.root / "site" / piece.url / "index.html").read_text(), "html.parser")
        body = page.select_one(".pub-body")  # the piece's own HTML; the theme's icons around it are ours
        assert body is not None
        assert unsafe_parts(str(body)) == [], piece.url
        assert page.select_one("article").find(["script", "iframe", "object", "embed"]) is None, piece.url
    title = BeautifulSoup((project.root / "site" / hostile_piece.url / "index.html").read_text(), "html.parser")
    assert "Hostile <script>alert(0)</script>" in title.title.get_text()  # shown as text, never as a tag


# Fetching ---------------------------------------------------------------------------------------------


def test_import_from_a_url_resolves_relative_links_against_it(project: ProjectDir, feed_server: FeedServer) -> None:
    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title><link>/blog/</link>'
            "<language>fr-FR</language><item><title>Bonjour</title><link>/blog/bonjour</link>"
            "<pubDate>Tue, 03 Mar 2026 08:00:00 +0000</pubDate><author>Camille Martin</author>"
            '<description><![CDATA[<p>Voir <a href="/docs/guide">le guide</a> et <img src="img/a.png" alt="A">.</p>]]>'
            "</description></item></channel></rss>")
    url = feed_server.publish("/blog/feed.xml", body)
    result = run(project, "import", "feed", url)
    assert result.exit_code == 0, result.output
    (piece,) = load_library(load_settings(project.config_file)).pieces
    assert f"[le guide]({feed_server.url}/docs/guide)" in piece.body
    assert f"![A]({feed_server.url}/blog/img/a.png)" in piece.body
    assert piece.canonical_url == f"{feed_server.url}/blog/bonjour" and piece.lang == "fr"


def test_fetch_errors_and_non_feeds_are_clear_and_write_nothing(project: ProjectDir, feed_server: FeedServer,
                                                                tmp_path: Path) -> None:
    before = snapshot(project.content)
    missing = run(project, "import", "feed", feed_server.url + "/nope.xml")
    assert missing.exit_code == 1 and "expected HTTP 200 with a feed, got 404 Not Found" in missing.output
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Not a feed</p><p>at all</body></html>")
    not_feed = run(project, "import", "feed", str(page))
    assert not_feed.exit_code == 1 and f"{page}: expected an RSS or Atom feed" in not_feed.output
    nothing = run(project, "import", "feed", str(tmp_path / "absent.xml"))
    assert nothing.exit_code == 1 and "cannot be read" in nothing.output
    assert "Traceback" not in missing.output + not_feed.output + nothing.output
    assert snapshot(project.content) == before


def test_undated_entries_take_the_file_date_once(project: ProjectDir, tmp_path: Path) -> None:
    feed = tmp_path / "uol.xml"
    feed.write_bytes(corpus(*RSS_PARSER, "uolNoticias.rss").read_bytes())
    os.utime(feed, (1_700_000_000, 1_700_000_000))
    first = run(project, "import", "feed", str(feed))
    assert "no date in the feed; using the file's date (2023-11-14)" in first.output
    before = snapshot(project.content)
    os.utime(feed, (1_800_000_000, 1_800_000_000))
    again = run(project, "import", "feed", str(feed))
    assert "0 updated" in again.output and snapshot(project.content) == before


def test_dry_run_prints_the_plan_and_writes_nothing(project: ProjectDir) -> None:
    before = snapshot(project.content)
    result = run(project, "import", "feed", str(corpus(*RSS_PARSER, "heise.atom")), "--dry-run")
    assert result.exit_code == 0 and "nothing was written" in result.output
    assert result.output.count("would create") == len(feedparser.parse(corpus(*RSS_PARSER, "heise.atom").read_bytes()).entries)
    assert snapshot(project.content) == before


def test_entity_declarations_are_refused_but_an_rss_091_doctype_is_read(project: ProjectDir, tmp_path: Path) -> None:
    xxe = tmp_path / "xxe.xml"
    xxe.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   '<rss version="2.0"><channel><title>T</title><item><title>&x;</title>'
                   "<link>https://a.example/1</link></item></channel></rss>")
    refused = run(project, "import", "feed", str(xxe))
    assert refused.exit_code == 1 and f"{xxe}: expected plain XML, found entity declarations" in refused.output
    assert not (project.content / "articles").exists()
    old = tmp_path / "rss091.xml"
    old.write_text('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                   '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
                   "<title>Old</title><link>https://old.example/</link><language>en-us</language>"
                   "<item><title>First</title><link>https://old.example/1</link><description>Hello.</description>"
                   "</item></channel></rss>")
    result = run(project, "import", "feed", str(old), "--now", "2026-03-01T10:00")
    assert result.exit_code == 0, result.output
    (piece,) = load_library(load_settings(project.config_file)).pieces
    assert (piece.title, piece.body.strip(), piece.source_id) == ("First", "Hello.", "https://old.example/1")


def test_non_latin_titles_get_a_readable_slug_from_the_link(project: ProjectDir) -> None:
    feed = corpus(*CURATED, "wellformed__sanitize__large_atom_feed_that_needs_css_sanitisation.xml")
    assert run(project, "import", "feed", str(feed)).exit_code == 0
    library = load_library(load_settings(project.config_file))
    armour = next(p for p in library if p.title == "Невидимая броня для Вашего Nokia 5800")
    assert armour.slug == "nevidimaja-bronja-dlja-vashego-nokia-5800"  # the site's own slug, not 'nokia-5800'
    assert len({p.slug for p in library}) == len(library)
