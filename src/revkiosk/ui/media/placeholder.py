"""The calm card shown where media cannot be: a glyph, a short notice and the file name.

A kiosk must keep running when one file is broken, so every failure in the media stack ends
here (or on the poster with a notice badge) rather than in an exception. The notice is short
and plain ("Video missing") — visitors see it; the log line carries the technical reason.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from revkiosk.theme import Theme


def paint_placeholder(
    painter: QPainter,
    rect: QRectF,
    theme: Theme,
    notice: str,
    detail: str = "",
    *,
    family: str = "Inter",
    glyph: str = "image",
) -> None:
    """Fill `rect` with the theme surface, a picture/play glyph, `notice` and `detail`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor(theme.surface))
    muted = QColor(theme.muted)
    unit = min(rect.width() / 10, rect.height() / 7)
    box = QRectF(0, 0, unit * 2.4, unit * 1.8)
    box.moveCenter(rect.center())
    box.moveBottom(rect.center().y() - unit * 0.2)
    painter.setPen(QPen(muted, max(1.0, unit * 0.12)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(box, unit * 0.2, unit * 0.2)
    if glyph == "video":
        play = QPainterPath()
        c = box.center()
        play.moveTo(c.x() - unit * 0.35, c.y() - unit * 0.45)
        play.lineTo(c.x() + unit * 0.5, c.y())
        play.lineTo(c.x() - unit * 0.35, c.y() + unit * 0.45)
        play.closeSubpath()
        painter.drawPath(play)
    else:
        peak = QPainterPath()
        peak.moveTo(box.left() + unit * 0.3, box.bottom() - unit * 0.3)
        peak.lineTo(box.left() + unit * 1.0, box.top() + unit * 0.7)
        peak.lineTo(box.left() + unit * 1.5, box.bottom() - unit * 0.6)
        peak.lineTo(box.left() + unit * 1.8, box.top() + unit * 1.0)
        peak.lineTo(box.right() - unit * 0.3, box.bottom() - unit * 0.3)
        painter.drawPath(peak)
    font = QFont(family)
    font.setPixelSize(max(9, round(unit * 0.6)))
    font.setWeight(QFont.Weight.DemiBold)
    painter.setFont(font)
    painter.setPen(muted)
    flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    head = QRectF(
        rect.left() + unit * 0.3, box.bottom() + unit * 0.4, rect.width() - unit * 0.6, unit
    )
    painter.drawText(head, int(flags), notice)
    if detail:
        font.setWeight(QFont.Weight.Normal)
        font.setPixelSize(max(8, round(unit * 0.42)))
        painter.setFont(font)
        painter.drawText(head.translated(0, unit * 0.9), int(flags), detail)
    painter.restore()


def clip_rounded(painter: QPainter, rect: QRectF, radius: float) -> None:
    """Clip to `rect` with rounded corners (views frame pictures that way), or square."""
    if radius <= 0:
        painter.setClipRect(rect)
        return
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipPath(path)


def paint_notice_badge(painter: QPainter, rect: QRectF, notice: str, font: QFont) -> None:
    """A small dark pill in the top-left corner: the poster is shown, but playback failed."""
    if not notice:
        return
    painter.save()
    painter.setFont(font)
    pad = font.pixelSize() * 0.5
    width = painter.fontMetrics().horizontalAdvance(notice) + 2 * pad
    pill = QRectF(rect.left() + pad, rect.top() + pad, width, font.pixelSize() * 1.8)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 200))
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, notice)
    painter.restore()


class PlaceholderWidget(QWidget):
    """A widget showing only the placeholder card (media kinds revkiosk cannot show at all)."""

    def __init__(
        self,
        theme: Theme,
        notice: str,
        detail: str = "",
        *,
        family: str = "Inter",
        glyph: str = "image",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme, self.notice, self.detail = theme, notice, detail
        self.family, self.glyph = family, glyph
        self.radius = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        clip_rounded(painter, QRectF(self.rect()), self.radius)
        paint_placeholder(
            painter,
            QRectF(self.rect()),
            self.theme,
            self.notice,
            self.detail,
            family=self.family,
            glyph=self.glyph,
        )
        painter.end()
