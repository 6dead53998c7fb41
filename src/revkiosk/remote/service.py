"""The remote service as the player starts it: `RemoteService(player, config).start()`.

Built on the GUI thread from a `RemotePlayer` (the adapter binds the real player, tests use a
fake): the bridge stays here, the network thread is started, and `url` / `pairing_url` say
where phones and monitors find it. A service that cannot start (port taken, bad certificate)
raises `RemoteStartError` with the reason; the show goes on without it.
"""

from __future__ import annotations

import ipaddress
import logging
from functools import partial
from urllib.parse import quote

import shiboken6
from PySide6.QtCore import QObject

from revkiosk.remote.bridge import Bridge
from revkiosk.remote.config import RemoteConfig, load_or_create_token
from revkiosk.remote.documents import event_document, player_families
from revkiosk.remote.health import Health
from revkiosk.remote.metrics import Histogram, Metrics
from revkiosk.remote.network import Limits, NetworkThread
from revkiosk.remote.page import render_page
from revkiosk.remote.player import RemotePlayer
from revkiosk.remote.routes import Router
from revkiosk.remote.server import WorkerBackend

log = logging.getLogger(__name__)


class RemoteStartError(RuntimeError):
    """The service could not start; the text says why (for the log and an on-screen notice)."""


class RemoteService(QObject):
    """One service for one player. `metrics.add_collector()` adds families to /metrics."""

    def __init__(
        self,
        player: RemotePlayer,
        config: RemoteConfig,
        *,
        limits: Limits | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player, self.config, self.limits = player, config, limits or Limits()
        self.health = Health()
        self.frames = Histogram()
        self.bridge: Bridge | None = None
        self.metrics: Metrics | None = None
        self.router: Router | None = None
        self.token = ""
        self.port = 0
        self._thread: NetworkThread | None = None

    def start(self) -> str:
        """Listen and serve; returns the base URL. Raises RemoteStartError."""
        from revkiosk.settings import config_dir

        config = self.config
        ssl = None
        if config.certificate is not None and config.key is not None:
            from revkiosk.remote.tls import TlsError, server_configuration

            try:
                ssl = server_configuration(config.certificate, config.key)
            except TlsError as error:
                raise RemoteStartError(str(error)) from None
        try:
            self.token = config.token or load_or_create_token(config_dir())
        except OSError as error:
            raise RemoteStartError(f"cannot keep the access token: {error}") from None
        self.health.attach()
        bridge = self.bridge = Bridge(self.player, self.frames, self)
        router = self.router = Router(
            self.token, WorkerBackend(bridge), self.health, render_metrics=self._render_metrics,
            page=render_page, name=config.name,
        )  # fmt: skip
        self.metrics = Metrics(
            lambda: player_families(
                bridge.snapshot(), self.health, self.frames, config.name, router.failures.total
            )
        )
        thread = NetworkThread(
            host=config.host, port=config.port, ssl=ssl, router=router, bridge=bridge,
            metrics=self.metrics, limits=self.limits,
            event_document=lambda snapshot: event_document(snapshot, self.health, config.name),
        )  # fmt: skip
        thread.start()
        try:
            self.port = thread.wait_ready()
        except OSError as error:
            thread.wait(2000)
            self._release()
            raise RemoteStartError(str(error)) from None
        self._thread = thread
        # Deleted with its parent (the window) without stop(): the thread must not outlive it.
        self._halt_link = self.destroyed.connect(partial(_halt, thread, bridge, self.health))
        log.info("remote: serving %s", self.url)
        return self.url

    def _render_metrics(self) -> str:
        return self.metrics.render() if self.metrics is not None else ""

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def url(self) -> str:
        """The base URL on the address it listens on (what a monitor on this machine uses)."""
        return _url(self.config.tls, self.config.host, self.port)

    def pairing_url(self, lan_address: str | None = None) -> str:
        """The phone page with its token: the link a QR code carries.

        Listening on every address (0.0.0.0 or ::), the link names `lan_address` (this
        machine's address on the network a phone joins) when one is given.
        """
        host = self.config.host
        if ipaddress.ip_address(host).is_unspecified and lan_address:
            host = lan_address
        return f"{_url(self.config.tls, host, self.port)}?token={quote(self.token, safe='')}"

    def stop(self) -> None:
        """Stop serving (safe to call twice, and after the window holding it is gone):
        waiting requests are released at once."""
        thread, self._thread = self._thread, None
        if thread is not None:
            QObject.disconnect(self._halt_link)
            _halt(thread, self.bridge, self.health)

    def _release(self) -> None:
        if self.bridge is not None:
            self.bridge.stop()
        self.health.detach()


def _halt(thread: NetworkThread, bridge: Bridge | None, health: Health, *_: object) -> None:
    """Stop the network thread (also when the service's QObject is being deleted)."""
    if shiboken6.isValid(thread) and thread.isRunning():
        try:
            if bridge is not None:
                bridge.stop()
        except RuntimeError:  # already deleted: its waiters time out by themselves
            pass
        thread.quit()
        if not thread.wait(5000):
            log.warning("remote: the network thread did not stop in time")
    health.detach()


def _url(tls: bool, host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}/"
