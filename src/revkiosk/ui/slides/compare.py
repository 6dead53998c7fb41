"""The `compare` slide: a labelled grid of pictures or videos ("same prompt, bigger model").

Videos in a grid are meant to be watched side by side, so once the slide has settled
(`SETTLE_MS` after `enter()`: a grid passed over at speed opens no file, see `video.py`) every
cell is opened paused on its first frame and all start in the same event-loop turn once each is
ready (or failed); a slow cell waits at most `SYNC_TIMEOUT_MS` and then joins late rather than
holding the others. Nothing here waits synchronously.
"""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import CompareSlide, Slide
from revkiosk.shape import Shape
from revkiosk.ui.fit_text import FitText
from revkiosk.ui.media.video import SETTLE_MS
from revkiosk.ui.media.widget import MediaWidget
from revkiosk.ui.slide_pictures import default_columns
from revkiosk.ui.slides.canvas import GAP, CanvasView

SYNC_TIMEOUT_MS = 1500
LABEL_PX = 36.0
CAPTION_PX = 31.0


class CompareView(CanvasView):
    """Title, a grid of `MediaWidget` cells each with a label, and the slide caption."""

    slide: CompareSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title = self._text(
            self.slide.title, "title", QFont.Weight.Bold, self.ink, Qt.AlignmentFlag.AlignLeft
        )
        self.caption = self._text(
            self.slide.caption, "caption", QFont.Weight.Normal, self.muted,
            Qt.AlignmentFlag.AlignLeft,
        )  # fmt: skip
        self.cells: list[MediaWidget] = []
        self.labels: list[FitText] = []
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        for item in self.slide.items:
            self.cells.append(MediaWidget(item.media, context, self, show_caption=False))
            self.labels.append(
                self._text(item.label, "label", QFont.Weight.DemiBold, self.ink, centre)
            )
        self.columns = self.wanted_columns()
        self._waiting: set[MediaWidget] = set()
        self._sync_timer = QTimer(self, singleShot=True, interval=SYNC_TIMEOUT_MS)
        self._sync_timer.timeout.connect(self._start_all)
        self._settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle_timer.timeout.connect(self._open_videos)
        for cell in self.cells:
            cell.ready.connect(partial(self._on_cell_ready, cell))
            cell.ready.connect(self.arrange)  # a first frame may change a cell's aspect

    def _text(
        self, text: str, element: str, weight: QFont.Weight, color: QColor,
        align: Qt.AlignmentFlag,
    ) -> FitText:  # fmt: skip
        return self.make_text(
            text, element=element, weight=weight, color=color, line_height=1.1, align=align
        )

    def wanted_columns(self) -> int:
        """The author's `columns` (or the default for the count), at most one per cell."""
        count = len(self.cells) or 1
        return max(1, min(self.slide.columns or default_columns(count), count))

    # -- layout ----------------------------------------------------------------------------
    def arrange(self) -> None:
        area = self.content_rect()
        top, bottom = area.top(), area.bottom() + 1
        if self.slide.title:
            self.size_text(self.title, 64)
            h = self.title.fitted_height(area.width(), round(area.height() * 0.25))
            self.title.setGeometry(area.left(), top, area.width(), h)
            top += h + self.px(GAP * 1.5)
        if self.slide.caption:
            self.size_text(self.caption, CAPTION_PX)
            h = self.caption.fitted_height(area.width(), round(area.height() * 0.25))
            self.caption.setGeometry(area.left(), bottom - h, area.width(), h)
            bottom -= h + self.px(GAP)
        if self.cells:
            for label in self.labels:
                self.size_text(label, LABEL_PX)
            self.columns = self._best_columns(area.width(), top, bottom)
            self._arrange_grid(area.left(), area.width(), top, bottom, self.columns)

    def _best_columns(self, width: int, top: float, bottom: float) -> int:
        """The author's columns on a landscape screen when the labels fit in whole words;
        otherwise (a portrait totem, a 4:3 monitor) the column count that shows the pictures
        largest with every label whole."""
        wanted = self.wanted_columns()
        scored = []
        for columns in range(1, len(self.cells) + 1):
            area, whole = self._grid_score(width, top, bottom, columns)
            if whole:
                scored.append((area, columns))
        if not scored:
            return wanted
        if self.shape() is Shape.LANDSCAPE and wanted in {c for _, c in scored}:
            return wanted
        return max(scored)[1]

    def _cell_width(self, width: int, columns: int) -> float:
        return (width - self.px(GAP) * (columns - 1)) / columns

    def _label_height(self, cell_w: float, only_whole: bool = False) -> tuple[int, bool]:
        """The tallest label at `cell_w` (allowing three lines), and whether all fit whole.
        `only_whole` stops at the first label that does not (its height is then meaningless):
        a grid of 200 cells must not measure 200 labels for each of 200 column counts."""
        room = round(self.pt(LABEL_PX) * 1.2 * 3)
        tallest, whole = 0, True
        for label in self.labels:
            fit = label.measure(cell_w, room)
            tallest = max(tallest, min(fit.height, room))
            if not fit.fits or fit.broken:
                whole = False
                if only_whole:
                    break
        return tallest, whole

    def _row_heights(self, columns: int, cell_w: float, room: float) -> list[float]:
        rows = math.ceil(len(self.cells) / columns)
        heights = []
        for row in range(rows):
            cells = self.cells[row * columns : (row + 1) * columns]
            heights.append(max(1.0, min(room, *(cell_w / cell.aspect() for cell in cells))))
        return heights

    def _grid_score(
        self, width: int, top: float, bottom: float, columns: int
    ) -> tuple[float, bool]:
        rows = math.ceil(len(self.cells) / columns)
        cell_w = self._cell_width(width, columns)
        free = (bottom - top - self.px(GAP) * (rows - 1)) / rows - self.px(12)
        if free < self.px(60):  # too many rows even before the labels: measure none
            return 0.0, False
        label_h, whole = self._label_height(cell_w, only_whole=True)
        room = free - label_h
        if room < self.px(60) or not whole:
            return 0.0, False
        heights = self._row_heights(columns, cell_w, room)
        area = 0.0  # what the pictures show: each at its own aspect inside its cell
        for index, cell in enumerate(self.cells):
            height = heights[index // columns]
            area += height * min(cell_w, height * cell.aspect())
        return area, whole

    def _arrange_grid(self, left: int, width: int, top: float, bottom: float, columns: int) -> None:
        """Rows as tall as their pictures need (labels right under them), centred vertically."""
        rows = math.ceil(len(self.cells) / columns)
        gap, label_gap = self.px(GAP), self.px(12)
        cell_w = self._cell_width(width, columns)
        label_h, _whole = self._label_height(cell_w)
        room = (bottom - top - gap * (rows - 1)) / rows - label_h - label_gap
        heights = self._row_heights(columns, cell_w, room)
        total = sum(heights) + rows * (label_h + label_gap) + gap * (rows - 1)
        y = top + max(0.0, (bottom - top - total) / 2)
        for row, height in enumerate(heights):
            in_row = min(columns, len(self.cells) - row * columns)
            offset = (columns - in_row) * (cell_w + gap) / 2  # centre a short last row
            for col in range(in_row):
                index = row * columns + col
                x = round(left + offset + col * (cell_w + gap))
                self.cells[index].set_short_side(self.short_side())
                self.cells[index].setGeometry(x, round(y), round(cell_w), round(height))
                label_top = round(y + height + label_gap)
                self.labels[index].setGeometry(x, label_top, round(cell_w), round(label_h))
            y += height + label_h + label_gap + gap

    # -- life cycle ------------------------------------------------------------------------
    def preload(self) -> None:
        for cell in self.cells:
            cell.preload()

    def enter(self) -> None:
        """Stills and animations now; the videos once the slide has settled."""
        for cell in self.cells:
            if not cell.is_video:
                cell.enter()
        if any(cell.is_video for cell in self.cells):
            self._settle_timer.start()

    def _open_videos(self) -> None:
        """Open every video paused, then start them all together once all have a frame."""
        videos = [cell for cell in self.cells if cell.is_video]
        self._waiting = {cell for cell in videos if not cell.is_ready}
        for cell in videos:
            cell.preload()
        if self._waiting:
            self._sync_timer.start()
        else:
            self._start_all()

    def leave(self) -> None:
        self._settle_timer.stop()
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
                cell.start()

    def handle_action(self, action: str) -> bool:
        if action != "play_pause":
            return False
        if self._settle_timer.isActive():  # K before the videos started: they stay paused
            self._settle_timer.stop()
            return True
        results = [cell.play_pause() for cell in self.cells]
        return any(results)
