"""The service's own threads: the gate, the quick lane and the event socket on one, the picture
lane on another. Everything Qt is created inside `run()` (so it belongs to that thread) and
deleted there when the loop ends.

Parsing requests, TLS handshakes, JSON and PNG encoding never run on the show's thread, so a
flood of requests costs the show a little CPU and nothing else; and a status request never
waits behind a screenshot that waits for the show's thread.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtHttpServer import QHttpServer, QHttpServerConfiguration
from PySide6.QtNetwork import QHostAddress, QSslConfiguration, QTcpSocket

from revkiosk.remote.bridge import Bridge
from revkiosk.remote.documents import Snapshot
from revkiosk.remote.events import EventHub
from revkiosk.remote.gate import Gate
from revkiosk.remote.lane import Lane
from revkiosk.remote.metrics import Metrics, counter, gauge
from revkiosk.remote.routes import Router
from revkiosk.remote.server import RouterHook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """How much the service accepts. The defaults suit a lecturer's phone plus a museum's
    monitoring; the benchmark raises `requests_per_second` to measure a real flood."""

    requests_per_second: int = 50  # per client address, answered by Qt itself with 429
    max_connections: int = 64
    per_address: int = 16
    idle_seconds: float = 10.0
    max_body: int = 4096  # commands carry no body
    max_header_bytes: int = 16 * 1024
    max_url: int = 4096
    event_clients: int = 16


class _LaneThread(QThread):
    """A thread running one lane and its QHttpServer; `start()`, then `wait_ready()`."""

    def __init__(self, name: str, router: Router, limits: Limits) -> None:
        super().__init__()
        self.setObjectName(name)
        self.router, self.limits = router, limits
        self.lane: Lane | None = None
        self.error: str | None = None
        self._ready = threading.Event()
        self._home: QObject | None = None

    def wait_ready(self, timeout: float = 10.0) -> None:
        if not self._ready.wait(timeout):
            raise OSError(f"the remote service's {self.objectName()} did not start in time")
        if self.error is not None:
            raise OSError(self.error)

    def run(self) -> None:
        self._home = home = QObject()
        try:
            self.build(home)
        except Exception as error:  # noqa: BLE001 - reported to the starter
            self.error = str(error)
            shiboken6.delete(home)
            self._ready.set()
            return
        self._ready.set()
        self.exec()
        self.tear_down(home)
        shiboken6.delete(home)  # here, on this thread, with everything built on it

    def build(self, home: QObject) -> None:
        self.lane = Lane(self.limits.idle_seconds, home)
        self._hook = serve(self.lane, self.router, self.limits, home)

    def tear_down(self, home: QObject) -> None:
        if self.lane is not None:
            self.lane.close_all()


class _Relay(QObject):
    """On the network thread: turns each published snapshot into the phone's message, and
    moves picture requests over to the picture lane's thread."""

    to_pictures = Signal(QObject)

    def __init__(
        self, hub: EventHub, document: Callable[[Snapshot], dict[str, object]], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.hub, self.document = hub, document

    def on_published(self, snapshot: Snapshot) -> None:
        try:
            self.hub.broadcast(json.dumps(self.document(snapshot), ensure_ascii=False))
        except Exception:
            log.exception("remote: could not send an event")


class NetworkThread(_LaneThread):
    """The gate's thread (with the quick lane and the events). Start with `start()` then
    `wait_ready()`; stop with `quit()` and `wait()` (the picture thread stops with it)."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        ssl: QSslConfiguration | None,
        router: Router,
        bridge: Bridge,
        metrics: Metrics,
        event_document: Callable[[Snapshot], dict[str, object]],
        limits: Limits,
    ) -> None:
        super().__init__("revkiosk-remote", router, limits)
        self.host, self.port, self.ssl = host, port, ssl
        self.bridge, self.metrics, self.event_document = bridge, metrics, event_document
        self.pictures = _LaneThread("revkiosk-remote-pictures", router, limits)

    def wait_ready(self, timeout: float = 10.0) -> int:  # type: ignore[override]
        """The port listened on; raises OSError with the reason if it could not listen."""
        super().wait_ready(timeout)
        return self.port

    def run(self) -> None:
        self.pictures.start()
        try:
            self.pictures.wait_ready()
        except OSError as error:
            self.error = str(error)
            self._ready.set()
            return
        super().run()
        self.pictures.quit()
        self.pictures.wait(5000)

    def build(self, home: QObject) -> None:
        super().build(home)
        limits, quick, pictures = self.limits, self.lane, self.pictures
        assert quick is not None and pictures.lane is not None
        hub = EventHub(limits.event_clients, home)
        relay = _Relay(hub, self.event_document, home)
        relay.to_pictures.connect(pictures.lane.take, Qt.ConnectionType.QueuedConnection)

        def to_pictures(socket: QTcpSocket) -> None:
            socket.moveToThread(pictures)
            relay.to_pictures.emit(socket)

        gate = Gate(
            to_http=quick.take,
            to_pictures=to_pictures,
            to_events=hub.accept,
            authorise_events=self.router.authorise_events,
            ssl=self.ssl,
            max_connections=limits.max_connections,
            per_address=limits.per_address,
            idle=limits.idle_seconds,
            parent=home,
        )
        if not gate.listen(QHostAddress(self.host), self.port):
            raise OSError(f"cannot listen on {self.host}:{self.port}: {gate.errorString()}")
        self.bridge.published.connect(relay.on_published, Qt.ConnectionType.QueuedConnection)
        relay.on_published(self.bridge.snapshot())
        self.metrics.add_collector(
            lambda: [
                gauge("revkiosk_remote_connections", "Open connections to the remote service.",
                      gate.open_connections),
                counter("revkiosk_remote_refused_connections_total",
                        "Connections refused at the remote service's cap.", gate.refused),
                gauge("revkiosk_remote_event_clients", "Phone pages following the show.",
                      len(hub.clients)),
            ]
        )  # fmt: skip
        self.gate, self.hub = gate, hub
        self.port = gate.serverPort()

    def tear_down(self, home: QObject) -> None:
        self.hub.close_all()
        self.gate.close_all()
        super().tear_down(home)


def serve(lane: Lane, router: Router, limits: Limits, parent: QObject) -> RouterHook:
    """A QHttpServer on `lane`, answering through `router`; keep the returned hook alive
    (PySide keeps no reference to the callable it is given)."""
    http = QHttpServer(parent)
    config = QHttpServerConfiguration()
    config.setRateLimitPerSecond(limits.requests_per_second)
    config.setKeepAliveTimeout(int(limits.idle_seconds))
    config.setMaximumBodySize(limits.max_body)
    config.setMaximumTotalHeaderSize(limits.max_header_bytes)
    config.setMaximumHeaderFieldSize(limits.max_header_bytes)
    config.setMaximumHeaderFieldCount(64)
    config.setMaximumUrlSize(limits.max_url)
    http.setConfiguration(config)
    hook = RouterHook(router.handle)
    http.addAfterRequestHandler(http, hook)
    if not http.bind(lane):
        raise OSError("QHttpServer refused its lane")
    return hook
