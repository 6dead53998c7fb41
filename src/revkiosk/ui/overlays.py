"""What the player draws over the slide: help, go-to box, progress, blanking, notices, and the
deck-error screen.

Each overlay is a plain child of the window that paints itself at a size derived from the
window height (design units on a 1920x1080 canvas), so it reads from three metres away at any
resolution. Overlays hold no navigation state; the window tells them what to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.keymap import help_rows
from revkiosk.ui.theme import Theme

WRAP = Qt.TextFlag.TextWordWrap.value
LEFT = Qt.AlignmentFlag.AlignLeft.value | Qt.AlignmentFlag.AlignVCenter.value
RIGHT = Qt.AlignmentFlag.AlignRight.value | Qt.AlignmentFlag.AlignVCenter.value
CENTER = Qt.AlignmentFlag.AlignCenter.value


class Overlay(QWidget):
    """Base: theme-aware fonts and lengths scaled from the widget height."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def px(self, design: float, height: int | None = None) -> int:
        return max(1, round(design * (height or self.height()) / 1080))

    def font(self, design: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:  # type: ignore[override]
        font = QFont(self.theme.font_family)
        font.setPixelSize(self.theme.pt(design, self.height()))
        font.setWeight(weight)
        return font

    def backdrop(self, painter: QPainter, alpha: int = 235) -> None:
        color = QColor(self.theme.background)
        color.setAlpha(alpha)
        painter.fillRect(self.rect(), color)


class HelpOverlay(Overlay):
    """Every key, generated from the keymap table so the help never lies. A click closes it."""

    def mousePressEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        self.backdrop(painter, 255)
        rows = help_rows()
        margin = self.px(90)
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(56, QFont.Weight.Bold))
        painter.drawText(QRect(margin, self.px(50), self.width(), self.px(80)), LEFT, "Keys")
        half = (len(rows) + 1) // 2
        top = self.px(160)
        line = max(self.px(50), (self.height() - top - self.px(110)) // max(half, 1))
        col_w = (self.width() - 2 * margin) // 2
        key_font = self.font(min(30, line * 1080 / self.height() * 0.62), QFont.Weight.DemiBold)
        text_font = self.font(min(30, line * 1080 / self.height() * 0.62))
        metrics = QFontMetrics(key_font)
        key_ws = [
            min(max(metrics.horizontalAdvance(k) for k, _ in part) + self.px(36), col_w // 2)
            for part in (rows[:half], rows[half:] or rows[:1])
        ]
        for i, (keys, text) in enumerate(rows):
            x = margin + (i // half) * col_w
            key_w = key_ws[i // half]
            y = top + (i % half) * line
            painter.setFont(key_font)
            painter.setPen(QColor(self.theme.accent))
            shown = metrics.elidedText(keys, Qt.TextElideMode.ElideRight, key_w - self.px(20))
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
            footer, LEFT, "Click: next · right click: previous · swipe or wheel to move"
        )
        painter.drawText(footer, RIGHT, "Esc or ? closes")
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
        painter.drawText(head, CENTER, f"Go to slide (1–{self.count})")
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(84, QFont.Weight.Bold))
        number = QRect(box.x(), box.y() + self.px(65), w, self.px(105))
        painter.drawText(number, CENTER, (self.digits or "") + "▏")
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(24))
        foot = QRect(box.x(), box.bottom() - self.px(60), w, self.px(45))
        painter.drawText(foot, CENTER, "Enter ↵ go · Esc cancel")
        painter.end()


class ProgressOverlay(Overlay):
    """A thin progress bar along the slide's bottom edge and a small "7 / 42" on a pill (so it
    stays legible over bright section slides). Title slides stay clean: nothing is drawn there."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.index, self.count, self.auto, self.quiet = 0, 0, False, False

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
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = self.height() / 60  # the strip is 60 design px of the slide's height
        bar = max(2, round(5 * unit))
        track = QColor(self.theme.background)
        track.setAlpha(150)
        painter.fillRect(0, self.height() - bar, self.width(), bar, track)
        done = round(self.width() * (self.index + 1) / self.count)
        painter.fillRect(0, self.height() - bar, done, bar, QColor(self.theme.accent))
        font = QFont(self.theme.font_family)
        font.setPixelSize(max(9, round(22 * unit * self.theme.font_scale)))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        text = self.label()
        metrics = QFontMetrics(font)
        pad = round(10 * unit)
        w, h = metrics.horizontalAdvance(text) + 2 * pad, metrics.height() + pad // 2
        pill = QRect(self.width() - w - round(20 * unit), self.height() - bar - h - pad, w, h)
        back = QColor(self.theme.background)
        back.setAlpha(170)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(pill, h / 2, h / 2)
        painter.setPen(QColor(self.theme.muted))
        painter.drawText(pill, CENTER, text)
        painter.end()


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


class NoticeBanner(Overlay):
    """Short on-screen notices (a broken settings file, a failed slide) that fade on a timer."""

    SECONDS = 10

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.messages: list[str] = []
        self._timer = QTimer(self, singleShot=True, timeout=self.dismiss)

    def post(self, message: str) -> None:
        self.messages = (self.messages + [message])[-4:]
        self.show()
        self._timer.start(self.SECONDS * 1000)
        self.update()

    def dismiss(self) -> None:
        self.messages = []
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        color = QColor(self.theme.surface)
        color.setAlpha(240)
        painter.fillRect(self.rect(), color)
        painter.fillRect(
            0, self.height() - self.px(4), self.width(), self.px(4), QColor(self.theme.accent)
        )
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(26))
        inner = self.rect().adjusted(self.px(40), self.px(14), -self.px(40), -self.px(14))
        painter.drawText(inner, WRAP | LEFT, "\n".join(self.messages))
        painter.end()


class DeckErrorScreen(Overlay):
    """The deck could not be loaded: its problems as readable `file:line:col` lines."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.path = ""
        self.problems: list[str] = []

    def set_problems(self, path: str, problems: Sequence[str]) -> None:
        self.path, self.problems = path, list(problems)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        margin = self.px(100)
        width = self.width() - 2 * margin
        painter.fillRect(
            margin - self.px(30), self.px(90), self.px(10), self.px(120), QColor(self.theme.accent)
        )
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(60, QFont.Weight.Bold))
        painter.drawText(
            QRect(margin, self.px(80), width, self.px(80)), LEFT, "This deck could not be loaded"
        )
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(28))
        errors = sum(": error:" in p for p in self.problems)
        warnings = sum(": warning:" in p for p in self.problems)
        summary = f"{errors} error{'s' * (errors != 1)}"
        summary += f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
        painter.drawText(
            QRect(margin, self.px(160), width, self.px(50)), LEFT, f"{summary} · {self.path}"
        )
        font = self.font(30)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.text))
        metrics = QFontMetrics(font)
        y, bottom = self.px(250), self.height() - self.px(130)
        shown = 0
        for problem in self.problems:
            rect = metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, problem)
            if y + rect.height() > bottom:
                break
            error = ": error:" in problem
            painter.setPen(QColor(self.theme.text if error else self.theme.muted))
            painter.drawText(QRect(margin, y, width, rect.height()), WRAP, problem)
            y += rect.height() + self.px(18)
            shown += 1
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(26))
        more = len(self.problems) - shown
        hint = f"…and {more} more. " if more else ""
        hint += "Fix the file, then press R to reload (or run `revkiosk check` on it)."
        painter.drawText(QRect(margin, bottom + self.px(30), width, self.px(60)), WRAP, hint)
        painter.end()
