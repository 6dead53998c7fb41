"""`revkiosk stats --png FILE`: the summary drawn as one picture with Qt's own painting.

QPainter on a QImage, offscreen: no window system and no plotting library beyond what the
player already ships. Four panels — visits per day, visits by hour, the most-viewed slides and
the languages — under a heading with the period and the headline numbers. Light background,
so it prints and sits well in a report.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from revkiosk.stats.report import MONTHS, count_text, duration_text, period_text
from revkiosk.stats.summary import Summary

WIDTH, HEIGHT = 1800, 1200
MARGIN = 48
INK, MUTED, GRID, BAR, ACCENT = "#1b1f27", "#5b6270", "#d8dce3", "#2f6fde", "#e07b00"


def write_chart(summary: Summary, path: Path) -> None:
    """Paint the chart and save it as PNG at `path` (atomically). Raises OSError if it cannot."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage, QPainter

    from revkiosk.ui.atomic_png import save_png
    from revkiosk.ui.fonts import load_fonts

    app = QGuiApplication.instance() or QGuiApplication(["revkiosk-stats"])  # noqa: F841
    family = load_fonts()
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill("#ffffff")
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        _Chart(painter, family).paint(summary)
    finally:
        painter.end()
    error = save_png(image, path)
    if error is not None:
        raise error


