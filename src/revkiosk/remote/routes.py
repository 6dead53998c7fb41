"""The HTTP API: one request in, one response out, with no sockets or Qt involved (Qt-free).

Order of checks: a blocked address gets 429; a missing or wrong token 401 (before anything
else, so paths are not revealed to strangers); an unknown path 404; a known path with the wrong
method 405 with `Allow`. Nothing here reads files: the page is held in memory, pictures come
from the player, so no path can reach the file system.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

from revkiosk.remote.auth import FailureLimiter, RateLimiter, presented_token, token_matches
from revkiosk.remote.documents import Snapshot, status_document
from revkiosk.remote.health import Health
from revkiosk.remote.metrics import CONTENT_TYPE as METRICS_TYPE
from revkiosk.remote.state import COMMANDS

_GOTO = re.compile(r"/goto/(\d{1,6})\Z")
_SECURITY = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass(frozen=True)
class Request:
    method: str  # upper case: GET, POST, … ("" for a method Qt does not know)
    path: str
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    address: str = ""


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


class Backend(Protocol):
    """The GUI side as the network thread reaches it (see `bridge.py`)."""

    def snapshot(self) -> Snapshot: ...

    def command(self, action: str, index: int | None = None) -> str:
        """Run a command on the GUI thread: "done", "refused", "failed: why" or "busy" (no
        answer in time)."""

    def screenshot(self) -> bytes | None:
        """The frame on screen as PNG (None: the player did not answer in time)."""

    def slide_png(self, offset: int) -> bytes | None:
        """The slide `offset` after the one shown, as PNG; LookupError if there is none."""


def json_response(status: int, document: object, **headers: str) -> Response:
    body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return Response(status, body, "application/json; charset=utf-8", dict(headers))


def error(status: int, message: str, **headers: str) -> Response:
    return json_response(status, {"error": message}, **headers)


class Router:
    """Answers requests for one service (one token, one player)."""

    def __init__(
        self,
        token: str,
        backend: Backend,
        health: Health,
        *,
        render_metrics: Callable[[], str],
        page: Callable[[str], tuple[bytes, str]],
        name: str | None = None,
        failures: FailureLimiter | None = None,
        commands: RateLimiter | None = None,
    ) -> None:
        self.token, self.backend, self.health, self.name = token, backend, health, name
        self.render_metrics, self.page = render_metrics, page
        self.failures = failures or FailureLimiter()
        self.commands = commands or RateLimiter(rate=10.0, burst=10.0)
        self._get: dict[str, Callable[[Request], Response]] = {
            "/": self._page,
            "/status": self._status,
            "/metrics": self._metrics,
            "/screenshot.png": self._screenshot,
            "/slide/current.png": lambda request: self._slide(0),
            "/slide/next.png": lambda request: self._slide(1),
        }

    def handle(self, request: Request) -> Response:
        response = self._answer(request)
        for name, value in _SECURITY.items():
            response.headers.setdefault(name, value)
        return response

    def _answer(self, request: Request) -> Response:
        wait = self.failures.retry_after(request.address)
        if wait:
            return error(429, "too many wrong tokens; try later", **{"Retry-After": _secs(wait)})
        given = presented_token(request.method, request.headers, request.query)
        if not token_matches(given, self.token):
            self.failures.failed(request.address, request.path)
            return self._unauthorised(request)
        path, method = request.path, request.method
        if path in self._get:
            if method != "GET":  # not even HEAD: QHttpServer would send the body with it
                return error(405, f"{path} answers GET", Allow="GET")
            return self._get[path](request)
        action = path[1:] if path[1:] in COMMANDS else None
        goto = _GOTO.match(path)
        if action is None and goto is None:
            return error(404, f"no such path: {path[:100]}")
        if method != "POST":
            return error(405, f"{path} answers POST", Allow="POST")
        if not self.commands.allow():
            return error(429, "too many commands; at most 10 a second", **{"Retry-After": "1"})
        if goto is not None:
            return self._goto(int(goto.group(1)))
        return self._command(action or "")

    def authorise_events(self, address: str, target: str) -> int:
        """For the event socket (the gate asks before the WebSocket handshake): 0 when the
        `?token=` in `target` is right, else the status to refuse with (401 or 429)."""
        if self.failures.retry_after(address):
            return 429
        if token_matches(query_token(target), self.token):
            return 0
        self.failures.failed(address, "/events")
        return 401

    def _unauthorised(self, request: Request) -> Response:
        if request.path == "/" and request.method == "GET":
            body = (
                "<!doctype html><meta charset=utf-8><title>revkiosk remote</title>"
                "<p>This remote needs its pairing link: scan the QR code in the presenter "
                "console, or add <code>?token=…</code> from the kiosk's "
                "<code>remote-token</code> file.</p>"
            ).encode()
            response = Response(401, body, "text/html; charset=utf-8")
        else:
            response = error(401, "missing or wrong token")
        response.headers["WWW-Authenticate"] = 'Bearer realm="revkiosk"'
        return response

    # --- GET ------------------------------------------------------------------------------

    def _page(self, request: Request) -> Response:
        nonce = secrets.token_urlsafe(16)
        body, content_type = self.page(nonce)
        policy = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src blob: data:; connect-src 'self' ws: wss:; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'"
        )
        return Response(
            200, body, content_type, {"Content-Security-Policy": policy, "X-Frame-Options": "DENY"}
        )

    def _status(self, request: Request) -> Response:
        return json_response(200, status_document(self.backend.snapshot(), self.health, self.name))

    def _metrics(self, request: Request) -> Response:
        return Response(200, self.render_metrics().encode("utf-8"), METRICS_TYPE)

    def _screenshot(self, request: Request) -> Response:
        png = self.backend.screenshot()
        if png is None:
            return error(503, "the player is busy; try again", **{"Retry-After": "1"})
        return Response(200, png, "image/png")

    def _slide(self, offset: int) -> Response:
        try:
            png = self.backend.slide_png(offset)
        except LookupError:
            return error(404, "no such slide")
        if png is None:
            return error(503, "the player is busy; try again", **{"Retry-After": "1"})
        return Response(200, png, "image/png")

    # --- POST -----------------------------------------------------------------------------

    def _goto(self, number: int) -> Response:
        count = self.backend.snapshot().state.count
        if not 1 <= number <= count:
            return error(400, f"slide {number} does not exist (1-{count})")
        return self._outcome(self.backend.command("goto", number - 1), "goto")

    def _command(self, action: str) -> Response:
        return self._outcome(self.backend.command(action), action)

    def _outcome(self, outcome: str, action: str) -> Response:
        if outcome.startswith("failed: "):
            return error(422, outcome.removeprefix("failed: "))
        if outcome == "refused":
            why = "kiosk mode" if self.backend.snapshot().state.kiosk else "the player"
            return error(403, f"{action!r} is refused by {why}")
        if outcome != "done":
            return error(503, "the player did not answer in time", **{"Retry-After": "1"})
        return json_response(200, status_document(self.backend.snapshot(), self.health, self.name))


def query_token(target: str) -> str | None:
    """The `token` of a request target like `/events?token=…` (the first one wins)."""
    for name, value in parse_qsl(urlsplit(target).query, keep_blank_values=True):
        if name == "token":
            return value
    return None


def _secs(seconds: float) -> str:
    return str(max(1, round(seconds + 0.5)))
