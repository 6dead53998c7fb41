"""Text measured from pixels: its contrast against what is behind it, and its height."""

from __future__ import annotations

import numpy as np
from pixels import rgb
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage


def luminance(pixels: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of an (..., 3) uint8 array."""
    c = pixels.astype(np.float64) / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


def ratio(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def text_contrast(image: QImage, rect: QRect | None = None, min_share: float = 0.004) -> float:
    """Contrast of the text in `rect` against its background, from the pixels.

    The background is the region's most common colour; the ink is the colour, among those
    covering at least `min_share` of the region (the solid cores of glyph strokes, not their
    anti-aliased edges), that stands out most from it. 1.0 when the region holds no text.
    """
    pixels = rgb(image)
    if rect is not None:
        pixels = pixels[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1]
    flat = pixels.reshape(-1, 3).astype(np.uint32)
    if not flat.size:
        return 1.0
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    colours, counts = np.unique(packed, return_counts=True)
    rgbs = np.stack([(colours >> 16) & 255, (colours >> 8) & 255, colours & 255], -1)
    lums = luminance(rgbs.astype(np.uint8))
    background = lums[np.argmax(counts)]
    solid = counts >= max(3, min_share * len(packed))
    return max((ratio(background, lum) for lum in lums[solid]), default=1.0)


def _inked_rows(image: QImage, rect: QRect | None, threshold: float) -> np.ndarray:
    pixels = rgb(image)
    if rect is not None:
        pixels = pixels[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1]
    lum = luminance(pixels)
    values, counts = np.unique(lum.round(6), return_counts=True)
    background = values[np.argmax(counts)]
    hi, lo = np.maximum(lum, background), np.minimum(lum, background)
    inked = ((hi + 0.05) / (lo + 0.05)) >= threshold
    return np.flatnonzero(inked.any(axis=1))


def ink_rows(image: QImage, rect: QRect | None = None, threshold: float = 3.0) -> int:
    """How many pixel rows of `rect` hold ink (pixels at `threshold`:1 or more against the
    region's most common colour), first to last: the height of one line of text, measured."""
    rows = _inked_rows(image, rect, threshold)
    return int(rows[-1] - rows[0] + 1) if rows.size else 0


def first_line_rows(image: QImage, rect: QRect | None = None, threshold: float = 3.0) -> int:
    """The height of the first run of inked rows in `rect`: the top line of text there."""
    rows = _inked_rows(image, rect, threshold)
    if not rows.size:
        return 0
    gaps = np.flatnonzero(np.diff(rows) > 1)
    return int((rows[gaps[0]] if gaps.size else rows[-1]) - rows[0] + 1)
