"""The timeline widget: a year axis, a lane per domain, a marker per milestone, a scrub handle.

Used twice: as the overlay strip over the stage's bottom edge (`full=False`) and as the body of
a `kind: timeline` slide (`full=True`, with larger lane names and milestone titles). It owns no
navigation: dragging emits `year_scrubbed` (preview) and `scrub_released` (commit), a click or
Enter emits `milestone_chosen`, and the owner decides what to jump to.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPoint, QPointF, QRect, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Milestone
from revkiosk.ui.textruns import TextRecorder, TextRun
from revkiosk.ui.timeline import layout as lay
from revkiosk.ui.timeline.card import PreviewCard
from revkiosk.ui.timeline.geometry import StripGeometry
from revkiosk.ui.timeline.paint import (
    paint_fan,
    paint_handle,
    paint_play,
    paint_rings,
    paint_static,
)
from revkiosk.ui.timeline.thumbs import ThumbCache

SECONDS_PER_YEAR = 1.2  # play speed: the decade in about a quarter of a minute
DRAG_START_PX = 8  # a press that moves less than this is a tap
_STEP_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}


class TimelineStrip(StripGeometry):
    """The scrubber. `set_current` follows the navigator; signals report what the user did."""

    year_scrubbed = Signal(float)  # the handle moved (drag, key, play): chart cursors follow
    scrub_started = Signal()
    scrub_released = Signal(str)  # a drag ended; the milestone under the handle
    milestone_chosen = Signal(str)  # a marker was tapped or Enter pressed: jump now
    close_requested = Signal()
    interacted = Signal()  # any use at all (the overlay restarts its hide timer)

    def __init__(
        self,
        context: ViewContext,
        *,
        full: bool = False,
        domains: tuple[str, ...] = (),
        card_parent: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, full=full, domains=domains, parent=parent)
        self.thumbs: ThumbCache | None = None
        self.card = PreviewCard(context.theme, card_parent or parent)
        self.handle_year = self.milestones[0].date.decimal_year if self.milestones else 2011.0
        self.selected: Milestone | None = self.milestones[0] if self.milestones else None
        self.current_id: str | None = None
        self.dragging = False
        self.show_handle = not full  # the slide shows its handle once engaged or dragged
        self._press: QPointF | None = None
        self._press_hit: object = None
        self._animation: QVariantAnimation | None = None
        self._card_x = 0.0  # where the card points, in strip coordinates
        self.hovered = ""  # milestone id under the pointer (ringed)
        self.setMouseTracking(True)
        # No focus: Tab must stay the window's `overview` key. The overlay's event filter hands
        # the strip its keys (Left/Right, Enter, Esc) before the window sees them.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # nothing shows through

    # state -------------------------------------------------------------------------------
    def set_current(self, milestone_id: str | None, year: float | None = None) -> None:
        """The navigator's place: highlight its milestone and rest the handle there."""
        self.current_id = milestone_id
        self._static = None
        if not self.dragging and not self.is_playing():
            found = next((m for m in self.milestones if m.id == milestone_id), None)
            if found is not None:
                self.selected, self.handle_year = found, found.date.decimal_year
            elif year is not None:
                self.handle_year = year
                self.selected = lay.nearest_milestone(self.milestones, year)
        self.update()

    def set_playable(self, playable: bool) -> None:
        """Show the play button (the current slide has a year cursor to drive)."""
        if playable != self.playable:
            self.playable = playable
            self.card.compact = playable
            if not playable:
                self.stop()
            self.update()

    def scrub_to(self, year: float) -> None:
        """Move the handle to `year`: select the nearest milestone, move the card, tell others."""
        year = min(max(year, self.layout_.year0), self.layout_.year1)
        old_x, previous = self.layout_.x_of(self.handle_year), self.selected
        self.handle_year = year
        self.selected = lay.nearest_milestone(self.milestones, year)
        if self.selected is not None:
            # The card points at the milestone it previews, so it moves only when the
            # selection changes: a moving card makes the slide under it repaint every step.
            self._show_card(self.marker_point(self.selected.id).x())
        self.year_scrubbed.emit(year)
        if self.selected is previous:
            self._update_handle(old_x)
            self._update_handle(self.layout_.x_of(year))
        else:
            self.update()

    def _update_handle(self, x: float) -> None:
        """Repaint only the handle's column (line and year pill) at `x`."""
        half = round(self.layout_.gap * 1.2 + 2 * self.layout_.gap)  # pill and wiped labels
        self.update(QRect(round(x) - half, 0, 2 * half, self.height()))

    def select(self, milestone: Milestone | None) -> None:
        """Keyboard selection: the handle jumps to the milestone's date."""
        if milestone is None:
            return
        self.selected, self.handle_year = milestone, milestone.date.decimal_year
        self._show_card(self.marker_point(milestone.id).x())
        self.year_scrubbed.emit(self.handle_year)
        self.update()

    def _show_card(self, x: float, milestone: Milestone | None = None) -> None:
        milestone = milestone or self.selected
        parent = self.card.parentWidget()
        if milestone is None or parent is None:
            return
        index = self.slide_of.get(milestone.id)
        thumb = self.thumbs.get(index) if self.thumbs is not None and index is not None else None
        self.card.set_content(milestone, self.context.deck.domain(milestone.domain), thumb)
        if self.full:
            y = self.marker_point(milestone.id).y() - self.layout_.gap / 2
        else:
            y = 0.0
        self._card_x = x
        tip = self.mapTo(parent, QPoint(round(x), round(y)))
        self.card.show_at(tip.x(), tip.y(), self.short_side)

    def hide_card(self) -> None:
        self.card.hide()

    def refresh_card(self, slide_index: int) -> None:
        """A thumbnail became ready: show it if the card is showing that slide."""
        if self.card.isVisible() and self.card.milestone is not None:
            if self.slide_of.get(self.card.milestone.id) == slide_index:
                self._show_card(self._card_x, self.card.milestone)

    # play --------------------------------------------------------------------------------
    def is_playing(self) -> bool:
        return self._animation is not None

    def play(self) -> None:
        """Sweep the handle through the years (systems appear on a compute chart as it passes)."""
        self.stop()
        if self.context.visitor.reduced_motion:  # no sweep: straight to where it would end
            self.scrub_to(float(self.layout_.year1))
            return
        start = self.handle_year if self.handle_year < self.layout_.year1 - 0.5 else None
        start = self.layout_.year0 if start is None else start
        animation = QVariantAnimation(self)
        animation.setStartValue(float(start))
        animation.setEndValue(float(self.layout_.year1))
        animation.setDuration(round((self.layout_.year1 - start) * SECONDS_PER_YEAR * 1000))
        animation.setEasingCurve(QEasingCurve.Type.Linear)
        animation.valueChanged.connect(lambda value: self.scrub_to(float(value)))
        animation.finished.connect(self.stop)
        self._animation = animation
        animation.start()
        self.update()

    def stop(self) -> None:
        if self._animation is not None:
            animation, self._animation = self._animation, None
            animation.stop()
            animation.deleteLater()
            self.update()

    # input -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.interacted.emit()
        pos = event.position()
        hit = self.hit(pos)
        self._press, self._press_hit = pos, hit
        if hit == "play":
            self.stop() if self.is_playing() else self.play()
        elif isinstance(hit, lay.Cluster):
            self._expand(hit)
        elif hit is None:  # empty strip: the handle comes to the finger at once
            self._begin_drag()
            self.scrub_to(self.layout_.year_at(pos.x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not self.dragging and self._press_hit != "play":
                if (pos - self._press).manhattanLength() >= DRAG_START_PX:
                    self._begin_drag()
            if self.dragging:
                self.scrub_to(self.layout_.year_at(pos.x()))
            return
        self._hover(pos)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        hit, self._press = self._press_hit, None
        if self.dragging:
            self.dragging = False
            if self.selected is not None:
                self.scrub_released.emit(self.selected.id)
        elif isinstance(hit, Milestone):
            self.selected = hit
            self.milestone_chosen.emit(hit.id)
        self.interacted.emit()

    def leaveEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._set_hovered("")
        if not self.dragging and not self.is_playing():
            self.hide_card()
            self._expand(None)

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self.stop()
        self.dragging, self._press = False, None
        self.hide_card()
        self._expand(None)

    def _begin_drag(self) -> None:
        self.stop()
        self.dragging = True
        self._expand(None)
        self.scrub_started.emit()

    def _hover(self, pos: QPointF) -> None:
        """Fan out the cluster under the pointer; show the card of a marker under it."""
        hit = self.hit(pos)
        if isinstance(hit, lay.Cluster):
            self._expand(hit)
            return
        self._set_hovered(hit.id if isinstance(hit, Milestone) else "")
        if isinstance(hit, Milestone):
            self._show_card(self.marker_point(hit.id).x(), hit)
            return
        if self.expanded is not None:
            xs = self.layout_.fan(self.expanded)
            reach = self.layout_.gap
            if (
                xs[0] - reach <= pos.x() <= xs[-1] + reach
                and abs(pos.y() - self.expanded.y) < reach
            ):
                return  # between fanned markers: keep it open
            self._expand(None)
        if not self.is_playing():
            self.hide_card()

    def _set_hovered(self, milestone_id: str) -> None:
        """Ring the marker under the pointer, so it is clear which one the card shows."""
        if milestone_id != self.hovered:
            self.hovered = milestone_id
            self.update()

    def _expand(self, cluster: lay.Cluster | None) -> None:
        if cluster is not self.expanded:
            self.expanded = cluster
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Left/Right: milestone; Shift+Left/Right: year; Enter: jump; Esc: close; Space: play."""
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift = mods == Qt.KeyboardModifier.ShiftModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        self.interacted.emit()
        if key in _STEP_KEYS and (plain or shift):
            self.stop()
            step = lay.step_year if shift else lay.step_milestone
            self.select(step(self.milestones, self.selected, _STEP_KEYS[key]))
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and plain and self.milestones:
            self.select(self.milestones[0 if key == Qt.Key.Key_Home else -1])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and self.selected:
            self.milestone_chosen.emit(self.selected.id)
        elif key == Qt.Key.Key_Escape and plain:
            self.close_requested.emit()
        elif key == Qt.Key.Key_Space and plain and self.playable:
            self.stop() if self.is_playing() else self.play()
        else:
            return False
        return True

    # paint -------------------------------------------------------------------------------
    def text_runs(self) -> list[TextRun]:
        """The years, lane names, milestone titles and cluster counts the strip draws (what its
        static picture holds), for the legibility audit."""
        style = self.style_
        if style is None or not self.layout_.lanes:
            return []
        names = {lane.domain.name for lane in self.layout_.lanes}

        def element(text: str) -> str:
            if text.isdigit():
                return "timeline year" if len(text) == 4 else "cluster count"
            if text.rstrip("…") in names or any(n.startswith(text.rstrip("…")) for n in names):
                return "lane name"
            return "timeline title"

        recorder = TextRecorder(element)
        paint_static(recorder, self.layout_, style, self.width(), self.height(), self.current_id)  # type: ignore[arg-type]
        return recorder.runs

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        style = self.style_
        if style is None or not self.layout_.lanes:
            return
        if self._static is None or self._static.size() != self.size() * self.devicePixelRatio():
            self._static = QPixmap(self.size() * self.devicePixelRatio())
            self._static.setDevicePixelRatio(self.devicePixelRatio())
            self._static.fill(Qt.GlobalColor.transparent)
            cache = QPainter(self._static)
            paint_static(cache, self.layout_, style, self.width(), self.height(), self.current_id)
            cache.end()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._static)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        active = self.show_handle or self.dragging or self.is_playing()
        selected = self.selected.id if self.selected and active else ""
        if active:
            paint_handle(painter, self.layout_, self.handle_year, style)
        paint_rings(painter, self.layout_, style, {selected, self.hovered} - {""}, self.expanded)
        if self.expanded is not None:
            ring = self.hovered or selected
            paint_fan(painter, self.layout_, self.expanded, style, self.current_id, ring)
        if self.playable:
            paint_play(painter, self.play_rect(), self.is_playing(), style)
        painter.end()
