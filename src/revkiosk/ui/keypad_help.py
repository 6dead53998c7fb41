"""What each key of the visitor's keypad does, on screen (and read aloud in spoken mode).

Generated from `keymap.KEYPAD_BINDINGS`, so it cannot drift from what the keys do. Any key or
touch closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import N_, _
from revkiosk.keymap import keypad_help_rows
from revkiosk.theme import Theme

TITLE = N_("Keypad")
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def keypad_help_text() -> str:
    """The help as one text for the speaker: "Key 6: next slide. Key 4: …"."""
    rows = [
        _("Keys {first} or {second}: {does}.", first=keys.split()[0], second=keys.split()[1],
          does=text) if " " in keys else _("Key {key}: {does}.", key=keys, does=text)
        for keys, text in keypad_help_rows()
    ]  # fmt: skip
    return f"{_(TITLE)}. " + " ".join(rows)


class KeypadHelp(QWidget):
    """The keypad's keys and what they do, over the whole window."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.theme = theme
        self.hide()

    def open(self) -> None:
        self.setAccessibleName(_("Keypad help"))
        self.setAccessibleDescription(keypad_help_text())
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    @property
    def is_open(self) -> bool:  # the window's layer protocol, as the comfort panel
        return self.isVisible()

    def close_layer(self) -> None:
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.hide()
        event.accept()

    def short_side(self) -> int:
        """Type is sized from the window's short side (a portrait totem's width)."""
        return min(self.width(), self.height())

    def _font(self, design: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        font = QFont(self.theme.font_family)
        font.setPixelSize(self.theme.pt(design, max(1, self.short_side())))
        font.setWeight(weight)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        rows = keypad_help_rows()
        scale = self.short_side() / 1080
        margin = round(90 * scale)
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self._font(56, QFont.Weight.Bold))
        title = QRect(margin, round(40 * scale), self.width(), round(90 * scale))
        painter.drawText(title, LEFT, _(TITLE))
        top = round(150 * scale)
        line = (self.height() - top - margin) // max(1, len(rows))
        size = min(34.0, line / scale * 0.62)
        key_w = round(220 * scale * max(1.0, self.theme.font_scale))
        for i, (keys, text) in enumerate(rows):
            y = top + i * line
            painter.setFont(self._font(size, QFont.Weight.Bold))
            painter.setPen(QColor(self.theme.accent))
            painter.drawText(QRect(margin, y, key_w, line), LEFT, keys)
            painter.setFont(self._font(size))
            painter.setPen(QColor(self.theme.text))
            width = self.width() - key_w - 2 * margin
            painter.drawText(QRect(margin + key_w, y, width, line), LEFT, text)
        painter.end()
