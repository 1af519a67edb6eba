"""Counts in the command's messages: '1 draft', '2 drafts', never '1 drafts'."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """'1 piece', '3 pieces', '0 entries' (give ``plural`` when adding an s is wrong)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


__all__ = ["counted"]
