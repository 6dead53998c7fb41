"""Shared by the remote-service tests: a fake player, a served service, a real HTTP client.

The service answers from its own thread but runs commands and grabs frames on the GUI thread,
so a test never calls the network from the GUI thread: `off_thread()` runs the client in a
thread and keeps the Qt event loop turning until it is done.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QColor, QImage

from revkiosk.remote.config import RemoteConfig
from revkiosk.remote.network import Limits
from revkiosk.remote.service import RemoteService
from revkiosk.remote.state import PlayerState, TimerState

TOKEN = "test-token-0123456789abcdef"
COLOURS = ("#c62f35", "#2a9d8f", "#264653", "#e9c46a", "#8d5eb7")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class FakePlayer:
    """A five-slide player that paints each slide in its own colour (black when blanked)."""

    def __init__(self, count: int = 5, kiosk: bool = False) -> None:
        self.index, self.count, self.kiosk = 0, count, kiosk
        self.blank: str | None = None
        self.muted = False
        self.generation = 0
        self.performed: list[str] = []
        self.refuse = {"black", "reload", "goto"} if kiosk else set()
        self._changed: Callable[[], None] = lambda: None
        self._slide_changed: Callable[[], None] = lambda: None
        self.frame_time: Callable[[float], None] = lambda seconds: None

    def state(self) -> PlayerState:
        return PlayerState(
            deck_title="Fake deck",
            deck_path="/decks/fake.yaml",
            index=self.index,
            count=self.count,
            slide_id=f"slide-{self.index + 1}",
            slide_title=f"Slide {self.index + 1}",
            next_title=f"Slide {self.index + 2}",
            notes=f"Say something about slide {self.index + 1}.",
            language="en",
            blank=self.blank,
            kiosk=self.kiosk,
            muted=self.muted,
            deck_generation=self.generation,
        )

    def timer(self) -> TimerState:
        return TimerState(elapsed=75.0, running=True, planned=2700.0)

    def perform(self, action: str) -> bool:
        if action in self.refuse:
            return False
        self.performed.append(action)
        if action in ("next", "previous"):
            return self.go_to(self.index + (1 if action == "next" else -1), check=False)
        if action == "black":
            self.blank = None if self.blank else "black"
        elif action == "mute":
            self.muted = not self.muted
        elif action == "reload":
            self.generation += 1
        else:
            return False
        self._changed()
        return True

    def go_to(self, index: int, check: bool = True) -> bool:
        if check and "goto" in self.refuse:
            return False
        index = min(max(index, 0), self.count - 1)
        if index != self.index:
            self.index = index
            self.blank = None
            self._slide_changed()
            self._changed()
        return True

    def busy(self) -> bool:
        return False

    def colour(self, index: int) -> QColor:
        return QColor(COLOURS[index % len(COLOURS)])

    def frame(self) -> QImage:
        image = QImage(480, 270, QImage.Format.Format_RGB32)
        image.fill(QColor("black") if self.blank else self.colour(self.index))
        return image

    def slide_image(self, index: int, width: int) -> QImage | None:
        image = QImage(width, width * 9 // 16, QImage.Format.Format_RGB32)
        image.fill(self.colour(index))
        return image

    def watch(
        self,
        changed: Callable[[], None],
        slide_changed: Callable[[], None],
        frame_time: Callable[[float], None],
    ) -> None:
        self._changed, self._slide_changed, self.frame_time = changed, slide_changed, frame_time


def start_service(player: Any, limits: Limits | None = None, **config: Any) -> RemoteService:
    settings = {"port": 0, "token": TOKEN, **config}
    service = RemoteService(player, RemoteConfig(**settings), limits=limits)
    service.start()
    return service


def off_thread(qtbot: Any, function: Callable[[], Any], timeout: float = 20.0) -> Any:
    """Run `function` on a thread while the Qt event loop keeps running; its result."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - re-raised on the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    # The event loop turns here without pytest-qt's wait helpers: each of their waits makes and
    # drops Qt connections on this thread, and a drop that runs while the service's thread
    # connects or disconnects a socket can deadlock in PySide (Qt's shared connection locks
    # against Python's lock; seen with gdb). `processEvents` makes no connections.
    deadline = time.monotonic() + timeout
    while thread.is_alive():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the request did not finish in {timeout} s")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        thread.join(0.002)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes = field(repr=False)

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    host: str = "127.0.0.1",
    **kwargs: Any,
) -> Reply:
    """One request on a fresh connection with http.client (a real HTTP client)."""
    connection = kwargs.pop("connection", None) or http.client.HTTPConnection(
        host, port, timeout=10
    )
    connection.request(method, path, headers=headers or {}, **kwargs)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)


def raw_exchange(
    port: int, data: bytes, wait: float = 5.0, drip: float = 0.0
) -> tuple[bytes, float]:
    """Send raw bytes (one at a time every `drip` s if set); what came back before the server
    closed the connection (or `wait` passed), and after how many seconds."""
    start = time.monotonic()
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        try:
            if drip:
                for byte in data:
                    sock.sendall(bytes([byte]))
                    time.sleep(drip)
            else:
                sock.sendall(data)
            while chunk := sock.recv(65536):
                received += chunk
        except OSError:  # reset or broken pipe: the server cut us off
            pass
    return received, time.monotonic() - start
