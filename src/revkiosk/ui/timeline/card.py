"""The preview card that follows the timeline handle: thumbnail, domain, date, title, org.

It paints from values it is given (no deck lookups, no rendering), so moving it with the handle
costs one small repaint. Sizes are design units of the slide's short side, like every slide
part, never under the legibility floor.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import Domain, Milestone
from revkiosk.theme import Theme
from revkiosk.ui.colors import field_for, ink_on
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.legibility import floor_font_px

CARD_W = 520.0  # design px
THUMB_H = CARD_W * 9 / 16
TEXT_H = 214.0
POINTER = 18.0  # the little triangle pointing at the handle
PAD = 22.0


class PreviewCard(QWidget):
    """A floating card; `show_at(x, bottom)` places its pointer at x above `bottom`."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.family = load_fonts()
        self.short_side = 1080
        self.milestone: Milestone | None = None
        self.domain: Domain | None = None
        self.thumb: QImage | None = None
        self.compact = False  # no thumbnail: on a chart slide the chart is the point
        self._pointer_x = 0.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def px(self, design: float) -> float:
        return design * self.theme.scale_for(self.short_side)

    def face(self, design: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(max(self.theme.pt(design, self.short_side),
                              floor_font_px(self.short_side, self.family)))  # fmt: skip
        font.setWeight(weight)
        return font

    def card_size(self) -> tuple[int, int]:
        thumb = 0.0 if self.compact else THUMB_H
        return round(self.px(CARD_W)), round(self.px(thumb + TEXT_H + POINTER))

    def set_content(
        self, milestone: Milestone, domain: Domain | None, thumb: QImage | None
    ) -> None:
        """What to show; repaints only when something changed (drags send many equal updates)."""
        if milestone is self.milestone and thumb is self.thumb:
            return
        self.milestone, self.domain, self.thumb = milestone, domain, thumb
        self.update()

    def show_at(self, x: float, bottom: float, short_side: int) -> None:
        """Place the card so its pointer tip is at (`x`, `bottom`) in parent coordinates."""
        self.short_side = max(1, short_side)
        width, height = self.card_size()
        parent = self.parentWidget()
        limit = parent.width() if parent is not None else width
        margin = round(self.px(12))
        left = round(min(max(x - width / 2, margin), max(limit - width - margin, margin)))
        top = max(round(bottom) - height, margin)  # no room above: overlap rather than clip
        moved, self._pointer_x = self._pointer_x != x - left, x - left
        rect = QRect(left, top, width, height)
        # Repaint only on a real change: the card is translucent at its corners, so each of
        # its repaints also repaints whatever slide lies under it (a chart is expensive).
        if self.geometry() != rect:
            self.setGeometry(rect)
        elif moved:
            self.update()
        if not self.isVisible():
            self.show()
            self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.milestone is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        w = float(self.width())
        body = QRectF(0, 0, w, self.height() - self.px(POINTER))
        radius = self.px(18)
        color = QColor(self.domain.color if self.domain else self.theme.accent)
        path = QPainterPath()
        path.addRoundedRect(body, radius, radius)
        tip = min(max(self._pointer_x, radius * 2), w - radius * 2)
        half = self.px(POINTER)
        path.moveTo(tip - half, body.bottom() - 1)
        path.lineTo(tip, self.height())
        path.lineTo(tip + half, body.bottom() - 1)
        path = path.simplified()
        painter.fillPath(path, QColor(self.theme.surface))
        painter.setPen(QPen(color, max(2.0, self.px(4))))
        painter.drawPath(path)

        inset = max(2.0, self.px(4))
        thumb_h = 0.0 if self.compact else self.px(THUMB_H) - inset
        thumb_rect = QRectF(inset, inset, w - 2 * inset, thumb_h)
        clip = QPainterPath()
        clip.addRoundedRect(thumb_rect, radius - inset, radius - inset)
        painter.save()
        painter.setClipPath(clip)
        if self.compact:
            pass
        elif self.thumb is not None and not self.thumb.isNull():
            painter.drawImage(thumb_rect, self.thumb)
        else:  # not rendered yet: a calm colour field with the year, never a render on drag
            field = QColor(color)
            field.setAlpha(60)
            painter.fillRect(thumb_rect, QColor(self.theme.background))
            painter.fillRect(thumb_rect, field)
            painter.setFont(self.face(88, QFont.Weight.Bold))
            painter.setPen(color)
            painter.drawText(
                thumb_rect, Qt.AlignmentFlag.AlignCenter, str(self.milestone.date.year)
            )
        painter.restore()
        self._paint_text(painter, QRectF(0, thumb_rect.bottom(), w, self.px(TEXT_H)), color)
        painter.end()

    def _paint_text(self, painter: QPainter, area: QRectF, color: QColor) -> None:
        milestone = self.milestone
        assert milestone is not None
        pad = self.px(PAD)
        x, y = area.left() + pad, area.top() + pad * 0.8
        width = area.width() - 2 * pad
        if self.domain is not None:
            font = self.face(22, QFont.Weight.Bold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
            painter.setFont(font)
            name = self.domain.name.upper()
            pill_h = self.px(38)
            pill = QRectF(x, y, QFontMetricsF(font).horizontalAdvance(name) + self.px(28), pill_h)
            field = field_for(color, self.theme.ratio(1.0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(field)
            painter.drawRoundedRect(pill, pill_h / 2, pill_h / 2)
            painter.setPen(ink_on(field))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, name)
            date_x = pill.right() + self.px(16)
        else:
            date_x = x
        font = self.face(28, QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.muted))
        date_rect = QRectF(date_x, y, x + width - date_x, self.px(38))
        painter.drawText(date_rect, Qt.AlignmentFlag.AlignVCenter, str(milestone.date))
        y += self.px(38) + pad * 0.6
        font = self.face(38, QFont.Weight.Bold)
        metrics = QFontMetricsF(font)
        title = metrics.elidedText(milestone.title, Qt.TextElideMode.ElideRight, width)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.text))
        painter.drawText(QPointF(x, y + metrics.ascent()), title)
        y += metrics.height() + self.px(6)
        font = self.face(26)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.muted))
        org = metrics.elidedText(milestone.org, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QPointF(x, y + metrics.ascent()), org)
