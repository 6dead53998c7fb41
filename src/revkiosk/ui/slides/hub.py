"""`kind: hub` slides: a menu of tiles a visitor chooses a path from.

Each tile is a button (a picture, a title and how much lies behind it) that asks the navigator
to jump through `context.jump_to`; the grid picks its columns so tiles stay near 4:3 in any
screen shape, and every tile is far larger than a 9 mm touch target.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.explore import tile_picture
from revkiosk.deck.model import HubSlide, HubTile, Slide
from revkiosk.i18n.words import ngettext
from revkiosk.theme import Theme
from revkiosk.ui.colors import ink_on
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.slide_pictures import grid_columns, tile_box
from revkiosk.ui.slides.canvas import GAP, CanvasView
from revkiosk.ui.slides.still import StillImage
from revkiosk.ui.slides.widgets import FitText
from revkiosk.ui.textruns import TextRun, line_run, wrapped_runs

# The sizes tile titles and counts were fitted at, for the process (as `FitText` keeps its
# measures): a hub rebuilt at a visitor's pace (evicted from the stage's views, a language or
# text-size change) measures nothing again — ~70 trial layouts, ~6 ms of its key press.
_FACE_SIZES: dict[tuple[object, ...], int] = {}
FACE_SIZES_KEPT = 512
TITLE_PX, COUNT_PX = 46.0, 32.0  # design px: the count's caps stay above 22 px at 1080


def count_label(tile: HubTile) -> str:
    """What lies behind a tile ("7 milestones", "1 slide"), in the player's language."""
    n = tile.count
    if tile.unit == "milestones":
        return ngettext("{count} milestone", "{count} milestones", n, count=n)
    return ngettext("{count} slide", "{count} slides", n, count=n)


