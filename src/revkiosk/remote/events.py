"""GET /events: a WebSocket (QtWebSockets) that tells every phone page what the player shows.

The gate hands over sockets it has already authorised; Qt does the WebSocket handshake. Each
client gets the current state at once and a message on every change. Clients are few (at most
`limit`), may send nothing of size, are pinged to find dead ones, and one that stops reading is
dropped before its backlog grows — a slow phone cannot make the kiosk hoard memory.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QTcpSocket
from PySide6.QtWebSockets import QWebSocket, QWebSocketProtocol, QWebSocketServer

log = logging.getLogger(__name__)

MAX_BACKLOG = 1 << 20  # bytes queued for one client before it counts as gone
PING_MS = 15_000
DEAD_AFTER = 45.0


class EventHub(QObject):
    """Owns the WebSocket server (not listening: the gate feeds it) and its clients."""

    def __init__(self, limit: int = 16, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.server = QWebSocketServer("revkiosk", QWebSocketServer.SslMode.NonSecureMode, self)
        self.server.setHandshakeTimeout(5000)
        self.server.newConnection.connect(self._on_server_new_connection)
        self.clients: dict[QWebSocket, float] = {}  # client → when it last answered
        self._latest = ""
        self._ping = QTimer(self, interval=PING_MS)
        self._ping.timeout.connect(self._on_ping_timeout)
        self._ping.start()

    def accept(self, socket: QTcpSocket) -> None:
        """Take over an authorised connection whose handshake is buffered in `socket`."""
        self.server.handleConnection(socket)

    def _on_server_new_connection(self) -> None:
        while self.server.hasPendingConnections():
            client = self.server.nextPendingConnection()
            if len(self.clients) >= self.limit:
                client.close(
                    QWebSocketProtocol.CloseCode.CloseCodePolicyViolated, "too many remotes"
                )
                client.disconnected.connect(client.deleteLater)
                continue
            client.setMaxAllowedIncomingMessageSize(1024)
            client.setMaxAllowedIncomingFrameSize(1024)
            client.setParent(self)
            self.clients[client] = time.monotonic()
            client.pong.connect(lambda *_, c=client: self._on_client_pong(c))
            client.disconnected.connect(lambda c=client: self._on_client_disconnected(c))
            if self._latest:
                client.sendTextMessage(self._latest)

    def broadcast(self, text: str) -> None:
        """Send `text` to every client (and to each new one, until the next broadcast)."""
        self._latest = text
        for client in list(self.clients):
            if client.bytesToWrite() > MAX_BACKLOG:
                log.info("remote: dropping an event client that stopped reading")
                client.abort()
                continue
            client.sendTextMessage(text)

    def _on_client_pong(self, client: QWebSocket) -> None:
        if client in self.clients:
            self.clients[client] = time.monotonic()

    def _on_client_disconnected(self, client: QWebSocket) -> None:
        if self.clients.pop(client, None) is not None:
            client.deleteLater()

    def _on_ping_timeout(self) -> None:
        now = time.monotonic()
        for client, answered in list(self.clients.items()):
            if now - answered > DEAD_AFTER:
                client.abort()
            else:
                client.ping()

    def close_all(self) -> None:
        self._ping.stop()
        for client in list(self.clients):
            client.abort()
        self.server.close()
