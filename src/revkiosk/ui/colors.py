"""Colour arithmetic for text that must read from three metres: WCAG luminance and contrast,
and the ink that reads best on a coloured field."""

from __future__ import annotations

from PySide6.QtGui import QColor


def luminance(color: QColor) -> float:
    """WCAG relative luminance (0 black … 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 … 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(fill: QColor) -> QColor:
    """Near-black or white text, whichever reads better on `fill` (chips, colour fields)."""
    dark, light = QColor("#0b0f17"), QColor("#ffffff")
    return dark if contrast(fill, dark) >= contrast(fill, light) else light


def field_for(fill: QColor, ratio: float) -> QColor:
    """`fill` lightened or darkened just enough that its ink (`ink_on`) reaches `ratio`.

    High contrast asks 7:1 of text on coloured fields too (a chip, a section slide): a pink
    field's best ink reaches only 5:1, so the field moves a little towards pale or deep.
    """
    result = QColor(fill)
    for _ in range(60):
        ink = ink_on(result)
        if contrast(result, ink) >= ratio:
            break
        result = result.darker(106) if ink.lightnessF() > 0.5 else result.lighter(106)
    return result


def readable_on(color: QColor, background: QColor, ratio: float = 3.0) -> QColor:
    """`color` darkened or lightened just enough to reach `ratio` against `background`.

    Domain colours are chosen for the dark theme; a pale cyan on the light theme's paper would
    vanish from three metres, so accents used as text are nudged towards readable.
    """
    result = QColor(color)
    towards_dark = luminance(background) > 0.5
    for _ in range(40):
        if contrast(result, background) >= ratio:
            break
        result = result.darker(108) if towards_dark else result.lighter(108)
    return result
