"""Who may use the desk, and proof that a state change comes from the desk's own page.

    loopback_only(host)      127.0.0.1, ::1 and localhost: the default; any other bind needs a token
    Tokens                   PUBLISHER_DESK_TOKEN="camille:SECRET[,sam:SECRET2]": each a name and a
                             secret; the name is who acted in every post's history
    Guard (ASGI middleware)  with tokens, every request needs the session cookie (set by /login) or
                             `Authorization: Bearer SECRET`; every POST needs the CSRF token of its
                             session and an Origin (or Referer) naming this very server: 403 otherwise

The CSRF token is an HMAC of the session's random id under a key made at start: nothing to store,
and a page from another origin can neither read it nor forge it. The session cookie holds an HMAC
of the secret, never the secret itself.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import ipaddress
import os
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from publisher.errors import PublisherError

TOKEN_VARIABLE = "PUBLISHER_DESK_TOKEN"
SESSION_COOKIE = "desk_session"
CSRF_COOKIE = "desk_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
OPEN_PATHS = ("/login", "/static/")
"""Served without a session (the login form and its stylesheet)."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class DeskRefused(PublisherError):
    """The desk cannot start as asked (a non-loopback bind without a token, a malformed token)."""


def loopback_only(host: str) -> bool:
    """True for a bind only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Tokens:
    """The desk's tokens: name -> secret (empty: no token, loopback only)."""

    secrets: dict[str, str]

    @classmethod
    def parse(cls, text: str | None) -> Tokens:
        found: dict[str, str] = {}
        for i, item in enumerate(t.strip() for t in (text or "").split(",")):
            if not item:
                continue
            name, sep, secret = item.partition(":")
            if not sep:
                name, secret = "token", item
            if len(secret) < 16:
                raise DeskRefused(f"{TOKEN_VARIABLE}: expected NAME:SECRET with a secret of at least 16 characters "
                                  f"(item {i + 1}), got one of {len(secret)}")
            found[name.strip() or "token"] = secret
        return cls(found)

    @classmethod
    def from_environment(cls) -> Tokens:
        return cls.parse(os.environ.get(TOKEN_VARIABLE))

    def __bool__(self) -> bool:
        return bool(self.secrets)

    def name_of(self, secret: str) -> str | None:
        for name, known in self.secrets.items():
            if hmac.compare_digest(known.encode(), secret.encode()):
                return name
        return None


def check_bind(host: str, tokens: Tokens) -> None:
    """Refuse a bind other machines can reach unless every request will need a token."""
    if not loopback_only(host) and not tokens:
        raise DeskRefused(f"--host {host} lets other machines reach the desk: set {TOKEN_VARIABLE}=NAME:SECRET "
                          f"(a secret of 16 characters or more) so every request needs it, or keep the default "
                          f"--host 127.0.0.1")


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Keys:
    """The process's signing key, and what it derives."""

    def __init__(self, key: bytes | None = None):
        self.key = key or secrets.token_bytes(32)

    def sign(self, *parts: str) -> str:
        return hmac.new(self.key, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()

    def session_value(self, name: str) -> str:
        return f"{name}.{self.sign('session', name)}"

    def session_name(self, value: str) -> str | None:
        name, _, mac = value.rpartition(".")
        return name if name and hmac.compare_digest(mac, self.sign("session", name)) else None

    def csrf_for(self, csrf_id: str) -> str:
        return self.sign("csrf", csrf_id)


def cookies_of(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is no cookie
                continue
    return {k: m.value for k, m in jar.items()}


def header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def same_origin(scope: Scope) -> bool:
    """The Origin (or, lacking it, the Referer) names the host the request was sent to."""
    host = header(scope, b"host")
    origin = header(scope, b"origin")
    if origin and origin != "null":
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc == host
    referer = header(scope, b"referer")
    if referer:
        parts = urlsplit(referer)
        return parts.scheme in ("http", "https") and parts.netloc == host
    return False


async def refuse(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: the session (with tokens), the CSRF id cookie, and the origin of every POST.

    It sets ``scope["state"]["actor"]`` (who acts) and ``["csrf"]`` (the token the page's forms carry);
    the CSRF field itself is checked by the POST handlers (they read the form), through ``csrf_ok``.
    """

    def __init__(self, app: ASGIApp, keys: Keys, tokens: Tokens, allowed_hosts: tuple[str, ...] | None):
        self.app, self.keys, self.tokens, self.allowed_hosts = app, keys, tokens, allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = header(scope, b"host").rsplit(":", 1)[0].strip("[]")
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await refuse(send, 400, f"Host {host!r} is not this desk (DNS rebinding?)")
            return
        path = scope.get("path", "")
        cookies = cookies_of(scope)
        name = None
        if self.tokens:
            auth = header(scope, b"authorization")
            if auth.lower().startswith("bearer "):
                name = self.tokens.name_of(auth[7:].strip())
            elif SESSION_COOKIE in cookies:
                named = self.keys.session_name(cookies[SESSION_COOKIE])
                name = named if named in self.tokens.secrets else None
            if name is None and not path.startswith(OPEN_PATHS):
                if scope.get("method") == "GET":
                    await refuse(send, 303, "Sign in first", [(b"location", b"/login")])
                else:
                    await refuse(send, 403, "Forbidden: this desk needs its token (sign in at /login)")
                return
        if scope.get("method") not in ("GET", "HEAD") and not same_origin(scope):
            await refuse(send, 403, "Forbidden: a state change must come from the desk's own page "
                                    "(missing or foreign Origin)")
            return
        csrf_id = cookies.get(CSRF_COOKIE) or ""
        fresh = not csrf_id or len(csrf_id) != 32
        if fresh:
            csrf_id = secrets.token_hex(16)
        state = scope.setdefault("state", {})
        state["actor"] = f"{name or os_user()} (desk)"
        state["csrf"] = self.keys.csrf_for(csrf_id)
        state["csrf_fresh"] = fresh
        state["signed_in"] = name

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and fresh:
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", f"{CSRF_COOKIE}={csrf_id}; Path=/; HttpOnly; SameSite=Strict"
                                .encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def csrf_ok(state: Any, given: str) -> bool:
    """The form's (or header's) CSRF token is the one of this session (never true on a fresh session)."""
    return bool(given) and not state.csrf_fresh and hmac.compare_digest(given, state.csrf)


__all__ = ["CSRF_FIELD", "CSRF_HEADER", "SESSION_COOKIE", "TOKEN_VARIABLE", "DeskRefused", "Guard", "Keys",
           "Tokens", "check_bind", "csrf_ok", "loopback_only", "os_user"]
