"""Schema of the site side of the publisher block: content types, authors, pages, share buttons."""

from __future__ import annotations

from mkdocs.config import base

from publisher.config.options import ContentUrl, Flag, MapOf, Number, OneOf, Section, Text, Words
from publisher.networks.sharing import sharing_networks

SHARING = sharing_networks()

DEFAULT_TYPES: dict[str, dict] = {
    "article": {"folder": "articles", "name": {"en": "Articles", "fr": "Articles"}},
    "white_paper": {
        "folder": "white-papers",
        "name": {"en": "White papers", "fr": "Livres blancs"},
        "landing": True,
    },
    "case_study": {
        "folder": "case-studies",
        "name": {"en": "Case studies", "fr": "Études de cas"},
        "landing": True,
    },
    "interview": {"folder": "interviews", "name": {"en": "Interviews", "fr": "Entretiens"}},
    "event_report": {
        "folder": "event-reports",
        "name": {"en": "Event reports", "fr": "Comptes rendus"},
    },
}


class ThreadSpec(base.Config):
    """Pieces of a type go out as threads on X, Bluesky, Mastodon and Threads: the launch post becomes a
    hook (the title or the summary) numbered 1/n, then one takeaway a part, k/n, each fitted to the
    network. A piece opts in or out with `thread: true` or `thread: false` in its front matter."""

    enabled = Flag(True)
    """false: this type's pieces go out as single posts unless one says `thread: true`."""
    link = OneOf(("first", "last"), "last")
    """Which part carries the link (and the link card): the first (the hook) or the last."""
    hook = OneOf(("title", "summary"), "title")
    """What the first part says: the piece's title or its summary (when the summary does not fit, the title)."""
    min_takeaways = Number(2, minimum=1, maximum=20)
    """A piece with fewer usable takeaways goes out as a single post (the plan says so)."""
    max_parts = Number(6, minimum=2, maximum=25)
    """At most this many parts, the hook included: the first takeaways are kept."""
    linkedin_comment = Flag(False)
    """On LinkedIn (which has no threads), post the launch without its link and put the link in the
    post's first comment; otherwise LinkedIn gets its usual single post."""


class TypeSpec(base.Config):
    """One kind of piece (article, white paper...): where its files live and how it is shown."""

    folder = Text(required=True, what="a folder name under content/, such as articles")
    """Folder under content/ holding the pieces of this type; also the URL prefix of their pages."""
    name = MapOf(Text(what="a label"), default={})
    """Label per language, e.g. {en: White papers, fr: Livres blancs}."""
    landing = Flag(False)
    """Show pieces of this type with the landing layout (call to action, PDF download)."""
    icon = Text("material/file-document-outline", what="a Material icon name")
    """Icon shown beside the type's label."""
    evergreen = Flag(None)  # type: ignore[arg-type]
    """Recycle pieces of this type as evergreen posts, dated sentences included (default: yes, but not
    event reports). A piece says otherwise with `evergreen:` in its front matter."""
    thread = Section(ThreadSpec, optional=True)
    """Send the launch of this type's pieces as a thread of their takeaways (see ThreadSpec). Off when
    not written."""


class CallToAction(base.Config):
    """The call to action of landing pages, unless a piece gives its own."""

    label = MapOf(Text(), default={"en": "Talk to our team", "fr": "Parler à notre équipe"})
    url = ContentUrl("mailto:hello@example.org", what="a URL or mailto: link")


class ShareButtons(base.Config):
    """Share buttons under each piece."""

    networks = Words(
        [*SHARING, "email"],
        what=f"network names among {', '.join((*SHARING, 'email'))}",
        pattern="|".join((*SHARING, "email")),
    )
    """Buttons in this order; default: every network with a share link, then email."""
    mastodon_instance = Text("mastodon.social", what="a Mastodon host such as mastodon.social")
    """Host used by the Mastodon share button (readers can change it on the share page)."""
    utm_medium = Text("share-button")


class Feeds(base.Config):
    """RSS 2.0, Atom and JSON Feed files for the whole site and for each type."""

    enabled = Flag(True)
    items = Number(20, minimum=1, maximum=500)
    """How many pieces each feed lists (newest first)."""
    full_text = Flag(True)
    """Put each piece's full HTML in the feeds, not only its summary."""


class SiteSettings(base.Config):
    """Everything about the pages the build makes."""

    per_page = Number(10, minimum=1, maximum=200)
    """Pieces per index page before pagination."""
    home_per_type = Number(3, minimum=0, maximum=50)
    """How many of the latest pieces of each type the home page shows."""
    related = Number(3, minimum=0, maximum=20)
    """How many related pieces (by shared tags) to show under a piece."""
    words_per_minute = Number(220, minimum=50, maximum=1000)
    cta = Section(CallToAction)
    share = Section(ShareButtons)
    feeds = Section(Feeds)
    twitter_site = Text(None, what="an X handle such as @example")
    """The site's own X account, for the twitter:site card tag."""
    organization = Text(None, what="the publishing organisation's name")
    """Publisher name in JSON-LD; defaults to site_name."""
    default_image = ContentUrl(None, what="an image path under content/")
    """Image for social cards when a piece has no cover."""

