"""The comfort panel: a visitor's reading aloud, text size, contrast, captions, sound, volume,
motion and language, one touch away from every slide.

Big buttons (a touch target at least 72 design px high), one row per setting, the choice in
force lit. Touch a choice, or move with the arrow keys (or a keypad's 8 and 2, 4 and 6) and
choose with Enter or 5. The panel shows what the `Show` holds and asks it to change
(`changed(field, value)`); it keeps no settings of its own, so a reset at idle shows at once.
Its buttons never take keyboard focus (every key reaches the window's routing), and each has
an accessible name, so a screen reader can read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from revkiosk.i18n.words import N_, _, percent
from revkiosk.settings import TEXT_SCALES, VisitorSettings
from revkiosk.theme import Theme
from revkiosk.ui.colors import ink_on

VOLUME_STEP = 0.1
TITLE = N_("Comfort settings")
NOTE = N_("They go back to normal when you leave.")
HEADER_ROWS = 2


@dataclass(frozen=True)
class Row:
    """One setting: its label, the VisitorSettings field and its choices (label, value)."""

    label: str
    field: str
    choices: tuple[tuple[str, object], ...]


# Labels are marked (N_) here and translated when the panel is built or the language changes.
OFF, ON = N_("Off"), N_("On")
ROWS = (
    Row(N_("Read aloud"), "speech", ((OFF, False), (ON, True))),
    Row(N_("Text size"), "text_scale", tuple(("", s) for s in TEXT_SCALES)),  # 100 % …
    Row(N_("Contrast"), "contrast", ((N_("Normal"), "normal"), (N_("High"), "high"))),
    Row(N_("Captions"), "captions", ((OFF, False), (ON, True))),
    Row(N_("Sound"), "sound", ((OFF, False), (ON, True))),
    Row(
        N_("Volume"),
        "volume",
        ((N_("Quieter"), -VOLUME_STEP), ("", None), (N_("Louder"), VOLUME_STEP)),
    ),
    Row(N_("Motion"), "reduced_motion", ((N_("Full"), False), (N_("Reduced"), True))),
)
LANGUAGE = Row(N_("Language"), "language", (("", None),))
FOOTER = Row("", "", ((N_("Start again"), "reset"), (N_("Done"), "close")))


def volume_text(volume: float) -> str:
    """`60 %`, as the language writes percentages."""
    return percent(volume * 100)


def choice_text(row: Row, text: str, value: object) -> str:
    """A choice's label in the active language (text sizes are percentages)."""
    if row.field == "text_scale" and isinstance(value, float):
        return percent(value * 100)
    return _(text) if text else ""


