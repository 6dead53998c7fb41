"""Pieces every chart shares: the frame (plot + legend + credit), the hover card, the legend bar.

The legend and the hover card are plain Qt widgets over the plot rather than pyqtgraph items:
they take big fonts and touch input as any button does, and they stay the same size when the
visitor zooms the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from revkiosk.theme import Theme
from revkiosk.ui.colors import readable_on
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.plots.pgimport import pg

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
    """One toggle button per series; a click hides or shows it (`toggled(key, visible)`)."""

    toggled = Signal(str, bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self._colors: dict[str, str] = {}

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
            self._layout.addWidget(button)
            self.buttons[key] = button
            self._colors[key] = color
            if hasattr(self, "_font_px"):  # restyled before: new buttons get the same look
                self._style_button(key)
        self._layout.addStretch(1)

    def restyle(self, font_px: int, family: str) -> None:
        if (font_px, family) == (getattr(self, "_font_px", None), getattr(self, "_family", None)):
            return  # unchanged: a style sheet costs a re-polish of the button
        self._font_px, self._family = font_px, family
        for key in self.buttons:
            self._style_button(key)

    def _on_button_toggled(self, key: str, on: bool) -> None:
        self._style_button(key)
        self.toggled.emit(key, on)

    def _style_button(self, key: str) -> None:
        """Shown series in their colour; hidden ones grey and struck through, so it reads as off."""
        button = self.buttons[key]
        on = button.isChecked()
        font_px = getattr(self, "_font_px", 24)
        pad = max(4, font_px // 3)
        color = self._colors[key] if on else self._theme.muted
        if on:  # pale domain colours on the light theme's paper need darkening to be read
            color = _readable(color, self._theme.background, self._theme.ratio(3.0))
        button.setStyleSheet(
            f"QPushButton {{ color: {color}; background: transparent; border: none;"
            f" font-family: '{getattr(self, '_family', 'Inter')}'; font-size: {font_px}px;"
            f" font-weight: 600; padding: {pad}px {pad * 2}px;"
            f" text-decoration: {'none' if on else 'line-through'}; }}"
        )


class ChartBase(QWidget):
    """A pyqtgraph plot with a legend bar, a credit line and an on-chart message area.

    Sizes come from the slide's height (`set_view_height`), against the 1920x1080 design canvas.
    """

    credit_text = ""

    def __init__(
        self, theme: Theme, axis_items: dict[str, pg.AxisItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        configure_pyqtgraph()
        self.theme = theme
        self.family = load_fonts()
        self._view_height = 1080.0
        self.plot = pg.PlotWidget(parent=self, background=theme.background, axisItems=axis_items)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.view_box: pg.ViewBox = self.plot.getPlotItem().getViewBox()
        self.legend = LegendBar(theme, self)
        self.credit = QLabel(self.credit_text, self)
        self.credit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.card = HoverCard(theme, self)
        self._footer = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._footer.addWidget(self.legend, 1)
        self._footer.addWidget(self.credit, 0)
        footer = self._footer
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addLayout(footer)

    # sizing -----------------------------------------------------------------------------
    def pt(self, design_px: float) -> int:
        """A font size in pixels for this chart's slide height."""
        return self.theme.pt(design_px, self._view_height)

    def make_font(self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        """The bundled face at a design size scaled to the slide."""
        font = QFont(self.family)
        font.setPixelSize(self.pt(design_px))
        font.setWeight(weight)
        return font

    def set_view_height(self, height: float) -> None:
        """The slide's height changed: rescale fonts, markers and axes."""
        self._view_height = max(float(height), 1.0)
        self.restyle()

    def restyle(self) -> None:
        """Apply sizes; subclasses extend this for their own items."""
        small = self.pt(24)
        self.legend.restyle(self.pt(28), self.family)
        self.card.restyle(self.pt(28), self.family)
        self.credit.setStyleSheet(
            f"color: {self.theme.muted}; font-size: {small}px; font-family: '{self.family}';"
        )
        self.message.setStyleSheet(
            f"QLabel {{ color: {self.theme.text}; background: {self.theme.surface};"
            f" border: 2px solid {self.theme.accent}; border-radius: {small // 2}px;"
            f" font-size: {self.pt(34)}px; padding: {small}px; font-family: '{self.family}'; }}"
        )
        self._fit_footer()
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
        self._fit_footer()
        self._place_message()

    def _fit_footer(self) -> None:
        """Legend and credit share a row when they fit, else the credit goes under the legend
        (a clipped credit or a squeezed legend would both be unreadable)."""
        needed = self.legend.sizeHint().width() + self.credit.sizeHint().width() + self.pt(40)
        wide = needed <= self.width()
        self._footer.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

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
