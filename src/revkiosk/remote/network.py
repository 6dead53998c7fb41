"""The service's own thread: the gate, QHttpServer and the event socket live and die here.

Parsing requests, TLS handshakes, JSON and PNG encoding never run on the show's thread, so a
flood of requests costs the show a little CPU and nothing else. Everything Qt in this module is
created inside `run()` (so it belongs to this thread) and deleted there when the loop ends.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread
from PySide6.QtHttpServer import QHttpServer, QHttpServerConfiguration
from PySide6.QtNetwork import QHostAddress, QSslConfiguration

from revkiosk.remote.bridge import Bridge
from revkiosk.remote.documents import Snapshot
from revkiosk.remote.events import EventHub
from revkiosk.remote.gate import Gate
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


class _Relay(QObject):
    """On the network thread: turns each published snapshot into the phone's message."""

    def __init__(self, hub: EventHub, document: Callable[[Snapshot], dict[str, object]]) -> None:
        super().__init__(hub)
        self.hub, self.document = hub, document

    def on_published(self, snapshot: Snapshot) -> None:
        try:
            self.hub.broadcast(json.dumps(self.document(snapshot), ensure_ascii=False))
        except Exception:
            log.exception("remote: could not send an event")


class NetworkThread(QThread):
    """Start with `start()` then `wait_ready()`; stop with `quit()` and `wait()`."""

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
        super().__init__()
        self.setObjectName("revkiosk-remote")
        self.host, self.port, self.ssl = host, port, ssl
        self.router, self.bridge, self.metrics = router, bridge, metrics
        self.event_document, self.limits = event_document, limits
        self.error: str | None = None
        self._ready = threading.Event()

    def wait_ready(self, timeout: float = 10.0) -> int:
        """The port listened on; raises OSError with the reason if it could not listen."""
        if not self._ready.wait(timeout):
            raise OSError("the remote service did not start in time")
        if self.error is not None:
            raise OSError(self.error)
        return self.port

    def run(self) -> None:
        home = QObject()
        try:
            self._build(home)
        except Exception as error:  # noqa: BLE001 - reported to the starter
            self.error = str(error)
            shiboken6.delete(home)
            self._ready.set()
            return
        self._ready.set()
        self.exec()
        gate, hub = home.findChild(Gate), home.findChild(EventHub)
        if hub is not None:
            hub.close_all()
        if gate is not None:
            gate.close_all()
        shiboken6.delete(home)  # here, on this thread, with everything built on it

    def _build(self, home: QObject) -> None:
        limits = self.limits
        hub = EventHub(limits.event_clients, home)
        gate = Gate(
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
        http = QHttpServer(home)
        config = QHttpServerConfiguration()
        config.setRateLimitPerSecond(limits.requests_per_second)
        config.setKeepAliveTimeout(int(limits.idle_seconds))
        config.setMaximumBodySize(limits.max_body)
        config.setMaximumTotalHeaderSize(limits.max_header_bytes)
        config.setMaximumHeaderFieldSize(limits.max_header_bytes)
        config.setMaximumHeaderFieldCount(64)
        config.setMaximumUrlSize(limits.max_url)
        http.setConfiguration(config)
        self._hook = RouterHook(self.router.handle)  # PySide does not keep it alive
        http.addAfterRequestHandler(http, self._hook)
        if not http.bind(gate):
            raise OSError("QHttpServer refused the listening socket")
        relay = _Relay(hub, self.event_document)
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
        self.port = gate.serverPort()
