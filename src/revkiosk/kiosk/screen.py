"""Keep the screen on while the museum is open.

`ScreenSaverInhibitor` asks the desktop (org.freedesktop.ScreenSaver over D-Bus, which GNOME,
KDE, Xfce and most kiosk sessions implement) not to blank or lock while the show runs. Where
there is no such service — a bare X session, Windows, macOS — it logs how to do it by hand:
`xset s off -dpms` (X11), `systemd-inhibit --what=idle revkiosk kiosk` (systemd), or the OS's
power settings (see docs/KIOSK.md).

When the museum opens and closes is the schedule's business (schedule/, kiosk/gate.py, and
kiosk/closing.py, which also switches the display off); `opening_hours` in settings.yaml is a
one-line schedule (schedule/hours.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)


class ScreenSaverInhibitor:
    """Holds a screensaver inhibition cookie for as long as the show runs."""

    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self, reason: str = "revkiosk kiosk show") -> None:
        self.reason = reason
        self.cookie: int | None = None

    def inhibit(self) -> bool:
        """Ask the desktop not to blank; returns False (and logs what to do) if it cannot."""
        if self.cookie is not None:
            return True
        reply = self._call("Inhibit", "revkiosk", self.reason)
        if reply and isinstance(reply[0], int):
            self.cookie = int(reply[0])
            log.info("screensaver inhibited (cookie %d)", self.cookie)
            return True
        log.warning(
            "cannot inhibit the screensaver (no %s on the session bus); keep the screen on "
            "with `xset s off -dpms` (X11) or `systemd-inhibit --what=idle revkiosk kiosk`",
            self.SERVICE,
        )
        return False

    def release(self) -> None:
        """Let the screen sleep again (closing time, or leaving kiosk mode)."""
        if self.cookie is not None:
            self._call("UnInhibit", self.cookie)
            log.info("screensaver allowed again")
            self.cookie = None

    def _call(self, method: str, *args: object) -> list[object] | None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
        except ImportError:  # Qt built without D-Bus (Windows, macOS wheels)
            return None
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        iface = QDBusInterface(self.SERVICE, self.PATH, self.SERVICE, bus)
        if not iface.isValid():
            return None
        reply = iface.call(method, *args)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            log.debug("%s.%s failed: %s", self.SERVICE, method, reply.errorMessage())
            return None
        return list(reply.arguments())


class _SignalLike(Protocol):
    def connect(self, slot: Callable[[bool], object]) -> object: ...


def keep_awake_in_fullscreen(changed: _SignalLike, fullscreen: bool) -> ScreenSaverInhibitor:
    """A presenter's player in full screen keeps the screensaver off (a talk paused on one slide
    must not dim); leaving full screen lets it run again. `changed` is the window's
    `fullscreen_changed` signal (the ui knows nothing of this module)."""
    inhibitor = ScreenSaverInhibitor("revkiosk presentation in full screen")

    def follow(full: bool) -> None:
        inhibitor.inhibit() if full else inhibitor.release()

    changed.connect(follow)
    if fullscreen:
        follow(True)
    return inhibitor
