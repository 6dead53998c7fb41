"""Work that waits for a slide to be on screen: the window's first paint, the next slide's
preload and the snapshots a cross-fade starts from.

A key press must change the slide at once, so everything a slide change could also do — build
the next view, picture this one for the next cross-fade — starts only after the new view has
painted. One event filter, on the current view only, tells when; the window hands over each
view it shows (`watch`) and this object owns the timers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from revkiosk.navigator import Navigator
    from revkiosk.ui.stage import Stage

PRELOAD_MS = 60  # after the paint: build the next slide's view
SNAPSHOT_MS = 200  # picture this slide (the next cross-fade starts from it)
NEXT_SNAPSHOT_MS = 350  # picture the preloaded next slide (the cross-fade ends on it)


class AfterPaint(QObject):
    """Watches the current view's paints; `first_painted` once for the window's first paint."""

    first_painted = Signal()

    def __init__(
        self, parent: QObject, stage: Callable[[], Stage | None], navigator: Navigator
    ) -> None:
        super().__init__(parent)
        self._stage = stage
        self._navigator = navigator
        self._preload = QTimer(self, singleShot=True, interval=PRELOAD_MS)
        self._preload.timeout.connect(self.preload_next)
        self._snap = QTimer(self, singleShot=True, interval=SNAPSHOT_MS)
        self._snap.timeout.connect(self._take_snapshot)
        self._snap_next = QTimer(self, singleShot=True, interval=NEXT_SNAPSHOT_MS)
        self._snap_next.timeout.connect(self._take_next)
        self._first: QObject | None = None  # what the first paint is awaited on; self once seen
        self._watched: QObject | None = None
        self._preload_after: QObject | None = None

    @property
    def first_seen(self) -> bool:
        return self._first is self

    def await_first_on(self, widget: QWidget, instead: bool = False) -> None:
        """The window's first paint is `widget`'s (the deck error screen) if nothing is awaited
        yet — or `instead` of what is awaited (the closing-time black: what waits for the first
        paint must not wait for the morning). Nothing changes once the first paint was seen."""
        if self._first is self or (self._first is not None and not instead):
            return
        self._first = widget
        widget.installEventFilter(self)

    def watch(self, view: QWidget) -> None:
        """`view` is now the current slide: preload and picture once it has painted."""
        if self._first is None:
            self._first = view
        if self._watched is not None and self._watched is not view:
            self._watched.removeEventFilter(self)
        self._watched = self._preload_after = view
        view.installEventFilter(self)

    def stop(self) -> None:
        """No current view (closing time): nothing waits for one."""
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = self._preload_after = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self._first:
            self._first = self  # only once
            QTimer.singleShot(0, self, self.first_painted.emit)
        stage = self._stage()
        if watched is not self._watched:
            watched.removeEventFilter(self)
        elif self._preload_after is watched:
            # Build the next view only after this one is on screen, so preloading never
            # delays the frame the audience is waiting for.
            self._preload_after = None
            self._preload.start()
            self._snap.start()
            self._snap_next.start()
        elif stage is not None and not stage.grabbing:
            self._snap.start()  # the slide changed (a chart zoomed): picture it again, later
        return False

    def _take_snapshot(self) -> None:
        stage = self._stage()
        if stage is None:
            return
        if stage.fading():
            self._snap.start()  # picture the slide itself, not the cross-fade
        else:
            stage.take_snapshot()

    def _take_next(self) -> None:
        stage = self._stage()
        if stage is not None:
            stage.take_next_snapshot()
        from revkiosk.ui.decoded import IMAGES

        IMAGES.release_scaled()  # settled: the next view is built and pictured

    def preload_next(self) -> None:
        """Build the next slide's view (public: a test walks a deck without waiting)."""
        stage = self._stage()
        if stage is not None and not self._navigator.at_end:
            stage.preload(self._navigator.index + 1)
