"""When the compute chart lays out its text: rarely, and never twice for one paint.

The era names, trend labels and milestone labels are placed in pixels (they keep their size
while the data zooms), by a greedy search that costs a few ms. Run on every view change, that
search took more time than drawing the frame. `OverlayScheduler` decides when it runs:

- a change that is not a drag (data, fonts, a resize, a zoom reset) marks the layout stale, and
  it is redone once, just before the next paint (`GraphicsScene.sigPrepareForPaint`). Building
  a slide lays out once instead of four or five times.
- a pan or zoom, or a year-cursor step that shows or hides a milestone (`soon()`), re-lays out at
  most every `interval_ms` and once after the last change; in between, labels ride along with
  their points in data coordinates, which looks right for a pan and drifts only a few pixels
  during a zoom. That layout runs straight from the timer: the labels it moves repaint their
  own old and new places, so it costs no repaint of the whole plot.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from revkiosk.ui.plots.pgimport import pg


class OverlayScheduler(QObject):
    """Calls `place()` when the overlay layout is stale; `place()` returns False when the view
    has no size yet (the layout then stays stale until a later paint)."""

    def __init__(
        self, view_box: pg.ViewBox, place: Callable[[], bool], interval_ms: int = 100
    ) -> None:
        super().__init__(view_box)
        self._place = place
        self._view_box = view_box
        self.stale = True
        self.layouts = 0  # how many layouts ran (tests check that building the slide ran one)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        view_box.sigRangeChanged.connect(self._on_view_range_changed)
        view_box.sigResized.connect(self.invalidate)
        self._scene: pg.GraphicsScene | None = None
        self.attach()

    def attach(self) -> None:
        """Listen to the scene's pre-paint signal (call again if the view moved scene)."""
        scene = self._view_box.scene()
        if scene is not None and scene is not self._scene:
            if self._scene is not None:
                self._scene.sigPrepareForPaint.disconnect(self._on_scene_prepare_for_paint)
            scene.sigPrepareForPaint.connect(self._on_scene_prepare_for_paint)
            self._scene = scene

    def invalidate(self, *_args: object) -> None:
        """Lay out again before the next paint."""
        self.stale = True
        self._view_box.update()  # make sure a paint comes, even if nothing else changed

    def flush(self) -> None:
        """Lay out now if stale (a chart being built out of sight, so its first frame is not
        the one that pays)."""
        if self.stale:
            self._run()

    def soon(self) -> None:
        """Lay out within `interval_ms` (changes coming fast, as in a drag, share a layout)."""
        if not self._timer.isActive():
            self._timer.start()

    def _run(self) -> None:
        self._timer.stop()
        self.layouts += 1
        self.stale = not self._place()

    def _on_scene_prepare_for_paint(self) -> None:
        if self.stale:
            self._run()

    def _on_view_range_changed(self, *_args: object) -> None:
        self.soon()

    def _on_timer_timeout(self) -> None:
        self._run()
        if self.stale:  # the view had no size: try again before the next paint
            self._view_box.update()
