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

from revkiosk.i18n.words import _

QUIET_ZONE = 2  # modules of white around the code (phone scanners need no more)


class PairingCode(QWidget):
    """A QR code of `url` with two lines under it saying what it is for."""

    def __init__(self, family: str, text: str, muted: str) -> None:
        super().__init__()
        self.family, self.text_colour, self.muted = family, text, muted
        self.url: str | None = None
        self._modules: list[list[bool]] = []
        self._side = 160
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(_("Scan with a phone on the same network to use it as the remote"))

    def set_url(self, url: str | None) -> None:
        """Show the code for `url` (None: hide)."""
        self.url = url
        self._modules = _matrix(url) if url else []
        self.setVisible(bool(url))
        self.update()

    def set_side(self, side: int) -> None:
        """The code's side in pixels; the caption goes under it."""
        self._side = side
        self.setFixedSize(round(side * 1.6), round(side * 1.36))

    def module_pixels(self) -> int:
        """The side of one module on screen (whole pixels keep the code crisp)."""
        count = len(self._modules) + 2 * QUIET_ZONE
        return max(1, self._side // count) if self._modules else 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self._modules:
            return
        painter = QPainter(self)
        module = self.module_pixels()
        drawn = module * (len(self._modules) + 2 * QUIET_ZONE)
        painter.fillRect(QRect(0, 0, drawn, drawn), QColor("white"))
        offset = QUIET_ZONE * module
        ink = QColor("black")
        for row, cells in enumerate(self._modules):
            for column, dark in enumerate(cells):
                if dark:
                    x, y = offset + column * module, offset + row * module
                    painter.fillRect(x, y, module, module, ink)
        self._paint_caption(painter, QRect(0, drawn, self.width(), self.height() - drawn))
        painter.end()

    def _paint_caption(self, painter: QPainter, area: QRect) -> None:
        px = max(10, round(self._side * 0.12))
        lines = (
            (_("Phone remote: scan to pair"), self.text_colour, True),
            (urlsplit(self.url or "").netloc, self.muted, False),
        )
        y = area.top() + px // 3
        for text, colour, bold in lines:
            font = QFont(self.family)
            font.setPixelSize(px)
            font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
            painter.setFont(font)
            painter.setPen(QColor(colour))
            step = round(px * 1.35)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRect(area.left(), y, area.width(), step), flags, text)
            y += step


def _matrix(url: str) -> list[list[bool]]:
    """The QR code's modules (True: dark); error correction L, the smallest code."""
    import segno  # only when a remote is on: most talks never need it

    code = segno.make(url, error="l", micro=False, boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix]
