"""Small stage-sized parts: the domain chip (`VISION` pill + date and org) and the source line.

Both size their type from the stage height they are given, never from their own size, so they
stay in proportion with the rest of the slide.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.theme import Theme
from revkiosk.ui.colors import field_for, ink_on


class StageSized(QWidget):
    """A part sized from the stage height, like the views themselves."""

    def __init__(self, theme: Theme, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme, self.family = theme, family
        self.stage_height = 1080

    def set_stage_height(self, height: int) -> None:
        self.stage_height = max(1, height)
        self.update()

    def px(self, design_px: float) -> float:
        return design_px * self.theme.scale_for(self.stage_height)

    def face(self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(self.theme.pt(design_px, self.stage_height))
        font.setWeight(weight)
        return font

    def visual(self, rect: QRectF) -> QRectF:
        """`rect`, laid out left to right, where it goes in this widget's direction."""
        if not self.isRightToLeft():
            return rect
        return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())


class DomainChip(StageSized):
    """`VISION` in a filled pill of the domain colour, then `May 2020 · OpenAI` beside it."""

    def __init__(
        self, name: str, detail: str, color: QColor, theme: Theme, family: str, parent=None
    ) -> None:
        super().__init__(theme, family, parent)
        self.name, self.detail = name.upper(), detail
        self.color = field_for(QColor(color), theme.ratio(1.0))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setLayoutDirection(self.layoutDirection())
        height = self.height()
        x = 0.0
        if self.name:
            font = self.face(26, QFont.Weight.Bold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 112)
            painter.setFont(font)
            pad = self.px(22)
            width = QFontMetricsF(font).horizontalAdvance(self.name) + 2 * pad
            pill = self.visual(QRectF(0, 0, width, height))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.color)
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(ink_on(self.color))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, self.name)
            x = width + self.px(24)
        if self.detail:
            # Shrink a long "30 September 2012 · University of Toronto" before eliding it.
            room = max(0.0, self.width() - x)
            font = self.face(32, QFont.Weight.DemiBold)
            needed = QFontMetricsF(font).horizontalAdvance(self.detail)
            if needed > room > 0:
                font.setPixelSize(
                    max(font.pixelSize() * 3 // 4, int(font.pixelSize() * room / needed))
                )
            painter.setFont(font)
            painter.setPen(QColor(self.theme.muted))
            text = QFontMetricsF(font).elidedText(self.detail, Qt.TextElideMode.ElideRight, room)
            box = self.visual(QRectF(x, 0, room, height))
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()


class SourceLine(StageSized):
    """A small muted `Source: arxiv.org/abs/…` line, elided rather than wrapped."""

    def __init__(self, text: str, theme: Theme, family: str, parent=None) -> None:
        super().__init__(theme, family, parent)
        self.text = text

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setLayoutDirection(self.layoutDirection())
        font = self.face(24)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.muted))
        text = QFontMetricsF(font).elidedText(self.text, Qt.TextElideMode.ElideMiddle, self.width())
        painter.drawText(
            self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
        )
        painter.end()
