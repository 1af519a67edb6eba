"""The comms lead's desk: a local web app over the store (calendar, queue with previews, approve, edit,
reject, reschedule, pause and resume, channel health, the report's charts).

    make_app(settings, store)   the ASGI app (Starlette); `publisher desk` serves it with uvicorn

Server-rendered Jinja pages, one small script of our own for the live fit check, nothing loaded from
elsewhere. Loopback by default; any other bind needs PUBLISHER_DESK_TOKEN. Every state change is a
POST with a CSRF token and a same-origin check, recorded in the post's history with who and why.
"""
