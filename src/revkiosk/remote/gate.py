"""The listening socket: accepts connections, caps them, times out the slow, and hands each one
over by its first request line: `GET /events` to the event socket, pictures to the picture
lane, the rest to the quick lane (see lane.py; each lane is a QHttpServer on its own thread).

What QHttpServer (Qt 6.11) does on its own: 431/414/413 for huge headers, URLs and bodies,
429 beyond its per-address rate limit, closing malformed requests, and a keep-alive timeout.
What it lacks and this adds: a cap on open connections (in all and per address — otherwise a
client opening thousands of sockets would exhaust the player's file descriptors, and the show
needs them for its media), a deadline for every connection (one that says nothing, or drips a
header byte every few seconds, is cut off `idle` seconds after it opened or was last answered;
the lanes keep the deadline after the hand-over), a bounded read buffer, and the WebSocket
hand-over that QHttpServer's Python binding does not expose.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QMetaObject, QObject, QTimer
from PySide6.QtNetwork import QSslConfiguration, QSslSocket, QTcpServer, QTcpSocket

log = logging.getLogger(__name__)

EVENTS_PREFIX = b"GET /events"
PICTURES = ("/screenshot.png", "/slide/current.png", "/slide/next.png")
_METHOD = re.compile(rb"[A-Z]{1,12}( |\Z)")  # what a request line may start with
MAX_REQUEST_HEAD = 8192
_UPGRADE = re.compile(r"^upgrade:\s*websocket\s*$", re.IGNORECASE | re.MULTILINE)
READ_BUFFER = 64 * 1024
_REFUSED = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\n"
    b"Connection: close\r\n\r\n"
)


def _status_line(code: int) -> bytes:
    reason = {
        401: "Unauthorized",
        426: "Upgrade Required\r\nUpgrade: websocket",
        429: "Too Many Requests\r\nRetry-After: 60",
        431: "Request Header Fields Too Large",
    }
    return (
        f"HTTP/1.1 {code} {reason.get(code, 'Bad Request')}\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


class _Connection(QObject):
    """One accepted socket while the gate is responsible for it. Its slots are methods of a
    QObject, not lambdas: PySide ties a lambda to the socket with a hidden `destroyed`
    connection that cannot be removed, and QtWebSockets' hand-over then warns about it."""

    def __init__(self, gate: Gate, key: int, socket: QTcpSocket, address: str) -> None:
        super().__init__(gate)
        self.gate, self.key, self.socket, self.address = gate, key, socket, address
        self.deadline = time.monotonic() + gate.idle
        self.phase = "new"  # new → http | events | closing
        self._links = [
            socket.destroyed.connect(self.on_socket_destroyed),
            socket.disconnected.connect(self.on_socket_disconnected),
        ]
        self._reader: QMetaObject.Connection | None = socket.readyRead.connect(
            self.on_socket_ready_read
        )
        if isinstance(socket, QSslSocket):
            self._links.append(socket.sslErrors.connect(self.on_socket_ssl_errors))

    def on_socket_destroyed(self) -> None:
        self.gate.forget(self)

    def on_socket_disconnected(self) -> None:
        if self.phase in ("new", "closing"):
            self.socket.deleteLater()  # still ours: nobody else will delete it

    def on_socket_ssl_errors(self) -> None:
        self.socket.abort()

    def on_socket_ready_read(self) -> None:
        if self.phase == "new":
            self.gate.route(self)

    def stop_reading(self) -> None:
        """The gate reads no more from this socket: its phase (set first by the caller) makes
        `on_socket_ready_read` ignore it. Not a Qt disconnect: disconnecting here, on the network
        thread holding Python's lock, deadlocked with the GUI thread disconnecting something else
        (Qt's connection locks are a shared pool; PySide releases Python's lock on one path and
        not the other — traced with gdb in a test run that hung)."""
        self._reader = None

    def let_go(self) -> None:
        """Before QtWebSockets takes the socket over (it disconnects everything from it)."""
        self.stop_reading()
        for link in self._links:
            QObject.disconnect(link)
        self._links = []
        self.gate.forget(self)


