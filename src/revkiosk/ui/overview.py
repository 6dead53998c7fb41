"""The overview grid: every slide as a thumbnail; pick one with the arrows and Enter, or a click.

Painted by one widget (no widget per cell) so opening a 60-slide grid is instant. Thumbnails
come from `revkiosk.ui.render.render_slide` when that module is available, rendered lazily —
one per event-loop turn, visible cells first — and cached for the session; until a thumbnail
exists the cell shows a card with the slide's heading.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.i18n.words import _
from revkiosk.theme import Theme
from revkiosk.ui.overlays import CENTER, RIGHT, WRAP, Overlay

log = logging.getLogger(__name__)
THUMB = QSize(480, 270)


class OverviewGrid(Overlay):
    """Grid of slide thumbnails. Emits `picked(index)`; the window closes it and navigates."""

    picked = Signal(int)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.context: ViewContext | None = None
        self.selected = 0
        self._top_row = 0
        self._thumbs: dict[int, QImage] = {}
        self._failed: set[int] = set()
        self.aspect = 16 / 9  # the audience slide's width / height (a portrait kiosk: < 1)
        self._timer = QTimer(self, interval=0, timeout=self._render_one)

    def set_aspect(self, aspect: float) -> None:
        """Thumbnails take the shape of the slides shown (the window tells on opening)."""
        if abs(aspect - self.aspect) > 1e-3:
            self.aspect = aspect
            self._thumbs.clear()
            self._failed.clear()

    def thumb_size(self) -> QSize:
        """A thumbnail's pixels: the slides' shape, with as many pixels as 480x270."""
        scale = (THUMB.width() * THUMB.height() / self.aspect) ** 0.5
        return QSize(round(scale * self.aspect), round(scale))

    def set_context(self, context: ViewContext) -> None:
        """A (new) deck: forget thumbnails of the old one."""
        self.context = context
        self._thumbs.clear()
        self._failed.clear()

    @property
    def count(self) -> int:
        return len(self.context.deck.slides) if self.context else 0

    def columns(self) -> int:
        return max(3, min(6, math.ceil(math.sqrt(self.count * self.aspect * 0.6))))

    def open(self, current: int) -> None:
        self.selected = current
        self.show()
        self.raise_()
        self._scroll_to_selected()
        self._timer.start()
        self.update()

    def close_overview(self) -> None:
        self._timer.stop()
        self.hide()

    # --- layout -------------------------------------------------------------------------

    def _cell_size(self) -> tuple[int, int, int]:
        """(cell width, cell height including label, gap)."""
        gap = self.px(28)
        cols = self.columns()
        w = (self.width() - 2 * self.px(70) - (cols - 1) * gap) // cols
        return w, round(w / self.aspect) + self.px(44), gap

    def _visible_rows(self) -> int:
        _, h, gap = self._cell_size()
        return max(1, (self.height() - self.px(150)) // (h + gap))

    def cell_rect(self, index: int) -> QRect:
        """Where slide `index` is drawn (may be off-screen when scrolled away)."""
        w, h, gap = self._cell_size()
        cols = self.columns()
        row, col = divmod(index, cols) if cols else (0, 0)
        x = self.px(70) + col * (w + gap)
        y = self.px(120) + (row - self._top_row) * (h + gap)
        return QRect(x, y, w, h)

    def _scroll_to_selected(self) -> None:
        row = self.selected // self.columns()
        rows = self._visible_rows()
        if row < self._top_row:
            self._top_row = row
        elif row >= self._top_row + rows:
            self._top_row = row - rows + 1

    def index_at(self, x: int, y: int) -> int | None:
        for index in range(self.count):
            if self.cell_rect(index).contains(x, y):
                return index
        return None

    # --- thumbnails ---------------------------------------------------------------------

    def _render_one(self) -> None:
        """Render the next missing thumbnail, visible cells first; stop when none is left."""
        if not self.isVisible() or not self.context:
            self._timer.stop()
            return
        first = self._top_row * self.columns()
        last = first + self._visible_rows() * self.columns()
        order = [*range(first, min(last, self.count)), *range(self.count)]
        todo = next((i for i in order if i not in self._thumbs and i not in self._failed), None)
        if todo is None:
            self._timer.stop()
            return
        try:
            from revkiosk.ui.render import render_slide

            slide = self.context.deck.slides[todo]
            self._thumbs[todo] = render_slide(slide, self.context, self.thumb_size())
        except Exception:  # a card with the heading is a fine fallback
            log.debug("no thumbnail for slide %d", todo + 1, exc_info=True)
            self._failed.add(todo)
        self.update(self.cell_rect(todo))

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        self.backdrop(painter, 255)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(44, QFont.Weight.Bold))
        title = QRect(self.px(70), self.px(30), self.width(), self.px(70))
        painter.drawText(title, Qt.AlignmentFlag.AlignVCenter.value, _("All slides"))
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(24))
        hint = _("Arrows move · Enter or click opens · Esc closes")
        painter.drawText(title.adjusted(0, 0, -self.px(140), 0), RIGHT, hint)
        for index in range(self.count):
            rect = self.cell_rect(index)
            if rect.bottom() < 0 or rect.top() > self.height():
                continue
            if event.rect().intersects(rect.adjusted(-8, -8, 8, 8)):
                self._paint_cell(painter, index, rect)
        painter.end()

    def _paint_cell(self, painter: QPainter, index: int, rect: QRect) -> None:
        image_rect = QRect(rect.x(), rect.y(), rect.width(), round(rect.width() / self.aspect))
        thumb = self._thumbs.get(index)
        if thumb is not None:
            painter.drawImage(image_rect, thumb)
        else:
            painter.fillRect(image_rect, QColor(self.theme.surface))
            painter.setPen(QColor(self.theme.text))
            painter.setFont(self.font(26, QFont.Weight.DemiBold))
            inner = image_rect.adjusted(self.px(14), self.px(10), -self.px(14), -self.px(10))
            painter.drawText(inner, CENTER | WRAP, self.context.deck.slides[index].heading)
        if index == self.selected:
            pen = painter.pen()
            pen.setColor(QColor(self.theme.accent))
            pen.setWidth(self.px(7))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(image_rect.adjusted(-self.px(3), -self.px(3), self.px(3), self.px(3)))
        painter.setPen(QColor(self.theme.accent if index == self.selected else self.theme.muted))
        painter.setFont(self.font(22))
        label = QRect(rect.x(), image_rect.bottom() + self.px(6), rect.width(), self.px(34))
        heading = self.context.deck.slides[index].heading
        text = painter.fontMetrics().elidedText(
            f"{index + 1}  {heading}", Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter.value, text)

    # --- input --------------------------------------------------------------------------

    def move_selection(self, delta: int) -> None:
        self.selected = min(max(self.selected + delta, 0), max(self.count - 1, 0))
        self._scroll_to_selected()
        self._timer.start()
        self.update()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Arrows, Page keys, Home/End move; Enter picks. Returns True when consumed."""
        key, cols = event.key(), self.columns()
        moves = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: cols,
            Qt.Key.Key_Up: -cols,
            Qt.Key.Key_PageDown: cols * self._visible_rows(),
            Qt.Key.Key_PageUp: -cols * self._visible_rows(),
            Qt.Key.Key_Home: -self.count,
            Qt.Key.Key_End: self.count,
        }
        if key in moves:
            self.move_selection(moves[key])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.picked.emit(self.selected)
            return True
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        pos = event.position().toPoint()
        index = self.index_at(pos.x(), pos.y())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.selected = index
            self.picked.emit(index)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        steps = -event.angleDelta().y() // 120
        if steps:
            self.move_selection(steps * self.columns())
