"""The attract loop's hint ("Touch the screen to explore"), drawn over the top of the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class AttractHint(QWidget):
    """The "Touch the screen to explore" pill at the top centre, sized from the screen."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.text = text
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.hide()
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def _font(self) -> QFont:
        font = QFont("Inter")
        font.setPixelSize(max(14, round(self.parentWidget().height() * 36 / 1080)))
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def place(self) -> None:
        """Top centre, in the margin slides leave above their content: at the bottom it would
        cover the credits and licences that must stay visible. Re-run when the parent resizes."""
        parent = self.parentWidget()
        metrics = QFontMetrics(self._font())
        pad_x, pad_y = metrics.height(), round(metrics.height() * 0.3)
        width = min(parent.width(), metrics.horizontalAdvance(self.text) + 2 * pad_x)
        height = metrics.height() + 2 * pad_y
        top = round(parent.height() * 0.012)
        self.setGeometry((parent.width() - width) // 2, top, width, height)
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = max(2.0, self.parentWidget().height() / 360)
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        pen = QPen(QColor(255, 183, 3))
        pen.setWidthF(max(2.0, self.parentWidget().height() / 360))
        painter.setPen(pen)
        painter.setBrush(QColor(11, 15, 23, 215))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setFont(self._font())
        painter.setPen(QColor("#f2f4f8"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()
