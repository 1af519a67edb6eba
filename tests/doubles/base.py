"""A loopback HTTP server that a real client library talks to, with state and switchable faults.

Each network's double subclasses `Double`: it lists its routes, keeps the posts it received and
their engagement (which grows with `tick()`), and says how it answers a rate limit, an expired
token, a server error or a duplicate. Faults are armed per route kind ("create", "read", "auth",
"any") and consumed in order:

    rate_limit       429 with the network's reset header (and/or Retry-After: see `retry_after`)
    duplicate        the network's duplicate-content refusal (where it has one)
    server_error     500 with the network's error body (nothing is created)
    gateway_timeout  504 from a "gateway" after the post WAS created
    expired_token    the network's answer to an expired or revoked token
    timeout          the post is created, then the answer stalls past the client's timeout
    slow             the answer comes late, but within the client's timeout
    truncated        the post is created, then the JSON answer is cut in half
    drop             the post is created, then the connection closes without an answer

``echo = True`` makes every error answer (4xx, 5xx, an unknown route) repeat the request it answers:
method, path, query, headers and body, the way careless servers and proxies do. The secret-masking
tests use it: whatever a network says back must never put a credential in a message or the store.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

FAULTS = ("rate_limit", "duplicate", "server_error", "gateway_timeout", "expired_token", "timeout", "slow",
          "truncated", "drop")
# Faults after which the post exists on the network although the client got no usable answer.
CREATED_ANYWAY = ("gateway_timeout", "timeout", "truncated", "drop")


@dataclass
class Request:
    """One request as the double received it (kept in `Double.requests` for assertions)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    kind: str = ""

    @property
    def json(self) -> Any:
        return json.loads(self.body or b"null")

    @property
    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


Route = tuple[str, str, str, Callable[[Request, list[str]], Reply]]
"""(method, path prefix or exact path with {} placeholders, kind, handler)."""


