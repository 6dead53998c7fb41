"""The player's health for /status and /metrics: uptime, restarts, errors, memory (Qt-free).

Restarts and the start time come from the supervisor (`revkiosk kiosk` passes them to the
player it starts through environment variables, see `status.py`); errors are counted by a
logging handler, so every error the player logs anywhere is counted and the last one is shown.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from revkiosk.kiosk.status import ENV_LAST_ERROR, ENV_RESTARTS, ENV_STARTED, rss_bytes


class Health(logging.Handler):
    """Counts logged errors and remembers the last one; reads restarts from the supervisor.

    Install with `attach()` (root logger) and remove with `detach()`. Thread-safe: the network
    thread reads it while the GUI thread logs.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.started = _env_float(ENV_STARTED) or time.time()
        self.restarts = _env_int(ENV_RESTARTS)
        self.last_error: str | None = os.environ.get(ENV_LAST_ERROR) or None
        self.last_error_time: float | None = self.started if self.last_error else None
        self.errors = 0
        self._lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad log call must not break logging
            message = str(record.msg)
        with self._lock:
            self.errors += 1
            self.last_error = f"{record.name}: {message}"[:500]
            self.last_error_time = record.created

    def attach(self) -> None:
        logging.getLogger().addHandler(self)

    def detach(self) -> None:
        logging.getLogger().removeHandler(self)

    def uptime(self) -> float:
        """Seconds since the show started (the supervisor's start, across restarts)."""
        return max(0.0, time.time() - self.started)

    @staticmethod
    def memory() -> int | None:
        """Resident memory of the player in bytes (None where the platform cannot say)."""
        return rss_bytes()


def _env_int(name: str) -> int:
    try:
        return max(0, int(os.environ.get(name, "0")))
    except ValueError:
        return 0


def _env_float(name: str) -> float | None:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return None