class HubTileButton(QAbstractButton):
    """One tile: its picture on top, a band with the title and the count below."""

    def __init__(self, tile: HubTile, picture: StillImage | None, theme: Theme, family: str,
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self.tile, self.theme, self.family = tile, theme, family
        self.picture = picture
        if picture is not None:
            picture.setParent(self)
            picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.color = QColor(tile.color or theme.accent)
        self.short_side = 1080  # the slide's: type is sized from it
        self._title_face: tuple[tuple[int, int, int, str], QFont, int] | None = None
        self.setText(tile.title)
        self.setAccessibleName(f"{tile.title}, {count_label(tile)}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the navigator

    def px(self, design: float) -> float:
        return design * self.theme.scale_for(self.short_side)

    def face(
        self, design: float, weight: QFont.Weight, max_lines: int = 1, text: str | None = None
    ) -> QFont:
        """The face at a design size, shrunk (to 60 % at most, never under the legibility floor)
        until each word of the title fits the tile's width and the title takes at most
        `max_lines` lines — or, for another `text` (the count), until that fits on one line: a
        narrow tile never cuts a word."""
        font = QFont(self.family)
        font.setWeight(weight)
        floor = floor_font_px(self.short_side, self.family)
        full = max(self.theme.pt(design, self.short_side), floor)
        width = max(self.width() - 2 * self.px(26), 1.0)
        key = (self.family, weight.value, full, floor, width, max_lines, text, self.tile.title)
        size = _FACE_SIZES.get(key)
        if size is None:
            size = self._fitted_size(font, full, floor, width, max_lines, text)
            if len(_FACE_SIZES) >= FACE_SIZES_KEPT:
                _FACE_SIZES.clear()  # a new screen size or deck: start again
            _FACE_SIZES[key] = size
        font.setPixelSize(size)
        return font

    def _fitted_size(
        self, font: QFont, full: int, floor: int, width: float, max_lines: int, text: str | None
    ) -> int:
        words = self.tile.title.split() if text is None else [text]
        size = full
        while size > max(full * 0.6, floor):
            font.setPixelSize(size)
            metrics = QFontMetricsF(font)
            fits = max((metrics.horizontalAdvance(word) for word in words), default=0) <= width
            if fits and (text is not None or self._lines(font, width) <= max_lines):
                break
            size -= max(1, round(full * 0.05))
        return max(size, floor)

    def _lines(self, font: QFont, width: float) -> int:
        metrics = QFontMetricsF(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        bound = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, self.tile.title)
        return max(1, round(bound.height() / metrics.lineSpacing()))

    def title_face(self) -> tuple[QFont, int]:
        """The title's face and its number of lines (three at most, fewer when the tile is too
        short for three and the count under them). Kept per tile size: paint only reads it."""
        key = (self.width(), self.height(), self.short_side, self.tile.title)
        if self._title_face is None or self._title_face[0] != key:
            width = max(self.width() - 2 * self.px(26), 1.0)
            room = self.height() - self.px(6) - self.px(12)
            for max_lines in (3, 2, 1):
                font = self.face(TITLE_PX, QFont.Weight.Bold, max_lines=max_lines)
                lines = min(self._lines(font, width), 3)
                if self._band(font, lines) <= room:
                    break
            self._title_face = (key, font, lines)
        return QFont(self._title_face[1]), self._title_face[2]

    def _band(self, title: QFont, lines: int) -> float:
        count = QFontMetricsF(
            self.face(COUNT_PX, QFont.Weight.DemiBold, text=count_label(self.tile))
        ).lineSpacing()
        return self.px(40) + lines * QFontMetricsF(title).lineSpacing() + count

    def band_height(self) -> float:
        """Room for the title and the count under the picture."""
        return self._band(*self.title_face())

    def picture_rect(self) -> QRect:
        edge = round(self.px(6))
        height = max(self.height() - edge - round(self.band_height()), 0)
        return QRect(edge, edge, self.width() - 2 * edge, height)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        if self.picture is not None:
            self.picture.radius = self.px(14)
            self.picture.setGeometry(self.picture_rect())

    def _text_boxes(self) -> tuple[QRectF, QRectF]:
        """Where the title and the count are drawn, under the picture."""
        band = QRectF(self.rect())
        band.setTop(self.picture_rect().bottom() + self.px(12))
        pad = self.px(26)
        text = band.adjusted(pad, 0, -pad, -self.px(14))
        title, lines = self.title_face()
        title_h = QFontMetricsF(title).lineSpacing() * lines
        return (
            QRectF(text.left(), text.top(), text.width(), title_h),
            QRectF(text.left(), text.top() + title_h, text.width(), text.height() - title_h),
        )

    def text_runs(self) -> list[TextRun]:
        """The title's lines and the count, for the legibility audit."""
        title_box, count_box = self._text_boxes()
        runs = wrapped_runs("tile title", self.tile.title, self.title_face()[0], title_box)
        count = self.face(COUNT_PX, QFont.Weight.DemiBold, text=count_label(self.tile))
        runs.append(
            line_run(
                "tile count",
                count_label(self.tile),
                count,
                count_box,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            )
        )
        if self.picture is None and self.tile.via != "timeline":
            runs.append(
                line_run(
                    "tile figure",
                    str(self.tile.count),
                    self.face(120, QFont.Weight.Bold, text=str(self.tile.count)),
                    QRectF(self.picture_rect()),
                    Qt.AlignmentFlag.AlignCenter,
                )
            )
        return runs  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.px(20)
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(self.color, max(2.0, self.px(6))))
        painter.setBrush(QColor(self.theme.surface))
        painter.drawRoundedRect(box, radius, radius)
        if self.picture is None:
            self._paint_field(painter, QRectF(self.picture_rect()))
        band = QRectF(self.rect())
        band.setTop(self.picture_rect().bottom() + self.px(12))
        pad = self.px(26)
        text = band.adjusted(pad, 0, -pad, -self.px(14))
        title, lines = self.title_face()
        count = self.face(COUNT_PX, QFont.Weight.DemiBold, text=count_label(self.tile))
        title_h = QFontMetricsF(title).lineSpacing() * lines
        painter.setFont(title)
        painter.setPen(QColor(self.theme.text))
        painter.drawText(
            QRectF(text.left(), text.top(), text.width(), title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.tile.title,
        )
        painter.setFont(count)
        painter.setPen(QColor(self.theme.muted))
        painter.drawText(
            QRectF(text.left(), text.top() + title_h, text.width(), text.height() - title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            count_label(self.tile),
        )
        if self.isDown():  # the finger is on it: say so before the jump
            painter.setPen(Qt.PenStyle.NoPen)
            shade = QColor(self.color)
            shade.setAlpha(70)
            painter.setBrush(shade)
            painter.drawRoundedRect(box, radius, radius)
        painter.end()

    def _paint_field(self, painter: QPainter, rect: QRectF) -> None:
        """No picture: a field in the tile's colour with its count large (a timeline tile
        gets a row of dated dots)."""
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        field = QColor(self.color)
        painter.setBrush(field)
        painter.drawRoundedRect(rect, self.px(14), self.px(14))
        ink = ink_on(field)
        if self.tile.via == "timeline":
            y = rect.center().y()
            painter.setPen(QPen(ink, max(2.0, self.px(6))))
            painter.drawLine(
                round(rect.left() + rect.width() * 0.1), round(y),
                round(rect.right() - rect.width() * 0.1), round(y),
            )  # fmt: skip
            painter.setBrush(ink)
            dots = 7
            radius = min(self.px(12), rect.width() / 36, rect.height() / 8)
            for k in range(dots):
                x = rect.left() + rect.width() * (0.14 + 0.72 * k / (dots - 1))
                painter.drawEllipse(QRectF(x - radius, y - radius, 2 * radius, 2 * radius))
        else:
            painter.setPen(ink)
            painter.setFont(self.face(120, QFont.Weight.Bold, text=str(self.tile.count)))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self.tile.count))
        painter.restore()


class HubView(CanvasView):
    """The hub: a title, an optional subtitle and a grid of tiles."""

    slide: HubSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title = self.make_title(self.slide.title)
        self.subtitle = FitText(self, family=self.family, color=self.muted, line_height=1.2)
        self.subtitle.set_content(self.slide.subtitle)
        self.subtitle.setVisible(bool(self.slide.subtitle))
        self.tiles: list[HubTileButton] = []
        for tile in self.slide.tiles:
            path = tile_picture(context.deck.slides, tile)
            picture = None
            if path is not None:
                # from the worker (or the cache): a hub of five pictures decoded at once held
                # a key press ~90 ms (issue 21); a tile's picture may come a moment later
                # decoded for a tile, not the screen: 2 MB each, not 8 (the cache holds more)
                box = tile_box(len(self.slide.tiles), self.slide.columns)
                picture = StillImage(
                    path, self.theme, fit="fill", family=self.family, light=False, box=box
                )
            button = HubTileButton(tile, picture, self.theme, self.family, self)
            button.clicked.connect(lambda _=False, t=tile.target: self.context.jump_to(t))
            self.tiles.append(button)

    def arrange(self) -> None:
        area = self.content_rect()
        top = area.top()
        if self.slide.title:
            self.size_text(self.title, 72)
            title_h = self.title.fitted_height(area.width(), self.px(120))
            self.title.setGeometry(area.left(), top, area.width(), title_h)
            top += title_h + self.px(GAP * 0.4)
        if self.slide.subtitle:
            self.size_text(self.subtitle, 40)
            sub_h = self.subtitle.fitted_height(area.width(), self.px(110))
            self.subtitle.setGeometry(area.left(), top, area.width(), sub_h)
            top += sub_h
        top += self.px(GAP)
        grid = QRect(area.left(), top, area.width(), area.bottom() - top + 1)
        if not self.tiles:
            return
        for button in self.tiles:
            button.short_side = self.short_side()
        band = self.tiles[0].band_height()
        columns = grid_columns(
            len(self.tiles), grid.width(), grid.height(), band, self.slide.columns
        )
        rows = math.ceil(len(self.tiles) / columns)
        gap = self.px(GAP)
        width = (grid.width() - gap * (columns - 1)) / columns
        height = (grid.height() - gap * (rows - 1)) / rows
        for index, button in enumerate(self.tiles):
            row, column = divmod(index, columns)
            button.setGeometry(
                round(grid.left() + column * (width + gap)),
                round(grid.top() + row * (height + gap)),
                round(width),
                round(height),
            )
