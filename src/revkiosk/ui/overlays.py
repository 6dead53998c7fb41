"""What the player draws over the slide: help, go-to box, progress bar and blanking (notices
and the deck-error screen are in `ui/notices.py`, the overview grid in `ui/overview.py`).

Each overlay is a plain child of the window that paints itself at a size derived from the
window height (design units on a 1920x1080 canvas), so it reads from three metres away at any
resolution. Overlays hold no navigation state; the window tells them what to show.
"""

from __future__ import annotations

from typing import Generic, TypeVar, overload

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import _
from revkiosk.lazy import resolve
from revkiosk.theme import Theme

WRAP = Qt.TextFlag.TextWordWrap.value
LEFT = Qt.AlignmentFlag.AlignLeft.value | Qt.AlignmentFlag.AlignVCenter.value
RIGHT = Qt.AlignmentFlag.AlignRight.value | Qt.AlignmentFlag.AlignVCenter.value
CENTER = Qt.AlignmentFlag.AlignCenter.value


OverlayT = TypeVar("OverlayT", bound="Overlay")


class LazyOverlay(Generic[OverlayT]):
    """Descriptor for a window attribute: build the overlay `module:Class` on first access.

    Keeps overlays nobody has opened yet (and their imports) off the path to the first slide.
    The owner must define `_on_overlay_built(name, widget)` and have a `theme`. Typed by the
    overlay class: `help: LazyOverlay[HelpOverlay] = LazyOverlay("revkiosk.ui.overlays:…")`.
    """

    def __init__(self, target: str) -> None:
        self.target = target

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, window: None, owner: type) -> LazyOverlay[OverlayT]: ...
    @overload
    def __get__(self, window: QWidget, owner: type) -> OverlayT: ...
    def __get__(self, window: QWidget | None, owner: type) -> OverlayT | LazyOverlay[OverlayT]:
        if window is None:
            return self
        widget: OverlayT | None = window.__dict__.get("_" + self.name)
        if widget is None:
            widget = resolve(self.target)(window.theme, window)
            window.__dict__["_" + self.name] = widget
            window._on_overlay_built(self.name, widget)  # type: ignore[attr-defined]
        return widget


