"""The desk's actions: every state change is a POST checked by the Guard (origin, session) and by
``posted`` (CSRF), recorded in each post's history with who acted (``request.state.actor``) and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from publisher.desk.context import Desk, back_to, posted
from publisher.desk.pages import post_page_values, resume_outlook
from publisher.desk.preview import preview
from publisher.desk.security import Tokens
from publisher.errors import NotFound
from publisher.social.edits import checked_text
from publisher.social.late import settle_late
from publisher.store import PostEdit

MAX_REASON = 500


def _why(form: Any) -> str:
    return " ".join(str(form.get("why") or form.get("reason") or "").split())[:MAX_REASON]


def _record(desk: Desk, post_id: int) -> Any:
    try:
        return desk.store.post(post_id)
    except NotFound:
        raise HTTPException(404, f"No post {post_id} in the store") from None


async def approve(request: Request) -> Response:
    """Approve one post (/post/ID/approve), a piece's proposed posts (piece=), or a selection (ids=)."""
    desk: Desk = request.app.state.desk
    form = await posted(request)
    now, actor = desk.clock(), request.state.actor
    default = "/queue"
    if "post_id" in request.path_params:
        ids = [int(request.path_params["post_id"])]
        default = f"/post/{ids[0]}"
    elif form.get("piece"):
        ids = desk.store.piece_post_ids(str(form.get("piece")), ("proposed",))
    else:
        try:
            ids = sorted({int(str(i)) for i in form.getlist("ids")})
        except ValueError:
            raise HTTPException(400, "ids: expected post ids (whole numbers)") from None
    if not ids:
        return back_to(form, default, said="none")
    try:
        done = desk.store.approve(now, ids=ids, actor=actor)
    except NotFound as e:
        raise HTTPException(404, str(e)) from None
    return back_to(form, default, said="approved" if done.approved else "none", n=len(done.approved))


