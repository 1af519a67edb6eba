"""What a reader sees around the pieces, in a real browser: the chrome of a French page is French
(tabs, footer, labels, author card), and the 404 page leads somewhere.

Debian's chromium reads the sample site built and served by test_browser_site's fixtures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import QuietHandler, serving
from test_browser_site import Served, browser, open_page, served  # noqa: F401  (fixtures)

from publisher.config.site import DEFAULT_TYPES
from publisher.site.i18n import LABELS

pytestmark = pytest.mark.browser

MATERIAL_ENGLISH = ("Skip to content", "Back to top", "Table of contents", "Initializing search", "Search",
                    "Home", "Made with", "Previous", "Next", "Clear", "Share")


def english_chrome(site: Served, lang: str, author_keys: tuple[str, ...]) -> set[str]:
    """Every English label the site's chrome could show that the language ``lang`` says otherwise."""
    ours = {LABELS["en"][k] for k in LABELS["en"] if "{" not in LABELS["en"][k]
            and LABELS["en"][k] != LABELS[lang].get(k)}
    types = {spec["name"]["en"] for spec in DEFAULT_TYPES.values() if spec["name"]["en"] != spec["name"].get(lang)}
    people = {text for key in author_keys for text in (site.library.authors[key].role,
                                                       site.library.authors[key].bio)
              if text and text not in (site.library.authors[key].role_in(lang),
                                       site.library.authors[key].bio_in(lang))}
    return ours | types | people | set(MATERIAL_ENGLISH)


CHROME_TEXT = """() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll("script, style, template, svg").forEach(n => n.remove());
    const attrs = [...document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")]
        .flatMap(n => ["aria-label", "title", "placeholder", "alt"].map(a => n.getAttribute(a) || ""));
    return copy.textContent.replace(/\\s+/g, " ") + " | " + attrs.join(" | ");
}"""


def test_a_french_page_shows_no_english_chrome(served: Served, browser: object) -> None:  # noqa: F811
    french = [p for p in served.library.visible(served.now) if p.lang == "fr"]
    assert french, "the sample should publish French pieces"
    assert any(served.library.authors[k].roles.get("fr") for p in french for k in p.authors), \
        "the sample authors should have French roles"
    for piece in french:
        page, failures = open_page(browser, served.base + piece.url)
        text = page.evaluate(CHROME_TEXT)  # type: ignore[attr-defined]
        found = sorted(word for word in english_chrome(served, "fr", piece.authors)
                       if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
        assert found == [], f"English chrome on {piece.url}: {found}"
        tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]  # type: ignore[attr-defined]
        assert tabs[:3] == ["Accueil", "Articles", "Livres blancs"] and "Thèmes" in tabs
        assert "Réalisé avec" in page.locator(".md-copyright").inner_text()  # type: ignore[attr-defined]
        for key in piece.authors:
            author = served.library.authors[key]
            card = page.locator(".pub-author-card", has_text=author.name)  # type: ignore[attr-defined]
            assert author.role_in("fr") in card.inner_text()
        assert page.locator("html").get_attribute("lang") == "fr"  # type: ignore[attr-defined]
        page.close()  # type: ignore[attr-defined]
        assert failures == []
    english = next(p for p in served.library.visible(served.now) if p.lang == "en")
    page, _ = open_page(browser, served.base + english.url)
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]  # type: ignore[attr-defined]
    assert tabs[:3] == ["Home", "Articles", "White papers"], "English pages keep English tabs"
    assert "Made with" in page.locator(".md-copyright").inner_text()  # type: ignore[attr-defined]


class PagesLikeHandler(QuietHandler):
    """Answers a missing path with the site's 404.html, as GitHub Pages and most hosts do."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_the_404_page_leads_home_to_search_and_to_pieces(served: Served, browser: object) -> None:  # noqa: F811
    site = Path(served.site_dir)
    with serving(site, PagesLikeHandler) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        missing = page.goto(base + "articles/no-such-piece/deeper/")  # type: ignore[attr-defined]
        assert missing.status == 404
        english = page.locator('.pub-404__message[lang="en"]')  # type: ignore[attr-defined]
        french = page.locator('.pub-404__message[lang="fr"]')  # type: ignore[attr-defined]
        assert english.locator("h1").inner_text() == "Page not found"
        assert french.locator("h2").inner_text() == "Page introuvable"
        assert "Retour à l’accueil" in french.inner_text() and "Rechercher sur le site" in french.inner_text()
        # Served three folders deep, its styles, covers and links still resolve.
        size = page.evaluate("getComputedStyle(document.querySelector('.pub-404__code')).fontSize")  # type: ignore[attr-defined]
        assert float(size.removesuffix("px")) >= 48, "publisher.css is loaded"
        latest = [p.title for p in served.library.visible(served.now)[:4]]
        cards = page.locator(".pub-404__latest .pub-card__title").all_inner_texts()  # type: ignore[attr-defined]
        assert [c.strip() for c in cards] == latest
        images = page.evaluate("""async () => { const imgs = [...document.querySelectorAll('.pub-404 img')];
            imgs.forEach(i => { i.loading = 'eager'; });
            await Promise.all(imgs.map(i => i.decode().catch(() => null)));
            return imgs.filter(i => !i.naturalWidth).map(i => i.src); }""")  # type: ignore[attr-defined]
        assert images == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # type: ignore[attr-defined]
        page.screenshot(path=str(served.shots / "404.png"), full_page=True)  # type: ignore[attr-defined]
        # The search button opens Material's search, with the field ready to type in.
        english.locator(".pub-404__search").click()
        page.wait_for_function("document.getElementById('__search').checked")  # type: ignore[attr-defined]
        page.keyboard.type("carbone")  # type: ignore[attr-defined]
        page.wait_for_selector(".md-search-result__item", timeout=15_000)  # type: ignore[attr-defined]
        page.keyboard.press("Escape")  # type: ignore[attr-defined]
        # A piece leads to it, and the way home leads home.
        page.locator(".pub-404__latest .pub-card__link").first.click()  # type: ignore[attr-defined]
        page.wait_for_load_state()  # type: ignore[attr-defined]
        assert page.locator("h1.pub-title").inner_text().strip() == latest[0]  # type: ignore[attr-defined]
        page.go_back()  # type: ignore[attr-defined]
        english.locator(".pub-404__home").click()
        page.wait_for_load_state()  # type: ignore[attr-defined]
        assert page.url == base  # type: ignore[attr-defined]
        assert page.locator(".pub-home").is_visible()  # type: ignore[attr-defined]
        phone = browser.new_page(viewport={"width": 390, "height": 800})  # type: ignore[attr-defined]
        phone.goto(base + "nope/")
        assert phone.locator(".pub-404__home").first.is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        phone.screenshot(path=str(served.shots / "404-phone.png"), full_page=True)
