"""Hover and click on the compute chart: the nearest drawn system, its card, the jump to its slide.

A mixin of `ComputeChart` (kept apart so the chart module stays about data and layout); it
reads the chart's `x`, `y`, `systems`, `marks`, `milestone_of`, `deck`, `view_box`, `plot`,
`card` and `_visible_rows()`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QTimer
from PySide6.QtGui import QMouseEvent

from revkiosk.ui.plots.marks import card_html
from revkiosk.ui.plots.pgimport import pg


class PointerMixin:
    """Hover cards, tap cards and click-to-jump for `ComputeChart`."""

    def nearest(self, scene_pos: QPointF, radius_px: float | None = None) -> int | None:
        """Row of the drawn system nearest to `scene_pos`, if within `radius_px` pixels."""
        if not self.view_box.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.view_box.mapSceneToView(scene_pos)
        px_w, px_h = self.view_box.viewPixelSize()
        rows = self._visible_rows()
        if rows.size == 0 or px_w <= 0 or px_h <= 0:
            return None
        dist = np.hypot((self.x[rows] - point.x()) / px_w, (self.y[rows] - point.y()) / px_h)
        # milestones win ties: they are what a visitor reaches for
        dist = dist - np.isin(rows, self.marks.rows) * self._mark_px * 0.3
        best = int(np.argmin(dist))
        limit = radius_px if radius_px is not None else max(self._mark_px * 0.8, self.pt(20))
        return int(rows[best]) if dist[best] <= limit else None

    def scene_pos_of(self, system_name: str) -> QPointF:
        """Scene position of a system's marker (tests drive hover and click with it)."""
        index = next(i for i, s in enumerate(self.systems) if s.name == system_name)
        return self.view_box.mapViewToScene(pg.Point(self.x[index], self.y[index]))

    def card_html(self, index: int) -> str:
        """The hover card: name, organisation, date, FLOP, parameters."""
        title = self.milestone_of.get(index) if self.deck else None
        return card_html(self.systems[index], title, self.theme.muted)

    def hover_at(self, scene_pos: QPointF) -> int | None:
        """Show the card for the system under `scene_pos` (or hide it); returns the row."""
        index = self.nearest(scene_pos)
        if index is None:
            self.card.hide()
            return None
        local = self.plot.mapTo(self, self.plot.mapFromScene(scene_pos))
        self.card.show_near(QPoint(local.x(), local.y()), self.card_html(index))
        return index

    def click_at(self, scene_pos: QPointF) -> int | None:
        """Ask to jump to the milestone slide of the clicked system; returns the slide index.

        A tap on any other system shows its card: touch screens have no hover.
        """
        index = self.hover_at(scene_pos)
        if index is None or self.deck is None or index not in self.milestone_of:
            return None
        slide = self.deck.slide_index_of_system(self.systems[index].name)
        if slide is not None:
            self._jump_to(slide)
        return slide

    def _on_moved(self, args: tuple) -> None:
        self.hover_at(args[0])

    def _on_scene_clicked(self, event) -> None:  # pyqtgraph MouseClickEvent
        on_a_system = self.nearest(event.scenePos()) is not None
        self.click_at(event.scenePos())
        if on_a_system:  # the click was the chart's (a card, a jump): not the slide's too
            event.accept()
            self._click_taken = True
            QTimer.singleShot(0, self, self._forget_click)

    def _forget_click(self) -> None:
        self._click_taken = False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        """The release of a click on a system stops here. Qt hands a release the plot did not
        accept on to the stage, which would read it as "next": a click on a milestone jumped
        to its slide and then went one further; a click on a point showed its card and left."""
        if getattr(self, "_click_taken", False):
            self._click_taken = False
            event.accept()
            return
        event.ignore()
