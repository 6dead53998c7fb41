"""Touch on charts and pictures: pinch to zoom, drag to pan, double-tap to reset, tap for detail.

Only zoomable things take touch events themselves (a chart's plot area, a picture); touches
anywhere else still reach the stage as the mouse events Qt makes of them, so tapping to go on,
swiping, buttons, tiles and the timeline keep working unchanged. On a zoomable thing:

- two fingers pinch (and move) the zoom; one finger pans once zoomed in;
- unzoomed, one finger swipes from slide to slide as anywhere else, and a tap on a picture goes
  on; a tap on a chart point shows its card (a marked milestone opens its slide);
- a double tap resets the zoom; a long press does nothing at all (no menu, no jump).

A presenter's mouse does the same: charts pan by dragging and zoom with the wheel (pyqtgraph),
a picture zooms with Ctrl+wheel; once zoomed, dragging pans, the wheel zooms and a double click
resets. `TouchTracker` is the gesture arithmetic, free of widgets so tests can drive it directly;
`revkiosk.ui.zoom` holds what the gestures act on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QTouchEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from revkiosk.ui.input import LONG_PRESS_MS, SWIPE_FRACTION
from revkiosk.ui.media.images import ImageWidget
from revkiosk.ui.zoom import WHEEL_STEP, ChartZoom, ImageZoom

TAP_MOVE_PX = 16.0
DOUBLE_TAP_MS = 400
DOUBLE_TAP_PX = 60.0


@dataclass(frozen=True)
class Gesture:
    """What a touch sequence did: `kind` is pinch, pan, tap, double_tap, swipe or nothing."""

    kind: str
    pos: QPointF = field(default_factory=QPointF)
    factor: float = 1.0  # pinch: zoom since the last step
    delta: QPointF = field(default_factory=QPointF)  # pinch and pan: movement since the last step
    direction: int = 0  # swipe: -1 to the left (next), +1 to the right (previous)


class TouchTracker:
    """Turns touch points into gestures, step by step (one instance per widget)."""

    def __init__(self) -> None:
        self._start: QPointF | None = None
        self._last: list[QPointF] = []
        self._max_points = 0
        self._moved = 0.0
        self._clock = QElapsedTimer()
        self._last_tap: tuple[QPointF, QElapsedTimer] | None = None

    def begin(self, points: list[QPointF]) -> None:
        self._start = points[0] if points else None
        self._last = list(points)
        self._max_points = len(points)
        self._moved = 0.0
        self._clock.start()

    def update(self, points: list[QPointF], zoomed: bool) -> Gesture:
        """A step: a pinch with two fingers, a pan with one once zoomed, else nothing yet."""
        self._max_points = max(self._max_points, len(points))
        last, self._last = self._last, list(points)
        if self._start is not None and points:
            self._moved = max(self._moved, _distance(points[0], self._start))
        if len(points) >= 2 and len(last) >= 2:
            before, now = _distance(last[0], last[1]), _distance(points[0], points[1])
            centre = (points[0] + points[1]) / 2
            factor = now / before if before > 1 else 1.0
            return Gesture("pinch", centre, factor, centre - (last[0] + last[1]) / 2)
        if len(points) == 1 and len(last) == 1 and zoomed and self._max_points == 1:
            return Gesture("pan", points[0], delta=points[0] - last[0])
        return Gesture("nothing")

    def end(self, pos: QPointF, width: float, zoomed: bool) -> Gesture:
        """The last finger lifted: a tap, a double tap, a swipe, or nothing (a pinch ended, a
        pan, a long press, a hesitant drag)."""
        start, self._start = self._start, None
        if start is None or self._max_points != 1:
            return Gesture("nothing")
        delta = pos - start
        moved = max(self._moved, _distance(pos, start))
        if moved < TAP_MOVE_PX:
            if self._clock.elapsed() >= LONG_PRESS_MS:
                return Gesture("nothing")  # a resting finger: nothing unexpected happens
            previous, self._last_tap = self._last_tap, (pos, QElapsedTimer())
            self._last_tap[1].start()
            if previous is not None and previous[1].elapsed() <= DOUBLE_TAP_MS:
                if _distance(previous[0], pos) <= DOUBLE_TAP_PX:
                    self._last_tap = None
                    return Gesture("double_tap", pos)
            return Gesture("tap", pos)
        threshold = max(24.0, width * SWIPE_FRACTION)
        if not zoomed and abs(delta.x()) >= threshold and abs(delta.x()) > 1.5 * abs(delta.y()):
            return Gesture("swipe", pos, direction=-1 if delta.x() < 0 else 1)
        return Gesture("nothing")


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


class Zoomable(Protocol):
    """What the gesture filter drives: a chart's view or a picture's lens."""

    @property
    def zoomed(self) -> bool: ...
    def zoom_by(self, factor: float, centre: QPointF) -> None: ...
    def pan_by(self, delta: QPointF) -> None: ...
    def reset(self) -> None: ...
    def tap(self, pos: QPointF) -> bool: ...


class GestureFilter(QObject):
    """Reads the touch events of one zoomable widget and drives its `Zoomable`.

    `act(name)` performs an action for what is not the widget's own (a swipe moves the slide,
    a tap on an unzoomed picture goes on), through the window's action policy.
    """

    def __init__(self, widget: QWidget, target: Zoomable, act: Callable[[str], object]) -> None:
        super().__init__(widget)
        self.widget, self.target, self.act = widget, target, act
        self.tracker = TouchTracker()
        widget.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            self._touch(event)  # type: ignore[arg-type]
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self.tracker.begin([])
            return True
        if kind == QEvent.Type.MouseButtonDblClick and isinstance(self.target, ChartZoom):
            self.target.reset()  # a presenter's double click resets a chart too
            return True
        if kind == QEvent.Type.Wheel and isinstance(self.target, ImageZoom):
            wheel: QWheelEvent = event  # type: ignore[assignment]
            if wheel.modifiers() & Qt.KeyboardModifier.ControlModifier:
                notches = wheel.angleDelta().y() / 120
                if notches:
                    self.target.zoom_by(WHEEL_STEP**notches, wheel.position())
                return True
        return False

    def _touch(self, event: QTouchEvent) -> None:
        points = [
            p.position()
            for p in event.points()
            if p.state() != p.State.Released  # type: ignore[attr-defined]
        ]
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self.tracker.begin(points)
            return
        if points and kind == QEvent.Type.TouchUpdate:
            gesture = self.tracker.update(points, self.target.zoomed)
            if gesture.kind == "pinch":
                self.target.zoom_by(gesture.factor, gesture.pos)
                self.target.pan_by(gesture.delta)
            elif gesture.kind == "pan":
                self.target.pan_by(gesture.delta)
            return
        if kind == QEvent.Type.TouchEnd or not points:
            lifted = event.points()[0].position() if event.points() else QPointF()
            gesture = self.tracker.end(lifted, self.widget.width(), self.target.zoomed)
            if gesture.kind == "double_tap" and self.target.zoomed:
                self.target.reset()
            elif gesture.kind in ("tap", "double_tap"):
                if not self.target.tap(gesture.pos):
                    self.act("next")
            elif gesture.kind == "swipe":
                self.act("next" if gesture.direction < 0 else "previous")


def attach(view: QWidget, act: Callable[[str], object]) -> list[GestureFilter]:
    """Give every chart and picture of `view` its gesture filter (once each)."""
    made: list[GestureFilter] = []
    chart = getattr(view, "chart", None)
    plot = getattr(chart, "plot", None)
    if plot is not None and getattr(chart, "view_box", None) is not None:
        viewport = plot.viewport()
        if not viewport.property("revkiosk_gestures"):
            viewport.setProperty("revkiosk_gestures", True)
            made.append(GestureFilter(viewport, ChartZoom(chart), act))
    for image in view.findChildren(ImageWidget):
        if not image.property("revkiosk_gestures"):
            image.setProperty("revkiosk_gestures", True)
            made.append(GestureFilter(image, ImageZoom(image), act))
    return made


def reset(view: QWidget | None) -> None:
    """Undo every zoom on `view` and hide chart cards (the slide was left, the kiosk idles)."""
    if view is None:
        return
    for candidate in [view, *view.findChildren(QWidget)]:
        for child in candidate.children():
            if isinstance(child, GestureFilter) and child.target.zoomed:
                child.target.reset()
    chart = getattr(view, "chart", None)
    card = getattr(chart, "card", None)
    if card is not None:
        card.hide()
