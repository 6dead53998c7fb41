"""Keeps the kiosk window on screen, and says whether it is.

A window manager can take the kiosk window away without the player noticing: minimise, "show
desktop", a switch to another workspace, another X client unmapping or resizing it, another
window laid over it. The event loop keeps running, so the heartbeat stayed "healthy" while
visitors looked at a desktop. Twice a second `WindowWatch` asks whether the window is really
shown — visible, mapped and exposed, not minimised, full screen over its whole screen and (on
X11, see `kiosk_x11`) not covered — and if not, brings it back:

* minimised → its full-screen state restored and the window activated;
* not exposed but not minimised (show desktop, other workspace, unmapped) → hidden and shown
  full screen again, which maps it afresh on the workspace in view;
* a wrong size → full screen over its screen again; covered → raised and activated.

`shown` and `hidden_seconds()` go into every heartbeat; the supervisor restarts a player whose
window stayed off screen longer than its `--hidden-timeout` (a kiosk nobody can see is not
healthy), and `status.json` tells the technician.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

CHECK_MS = 500


class WindowWatch(QObject):
    """Checks the window every `CHECK_MS` and restores it when it is not really shown."""

    def __init__(self, window: QWidget, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.shown = True
        self.restores = 0  # restore attempts
        self.episodes = 0  # times the window went off screen (the status file shows it)
        self.problem = ""  # what was wrong at the last check ("" when shown)
        self._hidden_since: float | None = None
        self._x11 = QGuiApplication.platformName() == "xcb"
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def hidden_seconds(self) -> float:
        """How long the window has been off screen (0 while it is shown)."""
        return 0.0 if self._hidden_since is None else time.monotonic() - self._hidden_since

    def why_not_shown(self) -> str:
        """'' when the window is on screen; else what is wrong, for the log and the status."""
        window = self.window
        handle = window.windowHandle()
        if not window.isVisible() or handle is None:
            return "not visible"
        if window.isMinimized():
            return "minimised"
        if not handle.isExposed():
            return "not exposed (another workspace, show desktop or unmapped)"
        if not window.isFullScreen():
            return "not full screen"
        screen = window.screen()
        if screen is not None and window.geometry() != screen.geometry():
            return "not covering its screen"
        if self._x11:
            from revkiosk.kiosk.x11 import covered

            if covered(int(window.winId())):
                return "covered by another window"
        return ""

    def check(self) -> bool:
        """Look at the window now; restore it if needed. True when it was shown."""
        problem = self.why_not_shown()
        if problem and self.shown:
            self.episodes += 1
        if problem and problem != self.problem:
            log.warning("kiosk: the window is %s; bringing it back", problem)
        self.problem = problem
        self.shown = not problem
        if self.shown:
            self._hidden_since = None
            return True
        if self._hidden_since is None:
            self._hidden_since = time.monotonic()
        self.restore(problem)
        return False

    def restore(self, problem: str) -> None:
        """Bring the window back on screen, full screen and on top."""
        window = self.window
        self.restores += 1
        if problem.startswith(("not exposed", "not visible")):
            window.hide()  # mapped afresh: on the workspace in view, out of "show desktop"
        if window.isMinimized() or not window.isFullScreen() or problem.startswith("not"):
            state = window.windowState() & ~Qt.WindowState.WindowMinimized
            window.setWindowState(state | Qt.WindowState.WindowFullScreen)
            window.showFullScreen()
        screen = window.screen()
        if screen is not None and window.geometry() != screen.geometry():
            window.setGeometry(screen.geometry())  # without a window manager, or resized
        window.raise_()
        window.activateWindow()
