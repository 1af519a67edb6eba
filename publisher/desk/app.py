"""The desk as an ASGI app (Starlette): routes, the Guard, security headers, error pages.

    make_app(settings, store, tokens=..., host=...)   the app; `publisher desk` serves it with uvicorn
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from publisher.desk import actions, pages
from publisher.desk.context import HERE, Desk
from publisher.desk.security import Guard, Keys, Tokens, loopback_only
from publisher.networks import keys
from publisher.networks.counting import measure
from publisher.store.types import utc_now

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'"


class Headers:
    """Security headers on every answer: no framing, no sniffing, nothing loaded from elsewhere."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = REPORT_CSP if scope.get("path") == "/report" else CSP

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      (b"content-security-policy", policy.encode()),
                                      (b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                                      (b"referrer-policy", b"same-origin"), (b"cache-control", b"no-store")]
            await send(message)

        await self.app(scope, receive, with_headers)


@contextlib.asynccontextmanager
async def _warm(app: Starlette) -> AsyncIterator[None]:
    """Before the first request: load the networks' counting libraries and compile the templates, so the
    first page a person opens is as fast as the next ones (twitter-text alone takes a second to load)."""
    desk: Desk = app.state.desk
    for network in keys():
        measure(network, "Warming up, https://example.org/a #tag")
    for name in ("queue.html", "post.html", "calendar.html", "pause.html", "health.html", "_preview.html"):
        desk.templates.get_template(name)
    yield


async def _home(request: Request) -> Response:
    return RedirectResponse("/queue", status_code=303)


async def _error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "Something went wrong; see the desk's log."
    desk: Desk = request.app.state.desk
    if getattr(request.state, "csrf", None) is None:
        return PlainTextResponse(str(detail), status_code=status)
    return desk.render(request, "error.html", status, code=status, detail=str(detail))


def make_app(settings: Any, store: Any, *, tokens: Tokens | None = None, host: str = "127.0.0.1",
             clock: Callable[[], dt.datetime] = utc_now, real_clock: Callable[[], dt.datetime] = utc_now,
             keys: Keys | None = None) -> Starlette:
    """The desk over ``store``. A loopback ``host`` only answers requests addressed to a loopback name
    (a page elsewhere cannot reach it through DNS rebinding); any other needs ``tokens``."""
    tokens = tokens or Tokens({})
    desk = Desk(settings, store, tokens=tokens, keys=keys or Keys(), clock=clock, real_clock=real_clock)
    allowed = ("127.0.0.1", "localhost", "::1") if loopback_only(host) else None
    routes = [
        Route("/", _home),
        Route("/login", actions.login, methods=["GET", "POST"]),
        Route("/logout", actions.logout, methods=["POST"]),
        Route("/queue", pages.queue),
        Route("/calendar", pages.calendar),
        Route("/post/{post_id:int}", pages.post_page),
        Route("/post/{post_id:int}/image", pages.post_image),
        Route("/post/{post_id:int}/approve", actions.approve, methods=["POST"]),
        Route("/post/{post_id:int}/reject", actions.reject, methods=["POST"]),
        Route("/post/{post_id:int}/cancel", actions.cancel, methods=["POST"]),
        Route("/post/{post_id:int}/edit", actions.edit, methods=["POST"]),
        Route("/post/{post_id:int}/reschedule", actions.reschedule, methods=["POST"]),
        Route("/approve", actions.approve, methods=["POST"]),
        Route("/fit", actions.fit, methods=["POST"]),
        Route("/pause", pages.pause_page),
        Route("/pause", actions.pause, methods=["POST"]),
        Route("/resume", actions.resume, methods=["POST"]),
        Route("/health", pages.health),
        Route("/report", pages.report),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Headers), Middleware(Guard, keys=desk.keys, tokens=tokens,
                                                                               allowed_hosts=allowed)],
                    exception_handlers={HTTPException: _error, Exception: _error}, lifespan=_warm)
    app.state.desk = desk
    return app


__all__ = ["make_app"]
