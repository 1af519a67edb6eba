"""Credentials from the environment, and masking so they never reach a message, a log or the site."""

from __future__ import annotations

import logging
import os
import re

# Every variable that may hold a secret; channels read theirs through `credential()`.
SECRET_VARIABLES = (
    "X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET", "X_BEARER_TOKEN",
    "MASTODON_ACCESS_TOKEN", "BLUESKY_APP_PASSWORD", "LINKEDIN_ACCESS_TOKEN", "WEBHOOK_URL",
)
_SECRET_NAME = re.compile(r"(TOKEN|SECRET|PASSWORD|API_KEY|WEBHOOK_URL)$")
_extra: set[str] = set()


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
        if value and len(value) >= 4 and (name in SECRET_VARIABLES or _SECRET_NAME.search(name)):
            values.add(value)
    return sorted(values, key=len, reverse=True)


def masked(value: str) -> str:
    """How a secret is shown: its last 4 characters at most, never the whole."""
    if len(value) <= 8:
        return "****"
    return "****" + value[-4:]


def mask(text: str) -> str:
    """Replace every known secret value in ``text``."""
    for value in secret_values():
        if value in text:
            text = text.replace(value, masked(value))
    return text


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