async def reject(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    form = await posted(request)
    post_id = int(request.path_params["post_id"])
    why = _why(form)
    if not why:
        record = _record(desk, post_id)
        return desk.render(request, "post.html", 422, refused=["Say why you reject it: the writers read the reason."],
                           **post_page_values(desk, record))
    done, _ = desk.store.set_aside([post_id], desk.clock(), detail=f"rejected: {why}", actor=request.state.actor)
    return back_to(form, f"/post/{post_id}", said="rejected", n=len(done))


async def cancel(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    form = await posted(request)
    post_id = int(request.path_params["post_id"])
    why = _why(form)
    done, _ = desk.store.set_aside([post_id], desk.clock(), detail="cancelled" + (f": {why}" if why else ""),
                                   actor=request.state.actor)
    return back_to(form, f"/post/{post_id}", said="cancelled", n=len(done))


async def edit(request: Request) -> Response:
    """New words for a post: checked by publisher.social.edits (link kept, limit, escaping); refused
    with the reasons shown, the person's text kept in the form."""
    desk: Desk = request.app.state.desk
    form = await posted(request)
    post_id = int(request.path_params["post_id"])
    record = _record(desk, post_id)
    text = str(form.get("text") or "")
    checked = checked_text(record.post, text, desk.limit(record.post))
    if record.post.state not in ("proposed", "approved", "cancelled"):
        refused = [f"expected a post not sent yet, got one in state {record.post.state!r}"]
    else:
        refused = list(checked.problems)
    if refused:
        return desk.render(request, "post.html", 422, refused=refused, draft=text,
                           **post_page_values(desk, record, checked.text or text))
    if checked.text == record.post.text:
        return back_to(form, f"/post/{post_id}", said="edited-kept")
    desk.store.apply_edits([PostEdit(post_id, "desk", text=checked.text, why=_why(form))], desk.clock(),
                           actor=request.state.actor)
    was_approved = record.post.state == "approved"
    return back_to(form, f"/post/{post_id}", said="edited" if was_approved else "edited-kept")


async def reschedule(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    form = await posted(request)
    post_id = int(request.path_params["post_id"])
    record = _record(desk, post_id)
    raw = str(form.get("when") or "").strip()
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        when = None
    problem = None
    if when is None:
        problem = f"expected a date and time like 2026-03-02T09:10, got {raw!r}"
    else:
        when = (when if when.tzinfo else when.replace(tzinfo=desk.zone)).astimezone(dt.UTC)
        if when <= desk.clock():
            problem = "expected a moment in the future: a post moved into the past would be late at once"
    if problem is None and record.post.state not in ("proposed", "approved", "cancelled"):
        problem = f"expected a post not sent yet, got one in state {record.post.state!r}"
    if problem:
        return desk.render(request, "post.html", 422, refused=[problem], **post_page_values(desk, record))
    desk.store.apply_edits([PostEdit(post_id, "desk", scheduled_at=when, why=_why(form))], desk.clock(),
                           actor=request.state.actor)
    return back_to(form, f"/post/{post_id}", said="rescheduled")


async def fit(request: Request) -> Response:
    """The live fit check the edit box calls as one types: the text as it would be sent, its length as
    the network counts it, and every reason it would be refused. Changes nothing."""
    desk: Desk = request.app.state.desk
    form = await posted(request)
    try:
        record = _record(desk, int(str(form.get("post_id") or "")))
    except ValueError:
        raise HTTPException(400, "post_id: expected a post id") from None
    checked = checked_text(record.post, str(form.get("text") or ""), desk.limit(record.post))
    v = preview(record.post, checked.limit, text=checked.text or " ")
    return JSONResponse({"ok": checked.ok, "length": checked.length, "limit": checked.limit, "unit": checked.unit,
                         "problems": list(checked.problems), "notes": list(checked.notes),
                         "parts": [{"kind": p.kind, "text": p.text} for p in v.parts]})


async def pause(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    form = await posted(request)
    channel = str(form.get("channel") or "") or None
    if channel is not None and channel not in desk.settings.plugin.channels:
        raise HTTPException(400, f"channel: expected one of {', '.join(sorted(desk.settings.plugin.channels))}")
    until = None
    raw = str(form.get("until") or "").strip()
    now = desk.clock()
    if raw:
        try:
            parsed = dt.datetime.fromisoformat(raw)
        except ValueError:
            parsed = None
        until = parsed if parsed is None or parsed.tzinfo else parsed.replace(tzinfo=desk.zone)
        if until is None or until <= now:
            return desk.render(request, "pause.html", 422, refused=[
                f"until: expected a moment in the future like 2026-03-02T18:00, got {raw!r}"],
                pauses=desk.store.active_pauses(now), resumed=None, default_until=raw, **resume_outlook(desk))
        until = until.astimezone(dt.UTC)
    desk.store.pause(now, channel=channel, until=until, reason=_why(form), actor=request.state.actor)
    return back_to(form, "/pause", said="paused")


async def resume(request: Request) -> Response:
    """Lift the pauses (all, or one channel's), re-enable disabled channels, and settle the backlog
    at once: late posts re-slotted or returned to review, never flushed. The page says where each
    went and what goes out next, before any worker sends anything."""
    desk: Desk = request.app.state.desk
    form = await posted(request)
    channel = str(form.get("channel") or "") or None
    if channel is not None and channel not in desk.settings.plugin.channels:
        raise HTTPException(400, "channel: expected a channel of this project")
    now = desk.clock()
    lifted = desk.store.resume(now, channel=channel)
    enabled = desk.store.enable_channels(now, channel)
    still = {p.channel for p in desk.store.active_pauses(now)}
    names = [c for c in ([channel] if channel else sorted(desk.settings.plugin.channels))
             if c not in still and None not in still]
    moved = settle_late(desk.store, desk.late, now, desk.real_clock(), names, request.state.actor)
    outlook = resume_outlook(desk, channel)
    return desk.render(request, "pause.html", pauses=desk.store.active_pauses(now),
                       resumed={"lifted": lifted, "enabled": enabled, "moved": moved},
                       default_until="", **outlook)


async def login(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    if request.method == "GET":
        if not desk.tokens:
            return RedirectResponse("/queue", status_code=303)
        return desk.render(request, "login.html")
    form = await posted(request)
    tokens: Tokens = desk.tokens
    name = tokens.name_of(str(form.get("token") or ""))
    if name is None:
        return desk.render(request, "login.html", 403, refused=["That token is not one of this desk's."])
    response = RedirectResponse("/queue", status_code=303)
    response.set_cookie("desk_session", desk.keys.session_value(name), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


async def logout(request: Request) -> Response:
    await posted(request)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie("desk_session")
    return response


__all__ = ["approve", "cancel", "edit", "fit", "login", "logout", "pause", "reject", "reschedule", "resume"]
