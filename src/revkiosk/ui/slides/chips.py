"""Small slide parts sized from the slide: the domain chip (`VISION` pill + date and org) and
the source line.

Both size their type from the slide's short side they are given, never from their own size,
and never below the legibility floor. Neither cuts its text: the chip moves its date under the
pill when there is no room beside it (and the organisation under the date after that); the
source line wraps, after a slash when a URL is too long for the line.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from revkiosk.theme import Theme
from revkiosk.ui.colors import field_for, ink_on
from revkiosk.ui.fit_text import FitText
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.textruns import TextRun, line_run

NAME_PX = 31.0  # design px of the pill's name: caps, so its cap height is the floor at 1080p
DETAIL_PX = 32.0
SOURCE_PX = 31.0


class StageSized(QWidget):
    """A part sized from the slide's short side, like the views themselves."""

    def __init__(self, theme: Theme, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme, self.family = theme, family
        self.short_side = 1080

    def set_short_side(self, side: int) -> None:
        if side != self.short_side:
            self.short_side = max(1, side)
            self.arrange()
            self.update()

    def arrange(self) -> None:
        """Lay out for the current size and short side (subclasses)."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self.arrange()

    def px(self, design_px: float) -> float:
        return design_px * self.theme.scale_for(self.short_side)

    def floor_px(self) -> int:
        return floor_font_px(self.short_side, self.family)

    def visual(self, rect: QRectF) -> QRectF:
        """`rect`, laid out left to right, where it goes in this widget's direction."""
        if not self.isRightToLeft():
            return rect
        return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())

    def face(self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        """The face at a design size, never under the floor."""
        font = QFont(self.family)
        font.setPixelSize(max(self.theme.pt(design_px, self.short_side), self.floor_px()))
        font.setWeight(weight)
        return font


class DomainChip(StageSized):
    """`VISION` in a filled pill of the domain colour, then `May 2020 · OpenAI` beside it — or
    under it, wrapped if need be, when the column is too narrow."""

    def __init__(
        self, name: str, detail: str, color: QColor, theme: Theme, family: str, parent=None
    ) -> None:
        super().__init__(theme, family, parent)
        self.name = name.upper()
        self.color = field_for(QColor(color), theme.ratio(1.0))
        self.detail = FitText(self, family=family, weight=QFont.Weight.DemiBold,
                              color=theme.muted, line_height=1.2,
                              element="date and organisation")  # fmt: skip
        self.detail.set_shrink(0.75)  # a little smaller to stay on the pill's line
        self.detail.set_content(detail)
        self.detail.setVisible(bool(detail))
        self._pill = QRectF()

    def _name_font(self) -> QFont:
        font = self.face(NAME_PX, QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 112)
        return font

    def row_height(self) -> float:
        return max(self.px(56), QFontMetricsF(self._name_font()).height() * 1.5)

    def _layout(self, width: float) -> tuple[QRectF, QRectF]:
        """The pill and the detail's box for `width`: the detail beside the pill when its one
        line fits there, else under the pill, wrapped to the width."""
        self.detail.set_max_pixel_size(self.theme.pt(DETAIL_PX, self.short_side))
        self.detail.set_floor(self.floor_px())
        row = self.row_height()
        pill = QRectF()
        x = 0.0
        if self.name:
            pad = self.px(22)
            pill = QRectF(0, 0, QFontMetricsF(self._name_font()).horizontalAdvance(self.name)
                          + 2 * pad, row)  # fmt: skip
            x = pill.width() + self.px(24)
        if not self.detail.text():
            return pill, QRectF()
        line = self.detail.natural_height(1e6)  # one line at full size
        fit = self.detail.measure(width - x, line)
        if fit.fits:  # one line beside the pill (maybe a little smaller)
            return pill, QRectF(x, (row - fit.height) / 2, width - x, fit.height)
        top = row + self.px(8) if self.name else 0.0
        return pill, QRectF(0, top, width, self.detail.natural_height(width))

    def preferred_height(self, width: float) -> int:
        pill, detail = self._layout(width)
        return round(max(pill.bottom(), detail.bottom()))

    def arrange(self) -> None:
        pill, detail = self._layout(self.width())
        self._pill = self.visual(pill)  # a right-to-left chip starts at the right
        self.detail.setGeometry(self.visual(detail).toRect())

    def text_runs(self) -> list[TextRun]:
        if not self.name:
            return []
        return [line_run("domain chip", self.name, self._name_font(), self._pill,
                         Qt.AlignmentFlag.AlignCenter)]  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.name:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self._pill.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        painter.drawRoundedRect(self._pill, radius, radius)
        painter.setFont(self._name_font())
        painter.setPen(ink_on(self.color))
        painter.drawText(self._pill, Qt.AlignmentFlag.AlignCenter, self.name)
        painter.end()


class SourceLine(FitText):
    """A muted `Source: arxiv.org/abs/…` line: wrapped (after a slash if need be), never elided."""

    def __init__(self, text: str, theme: Theme, family: str, parent=None) -> None:
        super().__init__(parent, family=family, color=theme.muted, line_height=1.2,
                         element="source line")  # fmt: skip
        self.theme = theme
        self.set_shrink(0.75)  # at 100 % it is at the floor already; larger text may give a little
        self.set_content(text)

    def set_short_side(self, side: int) -> None:
        self.set_max_pixel_size(self.theme.pt(SOURCE_PX, side))
        self.set_floor(floor_font_px(side, self._family))
