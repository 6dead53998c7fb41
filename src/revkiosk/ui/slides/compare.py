"""The `compare` slide: a labelled grid of pictures or videos ("same prompt, bigger model").

Videos in a grid are meant to be watched side by side, so on `enter()` every cell is opened
paused on its first frame and all start in the same event-loop turn once each is ready (or
failed); a slow cell waits at most `SYNC_TIMEOUT_MS` and then joins late rather than holding
the others. Nothing here waits synchronously.
"""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import CompareSlide, Slide
from revkiosk.ui.media.widget import MediaWidget
from revkiosk.ui.slide_pictures import default_columns
from revkiosk.ui.slides.canvas import GAP, CanvasView
from revkiosk.ui.slides.widgets import FitText

SYNC_TIMEOUT_MS = 1500
LABEL_PX = 36.0


class CompareView(CanvasView):
    """Title, a grid of `MediaWidget` cells each with a label, and the slide caption."""

    slide: CompareSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title = self._text(
            self.slide.title, QFont.Weight.Bold, self.ink, Qt.AlignmentFlag.AlignLeft
        )
        self.caption = self._text(
            self.slide.caption, QFont.Weight.Normal, self.muted, Qt.AlignmentFlag.AlignLeft
        )
        self.cells: list[MediaWidget] = []
        self.labels: list[FitText] = []
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        for item in self.slide.items:
            self.cells.append(MediaWidget(item.media, context, self, show_caption=False))
            self.labels.append(self._text(item.label, QFont.Weight.DemiBold, self.ink, centre))
        self.columns = max(
            1, min(self.slide.columns or default_columns(len(self.cells)), len(self.cells) or 1)
        )
        self._waiting: set[MediaWidget] = set()
        self._sync_timer = QTimer(self, singleShot=True, interval=SYNC_TIMEOUT_MS)
        self._sync_timer.timeout.connect(self._start_all)
        for cell in self.cells:
            cell.ready.connect(partial(self._on_cell_ready, cell))
            cell.ready.connect(self.arrange)  # a first frame may change a cell's aspect

    def _text(
        self, text: str, weight: QFont.Weight, color: QColor, align: Qt.AlignmentFlag
    ) -> FitText:
        widget = FitText(
            self, family=self.family, weight=weight, color=color, line_height=1.1, align=align
        )
        widget.set_content(text)
        return widget

    # -- layout ----------------------------------------------------------------------------
    def arrange(self) -> None:
        area = self.content_rect()
        top, bottom = area.top(), area.bottom()
        if self.slide.title:
            self.title.set_max_pixel_size(self.pt(64))
            h = self.title.fitted_height(area.width(), self.px(160))
            self.title.setGeometry(area.left(), top, area.width(), h)
            top += h + self.px(GAP * 1.5)
        if self.slide.caption:
            self.caption.set_max_pixel_size(self.pt(30))
            h = self.caption.fitted_height(area.width(), self.px(90))
            self.caption.setGeometry(area.left(), bottom - h, area.width(), h)
            bottom -= h + self.px(GAP)
        if self.cells:
            self._arrange_grid(area.left(), area.width(), top, bottom)

    def _arrange_grid(self, left: int, width: int, top: float, bottom: float) -> None:
        """Rows as tall as their pictures need (labels right under them), centred vertically."""
        rows = math.ceil(len(self.cells) / self.columns)
        gap, label_gap = self.px(GAP), self.px(12)
        cell_w = (width - gap * (self.columns - 1)) / self.columns
        for label in self.labels:
            label.set_max_pixel_size(self.pt(LABEL_PX))
        label_h = max(
            label.fitted_height(round(cell_w), self.px(LABEL_PX * 2.6)) for label in self.labels
        )
        room = (bottom - top - gap * (rows - 1)) / rows - label_h - label_gap
        heights = []
        for row in range(rows):
            cells = self.cells[row * self.columns : (row + 1) * self.columns]
            heights.append(max(1.0, min(room, *(cell_w / cell.aspect() for cell in cells))))
        total = sum(heights) + rows * (label_h + label_gap) + gap * (rows - 1)
        y = top + max(0.0, (bottom - top - total) / 2)
        for row, height in enumerate(heights):
            in_row = min(self.columns, len(self.cells) - row * self.columns)
            offset = (self.columns - in_row) * (cell_w + gap) / 2  # centre a short last row
            for col in range(in_row):
                index = row * self.columns + col
                x = round(left + offset + col * (cell_w + gap))
                self.cells[index].set_stage_height(self.height())
                self.cells[index].setGeometry(x, round(y), round(cell_w), round(height))
                label_top = round(y + height + label_gap)
                self.labels[index].setGeometry(x, label_top, round(cell_w), round(label_h))
            y += height + label_h + label_gap + gap

    # -- life cycle ------------------------------------------------------------------------
    def preload(self) -> None:
        for cell in self.cells:
            cell.preload()

    def enter(self) -> None:
        """Open every video paused, then start them all together once all have a frame."""
        for cell in self.cells:
            if not cell.is_video:
                cell.enter()
        videos = [cell for cell in self.cells if cell.is_video]
        self._waiting = {cell for cell in videos if not cell.is_ready}
        for cell in videos:
            cell.preload()
        if self._waiting:
            self._sync_timer.start()
        else:
            self._start_all()

    def leave(self) -> None:
        self._sync_timer.stop()
        self._waiting.clear()
        for cell in self.cells:
            cell.leave()

    def _on_cell_ready(self, cell: MediaWidget) -> None:
        if not self._waiting:
            return
        self._waiting.discard(cell)
        if not self._waiting:
            self._start_all()

    def _start_all(self) -> None:
        self._sync_timer.stop()
        self._waiting.clear()
        for cell in self.cells:
            if cell.is_video:
                cell.enter()

    def handle_action(self, action: str) -> bool:
        if action != "play_pause":
            return False
        results = [cell.play_pause() for cell in self.cells]
        return any(results)
