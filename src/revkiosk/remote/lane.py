"""Where the gate hands HTTP connections to one QHttpServer, on that server's thread.

There are two lanes, each a QHttpServer on a thread of its own: one for everything quick
(status, metrics, the page, commands) and one for pictures (the screenshot and the slides for
the phone), which wait for the player's thread and take tens of milliseconds to encode. A
request on one lane never queues behind the other's.

QHttpServer only binds to a listening server, so a lane listens on a loopback port — and
refuses whatever connects there directly: connections come from the gate only. Each connection
is cut off `idle` seconds after its last answer (or after the hand-over): a client dripping a
header byte every few seconds, or keeping a connection open doing nothing, is let go.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtNetwork import QHostAddress, QTcpServer, QTcpSocket


class _Kept(QObject):
    """One connection's deadline (methods, not lambdas: see gate._Connection)."""

    def __init__(self, lane: Lane, socket: QTcpSocket) -> None:
        super().__init__(lane)
        self.lane, self.socket = lane, socket
        self.deadline = time.monotonic() + lane.idle
        socket.bytesWritten.connect(self.on_socket_bytes_written)
        socket.destroyed.connect(self.on_socket_destroyed)

    def on_socket_bytes_written(self) -> None:
        self.deadline = time.monotonic() + self.lane.idle  # an answer went out: not idle

    def on_socket_destroyed(self) -> None:
        self.lane.kept.discard(self)
        self.deleteLater()


class Lane(QTcpServer):
    """Bind a QHttpServer to it; call `take(socket)` on the lane's thread."""

    def __init__(self, idle: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle = idle
        self.kept: set[_Kept] = set()
        self.timed_out = 0
        if not self.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost), 0):
            raise OSError(f"cannot open an internal lane: {self.errorString()}")
        self._sweep = QTimer(self, interval=500)
        self._sweep.timeout.connect(self._on_sweep_timeout)
        self._sweep.start()

    def incomingConnection(self, descriptor: int) -> None:  # noqa: N802 (Qt override)
        stray = QTcpSocket(self)  # only the gate hands connections in
        stray.setSocketDescriptor(descriptor)
        stray.abort()
        stray.deleteLater()

    @Slot(QObject)
    def take(self, socket: QTcpSocket) -> None:
        """A connection whose first request is buffered, unread, in `socket`."""
        socket.setParent(self)
        self.kept.add(_Kept(self, socket))
        self.addPendingConnection(socket)  # QHttpServer takes it now (same thread, direct)
        socket.readyRead.emit()  # what the gate peeked at is still buffered: have it read

    def _on_sweep_timeout(self) -> None:
        now = time.monotonic()
        for kept in list(self.kept):
            if now > kept.deadline:
                self.timed_out += 1
                kept.deadline = now + self.idle  # once; Qt deletes it after the abort
                try:
                    kept.socket.abort()
                except RuntimeError:  # deleted by QHttpServer meanwhile
                    self.kept.discard(kept)

    def close_all(self) -> None:
        self._sweep.stop()
        for kept in list(self.kept):
            try:
                kept.socket.abort()
            except RuntimeError:
                continue
        self.close()
