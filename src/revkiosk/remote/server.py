"""Glue between QHttpServer and `routes` on the network thread: requests and responses
converted both ways, and the `Backend` the router uses (snapshots, commands, PNG pictures).

PNG encoding happens here, on the network thread; it releases the GIL (measured: the GUI
thread keeps running while a frame is encoded), so the show does not wait for it.

Why the after-request hook: PySide6 6.11's `QHttpServer.route()` can only answer 200 with text
(it converts the callback's result to a QString; `QHttpServerResponse` is move-only and
cannot be returned from Python), and QHttpServer cannot be subclassed from Python. So no route
is registered: every request reaches Qt's "missing" handler (404), and the after-request
handler, which receives that response, swaps in the router's real one. Qt's own early answers
(413, 414, 431, 429) are left alone: only a 404 from the missing handler is replaced.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtGui import QImage
from PySide6.QtHttpServer import QHttpServerRequest, QHttpServerResponder, QHttpServerResponse

from revkiosk.remote.bridge import Bridge, PlayerBusy
from revkiosk.remote.documents import Snapshot
from revkiosk.remote.routes import Request, Response, error
from revkiosk.ui.qt_bytes import encoded

log = logging.getLogger(__name__)

_METHODS = {
    QHttpServerRequest.Method.Get: "GET",
    QHttpServerRequest.Method.Head: "HEAD",
    QHttpServerRequest.Method.Post: "POST",
    QHttpServerRequest.Method.Put: "PUT",
    QHttpServerRequest.Method.Delete: "DELETE",
    QHttpServerRequest.Method.Patch: "PATCH",
    QHttpServerRequest.Method.Options: "OPTIONS",
    QHttpServerRequest.Method.Connect: "CONNECT",
    QHttpServerRequest.Method.Trace: "TRACE",
}
_NOT_FOUND = QHttpServerResponder.StatusCode.NotFound
SCREENSHOT_MAX_AGE = 1.0  # seconds a frame may be reused for the same slide
FRAME_TIMEOUT = 2.0
COMMAND_TIMEOUT = 2.0
SLIDE_WIDTH = 640  # pictures of slides for the phone
PNG_QUALITY = 80  # Qt maps this to a fast zlib level: 1080p in ~50 ms, ~1 MB


def png_bytes(image: QImage) -> bytes:
    return encoded(image, "PNG", PNG_QUALITY) or b""  # a buffer Qt made: `ui/qt_bytes.py`


class WorkerBackend:
    """`routes.Backend` on the network thread: reads snapshots, asks the bridge for the rest."""

    def __init__(self, bridge: Bridge) -> None:
        self.bridge = bridge
        self._shot: tuple[int, float, bytes] | None = None
        self._slides: OrderedDict[tuple[int, int], bytes] = OrderedDict()
        self._lock = threading.Lock()  # the two lanes may both ask for pictures

    def snapshot(self) -> Snapshot:
        return self.bridge.snapshot()

    def command(self, action: str, index: int | None = None) -> str:
        try:
            return str(
                self.bridge.call(
                    lambda: self.bridge.run_command(action, index), timeout=COMMAND_TIMEOUT
                )
            )
        except PlayerBusy:
            return "busy"

    def screenshot(self) -> bytes | None:
        """The frame on screen, reused for up to a second while nothing shown changes (the
        bridge counts changes on the GUI thread as they happen, before any publishing)."""
        key = self.bridge.changes
        with self._lock:
            shot = self._shot
            if shot and shot[0] == key and time.monotonic() - shot[1] < SCREENSHOT_MAX_AGE:
                return shot[2]
        try:
            image = self.bridge.call(self.bridge.player.frame, timeout=FRAME_TIMEOUT, idle=True)
        except PlayerBusy:
            return None
        png = png_bytes(image)
        with self._lock:
            self._shot = (key, time.monotonic(), png)
        return png

    def slide_png(self, offset: int) -> bytes | None:
        """The slide `offset` after the one shown (0: that one), drawn for the phone; cached
        per deck load. LookupError when there is no such slide."""
        player = self.bridge.player

        def where() -> tuple[int, int, int]:
            state = player.state()
            return state.deck_generation, state.index + offset, state.count

        try:
            generation, index, count = self.bridge.call(where, timeout=FRAME_TIMEOUT)
            if not 0 <= index < count:
                raise LookupError(index)
            key = (generation, index)
            with self._lock:
                if key in self._slides:
                    self._slides.move_to_end(key)
                    return self._slides[key]
            image = self.bridge.call(
                lambda: player.slide_image(index, SLIDE_WIDTH), timeout=3.0, idle=True
            )
        except PlayerBusy:
            return None
        if image is None or image.isNull():
            raise LookupError(index)
        png = png_bytes(image)
        with self._lock:
            self._slides[key] = png
            while len(self._slides) > 8:
                self._slides.popitem(last=False)
        return png


def to_request(request: QHttpServerRequest) -> Request:
    url = request.url()
    query: dict[str, str] = {}
    for name, value in QUrlQuery(url).queryItems(QUrl.ComponentFormattingOption.FullyDecoded):
        query.setdefault(name, value)
    headers: dict[str, str] = {}
    for name, value in request.headers().toListOfPairs():
        key = bytes(name.data()).decode("latin-1").lower()
        text = bytes(value.data()).decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    method = _METHODS.get(request.method(), "")
    return Request(method, url.path(), query, headers, request.remoteAddress().toString())


def to_qt(response: Response) -> QHttpServerResponse:
    status = QHttpServerResponder.StatusCode(response.status)
    qt_response = QHttpServerResponse(response.content_type.encode(), response.body, status)
    headers = qt_response.headers()
    for name, value in response.headers.items():
        headers.append(name, value)
    qt_response.setHeaders(headers)
    return qt_response


class RouterHook:
    """QHttpServer's after-request handler: swaps Qt's 404 for the router's answer.

    Held by the network thread for as long as the server lives (PySide keeps no reference to
    the callable it is given).
    """

    def __init__(self, handle: Callable[[Request], Response]) -> None:
        self.handle = handle

    def __call__(self, request: QHttpServerRequest, response: QHttpServerResponse) -> None:
        if response.statusCode() != _NOT_FOUND:
            return  # Qt answered by itself (413, 414, 431, 429…)
        try:
            answer = self.handle(to_request(request))
        except Exception:
            log.exception("remote: request failed")
            answer = error(500, "internal error")
        response.swap(to_qt(answer))
