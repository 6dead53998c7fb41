"""The kiosk's status file: what a technician (or a monitoring script) reads to see it is alive.

`status.json` in the platformdirs state folder says which slide is showing, how long the show
has been up, how often the supervisor restarted the player and why, the player's memory and the
deck it plays. The player rewrites it every second; the same payload doubles as the heartbeat
the supervisor watches (a second file the supervisor names through `REVKIOSK_HEARTBEAT`).

Every write is atomic (temp file in the same folder + `os.replace`), so a reader never sees half
a file even if the player is killed mid-write. The module is Qt-free: the supervisor reads it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from revkiosk.safe_files import STATE_BYTES, atomic_write, read_bytes

APP_NAME = "revkiosk"
STATUS_FILE = "status.json"

HIDDEN_UNHEALTHY_S = 5.0  # a window off screen longer than this is reported as unhealthy

# Set by the supervisor for the player it starts (see supervisor.py).
ENV_HEARTBEAT = "REVKIOSK_HEARTBEAT"
ENV_RESTARTS = "REVKIOSK_RESTARTS"
ENV_LAST_ERROR = "REVKIOSK_LAST_ERROR"
ENV_STARTED = "REVKIOSK_SUPERVISOR_STARTED"


def state_dir() -> Path:
    """The platformdirs state folder (resume state, status, heartbeat live here)."""
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def status_path() -> Path:
    """Where the status file lives."""
    return state_dir() / STATUS_FILE


def heartbeat_path(supervisor_pid: int | None = None) -> Path:
    """Where a supervisor asks for heartbeats: the runtime folder (a RAM disk on Linux, so
    two writes a second for weeks cost no SD-card wear), else the state folder. One file per
    supervisor (named by its pid): two kiosks never share one, so a frozen one is noticed."""
    from revkiosk.kiosk.lock import runtime_folder

    pid = os.getpid() if supervisor_pid is None else supervisor_pid
    return runtime_folder() / f"heartbeat-{pid}.json"


def rss_bytes() -> int | None:
    """The process's resident memory now (Linux), else its peak (macOS/BSD), else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:  # Windows: no cheap stdlib way; the field is simply null
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write `data` as JSON so readers see either the old file or the new one, never a torn one.

    No fsync: this runs every second for weeks, often on SD cards; losing the last second of
    status in a power cut is harmless, wearing the card out is not.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    atomic_write(path, text.encode("utf-8"))


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in `path`, or None if it is missing, unreadable or not an object."""
    try:
        data = json.loads(read_bytes(path, STATE_BYTES))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def touch(path: Path) -> bool:
    """Advance `path`'s modification time (needs no free space); False if that failed too."""
    try:
        os.utime(path)
    except OSError:
        return False
    return True


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _env_float(name: str) -> float | None:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return None


@dataclass
class StatusWriter:
    """Collects the player's state and writes it to the status file (and heartbeat, if any).

    The supervisor's restart count, last error and start time arrive through environment
    variables so there is one writer per file and nothing to lock.
    """

    deck_path: Path | None
    path: Path = field(default_factory=status_path)
    heartbeat_path: Path | None = None
    restarts: int = 0
    last_error: str | None = None
    started_at: float = field(default_factory=time.time)
    slide: int = 0
    slide_count: int = 0
    slide_id: str | None = None
    attracting: bool = False
    layer: str | None = None  # a layer open over the slide ("more"): a restart reopens it
    blank: str | None = None
    exiting: bool = False  # the exit chord was used: the supervisor must not restart us
    fallback: dict[str, Any] | None = None  # playing the last good copy instead (why, since)
    content: dict[str, Any] | None = None  # the installed content version, the last update
    open: bool = True  # the schedule (or opening hours) says the museum is open
    next_change: str | None = None  # when the schedule next opens, closes or switches decks
    shown: bool | None = None  # the window is really on screen (None: not watched)
    hidden_seconds: float = 0.0  # how long it has not been
    window_restores: int = 0  # how often the window was taken away and brought back
    degraded: str | None = None  # why a file could not be written (a full disk): reported
    _warned: set[Path] = field(default_factory=set, init=False, repr=False)

    @classmethod
    def from_environment(cls, deck_path: Path | None, path: Path | None = None) -> StatusWriter:
        """A writer that reports the supervisor's figures when run under `revkiosk kiosk`."""
        beat = os.environ.get(ENV_HEARTBEAT)
        return cls(
            deck_path=deck_path,
            path=path or status_path(),
            heartbeat_path=Path(beat) if beat else None,
            restarts=_env_int(ENV_RESTARTS, 0),
            last_error=os.environ.get(ENV_LAST_ERROR) or None,
            started_at=_env_float(ENV_STARTED) or time.time(),
        )

    def payload(self) -> dict[str, Any]:
        """The status as a JSON-ready dict; `slide` is 1-based as the audience counts."""
        now = time.time()
        return {
            "pid": os.getpid(),
            "updated": now,
            "slide": self.slide + 1,
            "slide_index": self.slide,
            "slide_count": self.slide_count,
            "slide_id": self.slide_id,
            "attracting": self.attracting,
            "layer": self.layer,
            "blank": self.blank,
            "exiting": self.exiting,
            "shown": self.shown,
            "hidden_seconds": round(self.hidden_seconds, 1),
            "window_restores": self.window_restores,
            # What a monitoring script wants in one word: beating is implied by `updated`.
            "healthy": not (self.shown is False and self.hidden_seconds > HIDDEN_UNHEALTHY_S),
            "degraded": self.degraded,
            "open": self.open,
            "next_change": self.next_change,
            "uptime_seconds": round(max(0.0, now - self.started_at), 1),
            "restarts": self.restarts,
            "last_error": self.last_error,
            "rss_bytes": rss_bytes(),
            "deck": str(self.deck_path) if self.deck_path else None,
            "fallback": self.fallback,
            "content": self.content,
        }

    def write(self, status: bool = True) -> dict[str, Any]:
        """Write the heartbeat, and the status file unless `status` is False.

        An unwritable folder is logged once, never raised: the show matters more than its log.
        A heartbeat that cannot be rewritten (a full runtime folder) is still given by
        advancing the file's time, which needs no space, so the supervisor does not take a
        healthy player for a hung one; the status file then says why (`degraded`).
        """
        data = self.payload()
        for target in (self.path if status else None, self.heartbeat_path):
            if target is None:
                continue
            try:
                write_json_atomic(target, data)
            except OSError as error:
                beat = target == self.heartbeat_path and touch(target)
                self._report(target, error, beat)
            else:
                self._warned.discard(target)
                if not self._warned:
                    self.degraded = None
        return data

    def _report(self, target: Path, error: OSError, beat_kept: bool) -> None:
        reason = f"cannot write {target}: {error.strerror or error}"
        if beat_kept:
            reason += " (heartbeat kept by file time)"
        self.degraded = reason
        if target not in self._warned:
            logging.getLogger(__name__).warning("%s", reason)
            self._warned.add(target)
