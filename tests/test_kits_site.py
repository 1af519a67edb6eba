"""Share kits in the built site, and the visits they bring in the report, end to end.

The real `mkdocs build` (Material, our plugin, theme/) runs on a throwaway project; the kit pages it
writes are parsed with html.parser. The report test then takes the links of a built kit, credits two
ambassadors the way kit.js does (`personal_link`, held equal to kit.js by test_browser_kits), makes an
analytics export of visits to those exact URLs, and reads the leaderboard of `publisher report`.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectDir
from mkdocs.commands.build import build
from mkdocs.config import load_config

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli import cli
from publisher.kits.links import personal_link
from publisher.kits.voice import EN, FR

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
SITE = "https://test.example.org/"
GUIDE = """
title: The sovereign cloud guide
date: 2026-06-01
authors: [camille]
lang: en
translation: white-papers/guide-souverain.md
campaign: sovereign-cloud-2026
summary: Where your data lives, who can reach it, and how to leave.
takeaways:
  - Most mid-size companies need the strictest level for only 15 to 25 percent of their workloads.
  - Contracts matter as much as code.
quotes:
  - text: Sovereignty is an engineering property.
    by: Camille Martin
"""
GUIDE_FR = """
title: Le guide du cloud souverain
date: 2026-06-01
authors: [camille]
lang: fr
campaign: sovereign-cloud-2026
summary: Où vivent vos données, qui peut y accéder, et comment partir.
takeaways:
  - Dans la plupart des ETI, seules 15 à 25 % des applications exigent le niveau le plus strict.
