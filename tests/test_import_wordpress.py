"""`publisher import wordpress`: the WordPress importer's own edge cases, the theme unit test data, re-imports."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import ProjectDir, corpus

from publisher.cli import commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.authors import load_authors
from publisher.feeds.wxr import read_export

PHPUNIT = ("wxr", "wordpress-importer", "phpunit-data")


def run(project: ProjectDir, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def wxr(items: str, *, version: str = "1.2", scheme: str = "http", authors: str = "") -> str:
    """A small WordPress export around the given <item> elements."""
    ns = f"{scheme}://wordpress.org/export/{version}/"
    return textwrap.dedent(f"""\
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="{ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}">
        <channel><title>Blog</title><link>https://blog.example.org</link><language>en-GB</language>
        <wp:wxr_version>{version}</wp:wxr_version><wp:base_blog_url>https://blog.example.org</wp:base_blog_url>
        {authors}
        {items}
        </channel></rss>
        """)


def post(ident: int, title: str, content: str, *, name: str = "", status: str = "publish", kind: str = "post",
         creator: str = "jdoe", extra: str = "") -> str:
    return f"""<item><title>{title}</title><link>https://blog.example.org/?p={ident}</link>
        <guid isPermaLink="false">https://blog.example.org/?p={ident}</guid><dc:creator>{creator}</dc:creator>
        <content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
        <wp:post_id>{ident}</wp:post_id><wp:post_date_gmt>2024-05-0{ident % 9 + 1} 10:00:00</wp:post_date_gmt>
        <wp:post_name>{name}</wp:post_name><wp:status>{status}</wp:status><wp:post_type>{kind}</wp:post_type>
        {extra}</item>"""


JDOE = ("<wp:author><wp:author_login>jdoe</wp:author_login>"
        "<wp:author_display_name><![CDATA[Jane Doe]]></wp:author_display_name></wp:author>")


# The reader, against the WordPress importer's own test files ------------------------------------------


def test_reads_wxr_1_0_1_1_and_1_2_over_http_and_https() -> None:
    v10 = read_export(corpus(*PHPUNIT, "valid-wxr-1.0.xml"))
    v11 = read_export(corpus(*PHPUNIT, "valid-wxr-1.1.xml"))
    v12 = read_export(corpus("wxr", "theme-test-data", "themeunittestdata.wordpress.xml"))  # https namespace
    assert (v10.version, len(v10.posts)) == ("1.0", 6)
    assert (v11.version, len(v11.posts), v11.base_site_url) == ("1.1", 2, "http://localhost/")
    assert v11.authors["john"].name == "John Doe"
    assert (v12.version, len(v12.posts)) == ("1.2", 186)
    assert {a for a in v12.authors} == {"themedemos", "themereviewteam"}
    hello = v10.posts[0]
    assert (hello.title, hello.post_type, hello.post_name, hello.creator) == ("Hello world!", "post", "hello-world", "admin")


def test_namespaces_are_matched_by_uri_not_by_prefix() -> None:
    export = read_export(corpus(*PHPUNIT, "namespace-edge-cases.xml"))
    assert [p.title for p in export.posts] == ["Mixed Namespaces", "No Prefix", "Empty Namespace",
                                                "Unicode Namespace", "Hijacked Namespace", "Namespace Bomb"]
    assert [p.post_id for p in export.posts] == ["999", "2", "3", "4", "", "6"]  # last declaration wins
    assert export.posts[4].post_type == ""  # its wp: prefix points elsewhere
    assert export.posts[0].meta == {"normal_key": "normal_value"}  # the rebound postmeta is ignored
    assert sorted(export.authors) == ["real_user", "version_conflict"]


def test_cdata_blank_lines_backslashes_and_utf8_survive() -> None:
    assert read_export(corpus(*PHPUNIT, "multiple-cdata.xml")).posts[0].content.strip() == "line oneline twoline three"
    assert read_export(corpus(*PHPUNIT, "cdata-edge.xml")).posts[0].content.endswith("]] >")
    escaped = read_export(corpus(*PHPUNIT, "crazy-cdata-escaped.xml")).posts[0]
    assert escaped.content == "Content with nested <![CDATA[ tags ]]> :)"
    assert escaped.meta["Closing CDATA"] == "]]>"
    assert "\n\n" in read_export(corpus(*PHPUNIT, "blank-lines.xml")).posts[0].content
    assert "C:\\xampp\\htdocs" in read_export(corpus(*PHPUNIT, "backslashes.xml")).posts[0].content
    utf8 = read_export(corpus(*PHPUNIT, "wxr-utf-8-challenges.xml")).posts[0]
    assert utf8.title == '"The Road \u202eNot\u202c Taken" by Rob\u202dert \u202eFrost \u202a🌲\u202c'
    assert "السلام عليكم وﷲ" in utf8.content


@pytest.mark.parametrize(("name", "expected"), [
    ("malformed.xml", "expected well-formed XML, found an error at line 90, column 3: mismatched tag"),
    ("malformed-simple.xml", "expected well-formed XML, found an error at line 14"),
    ("crazy-cdata.xml", "expected well-formed XML, found an error at line 18"),
    ("missing-version-tag.xml", "'wp:wxr_version': expected a WordPress export version (1.0, 1.1, 1.2), found none"),
    ("invalid-version-tag.xml", "'wp:wxr_version': expected a WordPress export version (1.0, 1.1, 1.2), found 'abc'"),
])
def test_malformed_exports_name_file_and_line_and_write_nothing(project: ProjectDir, name: str, expected: str) -> None:
    path = corpus(*PHPUNIT, name)
    before = snapshot(project.content)
    result = run(project, "import", "wordpress", str(path))
    assert result.exit_code == 1
    assert f"{path}: {expected}" in result.output
    assert "Traceback" not in result.output
    assert snapshot(project.content) == before


def test_an_entity_bomb_is_refused(project: ProjectDir, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    "<rss><channel><title>&b;</title></channel></rss>")
    result = run(project, "import", "wordpress", str(bomb))
    assert result.exit_code == 1 and "refused for safety" in result.output


# The whole theme unit test export ---------------------------------------------------------------------


def test_theme_unit_test_data_imports_validates_builds_and_reimports_unchanged(project: ProjectDir) -> None:
    export = corpus("wxr", "theme-test-data", "themeunittestdata.wordpress.xml")
    result = run(project, "import", "wordpress", str(export), "--pages", "event_report")
    assert result.exit_code == 0, result.output
    parsed = read_export(export)
    expected = {p.post_id for p in parsed.posts if (p.post_type or "post") in ("post", "page")}
    library = load_library(load_settings(project.config_file))  # the real loader: slugs, dates, authors...
    assert len(library) == len(expected) == 79
    pages = [p for p in library if p.folder == "event-reports"]
    assert len(pages) == sum(1 for p in parsed.posts if p.post_type == "page")
    assert all(p.source_id and p.source_url and p.canonical_url == p.source_url for p in library)
    assert len({p.source_id for p in library}) == len(library)  # the two copied posts keep distinct ids
    assert {a for p in library for a in p.authors} == {"themedemos", "themereviewteam"}
    assert library.authors["themedemos"].name == "Theme Buster"

    by_slug = {p.slug: p for p in library if p.folder == "articles"}
    assert by_slug["draft"].draft and by_slug["template-password-protected"].draft
    assert not by_slug["post-format-gallery"].draft
    assert by_slug["scheduled"].date.year == 2030  # a future post stays scheduled
    featured = by_slug["template-featured-image-horizontal"]
    assert featured.cover and featured.cover.startswith("https://") and featured.cover.endswith(".jpg")
    assert by_slug["template-excerpt-defined"].summary.startswith("This is a user-defined post excerpt.")
    assert {"Classic", "Template"} <= set(by_slug["template-excerpt-defined"].tags)  # categories join the tags
    caption = by_slug["post-format-image-caption"].body
    assert "<figcaption>Bell on wharf in San Francisco</figcaption>" in caption
    assert "[caption" not in "".join(p.body for p in library)
    assert "Uncategorized" not in {t for p in library for t in p.tags}
    # A Greek post_name does not make the slug '2'; the title's Greek is transliterated (python-slugify).
    assert "epipedo-2-second-greek-level" in {p.slug for p in pages}

    before = snapshot(project.content)
    again = run(project, "import", "wordpress", str(export), "--pages", "event_report")
    assert again.exit_code == 0, again.output
    assert "0 new, 0 updated, 79 unchanged" in again.output
    assert snapshot(project.content) == before

    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project.config_file)],
                           capture_output=True, text=True, cwd=project.root, timeout=300)
    assert build.returncode == 0, build.stderr
    site = project.root / "site"
    visible = library.visible(dt.datetime.now(dt.UTC))
    assert len(visible) == len(library) - 3  # the draft, the password-protected post, the scheduled one
    missing = [p.url for p in visible if not (site / p.url / "index.html").is_file()]
    assert not missing
    assert not (site / "articles" / "draft" / "index.html").exists()


def test_utf8_challenges_keep_their_text_and_get_an_ascii_slug(project: ProjectDir) -> None:
    path = corpus(*PHPUNIT, "wxr-utf-8-challenges.xml")
    result = run(project, "import", "wordpress", str(path))
    assert result.exit_code == 0, result.output
    (piece,) = load_library(load_settings(project.config_file)).pieces
    source = read_export(path).posts[0]
    assert piece.title == source.title  # emoji, bidi controls and all
    assert piece.slug == "hello-world-utf8-test"
    assert "السلام عليكم وﷲ" in piece.body and "𝓣𝓮𝓼𝓽 𝓜𝓾𝓵𝓽𝓲-𝓑𝔂𝓽𝓮" in piece.body
    assert piece.summary.startswith("T̷̢̯̭̈h̶̰̾i̵̱̇s̶̰̍")
    (author,) = piece.authors
    assert piece.source_id == source.guid and author in load_library(load_settings(project.config_file)).authors


def test_gutenberg_block_test_data_imports_valid_pieces(project: ProjectDir) -> None:
    result = run(project, "import", "wordpress", str(corpus("wxr", "theme-test-data", "64-block-test-data.xml")))
    assert result.exit_code == 0, result.output
    library = load_library(load_settings(project.config_file))
    assert len(library) > 50
    assert not any("<!-- wp:" in p.body or "wp:paragraph" in p.body for p in library)


# Re-imports, authors, slugs, pages ------------------------------------------------------------------


def test_reimport_updates_untouched_pieces_keeps_edited_ones_and_reports_conflicts(project: ProjectDir,
                                                                                    tmp_path: Path) -> None:
    export = tmp_path / "blog.xml"
    items = [post(1, "Alpha", "Alpha body.", name="alpha"), post(2, "Beta", "Beta body.", name="beta"),
             post(3, "Gamma", "Gamma body.", name="gamma"), post(4, "Delta", "Delta body.", name="delta")]
    export.write_text(wxr("".join(items), authors=JDOE), encoding="utf-8")
    assert run(project, "import", "wordpress", str(export)).exit_code == 0
    articles = project.content / "articles"
    beta, gamma = articles / "beta.md", articles / "gamma.md"
    beta.write_text(beta.read_text().replace("Beta body.", "Beta body, edited by the team."))
    gamma.write_text(gamma.read_text().replace("title: Gamma", "title: Gamma (our title)"))

    items[0] = post(1, "Alpha", "Alpha body, revised at the source.", name="alpha")
    items[1] = post(2, "Beta", "Beta body, revised at the source.", name="beta")
    export.write_text(wxr("".join(items), authors=JDOE), encoding="utf-8")
    before = snapshot(project.content)
    dry = run(project, "import", "wordpress", str(export), "--dry-run")
    assert dry.exit_code == 0 and "would update" in dry.output and "content/articles/alpha.md" in dry.output
    assert snapshot(project.content) == before

    result = run(project, "import", "wordpress", str(export))
    assert result.exit_code == 0, result.output
    assert "0 new, 1 updated, 1 unchanged, 1 edited here (kept), 1 not updated (edited here)" in result.output
    assert "not updated: content/articles/beta.md was edited here and differs from the source" in result.output
    assert "revised at the source" in (articles / "alpha.md").read_text()
    assert "edited by the team" in beta.read_text() and "revised" not in beta.read_text()
    assert front(gamma)["title"] == "Gamma (our title)"
    assert sorted(p.name for p in articles.iterdir()) == ["alpha.md", "beta.md", "delta.md", "gamma.md"]


def test_authors_file_keeps_its_comments_and_order_and_known_people(project: ProjectDir, tmp_path: Path) -> None:
    original = textwrap.dedent("""\
        # Our people. Keep this list in order of arrival.
        sam:
          name: Sam Lee   # solutions
          role: Solutions Engineer

        camille:
          name: Camille Martin
        """)
    (project.content / "authors.yml").write_text(original, encoding="utf-8")
    people = JDOE + ("<wp:author><wp:author_login>cmartin</wp:author_login><wp:author_display_name>"
                     "Camille Martin</wp:author_display_name></wp:author>")
    export = tmp_path / "blog.xml"
    export.write_text(wxr(post(1, "One", "x", name="one") + post(2, "Two", "y", name="two", creator="cmartin")
                          + post(3, "Three", "z", name="three", creator="sam"), authors=people))
    result = run(project, "import", "wordpress", str(export))
    assert result.exit_code == 0, result.output
    text = (project.content / "authors.yml").read_text(encoding="utf-8")
    assert text.startswith(original)  # nothing above was rewritten
    authors, problems = load_authors(project.content / "authors.yml", "authors.yml")
    assert not problems and list(authors) == ["sam", "camille", "jdoe"]
    assert authors["jdoe"].name == "Jane Doe"
    articles = project.content / "articles"
    assert [front(articles / f"{n}.md")["authors"] for n in ("one", "two", "three")] == [["jdoe"], ["camille"], ["sam"]]


def test_material_authors_layout_gets_indented_entries(project: ProjectDir, tmp_path: Path) -> None:
    (project.content / "authors.yml").unlink()
    project.config("authors_file: .authors.yml")
    original = "authors:\n    sam:\n        name: Sam Lee\n        description: Engineer\n"
    (project.content / ".authors.yml").write_text(original)
    export = tmp_path / "blog.xml"
    export.write_text(wxr(post(1, "One", "x", name="one"), authors=JDOE))
    assert run(project, "import", "wordpress", str(export)).exit_code == 0
    text = (project.content / ".authors.yml").read_text()
    assert text.startswith(original) and "\n    jdoe:\n        name: Jane Doe\n" in text
    assert len(load_library(load_settings(project.config_file))) == 1


def test_duplicate_slugs_get_numbered_deterministically(project: ProjectDir, tmp_path: Path) -> None:
    project.piece("articles/launch.md", "title: Our launch\ndate: 2024-01-01")
    export = tmp_path / "blog.xml"
    export.write_text(wxr(post(1, "Launch", "a", name="launch") + post(2, "Launch again", "b", name="launch")
                          + post(3, "Index", "c", name="index")))
    assert run(project, "import", "wordpress", str(export)).exit_code == 0
    names = sorted(p.name for p in (project.content / "articles").iterdir())
    assert names == ["index-2.md", "launch-2.md", "launch-3.md", "launch.md"]
    assert front(project.content / "articles" / "launch-2.md")["title"] == "Launch"
    load_library(load_settings(project.config_file))


def test_pages_are_skipped_with_a_note_or_imported_as_a_type(project: ProjectDir) -> None:
    export = corpus(*PHPUNIT, "small-export.xml")
    pages = [p.title for p in read_export(export).posts if p.post_type == "page"]
    skipped = run(project, "import", "wordpress", str(export))
    assert skipped.exit_code == 0, skipped.output
    assert all(f'"{t}": a page (use --pages TYPE to import pages)' in skipped.output for t in pages)
    assert not (project.content / "white-papers").exists()
    mapped = run(project, "import", "wordpress", str(export), "--pages", "white_paper")
    assert mapped.exit_code == 0, mapped.output
    assert len(list((project.content / "white-papers").glob("*.md"))) == len(pages)
    bad = run(project, "import", "wordpress", str(export), "--type", "blog")
    assert bad.exit_code == 1 and "--type: expected one of the configured types (article, white_paper" in bad.output


def test_drafts_private_and_protected_posts_become_drafts(project: ProjectDir, tmp_path: Path) -> None:
    export = tmp_path / "blog.xml"
    export.write_text(wxr(post(1, "Open", "a", name="open") + post(2, "Pending", "b", name="pending", status="pending")
                          + post(3, "Secret", "c", name="secret", extra="<wp:post_password>pw</wp:post_password>")
                          + post(4, "Binned", "d", name="binned", status="trash")))
    result = run(project, "import", "wordpress", str(export))
    assert result.exit_code == 0, result.output
    articles = project.content / "articles"
    assert [front(articles / f"{n}.md").get("draft", False) for n in ("open", "pending", "secret")] == [False, True, True]
    assert not (articles / "binned.md").exists() and "status 'trash', not content" in result.output
    assert "password-protected in WordPress: imported as a draft" in result.output


def test_undated_posts_get_the_file_date_once_and_keep_it(project: ProjectDir, tmp_path: Path) -> None:
    export = tmp_path / "edge.xml"
    export.write_bytes(corpus(*PHPUNIT, "namespace-edge-cases.xml").read_bytes())
    os.utime(export, (1_700_000_000, 1_700_000_000))
    first = run(project, "import", "wordpress", str(export))
    assert first.exit_code == 0, first.output
    assert "no date in the export; using the file's date (2023-11-14)" in first.output
    before = snapshot(project.content)
    os.utime(export, (1_800_000_000, 1_800_000_000))
    again = run(project, "import", "wordpress", str(export))
    assert "0 new, 0 updated, 6 unchanged" in again.output
    assert snapshot(project.content) == before
    library = load_library(load_settings(project.config_file))
    assert {p.date.year for p in library} == {2023}
    assert not re.search(r"malicious|hijacked_data", "".join(p.body for p in library))
