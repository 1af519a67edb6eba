"""A real browser reads the built sample site: what a reader sees on the home page and on a piece.

Debian's chromium (headless) loads the site from a local HTTP server; expectations come from the
sample content itself (loaded with publisher.content), so the test follows the content as it grows.
Screenshots are written to the test's temporary folder (and to $PUBLISHER_SCREENSHOTS if set).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from browser import QuietHandler, launched
from conftest import ProjectDir
from mkdocs.commands.build import build
from mkdocs.config import load_config

from publisher.config import load_settings
from publisher.content import Library, Piece, load_library
from publisher.networks.sharing import sharing_networks

pytestmark = pytest.mark.browser

NETWORKS = {*sharing_networks(), "email"}


@dataclass
class Served:
    base: str
    library: Library
    now: dt.datetime
    shots: Path
    site_dir: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The repository's own site (mkdocs.yml, content/, theme/), built and served on a free port."""
    from conftest import ROOT

    root = tmp_path_factory.mktemp("browser") / "sample"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    project = ProjectDir(root)
    now = dt.datetime.now(dt.UTC)
    cfg = load_config(config_file=str(project.config_file))
    plugin = cfg.plugins["publisher"]
    plugin.on_startup(command="build", dirty=False)
    plugin.now = now
    try:
        build(cfg)
    finally:
        plugin.now = None
    library = load_library(load_settings(project.config_file))
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    shots = Path(os.environ.get("PUBLISHER_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", library, now, shots, root / "site")
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(served: Served) -> Iterator[object]:
    with launched() as instance:
        yield instance


def open_page(browser: object, url: str, width: int = 1280) -> tuple[object, list[str]]:
    """A page at ``url``, with every failed same-origin request recorded."""
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    failures: list[str] = []
    origin = url.split("/", 3)[:3]

    def check(response: object) -> None:
        if response.url.split("/", 3)[:3] == origin and response.status >= 400:  # type: ignore[attr-defined]
            failures.append(f"{response.status} {response.url}")  # type: ignore[attr-defined]

    page.on("response", check)
    page.goto(url, wait_until="load")
    page.wait_for_function("document.fonts.status === 'loaded'")
    return page, failures


def sample_piece(served: Served) -> Piece:
    """The newest published piece with takeaways and a cover: the richest page to look at."""
    published = [p for p in served.library.visible(served.now) if p.takeaways and p.cover]
    if not published:
        pytest.fail("the sample content has no published piece with takeaways and a cover")
    return published[0]


def load_every_image(page: object) -> list[str]:
    """Load and decode every image (lazy ones too); return the sources of images that failed."""
    return page.evaluate("""async () => {
        const images = [...document.images];
        images.forEach(img => { img.loading = "eager"; });
        await Promise.all(images.map(img => img.decode().catch(() => null)));
        await new Promise(done => setTimeout(done, 500));  // Material's tabs finish sliding in
        return images.filter(img => !img.naturalWidth).map(img => img.src);
    }""")  # type: ignore[attr-defined]


def no_horizontal_scroll(page: object) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # type: ignore[attr-defined]


def test_home_page_shows_the_latest_piece_of_each_type(served: Served, browser: object) -> None:
    page, failures = open_page(browser, served.base)
    assert "Clairval Newsroom" in page.title()  # type: ignore[attr-defined]
    visible = served.library.visible(served.now)
    newest_per_type: dict[str, Piece] = {}
    for piece in visible:
        newest_per_type.setdefault(piece.type, piece)
    cards = page.locator(".pub-home__section .pub-card__title")  # type: ignore[attr-defined]
    shown = [t.strip() for t in cards.all_inner_texts()]
    for piece in newest_per_type.values():
        assert piece.title in shown, f"{piece.title!r} missing from the home page"
    assert cards.first.is_visible()
    assert load_every_image(page) == [], "every cover and avatar on the home page loads"
    assert page.evaluate("document.fonts.check('16px Inter')"), "the bundled Inter font is used"  # type: ignore[attr-defined]
    assert no_horizontal_scroll(page)
    shot = served.shots / "home.png"
    page.screenshot(path=str(shot), full_page=True)  # type: ignore[attr-defined]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert failures == []


def test_piece_page_shows_title_takeaways_and_share_links(served: Served, browser: object) -> None:
    piece = sample_piece(served)
    page, failures = open_page(browser, served.base + piece.url)
    heading = page.locator("h1.pub-title")  # type: ignore[attr-defined]
    assert heading.is_visible() and heading.inner_text().strip() == piece.title
    assert page.locator("html").get_attribute("lang") == piece.lang  # type: ignore[attr-defined]
    box = page.locator(".pub-takeaways")  # type: ignore[attr-defined]
    assert box.is_visible()
    assert box.locator(".pub-takeaways__title").text_content().strip() == (
        "Points clés" if piece.lang == "fr" else "Key takeaways")
    assert [t.strip() for t in box.locator("li").all_inner_texts()] == list(piece.takeaways)
    cover = page.locator(".pub-cover img, .pub-landing__cover img").first  # type: ignore[attr-defined]
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    buttons = page.locator("a.pub-share__button")  # type: ignore[attr-defined]
    assert buttons.count() == len(NETWORKS)
    campaign = piece.campaign or piece.slug
    for i in range(buttons.count()):
        button = buttons.nth(i)
        assert button.is_visible()
        network, href = button.get_attribute("data-network"), button.get_attribute("href")
        assert network in NETWORKS
        query = parse_qs(href.split("?", 1)[1])
        carried = (query.get("url") or query.get("text") or query.get("body"))[0]
        link = next(w for w in unquote(carried).split() if "utm_source=" in w)
        assert urlsplit(link).path == "/" + piece.url
        assert parse_qs(urlsplit(link).query) == {
            "utm_source": [network], "utm_medium": ["share-button"], "utm_campaign": [campaign]}
    assert no_horizontal_scroll(page)
    assert load_every_image(page) == []
    page.screenshot(path=str(served.shots / "piece.png"))  # type: ignore[attr-defined]
    page.screenshot(path=str(served.shots / "piece-full.png"), full_page=True)  # type: ignore[attr-defined]
    assert (served.shots / "piece.png").stat().st_size > 20_000
    assert failures == []


def test_piece_page_fits_a_phone(served: Served, browser: object) -> None:
    piece = sample_piece(served)
    page, failures = open_page(browser, served.base + piece.url, width=390)
    assert page.locator("h1.pub-title").is_visible()  # type: ignore[attr-defined]
    assert page.locator(".pub-takeaways").is_visible()  # type: ignore[attr-defined]
    assert no_horizontal_scroll(page), "nothing on a piece page should be wider than a phone"
    page.screenshot(path=str(served.shots / "piece-phone.png"))  # type: ignore[attr-defined]
    assert failures == []