class Overlay(QWidget):
    """Base: theme-aware fonts and lengths scaled from the widget's short side."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def design_height(self) -> int:
        """The length that stands for 1080 design px: the short side (a portrait window's
        width), as for slides; a strip overlay uses the window's."""
        return min(self.width(), self.height())

    def px(self, design: float, height: int | None = None) -> int:
        return max(1, round(design * (height or self.design_height()) / 1080))

    def font(self, design: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:  # type: ignore[override]
        font = QFont(self.theme.font_family)
        font.setPixelSize(self.theme.pt(design, self.design_height()))
        font.setWeight(weight)
        return font

    def backdrop(self, painter: QPainter, alpha: int = 235) -> None:
        color = QColor(self.theme.background)
        color.setAlpha(alpha)
        painter.fillRect(self.rect(), color)


def whole_keys(keys: str, metrics: QFontMetrics, width: int) -> str:
    """The first keys of a row that fit in `width`, whole: a longer language's key names
    ("Leertaste Bild↓ Eingabe") drop the last alternatives instead of showing "Einga…"."""
    shown = keys.split(" ")
    while len(shown) > 1 and metrics.horizontalAdvance(" ".join(shown)) > width:
        shown.pop()
    return metrics.elidedText(" ".join(shown), Qt.TextElideMode.ElideRight, width)


class HelpOverlay(Overlay):
    """Every key, generated from the keymap table so the help never lies. A click closes it."""

    def mousePressEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        self.backdrop(painter, 255)
        from revkiosk.keymap import help_rows  # when help first opens, not at start-up

        rows = help_rows()
        margin = self.px(90)
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(56, QFont.Weight.Bold))
        painter.drawText(QRect(margin, self.px(50), self.width(), self.px(80)), LEFT, _("Keys"))
        half = (len(rows) + 1) // 2
        top = self.px(160)
        line = max(self.px(50), (self.height() - top - self.px(110)) // max(half, 1))
        col_w = (self.width() - 2 * margin) // 2
        key_font = self.font(min(30, line * 1080 / self.height() * 0.62), QFont.Weight.DemiBold)
        text_font = self.font(min(30, line * 1080 / self.height() * 0.62))
        metrics = QFontMetrics(key_font)
        key_ws = [
            min(max(metrics.horizontalAdvance(k) for k, _text in part) + self.px(36), col_w // 2)
            for part in (rows[:half], rows[half:] or rows[:1])
        ]
        for i, (keys, text) in enumerate(rows):
            x = margin + (i // half) * col_w
            key_w = key_ws[i // half]
            y = top + (i % half) * line
            painter.setFont(key_font)
            painter.setPen(QColor(self.theme.accent))
            shown = whole_keys(keys, metrics, key_w - self.px(20))
            painter.drawText(QRect(x, y, key_w - self.px(20), line), LEFT, shown)
            painter.setFont(text_font)
            painter.setPen(QColor(self.theme.text))
            text_w = col_w - key_w - self.px(30)
            text = QFontMetrics(text_font).elidedText(text, Qt.TextElideMode.ElideRight, text_w)
            painter.drawText(QRect(x + key_w, y, text_w, line), LEFT, text)
        painter.setFont(self.font(28))
        painter.setPen(QColor(self.theme.muted))
        footer = QRect(margin, self.height() - self.px(90), self.width() - 2 * margin, self.px(60))
        painter.drawText(
            footer, LEFT, _("Click: next · right click: previous · swipe or wheel to move")
        )
        painter.drawText(footer, RIGHT, _("Esc or ? closes"))
        painter.end()


class GotoBox(Overlay):
    """The slide number being typed (digits, then Enter); G opens it empty."""

    MAX_DIGITS = 4

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.digits = ""
        self.count = 0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def open(self, count: int, digits: str = "") -> None:
        self.count, self.digits = count, digits
        self.show()
        self.raise_()
        self.update()

    def type_digit(self, digit: int) -> None:
        if len(self.digits) < self.MAX_DIGITS and (self.digits or digit):
            self.digits += str(digit)
        self.update()

    def erase(self) -> None:
        self.digits = self.digits[:-1]
        self.update()

    def target(self) -> int | None:
        """The typed 1-based slide number, or None if nothing was typed."""
        return int(self.digits) if self.digits else None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.px(620), self.px(230)
        box = QRect((self.width() - w) // 2, (self.height() - h) // 2, w, h)
        painter.setPen(QColor(self.theme.accent))
        painter.setBrush(QColor(self.theme.surface))
        painter.drawRoundedRect(box, self.px(24), self.px(24))
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(30))
        head = QRect(box.x(), box.y() + self.px(18), w, self.px(50))
        painter.drawText(head, CENTER, _("Go to slide (1–{count})", count=self.count))
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(84, QFont.Weight.Bold))
        number = QRect(box.x(), box.y() + self.px(65), w, self.px(105))
        painter.drawText(number, CENTER, (self.digits or "") + "▏")
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(24))
        foot = QRect(box.x(), box.bottom() - self.px(60), w, self.px(45))
        painter.drawText(foot, CENTER, _("Enter ↵ go · Esc cancel"))
        painter.end()


class ProgressOverlay(Overlay):
    """A thin progress bar along the slide's bottom edge and a small "7 / 42" on a pill (so it
    stays legible over bright section slides). Title slides stay clean: nothing is drawn there."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.index, self.count, self.auto, self.quiet = 0, 0, False, False
        self._pill_key: tuple[object, ...] | None = None
        self._pill_pixmap = QPixmap()

    def set_position(self, index: int, count: int, auto: bool = False, quiet: bool = False) -> None:
        self.index, self.count, self.auto, self.quiet = index, count, auto, quiet
        self.update()

    def label(self) -> str:
        text = f"{self.index + 1} / {self.count}" if self.count else ""
        return ("auto ▶  " + text) if self.auto else text

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self.count or (self.quiet and not self.auto):
            return
        painter = QPainter(self)
        unit = self.height() / 60  # the strip is 60 design px of the slide's height
        bar = max(2, round(5 * unit))
        track = QColor(self.theme.background)
        track.setAlpha(150)
        painter.fillRect(0, self.height() - bar, self.width(), bar, track)
        done = round(self.width() * (self.index + 1) / self.count)
        painter.fillRect(0, self.height() - bar, done, bar, QColor(self.theme.accent))
        pill = self._pill(unit)
        x = self.width() - pill.width() - round(20 * unit)
        y = self.height() - bar - pill.height() - round(10 * unit)
        painter.drawPixmap(x, y, pill)
        painter.end()

    def _pill(self, unit: float) -> QPixmap:
        """The number on its pill, drawn once per change: this strip repaints on every frame
        of a cross-fade, and antialiased text and curves are the costly part of it."""
        key = (self.label(), round(unit * 100), self.theme)
        if self._pill_key != key:
            font = QFont(self.theme.font_family)
            font.setPixelSize(max(9, round(22 * unit * self.theme.font_scale)))
            font.setWeight(QFont.Weight.DemiBold)
            metrics = QFontMetrics(font)
            pad = round(10 * unit)
            w = metrics.horizontalAdvance(key[0]) + 2 * pad
            h = metrics.height() + pad // 2
            pixmap = QPixmap(w, h)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            back = QColor(self.theme.background)
            back.setAlpha(170)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(QRect(0, 0, w, h), h / 2, h / 2)
            painter.setFont(font)
            painter.setPen(QColor(self.theme.muted))
            painter.drawText(QRect(0, 0, w, h), CENTER, key[0])
            painter.end()
            self._pill_key, self._pill_pixmap = key, pixmap
        return self._pill_pixmap


class BlankScreen(Overlay):
    """Black or white over everything; any key, click or wheel asks to return (`dismissed`)."""

    dismissed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.mode: str | None = None

    def mousePressEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self.dismissed.emit()

    def wheelEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self.dismissed.emit()

    def set_mode(self, mode: str | None) -> None:
        self.mode = mode
        self.setVisible(mode is not None)
        if mode:
            self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff" if self.mode == "white" else "#000000"))
        painter.end()
