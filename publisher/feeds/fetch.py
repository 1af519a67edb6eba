"""Getting a feed's bytes from a URL (httpx) or a file, with conditional GET for watched feeds.

A file is treated like a server that honours If-Modified-Since: its modification time plays the
part of Last-Modified, so `publisher watch` skips an unchanged file as it skips a 304.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from pathlib import Path

import httpx

from publisher import __version__
from publisher.errors import ImportProblems, Problem

USER_AGENT = f"publisher/{__version__} (+feed import)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a fetch returned. ``changed`` is False for a 304 (or an unchanged file): no data then."""

    source: str
    changed: bool
    data: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    url: str = ""


def is_url(source: str) -> bool:
    return bool(re.match(r"https?://", source, re.I))


def fetch(source: str, *, etag: str | None = None, last_modified: str | None = None,
          base_dir: Path | None = None, transport: httpx.BaseTransport | None = None) -> Fetched:
    """Fetch ``source`` (an http(s) URL or a file path, relative to ``base_dir``)."""
    if is_url(source):
        return _fetch_url(source, etag, last_modified, transport)
    return _fetch_file(source, last_modified, base_dir)


def _fetch_url(url: str, etag: str | None, last_modified: str | None,
               transport: httpx.BaseTransport | None) -> Fetched:
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True, transport=transport) as client:
            response = client.get(url, headers=headers)
    except httpx.HTTPError as e:
        raise ImportProblems([Problem(url, "", f"cannot be fetched: {type(e).__name__}: {e}")]) from None
    if response.status_code == 304:
        return Fetched(url, False, etag=etag, last_modified=last_modified, url=str(response.url))
    if response.status_code != 200:
        raise ImportProblems([Problem(url, "", f"expected HTTP 200 with a feed, got {response.status_code} "
                                      f"{response.reason_phrase}")])
    return Fetched(
        url, True, response.content,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        content_type=response.headers.get("Content-Type", ""),
        url=str(response.url),
    )


def _fetch_file(source: str, last_modified: str | None, base_dir: Path | None) -> Fetched:
    path = Path(source).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    try:
        stamp = email.utils.format_datetime(dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC), usegmt=True)
        if last_modified and last_modified == stamp:
            return Fetched(source, False, last_modified=stamp)
        data = path.read_bytes()
    except OSError as e:
        raise ImportProblems([Problem(source, "", f"cannot be read: {e.strerror or e} "
                                      "(expected a feed file or an http(s) URL)")]) from None
    return Fetched(source, True, data, last_modified=stamp)


def last_modified_date(fetched: Fetched) -> dt.datetime | None:
    """The Last-Modified instant of a fetch (the file's modification time for a file)."""
    if not fetched.last_modified:
        return None
    try:
        when = email.utils.parsedate_to_datetime(fetched.last_modified)
    except (TypeError, ValueError, IndexError):
        return None
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


__all__ = ["Fetched", "fetch", "is_url", "last_modified_date"]