class Gate(QTcpServer):
    """Hands connections to `to_http(socket)` or `to_pictures(socket)` (the socket has no
    parent then, so it may move to another thread), and WebSocket upgrades for /events to
    `to_events(socket)` once `authorise_events(address, target)` returns 0 (else the HTTP
    status to refuse with)."""

    def __init__(
        self,
        *,
        to_http: Callable[[QTcpSocket], None],
        to_pictures: Callable[[QTcpSocket], None],
        to_events: Callable[[QTcpSocket], None],
        authorise_events: Callable[[str, str], int],
        ssl: QSslConfiguration | None = None,
        max_connections: int = 64,
        per_address: int = 16,
        idle: float = 10.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.to_http, self.to_pictures = to_http, to_pictures
        self.to_events, self.authorise_events, self.ssl = to_events, authorise_events, ssl
        self.max_connections, self.per_address, self.idle = max_connections, per_address, idle
        self._open: dict[int, _Connection] = {}
        self._by_address: Counter[str] = Counter()
        self._next_key = 0
        self.refused = 0  # connections turned away at the cap (a metric and a test hook)
        self.timed_out = 0
        self._sweep = QTimer(self, interval=500)
        self._sweep.timeout.connect(self._on_sweep_timeout)
        self._sweep.start()

    @property
    def open_connections(self) -> int:
        return len(self._open)

    def incomingConnection(self, descriptor: int) -> None:  # noqa: N802 (Qt override)
        socket: QTcpSocket = QSslSocket(self) if self.ssl is not None else QTcpSocket(self)
        if not socket.setSocketDescriptor(descriptor):
            socket.deleteLater()
            return
        address = socket.peerAddress().toString()
        if len(self._open) >= self.max_connections or (
            self._by_address[address] >= self.per_address
        ):
            self._refuse(socket, address)
            return
        socket.setReadBufferSize(READ_BUFFER)
        self._next_key += 1
        connection = _Connection(self, self._next_key, socket, address)
        self._open[connection.key] = connection
        self._by_address[address] += 1
        if isinstance(socket, QSslSocket):
            socket.setSslConfiguration(self.ssl)
            socket.startServerEncryption()

    def _refuse(self, socket: QTcpSocket, address: str) -> None:
        self.refused += 1
        if self.refused in (1, 10, 100) or self.refused % 1000 == 0:
            log.warning("remote: connection cap reached; refused %d so far (last: %s)",
                        self.refused, address)  # fmt: skip
        if self.ssl is None:
            socket.write(_REFUSED)
            socket.disconnectFromHost()
        else:
            socket.abort()
        socket.disconnected.connect(socket.deleteLater)
        QTimer.singleShot(1000, socket, socket.abort)

    def forget(self, connection: _Connection) -> None:
        if self._open.pop(connection.key, None) is None:
            return
        self._by_address[connection.address] -= 1
        if self._by_address[connection.address] <= 0:
            del self._by_address[connection.address]
        connection.deleteLater()

    def route(self, connection: _Connection) -> None:
        """First bytes of a connection: which way it goes (waits for the request line)."""
        head = bytes(connection.socket.peek(MAX_REQUEST_HEAD).data())
        line_end = head.find(b"\r\n")
        if line_end < 0:
            if len(head) >= MAX_REQUEST_HEAD or not _METHOD.match(head):
                self._hand(connection, self.to_http)  # not HTTP, or too long: Qt says so
            return  # wait for the rest of the request line
        parts = head[:line_end].decode("latin-1").split()
        path = urlsplit(parts[1]).path if len(parts) == 3 else ""
        if parts and parts[0] == "GET" and path in PICTURES:
            self._hand(connection, self.to_pictures)
        elif head.startswith(EVENTS_PREFIX) and path == "/events":
            self._to_events(connection, head, parts[1])
        else:
            self._hand(connection, self.to_http)

    def _to_events(self, connection: _Connection, head: bytes, target: str) -> None:
        end = head.find(b"\r\n\r\n")
        if end < 0:
            if len(head) >= MAX_REQUEST_HEAD:
                self._close_with(connection, 431)
            return  # wait for the whole request head (the handshake is small)
        status = self.authorise_events(connection.address, target)
        if not status and not _UPGRADE.search(head[:end].decode("latin-1")):
            status = 426  # a plain GET: /events only speaks WebSocket
        if status:
            self._close_with(connection, status)
            return
        connection.phase = "events"
        socket = connection.socket
        connection.let_go()  # from now on the event hub counts it (it has its own limit)
        self.to_events(socket)

    def _hand(self, connection: _Connection, lane: Callable[[QTcpSocket], None]) -> None:
        connection.phase = "http"  # the lane keeps its deadline from now on
        connection.stop_reading()
        connection.socket.setParent(None)  # free to move to the lane's thread
        lane(connection.socket)

    def _close_with(self, connection: _Connection, status: int) -> None:
        connection.phase = "closing"
        connection.stop_reading()
        connection.socket.write(_status_line(status))
        connection.socket.disconnectFromHost()
        connection.deadline = time.monotonic() + 1.0

    def _on_sweep_timeout(self) -> None:
        now = time.monotonic()
        for connection in self._still_ours():
            if now > connection.deadline:
                self.timed_out += 1
                connection.socket.abort()

    def _still_ours(self) -> list[_Connection]:
        """Connections not handed over yet: a lane's sockets may live on another thread, where
        only that lane may touch them."""
        return [c for c in self._open.values() if c.phase in ("new", "closing")]

    def close_all(self) -> None:
        self._sweep.stop()
        self.close()
        for connection in self._still_ours():
            connection.socket.abort()
