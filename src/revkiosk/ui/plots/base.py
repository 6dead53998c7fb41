"""Pieces every chart shares: the frame (plot + legend + credit), the hover card, the legend bar.

The legend and the hover card are plain Qt widgets over the plot rather than pyqtgraph items:
they take big fonts and touch input as any button does, and they stay the same size when the
visitor zooms the data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from revkiosk.theme import Theme
from revkiosk.ui.colors import readable_on
from revkiosk.ui.fit_text import FitText
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.plots.pgimport import pg
from revkiosk.ui.textruns import TextRun, line_run

LEGEND_LEAST = 0.86  # a legend shrinks to this share of its size to stay on one row
_configured = False


def configure_pyqtgraph() -> None:
    """Global pyqtgraph options, set once per process (antialiased markers and lines)."""
    global _configured
    if not _configured:
        pg.setConfigOptions(antialias=True)
        _configured = True


def rgba(color: str, alpha: float) -> QColor:
    """`color` with an opacity in 0..1 (bands, faded points)."""
    qcolor = QColor(color)
    qcolor.setAlphaF(max(0.0, min(1.0, alpha)))
    return qcolor


@lru_cache(maxsize=64)
def _readable(color: str, background: str, ratio: float = 3.0) -> str:
    """`readable_on` for legend text, cached: it steps through shades one at a time."""
    return readable_on(QColor(color), QColor(background), ratio).name()


class HoverCard(QLabel):
    """A floating card with a system's facts, kept inside its parent's rectangle."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def restyle(self, font_px: int, family: str) -> None:
        pad = max(6, font_px // 2)
        self.setStyleSheet(
            f"QLabel {{ background: {self._theme.surface}; color: {self._theme.text};"
            f" border: {max(1, font_px // 10)}px solid {self._theme.muted};"
            f" border-radius: {pad}px; padding: {pad}px {pad + 4}px; font-size: {font_px}px;"
            f" font-family: '{family}'; }}"
        )

    def show_near(self, anchor: QPoint, html: str) -> None:
        """Show `html` beside `anchor` (parent coordinates), flipped to stay on screen."""
        self.setText(html)
        self.adjustSize()
        gap = 24
        x = anchor.x() + gap
        y = anchor.y() - self.height() - gap
        parent = self.parentWidget()
        if parent is not None:
            if x + self.width() > parent.width():
                x = anchor.x() - gap - self.width()
            if y < 0:
                y = anchor.y() + gap
            x = max(0, min(x, parent.width() - self.width()))
            y = max(0, min(y, parent.height() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()


class LegendBar(QWidget):
    """One toggle button per series; a click hides or shows it (`toggled(key, visible)`).

    The buttons flow into as many rows as the width needs (a portrait screen has no room for
    five in a row, and a squeezed button would cut its name).
    """

    toggled = Signal(str, bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.buttons: dict[str, QPushButton] = {}
        self._colors: dict[str, str] = {}
        self._font_px = 31
        self._family = "Inter"

    def set_entries(self, entries: Sequence[tuple[str, str, str]]) -> None:
        """(key, label, colour) per series, in display order."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons.clear()
        for key, label, color in entries:
            button = QPushButton(f"●  {label}", self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the navigator
            button.toggled.connect(lambda on, k=key: self._on_button_toggled(k, on))
            self.buttons[key] = button
            self._colors[key] = color
            self._style_button(key)
        self._flow(self.width())

    def restyle(self, font_px: int, family: str) -> None:
        if (font_px, family) == (self._font_px, self._family):
            return  # unchanged: a style sheet costs a re-polish of the button
        self._font_px, self._family = font_px, family
        for key in self.buttons:
            self._style_button(key)
        self._flow(self.width())

    def button_font(self) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(self._font_px)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _button_size(self, button: QPushButton) -> tuple[int, int]:
        metrics = QFontMetricsF(self.button_font())
        pad = max(4, self._font_px // 3)
        return (math.ceil(metrics.horizontalAdvance(button.text()) + 4 * pad + 2),
                math.ceil(metrics.height() + 2 * pad))  # fmt: skip

    def _rows(self, width: int) -> list[list[tuple[QPushButton, int, int]]]:
        rows: list[list[tuple[QPushButton, int, int]]] = [[]]
        used = 0
        for button in self.buttons.values():
            w, h = self._button_size(button)
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0
            rows[-1].append((button, w, h))
            used += w
        return [row for row in rows if row]

    def single_row_width(self) -> int:
        return sum(self._button_size(b)[0] for b in self.buttons.values())

    def height_for(self, width: int) -> int:
        return sum(max(h for _, _, h in row) for row in self._rows(width))

    def _flow(self, width: int) -> None:
        y = 0
        for row in self._rows(max(1, width)):
            x = 0
            height = max(h for _, _, h in row)
            for button, w, _h in row:
                button.setGeometry(x, y, w, height)
                x += w
            y += height

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._flow(self.width())

    def text_runs(self) -> list[TextRun]:
        """Each button's name, where the button draws it."""
        font = self.button_font()
        return [line_run("chart legend", b.text(), font, QRectF(b.geometry()),
                         Qt.AlignmentFlag.AlignCenter) for b in self.buttons.values()
                if not b.isHidden()]  # fmt: skip

    def _on_button_toggled(self, key: str, on: bool) -> None:
        self._style_button(key)
        self.toggled.emit(key, on)

    def _style_button(self, key: str) -> None:
        """Shown series in their colour; hidden ones grey and struck through, so it reads as off."""
        button = self.buttons[key]
        on = button.isChecked()
        font_px = self._font_px
        pad = max(4, font_px // 3)
        color = self._colors[key] if on else self._theme.muted
        if on:  # pale domain colours on the light theme's paper need darkening to be read
            color = _readable(color, self._theme.background, self._theme.ratio(3.0))
        button.setStyleSheet(
            f"QPushButton {{ color: {color}; background: transparent; border: none;"
            f" font-family: '{self._family}'; font-size: {font_px}px;"
            f" font-weight: 600; padding: {pad}px {pad * 2}px;"
            f" text-decoration: {'none' if on else 'line-through'}; }}"
        )


class ChartBase(QWidget):
    """A pyqtgraph plot with a legend bar, a credit line and an on-chart message area.

    Sizes come from the slide's short side (`set_short_side`), against the 1920x1080 design
    canvas; no text is smaller than the legibility floor (`text_pt`). The legend and the credit
    share a row under the plot when they fit side by side, else the legend flows into rows and
    the credit wraps under it.
    """

    credit_text = ""

    def __init__(
        self, theme: Theme, axis_items: dict[str, pg.AxisItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        configure_pyqtgraph()
        self.theme = theme
        self.family = load_fonts()
        self._short_side = 1080.0
        self.plot = pg.PlotWidget(parent=self, background=theme.background, axisItems=axis_items)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.view_box: pg.ViewBox = self.plot.getPlotItem().getViewBox()
        self.legend = LegendBar(theme, self)
        self.credit = FitText(
            self,
            family=self.family,
            color=theme.muted,
            element="chart credit",
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
        )
        self.credit.set_shrink(1.0)  # fmt: skip
        self.credit.set_content(self.credit_text)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.card = HoverCard(theme, self)
        self.view_box.sigResized.connect(self.fit_axis_titles)

    def set_credit(self, text: str) -> None:
        self.credit.set_content(text)
        self._arrange()

    # sizing -----------------------------------------------------------------------------
    def pt(self, design_px: float) -> int:
        """A length or font size in pixels for this chart's slide."""
        return self.theme.pt(design_px, self._short_side)

    def length(self, design_px: float) -> int:
        """A length (a marker, a gap, a pen) in pixels: the slide's scale, not the text size."""
        return max(1, round(design_px * self.theme.scale_for(self._short_side)))

    def text_pt(self, design_px: float) -> int:
        """A font size for text a visitor reads: `pt`, never under the legibility floor."""
        return max(self.pt(design_px), floor_font_px(self._short_side, self.family))

    def make_font(self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        """The bundled face at a design size scaled to the slide (at least the floor)."""
        font = QFont(self.family)
        font.setPixelSize(self.text_pt(design_px))
        font.setWeight(weight)
        return font

    def set_short_side(self, side: float) -> None:
        """The slide's short side changed: rescale fonts, markers and axes."""
        self._short_side = max(float(side), 1.0)
        self.restyle()
        self.fit_axis_titles()  # after the subclass has styled its axes
        # New axis sizes take effect at the plot's next layout pass, an event away: apply them
        # now, so a picture taken before that event (a preloaded chart) is the final layout.
        self.plot.getPlotItem().layout.activate()

    def restyle(self) -> None:
        """Apply sizes; subclasses extend this for their own items."""
        small = self.text_pt(24)
        self.legend.restyle(self.text_pt(28), self.family)
        self.card.restyle(self.text_pt(28), self.family)
        self.credit.set_max_pixel_size(small)
        self.credit.set_floor(floor_font_px(self._short_side, self.family))
        self.message.setStyleSheet(
            f"QLabel {{ color: {self.theme.text}; background: {self.theme.surface};"
            f" border: 2px solid {self.theme.accent}; border-radius: {small // 2}px;"
            f" font-size: {self.text_pt(34)}px; padding: {small}px;"
            f" font-family: '{self.family}'; }}"
        )
        self._arrange()
        self._place_message()

    def show_message(self, text: str) -> None:
        """Put a clear message over the plot (used for a broken author CSV)."""
        self.message.setText(text)
        self.message.show()
        self._place_message()
        self.message.raise_()

    def _place_message(self) -> None:
        if not self.message.isHidden():  # isVisible() is False until the window is shown
            width = int(self.width() * 0.7)
            self.message.setFixedWidth(max(width, 100))
            self.message.adjustSize()
            self.message.move(
                (self.width() - self.message.width()) // 2,
                (self.height() - self.message.height()) // 2,
            )

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._arrange()
        self._place_message()

    def _arrange(self) -> None:
        """Plot on top; under it the legend and the credit in one row when they fit, else
        the legend's rows and then the credit (a clipped credit or a squeezed legend would
        both be unreadable)."""
        width, height = self.width(), self.height()
        gap = self.pt(40)
        self._fit_legend_row(width)
        legend_w = self.legend.single_row_width() if self.legend.buttons else 0
        credit = self.credit.text()
        credit_w = math.ceil(QFontMetricsF(self._credit_font()).horizontalAdvance(credit)) + 2
        if legend_w + gap + credit_w <= width:
            row = max(self.legend.height_for(width), self.credit.natural_height(credit_w))
            top = height - row
            self.legend.setGeometry(0, top, legend_w, row)
            self.credit.setGeometry(width - credit_w, top, credit_w, row)
        else:
            credit_h = self.credit.natural_height(width) if credit else 0
            legend_h = self.legend.height_for(width) if self.legend.buttons else 0
            top = height - credit_h - legend_h
            self.legend.setGeometry(0, top, width, legend_h)
            self.credit.setGeometry(0, top + legend_h, width, credit_h)
        self.plot.setGeometry(0, 0, width, max(1, top - self.pt(8)))
        self.fit_axis_titles()

    def _fit_legend_row(self, width: int) -> None:
        """A legend a little too wide for one row (a visitor's larger text, a longer language)
        is set a little smaller — to `LEGEND_LEAST` of its size, never under the floor — to
        stay on one row and leave the plot its height; a longer one flows into rows."""
        if not self.legend.buttons:
            return
        full = self.text_pt(28)
        self.legend.restyle(full, self.family)
        wide = self.legend.single_row_width()
        if wide <= width:
            return
        least = max(floor_font_px(self._short_side, self.family), math.ceil(full * LEGEND_LEAST))
        px = min(full - 1, math.floor(full * width / wide))
        while px >= least:
            self.legend.restyle(px, self.family)
            if self.legend.single_row_width() <= width:
                return
            px -= 1
        self.legend.restyle(full, self.family)

    def fit_axis_titles(self) -> None:
        """An axis title longer than its axis (a short plot, a visitor's larger text) is set
        smaller, down to the floor, and then, on the vertical axis, in two lines (the axis
        grows a line wider), rather than cut."""
        floor = floor_font_px(self._short_side, self.family)
        lengths = {"left": self.view_box.height(), "bottom": self.view_box.width()}
        for name, length in lengths.items():
            axis = self.plot.getPlotItem().getAxis(name)
            title = getattr(axis, "title_text", None) or axis.labelText
            if axis is None or not axis.isVisible() or not title or length <= 0:
                continue
            axis.title_text = title
            font = QFont(self.family)
            px = self.text_pt(28)
            while px > floor:
                font.setPixelSize(px)
                if QFontMetricsF(font).horizontalAdvance(title) <= length * 0.9:
                    break
                px -= 1
            font.setPixelSize(px)
            text, lines = title, 1
            too_long = QFontMetricsF(font).horizontalAdvance(title) > length * 0.9
            if too_long and name == "left" and " " in title:
                middle = len(title) // 2
                cut = min(
                    (i for i, c in enumerate(title) if c == " "), key=lambda i: abs(i - middle)
                )
                text, lines = f"{title[:cut]}<br>{title[cut + 1 :]}", 2
            if name == "left" and hasattr(axis, "base_width"):
                width = axis.base_width + round((lines - 1) * px * 1.3)
                if axis.width() != width:
                    axis.setWidth(width)
                    # now, not at the plot's next layout event: a tap or a picture taken
                    # before that event would meet the old geometry
                    self.plot.getPlotItem().layout.activate()
            wanted = f"{px}px"
            if axis.labelStyle.get("font-size") != wanted or axis.labelText != text:
                axis.setLabel(text, **{**axis.labelStyle, "font-size": wanted})
                axis.resizeEvent()  # pyqtgraph places the title only on a resize

    def _credit_font(self) -> QFont:
        return self.make_font(24)

    def text_runs(self) -> list[TextRun]:
        """What pyqtgraph draws: tick labels, axis titles, text items in the plot."""
        from revkiosk.ui.plots.runs import chart_runs

        return chart_runs(self)

    # zoom -------------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        """Zoom about the centre of the view (factor < 1 zooms in)."""
        self.view_box.scaleBy((factor, factor))

    def zoom_reset(self) -> None:
        """Back to the slide's initial range."""
        self.view_box.autoRange(padding=0.04)

    def handle_action(self, action: str) -> bool:
        """The zoom actions (+, -, 0) every chart accepts."""
        if action == "zoom_in":
            self.zoom(0.8)
        elif action == "zoom_out":
            self.zoom(1.25)
        elif action == "zoom_reset":
            self.zoom_reset()
        else:
            return False
        return True
