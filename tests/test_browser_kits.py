"""A sales person's kit in a real browser: ?a=<key> credits the links, copy fills the clipboard, share opens.

Debian's headless chromium loads the repository's own sample site from 127.0.0.1. Nothing leaves the
machine: every request to another host is answered by a stub (and recorded), so opening a share link
shows which URL the network would have received. Screenshots go to the test's temporary folder (and
to $PUBLISHER_SCREENSHOTS if set).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import launched, serving
from conftest import ROOT, ProjectDir
from mkdocs.commands.build import build
from mkdocs.config import load_config

from publisher.config import load_settings
from publisher.content import Piece, load_library
from publisher.kits.links import personal_link, personal_share_url

pytestmark = pytest.mark.browser

KEY = "jdupont"


@dataclass
class Site:
    base: str
    root: Path
    piece: Piece
    shots: Path

    @property
    def kit(self) -> str:
        return f"{self.base}share/{self.piece.key}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("browser-kits") / "sample"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    now = dt.datetime.now(dt.UTC)
    cfg = load_config(config_file=str(ProjectDir(root).config_file))
    plugin = cfg.plugins["publisher"]
    plugin.on_startup(command="build", dirty=False)
    plugin.now = now
    try:
        build(cfg)
    finally:
        plugin.now = None
    library = load_library(load_settings(root / "mkdocs.yml"))
    rich = [p for p in library.visible(now) if p.lang == "en" and p.quotes and p.takeaways and p.cover]
    if not rich:
        pytest.fail("the sample content has no published English piece with quotes, takeaways and a cover")
    shots = Path(os.environ.get("PUBLISHER_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    with serving(root / "site") as base:
        yield Site(base, root, rich[0], shots)


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[object]:
    with launched() as instance:
        yield instance


@pytest.fixture
def context(browser: object, site: Site) -> Iterator[tuple[object, list[str]]]:
    """A browser context allowed to use the clipboard, with every outside request stubbed and recorded."""
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"],  # type: ignore[attr-defined]
                              viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def stub(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(site.base):
            route.continue_()  # type: ignore[attr-defined]
            return
        outside.append(url)
        route.fulfill(status=200, content_type="text/html", body="<title>stub</title>")  # type: ignore[attr-defined]

    ctx.route("**/*", stub)
    try:
        yield ctx, outside
    finally:
        ctx.close()


def built_texts(site: Site) -> list[dict[str, str]]:
    """Each text of the built kit page, as the server sends it (before kit.js)."""
    from html.parser import HTMLParser

    found: list[dict[str, str]] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if "data-kit-text" in a:
                found.append({"network": a["data-network"], "link": a["data-link"]})
            if "data-kit-share" in a:
                found[-1]["share"] = a["href"]

    Reader(convert_charrefs=True).feed((site.root / "site/share" / site.piece.key / "index.html").read_text("utf-8"))
    return found


def utm(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


def test_copy_puts_the_credited_text_in_the_clipboard_and_share_opens_with_the_same_utm(
        site: Site, context: tuple[object, list[str]]) -> None:
    ctx, outside = context
    page = ctx.new_page()  # type: ignore[attr-defined]
    page.goto(f"{site.kit}?a={KEY}", wait_until="load")
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert page.locator("[data-kit-personal]").is_visible()
    assert page.locator("[data-kit-key]").inner_text() == KEY
    assert not page.locator("[data-kit-anonymous]").is_visible()

    first = page.locator(".pub-kit__section--linkedin [data-kit-text]").first
    body, link = first.locator("[data-kit-body]").text_content(), first.get_attribute("data-link")
    copy = first.locator("[data-kit-copy]")
    assert copy.is_visible()
    copy.click()
    page.wait_for_function("el => el.textContent.trim() === 'Copied'", arg=copy.element_handle())
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{body}\n\n{personal_link(link, KEY)}"
    shared_link = copied.rsplit("\n", 1)[-1]
    assert urlsplit(shared_link).path == "/" + site.piece.url
    assert utm(shared_link) == {"utm_source": "linkedin", "utm_medium": "advocacy",
                                "utm_campaign": site.piece.campaign or site.piece.slug, "utm_content": KEY}
    assert first.locator("[data-kit-link]").inner_text() == shared_link, "the page shows the credited link"

    page.evaluate("navigator.clipboard.writeText('')")
    with page.expect_popup() as opened:
        first.locator("[data-kit-share]").click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.url.startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert parse_qs(urlsplit(popup.url).query)["url"] == [shared_link], "the share URL carries the same UTM"
    assert outside == [popup.url]
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()") == copied, "LinkedIn takes no text: the button copies it"
    popup.close()

    x = page.locator(".pub-kit__section--x [data-kit-text]").first
    with page.expect_popup() as opened:
        x.locator("[data-kit-share]").click()
    intent = opened.value
    query = parse_qs(urlsplit(intent.url).query)
    assert intent.url.startswith("https://x.com/intent/post?")
    assert query["text"] == [x.locator("[data-kit-body]").text_content()]
    assert utm(query["url"][0]) == {**utm(shared_link), "utm_source": "x"}
    intent.close()


def test_kit_js_credits_every_share_link_the_way_python_does(site: Site, context: tuple[object, list[str]]) -> None:
    ctx, outside = context
    page = ctx.new_page()  # type: ignore[attr-defined]
    page.goto(f"{site.kit}?a={KEY}", wait_until="load")
    shown = page.locator("[data-kit-share]").evaluate_all("links => links.map(a => a.href)")
    texts = built_texts(site)
    assert len(shown) == len(texts) >= 12
    for text, href in zip(texts, shown, strict=True):
        assert href == personal_share_url(text["share"], text["link"], KEY), text["network"]
    assert {t["network"] for t in texts} == {"linkedin", "x", "bluesky", "mastodon"}
    assert outside == [], "opening a kit calls no other host"


def test_a_bad_key_credits_nobody_and_says_so(site: Site, context: tuple[object, list[str]]) -> None:
    ctx, _ = context
    page = ctx.new_page()  # type: ignore[attr-defined]
    page.goto(f"{site.kit}?a=j%20dupont%3Cb%3E", wait_until="load")
    assert page.locator("[data-kit-invalid]").is_visible()
    links = page.locator("[data-kit-link]").all_inner_texts()
    assert links and not [link for link in links if "utm_content" in link]
    page.goto(f"{site.kit}?a=JDupont", wait_until="load")
    assert page.locator("[data-kit-key]").inner_text() == KEY, "keys are case-folded, as analytics tools do"


def test_without_javascript_the_kit_still_shares(site: Site, browser: object) -> None:
    ctx = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = ctx.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site.base) else route.abort())
        page.goto(f"{site.kit}?a={KEY}", wait_until="load")
        assert not page.locator("[data-kit-copy]").first.is_visible(), "no copy button that cannot copy"
        assert page.locator("[data-kit-anonymous]").is_visible()
        share = page.locator("[data-kit-share]").first.get_attribute("href")
        assert utm(parse_qs(urlsplit(share).query)["url"][0])["utm_medium"] == "advocacy"
    finally:
        ctx.close()


@pytest.mark.parametrize(("width", "name"), [(1280, "kit"), (390, "kit-phone")])
def test_the_kit_looks_right(site: Site, context: tuple[object, list[str]], width: int, name: str) -> None:
    ctx, _ = context
    page = ctx.new_page()  # type: ignore[attr-defined]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site.kit}?a={KEY}", wait_until="load")
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert page.locator("h1.pub-kit__title").inner_text().strip() == site.piece.title
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling"
    cover = page.locator(".pub-kit__cover")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    button = page.locator("[data-kit-copy]").first.bounding_box()
    assert button and button["height"] >= 28, "buttons big enough to tap"
    page.screenshot(path=str(site.shots / f"{name}.png"))
    page.screenshot(path=str(site.shots / f"{name}-full.png"), full_page=True)
    assert (site.shots / f"{name}.png").stat().st_size > 20_000
