"""The kiosk's "Still there?" prompt: a warning, with a countdown, before the show starts again.

WCAG 2.2.1 asks that a visitor be warned before a time limit ends and be able to extend it with
a simple action. After the deck's `idle_seconds` without input the attract loop shows this
prompt and counts down `warning_seconds`; any touch or key keeps the visit where it was (the
loop owns that input and hides the prompt). The prompt only shows and counts; it holds no timer
of its own. It follows the window's theme, so a visitor's larger text and high contrast hold.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import N_, _, ngettext
from revkiosk.theme import DARK, Theme

TITLE = N_("Still there?")
WRAP = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)


def countdown_text(seconds: int) -> str:
    return ngettext(
        "Touch the screen to keep exploring. Starting again in {count} second.",
        "Touch the screen to keep exploring. Starting again in {count} seconds.",
        seconds,
        count=seconds,
    )


class IdlePrompt(QWidget):
    """A card in the middle of the screen over a veil; `set_remaining` updates the count."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.remaining = 0
        self.hide()

    @property
    def theme(self) -> Theme:
        theme = getattr(self.parentWidget(), "theme", None)
        return theme if isinstance(theme, Theme) else DARK

    def text(self) -> str:
        """What the prompt says now (spoken mode reads it)."""
        return f"{_(TITLE)} {countdown_text(self.remaining)}"

    def show_countdown(self, seconds: int) -> None:
        self.remaining = seconds
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.setAccessibleName(_(TITLE))
        self.setAccessibleDescription(countdown_text(seconds))
        self.show()
        self.raise_()
        self.update()
        announce = getattr(parent, "announce", None)
        if callable(announce):
            announce(self.text())

    def set_remaining(self, seconds: int) -> None:
        if seconds != self.remaining:
            self.remaining = seconds
            self.setAccessibleDescription(countdown_text(seconds))
            self.update()

    def short_side(self) -> int:
        """Type is sized from the window's short side (a portrait totem's width)."""
        return min(self.width(), self.height())

    def _font(self, design: float, weight: QFont.Weight) -> QFont:
        font = QFont(self.theme.font_family)
        font.setPixelSize(self.theme.pt(design, max(1, self.short_side())))
        font.setWeight(weight)
        return font

    def card_rect(self) -> QRectF:
        scale = self.short_side() / 1080
        body = self._font(40, QFont.Weight.Normal)
        width = min(self.width() * 0.9, 1100 * scale * max(1.0, self.theme.font_scale))
        wrap = QRectF(0, 0, width - 160 * scale, 1e6)
        text_h = QFontMetricsF(body).boundingRect(wrap, WRAP, countdown_text(88)).height()
        title_h = QFontMetricsF(self._font(88, QFont.Weight.Bold)).height()
        height = min(self.height() * 0.9, title_h + text_h + 200 * scale)
        card = QRectF(0, 0, width, height)
        card.moveCenter(QRectF(self.rect()).center())
        return card

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        theme, scale = self.theme, self.short_side() / 1080
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        veil = QColor(theme.background)
        veil.setAlpha(225)
        painter.fillRect(self.rect(), veil)
        card = self.card_rect()
        pen = QPen(QColor(theme.accent))
        pen.setWidthF(max(2.0, 6 * scale))
        painter.setPen(pen)
        painter.setBrush(QColor(theme.surface))
        painter.drawRoundedRect(card, 24 * scale, 24 * scale)
        inner = card.adjusted(80 * scale, 60 * scale, -80 * scale, -60 * scale)
        title = self._font(88, QFont.Weight.Bold)
        title_h = QFontMetricsF(title).height()
        painter.setPen(QColor(theme.text))
        painter.setFont(title)
        title_box = QRectF(inner.left(), inner.top(), inner.width(), title_h)
        painter.drawText(title_box, WRAP, _(TITLE))
        painter.setFont(self._font(40, QFont.Weight.Normal))
        body = QRectF(inner.left(), inner.top() + title_h + 30 * scale, inner.width(), 1e6)
        body.setBottom(inner.bottom())
        painter.drawText(body, WRAP, countdown_text(self.remaining))
        painter.end()
