"""The phone remote's pairing code in the presenter console: a QR code of the remote's link
(its token included) with a caption, so a lecturer points the phone's camera at the laptop and
has Next/Previous, the notes and the timer in hand.

The console shows it only when the remote service is on; it never appears on the audience
screen. The code is drawn module by module on whole pixels, dark on white, with low error
correction (a screen is not a stained poster) so the modules stay large enough for a phone
camera at arm's length.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 2  # modules of white around the code (phone scanners need no more)


class PairingCode(QWidget):
    """A QR code of `url` (left, square) and what it is for (right)."""

    def __init__(self, family: str, text: str, muted: str) -> None:
        super().__init__()
        self.family, self.text_colour, self.muted = family, text, muted
        self.url: str | None = None
        self._modules: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip("Scan with a phone on the same network to use it as the remote")

    def set_url(self, url: str | None) -> None:
        """Show the code for `url` (None: hide)."""
        self.url = url
        self._modules = _matrix(url) if url else []
        self.setVisible(bool(url))
        self.update()

    def set_side(self, side: int) -> None:
        """The code's side in pixels; the caption takes about as much again to its right."""
        self.setFixedSize(round(side * 2.3), side)

    def module_pixels(self) -> int:
        """The side of one module on screen (whole pixels keep the code crisp)."""
        count = len(self._modules) + 2 * QUIET_ZONE
        return max(1, self.height() // count) if self._modules else 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self._modules:
            return
        painter = QPainter(self)
        side = self.height()
        count = len(self._modules) + 2 * QUIET_ZONE
        module = self.module_pixels()
        drawn = module * count
        painter.fillRect(QRect(0, (side - drawn) // 2, drawn, drawn), QColor("white"))
        top = (side - drawn) // 2 + QUIET_ZONE * module
        left = QUIET_ZONE * module
        ink = QColor("black")
        for row, cells in enumerate(self._modules):
            for column, dark in enumerate(cells):
                if dark:
                    painter.fillRect(
                        left + column * module, top + row * module, module, module, ink
                    )
        self._paint_caption(painter, QRect(drawn + side // 10, 0, self.width() - drawn, side))
        painter.end()

    def _paint_caption(self, painter: QPainter, area: QRect) -> None:
        unit = area.height() / 200
        where = urlsplit(self.url or "").netloc
        lines = (
            ("PHONE REMOTE", self.muted, 22, True),
            ("Scan to pair", self.text_colour, 30, True),
            (where, self.muted, 22, False),
        )
        y = area.top() + round(area.height() * 0.22)
        for text, colour, px, bold in lines:
            font = QFont(self.family)
            font.setPixelSize(max(10, round(px * unit)))
            font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            painter.setFont(font)
            painter.setPen(QColor(colour))
            step = round(px * unit * 1.7)
            painter.drawText(
                QRect(area.left(), y, area.width(), step),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += step


def _matrix(url: str) -> list[list[bool]]:
    """The QR code's modules (True: dark); error correction L, the smallest code."""
    import segno  # only when a remote is on: most talks never need it

    code = segno.make(url, error="l", micro=False, boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix]
