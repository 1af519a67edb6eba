"""What a reader sees around the pieces, in a real browser: the chrome of a French page is French
(tabs, footer, labels, author card), and the 404 page leads somewhere.

Debian's chromium reads the sample site built and served by test_browser_site's fixtures.
"""

from __future__ import annotations

import re

import pytest
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
