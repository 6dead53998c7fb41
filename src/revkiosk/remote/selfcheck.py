"""`revkiosk --self-test`'s check of the remote service: start it on a free loopback port with a
stand-in player and fetch /status, the page and /metrics over real HTTP.

In the standalone build this proves that QtHttpServer, QtWebSockets, QtNetwork and the page's
files (package data) made it in. Everything it fetches is answered on the service's own thread
from the published state, so the calls below may block this (the GUI) thread.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable

from PySide6.QtGui import QImage

from revkiosk.remote.config import RemoteConfig
from revkiosk.remote.state import PlayerState, TimerState


class _StandIn:
    """A one-slide player: enough for the service to publish a state."""

    def state(self) -> PlayerState:
        return PlayerState(deck_title="self-test", index=0, count=1, slide_id="self-test")

    def timer(self) -> TimerState:
        return TimerState()

    def perform(self, action: str) -> bool:
        return False

    def go_to(self, index: int) -> bool:
        return False

    def busy(self) -> bool:
        return False

    def frame(self) -> QImage:
        return QImage()

    def slide_image(self, index: int, width: int) -> QImage | None:
        return None

    def watch(self, changed: Callable[[], None], slide_changed: Callable[[], None],
              frame_time: Callable[[float], None]) -> None:  # fmt: skip
        return None


def check_remote() -> str:
    """Start, fetch, stop; the detail line for the report. Raises AssertionError on failure."""
    import secrets

    from PySide6.QtNetwork import QSslSocket

    from revkiosk.remote.service import RemoteService

    token = secrets.token_urlsafe(24)
    service = RemoteService(_StandIn(), RemoteConfig(port=0, token=token))
    service.start()
    try:
        status, body = _get(service.port, "/status", token)
        assert status == 200, f"/status answered {status}"
        assert json.loads(body)["slide_id"] == "self-test", "/status has no slide"
        assert _get(service.port, "/status", None)[0] == 401, "/status without token was served"
        status, page = _get(service.port, "/", token)
        assert status == 200 and b'id="go-next"' in page, "the phone page is missing"
        status, metrics = _get(service.port, "/metrics", token)
        assert status == 200 and b"revkiosk_slide_changes_total 0" in metrics, "no /metrics"
    finally:
        service.stop()
    tls = "TLS available" if QSslSocket.supportsSsl() else "no TLS (OpenSSL not found)"
    return f"served /status, / and /metrics on 127.0.0.1:{service.port}; {tls}"


def _get(port: int, path: str, token: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        connection.request("GET", path, headers=headers)
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()