class ComfortPanel(QWidget):
    """The panel over the slide (see the module docstring)."""

    changed = Signal(str, object)  # VisitorSettings field, new value
    reset_requested = Signal()
    language_requested = Signal()
    closed = Signal()

    def __init__(
        self, theme: Theme, parent: QWidget, *, language: bool = False, kiosk: bool = False
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        self.kiosk = kiosk
        self.visitor = VisitorSettings()
        self.rows = [*ROWS, *([LANGUAGE] if language else []), FOOTER]
        self.buttons: list[list[QPushButton]] = []
        self.labels: list[QLabel] = []
        self.focus = (0, 0)  # (row, choice) the keys move; drawn as a thick outline
        self.font_px = 0  # the type size in force (the visitor's, unless the window is small)
        self.card = QWidget(self)
        self.card.setObjectName("card")
        self.grid = QGridLayout(self.card)
        self._build()
        self.hide()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self.card)
        self.title.setObjectName("title")
        self.grid.addWidget(self.title, 0, 0, 1, 4)
        self.note = QLabel(self.card)
        self.note.setObjectName("note")
        self.note.setVisible(self.kiosk)
        self.grid.addWidget(self.note, 1, 0, 1, 4)
        for r, row in enumerate(self.rows):
            label = QLabel(self.card)
            self.labels.append(label)
            self.grid.addWidget(label, r + HEADER_ROWS, 0)
            buttons = []
            for c, (_text, value) in enumerate(row.choices):
                button = QPushButton(self.card)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setCheckable(row.field not in ("volume", "language", ""))
                button.clicked.connect(self._chooser(r, c))
                span = 3 if row.field == "language" else 1
                if row.field == "volume" and value is None:
                    button.setObjectName("value")  # the level itself, not a button to press
                self.grid.addWidget(button, r + HEADER_ROWS, 1 + c, 1, span)
                buttons.append(button)
            self.buttons.append(buttons)
        self.grid.setColumnStretch(0, 0)
        self.retranslate()

    def retranslate(self) -> None:
        """Every word of the panel in the active language (built, or the language changed)."""
        self.setAccessibleName(_(TITLE))
        self.title.setText(_(TITLE))
        self.note.setText(_(NOTE) if self.kiosk else "")
        for r, row in enumerate(self.rows):
            self.labels[r].setText(_(row.label) if row.label else "")
            for button, (text, value) in zip(self.buttons[r], row.choices, strict=True):
                shown = choice_text(row, text, value)
                button.setText(shown)
                label = _(row.label) if row.label else ""
                button.setAccessibleName(f"{label}: {shown}" if label and shown else shown or label)

    def _chooser(self, r: int, c: int) -> Callable[[], None]:
        return lambda: self.choose(r, c)

    # -- state -----------------------------------------------------------------------------
    def set_visitor(self, visitor: VisitorSettings, language_name: str = "") -> None:
        """Light the choices in force (the Show's settings, after any change or a reset)."""
        self.visitor = visitor
        for r, row in enumerate(self.rows):
            if row.field == "volume":
                middle = self.buttons[r][1]
                middle.setText(volume_text(visitor.volume))
                middle.setAccessibleName(_("Volume {level}", level=volume_text(visitor.volume)))
                continue
            if row.field == "language":
                self.buttons[r][0].setText(language_name or _("Choose"))
                self.buttons[r][0].setAccessibleName(_("Language: {name}", name=language_name))
                continue
            if not row.field:
                continue
            current = getattr(visitor, row.field)
            for button, (_text, value) in zip(self.buttons[r], row.choices, strict=True):
                button.setChecked(value == current)
        self._restyle()

    def set_theme(self, theme: Theme) -> None:
        if theme != self.theme:
            self.theme = theme
            self._restyle()

    def describe_focus(self) -> str:
        """What the keys point at, in words (spoken mode reads it)."""
        r, c = self.focus
        row = self.rows[r]
        button = self.buttons[r][c]
        chosen = button.isCheckable() and button.isChecked()
        if not row.label:
            return button.text()
        if chosen:
            return _("{setting}: {choice}, chosen", setting=_(row.label), choice=button.text())
        return _("{setting}: {choice}", setting=_(row.label), choice=button.text())

    # -- acting ----------------------------------------------------------------------------
    def choose(self, r: int, c: int) -> None:
        """A choice was touched (or chosen with Enter / keypad 5)."""
        self.focus = (r, c)
        row = self.rows[r]
        value = row.choices[c][1]
        if row.field == "volume":
            if value is not None:
                volume = round(min(1.0, max(0.0, self.visitor.volume + float(value))), 2)
                self.changed.emit("volume", volume)
        elif row.field == "language":
            self.language_requested.emit()
        elif value == "reset":
            self.reset_requested.emit()
        elif value == "close":
            self.close_panel()
        else:
            self.changed.emit(row.field, value)
        self._restyle()

    def open(self) -> None:
        """Show the panel over the slide, the keys on its first row."""
        self.focus = (0, self._chosen_index(0))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._restyle()
        self.show()
        self.raise_()

    def close_panel(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    # The window's layer protocol (`MainWindow.layers`): Esc closes it like an overlay, and
    # nothing else (the timeline strip) wakes under it.
    @property
    def is_open(self) -> bool:
        return self.isVisible()

    def close_layer(self) -> None:
        self.close_panel()

    def _chosen_index(self, r: int) -> int:
        checked = [i for i, b in enumerate(self.buttons[r]) if b.isChecked()]
        return checked[0] if checked else 0

    def move_focus(self, rows: int = 0, choices: int = 0) -> None:
        r, c = self.focus
        if rows:
            r = (r + rows) % len(self.rows)
            c = min(self._chosen_index(r), len(self.buttons[r]) - 1)
        if choices:
            c = (c + choices) % len(self.buttons[r])
        self.focus = (r, c)
        self._restyle()

    def handle_key(self, event: QKeyEvent, action: str | None) -> bool:
        """Keys while the panel is open: arrows or keypad move, Enter/5 chooses, Esc/0 closes.
        Volume, captions and the rest pass through to the window (False)."""
        if not self.isVisible():
            return False
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Backtab) or action == "focus_previous":
            self.move_focus(rows=-1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Tab) or action == "focus_next":
            self.move_focus(rows=1)
        elif key == Qt.Key.Key_Left or action == "previous":
            self.move_focus(choices=-1)
        elif key == Qt.Key.Key_Right or action == "next":
            self.move_focus(choices=1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) or action == "select":
            self.choose(*self.focus)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace) or action in ("back", "comfort"):
            self.close_panel()
        else:
            return False
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A touch outside the card closes the panel (and goes no further)."""
        if not self.card.geometry().contains(event.position().toPoint()):
            self.close_panel()
        event.accept()

    # -- looks -----------------------------------------------------------------------------
    def _font_px(self) -> int:
        return self.theme.pt(34, max(1, min(self.width(), self.height())))  # the short side

    def _restyle(self) -> None:
        """Colours and sizes from the theme (and the visitor's text size), then the layout.

        The text keeps the visitor's size where the card fits the window; only a window too
        small for it (a portrait kiosk at 150 %) makes it a little smaller, so nothing is cut.
        """
        px = self._font_px()
        for _attempt in range(8):
            self._apply_sheet(px)
            hint = self.card.sizeHint()
            room_w, room_h = self.width() * 0.96, self.height() * 0.96
            if (hint.width() <= room_w and hint.height() <= room_h) or px <= 10:
                break
            px = max(10, int(px * min(room_w / hint.width(), room_h / hint.height(), 0.95)))
        self.font_px = px
        self._place_card()
        self.update()

    def _apply_sheet(self, px: int) -> None:
        t = self.theme
        ink = ink_on(QColor(t.accent)).name()
        focus = max(3, px // 8)
        sheet = f"""
            QWidget#card {{ background: {t.surface}; border-radius: {px // 2}px; }}
            QLabel {{ color: {t.text}; font-family: '{t.font_family}'; font-size: {px}px;
                      font-weight: 600; padding-right: {px // 2}px; }}
            QLabel#title {{ font-size: {round(px * 1.4)}px; font-weight: 700; }}
            QLabel#note {{ color: {t.muted}; font-weight: 400; padding-bottom: {px // 3}px; }}
            QPushButton {{ color: {t.text}; background: {t.background};
                           font-family: '{t.font_family}'; font-size: {px}px;
                           border: 2px solid {t.muted}; border-radius: {px // 3}px;
                           min-height: {round(px * 1.6)}px; padding: 0 {px // 2}px; }}
            QPushButton:checked {{ color: {ink}; background: {t.accent};
                                   border-color: {t.accent}; font-weight: 700; }}
            QPushButton#value {{ border: none; background: transparent; }}
            QPushButton[keyfocus="true"] {{ border: {focus}px solid {t.text}; }}
        """
        self.card.setStyleSheet(sheet)
        for r, buttons in enumerate(self.buttons):
            for c, button in enumerate(buttons):
                button.setProperty("keyfocus", (r, c) == self.focus)
                button.style().unpolish(button)
                button.style().polish(button)
        self.grid.setContentsMargins(px, px, px, px)
        self.grid.setHorizontalSpacing(px // 2)
        self.grid.setVerticalSpacing(max(4, px // 4))
        self.grid.invalidate()

    def _place_card(self) -> None:
        hint = self.card.sizeHint()
        width = min(hint.width(), self.width())
        height = min(hint.height(), self.height())
        self.card.setGeometry(
            (self.width() - width) // 2, (self.height() - height) // 2, width, height
        )

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._restyle()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        veil = QColor(self.theme.background)
        veil.setAlpha(215)
        painter.fillRect(self.rect(), veil)
        painter.end()
