"""Full screen that holds with or without a window manager.

Qt's window state does not stick without a window manager (a bare X kiosk session), so the
window keeps its own record of being full screen, covers the screen itself when nobody honours
the request, and returns to the geometry it had before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QWidget

COVER_CHECK_MS = 150  # then see whether a window manager honoured the request


class FullScreen:
    """The full-screen state of one window; `changed(bool)` is called on a real change."""

    def __init__(self, window: QWidget, changed: Callable[[bool], None]) -> None:
        self._window = window
        self._changed = changed
        self._on = False
        self._normal: QRect | None = None

    @property
    def on(self) -> bool:
        return self._on or self._window.isFullScreen()

    def enter(self) -> None:
        """Full screen on the window's screen, at the current slide (nothing reloads)."""
        was = self.on
        if not was:
            self._normal = self._window.geometry()
        self._on = True
        if not was:
            self._changed(True)
        self._window.showFullScreen()
        QTimer.singleShot(COVER_CHECK_MS, self._window, self._cover_screen)

    def _cover_screen(self) -> None:
        screen = self._window.screen()
        if self._on and screen and self._window.geometry() != screen.geometry():
            self._window.setGeometry(screen.geometry())

    def leave(self) -> None:
        was = self.on
        self._on = False
        self._window.showNormal()
        if was:
            self._changed(False)
        if self._normal is not None:
            self._window.setGeometry(self._normal)
