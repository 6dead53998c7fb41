"""The GUI-thread half of the service: runs what the network thread asks of the player, and
publishes what the player shows.

The network thread never touches the player. It reads the last published `Snapshot` (one
reference, swapped atomically) and, for commands, frames and slide pictures, posts a job here
and waits for its future with a timeout — the show's thread is never the one that waits.
Costly jobs (grabbing the frame, drawing a slide) wait until no transition is running, so a
screenshot request never lands in the middle of a cross-fade.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from revkiosk.remote.documents import Snapshot
from revkiosk.remote.metrics import Histogram
from revkiosk.remote.player import RemotePlayer
from revkiosk.remote.state import COMMANDS

log = logging.getLogger(__name__)

PUBLISH_DELAY_MS = 40  # a change made by a key is published after its frame is on screen
BUSY_RETRY_MS = 30


class PlayerBusy(Exception):
    """The GUI thread did not run the job in time (or the service is stopping)."""


@dataclass(eq=False)  # identity: jobs live in a set
class _Job:
    function: Callable[[], Any]
    idle: bool  # wait until no transition runs
    deadline: float
    future: Future[Any] = field(default_factory=Future)


class Bridge(QObject):
    """Lives on the GUI thread. `call()` and `snapshot()` are for the network thread."""

    job_posted = Signal(object)
    published = Signal(object)  # Snapshot; the event hub (network thread) listens, queued

    def __init__(
        self, player: RemotePlayer, frames: Histogram, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.player = player
        self.slide_changes = 0
        self.changes = 0  # anything shown changed (read by the picture lane: a frame's key)
        self._snapshot = Snapshot()
        self._pending: set[_Job] = set()
        self._stopped = False
        self.job_posted.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._soon = QTimer(self, singleShot=True, interval=PUBLISH_DELAY_MS)
        self._soon.timeout.connect(self.publish)
        # Once a second even without changes: the timer moves, and a snapshot that stops
        # being renewed tells /status that the event loop is stuck.
        self._beat = QTimer(self, interval=1000)
        self._beat.timeout.connect(self.publish)
        player.watch(self._on_player_changed, self._on_player_slide_changed, frames.observe)
        self.publish()
        self._beat.start()

    # --- network thread ------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        return self._snapshot

    def call(self, function: Callable[[], Any], *, timeout: float, idle: bool = False) -> Any:
        """Run `function()` on the GUI thread and return its result; PlayerBusy on timeout.

        An exception raised by `function` is logged there and re-raised here.
        """
        job = _Job(function, idle, time.monotonic() + timeout)
        if self._stopped:
            raise PlayerBusy("the remote service is stopping")
        self._pending.add(job)
        self.job_posted.emit(job)
        try:
            return job.future.result(timeout=timeout)
        except (FutureTimeout, CancelledError):
            job.future.cancel()
            raise PlayerBusy("the player did not answer in time") from None
        finally:
            self._pending.discard(job)

    # --- GUI thread ----------------------------------------------------------------------

    def _run(self, job: _Job) -> None:
        if job.future.done():
            return  # the caller gave up waiting
        if job.idle and self._player_busy() and time.monotonic() < job.deadline - 0.1:
            QTimer.singleShot(BUSY_RETRY_MS, self, lambda: self._run(job))
            return
        if not job.future.set_running_or_notify_cancel():
            return
        try:
            job.future.set_result(job.function())
        except Exception as error:
            log.exception("remote: a request failed in the player")
            job.future.set_exception(error)

    def _player_busy(self) -> bool:
        try:
            return bool(self.player.busy())
        except Exception:  # noqa: BLE001 - a broken check must not stop the request
            return False

    def run_command(self, action: str, index: int | None = None) -> str:
        """Perform a remote command (GUI thread): "done", "refused" or "failed: why"."""
        done: bool | str
        if action == "goto" and index is not None:
            done = self.player.go_to(index)
        else:
            done = self.player.perform(COMMANDS[action])
        self.publish()  # the answer reports the new state
        if isinstance(done, str):
            return f"failed: {done}"
        return "done" if done else "refused"

    def publish(self) -> None:
        """Take a new snapshot of the player and announce it."""
        self._soon.stop()
        try:
            state, timer = self.player.state(), self.player.timer()
        except Exception:
            log.exception("remote: could not read the player's state")
            return
        self._snapshot = Snapshot(state, timer, time.monotonic(), self.slide_changes)
        self.published.emit(self._snapshot)

    def _on_player_changed(self) -> None:
        self.changes += 1
        if not self._soon.isActive():
            self._soon.start()

    def _on_player_slide_changed(self) -> None:
        self.slide_changes += 1
        self._on_player_changed()

    def stop(self) -> None:
        """Refuse new jobs and release every waiting network request at once."""
        self._stopped = True
        for job in list(self._pending):
            job.future.cancel()
        self._beat.stop()
        self._soon.stop()
