"""The timeline strip over the stage's bottom edge: when it shows, what it drives, where it jumps.

`install_timeline(window)` registers the `timeline` action (T) and builds nothing else until the
strip is first wanted. The strip appears on T, on mouse movement or a tap near the bottom edge,
and hides after a few seconds unused. While it is open it sees key presses before the window
(an application event filter installed after the window's runs first), so Left/Right step
between milestones instead of slides. On a compute chart slide the handle drives the chart's
year cursor live and releasing keeps the chart; elsewhere releasing jumps to the milestone.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from revkiosk.context import ViewContext
from revkiosk.i18n.words import _
from revkiosk.ui.timeline.layout import story_position
from revkiosk.ui.timeline.strip import TimelineStrip
from revkiosk.ui.timeline.thumbs import thumbs_for

if TYPE_CHECKING:
    from revkiosk.ui.window import MainWindow

log = logging.getLogger(__name__)

HIDE_MS = 4000  # unused this long, the strip slides away
EDGE_FRACTION = 0.12  # of the slide height: the bottom band where the pointer wakes the strip
CHART_MS = 50  # the chart's year cursor follows the handle at up to 20 updates a second
PRERENDER_DELAY_MS = 3000  # after the first slide is up, thumbnails render in idle time
_WATCHED = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Resize,
    QEvent.Type.Close,
}


def chart_of(view: QWidget | None) -> object | None:
    """The view's chart if it has a year cursor the timeline can drive (compute charts); the
    view itself while such a chart is being built after its picture (it keeps the year)."""
    chart = getattr(view, "chart", None)
    if callable(getattr(chart, "set_year_cursor", None)):
        return chart
    return view if getattr(view, "year_chart_pending", False) else None


class TimelineOverlay(QObject):
    """Owns the overlay strip of one window (rebuilt when a new deck is shown)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.strip: TimelineStrip | None = None
        self._driven: QWidget | None = None  # the view whose year cursor we moved
        self._year: float | None = None
        self._hide = QTimer(self, singleShot=True, interval=HIDE_MS, timeout=self._on_idle)
        self._cursor = QTimer(self, singleShot=True, interval=0, timeout=self._apply_cursor)
        self._since = QElapsedTimer()  # since the chart's cursor was last moved
        window.register_action("timeline", self.toggle)
        window.navigator.current_changed.connect(self._on_navigator_current_changed)
        window.navigator.blank_changed.connect(lambda mode: mode is not None and self.close())
        window.action_triggered.connect(self._on_window_action_triggered)
        window.the_show.context_changed.connect(self._on_show_context_changed)
        # app.py installs the timeline after the first slide is painted; thumbnails follow a
        # little later, in idle time (a window not yet shown waits for its first paint).
        if window.isVisible():
            QTimer.singleShot(PRERENDER_DELAY_MS, self, self._prerender)
        else:
            window.first_slide_painted.connect(
                lambda: QTimer.singleShot(PRERENDER_DELAY_MS, self, self._prerender)
            )
        app = QApplication.instance()
        app.installEventFilter(self)
        app.aboutToQuit.connect(self.uninstall)

    def uninstall(self) -> None:
        """Stop watching the application's events (the window closes or the app quits)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.strip is not None and self.strip.thumbs is not None:
            self.strip.thumbs.pause(True)  # no background renders for a closed window

    # building ----------------------------------------------------------------------------
    def ensure_strip(self) -> TimelineStrip | None:
        """The strip for the window's current deck (None before a deck is shown)."""
        context = self.window.context
        if context is None:
            return None
        if self.strip is None:
            strip = TimelineStrip(context, card_parent=self.window, parent=self.window)
            strip.hide()
            strip.thumbs = thumbs_for(context)
            strip.thumbs.ready.connect(strip.refresh_card)
            strip.interacted.connect(self._hide.start)
            strip.year_scrubbed.connect(self._on_strip_year_scrubbed)
            strip.scrub_started.connect(lambda: strip.thumbs and strip.thumbs.pause(True))
            strip.scrub_released.connect(self._on_strip_scrub_released)
            strip.milestone_chosen.connect(self.jump)
            strip.close_requested.connect(self.close)
            self.strip = strip
        return self.strip

    def _prerender(self) -> None:
        if not self.window.isVisible():  # closed meanwhile (or a test that has finished)
            return
        strip = self.ensure_strip()
        if strip is not None and strip.thumbs is not None:
            strip.thumbs.prerender(sorted(i for i in strip.slide_of.values() if i is not None))

    # showing -----------------------------------------------------------------------------
    def is_open(self) -> bool:
        return self.strip is not None and self.strip.isVisible()

    def toggle(self) -> None:
        """The `timeline` action (T)."""
        self.close() if self.is_open() else self.open()

    def open(self) -> None:
        """Show the strip at the current slide's place (and start rendering thumbnails)."""
        strip = self.ensure_strip()
        if strip is None:
            return
        if not strip.milestones:
            self.window.notice.post(_("This deck has no milestones to show on a timeline."))
            return
        self.place()
        self._sync()
        strip.show()
        strip.raise_()
        self._hide.start()
        self._prerender()

    def close(self) -> None:
        self._hide.stop()
        if self.strip is not None:
            self.strip.hide()
            if self.strip.thumbs is not None:
                self.strip.thumbs.pause(False)

    def place(self) -> None:
        """Over the bottom edge of the letterboxed slide, as wide as the slide."""
        stage, strip = self.window.stage, self.strip
        if stage is None or strip is None:
            return
        slide = stage.slide_rect().translated(stage.pos())
        strip.set_short_side(min(slide.width(), slide.height()))
        height = min(strip.preferred_height(strip.short_side), slide.height())
        strip.setGeometry(slide.x(), slide.bottom() + 1 - height, slide.width(), height)

    def _sync(self) -> None:
        """Follow the navigator: highlight the current milestone, offer play on a chart."""
        strip, context = self.strip, self.window.context
        if strip is None or context is None:
            return
        milestone_id, year = story_position(context.deck, self.window.navigator.index)
        strip.set_current(milestone_id, year)
        strip.set_playable(chart_of(self._current_view()) is not None)

    def _current_view(self) -> QWidget | None:
        stage = self.window.stage
        return stage.current_view() if stage is not None else None

    def _on_idle(self) -> None:
        strip = self.strip
        if strip is None or not strip.isVisible():
            return
        if strip.underMouse() or strip.dragging or strip.is_playing():
            self._hide.start()
        else:
            self.close()

    # what the strip asks -----------------------------------------------------------------
    def jump(self, milestone_id: str) -> None:
        """Show the milestone's slide through the navigator."""
        context = self.window.context
        index = context.deck.slide_index_of_milestone(milestone_id) if context else None
        if index is None:
            self.window.notice.post(_("No slide shows the milestone “{id}”.", id=milestone_id))
            return
        if self.strip is not None:
            self.strip.hide_card()
        self.window.navigator.go(index)
        self._hide.start()

    def _on_strip_scrub_released(self, milestone_id: str) -> None:
        strip = self.strip
        if strip is not None and strip.thumbs is not None:
            strip.thumbs.pause(False)
        if chart_of(self._current_view()) is not None:
            self._cursor.stop()
            self._apply_cursor()  # exactly where the handle was let go
            return  # on a chart the drag was the point: stay, with the cursor where it was left
        self.jump(milestone_id)

    def _on_strip_year_scrubbed(self, year: float) -> None:
        """Drive the chart at most every CHART_MS, latest year wins: re-filtering and repainting
        a thousand systems costs more than a frame, the strip itself must not wait for it."""
        self._year = year
        if chart_of(self._current_view()) is None or self._cursor.isActive():
            return
        since = self._since.elapsed() if self._since.isValid() else CHART_MS
        self._cursor.start(max(0, CHART_MS - since))

    def _apply_cursor(self) -> None:
        view = self._current_view()
        if chart_of(view) is not None and self._year is not None:
            view.set_year_cursor(self._year)  # type: ignore[union-attr]
            self._driven = view
            self._since.start()

    def _on_window_action_triggered(self, action: str) -> None:
        """Help, overview and the go-to box take the screen: the strip steps aside."""
        if action in ("help", "overview", "goto"):
            self.close()

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        driven, self._driven = self._driven, None
        if driven is not None and shiboken6.isValid(driven):
            driven.set_year_cursor(None)  # type: ignore[attr-defined]
        if self.is_open():
            self._sync()

    # events ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in _WATCHED:  # cheap exit first: this sees every event of the application
            return False
        if kind == QEvent.Type.Close:
            if watched is self.window:
                self.uninstall()  # a filter left behind would outlive the window at exit
            return False
        if kind == QEvent.Type.KeyPress:
            return self._key(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.Resize:
            if watched is self.window and self.is_open():
                self.place()
            return False
        pos = self._window_pos(watched, event)  # type: ignore[arg-type]
        if pos is None or not self._in_edge(pos) or not self._wakes():
            return False
        if kind == QEvent.Type.MouseMove:
            if not self.is_open():
                self.open()
            self._hide.start()
        elif kind == QEvent.Type.MouseButtonPress and not self.is_open():
            self.open()  # a tap on the edge wakes the strip; it does not turn the page
            return True
        return False

    def _window_pos(self, watched: QObject, event: QMouseEvent) -> QPointF | None:
        """The pointer in window coordinates, for events to the window or its slide widgets.

        The platform delivers every move to the QWindow (widgets only see moves if they track
        the mouse); synthetic events (tests, touch) may go straight to a widget.
        """
        if watched is self.window.windowHandle():
            return event.position()
        strip = self.strip
        if not watched.isWidgetType() or watched.window() is not self.window:  # type: ignore[attr-defined]
            return None
        if strip is not None and (watched is strip or strip.isAncestorOf(watched)):  # type: ignore[arg-type]
            return None
        return QPointF(watched.mapTo(self.window, event.position().toPoint()))  # type: ignore[attr-defined]

    def _wakes(self) -> bool:
        """Whether the pointer at the edge should open the strip: there are milestones, and
        the slide is not itself a timeline (its own strip is right there)."""
        if getattr(self._current_view(), "strip", None) is not None:
            return False
        if self.window.overlay_open():  # a panel over the slide (comfort, "more") takes the tap
            return False
        strip = self.ensure_strip()
        return strip is not None and bool(strip.milestones)

    def _in_edge(self, pos: QPointF) -> bool:
        stage = self.window.stage
        if stage is None or self.window.context is None:
            return False
        slide = stage.slide_rect().translated(stage.pos())
        band = max(slide.height() * EDGE_FRACTION, 24)
        inside = slide.left() <= pos.x() <= slide.right()
        # Not below the slide: a control bar docked there is not the slide's edge.
        return inside and slide.bottom() - band <= pos.y() <= slide.bottom()

    def _on_show_context_changed(self, context: ViewContext) -> None:
        """A reload, another language or text size: this strip is stale. Close it; the next
        open builds one for what is shown now."""
        if self.strip is None:
            return
        self.close()
        if self.strip.thumbs is not None:
            self.strip.thumbs.pause(True)
        self.strip.hide()
        self.strip.deleteLater()
        self.strip = None

    def _key(self, watched: QObject, event: QKeyEvent) -> bool:
        if not watched.isWidgetType() or watched.window() is not self.window:  # type: ignore[attr-defined]
            return False
        strip = self.strip if self.is_open() else None
        if strip is None:
            view = self._current_view()
            if getattr(view, "engaged", False):
                strip = getattr(view, "strip", None)
        if strip is None or event.type() != QEvent.Type.KeyPress:
            return False
        if self.window.navigator.blank is not None or self.window.overlay_open():
            return False
        if strip.handle_key(event):
            self._hide.start()
            return True
        return False


def install_timeline(window: MainWindow) -> TimelineOverlay:
    """Give `window` the timeline strip (idempotent: a second call returns the first overlay)."""
    existing = window.findChild(TimelineOverlay)
    return existing if existing is not None else TimelineOverlay(window)