"""
AMBASSADORS = """
jdupont: {name: Julie Dupont, team: Sales West, networks: [linkedin], lang: fr}
akone: {name: Awa Koné, team: Sales West, networks: [linkedin, x], lang: en}
mlefevre: {name: Marc Lefèvre, team: Sales East, lang: fr}
"""


def run_build(project: ProjectDir, *, serving: bool = False) -> Path:
    cfg = load_config(config_file=str(project.config_file))
    plugin = cfg.plugins["publisher"]  # one instance per process: pin, then restore
    plugin.on_startup(command="serve" if serving else "build", dirty=False)
    plugin.now = NOW
    try:
        build(cfg)
    finally:
        plugin.now = None
        plugin.on_startup(command="build", dirty=False)
    return project.root / "site"


def write_project(project: ProjectDir) -> None:
    project.config("lang: en\ntimezone: Europe/Paris")
    shutil.copytree(ROOT / "theme", project.root / "theme", dirs_exist_ok=True)
    project.piece("white-papers/sovereign-cloud-guide.md", GUIDE, "Dans le texte. " * 3 + "\n\nThe guide. " * 30)
    project.piece("white-papers/guide-souverain.md", GUIDE_FR, "Dans la plupart des cas, le guide aide.\n")
    project.piece("articles/launch.md", "title: Launch day\ndate: 2026-06-10\nsummary: We launched.")
    project.piece("case-studies/launch.md", "title: A launch with a customer\ndate: 2026-06-11\nsummary: Theirs.")
    project.piece("articles/secret-draft.md", "title: Secret draft\ndate: 2026-06-01\ndraft: true")
    project.piece("articles/not-yet.md", "title: Not yet out\ndate: 2026-07-01")
    project.write("ambassadors.yml", AMBASSADORS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ProjectDir:
    root = tmp_path_factory.mktemp("kits") / "proj"
    project = ProjectDir(root)
    project.content.mkdir(parents=True)
    project.write("content/index.md", "# Home\n")
    project.write("content/authors.yml", "camille: {name: Camille Martin, role: Head of Communications}\n")
    write_project(project)
    run_build(project)
    return project


# -- reading a kit page -----------------------------------------------------------------------------


@dataclass
class KitText:
    network: str
    body: str
    link: str
    link_q: str
    words: str = ""
    share: str = ""


@dataclass
class KitPage(HTMLParser):
    """The parts of a kit page the tests look at."""

    meta: dict[str, str] = field(default_factory=dict)
    html_lang: str = ""
    texts: list[KitText] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    _in_words: bool = False
    _in_body: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content", "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if "data-kit-text" in a:
            self.texts.append(KitText(a["data-network"], "", a["data-link"], a["data-link-q"]))
        if tag == "p" and "data-kit-words" in a:
            self._in_words = True
        if "data-kit-body" in a:
            self._in_body = True
        if "data-kit-share" in a:
            self.texts[-1].share = a["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_words = False
        if tag == "span":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        if self._in_words:
            self.texts[-1].words += data
        if self._in_body:
            self.texts[-1].body += data


def kit_page(site: Path, key: str) -> KitPage:
    page = KitPage()
    page.feed((site / "share" / key / "index.html").read_text(encoding="utf-8"))
    return page


def test_a_kit_per_published_piece_only(built: ProjectDir) -> None:
    site = built.root / "site"
    kits = sorted(p.parent.relative_to(site / "share").as_posix() for p in (site / "share").rglob("index.html"))
    assert kits == ["articles/launch", "case-studies/launch", "white-papers/guide-souverain",
                    "white-papers/sovereign-cloud-guide"], "never a draft or a piece dated after the build"
    assert (site / "articles/secret-draft").exists() is False


def test_kit_pages_are_noindex_in_the_piece_language(built: ProjectDir) -> None:
    site = built.root / "site"
    for key, lang, voice in (("white-papers/sovereign-cloud-guide", "en", EN), ("white-papers/guide-souverain", "fr", FR)):
        page = kit_page(site, key)
        assert page.meta["robots"] == "noindex"
        assert page.html_lang == lang
        networks = [t.network for t in page.texts]
        for network in ("linkedin", "x", "bluesky", "mastodon"):
            assert 3 <= networks.count(network) <= 5, (key, network)
        for text in page.texts:
            assert text.words == f"{text.body}\n\n{text.link}", "the page shows what the copy button copies"
            assert any(text.body.endswith(q.replace(" ?", "\u202f?")) for q in voice.questions)
            query = parse_qs(urlsplit(text.link).query)
            assert query == {"utm_source": [text.network], "utm_medium": ["advocacy"],
                             "utm_campaign": ["sovereign-cloud-2026"]}, "no utm_content until ?a= names someone"
            assert text.link_q in text.share
        assert f"{SITE}{key}/" in page.texts[0].link


def test_kits_stay_out_of_the_sitemap_the_search_index_and_the_feeds(built: ProjectDir) -> None:
    site = built.root / "site"
    assert "/share/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"], "the search index is built"
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("share/")]
    feeds = [p for p in site.rglob("*") if p.name in ("feed.xml", "atom.xml", "feed.json")]
    assert len(feeds) >= 3
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        assert "/share/" not in text and "Share kit" not in text, path
    entries = feedparser.parse((site / "feed.xml").read_bytes()).entries
    assert {e.title for e in entries} >= {"The sovereign cloud guide", "Launch day"}


def test_the_built_site_names_no_ambassador(built: ProjectDir) -> None:
    """Privacy: the kits read ?a=; neither the ambassadors file nor a name or key reaches the site."""
    site = built.root / "site"
    assert not (site / "ambassadors.yml").exists()
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for word in ("Julie Dupont", "jdupont", "mlefevre", "Awa Koné"):
                assert word not in text, (path, word)


def test_the_preview_shows_drafts_but_never_kits_them(built: ProjectDir, tmp_path: Path) -> None:
    preview = ProjectDir(tmp_path / "preview")
    shutil.copytree(built.root / "content", preview.content)
    shutil.copy(built.config_file, preview.config_file)
    shutil.copytree(ROOT / "theme", preview.root / "theme")
    site = run_build(preview, serving=True)
    assert (site / "articles/secret-draft/index.html").is_file(), "the preview shows the draft"
    assert (site / "articles/not-yet/index.html").is_file()
    assert not (site / "share/articles/secret-draft").exists() and not (site / "share/articles/not-yet").exists()


# -- end to end: kit links -> analytics export -> import -> leaderboard ------------------------------------


def test_visits_through_two_ambassadors_kit_links_reach_the_leaderboard(built: ProjectDir) -> None:
    page = kit_page(built.root / "site", "white-papers/sovereign-cloud-guide")
    linkedin = next(t for t in page.texts if t.network == "linkedin")
    x = next(t for t in page.texts if t.network == "x")
    shared = [(personal_link(linkedin.link, "jdupont"), 30), (personal_link(x.link, "jdupont"), 5),
              (personal_link(linkedin.link, "akone"), 12), (linkedin.link, 4)]  # the last: a kit opened without ?a=
    lines = ["date,source,referrer,utm_source,utm_medium,utm_campaign,utm_content,utm_term,pageviews,visitors,"
             "visits,visit_duration,bounces"]
    for url, visits in shared:
        q = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        lines.append(f"2026-06-12,LinkedIn,linkedin.com,{q['utm_source']},{q['utm_medium']},{q['utm_campaign']},"
                     f"{q.get('utm_content', '')},,{visits},{visits},{visits},60,1")
    export = built.write("imported_sources_20260601_20260614.csv", "\n".join(lines) + "\n")
    runner = CliRunner()
    base = ["-f", str(built.config_file)]
    imported = runner.invoke(cli, [*base, "analytics", "import", str(export), "--now", "2026-06-15T12:00"],
                             catch_exceptions=False)
    assert imported.exit_code == 0, imported.output
    assert "4 rows read, 3 matched" in imported.output, imported.output
    result = runner.invoke(cli, [*base, "report", "--now", "2026-06-15T12:00", "--format", "json"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    advocacy = json.loads(result.output)["advocacy"]
    people = [(a["key"], a["name"], a["visits"]) for a in advocacy["ambassadors"]]
    assert people[:2] == [("jdupont", "Julie Dupont", 35), ("akone", "Awa Koné", 12)]
    assert advocacy["ambassadors"][0]["by_network"] == {"linkedin": 30, "x": 5}
    teams = {t["name"]: t["visits"] for t in advocacy["teams"]}
    assert teams["Sales West"] == 47
    table = runner.invoke(cli, [*base, "report", "--now", "2026-06-15T12:00"], catch_exceptions=False)
    assert "Julie Dupont" in table.output and "Sales West" in table.output


@pytest.mark.parametrize("directory_urls", [True, False])
def test_digest_links_lead_to_the_pages_the_build_writes(project: ProjectDir, directory_urls: bool) -> None:
    write_project(project)
    if not directory_urls:
        project.config("lang: en\ntimezone: Europe/Paris", extra="use_directory_urls: false\n")
    site = run_build(project)
    out = project.root / "digest"
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "digest", "--since", "30d", "--now",
                                      "2026-06-15T12:00", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    links = sorted({m.split(")")[0].split(">")[0] for m in markdown.split(SITE)[1:]})
    assert len(links) >= 8, links
    for link in links:
        path = urlsplit(SITE + link).path.lstrip("/")
        target = site / path / "index.html" if path.endswith("/") else site / path
        assert target.is_file(), (link, directory_urls)
