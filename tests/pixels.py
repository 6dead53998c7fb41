"""Pixel helpers for view tests: numpy views of QImages, colour counts, corner checks."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage


def rgb(image: QImage) -> np.ndarray:
    """H x W x 3 uint8 array (a copy) of an image."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    bgra = data[:, : image.width() * 4].reshape(image.height(), image.width(), 4)
    return bgra[:, :, 2::-1].copy()


def near(pixels: np.ndarray, color: str | QColor, tolerance: int = 24) -> np.ndarray:
    """Boolean mask of pixels within `tolerance` (per channel) of `color`."""
    c = QColor(color)
    target = np.array([c.red(), c.green(), c.blue()], dtype=np.int16)
    return (np.abs(pixels.astype(np.int16) - target) <= tolerance).all(axis=-1)


def share_near(image: QImage, color: str, tolerance: int = 24, rect: QRect | None = None) -> float:
    """Fraction of the image (or of `rect`) within `tolerance` of `color`."""
    pixels = rgb(image)
    if rect is not None:
        pixels = pixels[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1]
    return float(near(pixels, color, tolerance).mean()) if pixels.size else 0.0


def corners(image: QImage, inset: int = 3) -> list[QColor]:
    """The colours just inside the four corners."""
    w, h = image.width() - 1 - inset, image.height() - 1 - inset
    return [image.pixelColor(x, y) for x, y in ((inset, inset), (w, inset), (inset, h), (w, h))]


def distinct_colors(image: QImage) -> int:
    """How many different colours an image has (1 means blank)."""
    pixels = rgb(image).reshape(-1, 3).astype(np.uint32)
    packed = (pixels[:, 0] << 16) | (pixels[:, 1] << 8) | pixels[:, 2]
    return len(np.unique(packed))
