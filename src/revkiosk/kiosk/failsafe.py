"""Kiosk mode fails closed: never an open, unguarded full-screen player, never a false "done".

Before, `app.py` started the kiosk session like any optional part: if it raised (a media name
too long for the file system, a time beyond what a Qt timer takes), the error was logged and
the player went on full screen without guard, policy, heartbeat or attract loop — Esc or
Ctrl+Q then ended it with status 0, which the supervisor and systemd read as "the technician
left on purpose". Now:

* the window refuses every action from the first moment (`LOCKED`), before any kiosk code runs;
* the session's own guard and heartbeat start first, and any later part that fails locks the
  kiosk (see `KioskSession.fail_closed`);
* if even the guard or the heartbeat cannot start, the player leaves with `EXIT_SETUP_FAILED`
  so the supervisor starts it again (with its back-off);
* the player's exit status is 0 only after the exit chord (and PIN) or a test hook's deliberate
  exit (`Player.exit_approved`); any other end of the event loop is `EXIT_UNAPPROVED`, so a
  stray quit is a restart, not a technician's exit;
* one kiosk player per user (`kiosk_lock`), and a player whose supervisor is gone leaves.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from revkiosk.kiosk.lock import AlreadyRunning, KioskLock

if TYPE_CHECKING:
    from collections.abc import Callable

    from revkiosk.kiosk.session import KioskSession
    from revkiosk.player import Player

log = logging.getLogger(__name__)

EXIT_UNAPPROVED = 3  # the event loop ended without the exit chord: restart me
EXIT_ALREADY_RUNNING = 4  # another kiosk player of this user is on screen
EXIT_SETUP_FAILED = 70  # the guard or heartbeat could not start (EX_SOFTWARE)
LOCK_WAIT_SECONDS = 3.0  # a player killed a moment ago may still hold the lock


def refuse_everything(action: str) -> bool:
    """The policy of a kiosk whose session has not (yet) started: nothing is allowed."""
    return False


def take_player_lock() -> KioskLock | None:
    """The per-user kiosk player lock, or None when another player holds it (logged)."""
    lock = KioskLock("player.lock")
    try:
        lock.acquire("kiosk player", wait=LOCK_WAIT_SECONDS)
    except AlreadyRunning as error:
        log.error("%s; one kiosk per user: this one leaves", error)
        return None
    except OSError as error:  # no place for the lock file: show the kiosk all the same
        log.warning("cannot take the kiosk player lock: %s", error)
    return lock


def start_kiosk_fail_closed(player: Player, *, time_scale: float = 1.0) -> KioskSession | None:
    """Start kiosk mode on a built, shown player; the session, or None when the player must
    leave (it then ends the event loop with `EXIT_SETUP_FAILED` as soon as it runs)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    player.window.set_policy(refuse_everything)  # closed until the session says otherwise
    try:
        from revkiosk.kiosk.session import KioskSession

        session = KioskSession(player, time_scale=time_scale)
        session.start()  # a failing show part locks the kiosk; only the core raises
    except Exception:
        log.critical("the kiosk could not be set up; leaving so it is started again", exc_info=True)
        QTimer.singleShot(0, lambda: QApplication.exit(EXIT_SETUP_FAILED))
        return None
    player.parts["kiosk"] = session
    return session


def run_kiosk(player: Player, prepare: Callable[[Player], None]) -> int:
    """Show a built player as a kiosk and run it; the process exit status. `prepare` is what
    the app connects before the window shows (the first-paint work)."""
    lock = take_player_lock()  # held until the process ends (the kernel drops it then)
    if lock is None:
        return EXIT_ALREADY_RUNNING
    prepare(player)
    player.window.show()
    start_kiosk_fail_closed(player)
    return kiosk_exit_code(player, int(player.app.exec()))


def kiosk_exit_code(player: Player, code: int) -> int:
    """The status a kiosk player leaves with: 0 only for a deliberate exit."""
    if code == 0 and not player.exit_approved:
        log.error("kiosk: the player stopped without the exit chord; status %d", EXIT_UNAPPROVED)
        return EXIT_UNAPPROVED
    return code
