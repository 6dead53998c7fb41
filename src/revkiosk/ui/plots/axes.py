"""Axes and number formats shared by the charts: powers of ten, whole years, FLOP and counts.

Charts plot log10(value) themselves (rather than pyqtgraph's log mode) so hover, trend lines and
labels all work in one coordinate system, and the axis only has to *name* the ticks.
"""

from __future__ import annotations

import math

from revkiosk.i18n.words import N_, _, number, percent
from revkiosk.ui.plots.pgimport import pg

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    """'18' → '¹⁸' (Unicode, so every font and every export shows it the same)."""
    return str(number).translate(_SUPERSCRIPT)


def power_of_ten(exponent: float) -> str:
    """Tick label for log10 value `exponent`: 10¹⁸."""
    return f"10{superscript(round(exponent))}"


def format_flop(value: float | None) -> str:
    """'3.14e23 FLOP': three significant digits, the form Epoch and papers quote."""
    if value is None or not math.isfinite(value) or value <= 0:
        return "compute unknown"
    mantissa, exponent = f"{value:.2e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)} FLOP"


def format_count(value: float | None) -> str:
    """'175 billion parameters' (readable from across a room, unlike 1.75e11)."""
    if value is None or not math.isfinite(value) or value <= 0:
        return _("parameters unknown")
    scales = (
        (1e12, N_("{number} trillion parameters")),
        (1e9, N_("{number} billion parameters")),
        (1e6, N_("{number} million parameters")),
        (1e3, N_("{number} thousand parameters")),
    )
    for size, words in scales:
        if value >= size:
            return _(words, number=number(float(f"{value / size:.3g}")))
    return _("{number} parameters", number=number(round(value)))


class _NoSIPrefix:
    """Axes whose ticks name their own scale: no SI prefix. (Left on, pyqtgraph also re-sets
    the axis title's HTML, a text re-layout, on every pan and zoom frame.)"""

    def __init__(self, *args, **kwargs) -> None:  # AxisItem's own arguments
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)


class PowerOfTenAxis(_NoSIPrefix, pg.AxisItem):
    """A vertical axis over log10 data that labels whole powers of ten as 10¹⁸.

    Major ticks fall on whole exponents, every 1, 2, 3 or 5 decades depending on the room, so
    labels never crowd; there are no fractional labels (10^17.5 means nothing to a visitor).
    """

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803 (pyqtgraph API)
        span = abs(maxVal - minVal)
        if span == 0:
            return []
        font_px = max(self.style["tickFont"].pixelSize() if self.style["tickFont"] else 12, 8)
        room = max(size / (font_px * 2.4), 1.0)  # how many labels fit without touching
        step = next((s for s in (1, 2, 3, 5, 10) if span / s <= room), 20)
        return [(float(step), 0.0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        return [power_of_ten(v) if abs(v - round(v)) < 1e-6 else "" for v in values]


class YearAxis(_NoSIPrefix, pg.AxisItem):
    """A horizontal axis of decimal years, labelled with whole years (1, 2, 5, 10… apart)."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803 (pyqtgraph API)
        span = abs(maxVal - minVal)
        if span == 0:
            return []
        font_px = max(self.style["tickFont"].pixelSize() if self.style["tickFont"] else 12, 8)
        room = max(size / (font_px * 3.6), 1.0)  # a year label is ~3 em wide plus a gap
        steps = (1, 2, 5, 10, 20, 25, 50, 100)
        step = next((s for s in steps if span / s <= room), 200)
        minor = 1.0 if step <= 10 else step / 5
        return [(float(step), 0.0), (minor, 0.0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        return [f"{v:.0f}" if abs(v - round(v)) < 1e-6 else "" for v in values]


class PercentAxis(pg.AxisItem):
    """An axis of percentages from 0 to 100 (no ticks outside: accuracy has no -20%)."""

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803 (pyqtgraph API)
        levels = super().tickValues(minVal, maxVal, size)
        return [(spacing, [v for v in values if -1e-9 <= v <= 100 + 1e-9])
                for spacing, values in levels]  # fmt: skip

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        return [percent(round(v)) for v in values]


def style_axis(
    axis: pg.AxisItem, *, font, color: str, grid: str, label: str = "", label_px: int = 0
) -> None:
    """Big tick labels in the theme's colours; the axis grows to fit its labels."""
    axis.setPen(pg.mkPen(grid, width=max(1, font.pixelSize() // 12)))
    axis.setTextPen(pg.mkPen(color))
    axis.setTickFont(font)
    axis.setStyle(tickTextOffset=max(4, font.pixelSize() // 2), tickLength=-font.pixelSize() // 2)
    if label:
        css = {"color": color, "font-size": f"{label_px}px", "font-family": font.family()}
        axis.setLabel(label, **css)
        axis.resizeEvent()  # pyqtgraph places the title only on a resize: its new size here


def size_axes(plot: pg.PlotWidget, font, label_px: int, widest_tick: str = "10²⁸") -> None:
    """Make the left axis wide and the bottom axis tall enough for their labels and titles,
    from the text itself: a tick label that does not fit is dropped by pyqtgraph, and a title
    that does not fit is cut."""
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(font)
    offset = max(4, font.pixelSize() // 2)  # style_axis's tick-to-label offset
    title = label_px * 1.4 + 14  # a line of axis title in pyqtgraph's text box and offset
    left = plot.getAxis("left")
    if left.isVisible():
        left.base_width = round(metrics.horizontalAdvance(widest_tick) + offset + 6 + title)
        left.setWidth(left.base_width)
    bottom = plot.getAxis("bottom")
    bottom.setHeight(round(metrics.height() + offset + 6 + title))
