"""One kiosk per user, and a player that lives exactly as long as its supervisor.

Two kiosks of one user (the systemd unit and the autostart entry, or a technician starting a
second one by hand) would fight over the screen and share one heartbeat file, so a frozen one
is never noticed. And a supervisor killed with SIGKILL (the OOM killer, `kill -9`) used to leave
its player running: the next start made two windows. So:

* `KioskLock` — an advisory lock (`fcntl.flock`) on a file in the runtime folder, held for the
  life of the process that takes it; the kernel drops it when the process dies however it dies,
  so a crash never leaves a stale lock. The supervisor takes `supervisor.lock`, every kiosk-mode
  player `player.lock`; the file names the holder so the refusal can say who it is.
* `tie_to_supervisor()` — the player asks Linux to SIGKILL it when its parent dies
  (`PR_SET_PDEATHSIG`), then checks the parent is still the supervisor that started it (it may
  have died in between); `supervisor_gone()` is the same check for the heartbeat timer, which
  also covers systems without `prctl`.

Qt-free: the supervisor uses it. Every player start imports it (`tie_to_supervisor`), so what
only a lock or a supervised player needs (json, signal: ~2.5 ms) is imported where it is used.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import warnings
from pathlib import Path
from typing import IO

ENV_SUPERVISOR_PID = "REVKIOSK_SUPERVISOR_PID"
EXIT_ORPHANED = 5  # the supervisor died: this player must not stay as a second window
PR_SET_PDEATHSIG = 1


class AlreadyRunning(RuntimeError):
    """Another kiosk of this user holds the lock; the message names it."""


def runtime_folder() -> Path:
    """`$XDG_RUNTIME_DIR/revkiosk` (a RAM disk, per user), else the state folder."""
    from platformdirs import user_runtime_path, user_state_path

    try:
        with warnings.catch_warnings():  # platformdirs warns when it has to pick a fallback
            warnings.simplefilter("ignore")
            folder = user_runtime_path("revkiosk", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError:
        folder = user_state_path("revkiosk", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        return folder


class KioskLock:
    """An exclusive lock held until `release()` or the end of the process."""

    def __init__(self, name: str, folder: Path | None = None) -> None:
        self.path = (folder or runtime_folder()) / name
        self._handle: IO[str] | None = None

    def acquire(self, what: str, wait: float = 0.0) -> None:
        """Take the lock (retrying for `wait` seconds), or raise AlreadyRunning naming the
        holder. Where file locks do not exist (Windows) this does nothing."""
        try:
            import fcntl
        except ImportError:
            return
        handle = self.path.open("a+", encoding="utf-8")
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    holder = self._holder(handle)
                    handle.close()
                    raise AlreadyRunning(f"another {what} is already running{holder}") from None
                time.sleep(0.05)
        import json  # here: every player start imports this module, few take a lock

        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "argv": sys.argv[1:]}))
        handle.flush()
        self._handle = handle

    @staticmethod
    def _holder(handle: IO[str]) -> str:
        import json

        with contextlib.suppress(OSError, ValueError):
            handle.seek(0)
            data = json.loads(handle.read(4096) or "{}")
            args = " ".join(str(a) for a in data.get("argv", []))
            return f" (pid {data['pid']}{': ' + args if args else ''})"
        return ""

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the descriptor drops the lock
            self._handle = None


def supervisor_pid() -> int | None:
    """The pid of the supervisor that started this player, if one did."""
    try:
        return int(os.environ[ENV_SUPERVISOR_PID])
    except (KeyError, ValueError):
        return None


def supervisor_gone() -> bool:
    """True when this player was started by a supervisor that is no longer its parent."""
    wanted = supervisor_pid()
    return wanted is not None and os.getppid() != wanted


def tie_to_supervisor() -> bool:
    """Die with the supervisor (Linux: SIGKILL on the parent's death). False when the
    supervisor is already gone: the caller exits at once instead of showing an orphan."""
    if supervisor_pid() is None:
        return True
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    return not supervisor_gone()
