"""The control bar's drawn icons: plain strokes that read at any size and need no font (a
glyph missing from a font would show as a box on a kiosk nobody watches)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from revkiosk.ui.fonts import load_fonts


def paint_icon(painter: QPainter, name: str, box: QRectF, color: QColor) -> None:
    """The drawn icons: plain strokes that read at any size and need no font."""
    painter.save()
    pen = QPen(color, max(2.0, box.height() * 0.11))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    path = QPainterPath()
    if name in ("back", "next"):
        left, right = x + w * 0.32, x + w * 0.68
        tip, tail = (left, right) if name == "back" else (right, left)
        path.moveTo(tail, y + h * 0.15)
        path.lineTo(tip, y + h * 0.5)
        path.lineTo(tail, y + h * 0.85)
    elif name == "home":
        path.moveTo(x + w * 0.12, y + h * 0.5)
        path.lineTo(x + w * 0.5, y + h * 0.14)
        path.lineTo(x + w * 0.88, y + h * 0.5)
        path.moveTo(x + w * 0.24, y + h * 0.4)
        path.lineTo(x + w * 0.24, y + h * 0.86)
        path.lineTo(x + w * 0.76, y + h * 0.86)
        path.lineTo(x + w * 0.76, y + h * 0.4)
    elif name == "more":
        path.addEllipse(box.adjusted(w * 0.1, h * 0.1, -w * 0.1, -h * 0.1))
        path.moveTo(x + w * 0.5, y + h * 0.45)
        path.lineTo(x + w * 0.5, y + h * 0.72)
        path.moveTo(x + w * 0.5, y + h * 0.3)
        path.lineTo(x + w * 0.5, y + h * 0.31)
    elif name == "close":
        path.moveTo(x + w * 0.24, y + h * 0.24)
        path.lineTo(x + w * 0.76, y + h * 0.76)
        path.moveTo(x + w * 0.76, y + h * 0.24)
        path.lineTo(x + w * 0.24, y + h * 0.76)
    elif name == "link":
        path.moveTo(x + w * 0.15, y + h * 0.5)
        path.lineTo(x + w * 0.82, y + h * 0.5)
        path.moveTo(x + w * 0.55, y + h * 0.24)
        path.lineTo(x + w * 0.84, y + h * 0.5)
        path.lineTo(x + w * 0.55, y + h * 0.76)
    elif name == "language":
        ring = box.adjusted(w * 0.1, h * 0.1, -w * 0.1, -h * 0.1)
        path.addEllipse(ring)
        path.addEllipse(ring.adjusted(ring.width() * 0.3, 0, -ring.width() * 0.3, 0))
        path.moveTo(ring.left(), ring.center().y())
        path.lineTo(ring.right(), ring.center().y())
    elif name == "captions":
        frame = box.adjusted(w * 0.04, h * 0.2, -w * 0.04, -h * 0.2)
        path.addRoundedRect(frame, h * 0.12, h * 0.12)
        _text(painter, "CC", frame, color, h * 0.36)
    else:  # "comfort" and anything else: a short text in the icon's place
        _text(painter, "Aa" if name == "comfort" else name[:3], box, color, h * 0.5)
    painter.drawPath(path)
    painter.restore()


def _text(painter: QPainter, text: str, box: QRectF, color: QColor, size: float) -> None:
    font = QFont(load_fonts())
    font.setPixelSize(max(6, round(size)))
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.setPen(QPen(color, max(2.0, box.height() * 0.07)))
