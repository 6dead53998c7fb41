"""QR codes a visitor can scan to take a source home (segno: a small, pure-Python encoder).

Error correction is at least M (segno raises it when the symbol has room to spare), the quiet
zone of four modules is kept, and modules are drawn as whole pixels without smoothing, so a
phone or `zbarimg` reads the picture as drawn.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

log = logging.getLogger(__name__)

QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)
MIN_MM = 25.0  # smallest a code is drawn on screen
MM_PER_INCH = 25.4


@lru_cache(maxsize=32)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...] | None:
    """The symbol's dark modules, row by row (quiet zone not included); None when the text
    cannot be encoded (too long for any QR version)."""
    import segno

    try:
        code = segno.make(text, error="m", micro=False)
    except (ValueError, segno.DataOverflowError) as error:
        log.warning("no QR code for %r: %s", text[:80], error)
        return None
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def qr_modules(text: str) -> int:
    """Width of the code in modules, quiet zone included (0 when it cannot be made)."""
    matrix = qr_matrix(text)
    return len(matrix) + 2 * QUIET_ZONE if matrix else 0


def min_qr_px(dpi: float) -> int:
    """25 mm on a screen of `dpi` dots per inch."""
    return round(MIN_MM * max(dpi, 1.0) / MM_PER_INCH)


def paint_qr(painter: QPainter, text: str, box: QRect) -> QRect:
    """Draw the code for `text` as large as fits in `box` (whole pixels per module), white quiet
    zone included, centred; returns where it went (empty when there is no code)."""
    matrix = qr_matrix(text)
    if matrix is None:
        return QRect()
    modules = len(matrix) + 2 * QUIET_ZONE
    left, top, unit = _placed(box, modules)
    side = unit * modules
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRect(left, top, side, side), QColor("#ffffff"))
    ink = QColor("#000000")
    for row, cells in enumerate(matrix):
        y = top + (row + QUIET_ZONE) * unit
        for column, dark in enumerate(cells):
            if dark:
                painter.fillRect(left + (column + QUIET_ZONE) * unit, y, unit, unit, ink)
    painter.restore()
    return QRect(left, top, side, side)


def _placed(box: QRect, modules: int) -> tuple[int, int, int]:
    """(left, top, pixels per module) of a code of `modules` centred in `box`."""
    unit = max(1, min(box.width(), box.height()) // modules)
    side = unit * modules
    return box.x() + (box.width() - side) // 2, box.y() + (box.height() - side) // 2, unit


def qr_image(text: str, unit: int = 8) -> QImage | None:
    """The code alone as an image, `unit` pixels per module (tests and the self-test)."""
    modules = qr_modules(text)
    if not modules:
        return None
    image = QImage(modules * unit, modules * unit, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_qr(painter, text, image.rect())
    painter.end()
    return image


def read_back(image: QImage, box: QRect, text: str) -> int:
    """How many modules of the code for `text` drawn at `box` of `image` differ from what
    segno encoded (0: the code was painted exactly; the self-test checks this where no QR
    reader is installed). -1 when there is no code for `text`."""
    matrix = qr_matrix(text)
    if matrix is None:
        return -1
    modules = len(matrix) + 2 * QUIET_ZONE
    left, top, unit = _placed(box, modules)
    wrong = 0
    for row in range(modules):
        for column in range(modules):
            inside = QUIET_ZONE <= row < modules - QUIET_ZONE
            inside = inside and QUIET_ZONE <= column < modules - QUIET_ZONE
            dark = inside and matrix[row - QUIET_ZONE][column - QUIET_ZONE]
            x = left + column * unit + unit // 2
            y = top + row * unit + unit // 2
            wrong += (QColor(image.pixel(x, y)).lightness() < 128) != dark
    return wrong