class Double:
    """Base of every network double: a threaded loopback server with state and faults."""

    name = "double"
    stall = 3.0
    """Seconds a 'timeout' answer stalls (clients in tests use a much shorter timeout)."""
    slow = 0.2

    def __init__(self, latency: float = 0.0):
        self.latency = latency
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self.faults: list[tuple[str, str]] = []
        self.served: list[tuple[str, str]] = []  # (fault, route kind) actually applied
        self.replies: list[tuple[Request, Reply]] = []  # what was answered, for the spec tests
        self.spans: list[tuple[float, float]] = []  # (start, end) of every request, to measure overlap
        self.server: ThreadingHTTPServer | None = None
        self.ticks = 0
        self.echo = False
        self.retry_after: str | None = None
        """Sent as Retry-After with a 429 (seconds or an HTTP-date), as proxies and some APIs do."""
        self.reset_header = True
        """False: a 429 carries no reset header of the network's own (only Retry-After, if set)."""
        self.echoed: list[str] = []  # every echo sent, for assertions

    # Life -----------------------------------------------------------------------------------------

    def start(self) -> Double:
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed ACK

            def do_GET(self) -> None:
                double._handle(self)

            do_POST = do_PUT = do_DELETE = do_GET

            def log_message(self, format: str, *args: Any) -> None:
                return None

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False
            open_requests: ClassVar[set[socket.socket]] = set()  # the class is made anew for each double

            def process_request_thread(self, request: Any, client_address: Any) -> None:
                self.open_requests.add(request)
                try:
                    super().process_request_thread(request, client_address)
                finally:
                    self.open_requests.discard(request)

            def handle_error(self, request: Any, client_address: Any) -> None:
                return None  # a client that timed out and left is part of the game

        self.server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"{self.name}-double",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            # A client library keeps its connection alive, and the thread serving it would wait on it for
            # the rest of the run: one more thread in the process (a fork is then refused: can_fork).
            for request in list(getattr(self.server, "open_requests", ())):
                with contextlib.suppress(OSError):
                    request.shutdown(socket.SHUT_RDWR)
            self.server = None

    def __enter__(self) -> Double:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self.server, "start() the double first"
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    # Faults ---------------------------------------------------------------------------------------

    def fail(self, fault: str, on: str = "create", times: int = 1) -> None:
        """Arm ``fault`` for the next ``times`` requests of route kind ``on``."""
        assert fault in FAULTS, fault
        with self.lock:
            self.faults.extend([(fault, on)] * times)

    def _take_fault(self, kind: str) -> str | None:
        with self.lock:
            for i, (fault, on) in enumerate(self.faults):
                if on in (kind, "any"):
                    del self.faults[i]
                    self.served.append((fault, kind))
                    return fault
        return None

    # What each network says (overridden) ------------------------------------------------------------

    def routes(self) -> list[Route]:
        raise NotImplementedError

    def rate_limited(self, reset: int) -> Reply:
        raise NotImplementedError

    def expired(self, request: Request) -> Reply:
        raise NotImplementedError

    def server_error(self) -> Reply:
        return Reply(500, {"error": "Internal Server Error"})

    def duplicate(self, request: Request) -> Reply | None:
        return None  # most networks have no duplicate refusal

    def authorized(self, request: Request) -> bool:
        return True

    def environment(self) -> dict[str, str]:
        """The credential variables that point a channel of this network at this double."""
        raise NotImplementedError

    def tick(self, steps: int = 1) -> None:
        """Time passes: engagement grows on every post."""
        with self.lock:
            self.ticks += steps

    # Dispatch -------------------------------------------------------------------------------------

    def _route(self, method: str, path: str) -> tuple[str, Callable[[Request, list[str]], Reply], list[str]] | None:
        for m, pattern, kind, handler in self.routes():
            if m != method:
                continue
            parts, wanted = path.strip("/").split("/"), pattern.strip("/").split("/")
            if len(parts) != len(wanted):
                continue
            args = [p for p, w in zip(parts, wanted, strict=True) if w == "{}"]
            if all(w in ("{}", p) for p, w in zip(parts, wanted, strict=True)):
                return kind, handler, args
        return None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        started = time.perf_counter()
        try:
            self._answer(h)
        finally:
            with self.lock:
                self.spans.append((started, time.perf_counter()))

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        split = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        request = Request(h.command, split.path, parse_qs(split.query, keep_blank_values=True),
                          {k.lower(): v for k, v in h.headers.items()}, body)
        if self.latency:
            time.sleep(self.latency)
        found = self._route(h.command, split.path)
        if not found:
            self._write(h, self._echoed(request, h.path, Reply(404, {"error": f"no route {h.command} {split.path}"})))
            return
        kind, handler, args = found
        request.kind = kind
        with self.lock:
            self.requests.append(request)
        fault = self._take_fault(kind)
        reply: Reply | None = None
        if fault == "rate_limit":
            reply = self.rate_limited(int(time.time()) + 900)
            if self.retry_after is not None:  # a 429 that says Retry-After instead of (or beside) the reset
                kept = {k: v for k, v in reply.headers.items() if k.lower() == "content-type" or self.reset_header}
                reply = Reply(reply.status, reply.body, {**kept, "Retry-After": self.retry_after})
            elif not self.reset_header:
                reply = Reply(reply.status, reply.body,
                              {k: v for k, v in reply.headers.items() if k.lower() == "content-type"})
        elif fault == "expired_token" or (kind != "public" and not self.authorized(request)):
            reply = self.expired(request)
        elif fault == "server_error":
            reply = self.server_error()
        elif fault == "duplicate":
            reply = self.duplicate(request)
        if reply is None:
            reply = handler(request, args)
        if fault == "gateway_timeout":
            reply = Reply(504, "<html><body>504 Gateway Time-out</body></html>", {"Content-Type": "text/html"})
        elif fault == "timeout":
            time.sleep(self.stall)
        elif fault == "slow":
            time.sleep(self.slow)
        elif fault == "drop":
            h.close_connection = True
            with contextlib.suppress(OSError):
                h.connection.shutdown(socket.SHUT_RDWR)
            return
        reply = self._echoed(request, h.path, reply)
        with self.lock:
            self.replies.append((request, reply))
        self._write(h, reply, truncate=fault == "truncated")

    def _echoed(self, request: Request, target: str, reply: Reply) -> Reply:
        """In echo mode, an error answer that repeats the whole request in every message it carries."""
        if not self.echo or reply.status < 400:
            return reply
        headers = "; ".join(f"{k}: {v}" for k, v in request.headers.items())
        said = (f"echo: {request.method} {target} (path {request.path}, query {request.query}) "
                f"headers {headers} body {request.body.decode('utf-8', 'replace')}")
        with self.lock:
            self.echoed.append(said)
        body = reply.body
        if isinstance(body, dict):
            body = dict(body)
            for key in ("error", "message", "detail", "title", "error_description"):
                if isinstance(body.get(key), str):
                    body[key] = f"{body[key]} {said}"
            if isinstance(body.get("errors"), list):
                body["errors"] = [{**e, "message": f"{e.get('message', '')} {said}"} if isinstance(e, dict) else e
                                  for e in body["errors"]]
            body.setdefault("message", said)
        elif isinstance(body, str | bytes):
            body = f"{body.decode() if isinstance(body, bytes) else body} {said}"
        else:
            body = said
        return Reply(reply.status, body, reply.headers)

    def _write(self, h: BaseHTTPRequestHandler, reply: Reply, truncate: bool = False) -> None:
        payload = reply.payload()
        if truncate:
            payload = payload[: max(1, len(payload) // 2)]
        try:
            h.send_response(reply.status)
            headers = {"Content-Type": "application/json; charset=utf-8", **reply.headers}
            for name, value in headers.items():
                h.send_header(name, value)
            h.send_header("Content-Length", str(len(payload)))
            h.end_headers()
            h.wfile.write(payload)
        except OSError:
            pass  # the client gave up (timeout): nothing to answer to

    # Queries for tests ------------------------------------------------------------------------------

    def received(self, kind: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.kind == kind]