class _Chart:
    def __init__(self, painter: object, family: str) -> None:
        from PySide6.QtGui import QPainter

        assert isinstance(painter, QPainter)
        self.p = painter
        self.family = family

    # -- text -------------------------------------------------------------------------------
    def font(self, pixels: int, bold: bool = False) -> None:
        from PySide6.QtGui import QFont

        font = QFont(self.family)
        font.setPixelSize(pixels)
        font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
        self.p.setFont(font)

    def text(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        align: str = "left",
        color: str = INK,
    ) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        flags = {
            "left": Qt.AlignmentFlag.AlignLeft,
            "right": Qt.AlignmentFlag.AlignRight,
            "center": Qt.AlignmentFlag.AlignHCenter,
        }[align] | Qt.AlignmentFlag.AlignVCenter
        self.p.setPen(QColor(color))
        self.p.drawText(QRectF(x, y, w, h), int(flags), text)

    def elided(self, text: str, width: float) -> str:
        from PySide6.QtCore import Qt

        return self.p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(width))

    def box(self, x: float, y: float, w: float, h: float, color: str) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QColor

        self.p.fillRect(QRectF(x, y, w, h), QColor(color))

    # -- layout -----------------------------------------------------------------------------
    def paint(self, summary: Summary) -> None:
        self.font(44, bold=True)
        self.text(MARGIN, 28, WIDTH - 2 * MARGIN, 56, "Visitor statistics")
        self.font(26)
        if summary.visits:
            headline = (
                f"{period_text(summary)}  ·  {count_text(summary.visits, 'visit')}  ·  "
                f"median visit {duration_text(summary.median_seconds)}"
            )
        else:
            headline = "No visits recorded yet"
        self.text(MARGIN, 86, WIDTH - 2 * MARGIN, 36, headline, color=MUTED)
        top, gap = 150, 40
        half = (HEIGHT - top - MARGIN - gap) / 2
        wide = (WIDTH - 2 * MARGIN - gap) * 0.62
        narrow = WIDTH - 2 * MARGIN - gap - wide
        days = list(summary.per_day.items())
        self.columns(
            MARGIN,
            top,
            wide,
            half,
            "Visits per day",
            [n for _, n in days],
            _day_labels([d for d, _ in days]),
        )
        self.rows(
            MARGIN + wide + gap,
            top,
            narrow,
            half,
            "Languages (visits)",
            list(summary.languages.items())[:8],
        )
        second = top + half + gap
        hours = [f"{h:02d}" if h % 3 == 0 else "" for h in range(24)]
        self.columns(MARGIN, second, narrow + 60, half, "Visits by hour", summary.per_hour, hours)
        slides = [
            (slide.title or slide.key, slide.views, duration_text(slide.median_seconds))
            for slide in summary.slides[:10]
        ]
        left = MARGIN + narrow + 60 + gap
        self.rows(
            left,
            second,
            WIDTH - MARGIN - left,
            half,
            "Most-viewed slides (views · median time)",
            slides,
        )

    def heading(self, x: float, y: float, w: float, title: str) -> float:
        self.font(28, bold=True)
        self.text(x, y, w, 40, title)
        return y + 52

    def columns(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        title: str,
        values: list[int],
        labels: list[str],
    ) -> None:
        """A vertical bar chart with a value scale on the left and sparse labels below."""
        from PySide6.QtCore import QLineF
        from PySide6.QtGui import QColor, QPen

        top = self.heading(x, y, w, title)
        if not values or not any(values):
            self.font(24)
            self.text(x, top, w, 40, "no visits", color=MUTED)
            return
        axis_w, label_h = 70, 40
        plot_x, plot_w = x + axis_w, w - axis_w
        plot_h = y + h - top - label_h
        peak = _nice_ceiling(max(values))
        self.font(20)
        for step in range(5):
            value = peak * step / 4
            line_y = top + plot_h - plot_h * step / 4
            self.p.setPen(QPen(QColor(GRID), 1))
            self.p.drawLine(QLineF(plot_x, line_y, plot_x + plot_w, line_y))
            self.text(x, line_y - 14, axis_w - 12, 28, f"{value:,.0f}", "right", MUTED)
        slot = plot_w / len(values)
        bar_w = max(1.0, slot * 0.72)
        for index, (value, label) in enumerate(zip(values, labels, strict=True)):
            left = plot_x + index * slot + (slot - bar_w) / 2
            height = plot_h * value / peak
            self.box(left, top + plot_h - height, bar_w, height, BAR)
            if label:
                centre = plot_x + index * slot + slot / 2
                self.text(centre - 60, top + plot_h + 6, 120, 30, label, "center", MUTED)

    def rows(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        title: str,
        items: list[tuple[str, int, str] | tuple[str, int]],
    ) -> None:
        """Horizontal bars, one per item: name, bar, count (and an extra note, if any)."""
        top = self.heading(x, y, w, title)
        if not items:
            self.font(24)
            self.text(x, top, w, 40, "none recorded", color=MUTED)
            return
        row_h = min(56.0, (y + h - top) / len(items))
        name_w, number_w = w * 0.42, w * 0.22
        bar_x, bar_span = x + name_w + 12, w - name_w - number_w - 24
        peak = max(item[1] for item in items) or 1
        self.font(22)
        for index, item in enumerate(items):
            row_y = top + index * row_h
            name, count = item[0], item[1]
            self.text(x, row_y, name_w, row_h, self.elided(name, name_w))
            self.box(
                bar_x,
                row_y + row_h * 0.22,
                bar_span * count / peak,
                row_h * 0.56,
                ACCENT if index == 0 else BAR,
            )
            note = f"{count:,}" + (f" · {item[2]}" if len(item) > 2 else "")
            self.text(x + w - number_w, row_y, number_w, row_h, note, "right", MUTED)


def _day_labels(days: list[date]) -> list[str]:
    """Enough dates under a day chart to read it, never so many that they collide."""
    if not days:
        return []
    if len(days) <= 10:
        return [f"{d.day} {MONTHS[d.month - 1]}" for d in days]
    if len(days) <= 70:
        return [
            f"{d.day} {MONTHS[d.month - 1]}" if d.weekday() == 0 or i == 0 else ""
            for i, d in enumerate(days)
        ]
    return [
        f"{MONTHS[d.month - 1]} {d.year}" if d.day == 1 or i == 0 else ""
        for i, d in enumerate(days)
    ]


def _nice_ceiling(value: int) -> float:
    """Four grid steps of 1, 1.5, 2, 2.5, 3, 4 or 5 × 10^n (whole numbers) reaching `value`."""
    scale = 1
    while True:
        for step in (1, 1.5, 2, 2.5, 3, 4, 5):
            size = step * scale
            if size == int(size) and 4 * size >= value:
                return 4 * size
        scale *= 10


__all__ = ["write_chart"]
