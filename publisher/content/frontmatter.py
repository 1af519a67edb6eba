"""Front matter schema, in the same schema language as the plugin block (MkDocs config options).

The docstrings under each field are the writer's reference: `publisher fields` and the guide are
generated from them, so they cannot drift from what the loader accepts.
"""

from __future__ import annotations

from mkdocs.config import base

from publisher.config.options import ContentUrl, Flag, Link, ListOf, MapOf, Section, Text, When, Words
from publisher.networks import all_networks

SLUG_PATTERN = r"[a-z0-9]+(?:[._-][a-z0-9]+)*"
SOCIAL_NETWORKS = tuple(n.key for n in all_networks() if n.hand_written)
# Material's social-cards plugin shares the `social:` key; its settings are left to it.
MATERIAL_SOCIAL_KEYS = frozenset({"cards", "cards_layout", "cards_layout_options", "cards_layout_dir"})

# Keys MkDocs, Material or its blog plugin use; accepted and passed through to the theme.
PASS_THROUGH = frozenset({
    "hide", "template", "search", "icon", "status", "subtitle", "comments", "links", "pin",
    "readtime", "categories", "description", "image", "meta", "nav_title", "title_prefix",
})


class QuoteSpec(base.Config):
    """A pull quote."""

    text = Text(required=True, what="the quoted words", numbers=False)
    """The words, without quotation marks (the site and posts add the right ones per language)."""
    by = Text("", what="who said it", numbers=False)
    """Who said it."""
    role = Text("", what="their role, e.g. CTO, Acme", numbers=False)
    """Their role or organisation."""


class CtaSpec(base.Config):
    """A call to action for landing pages."""

    label = Text(required=True, what="the button label", numbers=False)
    url = ContentUrl(required=True, what="a URL or mailto: link")


class GuestSpec(base.Config):
    """The person interviewed, or the customer of a case study."""

    name = Text(required=True, what="a name", numbers=False)
    role = Text("", numbers=False)
    organization = Text("", numbers=False)


class EventSpec(base.Config):
    """The event an event report is about."""

    name = Text(required=True, what="the event's name", numbers=False)
    location = Text("", numbers=False)
    date = When()


class FrontMatter(base.Config):
    """Front matter of a piece."""

    title = Text(required=True, what="a title", numbers=False)
    """The piece's title (a first-level heading in the body is used when this is missing)."""
    type = Text(None, what="a type key", numbers=False)
    """Type key (article, white_paper, case_study, interview, event_report...). Defaults to the folder's type."""
    date = When(required=True)
    """Publication date (2026-03-01) or date-time (2026-03-01 09:30), 1900 to 2199. Future pieces stay unpublished until then."""
    updated = When()
    """Date of the last significant update."""
    authors = Words([], what="author keys from the authors file", numbers=False)
    """Keys into the authors file."""
    summary = Text("", what="a one- or two-sentence summary", numbers=False)
    """One or two sentences: shown on indexes, in feeds, as the social card description."""
    tags = Words([], what="a list of tags", numbers=False)
    """Topics; they make tag pages and related pieces, and hashtags for the tags the team names (hashtags.tags)."""
    lang = Text(None, what="a language code such as en or fr", numbers=False)
    """Language of the piece (defaults to the site's)."""
    translation = Text(None, what="the other version's path, e.g. articles/souverainete.md", numbers=False)
    """The same piece in another language: a path under content/ (or a slug in the same folder)."""
    slug = Text(None, what="lowercase words joined by hyphens", numbers=False)
    """URL name of the piece; defaults to the file name."""
    draft = Flag(False)
    """A draft shows only in `mkdocs serve`, never in a build or a plan."""
    cover = ContentUrl(None, what="an image path or URL")
    """Cover image: relative to the piece's file, or /absolute under content/, or an http(s) URL."""
    cover_alt = Text("", what="a description of the cover image", numbers=False)
    """Alternative text of the cover image, for readers who cannot see it."""
    canonical_url = Link()
    """Original URL when the piece was first published elsewhere."""
    takeaways = ListOf(Text(what="one takeaway sentence", numbers=False), default=[])
    """Key takeaways: a boxed list on the page and candidate social posts."""
    quotes = ListOf(Section(QuoteSpec), default=[])
    """Pull quotes as {text, by, role}: styled on the page and candidate social posts."""
    evergreen = Flag(None)  # type: ignore[arg-type]
    """true: recycle this piece as evergreen posts, sentences that carry a date or 'today' included; false:
    never recycle it. Unset: its type decides (event reports are not recycled; other pieces are, without
    their dated sentences)."""
    thread = Flag(None)  # type: ignore[arg-type]
    """true: the launch goes out as a thread of the takeaways (numbered 1/n) on the networks that have
    threads; false: as a single post. Unset: its type decides (`types.<type>.thread` in mkdocs.yml)."""
    campaign = Text(None, what="a campaign key", numbers=False)
    """Campaign this piece belongs to (its hashtag and UTM name)."""
    social = MapOf(ListOf(Text(what="a post", numbers=False)), default={}, key_pattern="|".join(SOCIAL_NETWORKS))
    """Hand-written posts per network (its key: x, mastodon, bluesky, linkedin...); they win over derived ones."""
    pdf = ContentUrl(None, what="a PDF path or URL")
    """Downloadable PDF (white papers, case studies)."""
    cta = Section(CtaSpec, optional=True)
    """Call to action {label, url} on landing pages; defaults to the site's."""
    guest = Section(GuestSpec, optional=True)
    """Interviewee or customer {name, role, organization}."""
    event = Section(EventSpec, optional=True)
    """Event {name, location, date} for event reports."""
    source_id = Text(None, numbers=False)
    """Set by imports: the original's id (WordPress guid, feed entry id)."""
    source_url = Link()
    """Set by imports: where the original lives."""
    import_hash = Text(None, what="a fingerprint such as sha256:0123abcd", numbers=False)
    """Set by imports: fingerprint of the file as imported. Edit the piece freely: a re-import then leaves it alone."""


def field_reference() -> list[tuple[str, str]]:
    """(field, description) for every front matter field, from the docstrings above."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(FrontMatter))
    body = tree.body[0].body  # type: ignore[attr-defined]
    out: list[tuple[str, str]] = []
    for node, nxt in zip(body, [*body[1:], None], strict=False):
        if isinstance(node, ast.Assign) and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant):
            out.append((node.targets[0].id, str(nxt.value.value)))  # type: ignore[attr-defined]
    return out


__all__ = ["MATERIAL_SOCIAL_KEYS", "PASS_THROUGH", "SLUG_PATTERN", "SOCIAL_NETWORKS", "FrontMatter",
           "field_reference"]
