"""Credentials from the environment, and masking so they never reach a message, a log or the site.

A secret can show up in other forms than its whole value: a webhook URL's token is one path
segment that a server echoes back in a 404 page, a token sits URL-encoded in a query string or
percent-encoded in an OAuth header. ``mask`` replaces every form it knows:

    the whole value                      a token, a password, a whole webhook URL
    each secret-looking part of a URL    path segments and query values (not ``hooks``, not the host)
    each of these, percent-encoded       any mix of escaped and plain characters, either hex case,
                                         escaped twice (%2553), and ``+`` for a space

The patterns are compiled once per set of secrets (the environment rarely changes).
"""

from __future__ import annotations

import functools
import logging
import os
import re
from urllib.parse import parse_qsl, unquote, urlsplit

# Every variable that may hold a secret; channels read theirs through `credential()`.
SECRET_VARIABLES = (
    "X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET", "X_BEARER_TOKEN",
    "MASTODON_ACCESS_TOKEN", "BLUESKY_APP_PASSWORD", "LINKEDIN_ACCESS_TOKEN", "WEBHOOK_URL",
)
_SECRET_NAME = re.compile(r"(TOKEN|SECRET|PASSWORD|API_KEY|WEBHOOK_URL)$")
_extra: set[str] = set()
MIN_SHOWN = 4
"""A part shorter than this is never masked on its own (it would blank common words and numbers)."""
_LONG_PART = 16
"""A URL part this long is secret whatever it looks like (a Mattermost key can be lowercase letters)."""
_PATH_WORD = re.compile(r"[a-z][a-z_.-]*")
# Parts of well-known webhook URLs that name the service, not the account.
_PUBLIC_PARTS = frozenset({"hooks", "services", "webhook", "webhooks", "webhookb2", "incomingwebhook", "api",
                           "triggers", "manual", "paths", "invoke", "workflows", "api-version"})


def credential(name: str, prefix: str = "") -> str:
    """Read one credential from the environment ('' when unset); remember it for masking."""
    value = os.environ.get(prefix + name, "").strip()
    if value and _SECRET_NAME.search(name):
        _extra.add(value)
    return value


def secret_values() -> list[str]:
    """Every secret value currently known, longest first (so a secret containing another masks whole)."""
    values = {v for v in _extra if v}
    for name, value in os.environ.items():
        if value and len(value) >= MIN_SHOWN and (name in SECRET_VARIABLES or _SECRET_NAME.search(name)):
            values.add(value)
    return sorted(values, key=len, reverse=True)


def masked(value: str) -> str:
    """How a secret is shown: its last 4 characters at most, never the whole."""
    if len(value) <= 8:
        return "****"
    return "****" + value[-4:]


def looks_secret(part: str) -> bool:
    """Whether one path segment or query value of a secret URL may be (part of) the secret."""
    if len(part) < MIN_SHOWN or part.casefold() in _PUBLIC_PARTS:
        return False
    return len(part) >= _LONG_PART or not _PATH_WORD.fullmatch(part)


def secret_parts(value: str) -> list[str]:
    """The value and, for a URL, its secret-looking parts (decoded): what ``mask`` looks for."""
    parts = {value}
    split = urlsplit(value) if "://" in value else None
    if split is not None and split.netloc:
        if split.password:
            parts.add(unquote(split.password))
        parts.update(unquote(p) for p in split.path.split("/"))
        parts.update(v for _, v in parse_qsl(split.query, keep_blank_values=True))
        if split.fragment:
            parts.add(unquote(split.fragment))
    return sorted((p for p in parts if p == value or looks_secret(p)), key=len, reverse=True)


def _encodings(char: str) -> str:
    """A regex matching ``char`` plain or percent-encoded (once or twice, either hex case)."""
    escaped = "".join(f"%(?:25)?{_hex(b)}" for b in char.encode("utf-8"))
    plain = re.escape(char) + ("|\\+" if char == " " else "")
    return f"(?:{plain}|{escaped})"


def _hex(byte: int) -> str:
    return "".join(f"[{d}{d.lower()}]" if d.isalpha() else d for d in f"{byte:02X}")


@functools.lru_cache(maxsize=8)
def _pattern(values: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One regex for every form of every secret, and the shown form of each decoded part."""
    shown: dict[str, str] = {}
    for value in values:
        for part in secret_parts(value):
            # A whole URL shows nothing of itself: its last characters are its token's.
            shown.setdefault(part, "****" if "://" in part else masked(part))
    if not shown:
        return None
    ordered = sorted(shown, key=len, reverse=True)  # a secret containing another masks whole
    return re.compile("|".join(f"(?P<p{i}>{''.join(map(_encodings, part))})" for i, part in enumerate(ordered))), {
        f"p{i}": shown[part] for i, part in enumerate(ordered)}


def mask(text: str) -> str:
    """Replace every known secret in ``text``, in every form it may take (see the module docstring)."""
    if not text:
        return text
    found = _pattern(tuple(secret_values()))
    if found is None:
        return text
    pattern, shown = found
    return pattern.sub(lambda m: shown[m.lastgroup or ""], text)


class MaskingFilter(logging.Filter):
    """A logging filter that masks secrets in every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = mask(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def install_log_masking() -> None:
    """Mask secrets in every handler of the root logger (and in those added later, via the root filter)."""
    root = logging.getLogger()
    if not any(isinstance(f, MaskingFilter) for f in root.filters):
        root.addFilter(MaskingFilter())
    for handler in root.handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
