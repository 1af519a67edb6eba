"""A person's edit of a post, checked the same way wherever it comes from (CSV import, the desk).

    checked_text(post, text, limit)   the text as it will be stored and sent, its length as the
                                      network counts it, and every reason to refuse it
    little_text(text)                 LinkedIn's escaping, applied once whatever the text's origin

Refused: an empty text, a text that drops the piece's link the post had, one longer than the network
allows (counted as the network counts it), one whose characters no network takes (controls, lone
surrogates). LinkedIn text is escaped as "little text" here, so a hand-written "(twice)" goes out
as "\\(twice\\)" and LinkedIn does not cut the post at the parenthesis. That an edit sends an
approved post back to review is the store's rule (publisher.store.posts.apply_edits), so no path
around this module can keep a stale approval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from publisher.networks import counting as networks
from publisher.networks.sharing import label as network_label
from publisher.posts.model import QueuedPost

_ESCAPED = re.compile(r"\\([\\|{}@\[\]()<>#*_~])")
_BROKEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def little_text(text: str) -> str:
    """LinkedIn's escaping, idempotent: what is already escaped stays escaped once, the rest is escaped.

    A text exported escaped and edited by hand (one backslash lost, a new parenthesis) comes out
    escaped exactly once, like a generated one.
    """
    return networks.linkedin_escape(_ESCAPED.sub(r"\1", text))


def shown_text(network: str, text: str) -> str:
    """The words as a person reads and edits them (LinkedIn's backslashes taken out)."""
    return _ESCAPED.sub(r"\1", text) if network == "linkedin" else text


@dataclass(frozen=True)
class CheckedText:
    """An edited text as it would be stored and sent, and why it cannot be (empty: it can)."""

    text: str
    length: int
    limit: int
    unit: str
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    """What was done to the text on the way (escaped for LinkedIn)."""

    @property
    def ok(self) -> bool:
        return not self.problems


def link_in(post: QueuedPost, text: str) -> str | None:
    """The form of the post's link that ``text`` shows (the UTM link, or Bluesky's short label), or None."""
    if not post.link:
        return None
    for form in (post.link, networks.display_url(post.link)):
        if form and form in text:
            return form
    return None


def checked_text(post: QueuedPost, text: str, limit: int) -> CheckedText:
    """Check a new text for ``post`` against the rules above; ``limit`` is the channel's (networks.limit_for)."""
    network = post.network
    unit = networks.unit(network)
    text = networks.normalize(text).strip("\n ")
    problems: list[str] = []
    notes: list[str] = []
    if not text.strip():
        return CheckedText("", 0, limit, unit, ("expected the post's text, got nothing",))
    broken = sorted({f"U+{ord(c):04X}" for c in _BROKEN.findall(text)})
    if broken:
        problems.append(f"expected text a network can take, got control or invalid characters ({', '.join(broken)})")
        text = _BROKEN.sub("", text)
    if network == "linkedin":
        escaped = little_text(text)
        if escaped != text:
            notes.append("escaped for LinkedIn (a backslash before ( ) [ ] { } < > @ # * _ ~ | \\), "
                         "or LinkedIn would cut the post at the first of them")
        text = escaped
    had = link_in(post, post.text)
    if had is not None and link_in(post, text) is None:
        problems.append(f"expected the piece's link in the text, as the post had it ({had}), got a text without it")
    length, size = networks.measure(network, text), networks.utf8_size(text)
    if length > limit:
        problems.append(f"expected at most {limit} {unit}, got {length} ({length - limit} too many)")
    if not networks.fits(network, 0, limit, size):  # the second limit, in bytes (Bluesky)
        problems.append(f"expected at most {networks.max_bytes(network)} bytes of UTF-8 on "
                        f"{network_label(network)}, got {size}")
    return CheckedText(text, length, limit, unit, tuple(problems), tuple(notes))


__all__ = ["CheckedText", "checked_text", "link_in", "little_text", "shown_text"]
