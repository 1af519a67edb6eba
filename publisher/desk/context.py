"""What every page and action of the desk shares: the settings, the store, the clock, the templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from publisher.desk.security import CSRF_FIELD, CSRF_HEADER, Keys, Tokens, csrf_ok
from publisher.networks.counting import limit_for
from publisher.social.late import LatePolicy, late_policy_from
from publisher.store.types import utc_now

HERE = Path(__file__).parent
STATE_LABELS = {"proposed": "to review", "approved": "approved", "sending": "sending", "published": "published",
                "failed": "failed", "unconfirmed": "unconfirmed", "cancelled": "cancelled"}
SAID = {
    "approved": "Approved {n} post(s).", "rejected": "Rejected {n} post(s); the reason is in their history.",
    "cancelled": "Cancelled {n} post(s).", "edited": "Saved. New words go back to review: approve them again.",
    "edited-kept": "Saved.", "rescheduled": "Moved.", "paused": "Paused. Nothing is sent until you resume.",
    "none": "Nothing changed: no post in that selection was waiting for approval.",
}
"""The messages a redirect may ask for (by key: a link cannot make the desk say anything else)."""


@dataclass
class Desk:
    settings: Any
    store: Any
    tokens: Tokens = field(default_factory=lambda: Tokens({}))
    keys: Keys = field(default_factory=Keys)
    clock: Callable[[], dt.datetime] = utc_now
    real_clock: Callable[[], dt.datetime] = utc_now
    templates: Environment = field(init=False)
    late: LatePolicy = field(init=False)

    def __post_init__(self) -> None:
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                                     autoescape=select_autoescape(default=True, default_for_string=True),
                                     trim_blocks=True, lstrip_blocks=True)
        self.templates.filters["local"] = self.local
        self.templates.filters["state_label"] = lambda s: STATE_LABELS.get(s, s)
        self.late = late_policy_from(self.settings)

    @property
    def zone(self) -> Any:
        return self.settings.zone

    def local(self, when: dt.datetime | None, fmt: str = "%a %d %b %H:%M") -> str:
        return "" if when is None else when.astimezone(self.zone).strftime(fmt)

    def limit(self, post: Any) -> int:
        return limit_for(post.network, self.settings.plugin.channels.get(post.channel))

    def render(self, request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        said_key = request.query_params.get("said", "")
        said = SAID.get(said_key, "").format(n=request.query_params.get("n", ""))
        page = self.templates.get_template(name).render(
            request=request, csrf=request.state.csrf, csrf_field=CSRF_FIELD, actor=request.state.actor,
            signed_in=request.state.signed_in, site_name=self.settings.site_name, said=said,
            zone_name=self.settings.plugin.timezone, channels=sorted(self.settings.plugin.channels), **values)
        return HTMLResponse(page, status_code=status)


async def posted(request: Request) -> Any:
    """The form of a POST whose CSRF token is right; 403 otherwise."""
    form = await request.form()
    given = str(form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, ""))
    if not csrf_ok(request.state, given):
        raise HTTPException(403, "Forbidden: the form's CSRF token is missing or stale; reload the page")
    return form


def back_to(form: Any, default: str, **said: Any) -> RedirectResponse:
    """303 to the page the form came from (a local path only), saying what was done."""
    target = str(form.get("back") or default)
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = default
    path, _, query = target.partition("?")
    kept = [(k, v) for k, v in parse_qsl(query) if k not in ("said", "n")]
    query = urlencode([*kept, *said.items()])
    return RedirectResponse(path + ("?" + query if query else ""), status_code=303)


__all__ = ["SAID", "STATE_LABELS", "Desk", "back_to", "posted"]
