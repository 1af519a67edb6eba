"""`publisher digest` through the real CLI: which kits are new, whose personal links, and an e-mail-safe body."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner, Result
from conftest import ProjectDir

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli import cli

NOW = "2026-11-23T08:00"  # a Monday morning in Paris
AMBASSADORS = """
jdupont: {name: Julie Dupont, team: Sales West, networks: [linkedin], lang: fr}
osullivan: {name: Owen Sullivan, team: Sales International, networks: [linkedin, x], lang: en}
hbecker: {name: Hanna Becker, team: Presales, networks: [mastodon]}
"""


@pytest.fixture
def digesting(project: ProjectDir) -> ProjectDir:
    project.config("lang: en\nlanguages: [en, fr]\ntimezone: Europe/Paris")
    project.write("ambassadors.yml", AMBASSADORS)
    project.piece("white-papers/guide.md", """
        title: "The sovereign cloud guide: *four* questions"
        date: 2026-11-18 09:30
        lang: en
        translation: white-papers/guide-fr.md
        summary: Where your data lives & who can reach it.
        """)
    project.piece("white-papers/guide-fr.md", """
        title: Le guide du cloud souverain
        date: 2026-11-18 09:30
        lang: fr
        summary: Où vivent vos données.
        """)
    project.piece("interviews/nadia.md", "title: Nadia Roche on milk and IT\ndate: 2026-11-20\nlang: en\nsummary: Plants first.")
    project.piece("articles/old.md", "title: Last month's article\ndate: 2026-10-20\nsummary: Old.")
    project.piece("articles/draft.md", "title: A draft\ndate: 2026-11-19\ndraft: true\nsummary: Not yet.")
    project.piece("articles/later.md", "title: Tomorrow's article\ndate: 2026-11-24\nsummary: Later.")
    return project


def run(project: ProjectDir, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)


class Email(HTMLParser):
    """Tags, attributes and text of the e-mail body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def test_digest_lists_the_new_kits_with_personal_links(digesting: ProjectDir, tmp_path: Path) -> None:
    out = tmp_path / "digest"
    result = run(digesting, "digest", "--since", "7d", "--now", NOW, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 new kits, 7 personal links." in result.output  # 2 + 2 + all 3 for the untranslated interview
    markdown = (out / "digest-2026-11-23.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Share kits: new this week\n")
    assert "## The sovereign cloud guide: \\*four\\* questions" in markdown, "Markdown shows the title as written"
    assert "## Le guide du cloud souverain" in markdown and "## Nadia Roche on milk and IT" in markdown
    for absent in ("Last month", "A draft", "Tomorrow"):
        assert absent not in markdown, "only pieces published in the last 7 days"
    sections = {s.split("\n", 1)[0]: s for s in markdown.split("\n## ")[1:]}
    guide = sections["The sovereign cloud guide: \\*four\\* questions"]
    assert "https://test.example.org/share/white-papers/guide/" in guide
    assert "<https://test.example.org/share/white-papers/guide/?a=osullivan>" in guide
    assert "?a=hbecker" in guide, "no language set: every kit is for them"
    assert "?a=jdupont" not in guide, "the French version is Julie's"
    assert "?a=jdupont" in sections["Le guide du cloud souverain"]
    assert "?a=jdupont" in sections["Nadia Roche on milk and IT"], "no French version: the English kit beats nothing"
    assert "| Owen Sullivan | Sales International | LinkedIn, X |" in guide


def test_the_html_body_is_email_safe(digesting: ProjectDir, tmp_path: Path) -> None:
    run(digesting, "digest", "--now", NOW, "--out", str(tmp_path))
    html = (tmp_path / "digest-2026-11-23.html").read_text(encoding="utf-8")
    email = Email()
    email.feed(html)
    names = [tag for tag, _ in email.tags]
    assert not {"script", "style", "link", "img", "iframe", "form"} & set(names)
    assert "table" in names and names.count("td") > 10
    assert "@import" not in html and "<style" not in html.lower()
    assert not [a for _, a in email.tags if any(k.startswith("on") for k in a)], "no event handlers"
    assert not [a for _, a in email.tags if "class" in a], "inline styles only: mail clients drop classes' rules"
    styled = [tag for tag, a in email.tags if "style" in a]
    assert styled.count("td") >= 10 and "a" in styled
    hrefs = [a["href"] for tag, a in email.tags if tag == "a"]
    assert hrefs and all(h.startswith("https://test.example.org/") for h in hrefs)
    personal = [h for h in hrefs if "?a=" in h]
    assert {parse_qs(urlsplit(h).query)["a"][0] for h in personal} == {"jdupont", "osullivan", "hbecker"}
    assert "The sovereign cloud guide: *four* questions" in email.text
    assert "Where your data lives & who can reach it." in email.text, "escaped, shown as written"


def test_the_digest_speaks_french_when_asked(digesting: ProjectDir, tmp_path: Path) -> None:
    run(digesting, "digest", "--now", NOW, "--out", str(tmp_path), "--lang", "fr")
    markdown = (tmp_path / "digest-2026-11-23.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Kits de partage\u00a0: les nouveautés de la semaine\n")
    assert "Ouvrir le kit" in markdown and "Publié le 18 novembre 2026" in markdown
    html = (tmp_path / "digest-2026-11-23.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Liens personnels" in html


def test_nothing_new_writes_nothing_and_says_so(digesting: ProjectDir, tmp_path: Path) -> None:
    result = run(digesting, "digest", "--since", "24h", "--now", "2026-11-30T08:00", "--out", str(tmp_path / "d"))
    assert result.exit_code == 0
    assert "No piece was published from November 29, 2026 to November 30, 2026" in result.output
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize(
    ("setup", "args", "expected"),
    [
        ("", ["--since", "a while"], "--since: expected a length like 30d, 12w or 48h, got 'a while'"),
        ("", ["--lang", "de"], "expected one of the site's languages (en, fr), got 'de'"),
        ("no-site-url", [], "mkdocs.yml: 'site_url': expected the site's address (https://...)"),
        ("bad-ambassadors", [], "ambassadors.yml: 'JDupont': expected a name matching"),
    ],
)
def test_mistakes_get_a_located_message_not_a_traceback(digesting: ProjectDir, tmp_path: Path, setup: str,
                                                        args: list[str], expected: str) -> None:
    if setup == "no-site-url":
        text = digesting.config_file.read_text(encoding="utf-8")
        digesting.config_file.write_text(text.replace("site_url: https://test.example.org/\n", ""), encoding="utf-8")
    if setup == "bad-ambassadors":
        digesting.write("ambassadors.yml", "JDupont: {name: Julie Dupont}\n")
    result = CliRunner().invoke(cli, ["-f", str(digesting.config_file), "digest", "--now", NOW,
                                      "--out", str(tmp_path), *args])
    assert result.exit_code != 0
    assert expected in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), "a message, not a crash"
    assert not list(tmp_path.glob("digest-*"))
